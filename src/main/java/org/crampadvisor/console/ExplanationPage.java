package org.crampadvisor.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.crampadvisor.api.Roles;
import org.crampadvisor.audit.AuditRepository;
import org.crampadvisor.engine.RuleInfo;
import org.crampadvisor.engine.Ruleset;
import org.crampadvisor.explain.DerivationGraph;
import org.crampadvisor.explain.InputSection;
import org.crampadvisor.explain.MissingInput;
import org.crampadvisor.explain.WhyNot;
import org.crampadvisor.replay.ArchivedRulesetUnavailable;
import org.crampadvisor.replay.ArchivedRulesets;
import org.crampadvisor.replay.StoredWhyNot;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Why an answer says what it says: its derivation as a picture (input facts, rule firings, evidence, causes,
 * advice and withheld advice), the same as plain-text chains, why each absent cause was not concluded, and
 * the inputs not given. An auditor opens it for any record; a requester for an answer they just got (their
 * own evaluation of the last hour), always rendered from the audit record on the server.
 */
@Path("/console/explain")
public class ExplanationPage {

    /** How long after evaluating a requester may open the explanation of their answer. */
    static final Duration REQUESTER_WINDOW = Duration.ofHours(1);
    // Five columns fit the page's 1200 px without a sideways scroll (10 + 4 * COLUMN + WIDTH + 10).
    private static final int WIDTH = 220;
    private static final int HEIGHT = 46;
    private static final int COLUMN = 240;
    private static final int ROW = 58;
    private static final int TOP = 34;

    /** A node of the picture, placed. */
    public record SvgNode(String id, String domId, String kind, String line1, String line2, String title, int x, int y,
                          String state) {
        public int width() {
            return WIDTH;
        }

        public int height() {
            return HEIGHT;
        }

        public int textX() {
            return x + 8;
        }

        public int firstLineY() {
            return y + 19;
        }

        public int secondLineY() {
            return y + 36;
        }
    }

    /** An edge of the picture, as a path between two placed nodes. */
    public record SvgEdge(String from, String to, String kind, String path, String state) {
    }

    public record Column(String heading, int x) {
    }

    public record Picture(int width, int height, List<Column> columns, List<SvgNode> nodes, List<SvgEdge> edges) {
    }

