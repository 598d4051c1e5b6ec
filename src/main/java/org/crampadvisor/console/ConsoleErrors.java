package org.crampadvisor.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.crampadvisor.replay.ArchivedRulesetUnavailable;

/** Error pages of the console: in the console's frame, in words, never a stack trace. */
public final class ConsoleErrors {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance error(Chrome chrome, String message);
    }

    private ConsoleErrors() {
    }

    static Response forbidden(ConsolePages pages, String message) {
        return page(pages, 403, "Not allowed", message);
    }

    /** A form that did not carry the token of the page that showed it: perhaps forged, perhaps just old. */
    static Response csrfRefused(ConsolePages pages) {
        return page(pages, 400, "Form refused", "This form did not come with the token of the page that showed it "
                + "(it may have expired, or been sent from another site). Open the page again and resend it.");
    }

    /** Replay and why-not re-evaluate on the version that decided; its archived files are needed for that. */
    static Response archiveUnavailable(ConsolePages pages, ArchivedRulesetUnavailable e) {
        return page(pages, 409, "Cannot re-evaluate this decision", "This decision cannot be replayed or explained on "
                + "the version that made it: " + e.getMessage() + ". Its record is intact; the archive must be restored first.");
    }

    static Response notFound(ConsolePages pages, String message) {
        return page(pages, 404, "Not found", message);
    }

    static Response page(ConsolePages pages, int status, String title, String message) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.error(pages.chrome(null, title), message)).build();
    }
}
