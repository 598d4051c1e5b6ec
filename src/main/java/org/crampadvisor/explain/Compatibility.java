package org.crampadvisor.explain;

import org.drools.drl.ast.descr.AtomicExprDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ConstraintConnectiveDescr;
import org.drools.drl.ast.descr.RelationalExprDescr;

import java.util.Map;

/**
 * Whether a constraint could hold for a fact of which only some field values are known (those a rule's
 * consequence names when it inserts the fact). Only constant equality can rule a fact out
 * ({@code cause == CauseCode.X} against evidence for cause Y, {@code finding == "a"} against finding
 * "b"); whatever cannot be told is taken as possible, since the answer is used to follow what could
 * lead where, never to decide.
 */
final class Compatibility {

    private Compatibility() {
    }

    static boolean allows(BaseDescr constraint, Map<String, String> known) {
        if (constraint instanceof ConstraintConnectiveDescr connective) {
            boolean or = connective.getConnective() == org.drools.drl.ast.descr.ConnectiveType.OR;
            boolean any = false;
            for (BaseDescr child : connective.getDescrs()) {
                boolean allowed = allows(child, known);
                if (or && allowed) {
                    return true;
                }
                if (!or && !allowed) {
                    return false;
                }
                any |= allowed;
            }
            return !or || any || connective.getDescrs().isEmpty();
        }
        if (constraint instanceof RelationalExprDescr relation && !relation.isNegated()
                && relation.getLeft() instanceof AtomicExprDescr left && relation.getRight() instanceof AtomicExprDescr right) {
            String field = Operands.isField(left) ? Operands.field(left) : Operands.isField(right) ? Operands.field(right) : null;
            String value = Operands.isField(left) ? Operands.constant(right) : Operands.constant(left);
            if (field == null || value == null || !known.containsKey(field)) {
                return true;
            }
            return switch (relation.getOperator()) {
                case "==" -> known.get(field).equals(value);
                case "!=" -> !known.get(field).equals(value);
                default -> true;
            };
        }
        return true;
    }
}
