package org.lsmworkbook.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lsmworkbook.write.WriteFixtures.awaitCondition;
import static org.lsmworkbook.write.WriteFixtures.b;
import static org.lsmworkbook.write.WriteFixtures.entries;
import static org.lsmworkbook.write.WriteFixtures.numberedEntries;
import static org.lsmworkbook.write.WriteFixtures.placeObstacle;
import static org.lsmworkbook.write.WriteFixtures.removeObstacle;
import static org.lsmworkbook.write.WriteFixtures.scanAll;
import static org.lsmworkbook.write.WriteFixtures.valueFor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lsmworkbook.engine.LsmStorageOptions;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.memtable.MemTable;

/**
 * A failed flush loses nothing, through the whole engine. The failure is a real file-system error:
 * a non-empty directory where the flush wants to write its temporary file (the tests run as root, so
 * file permissions cannot make a write fail). Then: the flush throws, the data stays in memory and
 * readable, and once the obstacle is gone the next flush succeeds and a reopen finds every key.
 */
@Timeout(60)
@DisplayName("Day 6 · Tasks 1, 3 and 4 — a failed flush loses nothing")
class FailedFlushTest {

    @TempDir
    Path dir;

    /** No freeze and no background flush unless the test asks: the test knows which memtable is flushed. */
    private static LsmStorageOptions manual() {
        return LsmStorageOptions.memtableOnly().withBlockSize(256);
    }

    private static void assertReadsBack(MiniLsm lsm, Map<Bytes, Bytes> model, String when) throws IOException {
        for (Map.Entry<Bytes, Bytes> e : model.entrySet()) {
            assertThat(lsm.get(e.getKey()))
                    .as("%s: get(%s) (state %s)", when, e.getKey(), lsm.state())
                    .isEqualTo(e.getValue());
        }
        assertThat(scanAll(lsm, model.size() + 1))
                .as("%s: a full scan lists exactly the written entries", when)
                .containsExactlyElementsOf(entries(model));
    }

    private static List<Long> ids(List<MemTable> memtables) {
        return memtables.stream().map(MemTable::id).collect(Collectors.toList());
    }

    @Test
    void a_failed_forceFlush_keeps_everything_in_memory_and_a_retry_succeeds() throws IOException {
        TreeMap<Bytes, Bytes> model = numberedEntries("old", 20, 20);
        long blocked;
        try (MiniLsm lsm = MiniLsm.open(dir, manual())) {
            for (Map.Entry<Bytes, Bytes> e : model.entrySet()) {
                lsm.put(e.getKey(), e.getValue());
            }
            lsm.forceFlush();
            List<Long> l0Before = lsm.state().l0SstIds();

            TreeMap<Bytes, Bytes> fresh = numberedEntries("new", 50, 20);
            for (Map.Entry<Bytes, Bytes> e : fresh.entrySet()) {
                lsm.put(e.getKey(), e.getValue());
            }
            model.putAll(fresh);
            blocked = lsm.state().memtable().id(); // forceFlush freezes it, then flushes it under this id
            placeObstacle(dir, blocked);
            try {
                assertThatThrownBy(lsm::forceFlush,
                        "a directory sits where the flush of memtable %d wants its temporary file: forceFlush() "
                                + "must fail with an IOException", blocked)
                        .isInstanceOf(IOException.class);

                assertThat(ids(lsm.state().immMemtables()))
                        .as("after the failed flush the memtable is still in memory, frozen")
                        .containsExactly(blocked);
                assertThat(lsm.state().l0SstIds())
                        .as("after the failed flush L0 is as before: nothing half-done was published")
                        .isEqualTo(l0Before);
                assertThat(Files.exists(SstFileNames.sstPath(dir, blocked)))
                        .as("no file under the final name %s", SstFileNames.sstPath(dir, blocked).getFileName())
                        .isFalse();
                assertReadsBack(lsm, model, "after the failed forceFlush()");
            } finally {
                removeObstacle(dir, blocked);
            }

            lsm.forceFlush();
            assertThat(lsm.state().immMemtables()).as("the retried forceFlush() flushed the memtable").isEmpty();
            assertThat(lsm.state().l0SstIds().get(0))
                    .as("the retry flushed the same memtable, under its own id, as the newest SST")
                    .isEqualTo(blocked);
            assertReadsBack(lsm, model, "after the retried forceFlush()");
        }
        try (MiniLsm lsm = MiniLsm.open(dir, manual())) {
            assertReadsBack(lsm, model, "after close() and open()");
        }
    }

