package org.crampadvisor.engine;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * One rule firing.
 *
 * @param sequence 1-based position in the firing order
 * @param rule     the rule's name
 * @param pkg      its DRL package
 * @param file     its file relative to the rules folder
 * @param metadata its metadata ({@code description}, {@code source}, ...)
 * @param matched  the facts its patterns bound
 * @param inserted the facts its consequence inserted
 */
public record TraceEntry(int sequence, String rule, @JsonProperty("package") String pkg, String file,
                         Map<String, Object> metadata, List<TracedFact> matched, List<TracedFact> inserted) {
}
