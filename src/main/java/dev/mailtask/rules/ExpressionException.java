package dev.mailtask.rules;

/**
 * A filter expression is wrong. The message says what and where, e.g.
 * {@code expected a condition number at position 8 in '(1 and )'}; positions count characters from 1.
 */
public final class ExpressionException extends RuntimeException {

    private final String expression;
    private final int position;

    ExpressionException(String expression, int position, String what) {
        super(expression.isBlank() ? what : what + (position > expression.length()
                ? " at the end of '" + expression + "'"
                : " at position " + position + " in '" + expression + "'"));
        this.expression = expression;
        this.position = position;
    }

    public String expression() {
        return expression;
    }

    /** 1-based character position of the problem; {@code expression().length() + 1} for "at the end". */
    public int position() {
        return position;
    }
}
