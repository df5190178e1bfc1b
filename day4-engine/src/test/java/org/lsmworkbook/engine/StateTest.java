package org.lsmworkbook.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lsmworkbook.engine.TestSupport.b;
import static org.lsmworkbook.engine.TestSupport.memtable;
import static org.lsmworkbook.engine.TestSupport.sst;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.memtable.MemTable;
import org.lsmworkbook.sst.BlockCache;
import org.lsmworkbook.sst.SsTable;

@Timeout(10)
@DisplayName("Day 4 · Task 1 — LsmStorageState and LsmStorageInner.open")
class StateTest {

    @TempDir
    Path dir;

    private final List<SsTable> opened = new ArrayList<>();

    @AfterEach
    void closeTables() throws IOException {
        for (SsTable table : opened) {
            table.close();
        }
    }

    /** An SST with one entry, kept to be closed after the test. */
    private SsTable table(long id, BlockCache cache) throws IOException {
        SsTable table = sst(dir, id, cache, "key-of-" + id, "value-of-" + id);
        opened.add(table);
        return table;
    }

    // ---- withFrozenMemtable -----------------------------------------------------------------

    @Test
    void withFrozenMemtable_makes_the_current_memtable_the_newest_frozen_one() {
        MemTable first = memtable(1, "a", "1");
        MemTable second = MemTable.create(2);
        LsmStorageState state = LsmStorageState.create(first).withFrozenMemtable(second);
        assertThat(state.memtable())
                .as("after withFrozenMemtable(next), next must be the memtable that takes writes")
                .isSameAs(second);
        assertThat(state.immMemtables())
                .as("after one freeze, the frozen memtables must be exactly the old current memtable (the same object, "
                        + "not a copy)")
                .containsExactly(first);
        assertThat(state.numMemtables()).as("numMemtables() after one freeze: the new current one plus the frozen one")
                .isEqualTo(2);
    }

    @Test
    void withFrozenMemtable_keeps_the_frozen_memtables_newest_first() {
        MemTable m1 = MemTable.create(1);
        MemTable m2 = MemTable.create(2);
        MemTable m3 = MemTable.create(3);
        MemTable m4 = MemTable.create(4);
        LsmStorageState state = LsmStorageState.create(m1)
                .withFrozenMemtable(m2)
                .withFrozenMemtable(m3)
                .withFrozenMemtable(m4);
        assertThat(state.memtable()).as("the memtable of the last freeze takes writes").isSameAs(m4);
        assertThat(state.immMemtables())
                .as("frozen memtables newest first: the memtable frozen last goes to index 0, in front of the "
                        + "older ones (reads look at index 0 first)")
                .containsExactly(m3, m2, m1);
    }

    @Test
    void withFrozenMemtable_leaves_the_old_snapshot_unchanged() {
        MemTable m1 = MemTable.create(1);
        MemTable m2 = MemTable.create(2);
        LsmStorageState before = LsmStorageState.create(m1).withFrozenMemtable(m2);
        LsmStorageState after = before.withFrozenMemtable(MemTable.create(3));
        assertThat(after).as("withFrozenMemtable must return a new snapshot").isNotSameAs(before);
        assertThat(before.memtable()).as("the old snapshot's memtable after a freeze made from it (copy on write: "
                + "a snapshot never changes)").isSameAs(m2);
        assertThat(before.immMemtables()).as("the old snapshot's frozen memtables after a freeze made from it; did you "
                + "add to its list instead of to a new one?").containsExactly(m1);
    }

    @Test
    void withFrozenMemtable_keeps_the_ssts() throws IOException {
        BlockCache cache = new BlockCache(1 << 20);
        SsTable t7 = table(7, cache);
        SsTable t5 = table(5, cache);
        LsmStorageState state = new LsmStorageState(MemTable.create(8), List.of(), List.of(7L, 5L), Map.of(7L, t7, 5L, t5));
        LsmStorageState frozen = state.withFrozenMemtable(MemTable.create(9));
        assertThat(frozen.l0SstIds()).as("a freeze must keep the L0 SST ids, in their order").containsExactly(7L, 5L);
        assertThat(frozen.sstables()).as("a freeze must keep every SST by id").containsOnlyKeys(7L, 5L);
        assertThat(frozen.l0Sstables()).as("a freeze must keep the L0 SSTs, newest first").containsExactly(t7, t5);
    }

