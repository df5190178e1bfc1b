package org.lsmworkbook.bench.jmh;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.lsmworkbook.engine.FusedIterator;
import org.lsmworkbook.engine.LsmIterator;
import org.lsmworkbook.engine.LsmStorageOptions;
import org.lsmworkbook.engine.LsmStorageState;
import org.lsmworkbook.kv.Bound;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.write.MiniLsm;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Day 6: one {@link MiniLsm#get} on a hit and on a miss, with the data in the memtable or in L0
 * SSTs.
 *
 * <p>The engine holds {@value #KEYS} keys (16-byte keys, 100-byte values, about 15 MB), written in
 * random order. The {@code where} parameter says where they are when the gets run:
 *
 * <ul>
 *   <li>{@code memtable}: all in one memtable ({@link LsmStorageOptions#memtableOnly()}, which never
 *       freezes). A get is one skip-list lookup.
 *   <li>{@code sst}: all flushed ({@link LsmStorageOptions#defaults()}: 2 MiB memtables, so about 8
 *       L0 SSTs), with a block cache that holds every block, warmed before the measurement. Since
 *       the keys were written in random order, every SST's key range spans nearly all keys, and no
 *       SST can be skipped by its range: a get checks the SSTs newest first, each with a binary
 *       search over its block index, a cache lookup and a binary search in the block.
 * </ul>
 *
 * <p>{@link #hit} asks for keys that are there, in a random order different from the writes;
 * {@link #miss} asks for keys that lie between two written keys ({@link BenchData#missingKey}).
 * With data in L0 and no bloom filters a miss is the worst case: it searches <em>every</em> SST,
 * where a hit stops at the one that has the key (half of them, on average). The number of L0 files
 * is what compaction would bound.
 *
 * <p>The {@code bloomBitsPerKey} parameter is {@link LsmStorageOptions#bloomBitsPerKey()}: 0 for
 * SSTs without a filter (the core course), 10 for a bloom filter of 10 bits per key in each SST
 * (day 2's bonus task), as in the shell and the db_bench column {@code minilsm}. With filters a
 * miss skips nearly every SST without reading a block, and a hit skips most of the SSTs newer than
 * the one that has the key. With {@code where=memtable} there is no SST to filter, so the two
 * values measure the same thing: their difference is the noise of the run.
 *
 * <p>The score is the average time of one get.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class GetBenchmark {

    /** Keys in the engine; a power of two, so the cursors can wrap with a mask. */
    public static final int KEYS = 1 << 17;

    /** Where the keys are: {@code memtable} or {@code sst}. */
    @Param({"memtable", "sst"})
    public String where;

    /** Bits per key of each SST's bloom filter: 0 for none, 10 for the engine with its bonus on. */
    @Param({"0", "10"})
    public int bloomBitsPerKey;

    private Path dir;
    private MiniLsm lsm;
    private Bytes[] hitKeys;
    private Bytes[] missKeys;

    /** Each thread's position in the lists of keys to ask for. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    /** Opens the engine, loads it, puts the data where {@code where} says, and warms the cache. */
    @Setup
    public void setUp() throws IOException {
        LsmStorageOptions options;
        switch (where) {
            case "memtable":
                options = LsmStorageOptions.memtableOnly();
                break;
            case "sst":
                options = LsmStorageOptions.defaults();
                break;
            default:
                throw new IllegalArgumentException("where must be memtable or sst, but was " + where);
        }
        options = options.withBloomBitsPerKey(bloomBitsPerKey);
        dir = BenchData.newTempDir("get");
        lsm = MiniLsm.open(dir, options);
        Bytes[] keys = BenchData.sortedKeys(KEYS);
        Bytes[] values = BenchData.values(KEYS, BenchData.SEED);
        Integer[] order = new Integer[KEYS];
        for (int i = 0; i < KEYS; i++) {
            order[i] = i;
        }
        BenchData.shuffle(order, BenchData.SEED);
        for (int i : order) {
            lsm.put(keys[i], values[i]);
        }
        if (where.equals("sst")) {
            lsm.forceFlush();
        }
        // Warm the block cache (and check the load) with one full scan.
        long count = 0;
        for (FusedIterator<LsmIterator> it = lsm.scan(Bound.unbounded(), Bound.unbounded()); it.isValid(); it.next()) {
            count++;
        }
        if (count != KEYS) {
            throw new IllegalStateException("the engine holds " + count + " keys, not " + KEYS);
        }
        hitKeys = keys.clone();
        BenchData.shuffle(hitKeys, BenchData.SEED + 1);
        missKeys = new Bytes[KEYS];
        for (int i = 0; i < KEYS; i++) {
            missKeys[i] = BenchData.missingKey(i);
        }
        BenchData.shuffle(missKeys, BenchData.SEED + 2);
        if (lsm.get(hitKeys[0]) == null || lsm.get(missKeys[0]) != null) {
            throw new IllegalStateException("a hit key is missing, or a miss key was found");
        }
        LsmStorageState state = lsm.state();
        System.out.println("GetBenchmark (where=" + where + ", bloomBitsPerKey=" + bloomBitsPerKey + "): "
                + state.numMemtables() + " memtable(s), " + state.l0SstIds().size() + " L0 SSTs");
    }

    /** Closes the engine and deletes its directory. */
    @TearDown
    public void tearDown() throws IOException {
        if (lsm != null) {
            lsm.close();
        }
        BenchData.deleteRecursively(dir);
    }

    /** A get of a key that is there. */
    @Benchmark
    public Bytes hit(Cursor cursor) throws IOException {
        return lsm.get(hitKeys[cursor.next++ & (KEYS - 1)]);
    }

    /** A get of a key that is not there but lies inside the range of the keys. */
    @Benchmark
    public Bytes miss(Cursor cursor) throws IOException {
        return lsm.get(missKeys[cursor.next++ & (KEYS - 1)]);
    }
}
