package org.crampadvisor.cdshooks;

import ca.uhn.fhir.parser.DataFormatException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;
import org.crampadvisor.cdshooks.CdsHooksModel.Discovery;
import org.crampadvisor.cdshooks.CdsHooksModel.ServiceResponse;
import org.crampadvisor.config.CdsHooksConfig;
import org.crampadvisor.engine.ActiveRuleset;
import org.crampadvisor.engine.ReferenceData;
import org.crampadvisor.engine.Ruleset;
import org.crampadvisor.evaluation.EvaluationService;
import org.crampadvisor.evaluation.Evaluator;
import org.crampadvisor.evaluation.Recommendation;
import org.crampadvisor.fhir.FhirFactMapper;
import org.crampadvisor.fhir.FhirInput;
import org.crampadvisor.fhir.FhirR4;
import org.crampadvisor.fhir.FhirUnrecognized;
import org.crampadvisor.fhir.FhirWarmUp;
import org.crampadvisor.fhir.MappedFacts;
import org.crampadvisor.fhir.PrefetchEntry;
import org.crampadvisor.fhir.PrefetchReader;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MedicationRequest;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A CDS Hooks call, end to end (SPEC section 8): the FHIR data of each prefetch key (sent by the EHR, or
 * read from its FHIR server), the facts derived from it, the usual evaluation on the active ruleset, the
 * cards, and the audit record with the CDS context and the cards, committed before the answer.
 *
 * <p>Each service first decides from the least data whether it has anything to say: {@code
 * leg-cramp-causes} only for a patient with an active condition of the cramps group, {@code
 * diuretic-order-check} only when the draft orders hold a diuretic. Otherwise the answer is no cards, with
 * no evaluation, no audit record and no further FHIR reads.
 */
@ApplicationScoped
public class CdsHooksService {

    private final ActiveRuleset activeRuleset;
    private final EvaluationService evaluations;
    private final FhirWarmUp warmUp;
    private final FhirServer fhirServer = new FhirServer();
    private final FhirFactMapper mapper;
    private final Cards cards;
    private final ObjectMapper json;
    private final Duration fhirTimeout;

    CdsHooksService(ActiveRuleset activeRuleset, EvaluationService evaluations, FhirWarmUp warmUp, Validator validator,
                    ObjectMapper json, CdsHooksConfig config) {
        this.activeRuleset = activeRuleset;
        this.evaluations = evaluations;
        this.warmUp = warmUp;
        this.mapper = new FhirFactMapper(validator, Clock.systemUTC());
        this.cards = new Cards(json, UUID::randomUUID);
        this.json = json;
        this.fhirTimeout = config.fhirTimeout();
    }

    /** Discovery: both services, their prefetch templates from the active ruleset's lab catalogue. */
    public Discovery discovery() {
        Ruleset ruleset = activeRuleset.get();
        return new Discovery(List.of(CdsService.values()).stream().map(s -> s.describe(ruleset.reference().codes()))
                .toList());
    }

    /**
     * One call, checked for its CDS Hooks shape by the caller.
     *
     * @param prefetch    the keys the EHR sent, each as JSON (the text {@code null} for a key sent as null)
     * @param fhirServer  the EHR's FHIR server, or null
     * @param fhirToken   its access token, or null
     * @param draftOrders {@code context.draftOrders} as JSON ({@code order-sign}), or null
     * @param principal   the EHR (the token's issuer), for the audit record
     * @param baseUrl     the URL the service is called by, for links to the evaluation
     */
    public record Call(CdsService service, String hookInstance, String patientId, Map<PrefetchKey, String> prefetch,
                       URI fhirServer, String fhirToken, String draftOrders, String principal, String baseUrl) {

        @Override
        public String toString() {
            return "Call[" + service.id() + ", " + hookInstance + "]"; // never patient data or the token
        }
    }

