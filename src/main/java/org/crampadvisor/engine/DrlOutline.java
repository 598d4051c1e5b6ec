package org.crampadvisor.engine;

import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.ConstraintConnectiveDescr;
import org.drools.drl.ast.descr.EvalDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.FunctionImportDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlExprParser;
import org.drools.drl.parser.DrlExprParserFactory;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;
import org.kie.internal.builder.conf.LanguageLevelOption;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules as written in the DRL files, from the Drools DRL parser's descriptors: where each rule is,
 * its annotations, its patterns with their constraints (each parsed into an expression tree), and its
 * consequence. The compiled KieBase keeps none of the source positions; lint and the reference check
 * have to see the rules as the author wrote them, including a rule that the compiler would silently
 * replace (a second rule of the same name).
 */
public final class DrlOutline {

    /**
     * One {@code rule} block.
     *
     * @param file              the DRL file, relative to the rules folder
     * @param line              the line of its {@code rule} keyword
     * @param pkg               its package
     * @param name              its name
     * @param annotations       its {@code @key(value)} annotations, values as {@link RuleMetadata} normalises them
     * @param consequence       the text of its {@code then} part
     * @param consequenceLine   the line its consequence text starts on
     * @param consequenceColumn the 1-based column its consequence text starts at
     * @param patterns          every pattern of its conditions, in the order written
     * @param elements          its conditions as written at the top level, in order: what every match must
     *                          satisfy one after another
     * @param imports           the imports of its file ({@code import} and {@code import function} targets)
     */
    public record RuleDeclaration(String file, int line, String pkg, String name, Map<String, Object> annotations,
                                  String consequence, int consequenceLine, int consequenceColumn,
                                  List<Pattern> patterns, List<Element> elements, List<String> imports) {

        /** The patterns every match must satisfy: those directly in the rule's conditions, not under not/or/exists. */
        public List<Pattern> requiredPatterns() {
            return patterns.stream().filter(Pattern::required).toList();
        }
    }

    /**
     * One pattern, e.g. {@code $lab : LabResult( analyte == "potassium", canonicalValue < $limit.value )}.
     *
     * @param type        the fact type as written (a simple name for the model's facts)
     * @param binding     its binding as written ({@code $lab}), or {@code null}
     * @param required    whether every match of the rule includes a fact of this pattern: it stands directly in
     *                    the rule's conditions rather than under {@code not}, {@code or}, {@code exists} or an
     *                    accumulate
     * @param negated     whether it stands under {@code not}
     * @param line        1-based line of the pattern
     * @param column      1-based column
     * @param constraints its constraints in the order written
     */
    public record Pattern(String type, String binding, boolean required, boolean negated, int line, int column,
                          List<Constraint> constraints) {

        /** The type's simple name: {@code LabResult} also for {@code org.crampadvisor.model.LabResult}. */
        public String simpleType() {
            return type.substring(type.lastIndexOf('.') + 1);
        }
    }

    /**
     * One constraint of a pattern, e.g. {@code analyte == "potassium"}.
     *
     * @param text   as written
     * @param line   1-based line where it starts
     * @param column 1-based column where it starts
     * @param offset its character offset in the file, to locate a part of it
     * @param parsed the expression tree (relational expressions joined by {@code &&} and {@code ||}), or
     *               {@code null} when the expression parser cannot read it (the compiler reports such)
     */
    public record Constraint(String text, int line, int column, int offset, ConstraintConnectiveDescr parsed) {
    }

