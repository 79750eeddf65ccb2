package dev.mailtask.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpressionTest {

    private static boolean eval(String expression, int conditions, String results) {
        boolean[] values = new boolean[results.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = results.charAt(i) == 'T';
        }
        return Expression.parse(expression, conditions).evaluate(values);
    }

    @ParameterizedTest(name = "{0} with {1} is {2}")
    @CsvSource(delimiter = '|', textBlock = """
            1                         | T   | true
            1                         | F   | false
            not 1                     | F   | true
            1 and 2                   | TF  | false
            1 and 2                   | TT  | true
            1 or 2                    | FT  | true
            1 or 2                    | FF  | false
            1 or 2 and 3              | TFF | true
            (1 or 2) and 3            | TFF | false
            not 1 and 2               | FT  | true
            not (1 and 2)             | TT  | false
            not not 1                 | T   | true
            (1 and 2) or (1 and not 3) | TFF | true
            (1 and 2) or (1 and not 3) | TFT | false
            (1 and 2) or (1 and not 3) | FTF | false
            ((1))                     | T   | true
            1 AND NOT 2 Or 3          | TTT | true
            1and 2                    | TT  | true
            (1)or(2)                  | FT  | true
            """)
    void evaluatesWithNotBeforeAndBeforeOr(String expression, String results, boolean expected) {
        assertThat(eval(expression, results.length(), results)).isEqualTo(expected);
    }

    @Test
    void parsesIntoATreeThatPrintsWithTheSamePrecedence() {
        assertThat(Expression.parse("1 or 2 and not 3", 3)).hasToString("1 or 2 and not 3");
        assertThat(Expression.parse("(1 or 2) and 3", 3)).hasToString("(1 or 2) and 3");
        assertThat(Expression.parse("(1 and 2) or (1 and not 3)", 3).references()).containsExactly(1, 2, 1, 3);
        assertThat(Expression.all(3)).hasToString("1 and 2 and 3");
        assertThat(Expression.all(1)).hasToString("1");
    }

    @ParameterizedTest(name = "''{0}'' → {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            "(1 and )"      | 8 | "expected a condition number at position 8 in '(1 and )'"
            "1 and"         | 6 | "expected a condition number at the end of '1 and'"
            ""              | 1 | "the expression is empty: write condition numbers joined by and, or, not"
            "1 2"           | 3 | "expected 'and' or 'or' before '2' at position 3 in '1 2'"
            "(1 or 2"       | 8 | "missing ')' for the '(' at position 1 at the end of '(1 or 2'"
            "1 or 2)"       | 7 | "unexpected ')' without a matching '(' at position 7 in '1 or 2)'"
            "1 or 4"        | 6 | "condition 4 does not exist (this rule has 3 conditions) at position 6 in '1 or 4'"
            "0"             | 1 | "condition 0 does not exist (this rule has 3 conditions) at position 1 in '0'"
            "1 && 2"        | 3 | "unexpected '&'; use condition numbers, and, or, not and parentheses at position 3 in '1 && 2'"
            "1 andnot 2"    | 3 | "unknown word 'andnot'; use condition numbers, and, or, not and parentheses at position 3 in '1 andnot 2'"
            "()"            | 2 | "expected a condition number at position 2 in '()'"
            "not"           | 4 | "expected a condition number at the end of 'not'"
            "1 or (2 3)"    | 9 | "expected 'and', 'or' or ')' before '3' at position 9 in '1 or (2 3)'"
            "99999999999"   | 1 | "condition 99999999999 does not exist (this rule has 3 conditions) at position 1 in '99999999999'"
            """)
    void errorsSayWhatAndWhere(String expression, int position, String message) {
        assertThatThrownBy(() -> Expression.parse(expression, 3))
                .isInstanceOfSatisfying(ExpressionException.class, e -> {
                    assertThat(e.position()).isEqualTo(position);
                    assertThat(e.expression()).isEqualTo(expression);
                })
                .hasMessage(message);
    }

    @Test
    void oneConditionIsSingular() {
        assertThatThrownBy(() -> Expression.parse("2", 1))
                .hasMessage("condition 2 does not exist (this rule has 1 condition) at position 1 in '2'");
    }

    @Test
    void deepNestingIsRefusedInsteadOfOverflowingTheStack() {
        String deep = "(".repeat(51) + "1" + ")".repeat(51);
        assertThatThrownBy(() -> Expression.parse(deep, 1))
                .hasMessage("nested more than 50 levels deep at position 51 in '" + deep + "'");
        assertThat(Expression.parse("(".repeat(50) + "1" + ")".repeat(50), 1).evaluate(new boolean[] {true})).isTrue();
        assertThatThrownBy(() -> Expression.parse("not ".repeat(60) + "1", 1))
                .isInstanceOf(ExpressionException.class).hasMessageStartingWith("nested more than 50 levels deep");
    }
}
