package org.crampadvisor.explain;

import org.crampadvisor.engine.DrlOutline;
import org.crampadvisor.engine.RuleRunner;
import org.crampadvisor.engine.Ruleset;
import org.crampadvisor.engine.RulesetBuildException;
import org.crampadvisor.engine.RulesetCompiler;
import org.crampadvisor.engine.RulesetFile;
import org.crampadvisor.engine.TraceEntry;
import org.crampadvisor.model.CauseCode;
import org.jboss.logging.Logger;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * The explanations of one compiled ruleset, worked out once from its DRL and kept with it: which inputs
 * its rules use and what each could lead to ({@code missingInputs}), and the why-not probes compiled
 * beside its rules ({@code whyNot}). Get it with {@link #of(Ruleset)}.
 *
 * <p>Cost per evaluation: {@code missingInputs} filters a list worked out here; why-not runs the
 * evaluation in the KieBase with the probes (same rules, same answer) and then only the probes of the rules
 * that could have concluded an absent cause, stopping at each rule's first unmet condition.
 */
public final class Explanations {

    private static final Logger LOG = Logger.getLogger(Explanations.class);

    private final Ruleset ruleset;
    private final RuleLinks links;
    private final Labels labels;
    private final MissingInputs missingInputs;
    private final WhyNotProbes probes;
    private volatile CompletableFuture<KieBase> diagnostic;
    private volatile boolean probesUnavailable;

    private Explanations(Ruleset ruleset) {
        this.ruleset = ruleset;
        List<DrlOutline.RuleDeclaration> declarations = DrlOutline.of(ruleset.files());
        this.links = new RuleLinks(declarations);
        this.labels = new Labels(ruleset.reference());
        this.missingInputs = new MissingInputs(links, labels);
        Set<String> concluding = new LinkedHashSet<>();
        for (CauseCode cause : CauseCode.values()) {
            concluding.addAll(links.concluding(cause));
        }
        this.probes = new WhyNotProbes(declarations, links.withUpstream(concluding));
    }

    /** The explanations of this ruleset, worked out on first use. */
    public static Explanations of(Ruleset ruleset) {
        return ruleset.derived(Explanations.class, Explanations::new);
    }

    /** The inputs the rules use that are not among {@code given} (request paths), in SPEC order. */
    public List<MissingInput> missingInputs(Set<String> given) {
        return missingInputs.notIn(given);
    }

    /** Every input the rules use, in SPEC order. */
    public List<MissingInput> inputsUsed() {
        return missingInputs.all();
    }

    /**
     * The KieBase why-not evaluates in: the ruleset's rules and the probes beside them. Compiled on first
     * use (a second or two), or ahead of time by {@link #prepare(Executor)}; a caller waits for a compilation
     * already under way rather than starting another.
     */
    public KieBase diagnosticKieBase() {
        return join(prepare(Runnable::run));
    }

    /** Starts compiling the probes on the executor, unless that has been done; the result is kept. */
    public synchronized CompletableFuture<KieBase> prepare(Executor executor) {
        if (diagnostic == null) {
            diagnostic = CompletableFuture.supplyAsync(this::compileDiagnostic, executor);
        }
        return diagnostic;
    }

    private KieBase compileDiagnostic() {
        List<RulesetFile> drl = new ArrayList<>(ruleset.files().stream().filter(RulesetFile::isDrl).toList());
        drl.addAll(probes.files());
        try {
            // Mutable: an immutable KieBase keeps no working memory to read once the rules have fired.
            return RulesetCompiler.compileKieBase(drl, false);
        } catch (RulesetBuildException e) {
            // The rules compiled on their own, so the generated probes are at fault: answer without them.
            LOG.warnf("The why-not probes of ruleset %s do not compile; why-not answers without condition-by-condition "
                    + "analysis for this version. %s", ruleset.version(), e.getMessage());
            probesUnavailable = true;
            return ruleset.kieBase();
        }
    }

    private static KieBase join(CompletableFuture<KieBase> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the why-not probes were compiled", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the why-not probes could not be compiled", e.getCause());
        }
    }

    /**
     * Why-not for an evaluation run in {@link #diagnosticKieBase()}, read from its settled session: one entry
     * for every cause not concluded, in code order.
     */
    public List<WhyNot> whyNot(KieSession settled, RuleRunner.FactIds ids, Set<String> given, List<TraceEntry> trace) {
        return new WhyNotExplainer(this, settled, ids, given, trace).explain();
    }

    /** The request inputs a rule's patterns use ({@code labs[analyte=potassium]}, {@code activity.intensity}), in the order written. */
    public static List<String> inputsOf(DrlOutline.RuleDeclaration rule) {
        return RuleLinks.inputsOf(rule);
    }

    /** How explanations name an input or fact field that {@code tables/labels.csv} gives no label. */
    public static String labelInWords(String name) {
        return Labels.inWords(name);
    }

    RuleLinks links() {
        return links;
    }

    Labels labels() {
        return labels;
    }

    /** A rule's probes, or {@code null} when it has none or they could not be compiled. */
    WhyNotProbes.Plan plan(String rule) {
        return probesUnavailable ? null : probes.plan(rule);
    }

    /** The generated probe files, for the check command and tests. */
    List<RulesetFile> probeFiles() {
        return probes.files();
    }
}
