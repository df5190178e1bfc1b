package org.lsmworkbook.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.lsmworkbook.read.ReadFixtures.memtable;
import static org.lsmworkbook.read.ReadFixtures.sst;
import static org.lsmworkbook.read.ReadFixtures.sstsOnly;
import static org.lsmworkbook.read.ReadFixtures.state;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lsmworkbook.engine.LsmStorageInner;
import org.lsmworkbook.engine.LsmStorageOptions;
import org.lsmworkbook.engine.LsmStorageState;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.memtable.MemTable;
import org.lsmworkbook.sst.BlockCache;
import org.lsmworkbook.sst.SsTable;

/**
 * Point reads over states built by hand. To prove that an SST is <em>not read</em>, a test closes
 * its file first: any read of it would then throw. The block cache has room for nothing, so no
 * cached block can stand in for a read.
 */
@Timeout(10)
@DisplayName("Day 5 · Task 3 — LsmReadPath.get")
class GetTest {

    @TempDir
    Path dir;

    private final BlockCache cache = new BlockCache(0);

    private static Bytes b(String text) {
        return Bytes.of(text);
    }

    private static Bytes get(LsmStorageState state, String key) throws IOException {
        return LsmReadPath.get(state, b(key));
    }

    @Test
    void every_kind_of_source_is_searched() throws Exception {
        SsTable sst = sst(dir, 1, cache, "c", "from-sst", "d", "from-sst", "e", "from-sst", "f", "from-sst");
        LsmStorageState state = state(memtable(3, "a", "from-memtable"), List.of(memtable(2, "b", "from-imm")),
                List.of(sst));
        assertThat(get(state, "a")).as("a is only in the current memtable").isEqualTo(b("from-memtable"));
        assertThat(get(state, "b")).as("b is only in the frozen memtable (state.immMemtables())")
                .isEqualTo(b("from-imm"));
        assertThat(get(state, "e")).as("e is only in the L0 SST (state.l0Sstables()), in its second block")
                .isEqualTo(b("from-sst"));
    }

    @Test
    void a_key_that_no_source_has_is_null() throws Exception {
        SsTable sst = sst(dir, 1, cache, "c", "1", "e", "1", "g", "1");
        LsmStorageState state = state(memtable(3, "m", "3"), List.of(memtable(2, "n", "2")), List.of(sst));
        for (String key : new String[] {"a", "d", "f", "h", "l", "z"}) {
            assertThat(get(state, key))
                    .as("no source holds %s: get must return null (also when %s lies inside the SST's key range)", key, key)
                    .isNull();
        }
    }

    @Test
    void the_first_and_last_keys_of_an_sst_are_found() throws Exception {
        SsTable sst = sst(dir, 1, cache, "c", "first", "d", "2", "e", "3", "f", "4", "g", "5", "h", "last");
        LsmStorageState state = sstsOnly(List.of(sst));
        assertThat(get(state, "c")).as("c is the SST's first key: both ends of its key range belong to it "
                + "(KeyRanges.mayContain)").isEqualTo(b("first"));
        assertThat(get(state, "h")).as("h is the SST's last key, in its last block").isEqualTo(b("last"));
    }

