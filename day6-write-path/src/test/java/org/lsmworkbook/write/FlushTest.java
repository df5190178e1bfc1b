package org.lsmworkbook.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lsmworkbook.write.WriteFixtures.b;
import static org.lsmworkbook.write.WriteFixtures.drain;
import static org.lsmworkbook.write.WriteFixtures.entries;
import static org.lsmworkbook.write.WriteFixtures.numberedEntries;
import static org.lsmworkbook.write.WriteFixtures.placeObstacle;
import static org.lsmworkbook.write.WriteFixtures.removeObstacle;
import static org.lsmworkbook.write.WriteFixtures.sstFileNames;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lsmworkbook.engine.LsmStorageOptions;
import org.lsmworkbook.engine.LsmStorageState;
import org.lsmworkbook.kv.Bound;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.memtable.MemTable;
import org.lsmworkbook.read.LsmReadPath;
import org.lsmworkbook.sst.FileObject;
import org.lsmworkbook.sst.SsTable;
import org.lsmworkbook.sst.SsTableIterator;
import org.lsmworkbook.write.WriteFixtures.BareEngine;
import org.lsmworkbook.write.WriteFixtures.Entry;

/**
 * Task 1: {@link MemTableFlusher#flushOldest()} on day 4's engine, without {@link MiniLsm}. The
 * memtables are frozen by hand ({@code forceFreezeMemtable}), so each test knows exactly which
 * memtable is the oldest.
 */
@Timeout(30)
@DisplayName("Day 6 · Task 1 — MemTableFlusher.flushOldest")
class FlushTest {

    @TempDir
    Path dir;

    /** Memtables that never freeze by themselves, and small blocks so that an SST has several. */
    private static LsmStorageOptions options() {
        return LsmStorageOptions.memtableOnly().withBlockSize(128);
    }

    private static List<Long> ids(List<MemTable> memtables) {
        return memtables.stream().map(MemTable::id).collect(Collectors.toList());
    }

    @Test
    void with_no_frozen_memtable_there_is_nothing_to_flush() throws IOException {
        try (BareEngine engine = BareEngine.open(dir, options())) {
            engine.inner.put(b("a"), b("1")); // in the current memtable, which is not flushed
            LsmStorageState before = engine.inner.state();

            assertThat(engine.flusher.flushOldest())
                    .as("flushOldest() with no immutable memtable must return null: only frozen memtables are "
                            + "flushed, the current one still takes writes")
                    .isNull();
            assertThat(engine.inner.state())
                    .as("flushOldest() with nothing to flush must not change the state")
                    .isSameAs(before);
            assertThat(sstFileNames(dir)).as("flushOldest() with nothing to flush writes no SST file").isEmpty();
        }
    }

    @Test
    void the_oldest_frozen_memtable_becomes_the_newest_L0_sst_under_its_own_id() throws IOException {
        try (BareEngine engine = BareEngine.open(dir, options())) {
            long oldest = engine.putAndFreeze(numberedEntries("a", 20, 20));
            long newer = engine.putAndFreeze(numberedEntries("b", 20, 20));
            engine.inner.put(b("c"), b("current"));
            MemTable current = engine.inner.state().memtable();

            SsTable table = engine.flusher.flushOldest();

            assertThat(table).as("flushOldest() returns the new SST when there was a frozen memtable").isNotNull();
            assertThat(table.id())
                    .as("the SST takes the id of the memtable it was made from (the OLDEST frozen one, the last "
                            + "element of immMemtables), so that ids keep saying which data is newer")
                    .isEqualTo(oldest);
            LsmStorageState state = engine.inner.state();
            assertThat(ids(state.immMemtables()))
                    .as("after the flush, the flushed memtable has left immMemtables; the newer frozen one stays")
                    .containsExactly(newer);
            assertThat(state.l0SstIds())
                    .as("after the flush, the new SST is in l0SstIds (newest first)")
                    .containsExactly(oldest);
            assertThat(state.sstables().get(oldest))
                    .as("state.sstables() maps the new id to the SsTable that flushOldest() returned")
                    .isSameAs(table);
            assertThat(state.memtable())
                    .as("a flush never touches the current memtable (updateState must keep it)")
                    .isSameAs(current);
            assertThat(Files.isRegularFile(SstFileNames.sstPath(dir, oldest)))
                    .as("the SST file is at SstFileNames.sstPath(dir, %d)", oldest)
                    .isTrue();
            assertThat(Files.exists(SstFileNames.tempPath(dir, oldest)))
                    .as("the temporary file was renamed to the final name; none is left behind")
                    .isFalse();

            table.readBlockCached(0);
            assertThat(engine.inner.blockCache().getIfPresent(oldest, 0))
                    .as("the new SST reads through the engine's block cache (inner.blockCache()), like every "
                            + "SST of the engine")
                    .isNotNull();
        }
    }

