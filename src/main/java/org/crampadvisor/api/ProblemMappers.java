package org.crampadvisor.api;

import org.crampadvisor.logging.StackTraces;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.crampadvisor.audit.AuditUnavailableException;
import org.crampadvisor.evaluation.FieldError;
import org.crampadvisor.evaluation.FieldPaths;
import org.crampadvisor.evaluation.JsonReadErrors;
import org.jboss.logging.Logger;
import org.crampadvisor.replay.ArchivedRulesetUnavailable;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Turns every failure into an {@code application/problem+json} answer. Bad input is a 4xx naming each
 * field and what is wrong with it; a fault of ours is a 500 with a reference, never a stack trace or
 * an exception class. Nothing here logs request content: patient facts stay out of the log.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final ResourceMethods resourceMethods;

    ProblemMappers(ResourceMethods resourceMethods) {
        this.resourceMethods = resourceMethods;
    }

    @ServerExceptionMapper
    public Response invalidContent(ConstraintViolationException e) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            String field = FieldPaths.of(violation);
            errors.add(new FieldError(field.isEmpty() ? parameterName(violation) : field, violation.getMessage()));
        }
        errors.sort(Comparator.comparing(FieldError::field).thenComparing(FieldError::message));
        return Problem.invalidRequest(errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid",
                errors);
    }

    @ServerExceptionMapper
    public Response invalidRequest(InvalidRequestException e) {
        return Problem.invalidRequest(e.getMessage(), e.errors());
    }

    @ServerExceptionMapper
    public Response unconvertibleParameter(QueryParameters.UnconvertibleParameterException e) {
        return Problem.invalidRequest("invalid parameter " + e.error().field(), List.of(e.error()));
    }

    @ServerExceptionMapper
    public Response unsupportedBody(StrictRequests.UnsupportedBodyException e) {
        return Problem.response(Response.Status.UNSUPPORTED_MEDIA_TYPE, e.getMessage());
    }

    // Declared for the subtypes too: the JSON extension maps these itself, with an empty body, otherwise.
    @ServerExceptionMapper({JacksonException.class, MismatchedInputException.class, InvalidFormatException.class,
            UnrecognizedPropertyException.class, JsonMappingException.class, JsonParseException.class})
    public Response unreadableBody(JacksonException e) {
        FieldError error = JsonReadErrors.describe(e);
        return Problem.invalidRequest(error.field().isEmpty() ? error.message()
                : "field " + error.field() + " " + error.message(), List.of(error));
    }

    @ServerExceptionMapper
    public Response archivedRulesetUnavailable(ArchivedRulesetUnavailable e) {
        LOG.errorf("Decision not replayed or explained: %s", e.getMessage());
        return Problem.response(Response.Status.CONFLICT, "this decision cannot be re-evaluated on the version that "
                + "made it: " + e.getMessage() + "; its record is intact, and the archive must be restored first");
    }

    @ServerExceptionMapper
    public Response auditUnavailable(AuditUnavailableException e) {
        LOG.errorf("Evaluation not answered: %s", e.getMessage());
        Response problem = Problem.response(Response.Status.SERVICE_UNAVAILABLE,
                "the evaluation could not be recorded in the audit log, so it is not answered; try again later");
        return Response.fromResponse(problem).header(HttpHeaders.RETRY_AFTER, "5").build();
    }

    @ServerExceptionMapper
    public Response notFound(jakarta.ws.rs.NotFoundException e) {
        String detail = e.getMessage() != null && e.getMessage().startsWith("no ") ? e.getMessage() : "no such resource";
        return Problem.response(Response.Status.NOT_FOUND, detail);
    }

    @ServerExceptionMapper
    public Response unsupportedMediaType(NotSupportedException e) {
        return Problem.response(Response.Status.UNSUPPORTED_MEDIA_TYPE,
                "this endpoint takes application/json only (Content-Type: application/json)");
    }

    @ServerExceptionMapper
    public Response methodNotAllowed(NotAllowedException e, UriInfo uri) {
        List<String> allowed = resourceMethods.allowed(uri.getPath());
        Response problem = Problem.response(Response.Status.METHOD_NOT_ALLOWED,
                "this path does not take that method; it takes " + String.join(", ", allowed));
        return Response.fromResponse(problem).header(HttpHeaders.ALLOW, String.join(", ", allowed)).build();
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e, UriInfo uri) {
        return challenge(uri, false);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return challenge(uri, true);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problem.response(Response.Status.FORBIDDEN, "your role does not allow this request");
    }

    @ServerExceptionMapper
    public Response otherHttpError(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original.getStatus();
        if (status >= 500) {
            return internalError(e);
        }
        if (e.getCause() instanceof JacksonException jackson) {
            return unreadableBody(jackson);
        }
        Response.StatusType type = original.getStatusInfo();
        String detail = switch (status) {
            case 404 -> "no such resource";
            case 406 -> "this resource answers application/json only";
            default -> type.getReasonPhrase();
        };
        return Problem.response(status, type.getReasonPhrase(), detail, null);
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response internalError(Throwable e) {
        String reference = UUID.randomUUID().toString();
        // Types and stack frames only: exception messages may quote the facts of the request.
        LOG.errorf("Request failed, reference %s: %s", reference, StackTraces.withoutMessages(e));
        return Problem.response(500, "Internal Server Error",
                "the request could not be completed; quote reference " + reference + " when reporting it", null);
    }

    /**
     * The API asks for Basic credentials; the console (a browser, signed in by a form) goes back to its
     * sign-in page, told that the sign-in failed when credentials were given and refused.
     */
    private static Response challenge(UriInfo uri, boolean credentialsRefused) {
        String path = uri.getPath();
        if (path.equals("/console") || path.startsWith("/console/")) {
            return Response.seeOther(java.net.URI.create(credentialsRefused && path.endsWith("/j_security_check") ? "/console/sign-in?failed=true"
                    : "/console/sign-in")).build();
        }
        Response problem = Problem.response(Response.Status.UNAUTHORIZED,
                "authenticate with HTTP Basic credentials");
        return Response.fromResponse(problem).header(HttpHeaders.WWW_AUTHENTICATE, SignInEdge.BASIC_CHALLENGE).build();
    }

    /** The name of the endpoint parameter (query or path) a violation is about, e.g. {@code limit}. */
    private static String parameterName(ConstraintViolation<?> violation) {
        String name = "";
        for (jakarta.validation.Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == jakarta.validation.ElementKind.PARAMETER) {
                name = node.getName();
            }
        }
        return name;
    }
}
