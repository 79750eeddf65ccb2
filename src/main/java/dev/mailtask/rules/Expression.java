package dev.mailtask.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * A rule's filter expression over its numbered conditions: {@code (1 and 2) or (1 and not 3)}.
 * Words {@code and}, {@code or}, {@code not} (any case), parentheses and condition numbers; {@code not} binds
 * tighter than {@code and}, which binds tighter than {@code or}. Parsed by hand-written recursive descent;
 * every error names the 1-based position.
 */
public sealed interface Expression {

    /** Nesting deeper than this is refused (no rule needs it; it keeps evaluation off the stack limit). */
    int MAX_DEPTH = 50;

    /** @param conditions the results of conditions 1..n at indexes 0..n-1 */
    boolean evaluate(boolean[] conditions);

    /** The condition numbers the expression mentions, in the order they appear. */
    default List<Integer> references() {
        List<Integer> refs = new ArrayList<>();
        collect(this, refs);
        return refs;
    }

    private static void collect(Expression e, List<Integer> refs) {
        if (e instanceof Ref r) {
            refs.add(r.number());
        } else if (e instanceof Not n) {
            collect(n.operand(), refs);
        } else if (e instanceof And a) {
            a.operands().forEach(o -> collect(o, refs));
        } else if (e instanceof Or o) {
            o.operands().forEach(x -> collect(x, refs));
        }
    }

    record Ref(int number) implements Expression {
        @Override
        public boolean evaluate(boolean[] conditions) {
            return conditions[number - 1];
        }

        @Override
        public String toString() {
            return Integer.toString(number);
        }
    }

    record Not(Expression operand) implements Expression {
        @Override
        public boolean evaluate(boolean[] conditions) {
            return !operand.evaluate(conditions);
        }

        @Override
        public String toString() {
            return "not " + operand;
        }
    }

    record And(List<Expression> operands) implements Expression {
        @Override
        public boolean evaluate(boolean[] conditions) {
            for (Expression e : operands) {
                if (!e.evaluate(conditions)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return join(operands, " and ");
        }
    }

    record Or(List<Expression> operands) implements Expression {
        @Override
        public boolean evaluate(boolean[] conditions) {
            for (Expression e : operands) {
                if (e.evaluate(conditions)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return join(operands, " or ");
        }
    }

    private static String join(List<Expression> operands, String word) {
        StringBuilder b = new StringBuilder();
        for (Expression e : operands) {
            if (b.length() > 0) {
                b.append(word);
            }
            boolean group = e instanceof Or || (e instanceof And && word.equals(" and "));
            b.append(group ? "(" : "").append(e).append(group ? ")" : "");
        }
        return b.toString();
    }

    /** The default when a rule has no {@code when}: all conditions must hold. */
    static Expression all(int conditions) {
        if (conditions == 1) {
            return new Ref(1);
        }
        List<Expression> refs = new ArrayList<>();
        for (int i = 1; i <= conditions; i++) {
            refs.add(new Ref(i));
        }
        return new And(List.copyOf(refs));
    }

    /**
     * @param conditions how many conditions the rule has; a number outside 1..conditions is an error
     * @throws ExpressionException with the position of the first problem
     */
    static Expression parse(String text, int conditions) {
        return new ExpressionParser(text, conditions).parseAll();
    }
}
