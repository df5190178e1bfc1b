package org.lsmworkbook.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lsmworkbook.engine.FusedIterator;
import org.lsmworkbook.engine.LsmIterator;
import org.lsmworkbook.kv.Bound;
import org.lsmworkbook.kv.Bytes;

/**
 * The crash test: a child JVM ({@link KillDashNineChild}) writes, deletes and flushes into one
 * directory, and this test kills it with SIGKILL ({@link Process#destroyForcibly()}), again and
 * again: inside a flush (before the temporary file is created, before a write of its data, before
 * its fsync, before the rename, before the directory sync), inside {@code close()}, and at random
 * moments. A quarter of the runs stop before a data write, where a flush that wrote the final name
 * directly would leave a file that is empty or cut short under it. After each
 * kill the engine must open, every write made before the last {@code forceFlush()} that returned
 * must read back with its latest value (a deleted key stays deleted), and every other key may hold
 * only a value written after that flush, or its value from before.
 *
 * <p>The kills are chosen by a seed ({@code -Dday6.kill.seed=N} to repeat one); every failure
 * message starts with it. What is checked does not depend on timing: a kill at a random moment only
 * changes which operations were acknowledged, and the child reports those.
 */
@Timeout(120)
@DisplayName("Day 6 · Tasks 1 to 4 — kill -9 at any moment: the engine opens, and no flushed write is lost")
class KillDashNineTest {

    private static final long DEFAULT_SEED = 20_261_126L;
    /** At least this many kills per run. */
    private static final int KILLS = 32;
    private static final String[] KINDS = {"OPEN", "WRITE", "FORCE", "MOVE", "DIRFORCE"};
    private static final String EOF = "\u0000EOF";
    /** The longest any one step of a child may take: starting, reaching its kill point, dying. */
    private static final long STEP_SECONDS = 30;

    @TempDir
    Path work;

    @Test
    void every_write_before_the_last_completed_forceFlush_survives_every_kill() throws Exception {
        long seed = Long.getLong("day6.kill.seed", DEFAULT_SEED);
        Random random = new Random(seed);
        Path dir = work.resolve("db");
        Files.createDirectories(dir);
        TreeMap<Bytes, Bytes> model = new TreeMap<>(); // what the directory holds when a child starts
        int kills = 0;
        int killsInClose = 0;
        int killsInFlush = 0;
        List<String> history = new ArrayList<>();
        for (int run = 0; kills < KILLS; run++) {
            assertThat(run).as("seed %d: %d runs made only %d kills", seed, run, kills).isLessThan(3 * KILLS);
            String killPoint;
            switch (run % 4) {
                case 0:
                    killPoint = "timed";
                    break;
                case 1:
                    // Inside a data write: a file under its final name would be empty or cut short here.
                    killPoint = "flush:WRITE:" + (1 + random.nextInt(4));
                    break;
                case 3:
                    killPoint = "close:" + KINDS[random.nextInt(KINDS.length)] + ":1";
                    break;
                default:
                    killPoint = "flush:" + KINDS[random.nextInt(KINDS.length)] + ":" + (1 + random.nextInt(4));
            }
            long childSeed = random.nextLong();
            int operations = 800 + random.nextInt(1600);
            long delayMillis = random.nextInt(80);
            String what = String.format("seed %d, run %d (child seed %d, %d operations, kill point %s)",
                    seed, run, childSeed, operations, killPoint);

            ChildRun child = ChildRun.start(work, dir, childSeed, run, operations,
                    killPoint.equals("timed") ? "none" : killPoint, "plain");
            try {
                child.await(line -> line.equals("OPEN"), what + ": the child opens the engine");
                String stop;
                if (killPoint.equals("timed")) {
                    stop = child.poll(delayMillis);
                } else {
                    stop = child.await(line -> line.startsWith("AT ") || line.equals("CLOSED"),
                            what + ": the child reaches its kill point or ends");
                }
                boolean killed = child.kill();
                if (killed) {
                    kills++;
                    if (stop != null && stop.startsWith("AT ")) {
                        if (killPoint.startsWith("close:")) {
                            killsInClose++;
                        } else {
                            killsInFlush++;
                        }
                    } else if (child.sawClosing()) {
                        killsInClose++;
                    }
                }
            } finally {
                child.destroy();
            }
            if (!child.signalled && child.exitCode() != 0) {
                fail(what + ": the child failed on its own (exit " + child.exitCode() + "): " + child.stderr());
            }
            history.add(what + " -> " + (child.killedByUs ? "killed" : "ended") + ", last flush at op "
                    + child.lastFlushed() + (child.sawClosed() ? ", closed" : ""));
            model = checkAndReadBack(dir, model, childSeed, run, operations,
                    child.sawClosed() ? operations - 1 : child.lastFlushed(), what, history, "plain");
        }
        System.out.printf("kill -9 test: seed %d, %d runs, %d kills (%d at a kill point inside a flush, %d inside "
                + "close())%n", seed, history.size(), kills, killsInFlush, killsInClose);
        assertThat(killsInFlush).as("seed %d: kills inside a flush", seed).isGreaterThanOrEqualTo(KILLS / 3);
        assertThat(killsInClose).as("seed %d: kills inside close()", seed).isGreaterThanOrEqualTo(KILLS / 8);
    }

