package org.lsmworkbook.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.lsmworkbook.read.ReadFixtures.drain;
import static org.lsmworkbook.read.ReadFixtures.shown;
import static org.lsmworkbook.read.ReadFixtures.sst;
import static org.lsmworkbook.read.ReadFixtures.state;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lsmworkbook.engine.FusedIterator;
import org.lsmworkbook.engine.LsmIterator;
import org.lsmworkbook.engine.LsmStorageState;
import org.lsmworkbook.kv.Bound;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.memtable.MemTable;
import org.lsmworkbook.read.ReadFixtures.Entry;
import org.lsmworkbook.read.ReadFixtures.ScriptedIterator;
import org.lsmworkbook.sst.BlockCache;
import org.lsmworkbook.sst.SsTable;

/**
 * Hidden tests of day 5: corners the public tests leave open.
 *
 * <ul>
 *   <li>{@code side_by_side_ssts_are_opened_exactly_when_their_range_meets_the_request}: a seeded
 *       model with a layout the public tests do not build: many SSTs whose key ranges lie side by
 *       side (as sequential writes make them), binary keys with 0x00 and 0xFF bytes and prefixes,
 *       bounds on and right next to every end key, and {@code numActiveIterators()} checked
 *       <em>exactly</em> (the public model only checks an upper limit).
 *   <li>{@code a_hidden_entry_of_b_is_skipped_at_once_in_create_and_in_next}: {@code
 *       numActiveIterators()} of {@code TwoMergeIterator} after every step of a run of ties; a merge
 *       that skips b's hidden entry late (in the following {@code next()}) reports one too many.
 *   <li>{@code twelve_overlapping_ssts_are_read_in_the_order_of_the_state}: newest-wins over a dozen
 *       SSTs that all hold the same keys; a read path that walks {@code sstables()} (a map, in no
 *       order) instead of {@code l0Sstables()} passes with two SSTs by luck, not with twelve.
 *   <li>{@code keys_one_byte_beside_an_sst_range_never_open_it}: keys and bounds that differ from an
 *       SST's first or last key by one trailing 0x00 or 0xFF byte; that SST must not be read.
 *   <li>{@code tombstones_in_memtables_hide_every_key_of_a_many_block_sst}: every key of an SST is
 *       deleted in newer memtables, so the merge yields nothing but tombstones hiding SST entries.
 * </ul>
 */
@Tag("hidden")
@Timeout(60)
@DisplayName("Day 5 · hidden — side-by-side SSTs, exact skipping, binary bounds, deep overlap")
class Day5HiddenTest {

    @TempDir
    Path dir;

    /** The SSTs a test built, closed after it (closing twice is harmless). */
    private final List<SsTable> opened = new ArrayList<>();

    @AfterEach
    void closeTables() throws IOException {
        for (SsTable table : opened) {
            table.close();
        }
    }

    private SsTable track(SsTable table) {
        opened.add(table);
        return table;
    }

    private static Bytes b(String text) {
        return Bytes.of(text);
    }

