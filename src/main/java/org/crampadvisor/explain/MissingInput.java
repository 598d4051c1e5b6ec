package org.crampadvisor.explain;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * An input the active rules can use that the request did not give (SPEC section 3, {@code missingInputs}).
 *
 * @param input         the request path: {@code labs[analyte=magnesium]}, {@code activity.intensity}, {@code medications}
 * @param label         the input in words, from {@code rules/tables/labels.csv}
 * @param couldConclude the causes it could lead to, directly or through other rules
 * @param couldAdvise   the advice it could lead to
 * @param couldWithhold the advice it could hold back as harmful (a contraindication)
 * @param rules         the rules that use it
 */
@Schema(description = "An input the active rules can use that the request did not give")
public record MissingInput(
        @Schema(description = "The request path: labs[analyte=X] for a lab, a dotted path for a field, the section name for a list",
                examples = "labs[analyte=magnesium]") String input,
        @Schema(description = "The input in words", examples = "serum magnesium") String label,
        @Schema(description = "Cause codes it could conclude, directly or through other rules",
                examples = "[\"ELECTROLYTE_IMBALANCE\"]") List<String> couldConclude,
        @Schema(description = "Advice codes it could lead to", examples = "[\"BALANCED_DIET\", \"CONSULT_PROFESSIONAL\", \"HYDRATE\"]")
        List<String> couldAdvise,
        @Schema(description = "Advice codes it could hold back as harmful", examples = "[\"HYDRATE\"]") List<String> couldWithhold,
        @Schema(description = "The rules that use it", examples = "[\"Low serum magnesium\"]") List<String> rules) {
}
