package org.lsmworkbook.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lsmworkbook.write.WriteFixtures.awaitThread;
import static org.lsmworkbook.write.WriteFixtures.numberedEntries;
import static org.lsmworkbook.write.WriteFixtures.placeObstacle;
import static org.lsmworkbook.write.WriteFixtures.removeObstacle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lsmworkbook.engine.LsmStorageInner;
import org.lsmworkbook.engine.LsmStorageOptions;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.memtable.MemTable;
import org.lsmworkbook.read.LsmReadPath;
import org.lsmworkbook.write.WriteFixtures.BareEngine;

/**
 * Task 3: the {@link FlushThread} on day 4's engine and task 1's flusher, without {@link MiniLsm}.
 * The memtables are frozen by hand, and every wait for the thread is a poll with a deadline.
 */
@Timeout(60)
@DisplayName("Day 6 · Task 3 — FlushThread: the trigger, the write stall, errors")
class FlushThreadTest {

    @TempDir
    Path dir;

    /** Memtables that freeze only when a test asks; flushing past 2 memtables, writers waiting past 4. */
    private static LsmStorageOptions options(int numMemtableLimit, int stallMemtableLimit) {
        return LsmStorageOptions.memtableOnly().withBlockSize(256).withMemtableLimits(numMemtableLimit, stallMemtableLimit);
    }

    private static String describe(LsmStorageInner inner, FlushThread thread) {
        return inner.state() + ", numMemtables=" + inner.state().numMemtables() + ", lastError=" + thread.lastError()
                + ", running=" + thread.isRunning();
    }

    private static List<Long> ids(List<MemTable> memtables) {
        return memtables.stream().map(MemTable::id).collect(Collectors.toList());
    }

    /** Every key of {@code model} reads back with its value through the read path. */
    private static void assertEveryKeyReadsBack(LsmStorageInner inner, Map<Bytes, Bytes> model, String when)
            throws IOException {
        for (Map.Entry<Bytes, Bytes> e : model.entrySet()) {
            assertThat(LsmReadPath.get(inner.state(), e.getKey()))
                    .as("%s: %s must read back (state %s)", when, e.getKey(), inner.state())
                    .isEqualTo(e.getValue());
        }
    }

    @Test
    void the_thread_flushes_while_more_memtables_than_the_limit_are_in_memory() throws IOException {
        TreeMap<Bytes, Bytes> model = new TreeMap<>();
        try (BareEngine engine = BareEngine.open(dir, options(2, 4))) {
            List<Long> frozen = new ArrayList<>();
            for (int m = 0; m < 3; m++) {
                TreeMap<Bytes, Bytes> data = numberedEntries("m" + m + "-", 20, 20);
                model.putAll(data);
                frozen.add(engine.putAndFreeze(data));
            }
            assertThat(engine.inner.state().numMemtables()).as("test setup: 1 current + 3 frozen").isEqualTo(4);

            try (FlushThread thread = new FlushThread(engine.inner, engine.flusher)) {
                awaitThread(thread, "the flush thread brings numMemtables() down to numMemtableLimit (2); it flushes "
                                + "while numMemtables() > numMemtableLimit, the oldest frozen memtable first",
                        () -> describe(engine.inner, thread),
                        () -> engine.inner.state().numMemtables() <= 2);

                assertThat(engine.inner.state().l0SstIds())
                        .as("the thread flushed the two oldest frozen memtables %s and stopped at the limit",
                                frozen.subList(0, 2))
                        .containsExactly(frozen.get(1), frozen.get(0));
                assertThat(ids(engine.inner.state().immMemtables()))
                        .as("the newest frozen memtable stays in memory: 2 memtables are allowed")
                        .containsExactly(frozen.get(2));
                assertThat(thread.lastError()).as("lastError() after successful flushes").isNull();
                assertThat(thread.isRunning()).as("the thread keeps running, waiting for more work").isTrue();
                assertEveryKeyReadsBack(engine.inner, model, "after the background flushes");
            }
        }
    }

    @Test
    void the_thread_picks_up_memtables_frozen_while_it_runs() throws IOException {
        TreeMap<Bytes, Bytes> model = new TreeMap<>();
        try (BareEngine engine = BareEngine.open(dir, options(2, 4));
                FlushThread thread = new FlushThread(engine.inner, engine.flusher)) {
            for (int round = 0; round < 6; round++) {
                TreeMap<Bytes, Bytes> data = numberedEntries("r" + round + "-", 10, 20);
                model.putAll(data);
                engine.putAndFreeze(data);
                thread.wakeUp();
                int r = round;
                awaitThread(thread, "after freeze " + (r + 1) + ", the running thread flushes down to 2 memtables (it must "
                                + "look for work again after a wake-up, or after IDLE_WAIT_MILLIS at the latest)",
                        () -> describe(engine.inner, thread),
                        () -> engine.inner.state().numMemtables() <= 2);
            }
            assertThat(engine.inner.state().l0SstIds())
                    .as("6 freezes with 2 memtables allowed: 5 memtables were flushed")
                    .hasSize(5);
            assertEveryKeyReadsBack(engine.inner, model, "after 6 rounds of freeze and flush");
        }
    }