    @Test
    void the_sst_file_holds_every_entry_of_the_memtable_tombstones_included() throws IOException {
        TreeMap<Bytes, Bytes> expected = numberedEntries("key", 200, 30);
        int i = 0;
        for (Bytes key : new ArrayList<>(expected.keySet())) {
            if (i++ % 5 == 0) {
                expected.put(key, Bytes.EMPTY); // a tombstone must reach the SST: it hides older SSTs
            }
        }
        try (BareEngine engine = BareEngine.open(dir, options())) {
            long id = engine.putAndFreeze(expected);
            engine.flusher.flushOldest();

            try (SsTable reopened = SsTable.open(id, null, FileObject.open(SstFileNames.sstPath(dir, id)))) {
                assertThat(reopened.numBlocks())
                        .as("with 128-byte blocks, 200 entries take many blocks; the flush must use "
                                + "inner.options().blockSize()")
                        .isGreaterThan(10);
                assertThat(drain(SsTableIterator.createAndSeekToFirst(reopened), expected.size() + 1))
                        .as("the file %s, read back on its own, holds exactly the memtable's entries in key "
                                + "order, tombstones (empty values) included", SstFileNames.sstPath(dir, id))
                        .containsExactlyElementsOf(entries(expected));
            }
        }
    }

    @Test
    void reads_find_flushed_data_and_a_flushed_tombstone_hides_an_older_sst() throws IOException {
        try (BareEngine engine = BareEngine.open(dir, options())) {
            engine.putAndFreeze(Map.of(b("k"), b("old"), b("x"), b("1")));
            engine.putAndFreeze(Map.of(b("k"), Bytes.EMPTY, b("y"), b("2")));
            assertThat(LsmReadPath.get(engine.inner.state(), b("k"))).as("before any flush: k is deleted").isNull();

            engine.flusher.flushOldest();
            assertThat(LsmReadPath.get(engine.inner.state(), b("x")))
                    .as("after the first flush, x is read from the SST")
                    .isEqualTo(b("1"));
            assertThat(LsmReadPath.get(engine.inner.state(), b("k")))
                    .as("after the first flush, the tombstone of k in the frozen memtable still hides the SST's k")
                    .isNull();

            engine.flusher.flushOldest();
            LsmStorageState state = engine.inner.state();
            assertThat(state.immMemtables()).as("both frozen memtables are flushed").isEmpty();
            assertThat(LsmReadPath.get(state, b("k")))
                    .as("after both flushes, the newer SST's tombstone hides k=old in the older SST: did the flush "
                            + "skip tombstones, or put the new SST last in l0SstIds instead of first?")
                    .isNull();
            assertThat(drain(LsmReadPath.scan(state, Bound.unbounded(), Bound.unbounded()), 10))
                    .as("a scan after both flushes")
                    .extracting(Entry::toString)
                    .containsExactly("x=1", "y=2");
        }
    }

