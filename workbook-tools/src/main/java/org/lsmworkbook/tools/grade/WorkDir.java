package org.lsmworkbook.tools.grade;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The temporary directory one grading run works in, {@code workbook-grade-*} in the system's
 * temporary directory. It holds the grading tree ({@link #tree()}) and, beside it, two directories
 * with random names: one for Maven's logs (only the grader writes them) and one for the per-test
 * record. On POSIX systems the directory itself cannot be listed while grading runs (mode
 * {@code rwx--x--x} less the read bits: {@code -wx--x--x}), so code under test that walks up from the
 * tree cannot find those two by name.
 *
 * <p>It is removed when grading ends, also when the grader is stopped by a signal (a shutdown
 * hook). A run that was killed outright leaves it behind; the next run removes every
 * {@code workbook-grade-*} directory whose owner (its {@value #OWNER} file names a process) is no
 * longer running, and ones without an owner file after a day.
 */
public final class WorkDir implements AutoCloseable {

    /** The prefix of every grading directory. */
    public static final String PREFIX = "workbook-grade-";

    /** The file naming the process that owns a grading directory: its pid and start time. */
    static final String OWNER = "owner";

    /** The file that marks a directory kept with {@code --keep}: the sweep leaves it. */
    static final String KEPT = "kept";

    private final Path dir;
    private final Path logs;
    private final Path records;
    private final boolean keep;
    private final Thread cleanup;

    private WorkDir(Path dir, boolean keep) throws IOException {
        this.dir = dir;
        this.keep = keep;
        HexFormat hex = HexFormat.of();
        SecureRandom random = new SecureRandom();
        this.logs = Files.createDirectories(dir.resolve(hex.formatHex(random.generateSeed(16))).resolve("logs"));
        this.records = Files.createDirectories(dir.resolve(hex.formatHex(random.generateSeed(16))));
        ProcessHandle self = ProcessHandle.current();
        Files.writeString(dir.resolve(OWNER), self.pid() + " "
                + self.info().startInstant().map(Instant::toString).orElse("-") + "\n", StandardCharsets.UTF_8);
        if (keep) {
            Files.writeString(dir.resolve(KEPT), "kept with --keep\n", StandardCharsets.UTF_8);
        }
        this.cleanup = new Thread(this::delete, "workbook-grade-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /**
     * Creates a grading directory in the system's temporary directory, after removing stale ones.
     *
     * @param keep true to leave it in place when grading ends
     * @return the directory
     */
    public static WorkDir create(boolean keep) {
        try {
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
            sweep(tmp);
            return new WorkDir(Files.createTempDirectory(PREFIX).toRealPath(), keep);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory to grade in", e);
        }
    }

    /**
     * The directory.
     *
     * @return its path
     */
    public Path dir() {
        return dir;
    }

    /**
     * Where the grading tree goes.
     *
     * @return {@code dir/tree}
     */
    public Path tree() {
        return dir.resolve("tree");
    }

    /**
     * Where Maven's logs go.
     *
     * @return a directory with a random name, outside the tree
     */
    public Path logs() {
        return logs;
    }

    /**
     * Where the per-test record and its listener go.
     *
     * @return a directory with a random name, outside the tree
     */
    public Path records() {
        return records;
    }

    /** Makes the directory unlistable while code under test runs (POSIX only). */
    public void hide() {
        setMode("-wx--x--x");
    }

    /** Removes the directory, unless it is kept; also run by the shutdown hook. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // shutting down: the hook deletes it
        }
        if (keep) {
            setMode("rwx------");
        } else {
            delete();
        }
    }

    private void delete() {
        setMode("rwx------");
        // On a signal, Maven's processes are being stopped at the same moment and may still write
        // a file or two: try again briefly rather than leave the tree behind.
        for (int attempt = 1; ; attempt++) {
            try {
                GradingTree.deleteTree(dir);
                return;
            } catch (UncheckedIOException e) {
                if (attempt == 5) {
                    throw e;
                }
                try {
                    Thread.sleep(200L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private void setMode(String mode) {
        try {
            if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(mode));
            }
        } catch (IOException | UnsupportedOperationException e) {
            // not a POSIX file system: nothing to hide or restore
        }
    }

    /**
     * Removes the {@code workbook-grade-*} directories of runs that are over.
     *
     * @param tmp the temporary directory
     * @return how many were removed
     */
    static int sweep(Path tmp) {
        int removed = 0;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, PREFIX + "*")) {
            for (Path stale : dirs) {
                if (Files.isDirectory(stale, LinkOption.NOFOLLOW_LINKS) && isStale(stale)) {
                    try {
                        if (Files.getFileStore(stale).supportsFileAttributeView("posix")) {
                            Files.setPosixFilePermissions(stale, PosixFilePermissions.fromString("rwx------"));
                        }
                        GradingTree.deleteTree(stale);
                        removed++;
                    } catch (IOException | RuntimeException e) {
                        // another user's directory, or one being removed right now
                    }
                }
            }
        } catch (IOException e) {
            // no temporary directory to sweep
        }
        return removed;
    }

    private static boolean isStale(Path dir) {
        if (Files.exists(dir.resolve(KEPT))) {
            return false;
        }
        Path owner = dir.resolve(OWNER);
        try {
            if (!Files.exists(owner)) {
                FileTime modified = Files.getLastModifiedTime(dir);
                return modified.toInstant().isBefore(Instant.now().minus(Duration.ofDays(1)));
            }
            String[] parts = Files.readString(owner, StandardCharsets.UTF_8).strip().split(" ");
            Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(parts[0]));
            if (process.isEmpty() || !process.get().isAlive()) {
                return true;
            }
            String started = process.get().info().startInstant().map(Instant::toString).orElse("-");
            return parts.length > 1 && !parts[1].equals("-") && !parts[1].equals(started);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
