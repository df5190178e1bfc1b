package org.lsmworkbook.memtable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lsmworkbook.memtable.TestIterators.drain;
import static org.lsmworkbook.memtable.TestIterators.entries;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lsmworkbook.kv.Bound;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.kv.StorageIterator;
import org.lsmworkbook.memtable.TestIterators.Entry;
import org.lsmworkbook.memtable.TestIterators.ScriptedIterator;

/**
 * Day 3 checks beyond the public suite. What each test covers that the public tests do not:
 *
 * <ul>
 *   <li>{@code the_merge_never_reads_a_childs_key_after_moving_that_child}: children whose
 *       {@code key()} is a view of a buffer that {@code next()} overwrites, as {@link
 *       StorageIterator} allows ("valid at least until the next call to next()"). A merge that
 *       moves the current child first and then compares the others with the key it took from it
 *       yields duplicates; the public children never reuse their keys, so they cannot tell.
 *   <li>{@code the_merge_keeps_its_children_not_the_callers_list}: the list handed to {@code
 *       create} is cleared right after; the merge must go on with the children it took.
 *   <li>{@code scan_bounds_compare_unsigned_and_respect_prefixes}: bounds on {@code 0x7F}/{@code
 *       0x80} (upside down only in unsigned order), on {@code 0x00} and {@code 0xFF}, and on keys
 *       that are prefixes of each other ({@code excluded("a")} vs {@code "a\0"}).
 *   <li>{@code put_stores_keys_and_values_as_given_without_copying}: the very objects put come
 *       back from {@code get} and {@code scan}, as {@code MemTable.put}'s Javadoc promises.
 *   <li>{@code nested_merges_of_many_tombstone_heavy_memtables}: a seeded model of another shape
 *       than {@code MemTableModelTest}: up to 16 memtables over a prefix-heavy key space of the
 *       bytes 00, 7F, 80, FF, half of the values tombstones, bounds from the same key space, and
 *       the merge built as a merge of two nested merges.
 * </ul>
 */
@Tag("hidden")
@Timeout(30)
@DisplayName("Day 3 · hidden — key views in merges, the caller's list, unsigned bounds, no copies, nested merges")
class Day3HiddenTest {

    /**
     * A child whose key and value are views of one buffer that every {@code next()} overwrites, as
     * an iterator that decodes entries into a reused array would. Once exhausted, the buffer is
     * filled with {@code 0xEE}, so a key read before can no longer be trusted.
     */
    private static final class BufferReusingIterator implements StorageIterator {
        private final List<Entry> entries;
        private final byte[] keyBuffer = new byte[64];
        private final byte[] valueBuffer = new byte[64];
        private int position;
        private int keyLength;
        private int valueLength;

        BufferReusingIterator(String... keysAndValues) {
            this.entries = entries(keysAndValues);
            load();
        }

        private void load() {
            if (position < entries.size()) {
                Entry e = entries.get(position);
                keyLength = e.key().length();
                valueLength = e.value().length();
                e.key().copyTo(keyBuffer, 0);
                e.value().copyTo(valueBuffer, 0);
            } else {
                Arrays.fill(keyBuffer, (byte) 0xEE);
                Arrays.fill(valueBuffer, (byte) 0xEE);
            }
        }

        @Override
        public Bytes key() {
            check();
            return Bytes.wrap(keyBuffer, 0, keyLength);
        }

        @Override
        public Bytes value() {
            check();
            return Bytes.wrap(valueBuffer, 0, valueLength);
        }

        @Override
        public boolean isValid() {
            return position < entries.size();
        }

        @Override
        public void next() {
            if (position < entries.size()) {
                position++;
                load();
            }
        }

        private void check() {
            if (!isValid()) {
                throw new IllegalStateException("test child: key()/value() on an invalid iterator");
            }
        }
    }

