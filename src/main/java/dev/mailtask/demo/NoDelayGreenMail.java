package dev.mailtask.demo;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.imap.ImapHandler;
import com.icegreen.greenmail.pop3.Pop3Server;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.Socket;
import java.net.SocketException;
import java.util.HashMap;
import java.util.Map;

/**
 * GreenMail with TCP_NODELAY on every client connection. GreenMail writes a response in several small
 * writes; with Nagle's algorithm on, each IMAP command then waits ~40 ms for the client's delayed ACK,
 * which caps a mailbox drain at ~20 mails/s. Real servers (Dovecot, Exchange) do not have this stall.
 */
public class NoDelayGreenMail extends GreenMail {

    public NoDelayGreenMail(ServerSetup[] setups) {
        super(setups);
    }

    @Override
    protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
        Map<String, AbstractServer> services = new HashMap<>();
        for (ServerSetup setup : config) {
            String protocol = setup.getProtocol();
            if (protocol.startsWith(ServerSetup.PROTOCOL_SMTP)) {
                services.put(protocol, new SmtpServer(setup, managers) {
                    @Override
                    protected void handleClientSocket(Socket socket) throws SocketException {
                        socket.setTcpNoDelay(true);
                        super.handleClientSocket(socket);
                    }
                });
            } else if (protocol.startsWith(ServerSetup.PROTOCOL_POP3)) {
                services.put(protocol, new Pop3Server(setup, managers) {
                    @Override
                    protected void handleClientSocket(Socket socket) throws SocketException {
                        socket.setTcpNoDelay(true);
                        super.handleClientSocket(socket);
                    }
                });
            } else if (protocol.startsWith(ServerSetup.PROTOCOL_IMAP)) {
                // ImapServer is final: the same server, written out (getImap() is not available then).
                services.put(protocol, new AbstractServer(setup, managers) {
                    @Override
                    protected ProtocolHandler createProtocolHandler(Socket socket) {
                        return new ImapHandler(managers.getUserManager(), managers.getImapHostManager(), socket);
                    }

                    @Override
                    protected void handleClientSocket(Socket socket) throws SocketException {
                        socket.setTcpNoDelay(true);
                        super.handleClientSocket(socket);
                    }
                });
            }
        }
        return services;
    }

    /** The bound port of a protocol's server (e.g. {@code imap}), also for dynamic ports. */
    public int port(String protocol) {
        return services.get(protocol).getPort();
    }
}