    /**
     * Opens the engine after a run, checks what it holds against the model, and returns what it
     * holds: the model for the next run.
     *
     * @param durableUpTo the last operation that must be durable (-1: none of this run's)
     */
    static TreeMap<Bytes, Bytes> checkAndReadBack(Path dir, TreeMap<Bytes, Bytes> before, long childSeed,
            int run, int operations, int durableUpTo, String what, List<String> history, String mode)
            throws IOException {
        boolean wal = KillDashNineChild.isWal(mode);
        String durablePoint = wal ? "sync()" : "forceFlush";
        TreeMap<Bytes, Bytes> sure = new TreeMap<>(before);
        TreeMap<Bytes, Set<Bytes>> maybe = new TreeMap<>();
        Random random = new Random(childSeed);
        for (int i = 0; i < operations; i++) {
            KillDashNineChild.Op op = KillDashNineChild.next(random, run, i, wal);
            if (op.isFlush()) {
                continue;
            }
            if (i <= durableUpTo) {
                if (op.value().isEmpty()) {
                    sure.remove(op.key());
                } else {
                    sure.put(op.key(), op.value());
                }
            } else {
                maybe.computeIfAbsent(op.key(), k -> new LinkedHashSet<>(Set.of(sure.getOrDefault(k, Bytes.EMPTY))))
                        .add(op.value());
            }
        }
        TreeMap<Bytes, Bytes> actual = new TreeMap<>();
        try (MiniLsm lsm = MiniLsm.open(dir, KillDashNineChild.options(mode))) {
            FusedIterator<LsmIterator> it = lsm.scan(Bound.unbounded(), Bound.unbounded());
            while (it.isValid()) {
                actual.put(Bytes.copyOf(it.key()), Bytes.copyOf(it.value()));
                it.next();
            }
        } catch (IOException | RuntimeException e) {
            throw new AssertionError(what + ": after the kill, open (or a scan) failed: " + e + ". A file under an "
                    + "SST's final name must always be complete: write the .tmp file, force it, rename it "
                    + "(docs/day6-write-path.md, 'Flushing a memtable, step by step'). Files: "
                    + WriteFixtures.fileNames(dir) + "\nruns so far:\n  " + String.join("\n  ", history), e);
        }
        Set<Bytes> keys = new TreeSet<>(sure.keySet());
        keys.addAll(maybe.keySet());
        keys.addAll(actual.keySet());
        for (Bytes key : keys) {
            Bytes found = actual.getOrDefault(key, Bytes.EMPTY);
            Set<Bytes> allowed = maybe.containsKey(key) ? maybe.get(key)
                    : new HashSet<>(Set.of(sure.getOrDefault(key, Bytes.EMPTY)));
            if (!allowed.contains(found)) {
                fail(what + ": after the kill, key " + key + " holds " + shown(found) + ", but it may only hold "
                        + shownAll(allowed) + (maybe.containsKey(key) ? " (its value at the last completed "
                        + durablePoint + ", op " + durableUpTo + ", or one written after it)" : " (its value at the "
                        + "last completed " + durablePoint + ", op " + durableUpTo + ": every write before it must be "
                        + "durable)")
                        + "\nruns so far:\n  " + String.join("\n  ", history));
            }
        }
        return actual;
    }

    private static String shown(Bytes value) {
        return value.isEmpty() ? "nothing (absent or deleted)" : value.toString();
    }

    private static String shownAll(Set<Bytes> values) {
        List<String> out = new ArrayList<>();
        for (Bytes value : values) {
            out.add(shown(value));
        }
        return out.toString();
    }

    /** One child JVM, its output lines as they come, and how it ended. */
    static final class ChildRun {
        private final Process process;
        private final Path stderrFile;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final List<String> seen = new ArrayList<>();
        private boolean eof;
        /** Whether this test sent SIGKILL (the child may have finished its close() just before). */
        boolean signalled;
        /** Whether the kill cut the child short: sent before it had finished close(). */
        boolean killedByUs;

