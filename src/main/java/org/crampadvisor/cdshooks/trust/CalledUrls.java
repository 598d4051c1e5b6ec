package org.crampadvisor.cdshooks.trust;

import io.vertx.core.http.HttpServerRequest;

import java.net.URI;

/**
 * The URL an EHR called, as a token's {@code aud} must name it (SPEC section 8): the public base URL
 * ({@code advisor.cds-hooks.public-url}) when the service sits behind a proxy, else the scheme and host
 * the request arrived with, followed by the path called, without its query.
 */
public final class CalledUrls {

    private final String publicBase;

    /** @param publicUrl {@code advisor.cds-hooks.public-url}, or null to use the URL as received */
    public CalledUrls(String publicUrl) {
        this.publicBase = publicUrl == null || publicUrl.isBlank() ? null : withoutTrailingSlash(publicUrl.strip());
        if (publicBase != null) {
            URI uri = URI.create(publicBase);
            if (uri.getScheme() == null || uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null) {
                throw new IllegalArgumentException("advisor.cds-hooks.public-url must be an absolute http(s) URL without "
                        + "query or fragment, e.g. https://cds.example.org, not " + publicUrl);
            }
        }
    }

    /** Whether a path is the discovery endpoint or under it. */
    public static boolean isCdsServices(String path) {
        return path != null && (path.equals(CdsHooksAuthenticationMechanism.CDS_SERVICES)
                || path.startsWith(CdsHooksAuthenticationMechanism.CDS_SERVICES + "/"));
    }

    /** The base URL the service is called by: the public URL, or the request's scheme and host. */
    public String baseUrl(HttpServerRequest request) {
        if (publicBase != null) {
            return publicBase;
        }
        String absolute = request.absoluteURI();
        try {
            URI uri = URI.create(absolute);
            return uri.getScheme() + "://" + uri.getRawAuthority();
        } catch (IllegalArgumentException | NullPointerException e) {
            // A Host header no URL can carry: no token's aud can name it either.
            return request.scheme() + "://unknown-host";
        }
    }

    /** The full URL called, without query: what the token's {@code aud} must be. */
    public String calledUrl(HttpServerRequest request) {
        return baseUrl(request) + request.path();
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
