package org.lsmworkbook.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lsmworkbook.kv.Bytes;

/**
 * The crash test of {@link KillDashNineTest} in its stronger mode: the write-ahead log is on, and
 * the child calls {@code sync()} (which forces the logs, and flushes nothing) where the plain mode
 * calls {@code forceFlush()}. After each SIGKILL, every write made before the last {@code sync()}
 * that returned must read back with its latest value, and no key may hold a value that was never
 * written to it. The kills come at random moments, inside an append to a log, before a log's
 * force, and inside background flushes.
 *
 * <p>The kills are chosen by a seed ({@code -Dday6.kill.seed=N} to repeat one); every failure
 * message starts with it.
 */
@Tag("bonus")
@Timeout(150)
@DisplayName("Day 6 · Task 5 (bonus) — kill -9 with the write-ahead log: no write before the last sync() is lost")
class KillDashNineWalTest {

    private static final long DEFAULT_SEED = 20_261_127L;
    /** At least this many kills per run. */
    private static final int KILLS = 32;
    private static final String[] LOG_KINDS = {"WALWRITE", "WALFORCE"};
    private static final String[] FLUSH_KINDS = {"WRITE", "FORCE", "MOVE"};

    @TempDir
    Path work;

    @Test
    void every_write_before_the_last_completed_sync_survives_every_kill() throws Exception {
        long seed = Long.getLong("day6.kill.seed", DEFAULT_SEED);
        Random random = new Random(seed);
        Path dir = work.resolve("db");
        Files.createDirectories(dir);
        TreeMap<Bytes, Bytes> model = new TreeMap<>();
        int kills = 0;
        int killsAtLog = 0;
        int syncsChecked = 0;
        long started = System.nanoTime();
        List<String> history = new ArrayList<>();
        for (int run = 0; kills < KILLS; run++) {
            assertThat(run).as("seed %d: %d runs made only %d kills", seed, run, kills).isLessThan(3 * KILLS);
            // Half the runs die at a random moment, a quarter inside the log, a quarter inside a flush.
            String[] kinds = run % 4 == 1 ? LOG_KINDS : FLUSH_KINDS;
            String killPoint = run % 2 == 0 ? "timed"
                    : "flush:" + kinds[random.nextInt(kinds.length)] + ":" + (1 + random.nextInt(10));
            long childSeed = random.nextLong();
            int operations = 800 + random.nextInt(1600);
            long delayMillis = random.nextInt(120);
            String what = String.format("seed %d, run %d (child seed %d, %d operations, kill point %s, log on)",
                    seed, run, childSeed, operations, killPoint);

            KillDashNineTest.ChildRun child = KillDashNineTest.ChildRun.start(work, dir, childSeed, run, operations,
                    killPoint.equals("timed") ? "none" : killPoint, "wal");
            try {
                child.await(line -> line.equals("OPEN"), what + ": the child opens the engine");
                String stop;
                if (killPoint.equals("timed")) {
                    stop = child.poll(delayMillis);
                } else {
                    stop = child.await(line -> line.startsWith("AT ") || line.equals("CLOSED"),
                            what + ": the child reaches its kill point or ends");
                }
                if (child.kill()) {
                    kills++;
                    if (stop != null && stop.startsWith("AT ") && stop.contains(SstFileNames.WAL_SUFFIX)) {
                        killsAtLog++;
                    }
                }
            } finally {
                child.destroy();
            }
            if (!child.signalled && child.exitCode() != 0) {
                fail(what + ": the child failed on its own (exit " + child.exitCode() + "): " + child.stderr());
            }
            int durableUpTo = child.sawClosed() ? operations - 1 : child.lastSynced();
            if (durableUpTo >= 0) {
                syncsChecked++;
            }
            history.add(what + " -> " + (child.killedByUs ? "killed" : "ended") + ", last sync at op "
                    + child.lastSynced() + (child.sawClosed() ? ", closed" : ""));
            model = KillDashNineTest.checkAndReadBack(dir, model, childSeed, run, operations, durableUpTo, what,
                    history, "wal");
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        System.out.printf("kill -9 test with the write-ahead log: seed %d, %d runs, %d kills (%d inside an append to "
                + "or a force of a log), %d runs with a completed sync() checked, %d s%n", seed, history.size(), kills,
                killsAtLog, syncsChecked, seconds);
        assertThat(killsAtLog).as("seed %d: kills inside an append to or a force of a log", seed)
                .isGreaterThanOrEqualTo(KILLS / 8);
        assertThat(syncsChecked).as("seed %d: runs in which a sync() had returned before the kill", seed)
                .isGreaterThanOrEqualTo(KILLS / 2);
    }
}