        private ChildRun(Process process, Path stderrFile) {
            this.process = process;
            this.stderrFile = stderrFile;
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // the child died mid-line: what came before is in the queue
                } finally {
                    lines.add(EOF);
                }
            }, "test-child-reader");
            reader.setDaemon(true);
            reader.start();
        }

        static ChildRun start(Path work, Path dir, long seed, int run, int operations, String killPoint, String mode)
                throws IOException {
            Path stderr = work.resolve("child-" + run + ".err");
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx64m", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", childClassPath(),
                    KillDashNineChild.class.getName(), dir.toString(), Long.toString(seed), Integer.toString(run),
                    Integer.toString(operations), killPoint, mode);
            Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
            return new ChildRun(process, stderr);
        }

        /** Waits for a line that {@code wanted} accepts, and returns it; fails if the child ends first. */
        String await(java.util.function.Predicate<String> wanted, String what) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STEP_SECONDS);
            while (true) {
                long left = deadline - System.nanoTime();
                String line = eof ? null : lines.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
                if (line == null && !eof) {
                    fail(what + ": nothing came for " + STEP_SECONDS + " s; output " + seen + ", stderr: " + stderr());
                }
                if (line == null || line.equals(EOF)) {
                    eof = true;
                    process.waitFor(STEP_SECONDS, TimeUnit.SECONDS);
                    fail(what + ": the child ended first (exit " + exitCode() + "); output " + seen + ", stderr: "
                            + stderr());
                }
                seen.add(line);
                if (wanted.test(line)) {
                    return line;
                }
            }
        }

        /** Reads the lines that come within {@code millis}; returns the last, or null. */
        String poll(long millis) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            String last = null;
            while (!eof) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                String line = lines.poll(left, TimeUnit.NANOSECONDS);
                if (line == null) {
                    break;
                }
                if (line.equals(EOF)) {
                    eof = true;
                    break;
                }
                seen.add(line);
                last = line;
            }
            return last;
        }

        /**
         * SIGKILL, unless the child has closed the engine or ended already; then reads what it wrote
         * before it died. Returns whether the kill cut it short.
         */
        boolean kill() throws Exception {
            if (!sawClosed() && process.isAlive()) {
                process.destroyForcibly();
                signalled = true;
                killedByUs = true;
            }
            assertThat(process.waitFor(STEP_SECONDS, TimeUnit.SECONDS)).as("the child is dead").isTrue();
            while (!eof) {
                String line = lines.poll(STEP_SECONDS, TimeUnit.SECONDS);
                if (line == null || line.equals(EOF)) {
                    eof = true;
                } else {
                    seen.add(line);
                }
            }
            if (killedByUs && sawClosed()) {
                killedByUs = false; // it was done: the kill came after close() returned
            }
            return killedByUs;
        }

        void destroy() {
            process.destroyForcibly();
        }

        int exitCode() {
            return process.isAlive() ? -1 : process.exitValue();
        }

        int lastFlushed() {
            int last = -1;
            for (String line : seen) {
                if (line.startsWith("FLUSHED ")) {
                    last = Integer.parseInt(line.substring("FLUSHED ".length()));
                }
            }
            return last;
        }

        /** The operation of the last {@code sync()} that returned (mode {@code wal}), or -1. */
        int lastSynced() {
            int last = -1;
            for (String line : seen) {
                if (line.startsWith("SYNCED ")) {
                    last = Integer.parseInt(line.substring("SYNCED ".length()));
                }
            }
            return last;
        }

        boolean sawClosing() {
            return seen.contains("CLOSING");
        }

        boolean sawClosed() {
            return seen.contains("CLOSED");
        }

        String stderr() {
            try {
                String text = Files.readString(stderrFile);
                return text.length() > 4000 ? text.substring(0, 4000) + "..." : text;
            } catch (IOException e) {
                return "(unreadable: " + e + ")";
            }
        }
    }

    /**
     * The class path of a child JVM: this test's own classes and everything they need. Tests may run
     * on the module path, so the module path's entries go on the child's class path too.
     */
    static String childClassPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (String property : new String[] {"java.class.path", "jdk.module.path"}) {
            String value = System.getProperty(property, "");
            for (String entry : value.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    entries.add(entry);
                }
            }
        }
        for (Class<?> type : new Class<?>[] {KillDashNineChild.class, MiniLsm.class, Bytes.class,
                org.lsmworkbook.sst.SsTable.class, org.lsmworkbook.memtable.MemTable.class,
                org.lsmworkbook.engine.LsmStorageInner.class, org.lsmworkbook.read.LsmReadPath.class}) {
            entries.add(codeSource(type));
        }
        return String.join(File.pathSeparator, entries);
    }

    private static String codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
