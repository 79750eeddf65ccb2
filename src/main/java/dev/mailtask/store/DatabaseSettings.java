package dev.mailtask.store;

/**
 * How to reach the database. The default is an HSQLDB file database under {@code ./data}.
 *
 * @param connectionTimeoutMillis how long a caller waits for a connection before the attempt counts as a
 *                                transient failure (the mail is left on the server and polled again)
 * @param startupWaitMillis       how long startup waits for an unreachable or locked database before giving up
 */
public record DatabaseSettings(String url, String user, String password, int poolSize, long connectionTimeoutMillis,
        long startupWaitMillis) {

    public static final String DEFAULT_URL = "jdbc:hsqldb:file:./data/mailtask";

    public boolean isHsqldb() {
        return url.startsWith("jdbc:hsqldb:");
    }

    /**
     * The URL as opened. HSQLDB file and server databases get cached tables (rows on disk, not all in the heap)
     * and a synchronous log (a commit is on disk before the mail is marked seen on the server).
     */
    public String effectiveUrl() {
        if (!isHsqldb() || url.startsWith("jdbc:hsqldb:mem:") || url.startsWith("jdbc:hsqldb:hsql:")) {
            return url;
        }
        StringBuilder u = new StringBuilder(url);
        if (!url.contains("hsqldb.default_table_type")) {
            u.append(";hsqldb.default_table_type=cached");
        }
        if (!url.contains("hsqldb.write_delay")) {
            u.append(";hsqldb.write_delay=false");
        }
        if (!url.contains("hsqldb.tx")) {
            u.append(";hsqldb.tx=mvcc");
        }
        return u.toString();
    }
}
