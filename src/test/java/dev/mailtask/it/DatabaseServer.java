package dev.mailtask.it;

import java.nio.file.Path;
import org.hsqldb.server.Server;

/** An HSQLDB server over a file database in the test's folder: a database the test can stop and start again. */
final class DatabaseServer {

    private DatabaseServer() {
    }

    /** Starts the server for {@code jdbc:hsqldb:hsql://127.0.0.1:<port>/mailtask}, on the same files each time. */
    static Server start(Path dir, int port) {
        Server server = new Server();
        server.setAddress("127.0.0.1");
        server.setPort(port);
        server.setDatabaseName(0, "mailtask");
        server.setDatabasePath(0, "file:" + dir.resolve("db/mailtask")
                + ";hsqldb.default_table_type=cached;hsqldb.write_delay=false");
        server.setSilent(true);
        server.setLogWriter(null);
        server.setErrWriter(null);
        server.setNoSystemExit(true);
        server.start();
        return server;
    }
}
