package dev.mailtask.camel;

import dev.mailtask.api.ApiErrors;
import dev.mailtask.api.ApiException;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;

/**
 * The HTTP server of the REST API, with a bound on request bodies that the operator sets (Vert.x's own is a
 * fixed 10 MiB) and that is answered 413 with a JSON message like every other refusal (Vert.x answers in
 * plain text), before the routes see the body.
 */
final class ApiHttpServer extends VertxPlatformHttpServer {

    private final String tooLarge;

    ApiHttpServer(VertxPlatformHttpServerConfiguration configuration, long maxBodyBytes) {
        super(withLimit(configuration, maxBodyBytes));
        this.tooLarge = new ApiErrors().body(new ApiException(413, "the request body is larger than "
                + maxBodyBytes + " bytes, the limit (mailtask.http.max-body-bytes)"));
    }

    private static VertxPlatformHttpServerConfiguration withLimit(VertxPlatformHttpServerConfiguration configuration,
            long maxBodyBytes) {
        configuration.setMaxBodySize(maxBodyBytes);
        return configuration;
    }

    @Override
    protected void initializeServer() {
        super.initializeServer();
        VertxPlatformHttpRouter.lookup(getCamelContext(), VertxPlatformHttpRouter.getRouterNameFromPort(
                getConfigurationPort())).errorHandler(413, context -> context.response().setStatusCode(413)
                .putHeader("Content-Type", "application/json; charset=UTF-8").end(tooLarge));
    }
}
