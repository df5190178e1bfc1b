package org.lsmworkbook.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lsmworkbook.write.WriteFixtures.awaitCondition;
import static org.lsmworkbook.write.WriteFixtures.b;
import static org.lsmworkbook.write.WriteFixtures.drain;
import static org.lsmworkbook.write.WriteFixtures.entries;
import static org.lsmworkbook.write.WriteFixtures.fileNames;
import static org.lsmworkbook.write.WriteFixtures.flipLastByte;
import static org.lsmworkbook.write.WriteFixtures.numberedEntries;
import static org.lsmworkbook.write.WriteFixtures.scanAll;
import static org.lsmworkbook.write.WriteFixtures.sstFileNames;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lsmworkbook.engine.LsmStorageOptions;
import org.lsmworkbook.engine.LsmStorageState;
import org.lsmworkbook.kv.Bound;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.kv.CorruptionException;
import org.lsmworkbook.write.WriteFixtures.Entry;

/** Task 4: {@link MiniLsm}, the engine a user opens: days 4 to 6 put together. */
@Timeout(60)
@DisplayName("Day 6 · Task 4 — MiniLsm: open, read, write, flush, close, reopen")
class MiniLsmTest {

    @TempDir
    Path dir;

    /** Small memtables (about 1 KiB), so that a few hundred keys make many SSTs and background flushes. */
    private static LsmStorageOptions small() {
        return LsmStorageOptions.forTests();
    }

    private static void assertReadsBack(MiniLsm lsm, Map<Bytes, Bytes> model, String when) throws IOException {
        for (Map.Entry<Bytes, Bytes> e : model.entrySet()) {
            assertThat(lsm.get(e.getKey()))
                    .as("%s: get(%s) (state %s)", when, e.getKey(), lsm.state())
                    .isEqualTo(e.getValue());
        }
        assertThat(scanAll(lsm, model.size() + 1))
                .as("%s: a full scan lists exactly the live entries, in key order", when)
                .containsExactlyElementsOf(entries(model));
    }

    @Test
    void put_get_delete_and_scan_work_on_a_fresh_engine() throws IOException {
        try (MiniLsm lsm = MiniLsm.open(dir, small())) {
            lsm.put(b("b"), b("2"));
            lsm.put(b("a"), b("1"));
            lsm.put(b("c"), b("3"));
            lsm.put(b("b"), b("two"));
            lsm.delete(b("c"));

            assertThat(lsm.get(b("a"))).as("get(a) after put(a, 1)").isEqualTo(b("1"));
            assertThat(lsm.get(b("b"))).as("get(b) after an overwrite returns the newest value").isEqualTo(b("two"));
            assertThat(lsm.get(b("c"))).as("get(c) after delete(c) is null").isNull();
            assertThat(lsm.get(b("zz"))).as("get of a key never written is null").isNull();
            assertThat(drain(lsm.scan(Bound.included(b("a")), Bound.excluded(b("c"))), 10))
                    .as("scan([a, c)) goes through day 5's read path")
                    .extracting(Entry::toString)
                    .containsExactly("a=1", "b=two");
        }
    }

    @Test
    void open_creates_the_directory_and_takes_its_lock() throws IOException {
        Path nested = dir.resolve("does").resolve("not").resolve("exist");
        try (MiniLsm lsm = MiniLsm.open(nested, small())) {
            assertThat(lsm.path()).as("path() is the directory given to open").isEqualTo(nested);
            assertThat(Files.isDirectory(nested)).as("open creates the directory and its parents").isTrue();
            assertThat(Files.exists(nested.resolve(SstFileNames.LOCK_FILE))).as("open creates the LOCK file").isTrue();
            assertThat(lsm.flushThread().isRunning()).as("open starts the flush thread").isTrue();
        }
    }