    @Test
    void the_newest_source_that_has_the_key_wins() throws Exception {
        // Oldest to newest: SST 1, SST 2, frozen memtable 3, frozen memtable 4, memtable 5.
        SsTable sst1 = sst(dir, 1, cache, "a", "sst1", "b", "sst1", "c", "sst1", "d", "sst1", "e", "sst1");
        SsTable sst2 = sst(dir, 2, cache, "b", "sst2", "c", "sst2", "d", "sst2", "e", "sst2");
        MemTable imm3 = memtable(3, "c", "imm3", "d", "imm3", "e", "imm3");
        MemTable imm4 = memtable(4, "d", "imm4", "e", "imm4");
        MemTable mem5 = memtable(5, "e", "mem5");
        LsmStorageState state = state(mem5, List.of(imm4, imm3), List.of(sst2, sst1));
        String hint = "; look in the memtable, then immMemtables in list order (newest first), then l0Sstables in "
                + "list order (newest first), and stop at the first that has the key";
        assertThat(get(state, "a")).as("a is only in SST 1" + hint).isEqualTo(b("sst1"));
        assertThat(get(state, "b")).as("b is in SSTs 1 and 2; SST 2 is newer" + hint).isEqualTo(b("sst2"));
        assertThat(get(state, "c")).as("c is in SSTs 1, 2 and frozen memtable 3; the memtable is newer" + hint)
                .isEqualTo(b("imm3"));
        assertThat(get(state, "d")).as("d is in both frozen memtables; immMemtables[0] (id 4) is newer" + hint)
                .isEqualTo(b("imm4"));
        assertThat(get(state, "e")).as("e is in every source; the current memtable is the newest" + hint)
                .isEqualTo(b("mem5"));
    }

    @Test
    void a_tombstone_hides_every_older_value() throws Exception {
        SsTable sst1 = sst(dir, 1, cache, "a", "sst1", "b", "sst1", "c", "sst1", "d", "", "e", "");
        SsTable sst2 = sst(dir, 2, cache, "a", "", "e", "sst2");
        MemTable imm3 = memtable(3, "b", "");
        MemTable mem4 = memtable(4, "c", "", "f", "");
        LsmStorageState state = state(mem4, List.of(imm3), List.of(sst2, sst1));
        assertThat(get(state, "a")).as("SST 2 deletes a (empty value), which SST 1 holds: get must return null")
                .isNull();
        assertThat(get(state, "b")).as("frozen memtable 3 deletes b, which SST 1 holds: get must return null")
                .isNull();
        assertThat(get(state, "c")).as("the current memtable deletes c, which SST 1 holds: get must return null")
                .isNull();
        assertThat(get(state, "d")).as("SST 1 holds only a tombstone for d: get must return null, not an empty value")
                .isNull();
        assertThat(get(state, "f")).as("the memtable holds only a tombstone for f: get must return null").isNull();
        assertThat(get(state, "e")).as("SST 1 deletes e, then SST 2 (newer) puts it again: the newer value counts")
                .isEqualTo(b("sst2"));
    }

    @Test
    void after_a_tombstone_no_older_source_is_read() throws Exception {
        SsTable older = sst(dir, 1, cache, "k", "old", "l", "old", "m", "old");
        SsTable newer = sst(dir, 2, cache, "m", "");
        LsmStorageState state = state(memtable(4, "k", ""), List.of(memtable(3, "l", "")), List.of(newer, older));
        older.close();
        for (String key : new String[] {"k", "l", "m"}) {
            Throwable thrown = catchThrowable(() -> get(state, key));
            assertThat(thrown)
                    .as("a newer source deletes %s; get must return null at once, without reading the older SST that "
                            + "still holds %s (its file is closed, so reading it throws)", key, key)
                    .isNull();
            assertThat(get(state, key)).as("get(%s) after a tombstone", key).isNull();
        }
    }

    @Test
    void after_a_value_is_found_no_older_source_is_read() throws Exception {
        SsTable older = sst(dir, 1, cache, "k", "old", "l", "old", "m", "old");
        SsTable newer = sst(dir, 2, cache, "m", "sst2");
        LsmStorageState state = state(memtable(4, "k", "mem"), List.of(memtable(3, "l", "imm")), List.of(newer, older));
        older.close();
        assertThat(get(state, "k")).as("the memtable has k: get must return its value without reading the SSTs "
                + "(the older SST's file is closed, so reading it throws)").isEqualTo(b("mem"));
        assertThat(get(state, "l")).as("the frozen memtable has l: get must not go on to the SSTs")
                .isEqualTo(b("imm"));
        assertThat(get(state, "m")).as("SST 2 has m: get must not go on to the older SST 1").isEqualTo(b("sst2"));
    }

