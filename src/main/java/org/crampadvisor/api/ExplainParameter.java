package org.crampadvisor.api;

import org.crampadvisor.evaluation.Evaluator;
import org.crampadvisor.evaluation.FieldError;

import java.util.List;

/** The {@code explain} query parameter of {@code POST /api/v1/evaluations}: {@code why-not}, or absent. */
final class ExplainParameter {

    static final String NAME = "explain";
    static final String WHY_NOT = "why-not";
    static final String DESCRIPTION = "why-not: also say, for every cause not concluded, which rules could have "
            + "concluded it and the first of their conditions that was not met (whyNot, stored with the record)";

    private ExplainParameter() {
    }

    /**
     * The explanation asked for, from the parameter's values as sent; an unknown, empty or repeated value is
     * refused with a 400 naming the parameter, before anything is evaluated.
     */
    static Evaluator.Explanation parse(List<String> values) {
        if (values == null || values.isEmpty()) {
            return Evaluator.Explanation.MISSING_INPUTS;
        }
        String value = values.get(0);
        if (values.size() == 1 && WHY_NOT.equals(value)) {
            return Evaluator.Explanation.WHY_NOT;
        }
        if (values.size() > 1) {
            throw new InvalidRequestException("invalid query parameter explain",
                    List.of(new FieldError(NAME, "must be given once, as " + WHY_NOT)));
        }
        throw new InvalidRequestException("invalid query parameter explain",
                List.of(new FieldError(NAME, "must be " + WHY_NOT + " (or left out); got '" + abbreviated(value == null ? "" : value) + "'")));
    }

    private static String abbreviated(String value) {
        String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
