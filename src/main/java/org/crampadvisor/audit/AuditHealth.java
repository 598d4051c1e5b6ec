package org.crampadvisor.audit;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.time.Instant;

/**
 * Readiness of the audit log: DOWN while records cannot be committed (a full disk, the database
 * unreachable), so that a load balancer sends no traffic that would only get 503; UP again as soon as a
 * commit or a probe succeeds. Liveness is not affected: the process is fine and resumes by itself.
 */
@ApplicationScoped
public class AuditHealth {

    private record Failure(Instant since, String reason) {
    }

    private volatile Failure failure;

    boolean writable() {
        return failure == null;
    }

    void committed() {
        failure = null;
    }

    void failed(Exception e) {
        Failure current = failure;
        failure = new Failure(current == null ? Instant.now() : current.since(), e.getClass().getSimpleName());
    }

    HealthCheckResponse check() {
        Failure current = failure;
        if (current == null) {
            return HealthCheckResponse.named("audit-log").up().build();
        }
        return HealthCheckResponse.named("audit-log").down()
                .withData("reason", "audit records cannot be committed (" + current.reason() + ")")
                .withData("since", current.since().toString()).build();
    }

    /** The readiness check itself; {@code @Readiness} is a qualifier, so the state above stays injectable. */
    @Readiness
    @ApplicationScoped
    static class ReadinessCheck implements HealthCheck {

        private final AuditHealth health;

        ReadinessCheck(AuditHealth health) {
            this.health = health;
        }

        @Override
        public HealthCheckResponse call() {
            return health.check();
        }
    }
}
