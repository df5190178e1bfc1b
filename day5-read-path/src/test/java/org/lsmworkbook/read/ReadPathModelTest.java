package org.lsmworkbook.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lsmworkbook.read.ReadFixtures.drain;
import static org.lsmworkbook.read.ReadFixtures.entries;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
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
import org.lsmworkbook.sst.BlockCache;
import org.lsmworkbook.sst.SsTable;

/**
 * Random states (several overlapping L0 SSTs, frozen memtables and a current memtable, with random
 * tombstones) against a {@link TreeMap} model: the layers applied oldest to newest, tombstones
 * removed. Each seed is one reproducible case: the seed is in the test's name and in every failure
 * message.
 */
@Timeout(60)
@DisplayName("Day 5 · Tasks 3 and 4 — random states against a TreeMap")
class ReadPathModelTest {

    /** The keys layers are made of: {@code k00 .. k59}, few enough that the layers overlap a lot. */
    private static final int KEY_SPACE = 60;

    @TempDir
    Path dir;

    /** One source of a state, with what it holds (tombstones included). */
    private record Layer(String name, NavigableMap<Bytes, Bytes> entries) {
    }

    private static Bytes key(int i) {
        return Bytes.of(String.format("k%02d", i));
    }

    /** Keys of the key space, and keys between and around them ({@code k05a}, {@code j}, {@code l}). */
    private static Bytes probeKey(Random random) {
        int dice = random.nextInt(10);
        if (dice < 6) {
            return key(random.nextInt(KEY_SPACE));
        }
        if (dice < 9) {
            return Bytes.of(String.format("k%02da", random.nextInt(KEY_SPACE)));
        }
        return Bytes.of(random.nextBoolean() ? "j" : "l");
    }

    private static Bound randomBound(Random random) {
        switch (random.nextInt(3)) {
            case 0:
                return Bound.unbounded();
            case 1:
                return Bound.included(probeKey(random));
            default:
                return Bound.excluded(probeKey(random));
        }
    }

    /** A random layer: a random share of the key space, about a quarter of it tombstones. */
    private static NavigableMap<Bytes, Bytes> randomLayer(Random random, String name) {
        NavigableMap<Bytes, Bytes> layer = new TreeMap<>();
        int density = 1 + random.nextInt(5); // one key in 1..5
        int from = random.nextInt(KEY_SPACE / 2);
        int to = KEY_SPACE / 2 + random.nextInt(KEY_SPACE / 2 + 1);
        for (int i = from; i < to; i++) {
            if (random.nextInt(density) == 0) {
                layer.put(key(i), random.nextInt(4) == 0 ? Bytes.EMPTY : Bytes.of(name + "-" + i));
            }
        }
        if (layer.isEmpty()) {
            layer.put(key(from), Bytes.of(name + "-" + from));
        }
        return layer;
    }

    private static boolean within(Bytes key, Bound lower, Bound upper) {
        boolean aboveLower = lower.isUnbounded()
                || (lower.isIncluded() ? key.compareTo(lower.key()) >= 0 : key.compareTo(lower.key()) > 0);
        boolean belowUpper = upper.isUnbounded()
                || (upper.isIncluded() ? key.compareTo(upper.key()) <= 0 : key.compareTo(upper.key()) < 0);
        return aboveLower && belowUpper;
    }

