package org.crampadvisor.model;

/**
 * Inserted by an advice or referral rule: one reason to give one piece of advice.
 *
 * @param advice  the advice to give
 * @param because why: a cause code, or a named trigger such as {@code INTENSE_ACTIVITY} or {@code GENERAL_PREVENTION}
 */
public record AdviceReason(AdviceCode advice, String because) {
}
