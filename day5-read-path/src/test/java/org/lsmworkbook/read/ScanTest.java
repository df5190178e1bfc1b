package org.lsmworkbook.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.lsmworkbook.read.ReadFixtures.bound;
import static org.lsmworkbook.read.ReadFixtures.drain;
import static org.lsmworkbook.read.ReadFixtures.expected;
import static org.lsmworkbook.read.ReadFixtures.memtable;
import static org.lsmworkbook.read.ReadFixtures.shown;
import static org.lsmworkbook.read.ReadFixtures.sst;
import static org.lsmworkbook.read.ReadFixtures.sstsOnly;
import static org.lsmworkbook.read.ReadFixtures.state;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lsmworkbook.engine.FusedIterator;
import org.lsmworkbook.engine.LsmIterator;
import org.lsmworkbook.engine.LsmStorageInner;
import org.lsmworkbook.engine.LsmStorageOptions;
import org.lsmworkbook.engine.LsmStorageState;
import org.lsmworkbook.kv.Bound;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.memtable.MemTable;
import org.lsmworkbook.memtable.MemTableIterator;
import org.lsmworkbook.sst.BlockCache;
import org.lsmworkbook.sst.SsTable;
import org.lsmworkbook.sst.SsTableBuilder;

/**
 * Scans over states built by hand. As in {@code GetTest}, an SST that must not be read has its
 * file closed, and the block cache has room for nothing.
 */
@Timeout(10)
@DisplayName("Day 5 · Task 4 — LsmReadPath.scan")
class ScanTest {

    @TempDir
    Path dir;

    private final BlockCache cache = new BlockCache(0);

    private static List<String> scan(LsmStorageState state, Bound lower, Bound upper) throws IOException {
        return shown(drain(LsmReadPath.scan(state, lower, upper), 1_000));
    }

    /** SST 1 holds b, c, d; SST 2 holds g, h, i; the memtable is empty. */
    private LsmStorageState twoSstsWithAGap() throws IOException {
        SsTable older = sst(dir, 1, cache, "b", "1", "c", "1", "d", "1");
        SsTable newer = sst(dir, 2, cache, "g", "2", "h", "2", "i", "2");
        return sstsOnly(List.of(newer, older));
    }

    @ParameterizedTest(name = "scan({0}, {1}) over SSTs [b c d] and [g h i] gives [{2}]")
    @CsvSource({
        "unbounded,   unbounded,   b=1 c=1 d=1 g=2 h=2 i=2",
        "included b,  included d,  b=1 c=1 d=1",
        "excluded b,  excluded d,  c=1",
        "excluded b,  included g,  c=1 d=1 g=2",
        "included d,  excluded g,  d=1",
        "excluded d,  included g,  g=2",
        "excluded d,  excluded g,  ''",
        "included e,  included f,  ''",
        "included e,  unbounded,   g=2 h=2 i=2",
        "unbounded,   included e,  b=1 c=1 d=1",
        "unbounded,   included b,  b=1",
        "unbounded,   excluded b,  ''",
        "included a,  included b,  b=1",
        "excluded a,  excluded b,  ''",
        "included i,  unbounded,   i=2",
        "excluded i,  unbounded,   ''",
        "excluded h,  unbounded,   i=2",
        "excluded c,  excluded h,  d=1 g=2",
        "included ca, included cz, ''",
        "excluded ca, excluded ga, d=1 g=2",
    })
    void bounds_on_sst_keys_are_exact(String lower, String upper, String expectedEntries) throws Exception {
        assertThat(scan(twoSstsWithAGap(), bound(lower), bound(upper)))
                .as("scan(%s, %s) over SST 1 [b c d] and SST 2 [g h i] (blocks of about two entries). An excluded lower "
                        + "bound: seek the SST to the key, then skip it if it is equal. The upper bound: LsmIterator "
                        + "stops there, since SST iterators run to the end of the table", lower, upper)
                .containsExactlyElementsOf(expected(expectedEntries));
    }

