package org.crampadvisor.fhir;

import ca.uhn.fhir.parser.DataFormatException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the JSON of one prefetch key with HAPI FHIR into a {@link PrefetchEntry}. What the EHR sent
 * never makes this throw: an OperationOutcome (alone or in a bundle), a resource of a type the key does
 * not hold, or JSON that is not FHIR R4 makes the key {@code MISSING} with the reason.
 */
public final class PrefetchReader {

    private PrefetchReader() {
    }

    /**
     * @param json     the key's JSON; {@code null} when the key was not sent, the text {@code null} when it was sent as null
     * @param accepted the resource types the key may hold (a bundle's entries of other types are ignored)
     */
    public static PrefetchEntry read(String json, Set<String> accepted) {
        if (json == null) {
            return PrefetchEntry.notSent();
        }
        if (json.isBlank() || json.strip().equals("null")) {
            return PrefetchEntry.noData();
        }
        IBaseResource parsed;
        try {
            parsed = FhirR4.jsonParser().parseResource(json);
        } catch (DataFormatException | IllegalArgumentException e) {
            return PrefetchEntry.missing("not readable as FHIR R4 JSON: " + firstLine(e.getMessage()));
        }
        return of(parsed, accepted);
    }

    /** The same for a resource already parsed (a FHIR server's answer, a test fixture). */
    public static PrefetchEntry of(IBaseResource parsed, Set<String> accepted) {
        if (parsed instanceof OperationOutcome outcome) {
            return PrefetchEntry.missing("the EHR answered with an OperationOutcome: " + describe(outcome));
        }
        if (parsed instanceof Bundle bundle) {
            List<Resource> resources = new ArrayList<>();
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                Resource resource = entry.getResource();
                if (resource instanceof OperationOutcome outcome) {
                    return PrefetchEntry.missing("the EHR's search returned an OperationOutcome: " + describe(outcome));
                }
                if (resource != null && accepted.contains(resource.fhirType())) {
                    resources.add(resource);
                }
            }
            return PrefetchEntry.present(resources);
        }
        if (parsed instanceof Resource resource && accepted.contains(resource.fhirType())) {
            return PrefetchEntry.present(List.of(resource));
        }
        return PrefetchEntry.missing("expected " + String.join(" or ", accepted.stream().sorted().toList())
                + " or a Bundle of them, but got " + parsed.fhirType());
    }

    /** Draft orders of {@code context.draftOrders}: the MedicationRequests of a Bundle. */
    public static List<MedicationRequest> draftMedicationRequests(String bundleJson) {
        PrefetchEntry entry = read(bundleJson, Set.of("MedicationRequest"));
        return entry.resourcesOf(MedicationRequest.class);
    }

    private static String describe(OperationOutcome outcome) {
        String issues = outcome.getIssue().stream()
                .map(i -> i.hasDiagnostics() ? i.getDiagnostics() : i.getDetails().getText())
                .filter(t -> t != null && !t.isBlank())
                .collect(Collectors.joining("; "));
        return issues.isEmpty() ? "no details given" : issues;
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
