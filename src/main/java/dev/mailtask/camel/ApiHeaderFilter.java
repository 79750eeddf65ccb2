package dev.mailtask.camel;

import dev.mailtask.api.ApiRequest;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpHeaderFilterStrategy;

/**
 * Which parts of an HTTP request become Camel headers: of the request headers only those the API reads
 * ({@link ApiRequest#READ_HEADERS}); no query parameter and no form field (platform-http hands all three to
 * this one filter, and path parameters past it). {@link ApiRequestValues} then adds the query parameters under
 * names nothing else uses. Answers are filtered as usual.
 */
public final class ApiHeaderFilter extends HttpHeaderFilterStrategy {

    @Override
    public boolean applyFilterToExternalHeaders(String headerName, Object headerValue, Exchange exchange) {
        return ApiRequest.READ_HEADERS.stream().noneMatch(h -> h.equalsIgnoreCase(headerName))
                || super.applyFilterToExternalHeaders(headerName, headerValue, exchange);
    }
}