    @Test
    void a_failed_close_leaves_the_engine_open_and_a_second_close_succeeds() throws IOException {
        TreeMap<Bytes, Bytes> model = numberedEntries("k", 40, 20);
        MiniLsm lsm = MiniLsm.open(dir, manual());
        long blocked = lsm.state().memtable().id();
        try {
            for (Map.Entry<Bytes, Bytes> e : model.entrySet()) {
                lsm.put(e.getKey(), e.getValue());
            }
            placeObstacle(dir, blocked);

            assertThatThrownBy(lsm::close,
                    "close() flushes what is in memory; that flush fails here, and close() must say so with an "
                            + "IOException (not pretend the data is safe)")
                    .isInstanceOf(IOException.class);
            assertThat(lsm.isClosed())
                    .as("after a failed close() the engine stays open: its data exists only in memory")
                    .isFalse();
            assertReadsBack(lsm, model, "after the failed close()");

            removeObstacle(dir, blocked);
            lsm.close();
            assertThat(lsm.isClosed()).as("the second close() succeeds").isTrue();
        } finally {
            removeObstacle(dir, blocked);
            lsm.close();
        }
        try (MiniLsm reopened = MiniLsm.open(dir, manual())) {
            assertReadsBack(reopened, model, "after the second close() and open()");
        }
    }

    @Test
    void a_failing_background_flush_stalls_writers_with_its_error_and_then_recovers() throws Exception {
        LsmStorageOptions options = LsmStorageOptions.forTests(); // ~1 KiB memtables, flush past 2, stall past 4
        int writers = 2;
        int maxPutsPerWriter = 5_000;
        ConcurrentSkipListMap<Bytes, Bytes> acknowledged = new ConcurrentSkipListMap<>();
        try (MiniLsm lsm = MiniLsm.open(dir, options)) {
            long blocked = lsm.state().memtable().id(); // the first memtable to be frozen and flushed
            placeObstacle(dir, blocked);
            try {
                ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
                ConcurrentLinkedQueue<IOException> stalls = new ConcurrentLinkedQueue<>();
                AtomicInteger maxMemtables = new AtomicInteger();
                CountDownLatch start = new CountDownLatch(1);
                List<Thread> threads = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    int writer = w;
                    Thread thread = new Thread(() -> {
                        try {
                            start.await();
                            for (int i = 0; i < maxPutsPerWriter; i++) {
                                String key = String.format("w%d-%05d", writer, i);
                                Bytes value = valueFor(key, 60);
                                try {
                                    lsm.put(b(key), value);
                                } catch (IOException stalled) {
                                    stalls.add(stalled);
                                    return;
                                }
                                acknowledged.put(b(key), value);
                                maxMemtables.accumulateAndGet(lsm.state().numMemtables(), Math::max);
                            }
                        } catch (Throwable e) {
                            errors.add(e);
                        }
                    }, "test-writer-" + w);
                    threads.add(thread);
                    thread.start();
                }
                start.countDown();
                for (Thread thread : threads) {
                    thread.join(30_000);
                }

                assertThat(errors).as("no writer may fail with anything but the stall's IOException").isEmpty();
                assertThat(stalls)
                        .as("every writer must end up stalled with an IOException: the flush keeps failing, so the "
                                + "memtables reach stallMemtableLimit (%d) long before %d puts; awaitRoom() must then "
                                + "throw instead of letting memory grow", options.stallMemtableLimit(), maxPutsPerWriter)
                        .hasSize(writers);
                for (IOException stall : stalls) {
                    assertThat(stall.getCause())
                            .as("the stall's IOException carries the flush's error as its cause: %s", stall)
                            .isNotNull();
                }
                assertThat(maxMemtables.get())
                        .as("memory stays bounded: numMemtables() never exceeds stallMemtableLimit (%d) by more than "
                                + "the number of writers (%d)", options.stallMemtableLimit(), writers)
                        .isLessThanOrEqualTo(options.stallMemtableLimit() + writers);
                assertThat(lsm.flushThread().lastError())
                        .as("lastError() holds the failing flush's error")
                        .isNotNull();
                assertThat(lsm.state().l0SstIds())
                        .as("the oldest memtable cannot be flushed, so nothing newer is flushed past it")
                        .isEmpty();
                assertReadsBack(lsm, acknowledged, "while the flush fails");
            } finally {
                removeObstacle(dir, blocked);
            }

            awaitCondition("with the obstacle gone, the flush thread retries, succeeds, clears lastError() and "
                            + "flushes down to numMemtableLimit (" + options.numMemtableLimit() + ")",
                    () -> lsm.state() + ", lastError=" + lsm.flushThread().lastError(),
                    () -> lsm.flushThread().lastError() == null
                            && lsm.state().numMemtables() <= options.numMemtableLimit());
            assertThat(lsm.state().l0SstIds())
                    .as("the memtable whose flush failed is now an SST")
                    .contains(blocked);
            for (int i = 0; i < 100; i++) {
                String key = String.format("after-%03d", i);
                lsm.put(b(key), valueFor(key, 60));
                acknowledged.put(b(key), valueFor(key, 60));
            }
            assertReadsBack(lsm, acknowledged, "after the flush thread recovered and more writes went through");
        }
        try (MiniLsm lsm = MiniLsm.open(dir, options)) {
            assertReadsBack(lsm, acknowledged, "after close() and open()");
        }
    }
}
