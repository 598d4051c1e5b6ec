package org.crampadvisor.explain;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * Why a cause was not concluded (SPEC section 3, {@code whyNot}): every rule that could have concluded
 * it, directly or through other rules, with the first of its conditions that was not met.
 *
 * @param cause the cause code not concluded
 * @param rules the rules that could have concluded it
 */
@Schema(description = "Why a cause was not concluded: the rules that could have concluded it, each with its first unmet condition")
public record WhyNot(@Schema(description = "A cause code that was not concluded", examples = "ELECTROLYTE_IMBALANCE") String cause,
                     List<RuleWhyNot> rules) {

    /** The kinds of unmet condition. */
    public static final String MISSING = "missing";
    public static final String NOT_MET = "not-met";
    public static final String BLOCKED = "blocked";

    /**
     * One rule that could have concluded the cause, and its first unmet condition.
     *
     * @param rule      the rule's name
     * @param file      its file, relative to the rules folder
     * @param line      the line of its {@code rule} keyword
     * @param kind      {@code missing}: it needs an input the request did not give; {@code not-met}: the facts
     *                  are there but the condition is false for them; {@code blocked}: earlier conditions
     *                  matched, and it waits on a fact other rules conclude or a later condition failed
     * @param condition the condition as written in the DRL
     * @param text      the condition in words, with the values compared
     * @param facts     the ids of the facts involved, as in the trace
     * @param input     for {@code missing}, the input not given (as in {@code missingInputs})
     */
    @Schema(description = "A rule that could have concluded the cause, with its first unmet condition")
    public record RuleWhyNot(
            @Schema(examples = "Low serum potassium") String rule,
            @Schema(examples = "causes/electrolyte-imbalance.drl") String file,
            @Schema(examples = "9") int line,
            @Schema(enumeration = {MISSING, NOT_MET, BLOCKED}, examples = NOT_MET) String kind,
            @Schema(description = "The DRL condition", examples = "canonicalValue < $limit.value") String condition,
            @Schema(description = "The condition in words, with the values compared",
                    examples = "Serum potassium 3.6 mmol/L is not below 3.5 mmol/L") String text,
            @Schema(description = "Ids of the facts involved, as in the trace", examples = "[1, 14]") List<Integer> facts,
            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Schema(description = "For kind missing: the input the request did not give", nullable = true,
                    examples = "labs[analyte=magnesium]") String input) {
    }
}