    @ParameterizedTest(name = "scan({0}, {1}) with lower == upper gives [{2}]")
    @CsvSource({
        "included c,  included c,  c=1",
        "included g,  included g,  g=2",
        "excluded c,  included c,  ''",
        "included c,  excluded c,  ''",
        "excluded c,  excluded c,  ''",
        "included e,  included e,  ''",
    })
    void a_range_of_one_key(String lower, String upper, String expectedEntries) throws Exception {
        assertThat(scan(twoSstsWithAGap(), bound(lower), bound(upper)))
                .as("scan(%s, %s): lower and upper are the same key; only included on both sides keeps it", lower, upper)
                .containsExactlyElementsOf(expected(expectedEntries));
    }

    @ParameterizedTest(name = "scan({0}, {1}) is empty")
    @CsvSource({
        "included h,  included c",
        "included z,  included a",
        "excluded d,  excluded b",
        "included i,  excluded b",
    })
    void an_upside_down_range_is_empty(String lower, String upper) throws Exception {
        assertThat(scan(twoSstsWithAGap(), bound(lower), bound(upper)))
                .as("scan(%s, %s): the lower bound is above the upper bound, so no key lies within both; the scan "
                        + "must be empty, not an error", lower, upper)
                .isEmpty();
    }

    /**
     * Oldest to newest: SST 1 {@code a1 b1 c1 d1 e1 f1}, SST 2 {@code b2 d- g2}, frozen memtable 3
     * {@code c3 e- h3}, memtable 4 {@code a- f4 i4} ({@code -} is a tombstone). What is visible:
     * {@code b=2 c=3 f=4 g=2 h=3 i=4}.
     */
    private LsmStorageState layered() throws IOException {
        SsTable sst1 = sst(dir, 1, cache, "a", "1", "b", "1", "c", "1", "d", "1", "e", "1", "f", "1");
        SsTable sst2 = sst(dir, 2, cache, "b", "2", "d", "", "g", "2");
        MemTable imm3 = memtable(3, "c", "3", "e", "", "h", "3");
        MemTable mem4 = memtable(4, "a", "", "f", "4", "i", "4");
        return state(mem4, List.of(imm3), List.of(sst2, sst1));
    }

    @ParameterizedTest(name = "scan({0}, {1}) over the layered state gives [{2}]")
    @CsvSource({
        "unbounded,   unbounded,   b=2 c=3 f=4 g=2 h=3 i=4",
        "unbounded,   included g,  b=2 c=3 f=4 g=2",
        "unbounded,   excluded g,  b=2 c=3 f=4",
        "included c,  unbounded,   c=3 f=4 g=2 h=3 i=4",
        "included c,  included g,  c=3 f=4 g=2",
        "included c,  excluded g,  c=3 f=4",
        "excluded c,  unbounded,   f=4 g=2 h=3 i=4",
        "excluded c,  included g,  f=4 g=2",
        "excluded c,  excluded g,  f=4",
        "excluded b,  unbounded,   c=3 f=4 g=2 h=3 i=4",
        "excluded a,  included b,  b=2",
        "included a,  included a,  ''",
        "included d,  included e,  ''",
        "excluded c,  excluded f,  ''",
        "included f,  included f,  f=4",
        "excluded f,  unbounded,   g=2 h=3 i=4",
        "included bb, included cc, c=3",
        "excluded i,  unbounded,   ''",
    })
    void newest_wins_and_tombstones_hide_older_values(String lower, String upper, String expectedEntries)
            throws Exception {
        assertThat(scan(layered(), bound(lower), bound(upper)))
                .as("scan(%s, %s) over SST 1 [a1 b1 c1 d1 e1 f1] < SST 2 [b2 d- g2] < frozen memtable 3 [c3 e- h3] < "
                        + "memtable 4 [a- f4 i4] (- is a tombstone, < means older than): each key once with its newest "
                        + "value, deleted keys left out. TwoMergeIterator(memtables' merge, SSTs' merge) inside an "
                        + "LsmIterator", lower, upper)
                .containsExactlyElementsOf(expected(expectedEntries));
    }