    public ServiceResponse call(Call call) {
        warmUp.awaitWarm();
        long deadline = System.nanoTime() + fhirTimeout.toNanos();
        Ruleset ruleset = activeRuleset.get();
        ReferenceData reference = ruleset.reference();
        String patientId = FhirFactMapper.bareId(call.patientId());
        Data data = new Data(call, patientId, deadline);

        List<MedicationRequest> drafts = List.of();
        List<String> draftedDiuretics = List.of();
        if (call.service() == CdsService.LEG_CRAMP_CAUSES) {
            if (!hasCramps(data.entry(PrefetchKey.CONDITIONS), patientId, reference)) {
                return ServiceResponse.none();
            }
        } else {
            drafts = drafts(call.draftOrders(), patientId, data.leftOut);
            draftedDiuretics = draftedDiuretics(drafts, patientId, reference);
            if (draftedDiuretics.isEmpty()) {
                return ServiceResponse.none();
            }
        }
        data.readAll();

        MappedFacts facts = mapper.map(new FhirInput(call.patientId(), data.entry(PrefetchKey.PATIENT),
                data.entry(PrefetchKey.LABS), data.entry(PrefetchKey.MEDICATIONS), data.entry(PrefetchKey.CONDITIONS),
                drafts), reference);
        List<FhirUnrecognized> notUsed = new ArrayList<>(data.leftOut);
        notUsed.addAll(facts.unrecognized());

        EvaluationService.Evaluated evaluated = evaluations.evaluateUnrecorded(ruleset, facts.request(),
                Evaluator.Explanation.MISSING_INPUTS);
        Recommendation answer = evaluated.answer().withUnrecognized(notUsed.stream()
                .map(u -> new Recommendation.Unrecognized(u.field(), u.value(), u.reason())).toList());
        Cards.Input input = new Cards.Input(answer, facts, notUsed, reference, patientId,
                data.entry(PrefetchKey.LABS).assessed(), call.baseUrl() + "/api/v1/evaluations/" + answer.evaluationId());
        List<Cards.Presented> presented = call.service() == CdsService.LEG_CRAMP_CAUSES
                ? cards.causeCards(input) : cards.orderCheckCards(input, draftedDiuretics);

        Set<String> cardIds = new LinkedHashSet<>();
        presented.forEach(p -> cardIds.add(p.card().uuid()));
        evaluations.record(evaluated.withAnswer(answer), call.principal(), originJson(call, presented), cardIds);
        return new ServiceResponse(presented.stream().map(Cards.Presented::card).toList());
    }

    // ---- Deciding whether there is anything to say ----

    private boolean hasCramps(PrefetchEntry conditions, String patientId, ReferenceData reference) {
        PrefetchEntry scoped = PatientScope.of(conditions, patientId).entry();
        MappedFacts facts = mapper.map(new FhirInput(patientId, PrefetchEntry.notSent(), PrefetchEntry.notSent(),
                PrefetchEntry.notSent(), scoped, List.of()), reference);
        return facts.request().conditionsOrEmpty().stream().anyMatch(name -> reference.conditions().find(name)
                .map(e -> ReferenceData.CRAMPS_GROUP.equals(e.group())).orElse(false));
    }

    private static List<MedicationRequest> drafts(String draftOrders, String patientId, List<FhirUnrecognized> leftOut) {
        List<MedicationRequest> drafts = new ArrayList<>();
        for (MedicationRequest draft : PrefetchReader.draftMedicationRequests(draftOrders)) {
            String other = PatientScope.otherPatient(draft, patientId);
            if (other == null) {
                drafts.add(draft);
            } else {
                leftOut.add(new FhirUnrecognized("MedicationRequest/" + draft.getIdElement().getIdPart(), other,
                        "a draft order for another patient than context.patientId " + patientId + ", so it is not used"));
            }
        }
        return drafts;
    }

    private List<String> draftedDiuretics(List<MedicationRequest> drafts, String patientId, ReferenceData reference) {
        if (drafts.isEmpty()) {
            return List.of();
        }
        MappedFacts facts = mapper.map(new FhirInput(patientId, PrefetchEntry.notSent(), PrefetchEntry.notSent(),
                PrefetchEntry.notSent(), PrefetchEntry.notSent(), drafts), reference);
        return facts.draftOrders().keySet().stream().filter(name -> reference.medications().find(name)
                .map(e -> e.groups().contains(Cards.DIURETIC_GROUP)).orElse(false)).toList();
    }

    // ---- The record's origin ----

    private record CardRecord(String uuid, String summary, CdsHooksModel.Indicator indicator, List<String> rules) {
    }

    private record Origin(String kind, String service, String hook, String hookInstance, List<CardRecord> cards) {
    }

    private String originJson(Call call, List<Cards.Presented> presented) {
        List<CardRecord> records = presented.stream().map(p -> new CardRecord(p.card().uuid(), p.card().summary(),
                p.card().indicator(), p.rules())).toList();
        try {
            return json.writeValueAsString(new Origin("cds-hooks", call.service().id(), call.service().hook(),
                    call.hookInstance(), records));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an origin is always serialisable", e);
        }
    }

