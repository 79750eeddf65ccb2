package dev.mailtask.camel;

import dev.mailtask.api.ApiRequest;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * First step of every API call, before the token is checked: refuses a form body, a second Authorization or
 * Content-Type value (one came from the query or a form) and a query parameter that would pose as the token,
 * a path parameter or a Camel header; the other query parameters become headers (page, size, status...).
 */
public final class ApiRequestValues implements Processor {

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        var query = ApiRequest.queryParameters(in.getHeader(Exchange.HTTP_RAW_QUERY, String.class),
                name -> in.getHeader(name) != null);
        ApiRequest.checkBodyType(in.getHeader(Exchange.CONTENT_TYPE));
        ApiRequest.checkAuthorization(in.getHeader("Authorization"));
        query.forEach(in::setHeader);
    }
}