    @Test
    void successive_flushes_go_oldest_first_and_keep_L0_newest_first() throws IOException {
        try (BareEngine engine = BareEngine.open(dir, options())) {
            List<Long> frozen = new ArrayList<>();
            for (int m = 0; m < 4; m++) {
                frozen.add(engine.putAndFreeze(numberedEntries("m" + m + "-", 10, 10)));
            }
            List<Long> flushed = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                SsTable table = engine.flusher.flushOldest();
                assertThat(table).as("flush %d of 4 frozen memtables returns an SST", round + 1).isNotNull();
                flushed.add(0, table.id());
                assertThat(table.id())
                        .as("flush %d takes the oldest frozen memtable left (frozen in the order %s)", round + 1, frozen)
                        .isEqualTo(frozen.get(round));
                assertThat(engine.inner.state().l0SstIds())
                        .as("after flush %d, l0SstIds lists the SSTs newest (largest id) first", round + 1)
                        .containsExactlyElementsOf(flushed);
            }
            assertThat(engine.flusher.flushOldest())
                    .as("once every frozen memtable is flushed, flushOldest() returns null")
                    .isNull();
            assertThat(sstFileNames(dir)).as("one SST file per flushed memtable").hasSize(4);
        }
    }

    @Test
    void a_failed_flush_changes_nothing_and_the_next_flush_succeeds() throws IOException {
        TreeMap<Bytes, Bytes> data = numberedEntries("k", 50, 20);
        try (BareEngine engine = BareEngine.open(dir, options())) {
            long id = engine.putAndFreeze(data);
            placeObstacle(dir, id);
            LsmStorageState before = engine.inner.state();

            assertThatThrownBy(engine.flusher::flushOldest,
                    "a directory sits where the flush wants %s: writing the SST must fail with an "
                            + "IOException that reaches the caller", SstFileNames.tempPath(dir, id))
                    .isInstanceOf(IOException.class);

            LsmStorageState after = engine.inner.state();
            assertThat(after)
                    .as("a failed flush must not publish anything: the state must be the one from before the flush "
                            + "(call updateState only after the file is written, renamed and synced)")
                    .isSameAs(before);
            assertThat(ids(after.immMemtables())).as("the memtable is still frozen, in memory").containsExactly(id);
            for (Map.Entry<Bytes, Bytes> e : data.entrySet()) {
                assertThat(LsmReadPath.get(after, e.getKey()))
                        .as("after the failed flush, %s still reads back from the memtable", e.getKey())
                        .isEqualTo(e.getValue());
            }
            assertThat(Files.exists(SstFileNames.sstPath(dir, id)))
                    .as("a failed flush leaves no file under the final name %s", SstFileNames.sstPath(dir, id))
                    .isFalse();

            removeObstacle(dir, id);
            SsTable table = engine.flusher.flushOldest();
            assertThat(table).as("once the obstacle is gone, the same memtable is flushed").isNotNull();
            assertThat(table.id()).as("the retry flushes the same memtable, under the same id").isEqualTo(id);
            assertThat(engine.inner.state().immMemtables()).as("after the retry, no frozen memtable is left").isEmpty();
            assertThat(drain(LsmReadPath.scan(engine.inner.state(), Bound.unbounded(), Bound.unbounded()), 100))
                    .as("after the retry every key reads back, now from the SST")
                    .containsExactlyElementsOf(entries(data));
        }
    }

    @Test
    void a_temporary_file_left_by_an_earlier_attempt_does_not_block_the_flush() throws IOException {
        TreeMap<Bytes, Bytes> data = numberedEntries("k", 30, 20);
        try (BareEngine engine = BareEngine.open(dir, options())) {
            long id = engine.putAndFreeze(data);
            Files.writeString(SstFileNames.tempPath(dir, id), "half of an SST that a failed flush left behind");

            SsTable table = engine.flusher.flushOldest();

            assertThat(table.id())
                    .as("a stale %s (from an attempt that failed before its rename) must be replaced, not make every "
                            + "retry fail: delete it before writing (FileObject.create refuses an existing file)",
                            SstFileNames.tempPath(dir, id).getFileName())
                    .isEqualTo(id);
            assertThat(Files.exists(SstFileNames.tempPath(dir, id))).as("no temporary file is left").isFalse();
            try (SsTable reopened = SsTable.open(id, null, FileObject.open(SstFileNames.sstPath(dir, id)))) {
                assertThat(drain(SsTableIterator.createAndSeekToFirst(reopened), 100))
                        .as("the SST holds the memtable's entries, not the stale file's bytes")
                        .containsExactlyElementsOf(entries(data));
            }
        }
    }

    @Test
    void flushes_from_several_threads_flush_each_memtable_exactly_once() throws Exception {
        try (BareEngine engine = BareEngine.open(dir, options())) {
            List<Long> frozen = new ArrayList<>();
            for (int m = 0; m < 8; m++) {
                frozen.add(engine.putAndFreeze(numberedEntries("m" + m + "-", 10, 10)));
            }
            ConcurrentLinkedQueue<Long> flushed = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                Thread thread = new Thread(() -> {
                    try {
                        start.await();
                        for (int round = 0; round < 20; round++) {
                            SsTable table = engine.flusher.flushOldest();
                            if (table == null) {
                                return;
                            }
                            flushed.add(table.id());
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                }, "test-flusher-" + t);
                threads.add(thread);
                thread.start();
            }
            start.countDown();
            for (Thread thread : threads) {
                thread.join(20_000);
            }

            assertThat(errors).as("no flushing thread may fail").isEmpty();
            List<Long> sorted = new ArrayList<>(flushed);
            Collections.sort(sorted);
            assertThat(sorted)
                    .as("3 threads flushing at once: every frozen memtable is flushed exactly once (flushes are "
                            + "serialised by flushLock)")
                    .containsExactlyElementsOf(frozen);
            List<Long> newestFirst = new ArrayList<>(frozen);
            Collections.reverse(newestFirst);
            assertThat(engine.inner.state().l0SstIds()).as("l0SstIds, newest first").containsExactlyElementsOf(newestFirst);
            assertThat(engine.inner.state().immMemtables()).as("no frozen memtable is left").isEmpty();
        }
    }
}
