package dev.mailtask.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Recursive descent: or := and ('or' and)* ; and := unary ('and' unary)* ; unary := 'not' unary | atom. */
final class ExpressionParser {
    private enum Kind { NUMBER, AND, OR, NOT, OPEN, CLOSE, END }

    private final String text;
    private final int conditions;
    private int pos; // 0-based index of the next unread character
    private Kind kind;
    private int tokenStart;
    private String tokenText;
    private int depth;

    ExpressionParser(String text, int conditions) {
        this.text = text;
        this.conditions = conditions;
    }

    Expression parseAll() {
        advance();
        if (kind == Kind.END) {
            throw error(tokenStart, "the expression is empty: write condition numbers joined by and, or, not");
        }
        Expression e = or();
        if (kind == Kind.CLOSE) {
            throw error(tokenStart, "unexpected ')' without a matching '('");
        }
        if (kind != Kind.END) {
            throw error(tokenStart, "expected 'and' or 'or' before '" + tokenText + "'");
        }
        return e;
    }

    private Expression or() {
        List<Expression> operands = new ArrayList<>();
        operands.add(and());
        while (kind == Kind.OR) {
            advance();
            operands.add(and());
        }
        return operands.size() == 1 ? operands.get(0) : new Expression.Or(List.copyOf(operands));
    }

    private Expression and() {
        List<Expression> operands = new ArrayList<>();
        operands.add(unary());
        while (kind == Kind.AND) {
            advance();
            operands.add(unary());
        }
        return operands.size() == 1 ? operands.get(0) : new Expression.And(List.copyOf(operands));
    }

    private Expression unary() {
        if (kind == Kind.NOT) {
            enter();
            advance();
            Expression operand = unary();
            depth--;
            return new Expression.Not(operand);
        }
        return atom();
    }

    private Expression atom() {
        switch (kind) {
            case NUMBER -> {
                int start = tokenStart;
                int number;
                try {
                    number = Integer.parseInt(tokenText);
                } catch (NumberFormatException e) {
                    number = Integer.MAX_VALUE;
                }
                if (number < 1 || number > conditions) {
                    throw error(start, "condition " + tokenText + " does not exist (this rule has "
                            + (conditions == 1 ? "1 condition" : conditions + " conditions") + ")");
                }
                advance();
                return new Expression.Ref(number);
            }
            case OPEN -> {
                int open = tokenStart;
                enter();
                advance();
                if (kind == Kind.CLOSE) {
                    throw error(tokenStart, "expected a condition number");
                }
                Expression inner = or();
                if (kind != Kind.CLOSE) {
                    throw error(tokenStart, kind == Kind.END
                            ? "missing ')' for the '(' at position " + (open + 1)
                            : "expected 'and', 'or' or ')' before '" + tokenText + "'");
                }
                depth--;
                advance();
                return inner;
            }
            default -> throw error(tokenStart, "expected a condition number");
        }
    }

    private void enter() {
        if (++depth > Expression.MAX_DEPTH) {
            throw error(tokenStart, "nested more than " + Expression.MAX_DEPTH + " levels deep");
        }
    }

    private void advance() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        tokenStart = pos;
        if (pos >= text.length()) {
            kind = Kind.END;
            tokenText = "";
            return;
        }
        char c = text.charAt(pos);
        if (c == '(' || c == ')') {
            kind = c == '(' ? Kind.OPEN : Kind.CLOSE;
            tokenText = String.valueOf(c);
            pos++;
            return;
        }
        if (c >= '0' && c <= '9') {
            while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
                pos++;
            }
            kind = Kind.NUMBER;
            tokenText = text.substring(tokenStart, pos);
            return;
        }
        if (Character.isLetter(c)) {
            while (pos < text.length() && Character.isLetterOrDigit(text.charAt(pos))) {
                pos++;
            }
            tokenText = text.substring(tokenStart, pos);
            switch (tokenText.toLowerCase(Locale.ROOT)) {
                case "and" -> kind = Kind.AND;
                case "or" -> kind = Kind.OR;
                case "not" -> kind = Kind.NOT;
                default -> throw error(tokenStart, "unknown word '" + tokenText
                        + "'; use condition numbers, and, or, not and parentheses");
            }
            return;
        }
        throw error(tokenStart, "unexpected '" + c + "'; use condition numbers, and, or, not and parentheses");
    }

    private ExpressionException error(int index, String what) {
        return new ExpressionException(text, index + 1, what);
    }
}
