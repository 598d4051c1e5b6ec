package org.crampadvisor.fhir;

import org.hl7.fhir.r4.model.Resource;

import java.util.List;

/**
 * What one prefetch key (or one FHIR search) brought: the resources, or why there are none.
 *
 * @param state     see {@link State}
 * @param resources the resources of the key (a bundle's entries, or the one resource); empty unless {@code PRESENT}
 * @param reason    for {@code MISSING}: why the data could not be used, in words (never logged: it may quote the EHR)
 */
public record PrefetchEntry(State state, List<Resource> resources, String reason) {

    public enum State {
        /** The EHR did not send the key. */
        NOT_SENT,
        /** The EHR sent the key as {@code null}: it has no such data for the patient. */
        NO_DATA,
        /** The EHR sent something that cannot be used (an OperationOutcome, a wrong resource type, unreadable JSON). */
        MISSING,
        /** The EHR sent resources. */
        PRESENT
    }

    public PrefetchEntry {
        resources = List.copyOf(resources);
    }

    public static PrefetchEntry notSent() {
        return new PrefetchEntry(State.NOT_SENT, List.of(), null);
    }

    public static PrefetchEntry noData() {
        return new PrefetchEntry(State.NO_DATA, List.of(), null);
    }

    public static PrefetchEntry missing(String reason) {
        return new PrefetchEntry(State.MISSING, List.of(), reason);
    }

    public static PrefetchEntry present(List<Resource> resources) {
        return new PrefetchEntry(State.PRESENT, resources, null);
    }

    /** Whether the data of this key was assessed: sent with resources, or sent as "none". */
    public boolean assessed() {
        return state == State.PRESENT || state == State.NO_DATA;
    }

    public <R extends Resource> List<R> resourcesOf(Class<R> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
