package org.crampadvisor.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.crampadvisor.audit.AuditRepository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * How many audited decisions each rule took part in over a window, read from the audit log itself (the
 * record of truth), newest first, up to a bound so that the page stays quick on a large log.
 */
@ApplicationScoped
public class RuleFirings {

    /** Decisions read at most for one count; the page says when the window held more. */
    static final int MAX_DECISIONS = 20_000;

    /**
     * @param decisions     how many decisions were read
     * @param capped        whether the window held more than were read
     * @param decisionsUsing per rule, the number of decisions in which it fired at least once
     */
    public record Counts(Instant since, int decisions, boolean capped, Map<String, Integer> decisionsUsing) {

        public int of(String rule) {
            return decisionsUsing.getOrDefault(rule, 0);
        }
    }

    private final AuditRepository repository;
    private final ObjectMapper json;

    RuleFirings(AuditRepository repository, ObjectMapper json) {
        this.repository = repository;
        this.json = json;
    }

    public Counts since(Instant since) {
        Map<String, Integer> counts = new HashMap<>();
        int[] seen = {0};
        int read = repository.stream(since, MAX_DECISIONS + 1, stored -> {
            if (++seen[0] > MAX_DECISIONS) {
                return; // only tells that the window holds more
            }
            Set<String> fired = new HashSet<>();
            try {
                for (JsonNode firing : json.readTree(stored.responseJson()).path("trace")) {
                    fired.add(firing.path("rule").asText());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("a stored answer is not JSON", e);
            }
            fired.forEach(rule -> counts.merge(rule, 1, Integer::sum));
        });
        return new Counts(since, Math.min(read, MAX_DECISIONS), read > MAX_DECISIONS, counts);
    }
}
