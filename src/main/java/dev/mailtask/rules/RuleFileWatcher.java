package dev.mailtask.rules;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.function.Consumer;

/**
 * Reloads a rules folder when the file system says something in it changed (a {@link WatchService} on a
 * daemon thread). Every event leads to {@link RuleFiles#reloadIfChanged()}, which compares contents, so
 * redundant events cost a hash. A file caught half-written is rejected and the next event (the write's
 * end) loads it. Polling {@code reloadIfChanged()} from a timer is an equal alternative.
 */
public final class RuleFileWatcher implements AutoCloseable {

    private final RuleFiles files;
    private final Consumer<RuleFiles.ReloadReport> listener;
    private WatchService watcher;
    private Thread thread;

    /** @param listener told of every reload that changed something (log it); called on the watcher thread */
    public RuleFileWatcher(RuleFiles files, Consumer<RuleFiles.ReloadReport> listener) {
        this.files = files;
        this.listener = listener;
    }

    /** Loads the folder once, then watches it. The folder must exist. */
    public synchronized void start() throws IOException {
        if (thread != null) {
            return;
        }
        watcher = FileSystems.getDefault().newWatchService();
        files.directory().register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
        report(files.reloadIfChanged());
        WatchService service = watcher;
        thread = new Thread(() -> run(service), "mailtask-rule-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(WatchService service) {
        try {
            while (true) {
                WatchKey key = service.take();
                key.pollEvents();
                try {
                    report(files.reloadIfChanged());
                } catch (RuntimeException e) {
                    // the folder vanished or cannot be listed: the rules stay; the next event tries again
                }
                if (!key.reset()) {
                    return;
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // stopped
        }
    }

    private void report(RuleFiles.ReloadReport report) {
        if (report.changed()) {
            listener.accept(report);
        }
    }

    public synchronized boolean running() {
        return thread != null && thread.isAlive();
    }

    /** Stops watching; the rules loaded so far stay. */
    @Override
    public synchronized void close() throws IOException {
        if (watcher != null) {
            watcher.close();
            watcher = null;
        }
        if (thread != null) {
            thread.interrupt();
            thread = null;
        }
    }
}
