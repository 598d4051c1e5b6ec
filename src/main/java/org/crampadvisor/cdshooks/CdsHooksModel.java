package org.crampadvisor.cdshooks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/**
 * The JSON of CDS Hooks 2.0 (https://cds-hooks.hl7.org/2.0/) as this service reads and writes it. What
 * the EHR sends is read leniently, as the specification asks: unknown fields and {@code extension}s are
 * ignored. What the service sends follows the specification's rules: required fields present, no empty
 * arrays and no nulls.
 */
public final class CdsHooksModel {

    private CdsHooksModel() {
    }

    // ---- Discovery ----

    @Schema(description = "The CDS Services this service offers (CDS Hooks discovery)")
    public record Discovery(List<ServiceDescription> services) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "One CDS Service: the hook it answers and the FHIR data it asks the EHR to prefetch")
    public record ServiceDescription(
            @Schema(required = true, example = "patient-view") String hook,
            String title,
            @Schema(required = true) String description,
            @Schema(required = true, example = "leg-cramp-causes") String id,
            @Schema(description = "prefetch key -> FHIR query template ({{context.patientId}} is replaced by the EHR)")
            Map<String, String> prefetch,
            String usageRequirements) {
    }

    // ---- A call ----

    @JsonIgnoreProperties(ignoreUnknown = true)
    @Schema(description = "A CDS Hooks call. Read leniently: fields this service does not use, and extensions, are "
            + "allowed and ignored", additionalProperties = Schema.True.class)
    public record ServiceRequest(
            @Schema(required = true, example = "patient-view")
            @NotBlank(message = "is required: the hook that triggered the call") @Size(max = 200) String hook,
            @Schema(required = true, example = "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea")
            @NotBlank(message = "is required: a unique id of this hook call") @Size(max = 200) String hookInstance,
            @Schema(description = "the EHR's FHIR server, for the prefetch keys it did not send", example = "https://ehr.example.org/fhir")
            @Size(max = 2000) String fhirServer,
            @Valid FhirAuthorization fhirAuthorization,
            @NotNull(message = "is required: the hook's context") @Valid Context context,
            @Schema(type = SchemaType.OBJECT, additionalProperties = Schema.True.class,
                    description = "prefetch key -> the FHIR resource (often a searchset Bundle) the EHR read for it, or "
                            + "null when it has no such data")
            JsonNode prefetch) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @Schema(description = "The hook's context; patientId is required", additionalProperties = Schema.True.class)
    public record Context(
            @Schema(example = "Practitioner/example") @Size(max = 200) String userId,
            @Schema(required = true, example = "1288992")
            @NotBlank(message = "is required: the id of the patient in context") @Size(max = 200) String patientId,
            @Size(max = 200) String encounterId,
            @Schema(type = SchemaType.OBJECT, additionalProperties = Schema.True.class,
                    description = "order-sign: a Bundle of the draft orders")
            JsonNode draftOrders) {
    }

    /** The access token for the EHR's FHIR server: used for this call's fetches only, never logged or stored. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @Schema(description = "An OAuth 2.0 bearer token for fhirServer", additionalProperties = Schema.True.class)
    public record FhirAuthorization(
            @JsonProperty("access_token") @NotBlank(message = "is required with fhirAuthorization") @Size(max = 10000)
            String accessToken,
            @JsonProperty("token_type") @Size(max = 100) String tokenType,
            @JsonProperty("expires_in") Long expiresIn,
            @Size(max = 10000) String scope,
            @Size(max = 1000) String subject) {

        @Override
        public String toString() {
            return "FhirAuthorization[token_type=" + tokenType + ", access_token=(hidden)]";
        }
    }

    // ---- The answer ----

    @Schema(description = "The cards for the EHR to show; empty when there is nothing to say")
    public record ServiceResponse(@Schema(required = true) List<Card> cards) {

        public static ServiceResponse none() {
            return new ServiceResponse(List.of());
        }
    }

    public enum Indicator {
        @JsonProperty("info") INFO,
        @JsonProperty("warning") WARNING,
        @JsonProperty("critical") CRITICAL
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "A CDS Hooks card")
    public record Card(
            @Schema(required = true, description = "the card's id; feedback names it") String uuid,
            @Schema(required = true, maxLength = 139, description = "one sentence, under 140 characters") String summary,
            @Schema(description = "GitHub-flavoured Markdown") String detail,
            @Schema(required = true) Indicator indicator,
            @Schema(required = true) Source source,
            @Schema(minItems = 1) List<Suggestion> suggestions,
            @Schema(enumeration = {"at-most-one", "any"}) String selectionBehavior,
            @Schema(minItems = 1) List<Link> links) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(@Schema(required = true, example = "cramp-advisor") String label, String url) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Suggestion(@Schema(required = true) String label, String uuid, Boolean isRecommended,
                             @Schema(minItems = 1) List<Action> actions) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Action(@Schema(required = true, enumeration = {"create", "update", "delete"}) String type,
                         @Schema(required = true) String description,
                         @Schema(type = SchemaType.OBJECT, additionalProperties = Schema.True.class,
                                 description = "the FHIR resource to create") JsonNode resource) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Link(@Schema(required = true) String label, @Schema(required = true) String url,
                       @Schema(required = true, enumeration = {"absolute", "smart"}) String type) {
    }

    // ---- Feedback ----

    @JsonIgnoreProperties(ignoreUnknown = true)
    @Schema(description = "What clinicians did with cards", additionalProperties = Schema.True.class)
    public record FeedbackRequest(
            @Schema(required = true, minItems = 1, maxItems = 100)
            @NotNull(message = "is required: an array of feedback entries")
            @Size(min = 1, max = 100, message = "must hold 1 to 100 entries") List<@NotNull @Valid CardFeedback> feedback) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @Schema(additionalProperties = Schema.True.class)
    public record CardFeedback(
            @Schema(required = true, description = "the card's uuid") @NotBlank(message = "is required: the card's uuid")
            @Size(max = 200) String card,
            @Schema(required = true, enumeration = {"accepted", "overridden"})
            @NotBlank(message = "is required: accepted or overridden")
            @Pattern(regexp = "^(accepted|overridden)$", message = "must be accepted or overridden") String outcome,
            @Size(max = 100) List<@NotNull @Valid AcceptedSuggestion> acceptedSuggestions,
            @Schema(type = SchemaType.OBJECT, additionalProperties = Schema.True.class,
                    description = "reason (a Coding) and userComment") JsonNode overrideReason,
            @Schema(required = true, example = "2026-11-26T10:05:31Z", description = "when the clinician acted (ISO 8601, UTC)")
            @NotBlank(message = "is required: when the clinician acted (ISO 8601)") @Size(max = 64) String outcomeTimestamp) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @Schema(additionalProperties = Schema.True.class)
    public record AcceptedSuggestion(@NotBlank(message = "is required: the suggestion's uuid") @Size(max = 200) String id) {
    }

    @Schema(description = "How many feedback entries were stored")
    public record FeedbackStored(int stored) {
    }
}
