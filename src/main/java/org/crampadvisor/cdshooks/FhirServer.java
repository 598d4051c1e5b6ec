package org.crampadvisor.cdshooks;

import ca.uhn.fhir.parser.DataFormatException;
import org.crampadvisor.fhir.FhirR4;
import org.crampadvisor.fhir.PrefetchEntry;
import org.crampadvisor.fhir.PrefetchReader;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads prefetch keys the EHR did not send from its FHIR server ({@code fhirServer}), with the access token
 * of {@code fhirAuthorization} (sent to that server only, never logged or kept). All keys are read in
 * parallel, every page of a key within the same deadline. The JDK's HTTP client is enough here: a few GET
 * requests per call, no FHIR client features needed beyond what HAPI's parser gives.
 *
 * <p>What the server answers decides: an answer (even an OperationOutcome, which makes the key missing) is
 * data; no answer in time, a refused token or a server error means the service cannot read the data it
 * needs, which CDS Hooks answers with 412.
 */
public final class FhirServer {

    static final int MAX_PAGES = 20;
    private static final String FHIR_JSON = "application/fhir+json";

    private final HttpClient http;

    public FhirServer() {
        // Redirects are never followed: the token must not travel to another server.
        this(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(2)).build());
    }

    FhirServer(HttpClient http) {
        this.http = http;
    }

    /**
     * @param base    the EHR's FHIR base URL
     * @param token   the bearer token, or null to call without one
     * @param queries each key to read with its query relative to {@code base}
     * @param deadline when all of it must be read ({@link System#nanoTime()})
     * @param timeout  the time the call has for reading, for the message when it runs out
     * @throws FhirServerUnavailableException when a key could not be read in time
     */
    public Map<PrefetchKey, PrefetchEntry> read(URI base, String token, Map<PrefetchKey, String> queries, long deadline,
                                                Duration timeout) {
        Map<PrefetchKey, CompletableFuture<PrefetchEntry>> pending = new EnumMap<>(PrefetchKey.class);
        queries.forEach((key, query) -> pending.put(key, read(base, token, key, resolve(base, query), deadline,
                new ArrayList<>(), 1)));
        Map<PrefetchKey, PrefetchEntry> read = new EnumMap<>(PrefetchKey.class);
        try {
            for (Map.Entry<PrefetchKey, CompletableFuture<PrefetchEntry>> entry : pending.entrySet()) {
                read.put(entry.getKey(), await(entry.getKey(), entry.getValue(), deadline, timeout));
            }
        } finally {
            pending.values().forEach(f -> f.cancel(true));
        }
        return read;
    }

    /**
     * The pages after the first of a searchset the EHR sent itself ({@code next} names the second),
     * added to the first page's resources.
     */
    public PrefetchEntry readRemainingPages(URI base, String token, PrefetchKey key, PrefetchEntry firstPage, URI next,
                                            long deadline, Duration timeout) {
        CompletableFuture<PrefetchEntry> pending = read(base, token, key, next, deadline,
                new ArrayList<>(firstPage.resources()), 2);
        try {
            return await(key, pending, deadline, timeout);
        } finally {
            pending.cancel(true);
        }
    }

    private static PrefetchEntry await(PrefetchKey key, CompletableFuture<PrefetchEntry> future, long deadline,
                                       Duration timeout) {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw late(key, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FhirServerUnavailableException("interrupted while reading '" + key.key() + "' from the FHIR server");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null ? c.getCause() : e.getCause();
            if (cause instanceof FhirServerUnavailableException unavailable) {
                throw unavailable;
            }
            if (cause instanceof HttpTimeoutException) {
                throw late(key, timeout);
            }
            if (cause instanceof ConnectException) {
                throw new FhirServerUnavailableException("the FHIR server could not be reached for '" + key.key() + "'");
            }
            throw new FhirServerUnavailableException("the FHIR server could not be read for '" + key.key() + "' ("
                    + cause.getClass().getSimpleName() + ")");
        }
    }

    private static FhirServerUnavailableException late(PrefetchKey key, Duration timeout) {
        return new FhirServerUnavailableException("the FHIR server did not answer the query for '" + key.key()
                + "' within " + timeout.toMillis() + " ms");
    }

    private CompletableFuture<PrefetchEntry> read(URI base, String token, PrefetchKey key, URI uri, long deadline,
                                                  List<Resource> earlierPages, int page) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            return CompletableFuture.failedFuture(new HttpTimeoutException("deadline"));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().header("Accept", FHIR_JSON)
                .timeout(Duration.ofNanos(remaining));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .thenCompose(response -> {
                    Answer answer = answerOf(key, response);
                    PrefetchEntry entry = answer.entry();
                    if (entry.state() != PrefetchEntry.State.PRESENT) {
                        return CompletableFuture.completedFuture(entry);
                    }
                    List<Resource> resources = new ArrayList<>(earlierPages);
                    resources.addAll(entry.resources());
                    Optional<URI> next = key.everyPage() && answer.parsed() instanceof Bundle bundle
                            ? nextPage(base, bundle) : Optional.empty();
                    if (next.isPresent() && page < MAX_PAGES) {
                        return read(base, token, key, next.get(), deadline, resources, page + 1);
                    }
                    return CompletableFuture.completedFuture(PrefetchEntry.present(resources));
                });
    }

    private record Answer(PrefetchEntry entry, IBaseResource parsed) {
    }

    /** The key's data from one answer; throws when the answer means the server cannot be read. */
    private static Answer answerOf(PrefetchKey key, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new FhirServerUnavailableException("the FHIR server refused access to '" + key.key() + "' (HTTP "
                    + status + "); check fhirAuthorization");
        }
        if (status >= 500 || status == 429 || status == 408) {
            throw new FhirServerUnavailableException("the FHIR server failed to answer '" + key.key() + "' (HTTP "
                    + status + ")");
        }
        IBaseResource parsed;
        try {
            parsed = FhirR4.jsonParser().parseResource(response.body());
        } catch (DataFormatException | IllegalArgumentException e) {
            return new Answer(PrefetchEntry.missing("the FHIR server's answer (HTTP " + status + ") is not FHIR R4 JSON"), null);
        }
        if (status >= 300 && !(parsed instanceof OperationOutcome)) {
            return new Answer(PrefetchEntry.missing("the FHIR server answered HTTP " + status), parsed);
        }
        return new Answer(PrefetchReader.of(parsed, key.resourceTypes()), parsed);
    }

    /** The next page of a searchset, if the server gives one under its own base URL (the token goes nowhere else). */
    static Optional<URI> nextPage(URI base, Bundle bundle) {
        Bundle.BundleLinkComponent link = bundle.getLink(Bundle.LINK_NEXT);
        if (link == null || !link.hasUrl()) {
            return Optional.empty();
        }
        try {
            URI next = base.resolve(link.getUrl());
            String prefix = withSlash(base.toString());
            return next.toString().startsWith(prefix) ? Optional.of(next) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** {@code base} + {@code query}, whether or not the base ends with a slash. */
    static URI resolve(URI base, String query) {
        return URI.create(withSlash(base.toString()) + query);
    }

    private static String withSlash(String url) {
        return url.endsWith("/") ? url : url + "/";
    }
}
