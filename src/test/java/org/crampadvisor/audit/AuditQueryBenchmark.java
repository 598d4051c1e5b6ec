package org.crampadvisor.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import org.crampadvisor.RulesFolderCopy;
import org.crampadvisor.RulesFolderFixture;
import org.crampadvisor.engine.ActiveRuleset;
import org.crampadvisor.engine.Ruleset;
import org.crampadvisor.engine.RulesetCompiler;
import org.crampadvisor.evaluation.EvaluationRequest;
import org.crampadvisor.evaluation.Evaluator;
import org.crampadvisor.evaluation.Recommendation;
import org.crampadvisor.evaluation.StrictJson;
import org.crampadvisor.bench.Stats;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Listing times with one million records: the store is filled once by a bulk loader (groups of 1,000
 * records straight into the store, as the writer commits them, not through HTTP; records spread over a
 * year, 100,000 patients, three ruleset versions, real answers as content), then each filter is queried
 * 200 times for a first page of 50, and p50/p99 reported, with the storage per record. Subclasses choose
 * the store.
 */
@Tag("benchmark")
abstract class AuditQueryBenchmark {

    static final int RECORDS = Integer.getInteger("bench.records", 1_000_000);
    static final int PATIENTS = 100_000;
    static final int QUERIES = 200;
    static final int PAGE = 50;
    static final Instant NEWEST = Instant.parse("2026-11-01T00:00:00Z");

    @Inject
    AuditRepository repository;
    @Inject
    AuditStore store;
    @Inject
    ActiveRuleset activeRuleset;
    @Inject
    Pseudonyms pseudonyms;
    @Inject
    ObjectMapper json;

    abstract String store();

    private record Template(String requestJson, String responseTail, Set<String> rules, Set<String> causes,
                            Set<String> advice) {
    }

    @Test
    void measureListingTimesAtOneMillionRecords() throws Exception {
        List<Ruleset> versions = versions();
        Map<String, List<Template>> templates = new LinkedHashMap<>();
        for (Ruleset version : versions) {
            templates.put(version.version(), templates(version));
        }
        long existing = count();
        if (existing < RECORDS) {
            fill(versions, templates, RECORDS - existing);
        }
        Random random = new Random(42);
        List<String> rules = new ArrayList<>();
        activeRuleset.get().rules().forEach(r -> rules.add(r.name()));
        List<String> causes = List.of("ELECTROLYTE_IMBALANCE", "NUTRITIONAL_DEFICIENCY", "OVERUSE_OR_STRAIN",
                "NEUROLOGICAL_DISORDER", "MEDICATION_OR_SUBSTANCE");
        List<String> advice = List.of("HYDRATE", "BALANCED_DIET", "LOW_IMPACT_EXERCISE", "WARM_UP_AND_STRETCH",
                "REST_DAYS", "REVIEW_MEDICATION_OR_SUBSTANCES", "CONSULT_PROFESSIONAL");

        Map<String, Supplier<AuditQuery>> filters = new LinkedHashMap<>();
        filters.put("none", () -> query(null, null, null, null, null, null, null));
        filters.put("rule", () -> query(pick(random, rules), null, null, null, null, null, null));
        filters.put("cause", () -> query(null, pick(random, causes), null, null, null, null, null));
        filters.put("advice", () -> query(null, null, pick(random, advice), null, null, null, null));
        filters.put("rulesetVersion", () -> query(null, null, null, pick(random, versions).version(), null, null, null));
        filters.put("patientId", () -> query(null, null, null, null,
                pseudonyms.of("bench-patient-" + random.nextInt(PATIENTS)), null, null));
        filters.put("from+to (1 day)", () -> {
            Instant from = NEWEST.minus(random.nextInt(365), ChronoUnit.DAYS);
            return query(null, null, null, null, null, from, from.plus(1, ChronoUnit.DAYS));
        });
        filters.put("cause+from+to (1 week)", () -> {
            Instant from = NEWEST.minus(random.nextInt(358), ChronoUnit.DAYS);
            return query(null, pick(random, causes), null, null, null, from, from.plus(7, ChronoUnit.DAYS));
        });
        filters.put("rule+advice", () -> query(pick(random, rules), null, pick(random, advice), null, null, null, null));

        Stats.header("listing store=" + store() + " records=" + count() + " page=" + PAGE + " queries_per_filter=" + QUERIES);
        if (storeBytes() > 0) {
            Stats.row(String.format("storage store=%s records=%d bytes_per_record=%.0f compressed_documents_per_record=%.0f",
                    store(), count(), storeBytes() / (double) count(), compressedDocumentBytes(templates)));
        }
        for (var filter : filters.entrySet()) {
            for (int i = 0; i < 20; i++) {
                repository.list(filter.getValue().get()); // warm-up
            }
            long[] times = new long[QUERIES];
            int rows = 0;
            for (int i = 0; i < QUERIES; i++) {
                AuditQuery q = filter.getValue().get();
                long started = System.nanoTime();
                rows += repository.list(q).size();
                times[i] = System.nanoTime() - started;
            }
            Stats.row(String.format("listing store=%s filter=%s p50_ms=%.2f p99_ms=%.2f mean_rows=%.1f", store(),
                    filter.getKey(), Stats.percentileMillis(times, 50), Stats.percentileMillis(times, 99),
                    rows / (double) QUERIES));
        }
        assertThat(count()).isGreaterThanOrEqualTo(RECORDS);
    }

