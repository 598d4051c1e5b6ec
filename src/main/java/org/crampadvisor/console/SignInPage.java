package org.crampadvisor.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.FormAuthenticationMechanism;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import io.vertx.ext.web.RoutingContext;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

import java.net.URI;

/**
 * Signing in and out of the console. The form posts to Quarkus's form authentication
 * ({@code /console/j_security_check}), which checks the same users and roles as the API's Basic
 * authentication and keeps the identity in an encrypted, HttpOnly, SameSite=Strict cookie.
 */
@Path("/console")
public class SignInPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance signIn(String csrfToken, boolean failed, boolean signedOut, boolean expired,
                                              Long waitSeconds);
    }

    private final SecurityIdentity identity;
    private final ConsolePages pages;

    SignInPage(SecurityIdentity identity, ConsolePages pages) {
        this.identity = identity;
        this.pages = pages;
    }

    @GET
    @Path("/sign-in")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance signIn(@RestQuery Boolean failed, @RestQuery Boolean signedOut, @RestQuery Boolean expired,
                                   @RestQuery("wait") String waitSeconds, RoutingContext context) {
        // Only a hint for the message, set by SignInGate: anything but a plain number of seconds is ignored.
        Long wait = waitSeconds != null && waitSeconds.matches("[1-9][0-9]{0,5}") ? Long.valueOf(waitSeconds) : null;
        return Templates.signIn(ConsoleCsrf.issue(context), Boolean.TRUE.equals(failed), Boolean.TRUE.equals(signedOut),
                Boolean.TRUE.equals(expired), wait);
    }

    /** The console's start: the first page the user's roles open. */
    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response home() {
        return Response.seeOther(URI.create(pages.home().href)).build();
    }

    @POST
    @Path("/sign-out")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signOut(@RestForm(ConsoleCsrf.FIELD) String csrfToken, RoutingContext context) {
        if (!ConsoleCsrf.accept(context, csrfToken)) {
            return ConsoleErrors.csrfRefused(pages);
        }
        FormAuthenticationMechanism.logout(identity);
        return Response.seeOther(URI.create("/console/sign-in?signedOut=true")).build();
    }
}