    /** Drains with copies, because the children's keys and values change under the merge. */
    private static List<Entry> drainCopies(StorageIterator it, int limit) throws IOException {
        List<Entry> out = new ArrayList<>();
        while (it.isValid()) {
            if (out.size() == limit) {
                throw new AssertionError("the merge yielded more than " + limit + " entries");
            }
            out.add(new Entry(Bytes.copyOf(it.key()), Bytes.copyOf(it.value())));
            it.next();
        }
        return out;
    }

    @Test
    @Tag("points=2")
    void the_merge_never_reads_a_childs_key_after_moving_that_child() throws Exception {
        MergeIterator<StorageIterator> it = MergeIterator.create(List.of(
                new BufferReusingIterator("a", "0a", "c", "0c", "e", "0e"),
                new BufferReusingIterator("a", "1a", "b", "1b", "c", "1c", "d", "1d"),
                ScriptedIterator.of("c", "2c", "e", "2e", "f", "2f")));
        assertThat(drainCopies(it, 20))
                .as("merging children whose key() is a view of a buffer that their next() overwrites (allowed by "
                        + "StorageIterator: a key is valid until the next call to next()). In MergeIterator.next, move the "
                        + "other children that are on the current key BEFORE you move the current child, or compare "
                        + "them with a key you read before any move; a key taken from a child is stale once that "
                        + "child moved. Each key once, the lowest index wins")
                .containsExactlyElementsOf(entries("a", "0a", "b", "1b", "c", "0c", "d", "1d", "e", "0e", "f", "2f"));

        // All children reuse their buffers and hold the same keys: every key must still come once.
        List<StorageIterator> same = new ArrayList<>();
        for (int c = 0; c < 5; c++) {
            same.add(new BufferReusingIterator("k1", "v" + c, "k2", "v" + c, "k3", "v" + c));
        }
        assertThat(drainCopies(MergeIterator.create(same), 20))
                .as("five buffer-reusing children all holding k1, k2, k3: each key once, with child 0's value")
                .containsExactlyElementsOf(entries("k1", "v0", "k2", "v0", "k3", "v0"));
    }

    @Test
    void the_merge_keeps_its_children_not_the_callers_list() throws Exception {
        ScriptedIterator first = ScriptedIterator.of("a", "1", "c", "3");
        ScriptedIterator second = ScriptedIterator.of("b", "2", "c", "x", "d", "4");
        List<ScriptedIterator> list = new ArrayList<>(List.of(first, second));
        MergeIterator<ScriptedIterator> it = MergeIterator.create(list);
        list.clear();
        list.add(ScriptedIterator.of("z", "not a child"));
        assertThat(it.numActiveIterators())
                .as("numActiveIterators() after the caller reused its list: the merge still has its 2 children "
                        + "(MergeIterator.create: \"the list is not kept, the children are\")")
                .isEqualTo(2);
        assertThat(drain(it, 10))
                .as("the merge after the caller cleared and refilled the list it gave to create(): the entries of the "
                        + "original two children; keep the children (in the heap), never the list")
                .containsExactlyElementsOf(entries("a", "1", "b", "2", "c", "3", "d", "4"));
        assertThat(it.numActiveIterators()).as("numActiveIterators() at the end").isZero();
    }

