package org.crampadvisor.cdshooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.crampadvisor.cdshooks.CdsHooksModel.Action;
import org.crampadvisor.cdshooks.CdsHooksModel.Card;
import org.crampadvisor.cdshooks.CdsHooksModel.Indicator;
import org.crampadvisor.cdshooks.CdsHooksModel.Link;
import org.crampadvisor.cdshooks.CdsHooksModel.Source;
import org.crampadvisor.cdshooks.CdsHooksModel.Suggestion;
import org.crampadvisor.engine.CodeCatalogues;
import org.crampadvisor.engine.ReferenceData;
import org.crampadvisor.engine.TraceEntry;
import org.crampadvisor.engine.TracedFact;
import org.crampadvisor.evaluation.Analyte;
import org.crampadvisor.evaluation.EvaluationRequest;
import org.crampadvisor.evaluation.Recommendation;
import org.crampadvisor.fhir.FhirFactMapper;
import org.crampadvisor.fhir.FhirR4;
import org.crampadvisor.fhir.FhirUnrecognized;
import org.crampadvisor.fhir.MappedFacts;
import org.crampadvisor.fhir.NotAssessed;
import org.crampadvisor.model.CauseCode;
import org.crampadvisor.model.CauseEvidence;
import org.crampadvisor.model.Certainty;
import org.crampadvisor.model.Condition;
import org.crampadvisor.model.LabResult;
import org.crampadvisor.model.Medication;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The cards of SPEC section 8, built from an answer and the FHIR data it was derived from. Every card
 * says what it rests on (findings and the EHR resources behind them), the advice and the advice held
 * back, what could not be assessed, EHR data that was not used and why, the rules, and the disclaimer,
 * in Markdown a clinician reads in seconds. Cards carry a {@code uuid} (feedback names it) and a link to
 * the evaluation in the audit log.
 */
public final class Cards {

    public static final String SOURCE_LABEL = "cramp-advisor";
    /** SPEC section 8: a summary is shorter than 140 characters. */
    public static final int MAX_SUMMARY = 139;
    /** The catalogue group of the medications the order check is about (rules match the same group). */
    public static final String DIURETIC_GROUP = "diuretic";
    /**
     * The findings (codes of rules/tables/findings.csv) a drafted diuretic must not meet unremarked: low
     * serum potassium, sodium or magnesium (SPEC section 8).
     */
    public static final Set<String> ORDER_CHECK_FINDINGS = Set.of("low-potassium", "low-sodium", "low-magnesium");
    /** The labs suggested for ordering when a diuretic is taken or drafted and they have no result. */
    static final List<Analyte> DIURETIC_LABS = List.of(Analyte.POTASSIUM, Analyte.SODIUM, Analyte.MAGNESIUM);
    private static final int MAX_LISTED = 8;

    /** A card and the rules behind it, which the audit record keeps so that feedback can name them. */
    public record Presented(Card card, List<String> rules) {
    }

    /**
     * What the cards are made from.
     *
     * @param answer       the evaluation's answer (its unrecognized includes the EHR data not used)
     * @param facts        the facts derived from the EHR data, with where each came from
     * @param notUsed      the EHR data not used, with the reason
     * @param reference    the tables and catalogues of the ruleset that answered
     * @param patientId    the patient's FHIR id
     * @param labsAssessed whether the EHR's lab results were read (an order suggestion needs to know a lab is absent)
     * @param evaluationUrl the evaluation in the audit log
     */
    public record Input(Recommendation answer, MappedFacts facts, List<FhirUnrecognized> notUsed, ReferenceData reference,
                        String patientId, boolean labsAssessed, String evaluationUrl) {
    }

    private final ObjectMapper json;
    private final Supplier<UUID> ids;

    public Cards(ObjectMapper json, Supplier<UUID> ids) {
        this.json = json;
        this.ids = ids;
    }

