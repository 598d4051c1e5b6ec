package org.crampadvisor.contract;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract check itself: what it lets through and what it catches. */
class OpenApiConformanceTest {

    private static final String PROBLEM = "{\"content\": {\"application/problem+json\": {\"schema\": "
            + "{\"$ref\": \"#/components/schemas/Problem\"}}}}";
    private static final OpenApiConformance DOCUMENT = new OpenApiConformance("""
            {"openapi": "3.1.0",
             "paths": {"/api/things/{id}": {"get": {
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}},
                               {"name": "limit", "in": "query", "schema": {"type": "integer", "maximum": 5}}],
                "responses": {"200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
                              "400": %s, "404": %s}}}},
             "components": {"schemas": {
                "Thing": {"type": "object", "properties": {"name": {"type": "string"}}, "required": ["name"],
                          "additionalProperties": false},
                "Problem": {"type": "object", "required": ["status"], "properties": {"status": {"type": "integer"},
                            "title": {"type": "string"}, "detail": {"type": "string"}, "type": {"type": "string"}},
                            "additionalProperties": false}}}}""".formatted(PROBLEM, PROBLEM));

    private static Exchange get(String path, Map<String, List<String>> query, int status, String contentType, String body) {
        return new Exchange("GET", path, query, null, null, "", status, contentType, null, body);
    }

    @Test
    void shouldPassAnExchangeTheDocumentDescribes() {
        assertThat(DOCUMENT.violations(get("/api/things/7", Map.of("limit", List.of("3")), 200, "application/json",
                "{\"name\": \"seven\"}"))).isEmpty();
        assertThat(DOCUMENT.violations(get("/api/things/7", Map.of("limit", List.of("9")), 400,
                "application/problem+json", "{\"status\": 400}"))).isEmpty();
    }

    @Test
    void shouldCatchAnOperationTheDocumentLacks() {
        assertThat(DOCUMENT.violations(get("/api/other", Map.of(), 200, "application/json", "{}")))
                .anyMatch(v -> v.contains("no documented path matches"));
        assertThat(DOCUMENT.violations(new Exchange("DELETE", "/api/things/7", Map.of(), null, null, "", 200,
                "application/json", null, "{}"))).anyMatch(v -> v.contains("must be 405"));
        assertThat(DOCUMENT.violations(new Exchange("DELETE", "/api/things/7", Map.of(), null, null, "", 405,
                "application/problem+json", "GET, POST", "{\"status\": 405}"))).anyMatch(v -> v.contains("Allow"));
        assertThat(DOCUMENT.violations(new Exchange("DELETE", "/api/things/7", Map.of(), null, null, "", 405,
                "application/problem+json", "GET, HEAD, OPTIONS", "{\"status\": 405}"))).isEmpty();
    }

    @Test
    void shouldCatchAnAnswerTheDocumentDoesNotDescribe() {
        assertThat(DOCUMENT.violations(get("/api/things/7", Map.of(), 201, "application/json", "{\"name\": \"x\"}")))
                .anyMatch(v -> v.contains("status 201 is not documented"));
        assertThat(DOCUMENT.violations(get("/api/things/7", Map.of(), 200, "application/json",
                "{\"name\": \"x\", \"extra\": 1}"))).anyMatch(v -> v.contains("does not describe"));
        assertThat(DOCUMENT.violations(get("/api/things/7", Map.of(), 200, "text/plain", "x")))
                .anyMatch(v -> v.contains("answered as text/plain"));
        assertThat(DOCUMENT.violations(get("/api/things/7", Map.of(), 404, "application/problem+json", "{\"title\": \"x\"}")))
                .anyMatch(v -> v.contains("does not describe"));
    }

    @Test
    void shouldCatchARequestTheDocumentCallsInvalidBeingAccepted() {
        assertThat(DOCUMENT.violations(get("/api/things/7", Map.of("limit", List.of("9")), 200, "application/json",
                "{\"name\": \"x\"}"))).anyMatch(v -> v.contains("calls the request invalid"));
        assertThat(DOCUMENT.violations(get("/api/things/7", Map.of("lmit", List.of("1")), 200, "application/json",
                "{\"name\": \"x\"}"))).anyMatch(v -> v.contains("lmit is not documented"));
    }

    @Test
    void shouldLeavePathsOutsideTheApiAlone() {
        assertThat(DOCUMENT.violations(get("/console/anything", Map.of(), 200, "text/html", "<p>"))).isEmpty();
        assertThat(DOCUMENT.violations(get("/q/health", Map.of(), 200, "application/json", "{}"))).isEmpty();
    }
}