    @Test
    void withFrozenMemtable_refuses_null() {
        LsmStorageState state = LsmStorageState.create(MemTable.create(1));
        assertThatThrownBy(() -> state.withFrozenMemtable(null),
                "withFrozenMemtable(null) must throw NullPointerException (Objects.requireNonNull(next, \"next\"))")
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void the_lists_of_a_frozen_snapshot_cannot_be_changed() {
        LsmStorageState state = LsmStorageState.create(MemTable.create(1)).withFrozenMemtable(MemTable.create(2));
        assertThatThrownBy(() -> state.immMemtables().add(MemTable.create(3)),
                "immMemtables() of a snapshot made by withFrozenMemtable must be unmodifiable: build the new "
                        + "snapshot with the LsmStorageState constructor, which copies")
                .isInstanceOf(UnsupportedOperationException.class);
    }

    // ---- open ----------------------------------------------------------------------------------

    @Test
    void open_creates_the_directory_and_its_parents() throws IOException {
        Path path = dir.resolve("a").resolve("b").resolve("db");
        LsmStorageInner engine = LsmStorageInner.open(path, LsmStorageOptions.forTests());
        assertThat(Files.isDirectory(path)).as("open(path, options) must create the directory and its parents "
                + "(Files.createDirectories)").isTrue();
        assertThat(engine.path()).as("path() of the opened engine").isEqualTo(path);
        assertThat(engine.options()).as("options() of the opened engine").isEqualTo(LsmStorageOptions.forTests());
    }

    @Test
    void open_accepts_a_directory_that_exists() throws IOException {
        LsmStorageInner.open(dir, LsmStorageOptions.forTests());
        LsmStorageInner again = LsmStorageInner.open(dir, LsmStorageOptions.forTests());
        assertThat(again.state().memtable().isEmpty()).as("opening an existing directory must work and start empty")
                .isTrue();
    }

    @Test
    void open_fails_with_an_IOException_when_the_path_is_a_file() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
        assertThatThrownBy(() -> LsmStorageInner.open(file, LsmStorageOptions.forTests()),
                "open on a path that is a regular file cannot create the directory and must throw an IOException "
                        + "(Files.createDirectories does)")
                .isInstanceOf(IOException.class);
    }

    @Test
    void a_new_engine_holds_one_empty_memtable_and_nothing_else() throws IOException {
        LsmStorageInner engine = LsmStorageInner.open(dir, LsmStorageOptions.forTests());
        LsmStorageState state = engine.state();
        assertThat(state).as("state() of a new engine").isNotNull();
        assertThat(state.memtable().isEmpty()).as("the first memtable of a new engine is empty").isTrue();
        assertThat(state.immMemtables()).as("a new engine has no frozen memtables").isEmpty();
        assertThat(state.l0SstIds()).as("open(path, options) starts with no SSTs").isEmpty();
        assertThat(state.sstables()).as("open(path, options) starts with no SSTs").isEmpty();
    }

    @Test
    void open_sizes_the_block_cache_from_the_options() throws IOException {
        LsmStorageOptions options = LsmStorageOptions.forTests().withBlockCacheSize(12_345);
        LsmStorageInner engine = LsmStorageInner.open(dir, options);
        assertThat(engine.blockCache()).as("blockCache() of an opened engine").isNotNull();
        assertThat(engine.blockCache().capacityBytes())
                .as("the two-argument open makes a block cache of options.blockCacheSize() bytes")
                .isEqualTo(12_345);
    }

    @Test
    void ids_handed_out_are_larger_than_the_first_memtables() throws IOException {
        LsmStorageInner engine = LsmStorageInner.open(dir, LsmStorageOptions.forTests());
        long memtableId = engine.state().memtable().id();
        long first = engine.nextSstId();
        long second = engine.nextSstId();
        assertThat(first).as("nextSstId() after open must be larger than the first memtable's id %d: memtables and SSTs "
                + "share one counter, and the memtable took its id first", memtableId).isGreaterThan(memtableId);
        assertThat(second).as("nextSstId() must grow with every call").isGreaterThan(first);
    }

