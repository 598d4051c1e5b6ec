package org.crampadvisor.fhir;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Warms the FHIR context in the background when the service starts: the start (and readiness) does not
 * wait for it, and the first EHR call waits only for what is left of it instead of paying it all.
 */
@ApplicationScoped
public class FhirWarmUp {

    private static final Logger LOG = Logger.getLogger(FhirWarmUp.class);

    private final CompletableFuture<Void> warmed = new CompletableFuture<>();
    private final AtomicBoolean started = new AtomicBoolean();

    void onStart(@Observes StartupEvent event) {
        start();
    }

    private void start() {
        if (started.compareAndSet(false, true)) {
            Thread thread = new Thread(this::warm, "fhir-warm-up");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void warm() {
        long started = System.nanoTime();
        try {
            FhirR4.warm();
            LOG.infof("FHIR R4 context ready in %d ms", (System.nanoTime() - started) / 1_000_000);
            warmed.complete(null);
        } catch (RuntimeException | Error e) {
            // The first call then builds what it needs itself; the warm-up only saves it the time.
            LOG.warnf("Warming the FHIR R4 context failed (%s); the first CDS Hooks call will build it", e.getClass().getName());
            warmed.complete(null);
        }
    }

    /** Returns once the warm-up is over (at once after it); a call that needs FHIR parsing waits here. */
    public void awaitWarm() {
        start();
        try {
            warmed.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // never completed exceptionally
        }
    }
}
