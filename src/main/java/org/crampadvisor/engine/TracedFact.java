package org.crampadvisor.engine;

/**
 * A fact as the trace shows it.
 *
 * @param id   the fact's number in this evaluation, in insertion order; the same fact has the same id
 *             wherever it appears, so a reader can follow an inserted fact to the rules that matched it
 * @param type the fact's type, e.g. {@code LabResult}
 * @param fact the fact's fields
 */
public record TracedFact(int id, String type, Object fact) {
}