    @Test
    void forceFlush_writes_everything_in_memory_to_ssts() throws IOException {
        TreeMap<Bytes, Bytes> model = numberedEntries("k", 300, 30);
        try (MiniLsm lsm = MiniLsm.open(dir, small())) {
            model.forEach((k, v) -> put(lsm, k, v));
            lsm.forceFlush();

            LsmStorageState state = lsm.state();
            assertThat(state.immMemtables())
                    .as("after forceFlush() no frozen memtable is left: flush until flushOldest() returns null")
                    .isEmpty();
            assertThat(state.memtable().isEmpty())
                    .as("after forceFlush() the current memtable is empty: it was frozen first")
                    .isTrue();
            assertThat(state.l0SstIds()).as("300 keys of ~40 bytes with 1 KiB memtables make many SSTs").hasSizeGreaterThan(5);
            assertThat(sstFileNames(dir))
                    .as("there is one SST file per L0 SST, and no temporary file")
                    .hasSize(state.l0SstIds().size());
            assertReadsBack(lsm, model, "after forceFlush()");

            lsm.put(b("after"), b("sync"));
            lsm.sync();
            assertThat(lsm.state().memtable().isEmpty()).as("sync() flushes too (there is no WAL)").isTrue();
            assertThat(lsm.get(b("after"))).as("get after sync()").isEqualTo(b("sync"));
        }
    }

    @Test
    void forceFlush_of_an_empty_engine_writes_no_file() throws IOException {
        try (MiniLsm lsm = MiniLsm.open(dir, small())) {
            lsm.forceFlush();
            assertThat(lsm.state().l0SstIds()).as("nothing was written, so nothing is flushed").isEmpty();
        }
        assertThat(sstFileNames(dir)).as("closing an empty engine writes no SST file").isEmpty();
    }

    @Test
    void close_persists_everything_and_reopen_finds_it_again() throws IOException {
        TreeMap<Bytes, Bytes> model = numberedEntries("key", 200, 40);
        try (MiniLsm lsm = MiniLsm.open(dir, small())) {
            model.forEach((k, v) -> put(lsm, k, v));
            for (int i = 0; i < 200; i += 7) {
                Bytes key = b(String.format("key%03d", i));
                lsm.delete(key);
                model.remove(key);
            }
            lsm.put(b("last"), b("still in the memtable at close"));
            model.put(b("last"), b("still in the memtable at close"));
        }
        try (MiniLsm lsm = MiniLsm.open(dir, small())) {
            assertReadsBack(lsm, model, "after close() and open()");
            assertThat(lsm.get(b("key007"))).as("a deleted key stays deleted after reopening").isNull();
        }
    }

    @Test
    void reopen_loads_the_ssts_newest_first_and_new_writes_are_newer() throws IOException {
        List<Long> before;
        try (MiniLsm lsm = MiniLsm.open(dir, small())) {
            for (int round = 0; round < 3; round++) {
                lsm.put(b("k"), b("round " + round));
                lsm.put(b("r" + round), b("x"));
                lsm.forceFlush();
            }
            before = new ArrayList<>(lsm.state().l0SstIds());
        }
        long newestSst;
        try (MiniLsm lsm = MiniLsm.open(dir, small())) {
            LsmStorageState state = lsm.state();
            assertThat(state.l0SstIds())
                    .as("open loads the SSTs found in the directory, newest (largest id) first (SstDirectory.openAll)")
                    .containsExactlyElementsOf(before);
            assertThat(lsm.get(b("k"))).as("the newest SST wins after reopening").isEqualTo(b("round 2"));
            newestSst = state.l0SstIds().get(0);
            assertThat(state.memtable().id())
                    .as("the first memtable after reopening gets an id larger than every SST's, so new writes win")
                    .isGreaterThan(newestSst);
            lsm.put(b("k"), b("after reopen"));
            lsm.forceFlush();
        }
        try (MiniLsm lsm = MiniLsm.open(dir, small())) {
            assertThat(lsm.get(b("k")))
                    .as("a value written after a reopen and flushed is newer than every older SST's")
                    .isEqualTo(b("after reopen"));
            assertThat(lsm.state().l0SstIds().get(0)).as("the newest SST id").isGreaterThan(newestSst);
        }
    }

    @Test
    void the_flush_thread_flushes_in_the_background() throws IOException {
        TreeMap<Bytes, Bytes> model = numberedEntries("bg", 400, 40);
        try (MiniLsm lsm = MiniLsm.open(dir, small())) {
            model.forEach((k, v) -> put(lsm, k, v));
            int limit = small().numMemtableLimit();
            awaitCondition("the flush thread writes L0 SSTs by itself and brings numMemtables() down to "
                            + "numMemtableLimit (" + limit + "), without forceFlush()",
                    () -> lsm.state() + ", lastError=" + lsm.flushThread().lastError(),
                    () -> !lsm.state().l0SstIds().isEmpty() && lsm.state().numMemtables() <= limit);
            assertReadsBack(lsm, model, "after background flushes");
        }
    }

