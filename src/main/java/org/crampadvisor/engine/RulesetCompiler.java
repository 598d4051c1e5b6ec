package org.crampadvisor.engine;

import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieBase;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.conf.KieBaseMutabilityOption;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieContainer;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Compiles the files of a rules folder into a {@link Ruleset} with the Drools executable model, at run
 * time, so that a changed folder can become a new ruleset without rebuilding the application.
 */
public final class RulesetCompiler {

    private static final String RESOURCES = "src/main/resources/";
    private static final java.util.regex.Pattern PARSER_POSITION = java.util.regex.Pattern.compile("Line (\\d+):(\\d+)");

    private final Clock clock;

    public RulesetCompiler(Clock clock) {
        this.clock = clock;
    }

    public RulesetCompiler() {
        this(Clock.systemUTC());
    }

    /** Reads and compiles the folder; every problem found is in the exception, with file and line. */
    public Ruleset compile(java.nio.file.Path rulesFolder) throws RulesetBuildException {
        return compile(RulesFolder.read(rulesFolder));
    }

    public Ruleset compile(RulesetSource source) throws RulesetBuildException {
        List<RulesetProblem> problems = new ArrayList<>();
        ReferenceData reference = ReferenceData.read(source, problems);
        List<RulesetFile> drlFiles = source.files().stream().filter(RulesetFile::isDrl).toList();
        if (drlFiles.isEmpty()) {
            problems.add(RulesetProblem.inFolder("the rules folder has no .drl file"));
        }

        KieBase kieBase = null;
        try {
            kieBase = compileKieBase(drlFiles, true);
        } catch (RulesetBuildException e) {
            problems.addAll(e.problems());
        }
        if (!problems.isEmpty()) {
            throw new RulesetBuildException(problems);
        }
        List<RuleInfo> rules = describeRules(kieBase, locateRules(drlFiles));
        return new Ruleset(source.version(), clock.instant(), source.files(), kieBase, reference, rules);
    }

    /**
     * Compiles DRL files into a KieBase with the executable model. The explanations compile the rules again
     * beside probes of their own (see explain.WhyNotProbes) through this same path.
     *
     * @param drlFiles  the DRL files, each at its path relative to the rules folder
     * @param immutable whether nothing may be added to it later ({@code KieBaseMutabilityOption.DISABLED}):
     *                  faster sessions, but Drools then keeps no working memory to read back once all rules
     *                  have fired ({@code getObjects()} comes back empty), which the explanations need
     * @throws RulesetBuildException with every compile problem, located in its file
     */
    public static KieBase compileKieBase(List<RulesetFile> drlFiles, boolean immutable) throws RulesetBuildException {
        KieServices kieServices = KieServices.Factory.get();
        // A release id per build: two builds of the same folder must not replace each other's module.
        ReleaseId releaseId = kieServices.newReleaseId("org.crampadvisor.rules", "ruleset", UUID.randomUUID().toString());
        KieFileSystem kfs = kieServices.newKieFileSystem();
        kfs.generateAndWritePomXML(releaseId);
        for (RulesetFile drl : drlFiles) {
            kfs.write(RESOURCES + drl.path(), drl.content());
        }
        ClassLoader classLoader = RulesetCompiler.class.getClassLoader();
        KieBuilder builder = kieServices.newKieBuilder(kfs, classLoader).buildAll(ExecutableModelProject.class);
        List<RulesetProblem> buildProblems = builder.getResults().getMessages(Message.Level.ERROR).stream()
                .map(RulesetCompiler::toProblem).toList();
        List<RulesetProblem> problems = new ArrayList<>();
        for (RulesetProblem problem : buildProblems) {
            // Drools follows a syntax error with "Parser returned a null Package", which only repeats it.
            boolean echo = problem.message().contains("Parser returned a null Package") && buildProblems.stream()
                    .anyMatch(other -> other != problem && java.util.Objects.equals(other.file(), problem.file()));
            if (!echo) {
                problems.add(problem);
            }
        }
        if (!problems.isEmpty()) {
            kieServices.getRepository().removeKieModule(releaseId);
            throw new RulesetBuildException(problems);
        }

        KieContainer container = kieServices.newKieContainer(releaseId, classLoader);
        // Nothing ever adds to or removes from a compiled ruleset: a new version is a new KieBase.
        KieBaseConfiguration configuration = kieServices.newKieBaseConfiguration();
        if (immutable) {
            configuration.setOption(KieBaseMutabilityOption.DISABLED);
        }
        KieBase kieBase = container.newKieBase(configuration);
        kieServices.getRepository().removeKieModule(releaseId);
        return kieBase;
    }

    private static RulesetProblem toProblem(Message message) {
        String path = message.getPath();
        if (path != null && path.startsWith(RESOURCES)) {
            path = path.substring(RESOURCES.length());
        }
        Integer line = message.getLine() > 0 ? message.getLine() : null;
        Integer column = message.getColumn() > 0 ? message.getColumn() : null;
        // The DRL parser puts the column only into its text, counted from 0: "[ERR 102] Line 41:25 mismatched input".
        java.util.regex.Matcher at = PARSER_POSITION.matcher(message.getText());
        String text = message.getText().strip();
        if (column == null && at.find()) {
            column = Integer.parseInt(at.group(2)) + 1;
            line = line == null ? Integer.valueOf(at.group(1)) : line;
            // The problem's own line and column say where; the 0-based copy in the text would only contradict them.
            text = text.replaceFirst(PARSER_POSITION.pattern() + " ", "");
            if (column == 1 && text.contains("mismatched input")) {
                text += " (the parser noticed the mistake here, at the start of a line; it is often at the end of the"
                        + " line before, such as a missing ')' or ',')";
            }
        }
        return new RulesetProblem(path, line, column, text);
    }

    private record Location(String file, int line) {
    }

    /** Where each rule is written: the executable model keeps no source location. */
    private static Map<String, Location> locateRules(List<RulesetFile> drlFiles) {
        Map<String, Location> locations = new HashMap<>();
        for (DrlOutline.RuleDeclaration rule : DrlOutline.of(drlFiles)) {
            locations.put(key(rule.pkg(), rule.name()), new Location(rule.file(), rule.line()));
        }
        return locations;
    }

    private static List<RuleInfo> describeRules(KieBase kieBase, Map<String, Location> locations) {
        List<RuleInfo> rules = new ArrayList<>();
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                Location location = locations.getOrDefault(key(rule.getPackageName(), rule.getName()),
                        new Location(null, 0));
                rules.add(new RuleInfo(rule.getName(), rule.getPackageName(), location.file(), location.line(),
                        RuleMetadata.normalise(rule.getMetaData())));
            }
        }
        rules.sort(Comparator.comparing((RuleInfo r) -> r.file() == null ? "" : r.file())
                .thenComparingInt(RuleInfo::line).thenComparing(RuleInfo::name));
        return rules;
    }

    private static String key(String pkg, String name) {
        return pkg + '\u0000' + name;
    }
}
