package org.lsmworkbook.bench.jmh;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.memtable.MergeIterator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Day 3: the cost of the heap merge, {@link MergeIterator}, over {@value #SOURCES} sorted sources.
 *
 * <p>Every scan of the engine is a merge: of the memtables, and of the L0 SSTs, which all overlap.
 * Each step of the merge compares keys in a heap of the sources, so its cost per entry grows with
 * the number of sources; this is the reason compaction (keeping the number of overlapping sources
 * small) matters for reads.
 *
 * <p>The sources are in-memory arrays ({@link ArrayIterator}), the cheapest source there is, so
 * the score is the merge's own cost. Each holds {@value #PER_SOURCE} entries (16-byte keys,
 * 100-byte values); one operation merges all {@value #TOTAL} of them to the end, handing every key
 * and value to a {@link Blackhole}, and the score is divided by {@value #TOTAL}: the time per entry
 * taken from a source. The {@code layout} parameter says how the keys are spread over the sources:
 *
 * <ul>
 *   <li>{@code interleaved}: each key is in one source picked at random, so consecutive keys come
 *       from different sources, like L0 SSTs of random writes. The heap works at every step.
 *   <li>{@code overlapping}: every source draws its keys from the same pool, half as many keys as
 *       entries, so a key is in about two sources and the merge must skip the older copies (as
 *       with overwritten keys).
 *   <li>{@code ranges}: source {@code i} holds the {@code i}-th slice of the key space, like the
 *       files of one sorted level. The current source stays the smallest for a whole slice, and
 *       the merge hardly touches its heap.
 * </ul>
 *
 * <p>{@link #singleSource} walks one array of {@value #TOTAL} sorted entries with no merge: the
 * floor, the cost of the iterator calls alone.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class MergeIteratorBenchmark {

    /** Sources merged. */
    public static final int SOURCES = 8;
    /** Entries in each source. */
    public static final int PER_SOURCE = 8192;
    /** Entries in all sources together. */
    public static final int TOTAL = SOURCES * PER_SOURCE;

    /** The keys and values of the {@value #SOURCES} sources, laid out as {@code layout} says. */
    @State(Scope.Benchmark)
    public static class Sources {

        /** How keys are spread over the sources: {@code interleaved}, {@code overlapping} or {@code ranges}. */
        @Param({"interleaved", "overlapping", "ranges"})
        public String layout;

        Bytes[][] keys = new Bytes[SOURCES][];
        Bytes[][] values = new Bytes[SOURCES][];

        /** Spreads the keys over the sources. */
        @Setup
        public void setUp() {
            Bytes[] all;
            switch (layout) {
                case "interleaved":
                    all = BenchData.shuffledKeys(TOTAL, BenchData.SEED);
                    for (int s = 0; s < SOURCES; s++) {
                        keys[s] = sorted(Arrays.copyOfRange(all, s * PER_SOURCE, (s + 1) * PER_SOURCE));
                    }
                    break;
                case "overlapping":
                    for (int s = 0; s < SOURCES; s++) {
                        Bytes[] pool = BenchData.shuffledKeys(TOTAL / 2, BenchData.SEED + s);
                        keys[s] = sorted(Arrays.copyOf(pool, PER_SOURCE));
                    }
                    break;
                case "ranges":
                    all = BenchData.sortedKeys(TOTAL);
                    for (int s = 0; s < SOURCES; s++) {
                        keys[s] = Arrays.copyOfRange(all, s * PER_SOURCE, (s + 1) * PER_SOURCE);
                    }
                    break;
                default:
                    throw new IllegalArgumentException(
                            "layout must be interleaved, overlapping or ranges, but was " + layout);
            }
            for (int s = 0; s < SOURCES; s++) {
                values[s] = BenchData.values(PER_SOURCE, BenchData.SEED + 100 + s);
            }
        }

        private static Bytes[] sorted(Bytes[] keys) {
            Arrays.sort(keys);
            return keys;
        }
    }

    /** One source with all {@value #TOTAL} entries, for the baseline. */
    @State(Scope.Benchmark)
    public static class Flat {

        Bytes[] keys;
        Bytes[] values;

        /** Makes the entries. */
        @Setup
        public void setUp() {
            keys = BenchData.sortedKeys(TOTAL);
            values = BenchData.values(TOTAL, BenchData.SEED);
        }
    }

    /** Merges the {@value #SOURCES} sources to the end. */
    @Benchmark
    @OperationsPerInvocation(TOTAL)
    public void merge(Sources sources, Blackhole bh) throws IOException {
        List<ArrayIterator> children = new ArrayList<>(SOURCES);
        for (int s = 0; s < SOURCES; s++) {
            children.add(new ArrayIterator(sources.keys[s], sources.values[s]));
        }
        for (MergeIterator<ArrayIterator> it = MergeIterator.create(children); it.isValid(); it.next()) {
            bh.consume(it.key());
            bh.consume(it.value());
        }
    }

    /** The floor: one source of {@value #TOTAL} entries, walked without a merge. */
    @Benchmark
    @OperationsPerInvocation(TOTAL)
    public void singleSource(Flat flat, Blackhole bh) {
        for (ArrayIterator it = new ArrayIterator(flat.keys, flat.values); it.isValid(); it.next()) {
            bh.consume(it.key());
            bh.consume(it.value());
        }
    }
}