    @Test
    void open_with_ssts_lists_them_newest_first() throws IOException {
        BlockCache cache = new BlockCache(1 << 20);
        SsTable t9 = table(9, cache);
        SsTable t4 = table(4, cache);
        SsTable t2 = table(2, cache);
        LsmStorageInner engine = LsmStorageInner.open(dir.resolve("db"), LsmStorageOptions.forTests(), cache,
                List.of(t9, t4, t2));
        LsmStorageState state = engine.state();
        assertThat(state.l0SstIds()).as("the L0 SST ids after open with SSTs 9, 4, 2 (given newest first)")
                .containsExactly(9L, 4L, 2L);
        assertThat(state.sstables()).as("sstables() must map each id to its SsTable")
                .containsEntry(9L, t9).containsEntry(4L, t4).containsEntry(2L, t2).hasSize(3);
        assertThat(state.l0Sstables()).as("l0Sstables() after open, newest first").containsExactly(t9, t4, t2);
        assertThat(state.memtable().isEmpty()).as("the first memtable is empty").isTrue();
        assertThat(state.immMemtables()).as("no frozen memtables after open").isEmpty();
        assertThat(engine.blockCache()).as("the four-argument open must keep the block cache it was given, the one "
                + "the SSTs read through").isSameAs(cache);
        assertThat(Files.isDirectory(dir.resolve("db"))).as("the four-argument open creates the directory too").isTrue();
    }

    @Test
    void the_first_memtable_comes_after_the_largest_sst_id() throws IOException {
        BlockCache cache = new BlockCache(1 << 20);
        SsTable t41 = table(41, cache);
        SsTable t17 = table(17, cache);
        LsmStorageInner engine = LsmStorageInner.open(dir, LsmStorageOptions.forTests(), cache, List.of(t41, t17));
        assertThat(engine.state().memtable().id())
                .as("with SSTs 41 and 17, the first memtable must get id 42: everything written from now on is newer "
                        + "than every SST, and a larger id means newer data")
                .isEqualTo(42);
        assertThat(engine.nextSstId()).as("nextSstId() after open with SSTs 41 and 17 must be larger than the memtable's "
                + "id 42, or a later SST would share an id with it").isGreaterThan(42);
    }