    /** A rule firing as listed under the picture. */
    public record FiringRow(String id, String rule, String ruleHref, String location, String description, String source) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance explain(Chrome chrome, String evaluationId, String recordHref, Picture picture,
                                               String focus, String focusLabel, List<String> chains, List<FiringRow> firings,
                                               List<String> unusedInputs, StoredWhyNot.Explained explained,
                                               List<String> causeLinks);
    }

    private final ConsolePages pages;
    private final AuditRepository repository;
    private final StoredWhyNot whyNot;
    private final ArchivedRulesets archive;
    private final ObjectMapper json;

    ExplanationPage(ConsolePages pages, AuditRepository repository, StoredWhyNot whyNot, ArchivedRulesets archive,
                    ObjectMapper json) {
        this.pages = pages;
        this.repository = repository;
        this.whyNot = whyNot;
        this.archive = archive;
        this.json = json;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response explain(@RestQuery String id, @RestQuery String focus) throws Exception {
        boolean auditor = pages.hasRole(Roles.AUDITOR);
        if (!auditor && !pages.hasRole(Roles.REQUESTER)) {
            return ConsoleErrors.forbidden(pages, "Only an auditor, or a requester for their own answer, may open an explanation.");
        }
        if (!AuditSearch.isEvaluationId(id)) {
            return ConsoleErrors.notFound(pages, "That is not an evaluation id.");
        }
        Optional<AuditRepository.StoredEvaluation> found = repository.find(UUID.fromString(id));
        // A requester sees only the answer they just got; the same words whether it exists or not.
        if (found.isEmpty() || (!auditor && (!found.get().principal().equals(pages.user())
                || found.get().evaluatedAt().isBefore(Instant.now().minus(REQUESTER_WINDOW))))) {
            return ConsoleErrors.notFound(pages, auditor ? "The audit log holds no evaluation with that id."
                    : "No answer of yours of the last hour has that id; evaluate again to see why.");
        }
        AuditRepository.StoredEvaluation stored = found.get();
        JsonNode answer = json.readTree(stored.responseJson());
        DerivationGraph graph = DerivationGraph.of(answer);
        Map<String, DerivationGraph.Node> nodes = new LinkedHashMap<>();
        graph.nodes().forEach(node -> nodes.put(node.id(), node));
        String focused = focus != null && nodes.containsKey(focus) ? focus : null;

        Ruleset ruleset = archive.version(stored.rulesetVersion());
        Map<String, JsonNode> firingsById = new HashMap<>();
        Map<String, JsonNode> factsById = new HashMap<>();
        for (JsonNode firing : answer.path("trace")) {
            firingsById.put("firing:" + firing.path("sequence").asInt(), firing);
            for (String part : List.of("matched", "inserted")) {
                for (JsonNode fact : firing.path(part)) {
                    factsById.putIfAbsent("fact:" + fact.path("id").asInt(), fact);
                }
            }
        }
        Map<String, String> shortLabels = new HashMap<>();
        List<FiringRow> firingRows = new ArrayList<>();
        for (DerivationGraph.Node node : graph.nodes()) {
            shortLabels.put(node.id(), shortLabel(node, firingsById, factsById, ruleset));
            if (node.kind().equals(DerivationGraph.FIRING)) {
                JsonNode firing = firingsById.get(node.id());
                Optional<RuleInfo> rule = rule(ruleset, firing);
                firingRows.add(new FiringRow(node.id(), firing.path("rule").asText(), Links.rule(firing.path("rule").asText()),
                        location(firing, rule), firing.path("metadata").path("description").asText(""),
                        firing.path("metadata").path("source").asText("")));
            }
        }
        // Causes are reached through the evidence that supports them: an evidence node reads as its cause.
        Map<String, String> supportedCause = new HashMap<>();
        for (DerivationGraph.Edge edge : graph.edges()) {
            if (edge.kind().equals("supports") && edge.to().startsWith("cause:")) {
                supportedCause.put(edge.from(), edge.to().substring("cause:".length()));
            }
        }

        Set<String> lit = focused == null ? Set.of() : chain(graph, focused);
        List<String> unused = unusedInputs(json.readTree(stored.requestJson()), factsById, graph);
        Picture picture = picture(graph, shortLabels, firingRows, lit, focused, unused);
        List<String> chains = focused == null ? List.of() : chains(graph, focused, shortLabels, supportedCause);
        StoredWhyNot.Explained explained = whyNot.explain(UUID.fromString(id)).orElseThrow();
        List<String> causeLinks = graph.nodes().stream().filter(n -> !n.kind().equals(DerivationGraph.INPUT)
                && !n.kind().equals(DerivationGraph.THRESHOLD) && (n.kind().equals(DerivationGraph.CAUSE)
                || n.kind().equals(DerivationGraph.ADVICE) || n.kind().equals(DerivationGraph.WITHHELD))).map(DerivationGraph.Node::id).toList();
        return Response.ok(Templates.explain(pages.chrome(auditor ? ConsolePages.Page.AUDIT : ConsolePages.Page.EVALUATE,
                        "Why: decision " + id), id, auditor ? Links.record(id) : null, picture, focused,
                focused == null ? null : shortLabels.get(focused), chains, firingRows, unused, explained, causeLinks)).build();
    }

    static String href(String evaluationId, String focus) {
        return Links.withQuery("/console/explain", Links.params("id", evaluationId, "focus", focus));
    }

    private static Optional<RuleInfo> rule(Ruleset ruleset, JsonNode firing) {
        return ruleset.rule(firing.path("package").asText(), firing.path("rule").asText());
    }

    private static String location(JsonNode firing, Optional<RuleInfo> rule) {
        return rule.map(r -> r.file() + ":" + r.line()).orElse(firing.path("file").asText());
    }

    /** A node in a few words: a firing as its rule and file:line, an input as its request path and values. */
    private static String shortLabel(DerivationGraph.Node node, Map<String, JsonNode> firings, Map<String, JsonNode> facts,
                                     Ruleset ruleset) {
        switch (node.kind()) {
            case DerivationGraph.FIRING -> {
                JsonNode firing = firings.get(node.id());
                return firing.path("rule").asText() + " (" + location(firing, rule(ruleset, firing)) + ")";
            }
            case DerivationGraph.INPUT -> {
                JsonNode fact = facts.get(node.id());
                if (fact == null) {
                    return node.label();
                }
                JsonNode content = fact.path("fact");
                List<String> values = new ArrayList<>();
                for (Iterator<Map.Entry<String, JsonNode>> fields = content.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    JsonNode value = field.getValue();
                    if (!field.getKey().equals(InputSection.ORIGIN_FIELD) && value.isValueNode() && !value.isNull()
                            && !field.getKey().startsWith("canonical")) {
                        values.add(value.asText());
                    }
                }
                String origin = content.path(InputSection.ORIGIN_FIELD).asText(fact.path("type").asText());
                return origin + (values.isEmpty() ? "" : " " + String.join(" ", values));
            }
            case DerivationGraph.CAUSE, DerivationGraph.ADVICE, DerivationGraph.WITHHELD -> {
                return node.id().substring(node.id().indexOf(':') + 1);
            }
            default -> {
                return node.label();
            }
        }
    }

    /** The node, everything it derives from and everything derived from it. */
    static Set<String> chain(DerivationGraph graph, String start) {
        Set<String> lit = new LinkedHashSet<>();
        lit.add(start);
        walk(graph, start, true, lit);
        walk(graph, start, false, lit);
        // Advice follows from causes through their evidence: light the causes that evidence of the chain supports.
        for (DerivationGraph.Edge edge : graph.edges()) {
            if (edge.kind().equals("supports") && edge.to().startsWith("cause:") && lit.contains(edge.from())) {
                lit.add(edge.to());
            }
        }
        return lit;
    }

    private static void walk(DerivationGraph graph, String start, boolean backwards, Set<String> into) {
        Deque<String> todo = new ArrayDeque<>(List.of(start));
        Set<String> seen = new LinkedHashSet<>(List.of(start));
        while (!todo.isEmpty()) {
            String at = todo.pop();
            for (DerivationGraph.Edge edge : graph.edges()) {
                String next = backwards ? (edge.to().equals(at) ? edge.from() : null) : (edge.from().equals(at) ? edge.to() : null);
                if (next != null && seen.add(next)) {
                    into.add(next);
                    todo.push(next);
                }
            }
        }
    }

    /** Every path back from the node to an input or threshold, in words: "HYDRATE ← ELECTROLYTE_IMBALANCE ← …". */
    private static List<String> chains(DerivationGraph graph, String start, Map<String, String> labels,
                                       Map<String, String> supportedCause) {
        Set<String> chains = new LinkedHashSet<>();
        back(graph, start, new ArrayList<>(), labels, supportedCause, chains);
        return List.copyOf(chains);
    }

    private static void back(DerivationGraph graph, String at, List<String> path, Map<String, String> labels,
                             Map<String, String> supportedCause, Set<String> chains) {
        if (chains.size() >= 40 || path.contains(at)) {
            return;
        }
        List<String> here = new ArrayList<>(path);
        here.add(at);
        List<String> parents = graph.edges().stream().filter(e -> e.to().equals(at)).map(DerivationGraph.Edge::from).toList();
        if (parents.isEmpty()) {
            List<String> words = new ArrayList<>();
            for (String id : here) {
                String word = supportedCause.containsKey(id) ? supportedCause.get(id) : labels.get(id);
                // Evidence that only relays an advice reason adds nothing to the words; its firing says it.
                if (graph.nodes().stream().anyMatch(n -> n.id().equals(id) && n.kind().equals(DerivationGraph.EVIDENCE))
                        && !supportedCause.containsKey(id)) {
                    continue;
                }
                if (words.isEmpty() || !words.get(words.size() - 1).equals(word)) {
                    words.add(word);
                }
            }
            chains.add(String.join(" ← ", words));
            return;
        }
        for (String parent : parents) {
            back(graph, parent, here, labels, supportedCause, chains);
        }
    }

    /** The request's items that no rule matched: each list item and each given field, by its request path. */
    private static List<String> unusedInputs(JsonNode request, Map<String, JsonNode> facts, DerivationGraph graph) {
        Set<String> used = new LinkedHashSet<>();
        for (DerivationGraph.Node node : graph.nodes()) {
            if (node.kind().equals(DerivationGraph.INPUT) && facts.containsKey(node.id())) {
                used.add(facts.get(node.id()).path("fact").path(InputSection.ORIGIN_FIELD).asText(""));
            }
        }
        List<String> unused = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> sections = request.fields(); sections.hasNext(); ) {
            Map.Entry<String, JsonNode> section = sections.next();
            collect(section.getKey(), section.getValue(), used, unused);
        }
        return unused;
    }

    private static void collect(String path, JsonNode value, Set<String> used, List<String> unused) {
        if (path.equals("patient.id") || path.equals("patient") && value.isValueNode()) {
            return;
        }
        if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                String item = path + "[" + i + "]";
                if (used.stream().noneMatch(u -> related(u, item))) {
                    JsonNode element = value.get(i);
                    unused.add(item + " " + (element.isValueNode() ? element.asText() : values(element)));
                }
            }
        } else if (value.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                collect(path + "." + field.getKey(), field.getValue(), used, unused);
            }
        } else if (!value.isNull() && used.stream().noneMatch(u -> related(u, path))) {
            unused.add(path + " " + value.asText());
        }
    }

    /** Whether a fact from request path {@code origin} stands for the request item at {@code path}, or holds it, or is part of it. */
    private static boolean related(String origin, String path) {
        return origin.equals(path) || path.startsWith(origin + ".") || path.startsWith(origin + "[")
                || origin.startsWith(path + ".") || origin.startsWith(path + "[");
    }

    private static String values(JsonNode element) {
        List<String> values = new ArrayList<>();
        element.fields().forEachRemaining(field -> values.add(field.getValue().isValueNode() ? field.getValue().asText()
                : field.getValue().toString()));
        return String.join(" ", values);
    }

    private static int column(String kind) {
        return switch (kind) {
            case DerivationGraph.INPUT, DerivationGraph.THRESHOLD -> 0;
            case DerivationGraph.FIRING -> 1;
            case DerivationGraph.EVIDENCE -> 2;
            case DerivationGraph.CAUSE -> 3;
            default -> 4;
        };
    }

    private static Picture picture(DerivationGraph graph, Map<String, String> labels, List<FiringRow> firings,
                                   Set<String> lit, String focused, List<String> unused) {
        int[] rows = new int[5];
        Map<String, SvgNode> placed = new LinkedHashMap<>();
        Map<String, String> descriptions = new HashMap<>();
        firings.forEach(f -> descriptions.put(f.id(), f.description()));
        int index = 0;
        for (DerivationGraph.Node node : graph.nodes()) {
            int column = column(node.kind());
            String label = labels.get(node.id());
            String line2 = switch (node.kind()) {
                case DerivationGraph.FIRING -> label.substring(label.lastIndexOf(" (") + 2, label.length() - 1);
                case DerivationGraph.CAUSE -> node.label();
                case DerivationGraph.WITHHELD -> "withheld";
                case DerivationGraph.ADVICE -> "advice";
                default -> node.kind();
            };
            String line1 = node.kind().equals(DerivationGraph.FIRING) ? label.substring(0, label.lastIndexOf(" (")) : label;
            String title = node.label() + (descriptions.containsKey(node.id()) ? ": " + descriptions.get(node.id()) : "");
            String state = focused == null ? "" : lit.contains(node.id()) ? (node.id().equals(focused) ? "lit focus" : "lit") : "dim";
            placed.put(node.id(), new SvgNode(node.id(), "node-" + index++, node.kind(), clip(line1, 31), clip(line2, 33), title,
                    10 + column * COLUMN, TOP + rows[column]++ * ROW, state));
        }
        List<SvgNode> nodes = new ArrayList<>(placed.values());
        for (String input : unused) {
            nodes.add(new SvgNode("unused:" + input, "node-" + index++, "unused", clip(input, 31), "not used by any rule",
                    input + ": not used by any rule", 10, TOP + rows[0]++ * ROW, focused == null ? "" : "dim"));
        }
        List<SvgEdge> edges = new ArrayList<>();
        for (DerivationGraph.Edge edge : graph.edges()) {
            SvgNode from = placed.get(edge.from());
            SvgNode to = placed.get(edge.to());
            if (from == null || to == null) {
                continue;
            }
            int x1 = from.x() + WIDTH;
            int y1 = from.y() + HEIGHT / 2;
            int x2 = to.x();
            int y2 = to.y() + HEIGHT / 2;
            if (x2 <= x1) {
                // Backwards (evidence matched by a later firing): leave from the bottom, enter from the bottom.
                x1 = from.x() + WIDTH / 2;
                y1 = from.y() + HEIGHT;
                x2 = to.x() + WIDTH / 2;
                y2 = to.y() + HEIGHT;
            }
            int bend = Math.max(30, Math.abs(x2 - x1) / 2);
            String path = "M" + x1 + "," + y1 + " C" + (x1 + (x2 > x1 ? bend : 0)) + "," + (y1 + (x2 > x1 ? 0 : 40)) + " "
                    + (x2 - (x2 > x1 ? bend : 0)) + "," + (y2 + (x2 > x1 ? 0 : 40)) + " " + x2 + "," + y2;
            String state = focused == null ? "" : lit.contains(edge.from()) && lit.contains(edge.to()) ? "lit" : "dim";
            edges.add(new SvgEdge(from.domId(), to.domId(), edge.kind(), path, state));
        }
        int height = TOP + Math.max(1, java.util.Arrays.stream(rows).max().orElse(1)) * ROW + 20;
        List<Column> columns = List.of(new Column("Input facts", 10), new Column("Rules fired", 10 + COLUMN),
                new Column("Evidence", 10 + 2 * COLUMN), new Column("Causes", 10 + 3 * COLUMN),
                new Column("Advice / withheld", 10 + 4 * COLUMN));
        return new Picture(10 + 4 * COLUMN + WIDTH + 10, height, columns, nodes, edges);
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** Only for this page's endpoints: the decision's ruleset version could not be rebuilt. */
    @ServerExceptionMapper
    Response archiveUnavailable(ArchivedRulesetUnavailable e) {
        return ConsoleErrors.archiveUnavailable(pages, e);
    }
}
