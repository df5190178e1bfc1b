package org.lsmworkbook.tools.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every process a child started, so that all of them can be stopped together. Descendants are
 * remembered each time {@link #look} runs, so that one whose parent has exited (and which the
 * system has handed to another parent) is still known. A process that detached itself between two
 * looks is found by a marker in its environment (on Linux, where {@code /proc} shows it).
 */
public final class ProcessTree {

    /** The environment variable whose value marks the processes of one run. */
    public static final String MARKER = "WORKBOOK_GRADE_RUN";

    private final ProcessHandle root;
    private final String marker;
    private final Map<Long, ProcessHandle> seen = new LinkedHashMap<>();

    /**
     * Follows a started process.
     *
     * @param root the process
     * @param marker the value of {@link #MARKER} in its environment, or null
     */
    public ProcessTree(ProcessHandle root, String marker) {
        this.root = root;
        this.marker = marker;
    }

    /** Remembers the processes that descend from the root now. */
    public void look() {
        root.descendants().forEach(p -> seen.putIfAbsent(p.pid(), p));
    }

    /**
     * Stops the root and every process seen or marked, forcibly, and waits briefly for them.
     *
     * @return how many processes other than the root were still running and were stopped
     */
    public int stopAll() {
        look();
        root.destroyForcibly();
        int stopped = 0;
        for (ProcessHandle p : List.copyOf(seen.values())) {
            // A handle knows its process's start time, so a reused pid is never stopped by mistake.
            if (p.isAlive() && p.destroyForcibly()) {
                stopped++;
            }
        }
        stopped += stopMarked();
        for (ProcessHandle p : seen.values()) {
            p.onExit().completeOnTimeout(p, 2, java.util.concurrent.TimeUnit.SECONDS).join();
        }
        return stopped;
    }

    /** Stops processes whose environment carries this run's marker (Linux only; elsewhere none). */
    private int stopMarked() {
        if (marker == null || !Files.isDirectory(Path.of("/proc/self"))) {
            return 0;
        }
        byte[] wanted = (MARKER + "=" + marker).getBytes(StandardCharsets.UTF_8);
        long self = ProcessHandle.current().pid();
        int stopped = 0;
        for (ProcessHandle p : ProcessHandle.allProcesses().toList()) {
            if (p.pid() == self || !p.isAlive()) {
                continue;
            }
            try {
                byte[] environ = Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "environ"));
                if (contains(environ, wanted) && p.destroyForcibly()) {
                    stopped++;
                }
            } catch (IOException | RuntimeException e) {
                // another user's process, or one that just ended: not ours to stop
            }
        }
        return stopped;
    }

    private static boolean contains(byte[] environ, byte[] entry) {
        int start = 0;
        for (int i = 0; i <= environ.length; i++) {
            if (i == environ.length || environ[i] == 0) {
                if (i - start == entry.length && java.util.Arrays.equals(environ, start, i, entry, 0, entry.length)) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }
}