    @Test
    void an_sst_whose_key_range_cannot_hold_the_key_is_not_read() throws Exception {
        SsTable low = sst(dir, 1, cache, "a", "low", "b", "low", "c", "low");
        SsTable high = sst(dir, 2, cache, "m", "high", "n", "high", "p", "high");
        LsmStorageState state = sstsOnly(List.of(high, low));
        high.close(); // the newer table; every key below m would make a naive seek read its first block
        for (String key : new String[] {"0", "a", "b", "bb", "c", "d", "l", "lz"}) {
            Throwable thrown = catchThrowable(() -> get(state, key));
            assertThat(thrown)
                    .as("SST 2 holds m..p, so it cannot hold %s: get(%s) must not read it (its file is closed). Check "
                            + "KeyRanges.mayContain(firstKey, lastKey, key) before opening an iterator", key, key)
                    .isNull();
        }
        assertThat(get(state, "b")).as("b is in SST 1, below SST 2's range").isEqualTo(b("low"));
        assertThat(get(state, "d")).as("d lies between the two SSTs' ranges: no SST has it").isNull();
    }

    @Test
    void a_key_inside_an_sst_range_but_missing_from_it_is_looked_up_further() throws Exception {
        SsTable older = sst(dir, 1, cache, "b", "older", "d", "older");
        SsTable newer = sst(dir, 2, cache, "a", "newer", "c", "newer", "e", "newer");
        LsmStorageState state = sstsOnly(List.of(newer, older));
        assertThat(get(state, "b")).as("b lies inside SST 2's range a..e, but SST 2 does not have it: get must go on "
                + "to SST 1 (a seek that lands on a larger key means: not here)").isEqualTo(b("older"));
        assertThat(get(state, "d")).as("d: the same, one block later").isEqualTo(b("older"));
        assertThat(get(state, "c")).as("c is in SST 2").isEqualTo(b("newer"));
        assertThat(get(state, "bb")).as("bb is in no SST").isNull();
    }

    @Test
    void a_failing_read_is_reported_not_taken_for_a_missing_key() throws Exception {
        SsTable table = sst(dir, 1, cache, "a", "1", "k", "1", "z", "1");
        LsmStorageState state = sstsOnly(List.of(table));
        table.close();
        assertThatThrownBy(() -> get(state, "k"),
                "the SST that may hold k cannot be read (its file is closed): get must throw that IOException, "
                        + "not return null as if the key were absent")
                .isInstanceOf(IOException.class);
    }

    @Test
    void get_reads_the_state_of_an_engine() throws Exception {
        SsTable sst1 = sst(dir, 1, cache, "a", "sst1", "b", "sst1", "c", "sst1");
        SsTable sst2 = sst(dir, 2, cache, "b", "sst2", "d", "sst2");
        LsmStorageInner inner = LsmStorageInner.open(dir.resolve("db"), LsmStorageOptions.forTests(), cache,
                List.of(sst2, sst1));
        inner.put(b("c"), b("frozen"));
        inner.put(b("e"), b("frozen"));
        inner.forceFreezeMemtable();
        inner.put(b("e"), b("current"));
        inner.delete(b("a"));
        LsmStorageState state = inner.state();
        assertThat(state.immMemtables()).as("test setup: one frozen memtable").hasSize(1);
        assertThat(get(state, "a")).as("a: deleted in the current memtable, still in SST 1").isNull();
        assertThat(get(state, "b")).as("b: in both SSTs; SST 2 is newer").isEqualTo(b("sst2"));
        assertThat(get(state, "c")).as("c: in SST 1 and the frozen memtable").isEqualTo(b("frozen"));
        assertThat(get(state, "d")).as("d: only in SST 2").isEqualTo(b("sst2"));
        assertThat(get(state, "e")).as("e: in the frozen and the current memtable").isEqualTo(b("current"));
        assertThat(get(state, "f")).as("f: nowhere").isNull();
    }
}
