package org.lsmworkbook.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lsmworkbook.engine.TestSupport.b;
import static org.lsmworkbook.engine.TestSupport.sst;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.memtable.MemTable;
import org.lsmworkbook.sst.BlockCache;
import org.lsmworkbook.sst.SsTable;

@Timeout(10)
@DisplayName("Day 4 · Task 3 — freezing memtables")
class FreezeTest {

    @TempDir
    Path dir;

    private LsmStorageInner open(LsmStorageOptions options) throws IOException {
        return LsmStorageInner.open(dir, options);
    }

    /** Checks that the current memtable has the largest id and the frozen ones strictly decrease. */
    static void assertIdsNewestFirst(LsmStorageState state, String when) {
        long previous = state.memtable().id();
        for (MemTable imm : state.immMemtables()) {
            assertThat(imm.id())
                    .as("%s: memtable ids must decrease from the current memtable through immMemtables() (newest "
                            + "first, a larger id is newer), but %s has %d after %d", when, state, imm.id(), previous)
                    .isLessThan(previous);
            previous = imm.id();
        }
    }

    @Test
    void forceFreezeMemtable_moves_the_memtable_to_the_frozen_ones() throws IOException {
        LsmStorageInner engine = open(LsmStorageOptions.memtableOnly());
        engine.put(b("k"), b("v"));
        MemTable first = engine.state().memtable();
        engine.forceFreezeMemtable();
        LsmStorageState state = engine.state();
        assertThat(state.immMemtables())
                .as("after forceFreezeMemtable(), the memtable that was current must be the newest frozen one")
                .containsExactly(first);
        assertThat(state.memtable()).as("after a freeze a new memtable takes the writes").isNotSameAs(first);
        assertThat(state.memtable().isEmpty()).as("the memtable that takes over after a freeze is empty").isTrue();
        assertThat(state.memtable().id())
                .as("the new memtable's id must be larger than the frozen one's (%d): take it from nextSstId()", first.id())
                .isGreaterThan(first.id());
    }

    @Test
    void freezing_an_empty_memtable_does_nothing() throws IOException {
        LsmStorageInner engine = open(LsmStorageOptions.memtableOnly());
        LsmStorageState before = engine.state();
        engine.forceFreezeMemtable();
        assertThat(engine.state().immMemtables())
                .as("forceFreezeMemtable() on an empty memtable must do nothing: it would only make an empty SST")
                .isEmpty();
        assertThat(engine.state().memtable()).as("the empty memtable stays current").isSameAs(before.memtable());
        engine.put(b("k"), b("v"));
        engine.forceFreezeMemtable();
        engine.forceFreezeMemtable();
        assertThat(engine.state().immMemtables())
                .as("put, freeze, freeze: the second freeze finds an empty memtable and must do nothing")
                .hasSize(1);
    }

    @Test
    void a_memtable_holding_only_a_tombstone_is_frozen() throws IOException {
        LsmStorageInner engine = open(LsmStorageOptions.memtableOnly());
        engine.delete(b("gone"));
        engine.forceFreezeMemtable();
        assertThat(engine.state().immMemtables())
                .as("a memtable holding only a tombstone is not empty (the tombstone must reach disk to hide older "
                        + "values), so forceFreezeMemtable() must freeze it")
                .hasSize(1);
    }

    @Test
    void frozen_memtables_are_kept_newest_first() throws IOException {
        LsmStorageInner engine = open(LsmStorageOptions.memtableOnly());
        for (int i = 0; i < 5; i++) {
            engine.put(b("k" + i), b("v" + i));
            engine.forceFreezeMemtable();
        }
        LsmStorageState state = engine.state();
        assertThat(state.immMemtables()).as("five puts, each followed by a freeze, make five frozen memtables").hasSize(5);
        for (int i = 0; i < 5; i++) {
            assertThat(state.immMemtables().get(i).get(b("k" + (4 - i))))
                    .as("immMemtables().get(%d) must be the memtable frozen %s (newest first), holding k%d",
                            i, i == 0 ? "last" : i + " freezes before the last", 4 - i)
                    .isEqualTo(b("v" + (4 - i)));
        }
        assertIdsNewestFirst(state, "after five freezes");
    }

    @Test
    void reads_see_frozen_data_and_newer_writes_win() throws IOException {
        LsmStorageInner engine = open(LsmStorageOptions.memtableOnly());
        engine.put(b("a"), b("a1"));
        engine.put(b("b"), b("b1"));
        engine.put(b("c"), b("c1"));
        engine.forceFreezeMemtable();
        engine.put(b("a"), b("a2"));
        engine.delete(b("b"));
        assertThat(engine.get(b("a"))).as("a was put again after the freeze: the new value wins").isEqualTo(b("a2"));
        assertThat(engine.get(b("b"))).as("b was deleted after the freeze: the tombstone hides the frozen value").isNull();
        assertThat(engine.get(b("c"))).as("c is only in the frozen memtable: a freeze must not lose data").isEqualTo(b("c1"));
    }

    @Test
    void a_freeze_makes_a_new_snapshot_and_leaves_the_old_one_alone() throws IOException {
        LsmStorageInner engine = open(LsmStorageOptions.memtableOnly());
        engine.put(b("k"), b("v"));
        LsmStorageState before = engine.state();
        MemTable current = before.memtable();
        engine.forceFreezeMemtable();
        assertThat(engine.state()).as("a freeze installs a new snapshot").isNotSameAs(before);
        assertThat(before.memtable()).as("the snapshot taken before the freeze still names the old memtable as current "
                + "(a snapshot never changes: copy on write)").isSameAs(current);
        assertThat(before.immMemtables()).as("the snapshot taken before the freeze has no frozen memtables").isEmpty();
    }