    /** {@code leg-cramp-causes}: one card per cause found. */
    public List<Presented> causeCards(Input input) {
        List<Presented> cards = new ArrayList<>();
        for (Recommendation.Cause cause : input.answer().causes()) {
            List<Recommendation.Advice> advice = adviceFor(input.answer(), cause.code());
            Set<String> rules = new LinkedHashSet<>(cause.rules());
            advice.forEach(a -> rules.addAll(a.rules()));
            input.answer().withheld().forEach(w -> rules.addAll(w.rules()));

            StringBuilder detail = new StringBuilder();
            detail.append("**").append(escape(cause.title())).append("**: ").append(cause.certainty().code())
                    .append(cause.certainty() == Certainty.LIKELY ? " (an objective finding supports it)"
                            : " (risk factors support it)").append(".\n\n");
            detail.append("**Findings**\n");
            for (String finding : cause.findings()) {
                detail.append("- ").append(findingLine(input, finding)).append('\n');
            }
            appendCommon(detail, input, advice, rules);

            List<Suggestion> suggestions = cause.code() == CauseCode.ELECTROLYTE_IMBALANCE ? labSuggestions(input) : List.of();
            String first = cause.findings().isEmpty() ? "" : ": " + cause.findings().get(0)
                    + (cause.findings().size() > 1 ? " (+" + (cause.findings().size() - 1) + " more)" : "");
            Card card = new Card(ids.get().toString(), summary(cause.title() + " (" + cause.certainty().code() + ")" + first),
                    detail.toString(), cause.certainty() == Certainty.LIKELY ? Indicator.WARNING : Indicator.INFO,
                    new Source(SOURCE_LABEL, null), suggestions.isEmpty() ? null : suggestions,
                    suggestions.isEmpty() ? null : "any", List.of(evaluationLink(input)));
            cards.add(new Presented(card, List.copyOf(rules)));
        }
        return cards;
    }

    /**
     * {@code diuretic-order-check}: a warning when a drafted diuretic meets a low potassium, sodium or
     * magnesium or recorded cramps; otherwise, when electrolytes have no result, a suggestion to order them.
     */
    public List<Presented> orderCheckCards(Input input, List<String> draftedDiuretics) {
        List<Problem> problems = new ArrayList<>();
        Set<String> rules = new LinkedHashSet<>();
        for (TraceEntry firing : input.answer().trace()) {
            for (TracedFact inserted : firing.inserted()) {
                if (inserted.fact() instanceof CauseEvidence evidence && ORDER_CHECK_FINDINGS.contains(evidence.finding())) {
                    problems.add(new Problem(evidence.text(), sourcesOf(input, firing)));
                    rules.add(firing.rule());
                }
            }
            if (firing.matched().stream().anyMatch(f -> f.fact() instanceof Medication m
                    && draftedDiuretics.contains(m.generic()))) {
                rules.add(firing.rule());
            }
        }
        for (Map.Entry<String, List<String>> condition : crampsConditions(input).entrySet()) {
            problems.add(new Problem("Leg cramps are recorded (" + condition.getKey() + ")", condition.getValue()));
        }
        List<Suggestion> suggestions = labSuggestions(input);
        if (problems.isEmpty() && suggestions.isEmpty()) {
            return List.of();
        }
        String drafted = String.join(" and ", draftedDiuretics);
        StringBuilder detail = new StringBuilder();
        detail.append("**Drafted, not taken:** ").append(escape(drafted)).append(" (")
                .append(escape(String.join(", ", draftOrderRefs(input, draftedDiuretics))))
                .append(") is in this order and not taken yet; the evaluation counts it as a medication.\n\n");
        if (!problems.isEmpty()) {
            detail.append("**Findings**\n");
            for (Problem problem : problems) {
                detail.append("- ").append(escape(problem.text())).append(sources(problem.sources())).append('\n');
            }
        } else {
            detail.append("**Findings**: no low serum potassium, sodium or magnesium and no recorded leg cramps in the "
                    + "EHR data; the electrolytes below have no result.\n");
        }
        if (!input.answer().causes().isEmpty()) {
            detail.append("\n**Causes of leg cramps found**: ").append(input.answer().causes().stream()
                    .map(c -> escape(c.title()) + " (" + c.certainty().code() + ")").collect(Collectors.joining("; ")))
                    .append('\n');
        }
        appendCommon(detail, input, input.answer().advice(), rules);

        String summary = problems.isEmpty()
                ? "Drafted " + drafted + ": no " + DIURETIC_LABS.stream().filter(a -> missing(input, a))
                .map(Cards::label).collect(Collectors.joining(", ")) + " result; consider ordering before signing"
                : "Drafted " + drafted + ": " + problems.get(0).text()
                + (problems.size() > 1 ? " (+" + (problems.size() - 1) + " more)" : "");
        Card card = new Card(ids.get().toString(), summary(summary), detail.toString(),
                problems.isEmpty() ? Indicator.INFO : Indicator.WARNING, new Source(SOURCE_LABEL, null),
                suggestions.isEmpty() ? null : suggestions, suggestions.isEmpty() ? null : "any",
                List.of(evaluationLink(input)));
        return List.of(new Presented(card, List.copyOf(rules)));
    }

    private record Problem(String text, List<String> sources) {
    }

    // ---- The parts every card has ----

