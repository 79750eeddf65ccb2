package dev.mailtask.it;

import static org.awaitility.Awaitility.await;

import dev.mailtask.camel.MailtaskMain;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The bundle in a JVM of its own, as an operator runs it: it can be killed with SIGKILL mid-work and its heap
 * can be capped, neither of which a bundle inside the test's JVM allows.
 */
public final class ChildBundle extends ApiClient implements AutoCloseable {

    private final Process process;
    private final Path log;

    private ChildBundle(Process process, Path log, int httpPort) {
        super(httpPort);
        this.process = process;
        this.log = log;
    }

    /** Entry point of the child JVM: the real bundle with the overrides in the given properties file. */
    public static void main(String[] args) throws Exception {
        Properties settings = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
            settings.load(in);
        }
        Map<String, String> overrides = new HashMap<>();
        settings.stringPropertyNames().forEach(name -> overrides.put(name, settings.getProperty(name)));
        MailtaskMain.create(null, overrides).run();
    }

    /** Starts the bundle in a new JVM (with these JVM options) and waits until its API answers. */
    static ChildBundle start(Path dir, Map<String, String> overrides, String... jvmOptions) throws Exception {
        int port = TestBundle.freePort();
        Properties settings = new Properties();
        settings.putAll(overrides);
        settings.setProperty("mailtask.http.port", String.valueOf(port));
        Path file = dir.resolve("child-" + port + ".properties");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            settings.store(out, "overrides of a child bundle");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", classPath(), ChildBundle.class.getName(), file.toString()));
        Path log = dir.resolve("child-" + port + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ChildBundle child = new ChildBundle(process, log, port);
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(child::ready);
        } catch (RuntimeException e) {
            child.kill();
            throw new AssertionError("the child bundle did not come up; its log ends with:\n" + child.logTail(), e);
        }
        return child;
    }

    /** The test's own class path: surefire names it in a property, as its JVM may run from a manifest jar. */
    private static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    private boolean ready() throws Exception {
        if (!process.isAlive()) {
            throw new IllegalStateException("the child bundle exited with status " + process.exitValue());
        }
        try {
            return get("/api/tasks?size=1").statusCode() == 200;
        } catch (IOException notListeningYet) {
            return false;
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no commit, no flag set after this instant. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** Stops the bundle as an operator would (SIGTERM, graceful shutdown), or kills it if it hangs. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
    }
}