    // ---- The FHIR data of the call ----

    /** The data of each prefetch key: as the EHR sent it, or read from its FHIR server when it did not. */
    private final class Data {
        private final Call call;
        private final String patientId;
        private final long deadline;
        private final Map<PrefetchKey, PrefetchEntry> entries = new EnumMap<>(PrefetchKey.class);
        final List<FhirUnrecognized> leftOut = new ArrayList<>();

        Data(Call call, String patientId, long deadline) {
            this.call = call;
            this.patientId = patientId;
            this.deadline = deadline;
        }

        PrefetchEntry entry(PrefetchKey key) {
            if (!entries.containsKey(key)) {
                read(List.of(key));
            }
            return entries.get(key);
        }

        void readAll() {
            read(List.of(PrefetchKey.values()).stream().filter(k -> !entries.containsKey(k)).toList());
        }

        private void read(List<PrefetchKey> keys) {
            List<PrefetchKey> notSent = new ArrayList<>();
            for (PrefetchKey key : keys) {
                String sent = call.prefetch().get(key);
                if (sent == null) {
                    notSent.add(key);
                } else {
                    put(key, sent(key, sent));
                }
            }
            if (notSent.isEmpty()) {
                return;
            }
            URI server = usableServer(notSent);
            if (patientId == null) {
                throw new FhirServerUnavailableException("context.patientId is not a FHIR id, so the keys it did not send ("
                        + names(notSent) + ") cannot be read from the FHIR server");
            }
            Map<PrefetchKey, String> queries = new EnumMap<>(PrefetchKey.class);
            notSent.forEach(k -> queries.put(k, k.query(activeRuleset.get().reference().codes(), patientId)));
            fhirServer.read(server, call.fhirToken(), queries, deadline, fhirTimeout).forEach(this::put);
        }

        private void put(PrefetchKey key, PrefetchEntry entry) {
            PatientScope.Scoped scoped = PatientScope.of(entry, patientId);
            leftOut.addAll(scoped.leftOut());
            entries.put(key, scoped.entry());
        }

        /** A key the EHR sent, with the rest of its pages when it sent only the first and a FHIR server is given. */
        private PrefetchEntry sent(PrefetchKey key, String sentJson) {
            if (sentJson.strip().equals("null")) {
                return PrefetchEntry.noData();
            }
            IBaseResource parsed;
            try {
                parsed = FhirR4.jsonParser().parseResource(sentJson);
            } catch (DataFormatException | IllegalArgumentException e) {
                return PrefetchReader.read(sentJson, key.resourceTypes());
            }
            PrefetchEntry entry = PrefetchReader.of(parsed, key.resourceTypes());
            if (entry.state() != PrefetchEntry.State.PRESENT || !key.everyPage() || !(parsed instanceof Bundle bundle)
                    || bundle.getLink(Bundle.LINK_NEXT) == null) {
                return entry;
            }
            Optional<URI> next = call.fhirServer() == null ? Optional.empty()
                    : FhirServer.nextPage(call.fhirServer(), bundle);
            if (next.isEmpty()) {
                leftOut.add(new FhirUnrecognized("prefetch." + key.key(), "Bundle.link next",
                        "the EHR sent only the first page and no FHIR server to read the rest from; only the first "
                                + "page was assessed"));
                return entry;
            }
            usableServer(List.of(key));
            return fhirServer.readRemainingPages(call.fhirServer(), call.fhirToken(), key, entry, next.get(), deadline,
                    fhirTimeout);
        }

        private URI usableServer(List<PrefetchKey> keys) {
            URI server = call.fhirServer();
            if (server == null) {
                throw new FhirServerUnavailableException("the EHR sent no prefetch " + names(keys)
                        + " and no fhirServer to read " + (keys.size() == 1 ? "it" : "them") + " from");
            }
            if (!"https".equalsIgnoreCase(server.getScheme()) && !isLoopback(server.getHost())) {
                throw new FhirServerUnavailableException("fhirServer " + server.getScheme() + "://" + server.getHost()
                        + " is not https: patient data and the access token travel over https only (plain http only "
                        + "to this machine), so " + names(keys) + " cannot be read");
            }
            return server;
        }
    }

    private static String names(List<PrefetchKey> keys) {
        return String.join(", ", keys.stream().map(k -> "'" + k.key() + "'").toList());
    }

    private static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!literal.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false; // a name other than localhost is never resolved here
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