    /** True if no key at all can lie within the bounds: upside down, or one key that a bound excludes. */
    private static boolean holdsNoKey(Bound lower, Bound upper) {
        if (lower.isUnbounded() || upper.isUnbounded()) {
            return false;
        }
        int cmp = lower.key().compareTo(upper.key());
        return cmp > 0 || (cmp == 0 && (lower.isExcluded() || upper.isExcluded()));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 1_000, 31_337, 271_828, 314_159, 8_675_309, 20_261_121})
    void get_and_scan_match_the_layers_applied_oldest_to_newest(long seed) throws Exception {
        Random random = new Random(seed);
        int blockSize = new int[] {24, 64, 256, 4096}[random.nextInt(4)];
        int numSsts = 2 + random.nextInt(5);
        int numImm = random.nextInt(4);
        BlockCache cache = new BlockCache(random.nextBoolean() ? 0 : 1 << 20);

        // Oldest first: SSTs (ids 1..numSsts), then frozen memtables, then the current memtable.
        List<Layer> oldestFirst = new ArrayList<>();
        List<SsTable> ssts = new ArrayList<>();
        List<MemTable> imms = new ArrayList<>();
        long id = 1;
        for (int i = 0; i < numSsts; i++, id++) {
            NavigableMap<Bytes, Bytes> layer = randomLayer(random, "sst" + id);
            oldestFirst.add(new Layer("SST " + id, layer));
            ssts.add(ReadFixtures.sst(dir, id, cache, blockSize, entries(layer)));
        }
        MemTable current = null;
        for (int i = 0; i <= numImm; i++, id++) {
            NavigableMap<Bytes, Bytes> layer = random.nextInt(5) == 0 && i == numImm
                    ? new TreeMap<>() : randomLayer(random, "mem" + id);
            MemTable table = MemTable.create(id);
            layer.forEach(table::put);
            if (i < numImm) {
                oldestFirst.add(new Layer("frozen memtable " + id, layer));
                imms.add(table);
            } else {
                oldestFirst.add(new Layer("memtable " + id, layer));
                current = table;
            }
        }
        Collections.reverse(ssts);
        Collections.reverse(imms);
        LsmStorageState state = ReadFixtures.state(current, imms, ssts);

        NavigableMap<Bytes, Bytes> model = new TreeMap<>();
        for (Layer layer : oldestFirst) {
            model.putAll(layer.entries());
        }
        model.values().removeIf(Bytes::isEmpty);
        String layout = "seed " + seed + ", " + numSsts + " SSTs, " + numImm + " frozen memtables, blocks of "
                + blockSize + " bytes";

        for (int i = 0; i < KEY_SPACE; i++) {
            Bytes k = key(i);
            assertThat(LsmReadPath.get(state, k))
                    .as("%s: get(%s); the newest source that has it: %s (null: absent or deleted)",
                            layout, k, newestHolder(oldestFirst, k))
                    .isEqualTo(model.get(k));
        }
        for (String absent : new String[] {"a", "k", "k05a", "k59a", "l", "z"}) {
            assertThat(LsmReadPath.get(state, Bytes.of(absent)))
                    .as("%s: get(%s) of a key that no source has", layout, absent).isNull();
        }

        for (int round = 0; round < 150; round++) {
            Bound lower = randomBound(random);
            Bound upper = randomBound(random);
            NavigableMap<Bytes, Bytes> expected = new TreeMap<>();
            for (Map.Entry<Bytes, Bytes> e : model.entrySet()) {
                if (within(e.getKey(), lower, upper)) {
                    expected.put(e.getKey(), e.getValue());
                }
            }
            FusedIterator<LsmIterator> it = LsmReadPath.scan(state, lower, upper);
            int active = it.numActiveIterators();
            assertThat(drain(it, model.size() + 1))
                    .as("%s, round %d: scan(%s, %s)", layout, round, lower, upper)
                    .containsExactlyElementsOf(entries(expected));
            if (!holdsNoKey(lower, upper)) {
                int mayBeActive = 0;
                for (Layer layer : oldestFirst) {
                    NavigableMap<Bytes, Bytes> e = layer.entries();
                    if (layer.name().startsWith("SST")) {
                        if (within(e.firstKey(), Bound.unbounded(), upper) && within(e.lastKey(), lower, Bound.unbounded())) {
                            mayBeActive++;
                        }
                    } else if (e.keySet().stream().anyMatch(k -> within(k, lower, upper))) {
                        mayBeActive++;
                    }
                }
                assertThat(active)
                        .as("%s, round %d: numActiveIterators() of scan(%s, %s) right after scan returns can be at most "
                                + "%d: the memtables with an entry in range plus the SSTs whose key range overlaps the "
                                + "request (fewer if tombstones at the start were skipped). More means an SST that "
                                + "cannot overlap was opened (KeyRanges.overlaps)", layout, round, lower, upper, mayBeActive)
                        .isLessThanOrEqualTo(mayBeActive);
            }
        }
    }

    /** Which layer holds the newest entry for {@code key}, for messages. */
    private static String newestHolder(List<Layer> oldestFirst, Bytes key) {
        for (int i = oldestFirst.size() - 1; i >= 0; i--) {
            Bytes value = oldestFirst.get(i).entries().get(key);
            if (value != null) {
                return oldestFirst.get(i).name() + (value.isEmpty() ? " (a tombstone)" : " (" + value + ")");
            }
        }
        return "none";
    }
}
