package org.crampadvisor.cdshooks.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.crampadvisor.api.InvalidRequestException;
import org.crampadvisor.api.Problem;
import org.crampadvisor.api.StrictJsonCustomizer;
import org.crampadvisor.cdshooks.CardFeedbackService;
import org.crampadvisor.cdshooks.CdsHooksModel;
import org.crampadvisor.cdshooks.CdsHooksModel.Discovery;
import org.crampadvisor.cdshooks.CdsHooksModel.ServiceRequest;
import org.crampadvisor.cdshooks.CdsHooksModel.ServiceResponse;
import org.crampadvisor.cdshooks.CdsHooksService;
import org.crampadvisor.cdshooks.CdsService;
import org.crampadvisor.cdshooks.FhirServerUnavailableException;
import org.crampadvisor.cdshooks.PrefetchKey;
import org.crampadvisor.cdshooks.trust.CalledUrls;
import org.crampadvisor.cdshooks.trust.CdsHooksIdentityProvider;
import org.crampadvisor.config.CdsHooksConfig;
import org.crampadvisor.evaluation.FieldError;
import org.crampadvisor.evaluation.JsonReadErrors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The CDS Hooks 2.0 interface (SPEC section 8): discovery, the two services, and their feedback. Every call
 * carries the EHR's signed JWT (checked by {@code CdsHooksAuthenticationMechanism} before the body is read).
 * CDS Hooks JSON is read leniently, as the specification asks: unknown fields and extensions are ignored.
 * The EHR's patient data never earns it a 400: what fails the service's checks is named in the cards.
 */
@Path("/cds-services")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(CdsHooksIdentityProvider.CDS_CLIENT)
@Tag(name = "CDS Hooks", description = "HL7 CDS Hooks 2.0 for EHRs: JWT bearer authentication, not HTTP Basic")
@SecurityScheme(securitySchemeName = CdsHooksResource.JWT, type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "JWT", description = "A JWT signed (ES384 or RS384) by an EHR listed in the trust file, aud = the URL "
        + "called, a fresh jti, exp at most 5 minutes ahead")
@SecurityRequirement(name = CdsHooksResource.JWT)
public class CdsHooksResource {

    static final String JWT = "cds-hooks-jwt";
    private static final String SERVICE_ID_EXAMPLE = "leg-cramp-causes";

    /** CDS Hooks JSON: unknown fields ignored; strings still Unicode text, as everywhere in the service. */
    private static final ObjectMapper LENIENT = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(StrictJsonCustomizer.unicodeTextModule())
            .build();

    private final CdsHooksService service;
    private final CardFeedbackService feedback;
    private final SecurityIdentity identity;
    private final Validator validator;
    private final CalledUrls calledUrls;

    CdsHooksResource(CdsHooksService service, CardFeedbackService feedback, SecurityIdentity identity, Validator validator,
                     CdsHooksConfig config) {
        this.service = service;
        this.feedback = feedback;
        this.identity = identity;
        this.validator = validator;
        this.calledUrls = new CalledUrls(config.publicUrl().orElse(null));
    }

