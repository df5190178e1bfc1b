package org.lsmworkbook.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.lsmworkbook.block.Block;
import org.lsmworkbook.block.BlockBuilder;
import org.lsmworkbook.block.BlockIterator;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.kv.CorruptionException;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Day 1: how fast one block is built, decoded and walked, in MB/s.
 *
 * <p>The block is the unit every SST is written, read, checked and cached in, so these three
 * rates bound everything above them: a flush cannot write faster than {@link #build} packs blocks,
 * a cold read cannot go faster than {@link #decode}, and a scan over cached blocks cannot go faster
 * than {@link #iterate}.
 *
 * <ul>
 *   <li>{@link #build}: adds entries to a new {@link BlockBuilder} until it says the block is full,
 *       then {@code build()} and {@code encode()}: the bytes an SST builder appends to its file.
 *   <li>{@link #decode}: {@link Block#decode} of those bytes, with every check of the layout.
 *   <li>{@link #iterate}: a {@link BlockIterator} from the first entry to the end, handing every
 *       key and value to a {@link Blackhole}.
 * </ul>
 *
 * <p>One operation is one whole block ({@code blockSize} bytes, 33 entries of a 16-byte key
 * and a 100-byte value at 4 KiB). The score is blocks per second; the {@code bytes} counter ({@link
 * ByteCounter}) gives the encoded bytes per second, which the summary prints as MB/s. Try other
 * block sizes with {@code -p blockSize=1024,4096,16384}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class BlockBenchmark {

    /** The block size the builder fills to, in bytes. */
    @Param({"4096"})
    public int blockSize;

    private Bytes[] keys;
    private Bytes[] values;
    private byte[] encoded;
    private Block block;

    /** Makes the entries, and the block they fill, once. */
    @Setup
    public void setUp() throws CorruptionException {
        // More entries than any block size up to 64 KiB can hold.
        int n = BlockBuilder.MAX_BLOCK_SIZE / (BenchData.KEY_SIZE + BenchData.VALUE_SIZE) + 1;
        keys = BenchData.sortedKeys(n);
        values = BenchData.values(n, BenchData.SEED);
        encoded = fill().encode();
        block = Block.decode(encoded);
    }

    /** Packs one full block and encodes it. */
    @Benchmark
    public byte[] build(ByteCounter counter) {
        byte[] bytes = fill().encode();
        counter.bytes += bytes.length;
        return bytes;
    }

    /** Decodes one block, checking its layout. */
    @Benchmark
    public Block decode(ByteCounter counter) throws CorruptionException {
        counter.bytes += encoded.length;
        return Block.decode(encoded);
    }

    /** Walks one block from its first entry to its last. */
    @Benchmark
    public void iterate(ByteCounter counter, Blackhole bh) {
        for (BlockIterator it = BlockIterator.createAndSeekToFirst(block); it.isValid(); it.next()) {
            bh.consume(it.key());
            bh.consume(it.value());
        }
        counter.bytes += encoded.length;
    }

    /** A new builder filled with entries until it refuses one. */
    private Block fill() {
        BlockBuilder builder = new BlockBuilder(blockSize);
        for (int i = 0; i < keys.length && builder.add(keys[i], values[i]); i++) {
            // add() does the work
        }
        return builder.build();
    }
}
