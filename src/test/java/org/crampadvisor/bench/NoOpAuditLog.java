package org.crampadvisor.bench;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import org.crampadvisor.audit.AuditLog;
import org.crampadvisor.audit.AuditRecord;
import org.crampadvisor.engine.Ruleset;

/**
 * An audit log that keeps nothing: the baseline the benchmark compares the real store against. It
 * lives in the test sources and is enabled only by {@link BenchmarkProfiles.NoOpStore}, so no
 * deployment can switch it on.
 */
@Alternative
@ApplicationScoped
public class NoOpAuditLog implements AuditLog {

    @Override
    public void append(AuditRecord record, Ruleset ruleset) {
        // Deliberately nothing.
    }
}
