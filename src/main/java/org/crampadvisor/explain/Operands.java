package org.crampadvisor.explain;

import org.drools.drl.ast.descr.AtomicExprDescr;

import java.util.Map;

/** What the operands of a parsed DRL comparison are: a field of the pattern's fact, a constant, a binding. */
final class Operands {

    private static final java.util.regex.Pattern FIELD = java.util.regex.Pattern.compile(
            "(?:this\\.)?[a-z_][A-Za-z0-9_]*(?:\\.[a-z_][A-Za-z0-9_]*)*");
    private static final java.util.regex.Pattern ENUM_CONSTANT = java.util.regex.Pattern.compile(
            "(?:[a-z_][A-Za-z0-9_]*\\.)*[A-Z][A-Za-z0-9_]*\\.([A-Z][A-Z0-9_]*)");
    private static final Map<String, String> MIRRORED = Map.of("<", ">", ">", "<", "<=", ">=", ">=", "<=");

    private Operands() {
    }

    /**
     * The value of a constant operand as a rule compares it: a string literal's content, {@code null},
     * a number or boolean as written, the name of a constant such as {@code CauseCode.ELECTROLYTE_IMBALANCE};
     * or {@code null} when the operand is not a constant.
     */
    static String constant(AtomicExprDescr operand) {
        String text = operand.getExpression().strip();
        if (operand.isLiteral()) {
            if (text.length() >= 2 && (text.startsWith("\"") && text.endsWith("\"") || text.startsWith("'") && text.endsWith("'"))) {
                return text.substring(1, text.length() - 1);
            }
            return text;
        }
        java.util.regex.Matcher constant = ENUM_CONSTANT.matcher(text);
        return constant.matches() ? constant.group(1) : null;
    }

    /** Whether the operand is a field (or a path of fields) of the pattern's own fact: {@code canonicalValue}, {@code this.warmsUp}. */
    static boolean isField(AtomicExprDescr operand) {
        return !operand.isLiteral() && FIELD.matcher(operand.getExpression().strip()).matches()
                && !operand.getExpression().strip().equals("null");
    }

    /** The field path of a field operand, without {@code this.}. */
    static String field(AtomicExprDescr operand) {
        String text = operand.getExpression().strip();
        return text.startsWith("this.") ? text.substring("this.".length()) : text;
    }

    /** Whether the operand reads a bound fact: {@code $limit.value}, {@code $lab}. */
    static boolean isBinding(AtomicExprDescr operand) {
        return !operand.isLiteral() && operand.getExpression().strip().matches("\\$[A-Za-z0-9_$]*(?:\\.[a-z_][A-Za-z0-9_]*)*");
    }

    /** The operator seen from the other side: {@code 5 < x} is {@code x > 5}. */
    static String mirrored(String operator) {
        return MIRRORED.getOrDefault(operator, operator);
    }
}