    private static Bytes bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return Bytes.wrap(out);
    }

    private static Bytes append(Bytes key, int last) {
        byte[] out = new byte[key.length() + 1];
        key.copyTo(out, 0);
        out[key.length()] = (byte) last;
        return Bytes.wrap(out);
    }

    private static boolean within(Bytes key, Bound lower, Bound upper) {
        boolean aboveLower = lower.isUnbounded()
                || (lower.isIncluded() ? key.compareTo(lower.key()) >= 0 : key.compareTo(lower.key()) > 0);
        boolean belowUpper = upper.isUnbounded()
                || (upper.isIncluded() ? key.compareTo(upper.key()) <= 0 : key.compareTo(upper.key()) < 0);
        return aboveLower && belowUpper;
    }

    /**
     * True if no byte string at all lies within the bounds: upside down, one key that a bound
     * excludes, or (x, x + 0x00) with both ends excluded. For such requests {@code KeyRanges.overlaps}
     * may answer either way.
     */
    private static boolean holdsNoKey(Bound lower, Bound upper) {
        if (lower.isUnbounded() || upper.isUnbounded()) {
            return false;
        }
        int cmp = lower.key().compareTo(upper.key());
        if (cmp > 0 || (cmp == 0 && (lower.isExcluded() || upper.isExcluded()))) {
            return true;
        }
        return lower.isExcluded() && upper.isExcluded() && upper.key().equals(append(lower.key(), 0x00));
    }

    /** Whether the closed range [first, last] meets the request (the request holds some key). */
    private static boolean rangeMeets(Bytes first, Bytes last, Bound lower, Bound upper) {
        boolean upperOk = upper.isUnbounded()
                || (upper.isIncluded() ? upper.key().compareTo(first) >= 0 : upper.key().compareTo(first) > 0);
        boolean lowerOk = lower.isUnbounded()
                || (lower.isIncluded() ? lower.key().compareTo(last) <= 0 : lower.key().compareTo(last) < 0);
        return upperOk && lowerOk;
    }

    private static List<Entry> expectedEntries(NavigableMap<Bytes, Bytes> live, Bound lower, Bound upper) {
        List<Entry> out = new ArrayList<>();
        for (Map.Entry<Bytes, Bytes> e : live.entrySet()) {
            if (within(e.getKey(), lower, upper)) {
                out.add(new Entry(e.getKey(), e.getValue()));
            }
        }
        return out;
    }

    // ---- Tasks 2 and 4: side-by-side SSTs ------------------------------------------------------------

    /** One SST of the side-by-side layout, with what it holds (tombstones included). */
    private record Run(long id, NavigableMap<Bytes, Bytes> entries) {
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {5, 77, 4_242, 60_013})
    @Tag("points=2")
    void side_by_side_ssts_are_opened_exactly_when_their_range_meets_the_request(long seed) throws IOException {
        Random random = new Random(seed);
        int[] alphabet = {0x00, 0x01, 0x61, 0x62, 0x7F, 0x80, 0xFE, 0xFF};
        TreeSet<Bytes> keySet = new TreeSet<>();
        int wanted = 60 + random.nextInt(60);
        while (keySet.size() < wanted) {
            int[] key = new int[1 + random.nextInt(4)];
            for (int i = 0; i < key.length; i++) {
                key[i] = alphabet[random.nextInt(alphabet.length)];
            }
            keySet.add(bytes(key));
        }
        List<Bytes> keys = new ArrayList<>(keySet);
        int numSsts = 6 + random.nextInt(7);
        // Cut the sorted keys into numSsts runs that lie side by side; each run is one SST.
        List<Integer> cuts = new ArrayList<>();
        while (cuts.size() < numSsts - 1) {
            int cut = 1 + random.nextInt(keys.size() - 1);
            if (!cuts.contains(cut)) {
                cuts.add(cut);
            }
        }
        Collections.sort(cuts);
        cuts.add(keys.size());
        List<Long> ids = new ArrayList<>();
        for (long id = 1; id <= numSsts; id++) {
            ids.add(id);
        }
        Collections.shuffle(ids, random); // key order and age have nothing to do with each other
        int blockSize = new int[] {16, 32, 64}[random.nextInt(3)];
        BlockCache cache = new BlockCache(random.nextBoolean() ? 0 : 1 << 20);
        List<Run> runs = new ArrayList<>();
        int from = 0;
        for (int r = 0; r < numSsts; r++) {
            NavigableMap<Bytes, Bytes> entries = new TreeMap<>();
            for (int i = from; i < cuts.get(r); i++) {
                entries.put(keys.get(i), random.nextInt(4) == 0 ? Bytes.EMPTY : b("s" + ids.get(r) + "-" + i));
            }
            runs.add(new Run(ids.get(r), entries));
            from = cuts.get(r);
        }
        List<Run> newestFirst = new ArrayList<>(runs);
        newestFirst.sort((x, y) -> Long.compare(y.id(), x.id()));
        List<SsTable> tables = new ArrayList<>();
        NavigableMap<Bytes, Bytes> live = new TreeMap<>();
        for (Run run : newestFirst) {
            List<Entry> entries = new ArrayList<>();
            run.entries().forEach((k, v) -> entries.add(new Entry(k, v)));
            tables.add(track(sst(dir, run.id(), cache, blockSize, entries)));
            run.entries().forEach((k, v) -> {
                if (!v.isEmpty()) {
                    live.put(k, v);
                }
            });
        }
        LsmStorageState state = state(MemTable.create(numSsts + 1), List.of(), tables);
        String layout = "seed " + seed + ": " + numSsts + " SSTs side by side over " + keys.size()
                + " binary keys, blocks of " + blockSize + " bytes";

        // Probe keys: every key, and its neighbours one byte longer or shorter.
        List<Bytes> probes = new ArrayList<>(keys);
        for (Bytes key : keys) {
            probes.add(append(key, 0x00));
            probes.add(append(key, 0xFF));
            if (key.length() > 1) {
                probes.add(key.slice(0, key.length() - 1));
            }
        }
        for (Bytes probe : probes) {
            assertThat(LsmReadPath.get(state, probe))
                    .as("%s: get(%s) (null when absent or deleted)", layout, probe)
                    .isEqualTo(live.get(probe));
        }

        for (int round = 0; round < 400; round++) {
            Bound lower = randomBound(random, probes);
            Bound upper = randomBound(random, probes);
            FusedIterator<LsmIterator> it = LsmReadPath.scan(state, lower, upper);
            int active = it.numActiveIterators();
            assertThat(drain(it, live.size() + 1))
                    .as("%s, round %d: scan(%s, %s)", layout, round, lower, upper)
                    .containsExactlyElementsOf(expectedEntries(live, lower, upper));
            if (holdsNoKey(lower, upper)) {
                continue;
            }
            // Every SST whose range meets the request is opened and seeked to the lower bound. Then
            // LsmIterator.create skips the tombstones at the start of the merged stream, which may use up
            // some of those SSTs; the others are still active.
            List<Run> opened = new ArrayList<>();
            NavigableMap<Bytes, Bytes> stream = new TreeMap<>();
            for (Run run : newestFirst) {
                if (rangeMeets(run.entries().firstKey(), run.entries().lastKey(), lower, upper)) {
                    opened.add(run);
                    run.entries().forEach((k, v) -> {
                        if (within(k, lower, Bound.unbounded())) {
                            stream.put(k, v);
                        }
                    });
                }
            }
            Bytes stop = null;
            for (Map.Entry<Bytes, Bytes> e : stream.entrySet()) {
                if (!within(e.getKey(), Bound.unbounded(), upper) || !e.getValue().isEmpty()) {
                    stop = e.getKey();
                    break;
                }
            }
            List<Long> openedIds = new ArrayList<>();
            List<Long> stillActive = new ArrayList<>();
            for (Run run : opened) {
                openedIds.add(run.id());
                if (stop != null && run.entries().lastKey().compareTo(stop) >= 0) {
                    stillActive.add(run.id());
                }
            }
            assertThat(active)
                    .as("%s, round %d: right after scan(%s, %s) returns, numActiveIterators() must be exactly %d. The "
                            + "SSTs whose key range [firstKey, lastKey] meets the request are %s; each is opened and "
                            + "seeked to the first key within the lower bound; the tombstones at the start of the "
                            + "merged stream (skipped by LsmIterator.create) leave SSTs %s active (the memtable is "
                            + "empty). More: an SST that cannot overlap was opened; fewer: one that can was skipped, "
                            + "or was not seeked to the lower bound. Check KeyRanges.overlaps for bounds equal to an "
                            + "end key (Day 5, Tasks 2 and 4)",
                            layout, round, lower, upper, stillActive.size(), openedIds, stillActive)
                    .isEqualTo(stillActive.size());
        }

        // The same SSTs under memtables that delete and overwrite some of their keys.
        MemTable frozen = MemTable.create(numSsts + 1);
        MemTable current = MemTable.create(numSsts + 2);
        NavigableMap<Bytes, Bytes> layered = new TreeMap<>(live);
        for (Bytes key : keys) {
            int dice = random.nextInt(8);
            if (dice == 0) {
                frozen.put(key, Bytes.EMPTY);
                layered.remove(key);
            } else if (dice == 1) {
                frozen.put(key, b("frozen"));
                layered.put(key, b("frozen"));
            } else if (dice == 2) {
                current.put(key, b("current"));
                layered.put(key, b("current"));
            }
        }
        LsmStorageState withMemtables = state(current, List.of(frozen), tables);
        for (Bytes probe : probes) {
            assertThat(LsmReadPath.get(withMemtables, probe))
                    .as("%s, with a frozen and a current memtable on top: get(%s)", layout, probe)
                    .isEqualTo(layered.get(probe));
        }
        for (int round = 0; round < 150; round++) {
            Bound lower = randomBound(random, probes);
            Bound upper = randomBound(random, probes);
            assertThat(drain(LsmReadPath.scan(withMemtables, lower, upper), layered.size() + 1))
                    .as("%s, with a frozen and a current memtable on top, round %d: scan(%s, %s)",
                            layout, round, lower, upper)
                    .containsExactlyElementsOf(expectedEntries(layered, lower, upper));
        }
    }

    private static Bound randomBound(Random random, List<Bytes> probes) {
        Bytes key = probes.get(random.nextInt(probes.size()));
        switch (random.nextInt(5)) {
            case 0:
                return Bound.unbounded();
            case 1:
            case 2:
                return Bound.included(key);
            default:
                return Bound.excluded(key);
        }
    }

    // ---- Task 1: when b's hidden entry is skipped -------------------------------------------------------

    @Test
    void a_hidden_entry_of_b_is_skipped_at_once_in_create_and_in_next() throws IOException {
        ScriptedIterator a = ScriptedIterator.of("a", "A", "b", "A", "c", "A");
        ScriptedIterator b = ScriptedIterator.of("a", "B", "b", "B", "c", "B", "d", "B");
        TwoMergeIterator<ScriptedIterator, ScriptedIterator> it = TwoMergeIterator.create(a, b);
        String hint = " (the chapter: when both sides stand on the same key, b is moved past it at once, in create "
                + "and in next; Day 5, Task 1)";
        assertThat(it.key()).as("first key").isEqualTo(b("a"));
        assertThat(b.nextCalls()).as("after create, b has been moved past its hidden a" + hint).isEqualTo(1);
        assertThat(it.numActiveIterators()).as("after create: a on a, b on b: 1 + 1" + hint).isEqualTo(2);

        String[] keys = {"b", "c", "d"};
        String[] values = {"A", "A", "B"};
        int[] bNextCalls = {2, 3, 3};
        int[] active = {2, 2, 1};
        for (int step = 0; step < 3; step++) {
            it.next();
            assertThat(it.key()).as("key after next() #%d", step + 1).isEqualTo(b(keys[step]));
            assertThat(it.value()).as("value after next() #%d (a wins ties)", step + 1).isEqualTo(b(values[step]));
            assertThat(b.nextCalls())
                    .as("calls of b.next() after next() #%d: every key that a also has is skipped in b as soon as "
                            + "both stand on it%s", step + 1, hint)
                    .isEqualTo(bNextCalls[step]);
            assertThat(it.numActiveIterators())
                    .as("numActiveIterators() after next() #%d: b no longer counts for a key it only holds hidden%s",
                            step + 1, hint)
                    .isEqualTo(active[step]);
        }
        it.next();
        assertThat(it.isValid()).as("after d the merge is at its end").isFalse();
        assertThat(it.numActiveIterators()).as("numActiveIterators() at the end").isZero();

        ScriptedIterator onlyA = ScriptedIterator.of("k", "new");
        ScriptedIterator onlyB = ScriptedIterator.of("k", "old");
        TwoMergeIterator<ScriptedIterator, ScriptedIterator> tie = TwoMergeIterator.create(onlyA, onlyB);
        assertThat(tie.numActiveIterators())
                .as("a = [k], b = [k]: after create b has been moved past its hidden k and is exhausted, so only a "
                        + "counts: 1" + hint)
                .isEqualTo(1);
        tie.next();
        assertThat(tie.isValid()).as("a = [k], b = [k]: one key, then the end").isFalse();
        assertThat(onlyB.nextCalls()).as("b.next() was called once, for its hidden k").isEqualTo(1);
    }

    // ---- Tasks 3 and 4: a dozen overlapping SSTs ---------------------------------------------------------

    @Test
    void twelve_overlapping_ssts_are_read_in_the_order_of_the_state() throws IOException {
        BlockCache cache = new BlockCache(0);
        // Ids 84, 77, ..., 7: spread out, so that no order of a hash map of them happens to be newest first.
        List<SsTable> newestFirst = new ArrayList<>();
        TreeMap<String, String> expected = new TreeMap<>();
        for (int i = 12; i >= 1; i--) {
            long id = 7L * i;
            List<String> kv = new ArrayList<>();
            kv.add("a" + id);
            kv.add("only-in-" + id);
            expected.put("a" + id, "only-in-" + id);
            kv.add("k");
            kv.add("v" + id);
            if (i == 1 || i == 5 || i == 9) {
                kv.add("m");
                kv.add(i == 5 ? "" : "m" + id); // SST 63 puts m back after SST 35 deleted it
            }
            kv.add("t");
            kv.add(i == 12 ? "" : "t" + id); // the newest SST, 84, deletes t
            if (i == 3 || i == 4) {
                kv.add("u");
                kv.add(i == 4 ? "" : "u" + id); // SST 28 deletes u of SST 21, and nobody puts it back
            }
            newestFirst.add(track(sst(dir, id, cache, 24, ReadFixtures.entries(kv.toArray(new String[0])))));
        }
        expected.put("k", "v84");
        expected.put("m", "m63");
        LsmStorageState state = ReadFixtures.sstsOnly(newestFirst);
        String hint = "; the L0 SSTs must be read in the order of state.l0Sstables() (newest first), not in the order "
                + "of state.sstables(), a map that keeps no order (Day 5, Tasks 3 and 4)";
        assertThat(LsmReadPath.get(state, b("k"))).as("get(k): all twelve SSTs have k; SST 84 is the newest" + hint)
                .isEqualTo(b("v84"));
        assertThat(LsmReadPath.get(state, b("m"))).as("get(m): SST 7 puts it, SST 35 deletes it, SST 63 puts it "
                + "again" + hint).isEqualTo(b("m63"));
        assertThat(LsmReadPath.get(state, b("t"))).as("get(t): SST 84, the newest, deletes it" + hint).isNull();
        assertThat(LsmReadPath.get(state, b("u"))).as("get(u): SST 28 deletes what SST 21 put" + hint).isNull();
        assertThat(LsmReadPath.get(state, b("a49"))).as("get(a49): only SST 49 has it").isEqualTo(b("only-in-49"));

        List<String> all = new ArrayList<>();
        expected.forEach((k, v) -> all.add(k + "=" + v));
        assertThat(shown(drain(LsmReadPath.scan(state, Bound.unbounded(), Bound.unbounded()), 100)))
                .as("a full scan over twelve SSTs that share k, m, t and u" + hint)
                .containsExactlyElementsOf(all);
        assertThat(shown(drain(LsmReadPath.scan(state, Bound.excluded(b("a84")), Bound.included(b("u"))), 100)))
                .as("scan(excluded a84, included u)" + hint)
                .containsExactly("k=v84", "m=m63");
    }

    // ---- Tasks 2 to 4: keys one byte beside an SST's range --------------------------------------------------

    @Test
    void keys_one_byte_beside_an_sst_range_never_open_it() throws IOException {
        BlockCache cache = new BlockCache(0);
        Bytes lxx = bytes('l', 0xFF, 0xFF);
        Bytes p0 = bytes('p', 0x00);
        SsTable older = track(sst(dir, 1, cache, 32, List.of(
                new Entry(lxx, b("older")), new Entry(p0, b("older")), new Entry(b("z"), b("older")))));
        SsTable newer = track(sst(dir, 2, cache, "m", "newer", "n", "newer", "p", "newer"));
        LsmStorageState state = ReadFixtures.sstsOnly(List.of(newer, older));
        newer.close(); // from now on, reading SST 2 [m..p] throws

        String hint = "; SST 2 holds m..p and its file is closed, so reading it throws: a key or a bound one byte "
                + "beside its range (a trailing 0x00 or 0xFF) must not open it (Day 5, Tasks 2 to 4, KeyRanges)";
        assertThat(catchThrowable(() -> LsmReadPath.get(state, lxx))).as("get(l FF FF)" + hint).isNull();
        assertThat(LsmReadPath.get(state, lxx)).as("get(l FF FF): from SST 1").isEqualTo(b("older"));
        assertThat(catchThrowable(() -> LsmReadPath.get(state, p0))).as("get(p 00)" + hint).isNull();
        assertThat(LsmReadPath.get(state, p0)).as("get(p 00): from SST 1").isEqualTo(b("older"));
        assertThat(catchThrowable(() -> LsmReadPath.get(state, bytes('l', 0xFF)))).as("get(l FF)" + hint).isNull();
        assertThat(LsmReadPath.get(state, bytes('l', 0xFF))).as("get(l FF): no SST has it").isNull();
        assertThat(LsmReadPath.get(state, bytes('p', 0xFF))).as("get(p FF): in SST 1's range, not in it").isNull();

        Entry lxxOlder = new Entry(lxx, b("older"));
        Entry p0Older = new Entry(p0, b("older"));
        Entry zOlder = new Entry(b("z"), b("older"));
        Object[][] scans = {
            {Bound.unbounded(), Bound.excluded(b("m")), List.of(lxxOlder)},
            {Bound.unbounded(), Bound.included(bytes('l', 0xFF, 0xFF, 0xFF)), List.of(lxxOlder)},
            {Bound.excluded(b("p")), Bound.unbounded(), List.of(p0Older, zOlder)},
            {Bound.included(p0), Bound.included(b("z")), List.of(p0Older, zOlder)},
            {Bound.excluded(b("p")), Bound.included(p0), List.of(p0Older)},
            {Bound.included(lxx), Bound.excluded(b("m")), List.of(lxxOlder)},
        };
        for (Object[] scan : scans) {
            Bound lower = (Bound) scan[0];
            Bound upper = (Bound) scan[1];
            FusedIterator<LsmIterator> it;
            try {
                it = LsmReadPath.scan(state, lower, upper);
            } catch (IOException e) {
                throw new AssertionError("scan(" + lower + ", " + upper + ") read SST 2" + hint, e);
            }
            assertThat(it.numActiveIterators())
                    .as("scan(%s, %s): only SST 1 may be opened%s", lower, upper, hint)
                    .isEqualTo(1);
            assertThat(drain(it, 10)).as("scan(%s, %s): the entries", lower, upper)
                    .containsExactlyElementsOf(castList(scan[2]));
        }
        assertThat(catchThrowable(() -> drain(LsmReadPath.scan(state, Bound.included(b("p")), Bound.unbounded()), 10)))
                .as("test check: scan(included p, unbounded) does meet SST 2 [m..p], so it must try to read it and "
                        + "report the IOException of its closed file")
                .isInstanceOf(IOException.class);
    }

    @SuppressWarnings("unchecked")
    private static List<Entry> castList(Object list) {
        return (List<Entry>) list;
    }

    // ---- Tasks 1 and 4: everything deleted -------------------------------------------------------------------

    @Test
    void tombstones_in_memtables_hide_every_key_of_a_many_block_sst() throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            entries.add(Entry.of(String.format("k%02d", i), "sst-" + i));
        }
        SsTable table = track(sst(dir, 1, new BlockCache(1 << 20), 24, entries));
        assertThat(table.numBlocks()).as("test setup: many blocks").isGreaterThan(10);
        MemTable frozen = MemTable.create(2);
        MemTable current = MemTable.create(3);
        for (int i = 0; i < 30; i++) {
            (i % 2 == 0 ? frozen : current).put(b(String.format("k%02d", i)), Bytes.EMPTY);
        }
        LsmStorageState state = state(current, List.of(frozen), List.of(table));
        String hint = "; every key of the SST is deleted in a newer memtable: TwoMergeIterator must let each "
                + "memtable tombstone hide the SST's entry of the same key, and LsmIterator then skips the "
                + "tombstone (Day 5, Tasks 1 and 4)";
        assertThat(shown(drain(LsmReadPath.scan(state, Bound.unbounded(), Bound.unbounded()), 100)))
                .as("full scan" + hint).isEmpty();
        assertThat(shown(drain(LsmReadPath.scan(state, Bound.excluded(b("k05")), Bound.included(b("k20"))), 100)))
                .as("scan(excluded k05, included k20)" + hint).isEmpty();
        for (int i = 0; i < 30; i++) {
            assertThat(LsmReadPath.get(state, b(String.format("k%02d", i)))).as("get(k%02d)%s", i, hint).isNull();
        }

        current.put(b("k17"), b("back"));
        frozen.put(b("k29a"), b("new"));
        assertThat(shown(drain(LsmReadPath.scan(state, Bound.unbounded(), Bound.unbounded()), 100)))
                .as("after k17 is put again in the current memtable and k29a is added to the frozen one" + hint)
                .containsExactly("k17=back", "k29a=new");
        assertThat(shown(drain(LsmReadPath.scan(state, Bound.included(b("k17")), Bound.excluded(b("k29a"))), 100)))
                .as("scan(included k17, excluded k29a)" + hint)
                .containsExactly("k17=back");
    }
}