    @Test
    void awaitRoom_returns_only_when_at_most_stallMemtableLimit_memtables_are_in_memory() throws IOException {
        TreeMap<Bytes, Bytes> model = new TreeMap<>();
        try (BareEngine engine = BareEngine.open(dir, options(2, 3))) {
            for (int m = 0; m < 8; m++) {
                TreeMap<Bytes, Bytes> data = numberedEntries("pre" + m + "-", 10, 20);
                model.putAll(data);
                engine.putAndFreeze(data);
            }
            try (FlushThread thread = new FlushThread(engine.inner, engine.flusher)) {
                for (int round = 0; round < 30; round++) {
                    thread.awaitRoom();
                    assertThat(engine.inner.state().numMemtables())
                            .as("round %d: awaitRoom() returned, so at most stallMemtableLimit (3) memtables may be "
                                    + "in memory; it must wait (on the 'flushed' condition) while there are more", round)
                            .isLessThanOrEqualTo(3);
                    TreeMap<Bytes, Bytes> data = numberedEntries("w" + round + "-", 5, 20);
                    model.putAll(data);
                    engine.putAndFreeze(data); // a writer that fills a memtable at once, faster than the flush
                    thread.wakeUp();
                }
                assertEveryKeyReadsBack(engine.inner, model, "after 30 stalled writes");
            }
        }
    }

    @Test
    void a_stalled_writer_gets_the_flush_error_and_the_thread_recovers() throws IOException {
        TreeMap<Bytes, Bytes> model = new TreeMap<>();
        try (BareEngine engine = BareEngine.open(dir, options(2, 4))) {
            List<Long> frozen = new ArrayList<>();
            for (int m = 0; m < 5; m++) {
                TreeMap<Bytes, Bytes> data = numberedEntries("m" + m + "-", 10, 20);
                model.putAll(data);
                frozen.add(engine.putAndFreeze(data));
            }
            long blocked = frozen.get(0);
            placeObstacle(dir, blocked);

            try (FlushThread thread = new FlushThread(engine.inner, engine.flusher)) {
                awaitThread(thread, "the flush of memtable " + blocked + " fails (a directory is in the way of its "
                                + "temporary file), so lastError() becomes that error",
                        () -> describe(engine.inner, thread),
                        () -> thread.lastError() != null);
                assertThat(thread.lastError())
                        .as("lastError() holds the flush's exception")
                        .isInstanceOf(IOException.class);
                assertThat(thread.isRunning()).as("a failed flush must not end the thread").isTrue();

                assertThatThrownBy(thread::awaitRoom,
                        "6 memtables are in memory (stall limit 4) and the last flush failed: a stalled writer "
                                + "must not wait for ever but get an IOException")
                        .isInstanceOf(IOException.class)
                        .cause()
                        .as("the stalled writer's IOException carries the flush's error as its cause")
                        .isInstanceOf(IOException.class);
                assertThat(ids(engine.inner.state().immMemtables()))
                        .as("nothing is lost while the flush fails: every frozen memtable is still in memory")
                        .contains(blocked);
                assertThat(Files.exists(SstFileNames.sstPath(dir, blocked)))
                        .as("no SST under the final name for the memtable whose flush fails")
                        .isFalse();
                assertEveryKeyReadsBack(engine.inner, model, "while the flush fails");

                removeObstacle(dir, blocked);
                awaitThread(thread, "with the obstacle gone, the thread retries (after RETRY_WAIT_MILLIS), succeeds, "
                                + "clears lastError() and flushes down to numMemtableLimit (2)",
                        () -> describe(engine.inner, thread),
                        () -> thread.lastError() == null && engine.inner.state().numMemtables() <= 2);
                thread.awaitRoom(); // must return at once now
                assertThat(engine.inner.state().l0SstIds())
                        .as("the memtable whose flush failed was flushed at last, under its own id")
                        .contains(blocked);
                assertEveryKeyReadsBack(engine.inner, model, "after the thread recovered");
            }
        }
    }

    @Test
    void close_stops_the_thread_and_a_writer_stalled_afterwards_is_told() throws IOException {
        try (BareEngine engine = BareEngine.open(dir, options(2, 4))) {
            engine.putAndFreeze(numberedEntries("a", 5, 10));
            engine.putAndFreeze(numberedEntries("b", 5, 10));
            FlushThread thread = new FlushThread(engine.inner, engine.flusher);
            try {
                awaitThread(thread, "the thread flushes one of the two frozen memtables",
                        () -> describe(engine.inner, thread),
                        () -> engine.inner.state().l0SstIds().size() == 1);
                assertThat(thread.isRunning()).as("the thread waits for more work after a flush").isTrue();
            } finally {
                thread.close();
            }
            assertThat(thread.isRunning()).as("close() stops the thread and waits for it to end").isFalse();
            thread.close(); // a second close does nothing

            for (int m = 0; m < 4; m++) {
                engine.putAndFreeze(numberedEntries("c" + m + "-", 5, 10));
            }
            assertThatThrownBy(thread::awaitRoom,
                    "6 memtables are in memory (stall limit 4) and the thread was stopped: nobody will make room, "
                            + "so awaitRoom() must throw IllegalStateException instead of waiting for ever")
                    .isInstanceOf(IllegalStateException.class);
            assertThat(engine.inner.state().l0SstIds())
                    .as("a stopped thread flushes nothing more")
                    .hasSize(1);
        }
    }
}