    /** The mean size of a record's request and response, each gzip'd as the service did before (the target's yardstick). */
    private double compressedDocumentBytes(Map<String, List<Template>> templates) {
        long total = 0;
        int n = 0;
        for (List<Template> list : templates.values()) {
            for (Template t : list) {
                String response = "{\"evaluationId\":\"" + UUID.randomUUID() + "\",\"evaluatedAt\":\"" + NEWEST + "\"" + t.responseTail();
                total += Gzip.compress(t.requestJson()).length + Gzip.compress(response).length;
                n++;
            }
        }
        return total / (double) n;
    }

    private static AuditQuery query(String rule, String cause, String advice, String version, String patient,
                                    Instant from, Instant to) {
        return new AuditQuery(rule, cause, advice, version, patient, from, to, PAGE, null);
    }

    private static <T> T pick(Random random, List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    private long count() {
        return store.countEvaluations();
    }

    /** Bytes the store takes on disk, or -1 where the store cannot tell (PostgreSQL: see the script). */
    long storeBytes() {
        return -1;
    }

    /** The active ruleset and two variants with other thresholds, so that the version filter selects. */
    private List<Ruleset> versions() throws Exception {
        List<Ruleset> versions = new ArrayList<>();
        versions.add(activeRuleset.get());
        for (String potassium : List.of("3.4", "3.6")) {
            Path copy = RulesFolderCopy.of(RulesFolderFixture.RULES, Files.createTempDirectory("bench-rules").resolve("rules"));
            RulesFolderCopy.replace(copy, "tables/thresholds.csv", "potassium.low,3.5,", "potassium.low," + potassium + ",");
            versions.add(new RulesetCompiler().compile(copy));
        }
        return versions;
    }

    /** Real answers to a spread of requests, serialised once and reused as record content. */
    private List<Template> templates(Ruleset ruleset) throws Exception {
        ObjectMapper strict = StrictJson.newMapper();
        List<String> requests = List.of(
                Files.readString(Path.of("src/test/resources/spec-example.json")),
                "{\"labs\": [{\"analyte\": \"potassium\", \"value\": 3.1, \"unit\": \"mmol/L\"}]}",
                "{\"labs\": [{\"analyte\": \"magnesium\", \"value\": 1.4, \"unit\": \"mg/dL\"}], \"medications\": [{\"name\": \"Lasix\"}]}",
                "{\"activity\": {\"intensity\": \"intense\", \"warmsUp\": false, \"restDaysPerWeek\": 0}}",
                "{\"conditions\": [\"MS\"], \"symptoms\": [\"tremor\"]}",
                "{\"substances\": {\"alcoholUnitsPerWeek\": 20, \"herbalSupplements\": [\"senna\"]}}",
                "{\"diet\": {\"lowIn\": [\"magnesium\"]}, \"conditions\": [\"CKD\"]}",
                "{\"cramps\": {\"severity\": \"severe\", \"episodesPerWeek\": 4, \"durationWeeks\": 8}}",
                "{}");
        List<Template> templates = new ArrayList<>();
        for (String body : requests) {
            EvaluationRequest request = strict.readValue(body, EvaluationRequest.class);
            Recommendation answer = new Evaluator().evaluate(request, ruleset);
            String response = json.writeValueAsString(answer);
            String tail = response.substring(response.indexOf(",\"rulesetVersion\""));
            templates.add(new Template(json.writeValueAsString(request), tail, answer.rulesFired(), answer.causeCodes(),
                    answer.adviceCodes()));
        }
        return templates;
    }

    private void fill(List<Ruleset> versions, Map<String, List<Template>> templates, long missing) throws Exception {
        Random random = new Random(7);
        long started = System.nanoTime();
        // In time order with time-ordered ids, as the service writes them: a year up to NEWEST.
        long stepMicros = Duration.ofDays(365).toNanos() / 1000 / missing;
        Instant at = NEWEST.minus(Duration.ofDays(365));
        int batch = 1000;
        for (long done = 0; done < missing; done += batch) {
            List<AuditRecord> records = new ArrayList<>(batch);
            Map<String, Ruleset> used = new LinkedHashMap<>();
            for (int i = 0; i < batch; i++) {
                int v = random.nextInt(10);
                Ruleset version = versions.get(v < 6 ? 0 : v < 9 ? 1 : 2);
                used.putIfAbsent(version.version(), version);
                Template template = pick(random, templates.get(version.version()));
                at = at.plus(stepMicros, ChronoUnit.MICROS);
                UUID id = org.crampadvisor.evaluation.EvaluationIds.at(at.toEpochMilli());
                String response = "{\"evaluationId\":\"" + id + "\",\"evaluatedAt\":\"" + at + "\"" + template.responseTail();
                records.add(new AuditRecord(id, at, "requester", version.version(),
                        pseudonyms.of("bench-patient-" + random.nextInt(PATIENTS)), 100 + random.nextInt(400),
                        template.requestJson(), response, template.rules(), template.causes(), template.advice(),
                        null, Set.of()));
            }
            store.commit(records.stream().map(store::prepare).toList(), used.values());
            if ((done / batch) % 100 == 0) {
                System.out.printf("filled %d of %d records in %.0f s%n", done + batch, missing,
                        (System.nanoTime() - started) / 1e9);
            }
        }
        Stats.row(String.format("fill store=%s records=%d seconds=%.0f", store(), missing, (System.nanoTime() - started) / 1e9));
    }
}
