package org.crampadvisor.fhir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The FHIR and CDS Hooks fixtures under src/test/resources (sources and licences in their READMEs). */
final class FhirFixtures {

    static final Set<String> PATIENT = Set.of("Patient");
    static final Set<String> LABS = Set.of("Observation");
    static final Set<String> MEDICATIONS = Set.of("MedicationRequest", "Medication");
    static final Set<String> CONDITIONS = Set.of("Condition");

    private FhirFixtures() {
    }

    static String text(String path) {
        try (InputStream in = FhirFixtures.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A searchset Bundle of the given resource fixtures, as an EHR's prefetch would send it. */
    static String bundle(String... paths) {
        return "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":["
                + List.of(paths).stream().map(p -> "{\"resource\":" + text(p) + "}").collect(Collectors.joining(","))
                + "]}";
    }

    static PrefetchEntry entry(String json, Set<String> types) {
        return PrefetchReader.read(json, types);
    }
}
