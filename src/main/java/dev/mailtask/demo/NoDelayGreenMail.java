package dev.mailtask.demo;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.imap.ImapHandler;
import com.icegreen.greenmail.pop3.Pop3Handler;
import com.icegreen.greenmail.pop3.commands.Pop3CommandRegistry;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.smtp.SmtpHandler;
import com.icegreen.greenmail.smtp.commands.SmtpCommandRegistry;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.Socket;
import java.net.SocketException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * GreenMail with TCP_NODELAY on every client connection. GreenMail writes a response in several small
 * writes; with Nagle's algorithm on, each IMAP command then waits ~40 ms for the client's delayed ACK,
 * which caps a mailbox drain at ~20 mails/s. Real servers (Dovecot, Exchange) do not have this stall.
 * GreenMail's own server classes are final, so the servers are built here with GreenMail's protocol
 * handlers; {@link #port} replaces {@code getImap().getPort()} and friends.
 */
public class NoDelayGreenMail extends GreenMail {

    public NoDelayGreenMail(ServerSetup[] setups) {
        super(patient(setups));
    }

    /** GreenMail gives a server thread 2 s to start; a busy 2-core machine sometimes needs more. */
    private static ServerSetup[] patient(ServerSetup[] setups) {
        for (ServerSetup setup : setups) {
            setup.setServerStartupTimeout(Math.max(setup.getServerStartupTimeout(), 30_000));
        }
        return setups;
    }

    @Override
    protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
        Map<String, AbstractServer> services = new HashMap<>();
        for (ServerSetup setup : config) {
            String protocol = setup.getProtocol();
            if (protocol.startsWith(ServerSetup.PROTOCOL_SMTP)) {
                services.put(protocol, new NoDelayServer(setup, managers, socket ->
                        new SmtpHandler(new SmtpCommandRegistry(), managers.getSmtpManager(), socket)));
            } else if (protocol.startsWith(ServerSetup.PROTOCOL_POP3)) {
                services.put(protocol, new NoDelayServer(setup, managers, socket ->
                        new Pop3Handler(new Pop3CommandRegistry(), managers.getUserManager(), socket)));
            } else if (protocol.startsWith(ServerSetup.PROTOCOL_IMAP)) {
                services.put(protocol, new NoDelayServer(setup, managers, socket ->
                        new ImapHandler(managers.getUserManager(), managers.getImapHostManager(), socket)));
            }
        }
        return services;
    }

    /** The bound port of a protocol's server (e.g. {@code imap}), also for dynamic ports. */
    public int port(String protocol) {
        return services.get(protocol).getPort();
    }

    private static final class NoDelayServer extends AbstractServer {

        private final Function<Socket, ProtocolHandler> handlers;

        NoDelayServer(ServerSetup setup, Managers managers, Function<Socket, ProtocolHandler> handlers) {
            super(setup, managers);
            this.handlers = handlers;
        }

        @Override
        protected ProtocolHandler createProtocolHandler(Socket socket) {
            return handlers.apply(socket);
        }

        @Override
        protected void handleClientSocket(Socket socket) throws SocketException {
            socket.setTcpNoDelay(true);
            super.handleClientSocket(socket);
        }
    }
}