    @Test
    void a_frozen_memtable_takes_no_more_writes() throws IOException {
        LsmStorageInner engine = open(LsmStorageOptions.memtableOnly());
        engine.put(b("k"), b("v"));
        engine.forceFreezeMemtable();
        MemTable frozen = engine.state().immMemtables().get(0);
        long size = frozen.approximateSize();
        engine.put(b("later"), b("x"));
        engine.delete(b("k"));
        assertThat(frozen.approximateSize())
                .as("writes after a freeze must go to the new memtable; the frozen one must not grow (put must read "
                        + "the current memtable from the state each time)")
                .isEqualTo(size);
        assertThat(frozen.get(b("later"))).as("the frozen memtable must not hold a key put after the freeze").isNull();
    }

    @Test
    void the_memtable_is_frozen_when_it_reaches_the_target_size() throws IOException {
        // Every entry below is 3 + 7 = 10 bytes of approximateSize; the target is 100 bytes.
        LsmStorageInner engine = open(LsmStorageOptions.memtableOnly().withTargetSstSize(100));
        for (int i = 0; i < 9; i++) {
            engine.put(b(String.format("k%02d", i)), b("1234567"));
        }
        assertThat(engine.state().immMemtables())
                .as("after 9 puts of 10 bytes the memtable holds 90 bytes, less than the target 100: no freeze yet")
                .isEmpty();
        engine.put(b("k09"), b("1234567"));
        LsmStorageState state = engine.state();
        assertThat(state.immMemtables())
                .as("the 10th put of 10 bytes brings the memtable to 100 bytes, which reaches targetSstSize 100: put "
                        + "must freeze it (approximateSize() >= targetSstSize())")
                .hasSize(1);
        assertThat(state.immMemtables().get(0).approximateSize()).as("the size of the memtable frozen automatically")
                .isEqualTo(100);
        assertThat(state.memtable().isEmpty()).as("after the automatic freeze a new, empty memtable takes writes").isTrue();
        for (int i = 0; i < 10; i++) {
            assertThat(engine.get(b(String.format("k%02d", i)))).as("k%02d after the automatic freeze", i)
                    .isEqualTo(b("1234567"));
        }
    }

    @Test
    void automatic_freezes_cut_memtables_of_about_the_target_size() throws IOException {
        LsmStorageInner engine = open(LsmStorageOptions.forTests());
        long target = engine.options().targetSstSize();
        int entrySize = 0;
        for (int i = 0; i < 1000; i++) {
            Bytes key = b(String.format("key-%05d", i));
            Bytes value = b("value-" + i);
            entrySize = Math.max(entrySize, key.length() + value.length());
            engine.put(key, value);
        }
        LsmStorageState state = engine.state();
        assertThat(state.immMemtables()).as("1000 puts of about 20 bytes with a 1 KiB target make about 20 freezes")
                .hasSizeBetween(15, 25);
        for (MemTable imm : state.immMemtables()) {
            assertThat(imm.approximateSize())
                    .as("every memtable frozen by put reached the target %d bytes, and one more entry (at most %d "
                            + "bytes) would not have been put into it", target, entrySize)
                    .isBetween(target, target + entrySize - 1);
        }
        assertThat(state.memtable().approximateSize()).as("the current memtable is below the target, or it would have "
                + "been frozen").isLessThan(target);
        assertIdsNewestFirst(state, "after 1000 puts with automatic freezes");
    }

    @Test
    void deletes_count_towards_the_target_size_too() throws IOException {
        LsmStorageInner engine = open(LsmStorageOptions.memtableOnly().withTargetSstSize(50));
        for (int i = 0; i < 10; i++) {
            engine.delete(b(String.format("gone-%04d", i))); // 9 bytes each, no value
        }
        assertThat(engine.state().immMemtables())
                .as("10 deletes of 9-byte keys reach a 50-byte target once: a delete is a put of a tombstone, and the "
                        + "freeze check after it must run too")
                .hasSize(1);
    }

    @Test
    void memtables_and_ssts_share_one_counter_of_ids() throws IOException {
        BlockCache cache = new BlockCache(1 << 20);
        try (SsTable t6 = sst(dir, 6, cache, "a", "1"); SsTable t3 = sst(dir, 3, cache, "b", "2")) {
            LsmStorageInner engine = LsmStorageInner.open(dir.resolve("db"), LsmStorageOptions.memtableOnly(), cache,
                    List.of(t6, t3));
            for (int i = 0; i < 3; i++) {
                engine.put(b("k" + i), b("v"));
                engine.forceFreezeMemtable();
            }
            LsmStorageState state = engine.state();
            for (MemTable m : state.immMemtables()) {
                assertThat(m.id()).as("every memtable id must be larger than the SST ids 6 and 3: a larger id is newer "
                        + "data, and memtables are newer than the SSTs there were at open").isGreaterThan(6);
            }
            assertIdsNewestFirst(state, "after three freezes");
            long next = engine.nextSstId();
            assertThat(next).as("nextSstId() after the freezes must be larger than every memtable id so far, or a "
                    + "flushed SST would reuse one").isGreaterThan(state.memtable().id());
        }
    }
}
