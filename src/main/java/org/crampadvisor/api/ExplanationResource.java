package org.crampadvisor.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.crampadvisor.audit.AuditRepository;
import org.crampadvisor.explain.DerivationGraph;
import org.crampadvisor.replay.StoredWhyNot;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.io.IOException;
import java.util.UUID;

/**
 * Explanations of stored evaluations, for auditors: why each absent cause was not concluded, on the
 * ruleset version that answered, and the whole derivation as a graph.
 */
@Path("/api/v1/evaluations/{id}")
public class ExplanationResource {

    /** Graphviz DOT, as {@code Accept} asks for it. */
    public static final String GRAPHVIZ = "text/vnd.graphviz";
    private static final MediaType GRAPHVIZ_TYPE = MediaType.valueOf(GRAPHVIZ);

    private static final String DOT_EXAMPLE = """
            digraph derivation {
              rankdir=LR;
              "fact:14" [label="LabResult labs[0]: analyte potassium, value 3.1, unit mmol/L", shape=box];
              "firing:1" [label="#1 Low serum potassium", shape=ellipse];
              "fact:14" -> "firing:1" [label="matched"];
            }
            """;

    private final AuditRepository repository;
    private final StoredWhyNot whyNot;
    private final ObjectMapper json;

    ExplanationResource(AuditRepository repository, StoredWhyNot whyNot, ObjectMapper json) {
        this.repository = repository;
        this.whyNot = whyNot;
        this.json = json;
    }

    @GET
    @Path("/why-not")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.AUDITOR)
    @Operation(summary = "Why each cause absent from a stored evaluation was not concluded: its stored request evaluated "
            + "again on the ruleset version that answered it (rebuilt from the archive, like replay); nothing is recorded")
    @APIResponse(responseCode = "200", description = "For every cause not concluded, the rules that could have concluded it "
            + "and each one's first unmet condition", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = StoredWhyNot.Explained.class)))
    @APIResponse(responseCode = "404", description = "No evaluation with this id")
    @APIResponse(responseCode = "409", description = EvaluationResource.ARCHIVE_UNAVAILABLE)
    public StoredWhyNot.Explained whyNot(@Parameter(example = EvaluationResource.EXAMPLE_ID) @PathParam("id")
                                         @Pattern(regexp = EvaluationResource.EVALUATION_ID_PATTERN,
                                                 message = EvaluationResource.EVALUATION_ID_MESSAGE) String id)
            throws IOException {
        return whyNot.explain(UUID.fromString(id)).orElseThrow(() -> new NotFoundException("no evaluation " + id));
    }

    @GET
    @Path("/graph")
    @Produces({MediaType.APPLICATION_JSON, GRAPHVIZ})
    @RolesAllowed(Roles.AUDITOR)
    @Operation(summary = "The derivation of a stored evaluation as nodes and edges, from its stored trace; "
            + "Graphviz DOT with Accept: text/vnd.graphviz")
    @APIResponse(responseCode = "200", description = "Nodes (input facts, thresholds, firings, evidence, causes, advice, "
            + "withheld advice) and edges (matched, inserted, supports, withholds)",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DerivationGraph.class)),
                    @Content(mediaType = GRAPHVIZ, schema = @Schema(type = SchemaType.STRING),
                            examples = @ExampleObject(name = "dot", value = DOT_EXAMPLE))})
    @APIResponse(responseCode = "404", description = "No evaluation with this id")
    public Response graph(@Parameter(example = EvaluationResource.EXAMPLE_ID) @PathParam("id")
                          @Pattern(regexp = EvaluationResource.EVALUATION_ID_PATTERN,
                                  message = EvaluationResource.EVALUATION_ID_MESSAGE) String id,
                          @Context HttpHeaders headers) throws IOException {
        AuditRepository.StoredEvaluation stored = repository.find(UUID.fromString(id))
                .orElseThrow(() -> new NotFoundException("no evaluation " + id));
        DerivationGraph graph = DerivationGraph.of(json.readTree(stored.responseJson()));
        // JSON unless the client prefers DOT (JAX-RS has already refused an Accept that takes neither).
        for (MediaType acceptable : headers.getAcceptableMediaTypes()) {
            if (acceptable.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                break;
            }
            if (acceptable.isCompatible(GRAPHVIZ_TYPE)) {
                return Response.ok(graph.toDot(), GRAPHVIZ_TYPE.withCharset("UTF-8")).build();
            }
        }
        return Response.ok(graph, MediaType.APPLICATION_JSON_TYPE).build();
    }
}