    /**
     * One conditional element at the top of a rule's conditions: a pattern, or a {@code not}, {@code exists},
     * {@code or}, {@code eval} or another element (a pattern with a {@code from} or {@code accumulate} source,
     * {@code forall}) taken as a whole.
     *
     * @param kind      which
     * @param text      as written in the file
     * @param line      1-based line where it starts
     * @param column    1-based column where it starts
     * @param pattern   for {@link Kind#PATTERN}, the pattern, whose constraints can be taken one at a time;
     *                  otherwise {@code null}
     * @param inner     for {@link Kind#NOT} and {@link Kind#EXISTS}, the text of what it negates or asks for;
     *                  otherwise {@code null}
     * @param patterns  the patterns inside it (the pattern itself for a pattern)
     */
    public record Element(Kind kind, String text, int line, int column, Pattern pattern, String inner,
                          List<Pattern> patterns) {

        public enum Kind { PATTERN, NOT, EXISTS, OR, EVAL, OTHER }
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
            String text = drl.text();
            List<String> imports = new ArrayList<>();
            for (ImportDescr imported : pkg.getImports()) {
                imports.add("import " + imported.getTarget());
            }
            for (FunctionImportDescr imported : pkg.getFunctionImports()) {
                imports.add("import function " + imported.getTarget());
            }
            for (RuleDescr rule : pkg.getRules()) {
                Map<String, Object> annotations = new LinkedHashMap<>();
                for (AnnotationDescr annotation : rule.getAnnotations()) {
                    Object value = annotation.hasValue() ? annotation.getSingleValueAsString() : null;
                    annotations.put(annotation.getName(), value == null ? "" : RuleMetadata.normaliseValue(value));
                }
                Object consequence = rule.getConsequence();
                String consequenceText = consequence == null ? "" : consequence.toString();
                int consequenceOffset = offsetOf(text, consequenceText, rule.getConsequenceLine());
                List<Pattern> patterns = new ArrayList<>();
                collectPatterns(rule.getLhs(), true, false, text, patterns);
                rules.add(new RuleDeclaration(drl.path(), rule.getLine(), pkg.getName(), rule.getName(),
                        Map.copyOf(annotations), consequenceText,
                        consequenceOffset < 0 ? rule.getConsequenceLine() : lineAt(text, consequenceOffset),
                        consequenceOffset < 0 ? 1 : columnAt(text, consequenceOffset), List.copyOf(patterns),
                        elements(rule.getLhs(), text), List.copyOf(imports)));
            }
        }
        return rules;
    }

    private static void collectPatterns(BaseDescr descr, boolean required, boolean negated, String text,
                                        List<Pattern> patterns) {
        if (descr instanceof PatternDescr pattern) {
            List<Constraint> constraints = new ArrayList<>();
            for (BaseDescr constraint : pattern.getDescrs()) {
                if (constraint instanceof ExprConstraintDescr expression) {
                    constraints.add(new Constraint(expression.getExpression(), expression.getLine(),
                            expression.getColumn() + 1, expression.getStartCharacter(), parse(expression.getExpression())));
                }
            }
            patterns.add(new Pattern(pattern.getObjectType(), pattern.getIdentifier(), required, negated,
                    pattern.getLine(), pattern.getColumn() + 1, List.copyOf(constraints)));
            if (pattern.getSource() instanceof AccumulateDescr accumulate && accumulate.getInput() != null) {
                collectPatterns(accumulate.getInput(), false, negated, text, patterns);
            }
            return;
        }
        if (descr instanceof ConditionalElementDescr element) {
            boolean stillRequired = required && descr instanceof AndDescr;
            boolean nowNegated = negated || descr instanceof NotDescr;
            for (Object child : element.getDescrs()) {
                if (child instanceof BaseDescr childDescr) {
                    collectPatterns(childDescr, stillRequired, nowNegated, text, patterns);
                }
            }
        }
    }

    /** The top-level elements of a rule's conditions, each with its text as written. */
    private static List<Element> elements(AndDescr lhs, String text) {
        List<Element> elements = new ArrayList<>();
        if (lhs == null) {
            return elements;
        }
        for (BaseDescr descr : lhs.getDescrs()) {
            List<Pattern> inside = new ArrayList<>();
            collectPatterns(descr, true, false, text, inside);
            String written = textOf(descr, text);
            int line = descr.getLine();
            int column = descr.getColumn() + 1;
            if (descr instanceof PatternDescr pattern && isPlain(pattern) && inside.size() == 1) {
                elements.add(new Element(Element.Kind.PATTERN, written, line, column, inside.get(0), null, List.copyOf(inside)));
            } else if (descr instanceof NotDescr not) {
                elements.add(new Element(Element.Kind.NOT, written, line, column, null, innerText(not, text), List.copyOf(inside)));
            } else if (descr instanceof ExistsDescr exists) {
                elements.add(new Element(Element.Kind.EXISTS, written, line, column, null, innerText(exists, text),
                        List.copyOf(inside)));
            } else if (descr instanceof OrDescr) {
                // The parser's text of an "or" leaves out the parentheses around it.
                elements.add(new Element(Element.Kind.OR, "( " + written + " )", line, column, null, null, List.copyOf(inside)));
            } else if (descr instanceof EvalDescr) {
                elements.add(new Element(Element.Kind.EVAL, written, line, column, null, null, List.copyOf(inside)));
            } else {
                elements.add(new Element(Element.Kind.OTHER, written, line, column, null, null, List.copyOf(inside)));
            }
        }
        return List.copyOf(elements);
    }

    /** A pattern on working memory whose constraints are all plain expressions, so they can be taken one at a time. */
    private static boolean isPlain(PatternDescr pattern) {
        if (pattern.getSource() != null && !(pattern.getSource() instanceof org.drools.drl.ast.descr.EntryPointDescr)) {
            return false;
        }
        if (pattern.getSource() instanceof org.drools.drl.ast.descr.EntryPointDescr entryPoint
                && !"DEFAULT".equals(entryPoint.getEntryId())) {
            return false;
        }
        for (BaseDescr constraint : pattern.getDescrs()) {
            if (!(constraint instanceof ExprConstraintDescr expression)
                    || expression.getType() != ExprConstraintDescr.Type.NAMED) {
                return false;
            }
        }
        return pattern.getBehaviors().isEmpty() && !pattern.isQuery() && !pattern.isUnification();
    }

    private static String innerText(ConditionalElementDescr element, String text) {
        List<? extends BaseDescr> children = element.getDescrs();
        return children.size() == 1 ? textOf(children.get(0), text) : null;
    }

    private static String textOf(BaseDescr descr, String text) {
        int start = descr.getStartCharacter();
        int end = descr.getEndCharacter();
        if (start < 0 || end <= start || end > text.length()) {
            return descr.getText() != null ? descr.getText() : descr.toString();
        }
        return text.substring(start, end);
    }

    private static ConstraintConnectiveDescr parse(String expression) {
        DrlExprParser parser = DrlExprParserFactory.getDrlExprParser(LanguageLevelOption.DRL6);
        ConstraintConnectiveDescr parsed = parser.parse(expression);
        return parser.hasErrors() ? null : parsed;
    }

    /**
     * Where the consequence text starts. The parser gives the line of {@code then} and the text with its
     * leading blanks stripped, so it may start on that line or a later one.
     */
    private static int offsetOf(String fileText, String consequence, int thenLine) {
        int offset = 0;
        for (int line = 1; line < thenLine && offset >= 0; line++) {
            offset = fileText.indexOf('\n', offset) + 1;
        }
        return consequence.isEmpty() || offset < 0 ? -1 : fileText.indexOf(consequence, offset);
    }

    /** The 1-based line of a character offset. */
    public static int lineAt(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The 1-based column of a character offset. */
    public static int columnAt(String text, int offset) {
        int lineStart = text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
        return offset - lineStart + 1;
    }
}