    private void appendCommon(StringBuilder detail, Input input, List<Recommendation.Advice> advice, Set<String> rules) {
        if (!advice.isEmpty()) {
            detail.append("\n**Advice**\n");
            for (Recommendation.Advice a : advice) {
                detail.append("- ").append(escape(a.text())).append(" (").append(a.code().name()).append(")\n");
            }
        }
        if (!input.answer().withheld().isEmpty()) {
            detail.append("\n**Held back** (would harm in this patient's state)\n");
            for (Recommendation.Withheld w : input.answer().withheld()) {
                detail.append("- ").append(w.code().name()).append(": ").append(escape(String.join("; ", w.rules())))
                        .append(" (").append(String.join(", ", w.because())).append(")\n");
            }
        }
        String notAssessed = notAssessed(input.facts().notAssessed());
        if (!notAssessed.isEmpty()) {
            detail.append("\n**Not assessed**: ").append(notAssessed).append('\n');
        }
        if (!input.notUsed().isEmpty()) {
            detail.append("\n**EHR data not used**\n");
            List<FhirUnrecognized> listed = input.notUsed().subList(0, Math.min(MAX_LISTED, input.notUsed().size()));
            for (FhirUnrecognized u : listed) {
                detail.append("- ").append(escape(u.field())).append(" `").append(code(u.value())).append("`: ")
                        .append(escape(u.reason())).append('\n');
            }
            if (input.notUsed().size() > listed.size()) {
                detail.append("- and ").append(input.notUsed().size() - listed.size())
                        .append(" more (see the evaluation's unrecognized)\n");
            }
        }
        if (!rules.isEmpty()) {
            detail.append("\n**Rules**: ").append(escape(String.join("; ", rules))).append('\n');
        }
        detail.append("\n*").append(escape(input.answer().disclaimer())).append("*\n");
    }

    /** The advice given because of this cause, and advice given for reasons that are not a cause (e.g. a referral). */
    private static List<Recommendation.Advice> adviceFor(Recommendation answer, CauseCode cause) {
        Set<String> causeCodes = new LinkedHashSet<>();
        for (CauseCode code : CauseCode.values()) {
            causeCodes.add(code.name());
        }
        return answer.advice().stream().filter(a -> a.because().contains(cause.name())
                || a.because().stream().noneMatch(causeCodes::contains)).toList();
    }

    /** A finding with the EHR resources behind it, and whether a medication in it is only drafted. */
    private static String findingLine(Input input, String finding) {
        for (TraceEntry firing : input.answer().trace()) {
            for (TracedFact inserted : firing.inserted()) {
                if (inserted.fact() instanceof CauseEvidence evidence && finding.equals(evidence.text())) {
                    String line = escape(finding) + sources(sourcesOf(input, firing));
                    boolean drafted = firing.matched().stream().anyMatch(f -> f.fact() instanceof Medication m
                            && input.facts().drafted().contains(m.field()));
                    return drafted ? line + " *(drafted in this order, not taken yet)*" : line;
                }
            }
        }
        return escape(finding);
    }

    /** The FHIR resources behind the request fields a firing matched (labs[0] -> Observation/42). */
    private static List<String> sourcesOf(Input input, TraceEntry firing) {
        Set<String> sources = new LinkedHashSet<>();
        for (TracedFact matched : firing.matched()) {
            Object fact = matched.fact();
            String field = fact instanceof LabResult lab ? lab.field()
                    : fact instanceof Medication medication ? medication.field()
                    : fact instanceof Condition condition ? condition.field() : null;
            if (field != null) {
                sources.addAll(input.facts().origins().getOrDefault(field, List.of()));
            }
        }
        return List.copyOf(sources);
    }

    private static String sources(List<String> sources) {
        return sources.isEmpty() ? "" : " (" + escape(String.join(", ", sources)) + ")";
    }

    private static List<String> draftOrderRefs(Input input, List<String> names) {
        Set<String> refs = new LinkedHashSet<>();
        names.forEach(n -> refs.addAll(input.facts().draftOrders().getOrDefault(n, List.of())));
        return List.copyOf(refs);
    }

    /** The recorded conditions of the cramps group, each with the Conditions it came from. */
    static Map<String, List<String>> crampsConditions(Input input) {
        Map<String, List<String>> cramps = new LinkedHashMap<>();
        List<String> conditions = input.facts().request().conditionsOrEmpty();
        for (int i = 0; i < conditions.size(); i++) {
            String name = conditions.get(i);
            Optional<ReferenceData.ConditionEntry> entry = input.reference().conditions().find(name);
            if (entry.isPresent() && ReferenceData.CRAMPS_GROUP.equals(entry.get().group())) {
                cramps.put(name, input.facts().origins().getOrDefault("conditions[" + i + "]", List.of()));
            }
        }
        return cramps;
    }

