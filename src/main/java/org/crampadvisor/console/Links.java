package org.crampadvisor.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** Console URLs with their query parameters encoded, so that a rule name or a filter is always one parameter. */
final class Links {

    private Links() {
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String rule(String name) {
        return "/console/rules/rule?name=" + encode(name);
    }

    static String auditByRule(String name) {
        return "/console/audit?rule=" + encode(name);
    }

    static String record(String evaluationId) {
        return "/console/audit/record?id=" + encode(evaluationId);
    }

    /** A path with the given parameters, those without a value left out. */
    static String withQuery(String path, Map<String, String> parameters) {
        StringJoiner query = new StringJoiner("&");
        parameters.forEach((name, value) -> {
            if (value != null && !value.isEmpty()) {
                query.add(encode(name) + "=" + encode(value));
            }
        });
        return query.length() == 0 ? path : path + "?" + query;
    }

    static Map<String, String> params(String... namesAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }
}
