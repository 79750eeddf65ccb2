package dev.mailtask.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class ApiRequestTest {

    /** Names the exchange has, as Camel's case-insensitive headers see them. */
    private static final Predicate<String> TAKEN = n -> Set.of("id", "Authorization", "Content-Type",
            "CamelHttpPath").stream().anyMatch(n::equalsIgnoreCase);

    @Test
    void queryParametersAreDecodedUnderNamesNothingElseUses() {
        assertThat(ApiRequest.queryParameters("page=2&size=5&status=QUEUED&q=a%20b+c&flag", TAKEN))
                .isEqualTo(Map.of("page", "2", "size", "5", "status", "QUEUED", "q", "a b c", "flag", ""));
        assertThat(ApiRequest.queryParameters(null, TAKEN)).isEmpty();
    }

    @Test
    void theTokenAPathParameterOrACamelHeaderCannotComeFromTheQuery() {
        for (String query : List.of("Authorization=Bearer%20demo", "authorization=x", "access_token=x", "id=2",
                "ID=2", "CamelHttpPath=/api/tokens", "camelHttpResponseCode=200", "Content-Type=text/html",
                "page=1&page=2", "page=%zz")) {
            assertThatThrownBy(() -> ApiRequest.queryParameters(query, TAKEN)).as(query)
                    .isInstanceOf(ApiException.class)
                    .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(400));
        }
        assertThatThrownBy(() -> ApiRequest.queryParameters("Authorization=Bearer%20demo", n -> false))
                .hasMessageContaining("Authorization: Bearer").hasMessageNotContaining("demo");
    }

    @Test
    void formsAndRepeatedValuesAreRefused() {
        ApiRequest.checkBodyType("application/json; charset=UTF-8");
        ApiRequest.checkBodyType(null);
        assertThatThrownBy(() -> ApiRequest.checkBodyType("application/x-www-form-urlencoded"))
                .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(415));
        assertThatThrownBy(() -> ApiRequest.checkBodyType("multipart/form-data; boundary=x"))
                .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(415));
        assertThatThrownBy(() -> ApiRequest.checkBodyType(List.of("application/json", "text/plain")))
                .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(400));
        ApiRequest.checkAuthorization("Bearer x");
        assertThatThrownBy(() -> ApiRequest.checkAuthorization(List.of("Bearer x", "Bearer y")))
                .hasMessageContaining("one Authorization header");
    }
}
