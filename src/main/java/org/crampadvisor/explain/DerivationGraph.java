package org.crampadvisor.explain;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An answer's derivation as a graph (SPEC section 3): the input facts and thresholds, each rule firing,
 * the evidence and reasons rules inserted, and the causes, advice and withheld advice they support. Built
 * from an answer as stored (its trace, causes, advice and withheld), so it works for any past evaluation,
 * also one stored before explanations existed.
 *
 * @param nodes every fact, firing and conclusion, in the order the derivation meets them
 * @param edges {@code matched} (fact to firing), {@code inserted} (firing to fact), {@code supports}
 *              (evidence to cause, reason to advice) and {@code withholds} (contraindication to withheld advice)
 */
@Schema(description = "The derivation of an answer: facts, rule firings and conclusions, and how they connect")
public record DerivationGraph(List<Node> nodes, List<Edge> edges) {

    public static final String INPUT = "input";
    public static final String THRESHOLD = "threshold";
    public static final String FIRING = "firing";
    public static final String EVIDENCE = "evidence";
    public static final String CAUSE = "cause";
    public static final String ADVICE = "advice";
    public static final String WITHHELD = "withheld";

    /**
     * @param id    {@code fact:<trace fact id>}, {@code firing:<sequence>}, {@code cause:<code>},
     *              {@code advice:<code>} or {@code withheld:<code>}
     * @param kind  input, threshold, firing, evidence, cause, advice or withheld
     * @param label what it is, in a few words
     */
    @Schema(description = "A fact, a rule firing or a conclusion")
    public record Node(@Schema(examples = "fact:14") String id,
                       @Schema(enumeration = {INPUT, THRESHOLD, FIRING, EVIDENCE, CAUSE, ADVICE, WITHHELD}, examples = INPUT)
                       String kind,
                       @Schema(examples = "LabResult labs[0]: potassium 3.1 mmol/L") String label) {
    }

    @Schema(description = "How two nodes connect")
    public record Edge(@Schema(examples = "fact:14") String from, @Schema(examples = "firing:1") String to,
                       @Schema(enumeration = {"matched", "inserted", "supports", "withholds"}, examples = "matched") String kind) {
    }

    /** The graph of an answer as stored (SPEC section 3's response JSON). */
    public static DerivationGraph of(JsonNode answer) {
        Map<String, Node> nodes = new LinkedHashMap<>();
        Set<Edge> edges = new LinkedHashSet<>();
        Map<String, String> givenAdvice = codes(answer.path("advice"));
        Map<String, String> withheldAdvice = codes(answer.path("withheld"));
        Map<String, String> causes = new LinkedHashMap<>();
        for (JsonNode cause : answer.path("causes")) {
            causes.put(cause.path("code").asText(), cause.path("title").asText(cause.path("code").asText())
                    + " (" + cause.path("certainty").asText() + ")");
        }
        List<JsonNode> inserted = new ArrayList<>();
        for (JsonNode firing : answer.path("trace")) {
            String firingId = "firing:" + firing.path("sequence").asInt();
            nodes.putIfAbsent(firingId, new Node(firingId, FIRING, "#" + firing.path("sequence").asInt() + " "
                    + firing.path("rule").asText()));
            for (JsonNode fact : firing.path("matched")) {
                String factId = factNode(fact, nodes, false);
                edges.add(new Edge(factId, firingId, "matched"));
            }
            for (JsonNode fact : firing.path("inserted")) {
                String factId = factNode(fact, nodes, true);
                edges.add(new Edge(firingId, factId, "inserted"));
                inserted.add(fact);
            }
        }
        for (JsonNode fact : inserted) {
            String factId = "fact:" + fact.path("id").asInt();
            JsonNode content = fact.path("fact");
            switch (fact.path("type").asText()) {
                case "CauseEvidence" -> {
                    String code = content.path("cause").asText();
                    if (causes.containsKey(code)) {
                        String causeId = "cause:" + code;
                        nodes.putIfAbsent(causeId, new Node(causeId, CAUSE, causes.get(code)));
                        edges.add(new Edge(factId, causeId, "supports"));
                    }
                }
                case "AdviceReason" -> {
                    String code = content.path("advice").asText();
                    if (givenAdvice.containsKey(code)) {
                        String adviceId = "advice:" + code;
                        nodes.putIfAbsent(adviceId, new Node(adviceId, ADVICE, code));
                        edges.add(new Edge(factId, adviceId, "supports"));
                    } else if (withheldAdvice.containsKey(code)) {
                        String withheldId = "withheld:" + code;
                        nodes.putIfAbsent(withheldId, new Node(withheldId, WITHHELD, code + " (withheld)"));
                        edges.add(new Edge(factId, withheldId, "supports"));
                    }
                }
                case "AdviceWithheld" -> {
                    String code = content.path("advice").asText();
                    if (withheldAdvice.containsKey(code)) {
                        String withheldId = "withheld:" + code;
                        nodes.putIfAbsent(withheldId, new Node(withheldId, WITHHELD, code + " (withheld)"));
                        edges.add(new Edge(factId, withheldId, "withholds"));
                    }
                }
                default -> {
                    // another inserted fact: it is in the graph through the firing that inserted it
                }
            }
        }
        return new DerivationGraph(List.copyOf(nodes.values()), List.copyOf(edges));
    }

