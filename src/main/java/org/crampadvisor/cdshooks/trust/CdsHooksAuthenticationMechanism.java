package org.crampadvisor.cdshooks.trust;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.crampadvisor.config.CdsHooksConfig;

import java.util.Set;

/**
 * Authentication of {@code /cds-services} (discovery included) by the CDS Hooks bearer JWT, and only by
 * it: {@code quarkus.http.auth.permission.cds-hooks} selects this mechanism for those paths, so HTTP
 * Basic credentials are worth nothing there, and a CDS Hooks token is worth nothing on the rest of the
 * API. A call without a valid token fails authentication before its body is read.
 */
@ApplicationScoped
public class CdsHooksAuthenticationMechanism implements HttpAuthenticationMechanism {

    /** The scheme that {@code quarkus.http.auth.permission.*.auth-mechanism} names this mechanism by. */
    public static final String SCHEME = "bearer";
    public static final String CDS_SERVICES = "/cds-services";

    private final CalledUrls calledUrls;

    CdsHooksAuthenticationMechanism(CdsHooksConfig config) {
        this.calledUrls = new CalledUrls(config.publicUrl().orElse(null));
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String path = context.request().path();
        if (!CalledUrls.isCdsServices(path) || context.request().method() == HttpMethod.OPTIONS) {
            // OPTIONS names the methods of a path (and answers CORS preflights), which needs no token.
            return Uni.createFrom().nullItem();
        }
        String calledUrl = calledUrls.calledUrl(context.request());
        AuthenticationRequest request = new CdsHooksTokenRequest(
                context.request().getHeader(HttpHeaders.AUTHORIZATION), calledUrl);
        HttpSecurityUtils.setRoutingContextAttribute(request, context);
        return identities.authenticate(request);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(HttpResponseStatus.UNAUTHORIZED.code(),
                "WWW-Authenticate", "Bearer"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(CdsHooksTokenRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, SCHEME));
    }
}
