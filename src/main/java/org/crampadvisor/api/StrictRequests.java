package org.crampadvisor.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.crampadvisor.evaluation.FieldError;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * As strict at the edges of every endpoint as the JSON reader is inside the body: a query parameter
 * the endpoint does not take is refused (a typo must never widen a search silently), a body without a
 * Content-Type or in another charset than UTF-8 is refused, and OPTIONS names exactly the methods a
 * path answers.
 */
public class StrictRequests {

    private final ResourceMethods resourceMethods;
    private final Map<Method, Set<String>> queryParameters = new ConcurrentHashMap<>();

    StrictRequests(ResourceMethods resourceMethods) {
        this.resourceMethods = resourceMethods;
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> options(ContainerRequestContext request) {
        if (!request.getMethod().equals(HttpMethod.OPTIONS)) {
            return Optional.empty();
        }
        List<String> allowed = resourceMethods.allowed(request.getUriInfo().getPath());
        if (allowed.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Response.noContent().header(HttpHeaders.ALLOW, String.join(", ", allowed)).build());
    }

    @ServerRequestFilter
    public void strictEdges(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null || isConsole(request.getUriInfo().getPath())) {
            return;
        }
        checkContentType(request, method, resource.getResourceClass());
        Set<String> taken = queryParameters.computeIfAbsent(method, StrictRequests::queryParametersOf);
        List<FieldError> unknown = new ArrayList<>(); // or given without a value
        Map<String, List<String>> given = request.getUriInfo().getQueryParameters();
        for (String name : new TreeSet<>(given.keySet())) {
            if (taken.contains(name) && given.get(name).stream().allMatch(String::isEmpty)) {
                unknown.add(new FieldError(name, "has no value; give one, or leave the parameter out"));
            } else if (!taken.contains(name)) {
                unknown.add(new FieldError(name, taken.isEmpty() ? "is not a query parameter of this endpoint, "
                        + "which takes none" : "is not a query parameter of this endpoint; it takes "
                        + String.join(", ", taken)));
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidRequestException(unknown.size() == 1 ? "invalid query parameter " + unknown.get(0).field()
                    : unknown.size() + " invalid query parameters", unknown);
        }
    }

    /**
     * The web console is not the API: its search forms send every field, filled or not, and its pages read
     * and check their own parameters, naming a wrong one beside its field.
     */
    private static boolean isConsole(String path) {
        return path.equals("/console") || path.startsWith("/console/");
    }

    private static void checkContentType(ContainerRequestContext request, Method method, Class<?> type) {
        Consumes consumes = method.getAnnotation(Consumes.class) != null ? method.getAnnotation(Consumes.class)
                : type.getAnnotation(Consumes.class);
        if (consumes == null) {
            return;
        }
        MediaType mediaType = request.getMediaType();
        if (mediaType == null && !hasBody(request)) {
            return; // nothing sent, nothing to describe (an endpoint whose body is optional)
        }
        if (mediaType == null) {
            throw new UnsupportedBodyException("the request has no Content-Type; send the body as "
                    + String.join(" or ", consumes.value()) + " (Content-Type: " + consumes.value()[0] + ")");
        }
        String charset = mediaType.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !charset.strip().replace("\"", "").equalsIgnoreCase(StandardCharsets.UTF_8.name())) {
            throw new UnsupportedBodyException("the body must be UTF-8; charset=" + charset + " is not accepted");
        }
    }

    private static boolean hasBody(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        return request.getHeaderString("Transfer-Encoding") != null
                || length != null && !length.strip().equals("0");
    }

    private static Set<String> queryParametersOf(Method method) {
        java.util.SortedSet<String> names = new TreeSet<>();
        for (Parameter parameter : method.getParameters()) {
            QueryParam query = parameter.getAnnotation(QueryParam.class);
            if (query != null) {
                names.add(query.value());
            }
            RestQuery restQuery = parameter.getAnnotation(RestQuery.class);
            if (restQuery != null) {
                names.add(restQuery.value().isEmpty() ? parameter.getName() : restQuery.value());
            }
        }
        return Collections.unmodifiableSortedSet(names);
    }

    /** A body the endpoint cannot take as sent: 415. */
    public static class UnsupportedBodyException extends RuntimeException {
        UnsupportedBodyException(String detail) {
            super(detail);
        }
    }
}