    @Test
    void open_refuses_ssts_that_are_not_newest_first() throws IOException {
        BlockCache cache = new BlockCache(1 << 20);
        SsTable t3 = table(3, cache);
        SsTable t8 = table(8, cache);
        assertThatThrownBy(() -> LsmStorageInner.open(dir, LsmStorageOptions.forTests(), cache, List.of(t3, t8)),
                "open with L0 SSTs 3, 8 (oldest first) must throw IllegalArgumentException saying they must be "
                        + "newest (largest id) first")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void open_refuses_the_same_sst_id_twice() throws IOException {
        BlockCache cache = new BlockCache(1 << 20);
        SsTable t5 = table(5, cache);
        assertThatThrownBy(() -> LsmStorageInner.open(dir, LsmStorageOptions.forTests(), cache, List.of(t5, t5)),
                "open with L0 SSTs 5, 5 must throw IllegalArgumentException: ids must be strictly decreasing")
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- updateState (given code, used through an opened engine) --------------------------------

    @Test
    void updateState_installs_the_new_snapshot() throws IOException {
        LsmStorageInner engine = LsmStorageInner.open(dir, LsmStorageOptions.forTests());
        MemTable frozen = memtable(engine.nextSstId(), "k", "v");
        LsmStorageState before = engine.state();
        LsmStorageState returned = engine.updateState(
                s -> new LsmStorageState(s.memtable(), List.of(frozen), s.l0SstIds(), s.sstables()));
        assertThat(engine.state()).as("state() after updateState must be the snapshot the change made").isSameAs(returned);
        assertThat(returned.immMemtables()).as("the installed snapshot's frozen memtables").containsExactly(frozen);
        assertThat(before.immMemtables()).as("the snapshot from before updateState does not change").isEmpty();
    }

    @Test
    void updateState_refuses_to_replace_the_current_memtable() throws IOException {
        LsmStorageInner engine = LsmStorageInner.open(dir, LsmStorageOptions.forTests());
        LsmStorageState before = engine.state();
        assertThatThrownBy(() -> engine.updateState(s -> LsmStorageState.create(MemTable.create(99))),
                "updateState must refuse a change that replaces the current memtable: only a freeze does that")
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(engine.state()).as("a refused change leaves the state as it was").isSameAs(before);
    }

    @Test
    void concurrent_updateState_calls_lose_no_change() throws Exception {
        LsmStorageInner engine = LsmStorageInner.open(dir, LsmStorageOptions.memtableOnly());
        int threads = 4;
        int changesPerThread = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < changesPerThread; i++) {
                        MemTable added = MemTable.create(engine.nextSstId());
                        engine.updateState(s -> {
                            List<MemTable> imm = new ArrayList<>(s.immMemtables());
                            imm.add(0, added);
                            return new LsmStorageState(s.memtable(), imm, s.l0SstIds(), s.sstables());
                        });
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get(8, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(5, TimeUnit.SECONDS);
        }
        assertThat(engine.state().immMemtables())
                .as("each of %d changes from %d threads added one memtable; the state lock must keep every change",
                        threads * changesPerThread, threads)
                .hasSize(threads * changesPerThread);
    }

    // ---- the constructor (given) under withFrozenMemtable (Task 1) -----------------------------------

    @Test
    void a_snapshot_keeps_its_own_copies_of_the_lists_it_is_given() {
        MemTable current = MemTable.create(3);
        List<MemTable> imm = new ArrayList<>(List.of(MemTable.create(2), MemTable.create(1)));
        LsmStorageState state = new LsmStorageState(current, imm, List.of(), Map.of());
        imm.clear();
        assertThat(state.immMemtables()).as("a snapshot keeps its own copy of the list it was given").hasSize(2);
        assertThat(state.numMemtables()).as("numMemtables(): the current one plus two frozen").isEqualTo(3);
        LsmStorageState frozen = state.withFrozenMemtable(MemTable.create(4));
        assertThat(frozen.numMemtables())
                .as("withFrozenMemtable adds the old current memtable to the frozen ones: 4 memtables in all")
                .isEqualTo(4);
        assertThat(state.numMemtables()).as("and the snapshot it was called on still has 3").isEqualTo(3);
    }

    @Test
    void create_then_freeze_gives_one_frozen_memtable_and_no_ssts() {
        MemTable m = MemTable.create(5);
        LsmStorageState state = LsmStorageState.create(m);
        assertThat(state.memtable()).as("create(m).memtable()").isSameAs(m);
        assertThat(state.immMemtables()).as("create(m) has no frozen memtables").isEmpty();
        LsmStorageState frozen = state.withFrozenMemtable(MemTable.create(6));
        assertThat(frozen.immMemtables()).as("after one freeze, the only frozen memtable is m").containsExactly(m);
        assertThat(frozen.l0SstIds()).as("a freeze touches no SST").isEmpty();
        assertThat(frozen.toString()).as("toString names the memtable ids").contains("5").contains("6");
    }

    // ---- the checks put, delete and get make before any task's code runs (given code) -------------
    // They need only open (this task): put and delete refuse an empty key, and all three refuse null.

    @Test
    void an_empty_key_is_refused_and_nothing_is_stored() throws IOException {
        LsmStorageInner engine = LsmStorageInner.open(dir.resolve("db"), LsmStorageOptions.forTests());
        assertThatThrownBy(() -> engine.put(Bytes.EMPTY, b("v")),
                "put with an empty key must throw IllegalArgumentException saying the key is empty")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> engine.delete(Bytes.EMPTY),
                "delete with an empty key must throw IllegalArgumentException saying the key is empty")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        assertThat(engine.state().memtable().isEmpty()).as("a refused write must store nothing").isTrue();
    }

    @Test
    void null_arguments_of_get_put_and_delete_are_refused() throws IOException {
        LsmStorageInner engine = LsmStorageInner.open(dir.resolve("db"), LsmStorageOptions.forTests());
        assertThatThrownBy(() -> engine.get(null), "get(null)").isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> engine.put(b("k"), null), "put(k, null)").isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> engine.delete(null), "delete(null)").isInstanceOf(NullPointerException.class);
    }
}
