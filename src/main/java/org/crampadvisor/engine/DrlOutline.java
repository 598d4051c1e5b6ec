package org.crampadvisor.engine;

import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules as written in the DRL files: where each is, its annotations and its consequence. The
 * compiled KieBase keeps none of the source positions, and lint has to see a rule that the compiler
 * would silently replace (a second rule of the same name).
 */
public final class DrlOutline {

    /**
     * One {@code rule} block.
     *
     * @param file        the DRL file, relative to the rules folder
     * @param line        the line of its {@code rule} keyword
     * @param pkg         its package
     * @param name        its name
     * @param annotations its {@code @key(value)} annotations, values as {@link RuleMetadata} normalises them
     * @param consequence the text of its {@code then} part
     * @param consequenceLine the line its consequence text starts on
     */
    public record RuleDeclaration(String file, int line, String pkg, String name, Map<String, Object> annotations,
                                  String consequence, int consequenceLine) {
    }

    private DrlOutline() {
    }

    /** The rules of every DRL file that parses; a file that does not is left to the compiler to report. */
    public static List<RuleDeclaration> of(List<RulesetFile> files) {
        List<RuleDeclaration> rules = new ArrayList<>();
        for (RulesetFile drl : files) {
            if (!drl.isDrl()) {
                continue;
            }
            DrlParser parser = new DrlParser();
            PackageDescr pkg;
            try {
                pkg = parser.parse(false, drl.text());
            } catch (DroolsParserException e) {
                continue;
            }
            if (pkg == null || parser.hasErrors()) {
                continue;
            }
            for (RuleDescr rule : pkg.getRules()) {
                Map<String, Object> annotations = new LinkedHashMap<>();
                for (AnnotationDescr annotation : rule.getAnnotations()) {
                    Object value = annotation.hasValue() ? annotation.getSingleValueAsString() : null;
                    annotations.put(annotation.getName(), value == null ? "" : RuleMetadata.normaliseValue(value));
                }
                Object consequence = rule.getConsequence();
                String consequenceText = consequence == null ? "" : consequence.toString();
                rules.add(new RuleDeclaration(drl.path(), rule.getLine(), pkg.getName(), rule.getName(),
                        Map.copyOf(annotations), consequenceText,
                        lineOf(drl.text(), consequenceText, rule.getConsequenceLine())));
            }
        }
        return rules;
    }

    /**
     * The line the consequence text starts on. The parser gives the line of {@code then} and the text
     * with its leading blanks stripped, so it may start on that line or a later one.
     */
    private static int lineOf(String fileText, String consequence, int thenLine) {
        int offset = 0;
        for (int line = 1; line < thenLine && offset >= 0; line++) {
            offset = fileText.indexOf('\n', offset) + 1;
        }
        int start = consequence.isEmpty() || offset < 0 ? -1 : fileText.indexOf(consequence, offset);
        if (start < 0) {
            return thenLine;
        }
        return (int) (thenLine + fileText.substring(offset, start).chars().filter(c -> c == '\n').count());
    }
}