    @Test
    void close_is_idempotent_and_every_call_after_it_is_refused() throws IOException {
        MiniLsm lsm = MiniLsm.open(dir, small());
        try {
            lsm.put(b("a"), b("1"));
            lsm.close();
            assertThat(lsm.isClosed()).as("isClosed() after close()").isTrue();
            assertThat(lsm.flushThread().isRunning()).as("close() stops the flush thread and waits for it").isFalse();
            lsm.close(); // does nothing

            List<ThrowingCallable> calls = List.of(
                    () -> lsm.put(b("b"), b("2")),
                    () -> lsm.delete(b("a")),
                    () -> lsm.get(b("a")),
                    () -> lsm.scan(Bound.unbounded(), Bound.unbounded()),
                    lsm::forceFlush,
                    lsm::sync);
            String[] names = {"put", "delete", "get", "scan", "forceFlush", "sync"};
            for (int i = 0; i < calls.size(); i++) {
                assertThatThrownBy(calls.get(i),
                        "%s after close() must throw IllegalStateException (the files are closed)", names[i])
                        .isInstanceOf(IllegalStateException.class);
            }
        } finally {
            lsm.close();
        }
        try (MiniLsm reopened = MiniLsm.open(dir, small())) {
            assertThat(reopened.get(b("a"))).as("close() released the lock and persisted a=1").isEqualTo(b("1"));
        }
    }

    @Test
    void a_second_open_of_an_open_directory_fails_until_the_first_is_closed() throws IOException {
        try (MiniLsm first = MiniLsm.open(dir, small())) {
            first.put(b("a"), b("1"));
            assertThatThrownBy(() -> MiniLsm.open(dir, small()).close(),
                    "the LOCK file is held: a second engine in the same directory must be refused with an "
                            + "IOException, or two engines would write SSTs with the same ids")
                    .isInstanceOf(IOException.class);
            assertThat(first.get(b("a"))).as("the refused open leaves the first engine working").isEqualTo(b("1"));
        }
        try (MiniLsm again = MiniLsm.open(dir, small())) {
            assertThat(again.get(b("a"))).as("after close() released the lock, the directory opens again").isEqualTo(b("1"));
        }
    }

    @Test
    void open_deletes_a_leftover_temporary_file() throws IOException {
        try (MiniLsm lsm = MiniLsm.open(dir, small())) {
            lsm.put(b("a"), b("1"));
        }
        Path leftover = dir.resolve("000099.sst.tmp");
        Files.writeString(leftover, "junk: a flush that never finished");

        try (MiniLsm lsm = MiniLsm.open(dir, small())) {
            assertThat(Files.exists(leftover))
                    .as("open must delete %s: a temporary file holds nothing that was published", leftover.getFileName())
                    .isFalse();
            assertThat(lsm.get(b("a"))).as("the real SSTs are still read").isEqualTo(b("1"));
        }
        assertThat(fileNames(dir)).as("the directory after the second close").doesNotContain("000099.sst.tmp");
    }

    @Test
    void open_names_a_damaged_sst_file_and_releases_the_lock() throws IOException {
        try (MiniLsm lsm = MiniLsm.open(dir, small())) {
            for (int round = 0; round < 3; round++) {
                lsm.put(b("k" + round), b("v"));
                lsm.forceFlush();
            }
        }
        List<String> ssts = sstFileNames(dir);
        assertThat(ssts).as("test setup: three SST files").hasSize(3);
        String damaged = ssts.get(1);
        flipLastByte(dir.resolve(damaged));

        for (int attempt = 1; attempt <= 2; attempt++) {
            int a = attempt;
            assertThatThrownBy(() -> MiniLsm.open(dir, small()).close(),
                    "attempt %d: %s is damaged, so open must fail with a CorruptionException naming it (and a "
                            + "failed open must release the LOCK, or the second attempt says 'already open')", a, damaged)
                    .isInstanceOf(CorruptionException.class)
                    .hasMessageContaining(damaged);
        }
    }

    /** {@code lsm.put} for a lambda. */
    private static void put(MiniLsm lsm, Bytes key, Bytes value) {
        try {
            lsm.put(key, value);
        } catch (IOException e) {
            throw new AssertionError("put(" + key + ") failed: " + e, e);
        }
    }
}
