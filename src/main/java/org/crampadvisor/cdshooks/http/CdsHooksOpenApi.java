package org.crampadvisor.cdshooks.http;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.crampadvisor.api.OpenApiContract;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Documents the problems the CDS Hooks operations can answer with (application/problem+json), as the API's
 * own operations document theirs: authentication is the EHR's JWT, not HTTP Basic, so there is no 403 and
 * no sign-in throttle here.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class CdsHooksOpenApi implements OASFilter {

    /**
     * The fields that hold FHIR resources or other JSON the service reads as a tree ({@code JsonNode}), by
     * component schema: any JSON object, as CDS Hooks and FHIR allow, instead of what introspecting the
     * Jackson type gives.
     */
    private static final Map<String, List<String>> FREE_OBJECTS = Map.of(
            "ServiceRequest", List.of("prefetch"),
            "Context", List.of("draftOrders"),
            "Action", List.of("resource"),
            "CardFeedback", List.of("overrideReason"));

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() != null && openAPI.getComponents().getSchemas() != null) {
            FREE_OBJECTS.forEach((name, properties) -> {
                Schema schema = openAPI.getComponents().getSchemas().get(name);
                if (schema == null || schema.getProperties() == null) {
                    return;
                }
                for (String property : properties) {
                    Schema introspected = schema.getProperties().get(property);
                    if (introspected != null) {
                        schema.addProperty(property, OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                                .additionalPropertiesBoolean(Boolean.TRUE).description(introspected.getDescription()));
                    }
                }
            });
        }
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (!path.startsWith("/cds-services")) {
                return;
            }
            for (Operation operation : item.getOperations().values()) {
                document(path, operation);
            }
        });
    }

    private static void document(String path, Operation operation) {
        boolean takesBody = operation.getRequestBody() != null;
        Map<String, String> problems = new LinkedHashMap<>();
        if (!takesBody) {
            problems.put("400", "A malformed request (URL, query or headers); each problem in errors");
        } else {
            problems.put("400", "Not a CDS Hooks request this service can take (a required field missing, the wrong hook, "
                    + "a fhirServer that is not a URL); each field in errors. The EHR's patient data never causes it");
        }
        problems.put("401", "No CDS Hooks JWT, or one that is not trusted (unknown issuer or key, wrong aud, expired, "
                + "replayed, alg none or HMAC)");
        problems.put("403", "A browser page whose origin advisor.cds-hooks.cors-origins does not list (CORS)");
        if (path.contains("{")) {
            problems.put("404", "No CDS service with this id; GET /cds-services lists them");
        }
        problems.put("405", "The path does not take this method; Allow names the ones it takes");
        problems.put("406", "The client does not accept application/json");
        if (takesBody) {
            problems.put("408", "The body did not arrive in time; the connection is closed");
            problems.put("413", "The body is larger than the limit (advisor.cds-hooks.max-body-size, 5 MiB by default); "
                    + "the connection is closed");
            problems.put("415", "No Content-Type, another media type than JSON, a charset other than UTF-8, or a "
                    + "Content-Encoding");
        }
        problems.put("500", "A fault of the service; detail quotes a reference for the log");
        APIResponses responses = operation.getResponses();
        problems.forEach((status, description) -> {
            if (!hasContent(responses.getAPIResponse(status))) {
                responses.addAPIResponse(status, OpenApiContract.problemResponse(description));
            }
        });
        for (String status : new String[] {"412", "503"}) {
            APIResponse documented = responses.getAPIResponse(status);
            if (documented != null && !hasContent(documented)) {
                responses.addAPIResponse(status, OpenApiContract.problemResponse(documented.getDescription()));
            }
        }
    }

    private static boolean hasContent(APIResponse response) {
        return response != null && response.getContent() != null && response.getContent().getMediaTypes() != null
                && !response.getContent().getMediaTypes().isEmpty();
    }
}
