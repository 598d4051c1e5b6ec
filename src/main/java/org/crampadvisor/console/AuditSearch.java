package org.crampadvisor.console;

import org.crampadvisor.audit.AuditQuery;
import org.crampadvisor.audit.Cursors;
import org.crampadvisor.audit.Pseudonyms;
import org.crampadvisor.model.AdviceCode;
import org.crampadvisor.model.CauseCode;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The audit search of the console: the filters of {@code GET /api/v1/evaluations}, read from the page's
 * URL (so that a search can be bookmarked) and checked the same way, each problem named by its field.
 */
public final class AuditSearch {

    static final int DEFAULT_LIMIT = 20;
    private static final Pattern VERSION = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final Pattern PATIENT_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** The filters as given in the URL (blank ones left out), for the form and for links. */
    public final Map<String, String> given = new LinkedHashMap<>();
    /** Field name to what is wrong with it. */
    public final Map<String, String> errors = new LinkedHashMap<>();
    private String rule;
    private String cause;
    private String advice;
    private String rulesetVersion;
    private String patientId;
    private Instant from;
    private Instant to;
    private int limit = DEFAULT_LIMIT;
    private String cursor;

    static AuditSearch read(String rule, String cause, String advice, String rulesetVersion, String patientId,
                            String from, String to, String limit, String cursor) {
        AuditSearch search = new AuditSearch();
        search.rule = search.keep("rule", rule);
        if (search.rule != null && search.rule.length() > 300) {
            search.errors.put("rule", "must be a rule name of 1 to 300 characters");
        }
        search.cause = search.keep("cause", cause);
        if (search.cause != null && Arrays.stream(CauseCode.values()).noneMatch(c -> c.name().equals(search.cause))) {
            search.errors.put("cause", "must be one of " + List.of(CauseCode.values()));
        }
        search.advice = search.keep("advice", advice);
        if (search.advice != null && Arrays.stream(AdviceCode.values()).noneMatch(c -> c.name().equals(search.advice))) {
            search.errors.put("advice", "must be one of " + List.of(AdviceCode.values()));
        }
        search.rulesetVersion = search.keep("rulesetVersion", rulesetVersion);
        if (search.rulesetVersion != null && !VERSION.matcher(search.rulesetVersion).matches()) {
            search.errors.put("rulesetVersion", "must be sha256: followed by 64 lower-case hex digits");
        }
        search.patientId = search.keep("patientId", patientId);
        if (search.patientId != null && !PATIENT_ID.matcher(search.patientId).matches()) {
            search.errors.put("patientId", "must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        search.from = search.instant("from", search.keep("from", from));
        search.to = search.instant("to", search.keep("to", to));
        String pageSize = search.keep("limit", limit);
        if (pageSize != null) {
            try {
                search.limit = Integer.parseInt(pageSize);
            } catch (NumberFormatException e) {
                search.limit = -1;
            }
            if (search.limit < 1 || search.limit > AuditQuery.MAX_LIMIT) {
                search.errors.put("limit", "must be a whole number from 1 to " + AuditQuery.MAX_LIMIT);
                search.limit = DEFAULT_LIMIT;
            }
        }
        search.cursor = cursor == null || cursor.isBlank() ? null : cursor.strip();
        return search;
    }

    private String keep(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        given.put(name, value.strip());
        return value.strip();
    }

    private Instant instant(String name, String value) {
        return instant(errors, name, value);
    }

    /**
     * ISO-8601 with an offset as the API takes it, or a date and time from the browser's picker, taken as UTC;
     * null, with the problem put in {@code errors}, when it is neither.
     */
    static Instant instant(Map<String, String> errors, String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                errors.put(name, "must be a date and time such as 2026-11-26T10:00 (UTC) or 2026-11-26T10:00:00+01:00");
                return null;
            }
        }
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    public int limit() {
        return limit;
    }

    public String value(String name) {
        return given.getOrDefault(name, "");
    }

    public String error(String name) {
        return errors.get(name);
    }

    public boolean filtered() {
        return given.keySet().stream().anyMatch(name -> !name.equals("limit"));
    }

    /** The query, or empty when the cursor is not one this service issued (then {@link #errors} says so). */
    Optional<AuditQuery> query(Pseudonyms pseudonyms, Cursors cursors, int pageSize) {
        AuditQuery.Position after = null;
        if (cursor != null) {
            after = cursors.decode(Cursors.Listing.EVALUATIONS, cursor).orElse(null);
            if (after == null) {
                errors.put("cursor", "is not a cursor this service issued; start the search again");
                return Optional.empty();
            }
        }
        return Optional.of(new AuditQuery(rule, cause, advice, rulesetVersion,
                patientId == null ? null : pseudonyms.of(patientId), from, to, pageSize, after));
    }

    /** This search's URL on another console path, with another cursor (or none). */
    String link(String path, String nextCursor) {
        Map<String, String> parameters = new LinkedHashMap<>(given);
        if (nextCursor != null) {
            parameters.put("cursor", nextCursor);
        }
        return Links.withQuery(path, parameters);
    }

    static boolean isEvaluationId(String text) {
        return text != null && UUID_TEXT.matcher(text).matches();
    }
}