    @GET
    @Operation(summary = "CDS Hooks discovery: the services, their hooks and the FHIR data each asks the EHR to prefetch")
    @APIResponse(responseCode = "200", description = "The services",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Discovery.class)))
    public Discovery discovery() {
        return service.discovery();
    }

    @POST
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Call a CDS Service: cards for the patient in context, from the prefetched FHIR data or the "
            + "EHR's FHIR server")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ServiceRequest.class)))
    @APIResponse(responseCode = "200", description = "The cards (none when the service has nothing to say); each evaluation "
            + "that produced them is in the audit log",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ServiceResponse.class)))
    @APIResponse(responseCode = "412", description = "A prefetch key was not sent and the FHIR server to read it from was "
            + "not given, not https, refused the token or did not answer in time")
    @APIResponse(responseCode = "503", description = "The evaluation could not be recorded in the audit log, so it is not "
            + "answered; Retry-After says when to try again")
    public ServiceResponse call(@Parameter(example = SERVICE_ID_EXAMPLE) @PathParam("id") String id, String body,
                                @Context HttpServerRequest request) {
        CdsService cdsService = serviceOf(id);
        ServiceRequest call = read(body, ServiceRequest.class);
        List<FieldError> errors = new ArrayList<>();
        if (!cdsService.hook().equals(call.hook())) {
            errors.add(new FieldError("hook", "is " + call.hook() + ", but " + cdsService.id() + " answers the hook "
                    + cdsService.hook()));
        }
        URI fhirServer = fhirServer(call, errors);
        JsonNode draftOrders = call.context().draftOrders();
        if (cdsService == CdsService.DIURETIC_ORDER_CHECK && (draftOrders == null || !draftOrders.isObject())) {
            errors.add(new FieldError("context.draftOrders", "is required for order-sign: a Bundle of the draft orders"));
        }
        Map<PrefetchKey, String> prefetch = prefetch(call.prefetch(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors.size() == 1 ? "field " + errors.get(0).field() + " is invalid"
                    : errors.size() + " fields are invalid", errors);
        }
        return service.call(new CdsHooksService.Call(cdsService, call.hookInstance(), call.context().patientId(), prefetch,
                fhirServer, call.fhirAuthorization() == null ? null : call.fhirAuthorization().accessToken(),
                draftOrders == null ? null : draftOrders.toString(), identity.getPrincipal().getName(),
                calledUrls.baseUrl(request)));
    }

    @POST
    @Path("/{id}/feedback")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Feedback on cards: accepted, or overridden (with a reason); stored against the card and its "
            + "evaluation for auditors")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CdsHooksModel.FeedbackRequest.class)))
    @APIResponse(responseCode = "200", description = "Every entry is stored (a request is stored whole or not at all)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CdsHooksModel.FeedbackStored.class)))
    @APIResponse(responseCode = "503", description = "The feedback could not be recorded in the audit log; Retry-After says "
            + "when to try again")
    public CdsHooksModel.FeedbackStored feedback(@Parameter(example = SERVICE_ID_EXAMPLE) @PathParam("id") String id,
                                                 String body) {
        CdsService cdsService = serviceOf(id);
        CdsHooksModel.FeedbackRequest request = read(body, CdsHooksModel.FeedbackRequest.class);
        return new CdsHooksModel.FeedbackStored(feedback.store(cdsService, request.feedback(),
                identity.getPrincipal().getName()));
    }

    // ---- Failures of this interface ----

    @ServerExceptionMapper
    public Response preconditionFailed(FhirServerUnavailableException e) {
        return Problem.response(412, "Precondition Failed", e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response invalidFeedback(CardFeedbackService.InvalidFeedbackException e) {
        return Problem.invalidRequest(e.getMessage(), e.errors());
    }

    /** Not HTTP Basic here: the challenge names the scheme that works. */
    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e) {
        return Response.fromResponse(Problem.response(Response.Status.UNAUTHORIZED, CdsHooksEdge.UNAUTHORIZED))
                .header("WWW-Authenticate", "Bearer").build();
    }

    // ---- Reading ----

    private static CdsService serviceOf(String id) {
        return CdsService.byId(id).orElseThrow(() -> new NotFoundException("no CDS service " + id
                + "; GET /cds-services lists them"));
    }

    private <T> T read(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw new InvalidRequestException("the body is empty; send the CDS Hooks request as JSON",
                    List.of(new FieldError("", "is empty")));
        }
        T value;
        try {
            value = LENIENT.readValue(body, type);
        } catch (JsonProcessingException e) {
            FieldError error = JsonReadErrors.describe(e);
            throw new InvalidRequestException(error.field().isEmpty() ? error.message()
                    : "field " + error.field() + " " + error.message(), List.of(error));
        }
        if (value == null) {
            throw new InvalidRequestException("the body is null; send the CDS Hooks request as a JSON object",
                    List.of(new FieldError("", "must be a JSON object")));
        }
        Set<ConstraintViolation<T>> violations = validator.validate(value);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return value;
    }

    private static URI fhirServer(ServiceRequest call, List<FieldError> errors) {
        if (call.fhirServer() == null) {
            if (call.fhirAuthorization() != null) {
                errors.add(new FieldError("fhirServer", "is required with fhirAuthorization"));
            }
            return null;
        }
        try {
            URI uri = URI.create(call.fhirServer().strip());
            if (uri.getScheme() == null || !Set.of("http", "https").contains(uri.getScheme().toLowerCase(java.util.Locale.ROOT))
                    || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("fhirServer", "must be the base URL of a FHIR server (https://...), without query"));
            return null;
        }
    }

    /** The keys this service uses, as the EHR sent them; other keys are ignored. */
    private static Map<PrefetchKey, String> prefetch(JsonNode prefetch, List<FieldError> errors) {
        Map<PrefetchKey, String> sent = new EnumMap<>(PrefetchKey.class);
        if (prefetch == null || prefetch.isNull()) {
            return sent;
        }
        if (!prefetch.isObject()) {
            errors.add(new FieldError("prefetch", "must be an object: prefetch key -> FHIR resource or null"));
            return sent;
        }
        for (PrefetchKey key : PrefetchKey.values()) {
            JsonNode value = prefetch.get(key.key());
            if (value != null) {
                sent.put(key, value.isNull() ? "null" : value.toString());
            }
        }
        return sent;
    }
}
