package org.crampadvisor.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.crampadvisor.evaluation.EvaluationRequest;
import org.crampadvisor.evaluation.EvaluationService;
import org.crampadvisor.evaluation.FieldError;
import org.crampadvisor.evaluation.Recommendation;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

@Path("/api/v1/evaluations")
public class EvaluationResource {

    private final EvaluationService evaluations;

    EvaluationResource(EvaluationService evaluations) {
        this.evaluations = evaluations;
    }

    @POST
    @RolesAllowed(Roles.REQUESTER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Evaluate what is known about a patient and return a traced recommendation")
    public Recommendation evaluate(@Valid EvaluationRequest request) {
        if (request == null) {
            throw new InvalidRequestException("the body is empty; send a JSON object ({} when nothing is known)",
                    List.of(new FieldError("", "a JSON object is required")));
        }
        return evaluations.evaluate(request);
    }
}
