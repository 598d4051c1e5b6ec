package org.crampadvisor.model;

/**
 * Inserted by a contraindication rule: one reason not to give one piece of advice, because in the
 * patient's state it would harm. Advice withheld this way leaves the answer's {@code advice} and is
 * listed in {@code withheld}, with every reason and rule that withheld it.
 *
 * @param advice  the advice to withhold
 * @param because why, as a reason code such as {@code LOW_SODIUM} or {@code KIDNEY_DISEASE}
 */
public record AdviceWithheld(AdviceCode advice, String because) {
}