    private static String notAssessed(List<NotAssessed> notAssessed) {
        List<String> notInEhr = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (NotAssessed n : notAssessed) {
            String label = n.input().startsWith("labs[analyte=")
                    ? analyteLabel(n.input().substring("labs[analyte=".length(), n.input().length() - 1)) : n.input();
            if (n.reason().endsWith("not in the EHR data")) {
                notInEhr.add(label);
            } else {
                others.add(escape(label) + " (" + escape(n.reason()) + ")");
            }
        }
        List<String> parts = new ArrayList<>();
        if (!notInEhr.isEmpty()) {
            parts.add(escape(String.join(", ", notInEhr)) + " (not in the EHR data)");
        }
        parts.addAll(others);
        return String.join("; ", parts);
    }

    // ---- Suggestions to order a lab ----

    /**
     * When a diuretic is taken or drafted and serum potassium, sodium or magnesium has no usable result, one
     * suggestion per such lab: a draft ServiceRequest with the first code of the lab catalogue for it.
     */
    private List<Suggestion> labSuggestions(Input input) {
        if (!input.labsAssessed() || diuretics(input).isEmpty()) {
            return List.of();
        }
        List<Suggestion> suggestions = new ArrayList<>();
        for (Analyte analyte : DIURETIC_LABS) {
            if (!missing(input, analyte)) {
                continue;
            }
            Optional<CodeCatalogues.LabCode> code = orderCode(input.reference().codes(), analyte);
            if (code.isEmpty()) {
                continue;
            }
            String label = "Order " + label(analyte) + " (LOINC " + code.get().loinc() + ")";
            suggestions.add(new Suggestion(label, ids.get().toString(), null, List.of(new Action("create",
                    label + ": " + String.join(" and ", diuretics(input)) + " can lower it, and the EHR data has no "
                            + "usable result", serviceRequest(input.patientId(), code.get(), label(analyte))))));
        }
        return suggestions;
    }

    private static boolean missing(Input input, Analyte analyte) {
        return input.facts().request().labsOrEmpty().stream().noneMatch(l -> l.analyte() == analyte);
    }

    /** The diuretics taken or drafted, by generic name. */
    private static List<String> diuretics(Input input) {
        Set<String> names = new LinkedHashSet<>();
        for (EvaluationRequest.MedicationInput medication : input.facts().request().medicationsOrEmpty()) {
            input.reference().medications().find(medication.name())
                    .filter(e -> e.groups().contains(DIURETIC_GROUP)).ifPresent(e -> names.add(e.generic()));
        }
        return List.copyOf(names);
    }

    /** The code to order a lab by: the first verified code the lab catalogue lists for its analyte. */
    static Optional<CodeCatalogues.LabCode> orderCode(CodeCatalogues codes, Analyte analyte) {
        return codes.labs().values().stream().filter(c -> c.verified() && analyte.code().equals(c.analyte()))
                .min(Comparator.comparingInt(CodeCatalogues.LabCode::line));
    }

    private JsonNode serviceRequest(String patientId, CodeCatalogues.LabCode code, String text) {
        ServiceRequest request = new ServiceRequest();
        request.setStatus(ServiceRequest.ServiceRequestStatus.DRAFT);
        request.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
        request.getCode().addCoding().setSystem(FhirFactMapper.LOINC).setCode(code.loinc()).setDisplay(code.display());
        request.getCode().setText(text);
        if (patientId != null) {
            request.setSubject(new Reference("Patient/" + patientId));
        }
        try {
            return json.readTree(FhirR4.context().newJsonParser().encodeResourceToString(request));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("HAPI FHIR writes JSON", e);
        }
    }

    // ---- Wording ----

    private static Link evaluationLink(Input input) {
        return new Link("The evaluation in the audit log (auditors)", input.evaluationUrl(), "absolute");
    }

    private static String label(Analyte analyte) {
        return analyteLabel(analyte.code());
    }

    private static String analyteLabel(String analyte) {
        return analyte.equals(Analyte.VITAMIN_D.code()) ? "25-OH vitamin D" : "serum " + analyte;
    }

    /** One line of plain text shorter than 140 characters; cut at a word with an ellipsis when longer. */
    static String summary(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        if (line.length() <= MAX_SUMMARY) {
            return line;
        }
        String cut = line.substring(0, MAX_SUMMARY - 1);
        int space = cut.lastIndexOf(' ');
        return (space > MAX_SUMMARY / 2 ? cut.substring(0, space) : cut).stripTrailing() + "…";
    }

    /** Text that Markdown shows as written: no emphasis, links, HTML or headings from EHR data or tables. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (char c : text.replaceAll("[\\r\\n]+", " ").toCharArray()) {
            if ("\\`*_[]<>~".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Text for an inline code span: a code span cannot hold a backtick, and shows everything else as written. */
    private static String code(String text) {
        return text == null ? "" : text.replace('`', '\'').replaceAll("[\\r\\n]+", " ");
    }
}