    @Test
    void every_key_of_a_many_block_sst_works_as_an_exact_bound() throws Exception {
        List<ReadFixtures.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            entries.add(ReadFixtures.Entry.of(String.format("k%02d", i), "v" + i));
        }
        SsTable table = sst(dir, 1, cache, 24, entries);
        assertThat(table.numBlocks()).as("test setup: blocks of about one or two entries").isGreaterThan(15);
        LsmStorageState state = sstsOnly(List.of(table));
        for (int i = 0; i < entries.size(); i++) {
            Bytes key = entries.get(i).key();
            List<String> after = scan(state, Bound.excluded(key), Bound.unbounded());
            assertThat(after)
                    .as("scan(excluded %s, unbounded): everything after %s, wherever it sits in its block", key, key)
                    .containsExactlyElementsOf(shown(entries.subList(i + 1, entries.size())));
            List<String> before = scan(state, Bound.unbounded(), Bound.excluded(key));
            assertThat(before)
                    .as("scan(unbounded, excluded %s): everything before %s", key, key)
                    .containsExactlyElementsOf(shown(entries.subList(0, i)));
            assertThat(scan(state, Bound.included(key), Bound.included(key)))
                    .as("scan(included %s, included %s): exactly that key", key, key)
                    .containsExactlyElementsOf(shown(entries.subList(i, i + 1)));
        }
    }

    /** SST 1 holds a b c, SST 2 holds m n o p, SST 3 holds x y z. */
    private List<SsTable> threeSsts() throws IOException {
        SsTable s1 = sst(dir, 1, cache, "a", "1", "b", "1", "c", "1");
        SsTable s2 = sst(dir, 2, cache, "m", "2", "n", "2", "o", "2", "p", "2");
        SsTable s3 = sst(dir, 3, cache, "x", "3", "y", "3", "z", "3");
        return List.of(s3, s2, s1);
    }

    @ParameterizedTest(name = "scan({0}, {1}) opens only SSTs [{2}]")
    @CsvSource({
        "included m,  included p,  2,     m=2 n=2 o=2 p=2",
        "included b,  included n,  1 2,   b=1 c=1 m=2 n=2",
        "unbounded,   excluded m,  1,     a=1 b=1 c=1",
        "unbounded,   included m,  1 2,   a=1 b=1 c=1 m=2",
        "excluded c,  unbounded,   2 3,   m=2 n=2 o=2 p=2 x=3 y=3 z=3",
        "included c,  unbounded,   1 2 3, c=1 m=2 n=2 o=2 p=2 x=3 y=3 z=3",
        "excluded o,  included y,  2 3,   p=2 x=3 y=3",
        "included d,  included l,  '',    ''",
        "excluded p,  excluded x,  '',    ''",
        "included pa, included w,  '',    ''",
        "unbounded,   included 0,  '',    ''",
    })
    void ssts_that_cannot_overlap_the_range_are_not_opened(String lower, String upper, String opened,
            String expectedEntries) throws Exception {
        List<SsTable> tables = threeSsts();
        List<String> openIds = expected(opened);
        List<String> closedIds = new ArrayList<>();
        for (SsTable table : tables) {
            if (!openIds.contains(Long.toString(table.id()))) {
                table.close();
                closedIds.add(Long.toString(table.id()));
            }
        }
        LsmStorageState state = sstsOnly(tables);
        FusedIterator<LsmIterator> it;
        try {
            it = LsmReadPath.scan(state, bound(lower), bound(upper));
        } catch (IOException e) {
            throw new AssertionError("scan(" + lower + ", " + upper + ") read a closed SST (one of " + closedIds
                    + ", whose key ranges do not meet the request): check KeyRanges.overlaps before opening an SST "
                    + "iterator", e);
        }
        assertThat(it.numActiveIterators())
                .as("scan(%s, %s) over SST 1 [a..c], SST 2 [m..p], SST 3 [x..z]: only SSTs %s can overlap, so the new "
                        + "iterator's numActiveIterators() must be %d (the memtable is empty). A bound equal to a "
                        + "table's end key counts only if it is included", lower, upper, openIds, openIds.size())
                .isEqualTo(openIds.size());
        assertThat(shown(drain(it, 100)))
                .as("scan(%s, %s): the entries", lower, upper)
                .containsExactlyElementsOf(expected(expectedEntries));
    }

    @Test
    void numActiveIterators_counts_the_memtables_and_the_ssts_that_were_opened() throws Exception {
        List<SsTable> tables = threeSsts();
        MemTable imm4 = memtable(4, "b", "4", "zz", "4");
        MemTable mem5 = memtable(5, "n", "5");
        LsmStorageState state = state(mem5, List.of(imm4), tables);
        FusedIterator<LsmIterator> it = LsmReadPath.scan(state, Bound.included(Bytes.of("m")), Bound.included(Bytes.of("p")));
        assertThat(it.numActiveIterators())
                .as("scan(included m, included p): the memtable has n, the frozen memtable has nothing in range, and "
                        + "only SST 2 [m..p] overlaps; so 1 memtable + 1 SST = 2 (a merge counts only children "
                        + "that have entries; TwoMergeIterator adds both sides)")
                .isEqualTo(2);
        assertThat(shown(drain(it, 100))).as("scan(included m, included p): the entries")
                .containsExactly("m=2", "n=5", "o=2", "p=2");
    }

    @Test
    void a_failing_sst_read_is_reported() throws Exception {
        List<SsTable> tables = threeSsts();
        tables.get(1).close(); // SST 2, m..p
        LsmStorageState state = sstsOnly(tables);
        Throwable thrown = catchThrowable(() -> drain(
                LsmReadPath.scan(state, Bound.included(Bytes.of("n")), Bound.unbounded()), 100));
        assertThat(thrown)
                .as("SST 2 [m..p] overlaps scan(included n, unbounded) but cannot be read (its file is closed): the "
                        + "IOException must reach the caller, from scan or from next(), not be taken for an empty table")
                .isInstanceOf(IOException.class);
    }

    @Test
    void the_iterator_stays_safe_after_its_end() throws Exception {
        FusedIterator<LsmIterator> it = LsmReadPath.scan(twoSstsWithAGap(), Bound.included(Bytes.of("h")),
                Bound.unbounded());
        drain(it, 10);
        it.next();
        assertThat(it.isValid()).as("next() after the end: still invalid (scan returns a FusedIterator)").isFalse();
        assertThatThrownBy(it::key, "key() after the end").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_snapshot_reads_the_same_after_a_flush_publishes_a_new_state() throws Exception {
        LsmStorageInner inner = LsmStorageInner.open(dir.resolve("db"), LsmStorageOptions.forTests());
        for (String key : new String[] {"a", "b", "c", "d"}) {
            inner.put(Bytes.of(key), Bytes.of("frozen-" + key));
        }
        inner.delete(Bytes.of("c"));
        inner.forceFreezeMemtable();
        inner.put(Bytes.of("b"), Bytes.of("current"));
        LsmStorageState before = inner.state();

        // What day 6's flush does: write the oldest frozen memtable as an SST, then publish a new state.
        MemTable frozen = before.immMemtables().get(before.immMemtables().size() - 1);
        SsTableBuilder builder = new SsTableBuilder(inner.options().blockSize(),
                dir.resolve("db").resolve(frozen.id() + ".sst"));
        MemTableIterator entries = frozen.scan(Bound.unbounded(), Bound.unbounded());
        for (; entries.isValid(); entries.next()) {
            builder.add(entries.key(), entries.value());
        }
        SsTable flushed = builder.build(frozen.id(), inner.blockCache());
        LsmStorageState after = inner.updateState(s -> {
            List<MemTable> imm = new ArrayList<>(s.immMemtables());
            imm.remove(frozen);
            List<Long> l0 = new ArrayList<>();
            l0.add(flushed.id());
            l0.addAll(s.l0SstIds());
            Map<Long, SsTable> byId = new HashMap<>(s.sstables());
            byId.put(flushed.id(), flushed);
            return new LsmStorageState(s.memtable(), imm, l0, byId);
        });

        List<String> expected = List.of("a=frozen-a", "b=current", "d=frozen-d");
        assertThat(scan(before, Bound.unbounded(), Bound.unbounded()))
                .as("the snapshot taken before the flush still reads the frozen memtable: a snapshot never changes")
                .containsExactlyElementsOf(expected);
        assertThat(scan(after, Bound.unbounded(), Bound.unbounded()))
                .as("the state after the flush reads the same data from the new SST (c stays deleted: the tombstone "
                        + "was written to the SST)")
                .containsExactlyElementsOf(expected);
        assertThat(LsmReadPath.get(after, Bytes.of("a"))).as("get(a) after the flush, from the SST")
                .isEqualTo(Bytes.of("frozen-a"));
        assertThat(LsmReadPath.get(after, Bytes.of("c"))).as("get(c) after the flush: the SST holds its tombstone")
                .isNull();
    }
}
