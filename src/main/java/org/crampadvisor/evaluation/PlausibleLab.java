package org.crampadvisor.evaluation;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import org.crampadvisor.model.Numbers;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A lab result whose unit is allowed for its analyte and whose value, converted to the canonical unit,
 * is physiologically plausible. An implausible value is nearly always a unit mistake, which the rules
 * would otherwise turn into a confident and wrong finding.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = PlausibleLab.Validator.class)
public @interface PlausibleLab {

    String message() default "implausible lab result";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<PlausibleLab, EvaluationRequest.LabInput> {

        @Override
        public boolean isValid(EvaluationRequest.LabInput lab, ConstraintValidatorContext context) {
            if (lab == null || lab.analyte() == null || lab.value() == null || lab.unit() == null || lab.unit().isBlank()) {
                return true; // the field constraints report what is missing
            }
            Analyte analyte = lab.analyte();
            if (analyte.allowedUnit(lab.unit()).isEmpty()) {
                return violation(context, "unit", "unit '" + lab.unit() + "' is not allowed for " + analyte.code()
                        + "; use one of " + String.join(", ", analyte.units()));
            }
            double value = lab.value();
            if (!Double.isFinite(value)) {
                return violation(context, "value", "must be a finite number");
            }
            double canonical = analyte.toCanonical(value, lab.unit());
            if (canonical < analyte.plausibleMin() || canonical > analyte.plausibleMax()) {
                String asSent = Numbers.format(value) + " " + lab.unit();
                String converted = analyte.allowedUnit(lab.unit()).get().equals(analyte.canonicalUnit()) ? ""
                        : " (" + Numbers.format(canonical) + " " + analyte.canonicalUnit() + ")";
                return violation(context, "value", analyte.code() + " " + asSent + converted
                        + " is outside the plausible range " + Numbers.format(analyte.plausibleMin()) + " to "
                        + Numbers.format(analyte.plausibleMax()) + " " + analyte.canonicalUnit()
                        + "; check the value and its unit");
            }
            return true;
        }

        private static boolean violation(ConstraintValidatorContext context, String property, String message) {
            context.disableDefaultConstraintViolation();
            // Escape the characters the message interpolator would read as expressions.
            String literal = message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
            context.buildConstraintViolationWithTemplate(literal).addPropertyNode(property).addConstraintViolation();
            return false;
        }
    }
}
