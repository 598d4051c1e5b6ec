package org.crampadvisor.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.crampadvisor.config.AdvisorConfig;
import org.crampadvisor.evaluation.EvaluationRequest;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The HTTP benchmark's baseline: everything {@code POST /api/v1/evaluations} does around the rules
 * (authentication, the body limit, strict JSON, validation, serialising a JSON answer) and nothing
 * else, so that the benchmark shows what the rules and the audit log cost. Answers 404 unless
 * {@code advisor.benchmark.no-op-baseline=true}, which only a benchmark sets (see BenchmarkGuard).
 */
@Path("/api/v1/benchmark/no-op")
@Produces(MediaType.APPLICATION_JSON)
public class NoOpBaselineResource {

    private final AdvisorConfig config;
    private final ObjectMapper json;

    NoOpBaselineResource(AdvisorConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    @POST
    @RolesAllowed(Roles.REQUESTER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Response parseValidateAndSerialise(@Valid EvaluationRequest request) throws JsonProcessingException {
        if (!config.benchmark().noOpBaseline()) {
            throw new NotFoundException();
        }
        if (request == null) {
            throw InvalidRequestException.emptyBody();
        }
        return Response.ok(json.writeValueAsString(request), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