    private static Bytes bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return Bytes.wrap(out);
    }

    @Test
    void scan_bounds_compare_unsigned_and_respect_prefixes() throws Exception {
        MemTable table = MemTable.create(1);
        Bytes[] keys = {bytes(0x00), bytes(0x00, 0x00), Bytes.of("a"), bytes('a', 0x00), Bytes.of("ab"),
            bytes(0x7F), bytes(0x7F, 0xFF), bytes(0x80), bytes(0xFF), bytes(0xFF, 0xFF)};
        // Put in reverse, so that only the skip list's order can sort them.
        for (int i = keys.length - 1; i >= 0; i--) {
            table.put(keys[i], Bytes.of("v" + i));
        }
        Object[][] cases = {
            {Bound.included(bytes(0x80)), Bound.included(bytes(0x7F)), List.of(),
                "included 0x80 .. included 0x7F: upside down in unsigned order (0x80 > 0x7F), so empty, no exception"},
            {Bound.included(bytes(0x7F)), Bound.included(bytes(0x80)), List.of(5, 6, 7),
                "included 0x7F .. included 0x80: NOT upside down unsigned, although (byte) 0x80 < 0x7F signed"},
            {Bound.excluded(bytes(0x7F)), Bound.excluded(bytes(0x80)), List.of(6),
                "excluded 0x7F .. excluded 0x80: only 0x7F 0xFF lies strictly between"},
            {Bound.unbounded(), Bound.excluded(bytes(0x00)), List.of(),
                "unbounded .. excluded 0x00: no non-empty key is below 0x00"},
            {Bound.unbounded(), Bound.included(bytes(0x00)), List.of(0),
                "unbounded .. included 0x00"},
            {Bound.excluded(bytes(0x00)), Bound.excluded(Bytes.of("a")), List.of(1),
                "excluded 0x00 .. excluded \"a\": 0x00 0x00 only"},
            {Bound.excluded(Bytes.of("a")), Bound.included(bytes('a', 0x00)), List.of(3),
                "excluded \"a\" .. included \"a\\x00\": the prefix is out, the longer key is in"},
            {Bound.included(Bytes.of("a")), Bound.excluded(bytes('a', 0x00)), List.of(2),
                "included \"a\" .. excluded \"a\\x00\": \"a\" only"},
            {Bound.excluded(bytes('a', 0x00)), Bound.excluded(Bytes.of("ab")), List.of(),
                "excluded \"a\\x00\" .. excluded \"ab\": nothing strictly between"},
            {Bound.excluded(bytes(0xFF)), Bound.unbounded(), List.of(9),
                "excluded 0xFF .. unbounded: 0xFF 0xFF, which is longer"},
            {Bound.included(bytes(0xFF, 0xFF, 0x00)), Bound.unbounded(), List.of(),
                "included 0xFF 0xFF 0x00 .. unbounded: after every key"},
            {Bound.excluded(bytes(0xFF, 0xFF)), Bound.excluded(bytes(0xFF)), List.of(),
                "excluded 0xFF 0xFF .. excluded 0xFF: upside down by length"},
        };
        for (Object[] c : cases) {
            @SuppressWarnings("unchecked")
            List<Integer> indexes = (List<Integer>) c[2];
            List<Entry> expected = new ArrayList<>();
            for (int i : indexes) {
                expected.add(new Entry(keys[i], Bytes.of("v" + i)));
            }
            List<Entry> got;
            try {
                got = drain(table.scan((Bound) c[0], (Bound) c[1]), keys.length + 1);
            } catch (RuntimeException e) {
                throw new AssertionError("MemTable.scan(" + c[3] + ") must not throw, but threw " + e + ". Decide "
                        + "whether a range is upside down with Bytes.compareTo (unsigned, shorter prefix first), never "
                        + "with signed bytes (Arrays.compare) or strings", e);
            }
            assertThat(got)
                    .as("MemTable.scan(%s)", c[3])
                    .containsExactlyElementsOf(expected);
        }
    }

    @Test
    void put_stores_values_as_given_and_keys_as_arrays_of_their_own() throws Exception {
        MemTable table = MemTable.create(1);
        byte[] backing = "xxKEYyy".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Bytes key = Bytes.wrap(backing, 2, 3);
        Bytes value = Bytes.wrap(new byte[1_000]);
        table.put(key, value);
        assertThat(table.get(Bytes.of("KEY")))
                .as("get returns the very Bytes object that put stored: MemTable.put's Javadoc says values are "
                        + "stored as given, not copied (Bytes are immutable; a copy per put costs memory and time)")
                .isSameAs(value);
        MemTableIterator it = table.scan(Bound.unbounded(), Bound.unbounded());
        assertThat(it.key())
                .as("scan's key() is the key that was put, only its 3 bytes: the key was a view of the middle of "
                        + "a 7-byte array, and the memtable stores key.toByteArray() (MemTable's class comment)")
                .isEqualTo(Bytes.of("KEY"));
        assertThat(it.value()).as("scan's value() is the value object that was put, not a copy").isSameAs(value);
        Bytes newer = Bytes.of("newer");
        table.put(Bytes.of("KEY"), newer);
        assertThat(table.get(key)).as("after an overwrite, get returns the newer value object itself").isSameAs(newer);
        assertThat(table.approximateSize())
                .as("approximateSize() counts key.length() + value.length() (3 + 1,000, then 3 + 5), not the size of "
                        + "the arrays behind the views")
                .isEqualTo(3 + 1_000 + 3 + 5);
    }

    private static final int[] ALPHABET = {0x00, 0x7F, 0x80, 0xFF};

    private static Bytes alphabetKey(Random random) {
        byte[] key = new byte[1 + random.nextInt(3)];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return Bytes.wrap(key);
    }

    private static Bound alphabetBound(Random random) {
        switch (random.nextInt(5)) {
            case 0:
                return Bound.unbounded();
            case 1:
            case 2:
                return Bound.included(alphabetKey(random));
            default:
                return Bound.excluded(alphabetKey(random));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12_345, 99_991, 1L << 33})
    void nested_merges_of_many_tombstone_heavy_memtables(long seed) throws Exception {
        Random random = new Random(seed);
        int tables = 2 + random.nextInt(15);
        List<MemTable> newestFirst = new ArrayList<>();
        List<NavigableMap<Bytes, Bytes>> models = new ArrayList<>();
        for (int t = 0; t < tables; t++) {
            MemTable table = MemTable.create(t);
            NavigableMap<Bytes, Bytes> model = new TreeMap<>();
            int puts = random.nextInt(4) == 0 ? 0 : random.nextInt(120);
            for (int p = 0; p < puts; p++) {
                Bytes key = alphabetKey(random);
                Bytes value = random.nextBoolean() ? Bytes.EMPTY : Bytes.of("t" + t + "p" + p);
                table.put(key, value);
                model.put(key, value);
            }
            newestFirst.add(table);
            models.add(model);
        }
        int split = random.nextInt(tables + 1);
        for (int round = 0; round < 30; round++) {
            Bound lower = alphabetBound(random);
            Bound upper = alphabetBound(random);
            NavigableMap<Bytes, Bytes> expected = new TreeMap<>();
            for (NavigableMap<Bytes, Bytes> model : models) {
                MemTableModelTest.range(model, lower, upper).forEach(expected::putIfAbsent);
            }
            MergeIterator<MergeIterator<MemTableIterator>> merge;
            List<Entry> got;
            try {
                List<MemTableIterator> newer = new ArrayList<>();
                List<MemTableIterator> older = new ArrayList<>();
                for (int t = 0; t < tables; t++) {
                    (t < split ? newer : older).add(newestFirst.get(t).scan(lower, upper));
                }
                merge = MergeIterator.create(List.of(MergeIterator.create(newer), MergeIterator.create(older)));
                got = drain(merge, expected.size() + 1);
            } catch (RuntimeException e) {
                throw new AssertionError(String.format("seed %d, round %d: scanning (%s, %s) and merging must not "
                        + "throw, but threw %s", seed, round, lower, upper, e), e);
            }
            assertThat(got)
                    .as("seed %d, round %d: a merge of [merge of tables 0..%d, merge of tables %d..%d], each scanned with "
                            + "(%s, %s); on equal keys the newer table (lower index) wins, tombstones included",
                            seed, round, split - 1, split, tables - 1, lower, upper)
                    .containsExactlyElementsOf(entries(expected));
            assertThat(merge.numActiveIterators()).as("seed %d, round %d: numActiveIterators() at the end", seed, round).isZero();
        }
    }
}
