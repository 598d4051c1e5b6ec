package org.crampadvisor.explain;

import org.crampadvisor.engine.DrlOutline;
import org.drools.drl.ast.descr.AtomicExprDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.BindingDescr;
import org.drools.drl.ast.descr.ConstraintConnectiveDescr;
import org.drools.drl.ast.descr.RelationalExprDescr;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One condition of a pattern as the explanations take them, one at a time: a constraint as written
 * ({@code canonicalValue < $limit.value}), or one side of a top-level {@code &&} inside a constraint
 * ({@code intensity == "intense" && warmsUp == false} is two). Works on the Drools expression parser's
 * tree of the constraint, never on the text.
 *
 * @param text   the condition as DRL
 * @param parsed its expression tree: a {@link RelationalExprDescr}, a {@link ConstraintConnectiveDescr}, a
 *               {@link BindingDescr}, or {@code null} when the parser could not read it
 */
record ConstraintPart(String text, BaseDescr parsed) {

    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w$.])(?:this\\.)?([A-Za-z_][A-Za-z0-9_]*)");

    /** The conditions of a pattern in the order written. */
    static List<ConstraintPart> of(DrlOutline.Pattern pattern) {
        List<ConstraintPart> parts = new ArrayList<>();
        for (DrlOutline.Constraint constraint : pattern.constraints()) {
            ConstraintConnectiveDescr parsed = constraint.parsed();
            if (parsed == null) {
                parts.add(new ConstraintPart(constraint.text().strip(), null));
                continue;
            }
            List<BaseDescr> children = new ArrayList<>(parsed.getDescrs());
            if (children.size() > 1 && children.stream().allMatch(ConstraintPart::isSimpleRelation)) {
                for (BaseDescr child : children) {
                    RelationalExprDescr relation = (RelationalExprDescr) child;
                    parts.add(new ConstraintPart(((AtomicExprDescr) relation.getLeft()).getExpression().strip() + " "
                            + relation.getOperator() + " " + ((AtomicExprDescr) relation.getRight()).getExpression().strip(),
                            relation));
                }
            } else {
                parts.add(new ConstraintPart(constraint.text().strip(), children.size() == 1 ? children.get(0) : parsed));
            }
        }
        return List.copyOf(parts);
    }

    private static boolean isSimpleRelation(BaseDescr descr) {
        return descr instanceof RelationalExprDescr relation && !relation.isNegated()
                && relation.getParameters() == null
                && relation.getLeft() instanceof AtomicExprDescr && relation.getRight() instanceof AtomicExprDescr;
    }

    /** The fields of the pattern's own fact this condition reads, among {@code fields}, in the order they appear. */
    List<String> referencedFields(Set<String> fields) {
        Set<String> found = new LinkedHashSet<>();
        for (String expression : operandTexts()) {
            Matcher identifier = IDENTIFIER.matcher(expression);
            while (identifier.find()) {
                if (fields.contains(identifier.group(1)) && !insideString(expression, identifier.start())) {
                    found.add(identifier.group(1));
                }
            }
        }
        return List.copyOf(found);
    }

    /** The expressions of the fact's side: atomic operands that are not literals, and bound expressions. */
    private List<String> operandTexts() {
        List<String> texts = new ArrayList<>();
        collectOperands(parsed, texts);
        if (parsed == null) {
            texts.add(text);
        }
        return texts;
    }

    private static void collectOperands(BaseDescr descr, List<String> texts) {
        if (descr instanceof ConstraintConnectiveDescr connective) {
            connective.getDescrs().forEach(child -> collectOperands(child, texts));
        } else if (descr instanceof RelationalExprDescr relation) {
            collectOperands(relation.getLeft(), texts);
            collectOperands(relation.getRight(), texts);
        } else if (descr instanceof AtomicExprDescr atomic && !atomic.isLiteral()) {
            texts.add(atomic.getExpression());
        } else if (descr instanceof BindingDescr binding) {
            texts.add(binding.getExpression());
        }
    }

    private static boolean insideString(String expression, int at) {
        int quotes = 0;
        for (int i = 0; i < at; i++) {
            if (expression.charAt(i) == '"' && (i == 0 || expression.charAt(i - 1) != '\\')) {
                quotes++;
            }
        }
        return quotes % 2 == 1;
    }

    /** {@code field == value} comparisons with a constant anywhere in the condition: the field, the operator, the value. */
    List<Comparison> comparisons() {
        List<Comparison> found = new ArrayList<>();
        collectComparisons(parsed, found);
        return found;
    }

    /** {@code field op constant}, the field on the left whichever way it was written. */
    record Comparison(String field, String operator, String value) {
    }

    private static void collectComparisons(BaseDescr descr, List<Comparison> found) {
        if (descr instanceof ConstraintConnectiveDescr connective) {
            connective.getDescrs().forEach(child -> collectComparisons(child, found));
        } else if (descr instanceof RelationalExprDescr relation && !relation.isNegated()
                && relation.getLeft() instanceof AtomicExprDescr left && relation.getRight() instanceof AtomicExprDescr right) {
            String leftConstant = Operands.constant(left);
            String rightConstant = Operands.constant(right);
            if (rightConstant != null && leftConstant == null && Operands.isField(left)) {
                found.add(new Comparison(Operands.field(left), relation.getOperator(), rightConstant));
            } else if (leftConstant != null && rightConstant == null && Operands.isField(right)) {
                found.add(new Comparison(Operands.field(right), Operands.mirrored(relation.getOperator()), leftConstant));
            }
        }
    }
}
