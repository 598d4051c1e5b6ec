package org.crampadvisor.api;

/**
 * A body limit of its own for the requests under a path, e.g. a larger one for an endpoint that takes
 * whole FHIR bundles. Produce one as a CDI bean ({@code @Produces PathBodyLimit}) and
 * {@link RequestBodies} applies it; the longest matching prefix wins, every other path keeps
 * {@code advisor.http.max-body-size}.
 *
 * @param pathPrefix a path such as {@code /cds-services}; it also covers the paths below it ({@code /} covers all)
 * @param maxBytes   the largest body accepted there
 */
public record PathBodyLimit(String pathPrefix, long maxBytes) {

    public PathBodyLimit {
        if (!pathPrefix.startsWith("/") || (pathPrefix.endsWith("/") && pathPrefix.length() > 1)) {
            throw new IllegalArgumentException("a path prefix starts with '/' and does not end with it: " + pathPrefix);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("a body limit is at least one byte: " + maxBytes);
        }
    }

    boolean covers(String path) {
        return pathPrefix.equals("/") || path.equals(pathPrefix) || path.startsWith(pathPrefix + "/");
    }
}
