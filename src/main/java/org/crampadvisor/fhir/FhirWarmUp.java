package org.crampadvisor.fhir;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Warms the FHIR context when the service starts, so the first EHR call is not seconds slower. */
@ApplicationScoped
public class FhirWarmUp {

    private static final Logger LOG = Logger.getLogger(FhirWarmUp.class);

    void onStart(@Observes StartupEvent event) {
        long started = System.nanoTime();
        FhirR4.warm();
        LOG.infof("FHIR R4 context ready in %d ms", (System.nanoTime() - started) / 1_000_000);
    }
}