    private static Map<String, String> codes(JsonNode entries) {
        Map<String, String> codes = new LinkedHashMap<>();
        for (JsonNode entry : entries) {
            codes.put(entry.path("code").asText(), entry.path("code").asText());
        }
        return codes;
    }

    private static String factNode(JsonNode fact, Map<String, Node> nodes, boolean insertedByRule) {
        String id = "fact:" + fact.path("id").asInt();
        Node known = nodes.get(id);
        String type = fact.path("type").asText();
        String kind = type.equals("Threshold") ? THRESHOLD
                : InputSection.ofType(type).isPresent() ? INPUT : EVIDENCE;
        if (known == null || (insertedByRule && !known.kind().equals(EVIDENCE))) {
            nodes.put(id, new Node(id, insertedByRule ? EVIDENCE : kind, label(type, fact.path("fact"))));
        }
        return id;
    }

    /** A fact in a few words, from its JSON as stored. */
    static String label(String type, JsonNode fact) {
        switch (type) {
            case "Threshold" -> {
                return "threshold " + fact.path("name").asText() + " " + fact.path("text").asText()
                        + (fact.path("unit").asText().isEmpty() ? "" : " " + fact.path("unit").asText());
            }
            case "CauseEvidence" -> {
                return fact.hasNonNull("text") ? fact.path("text").asText()
                        : fact.path("finding").asText() + " (" + fact.path("cause").asText() + ")";
            }
            case "AdviceReason" -> {
                return fact.path("advice").asText() + " because " + fact.path("because").asText();
            }
            case "AdviceWithheld" -> {
                return "withhold " + fact.path("advice").asText() + ": " + fact.path("because").asText();
            }
            default -> {
                List<String> values = new ArrayList<>();
                for (Iterator<Map.Entry<String, JsonNode>> fields = fact.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    if (!field.getKey().equals(InputSection.ORIGIN_FIELD) && !field.getValue().isNull()
                            && !(field.getValue().isArray() && field.getValue().isEmpty())) {
                        values.add(field.getKey() + " " + (field.getValue().isValueNode() ? field.getValue().asText()
                                : field.getValue().toString()));
                    }
                }
                String origin = fact.path(InputSection.ORIGIN_FIELD).asText("");
                return type + (origin.isEmpty() ? "" : " " + origin) + (values.isEmpty() ? "" : ": " + String.join(", ", values));
            }
        }
    }

    /** The graph in Graphviz DOT, left to right, one style per kind of node. */
    public String toDot() {
        StringBuilder dot = new StringBuilder(4096);
        dot.append("digraph derivation {\n")
                .append("  rankdir=LR;\n")
                .append("  node [fontname=\"Helvetica\", fontsize=10];\n")
                .append("  edge [fontname=\"Helvetica\", fontsize=8, color=\"#555555\"];\n");
        for (Node node : nodes) {
            dot.append("  ").append(quoted(node.id())).append(" [label=").append(quoted(wrapped(node.label())))
                    .append(", ").append(style(node.kind())).append("];\n");
        }
        for (Edge edge : edges) {
            dot.append("  ").append(quoted(edge.from())).append(" -> ").append(quoted(edge.to()))
                    .append(" [label=").append(quoted(edge.kind())).append(edge.kind().equals("withholds")
                            ? ", color=\"#b22222\", fontcolor=\"#b22222\"" : "").append("];\n");
        }
        return dot.append("}\n").toString();
    }

    private static String style(String kind) {
        return switch (kind) {
            case INPUT -> "shape=box, style=\"rounded,filled\", fillcolor=\"#dbe9f6\"";
            case THRESHOLD -> "shape=note, style=filled, fillcolor=\"#eeeeee\"";
            case FIRING -> "shape=ellipse, style=filled, fillcolor=\"#fff2b3\"";
            case CAUSE -> "shape=doubleoctagon, style=filled, fillcolor=\"#f9c98b\"";
            case ADVICE -> "shape=box, style=filled, fillcolor=\"#bfe5bf\"";
            case WITHHELD -> "shape=box, style=\"filled,dashed\", fillcolor=\"#f4b6b6\"";
            default -> "shape=box, style=filled, fillcolor=\"#e2f0d9\"";
        };
    }

    /** Long labels over several lines, at most about 40 characters each. */
    private static String wrapped(String label) {
        StringBuilder out = new StringBuilder(label.length() + 8);
        int lineLength = 0;
        for (String word : label.split(" ")) {
            if (lineLength > 0 && lineLength + word.length() > 40) {
                out.append('\n');
                lineLength = 0;
            } else if (lineLength > 0) {
                out.append(' ');
                lineLength++;
            }
            out.append(word);
            lineLength += word.length();
        }
        return out.toString();
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
