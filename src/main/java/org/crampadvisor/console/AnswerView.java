package org.crampadvisor.console;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * An answer as the console shows it, read from its JSON (as stored in the audit log or as just given),
 * so that answers stored by earlier versions of the service, with fewer fields, show the same way.
 */
public record AnswerView(String evaluationId, String evaluatedAt, String rulesetVersion, List<Cause> causes,
                         List<Advice> advice, List<Withheld> withheld, List<Unrecognized> unrecognized,
                         List<Firing> trace, String disclaimer) {

    public record Cause(String code, String title, String certainty, List<String> findings, List<String> rules) {
    }

    public record Advice(String code, String text, List<String> because, List<String> rules) {
    }

    public record Withheld(String code, List<String> because, List<String> rules) {
    }

    public record Unrecognized(String field, String value) {
    }

    /** A fact as a line of text: its id, type and fields. */
    public record Fact(String id, String type, String text) {
    }

    public record Firing(int sequence, String rule, String ruleHref, String file, String description,
                         List<Fact> matched, List<Fact> inserted) {
    }

    static AnswerView of(JsonNode answer) {
        List<Cause> causes = new ArrayList<>();
        for (JsonNode c : answer.path("causes")) {
            causes.add(new Cause(c.path("code").asText(), c.path("title").asText(), c.path("certainty").asText(),
                    texts(c.path("findings")), texts(c.path("rules"))));
        }
        List<Advice> advice = new ArrayList<>();
        for (JsonNode a : answer.path("advice")) {
            advice.add(new Advice(a.path("code").asText(), a.path("text").asText(), texts(a.path("because")),
                    texts(a.path("rules"))));
        }
        List<Withheld> withheld = new ArrayList<>();
        for (JsonNode w : answer.path("withheld")) {
            withheld.add(new Withheld(w.path("code").asText(), texts(w.path("because")), texts(w.path("rules"))));
        }
        List<Unrecognized> unrecognized = new ArrayList<>();
        for (JsonNode u : answer.path("unrecognized")) {
            unrecognized.add(new Unrecognized(u.path("field").asText(), u.path("value").asText()));
        }
        List<Firing> trace = new ArrayList<>();
        for (JsonNode f : answer.path("trace")) {
            String rule = f.path("rule").asText();
            trace.add(new Firing(f.path("sequence").asInt(), rule, Links.rule(rule), f.path("file").asText(),
                    f.path("metadata").path("description").asText(""), facts(f.path("matched")), facts(f.path("inserted"))));
        }
        return new AnswerView(answer.path("evaluationId").asText(""), answer.path("evaluatedAt").asText(""),
                answer.path("rulesetVersion").asText(""), causes, advice, withheld, unrecognized, trace,
                answer.path("disclaimer").asText(""));
    }

    public List<String> causeCodes() {
        return causes.stream().map(Cause::code).toList();
    }

    public List<String> adviceCodes() {
        return advice.stream().map(Advice::code).toList();
    }

    public List<String> withheldCodes() {
        return withheld.stream().map(Withheld::code).toList();
    }

    public List<String> rulesFired() {
        return trace.stream().map(Firing::rule).distinct().toList();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    private static List<Fact> facts(JsonNode array) {
        List<Fact> facts = new ArrayList<>();
        for (JsonNode fact : array) {
            if (!fact.isObject()) {
                facts.add(new Fact("", "", fact.asText()));
                continue;
            }
            StringBuilder text = new StringBuilder();
            for (Iterator<Map.Entry<String, JsonNode>> fields = fact.path("fact").fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                text.append(text.isEmpty() ? "" : ", ").append(field.getKey()).append(' ')
                        .append(field.getValue().isTextual() ? field.getValue().asText() : field.getValue().toString());
            }
            facts.add(new Fact(fact.path("id").asText(""), fact.path("type").asText(""), text.toString()));
        }
        return facts;
    }
}
