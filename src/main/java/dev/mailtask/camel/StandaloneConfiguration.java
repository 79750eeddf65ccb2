package dev.mailtask.camel;

import static dev.mailtask.camel.MailtaskConfiguration.closeOnStop;
import static dev.mailtask.camel.MailtaskConfiguration.property;

import dev.mailtask.demo.DemoMailServer;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What only the standalone bundle has: the HTTP server the REST API listens on, and in the demo profile
 * the embedded mail server. An embedding host leaves this class out and serves REST itself.
 */
public class StandaloneConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(StandaloneConfiguration.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        PropertiesComponent properties = context.getPropertiesComponent();

        if (Boolean.parseBoolean(property(properties, "mailtask.demo.enabled", "false"))) {
            String host = property(properties, "mailtask.demo.host", "127.0.0.1");
            int smtp = Integer.parseInt(property(properties, "mailtask.demo.smtp-port", "2525"));
            int imap = Integer.parseInt(property(properties, "mailtask.demo.imap-port", "2143"));
            DemoMailServer server = new DemoMailServer(host, smtp, imap,
                    property(properties, "mailtask.demo.domain", "demo.mailtask"),
                    property(properties, "mailtask.demo.mailbox", "mailtask@demo.mailtask"));
            server.start();
            closeOnStop(context, server);
            LOG.info("Demo mail server: SMTP {}:{}, IMAP {}:{} (any mailbox, password 'demo')", host, smtp, host, imap);
        }

        VertxPlatformHttpServerConfiguration http = new VertxPlatformHttpServerConfiguration();
        http.setBindHost(property(properties, "mailtask.http.host", "127.0.0.1"));
        http.setBindPort(Integer.parseInt(property(properties, "mailtask.http.port", "8080")));
        long maxBody = Long.parseLong(property(properties, "mailtask.http.max-body-bytes", "10485760"));
        context.addService(new ApiHttpServer(http, maxBody), true, true);
        LOG.info("REST API on http://{}:{}/api", http.getBindHost(), http.getBindPort());
    }
}
