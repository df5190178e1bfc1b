package org.lsmworkbook.tools.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lsmworkbook.tools.WorkbookException;

/**
 * Runs the real {@code mvn} (or {@code mvn.cmd} on Windows) as a child process. The environment
 * variable {@code WORKBOOK_MVN} names another executable, e.g. a Maven wrapper.
 *
 * <p>A bounded run ({@link #run(Path, List, Path, Bounds)}) reads Maven's output through a pipe
 * into a capped log ({@link CappedLog}), watches the time and a directory's size, and when Maven
 * ends, or is stopped, stops every process it started (see {@link ProcessTree}).
 */
public final class MavenProcess implements Maven {

    /** The environment variable that overrides the Maven executable. */
    public static final String OVERRIDE = "WORKBOOK_MVN";

    private final String executable;

    /**
     * Creates a runner for the given executable.
     *
     * @param executable the Maven executable to start
     */
    public MavenProcess(String executable) {
        this.executable = executable;
    }

    /**
     * Creates a runner for the Maven the user's environment asks for.
     *
     * @return a runner for {@code $WORKBOOK_MVN}, or {@code mvn}/{@code mvn.cmd}
     */
    public static MavenProcess fromEnvironment() {
        String override = System.getenv(OVERRIDE);
        if (override != null && !override.isBlank()) {
            return new MavenProcess(override.strip());
        }
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        return new MavenProcess(windows ? "mvn.cmd" : "mvn");
    }

    @Override
    public BoundedRun run(Path workDir, List<String> arguments, Path log, Bounds bounds) {
        List<String> command = new ArrayList<>();
        command.add(executable);
        command.addAll(arguments);
        String marker = Long.toHexString(new java.security.SecureRandom().nextLong());
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(bounds.environment());
        builder.environment().put(ProcessTree.MARKER, marker);
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new WorkbookException("cannot create the directory for " + log + ": " + e.getMessage());
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw cannotRun(e);
        }
        ProcessTree tree = new ProcessTree(process.toHandle(), marker);
        Thread stopOnExit = new Thread(tree::stopAll);
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        java.io.InputStream output = process.getInputStream();
        Thread pump = new Thread(() -> {
            try {
                CappedLog.copy(new java.io.BufferedInputStream(output), log, bounds.maxLogBytes());
            } catch (IOException e) {
                // the log cannot be written: grading reads what there is
            }
        }, "maven-log");
        pump.setDaemon(true);
        pump.start();
        long deadline = System.nanoTime() + bounds.timeout().toNanos();
        String stopped = null;
        try {
            while (!process.waitFor(200, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                tree.look();
                if (System.nanoTime() - deadline > 0) {
                    stopped = "its time budget of " + bounds.timeout().toSeconds() + " s ran out";
                    break;
                }
                if (bounds.watched() != null && sizeOf(bounds.watched()) > bounds.maxWatchedBytes()) {
                    stopped = "its test reports and output grew past " + bounds.maxWatchedBytes() + " bytes";
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = "grading was interrupted";
        } finally {
            tree.stopAll();
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException e) {
                // shutting down: the hook stops the processes anyway
            }
        }
        try {
            pump.join(5_000);
            if (pump.isAlive()) {
                output.close(); // a process nobody could find still holds the pipe: stop reading it
                pump.join(5_000);
            }
        } catch (IOException e) {
            // closing a pipe that broke already
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int exit = process.isAlive() ? -1 : process.exitValue();
        return new BoundedRun(exit, stopped);
    }

    /** The bytes of the regular files under a directory, each by its length; 0 if it does not exist. */
    private static long sizeOf(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            return files.mapToLong(f -> {
                try {
                    return Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? Files.size(f) : 0;
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }

    private WorkbookException cannotRun(IOException e) {
        return new WorkbookException("cannot run Maven ('" + executable + "'): " + e.getMessage()
                + "\nInstall Maven 3.8 or newer and put it on the PATH, or set " + OVERRIDE
                + " to the Maven executable.");
    }

    @Override
    public int run(Path workDir, List<String> arguments, Path log) {
        List<String> command = new ArrayList<>();
        command.add(executable);
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        if (log == null) {
            builder.inheritIO();
        } else {
            try {
                Files.createDirectories(log.toAbsolutePath().getParent());
            } catch (IOException e) {
                throw new WorkbookException("cannot create the directory for " + log + ": " + e.getMessage());
            }
            builder.redirectErrorStream(true).redirectOutput(log.toFile());
        }
        try {
            return builder.start().waitFor();
        } catch (IOException e) {
            throw cannotRun(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkbookException("interrupted while waiting for Maven");
        }
    }
}
