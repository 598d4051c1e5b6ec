package org.crampadvisor.contract;

import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks every request a test sends through RestAssured, and its response, against the OpenAPI
 * document the running service publishes at {@code /q/openapi}: a departure fails the test that made
 * the request, naming what the document says. Registered once for every {@code @QuarkusTest} by
 * {@link OpenApiContractRegistration}, so a new endpoint is checked as soon as a test calls it.
 */
public final class OpenApiContractFilter implements Filter {

    static final OpenApiContractFilter INSTANCE = new OpenApiContractFilter();

    private final Map<String, OpenApiConformance> documents = new ConcurrentHashMap<>();

    private OpenApiContractFilter() {
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
                           FilterContext context) {
        Response response = context.next(request, responseSpec);
        URI uri = URI.create(request.getURI());
        if (!OpenApiConformance.governs(uri.getRawPath())) {
            return response;
        }
        OpenApiConformance conformance = documentOf(uri);
        Exchange exchange = new Exchange(request.getMethod(), URLDecoder.decode(uri.getRawPath(), StandardCharsets.UTF_8),
                query(uri.getRawQuery()), request.getHeaders().getValue("Content-Type"),
                request.getHeaders().getValue("Content-Encoding"), body(request.getBody()), response.getStatusCode(),
                response.getContentType() == null || response.getContentType().isEmpty() ? null : response.getContentType(),
                response.getHeader("Allow"), response.asString());
        List<String> violations = conformance.violations(exchange);
        if (!violations.isEmpty()) {
            throw new AssertionError("OpenAPI contract broken by " + request.getMethod() + " " + uri.getRawPath()
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) + " -> " + response.getStatusCode()
                    + ":\n  - " + String.join("\n  - ", violations));
        }
        return response;
    }

    /** The document of the service behind this URI (each test profile's service has its own port). */
    public OpenApiConformance documentOf(URI uri) {
        return documents.computeIfAbsent(uri.getScheme() + "://" + uri.getRawAuthority(), OpenApiContractFilter::load);
    }

    private static OpenApiConformance load(String base) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(base + "/q/openapi?format=json")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("the service at " + base + " publishes no OpenAPI document: " + response.statusCode());
            }
            return new OpenApiConformance(response.body());
        } catch (IOException e) {
            throw new AssertionError("cannot read the OpenAPI document of " + base, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while reading the OpenAPI document of " + base, e);
        }
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            String[] nameAndValue = pair.split("=", 2);
            query.computeIfAbsent(URLDecoder.decode(nameAndValue[0], StandardCharsets.UTF_8), n -> new ArrayList<>())
                    .add(nameAndValue.length == 2 ? URLDecoder.decode(nameAndValue[1], StandardCharsets.UTF_8) : "");
        }
        return query;
    }

    private static String body(Object body) {
        if (body == null) {
            return "";
        }
        if (body instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return body.toString();
    }
}
