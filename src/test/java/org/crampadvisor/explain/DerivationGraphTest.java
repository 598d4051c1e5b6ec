package org.crampadvisor.explain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.crampadvisor.RulesFolderFixture;
import org.crampadvisor.evaluation.EvaluationRequest;
import org.crampadvisor.evaluation.Evaluator;
import org.crampadvisor.evaluation.StrictJson;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The derivation graph, built from an answer as the audit log keeps it. */
class DerivationGraphTest {

    private static final ObjectMapper JSON = StrictJson.newMapper();

    private static JsonNode storedAnswer(String request) throws Exception {
        return JSON.readTree(JSON.writeValueAsString(new Evaluator().evaluate(JSON.readValue(request, EvaluationRequest.class),
                RulesFolderFixture.ruleset())));
    }

    @Test
    void shouldLeadFromEveryConclusionBackToTheInputAsSent() throws Exception {
        JsonNode answer = storedAnswer(Files.readString(Path.of("src/test/resources/spec-example.json")));
        DerivationGraph graph = DerivationGraph.of(answer);
        Set<String> ids = graph.nodes().stream().map(DerivationGraph.Node::id).collect(Collectors.toSet());

        assertThat(graph.nodes()).extracting(DerivationGraph.Node::id).doesNotHaveDuplicates()
                .allMatch(id -> id.matches("(fact:\\d+|firing:\\d+|cause:[A-Z_]+|advice:[A-Z_]+|withheld:[A-Z_]+)"));
        assertThat(graph.edges()).allSatisfy(edge -> assertThat(ids).contains(edge.from(), edge.to()));
        assertThat(graph.edges()).extracting(DerivationGraph.Edge::kind).containsOnly("matched", "inserted", "supports");
        assertThat(graph.nodes()).filteredOn(n -> n.kind().equals(DerivationGraph.CAUSE)).hasSize(answer.path("causes").size());
        assertThat(graph.nodes()).filteredOn(n -> n.kind().equals(DerivationGraph.ADVICE)).hasSize(answer.path("advice").size());
        assertThat(graph.nodes()).filteredOn(n -> n.kind().equals(DerivationGraph.FIRING)).hasSize(answer.path("trace").size());
        // The same ids as the trace: fact 1 is the first threshold inserted.
        assertThat(graph.nodes()).filteredOn(n -> n.kind().equals(DerivationGraph.THRESHOLD))
                .extracting(DerivationGraph.Node::label).anyMatch(label -> label.startsWith("threshold potassium.low 3.5 mmol/L"));

        for (DerivationGraph.Node conclusion : graph.nodes().stream()
                .filter(n -> n.kind().equals(DerivationGraph.ADVICE) || n.kind().equals(DerivationGraph.CAUSE)).toList()) {
            assertThat(reachesAnInput(graph, conclusion.id())).as(conclusion.id()).isTrue();
        }
    }

    @Test
    void shouldShowWithheldAdviceWithWhatWithheldItAndWhatWouldHaveGivenIt() throws Exception {
        DerivationGraph graph = DerivationGraph.of(storedAnswer("""
                {"labs": [{"analyte": "sodium", "value": 129, "unit": "mmol/L"}], "substances": {"caffeineMgPerDay": 600}}"""));

        DerivationGraph.Node withheld = graph.nodes().stream().filter(n -> n.id().equals("withheld:HYDRATE")).findFirst().orElseThrow();
        assertThat(withheld.kind()).isEqualTo(DerivationGraph.WITHHELD);
        Map<String, List<String>> into = graph.edges().stream().filter(e -> e.to().equals("withheld:HYDRATE"))
                .collect(Collectors.groupingBy(DerivationGraph.Edge::kind,
                        Collectors.mapping(DerivationGraph.Edge::from, Collectors.toList())));
        assertThat(into.get("withholds")).hasSize(1);
        assertThat(into.get("supports")).isNotEmpty();
        String contraindication = into.get("withholds").get(0);
        assertThat(graph.nodes()).filteredOn(n -> n.id().equals(contraindication)).singleElement()
                .satisfies(n -> assertThat(n.label()).isEqualTo("withhold HYDRATE: LOW_SODIUM"));
        assertThat(graph.nodes()).extracting(DerivationGraph.Node::id).doesNotContain("advice:HYDRATE");
    }

    @Test
    void shouldWriteDotWithEveryNodeAndEdgeQuoted() throws Exception {
        DerivationGraph graph = DerivationGraph.of(storedAnswer("""
                {"labs": [{"analyte": "potassium", "value": 3.1, "unit": "mmol/L"}], "conditions": ["Parkinson's \\"disease\\""]}"""));
        String dot = graph.toDot();

        assertThat(dot).startsWith("digraph derivation {").endsWith("}\n");
        for (DerivationGraph.Node node : graph.nodes()) {
            assertThat(dot).contains("\"" + node.id() + "\" [label=");
        }
        for (DerivationGraph.Edge edge : graph.edges()) {
            assertThat(dot).contains("\"" + edge.from() + "\" -> \"" + edge.to() + "\" [label=\"" + edge.kind() + "\"");
        }
        assertThat(dot.lines().filter(l -> l.contains("->")).count()).isEqualTo(graph.edges().size());
    }

    @Test
    void shouldBuildTheGraphOfAnAnswerStoredBeforeExplanationsExisted() throws Exception {
        ObjectMapper json = StrictJson.newMapper();
        JsonNode old = json.readTree("""
                {"evaluationId": "x", "causes": [{"code": "ELECTROLYTE_IMBALANCE", "title": "Electrolyte imbalance",
                  "certainty": "likely"}], "advice": [],
                 "trace": [{"sequence": 1, "rule": "Low serum potassium",
                   "matched": [{"id": 14, "type": "LabResult", "fact": {"field": "labs[0]", "analyte": "potassium", "value": 3.1}}],
                   "inserted": [{"id": 16, "type": "CauseEvidence", "fact": {"cause": "ELECTROLYTE_IMBALANCE",
                     "finding": "low-potassium", "text": "Serum potassium 3.1 mmol/L is below 3.5 mmol/L"}}]}]}""");
        DerivationGraph graph = DerivationGraph.of(old);

        assertThat(graph.nodes()).extracting(DerivationGraph.Node::id)
                .containsExactly("firing:1", "fact:14", "fact:16", "cause:ELECTROLYTE_IMBALANCE");
        assertThat(graph.edges()).containsExactly(new DerivationGraph.Edge("fact:14", "firing:1", "matched"),
                new DerivationGraph.Edge("firing:1", "fact:16", "inserted"),
                new DerivationGraph.Edge("fact:16", "cause:ELECTROLYTE_IMBALANCE", "supports"));
    }

    private static boolean reachesAnInput(DerivationGraph graph, String from) {
        Map<String, String> kinds = graph.nodes().stream().collect(Collectors.toMap(DerivationGraph.Node::id, DerivationGraph.Node::kind));
        Deque<String> todo = new ArrayDeque<>(List.of(from));
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            String node = todo.pop();
            if (!seen.add(node)) {
                continue;
            }
            if (kinds.get(node).equals(DerivationGraph.INPUT)) {
                return true;
            }
            graph.edges().stream().filter(e -> e.to().equals(node)).forEach(e -> todo.push(e.from()));
        }
        return false;
    }
}
