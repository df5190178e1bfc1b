package org.lsmworkbook.bench.jmh;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.lsmworkbook.engine.LsmStorageOptions;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.sst.BlockCache;
import org.lsmworkbook.sst.SsTable;
import org.lsmworkbook.sst.SsTableBuilder;
import org.lsmworkbook.sst.SsTableIterator;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Day 2: how fast a whole SST file is walked with an {@link SsTableIterator}, in MB/s.
 *
 * <p>The table holds {@value #ENTRIES} entries (16-byte keys, 100-byte values) in 4 KiB blocks, a
 * file of about 2 MB: roughly what one full memtable of the default options ({@link
 * LsmStorageOptions#defaults()}, 2 MiB) becomes when it is flushed. One operation walks it from the
 * first key to the last and hands every key and value to a {@link Blackhole}.
 *
 * <p>The {@code cache} parameter says where the blocks come from:
 *
 * <ul>
 *   <li>{@code warm}: a {@link BlockCache} large enough for the whole table, filled before the
 *       measurement. Each block costs a cache lookup, so this is the rate of a scan over hot data.
 *   <li>{@code none}: no cache, so every block is read from the file (a positional read, which the
 *       operating system serves from its page cache, not from the disk), checked against its CRC32C
 *       and decoded. The difference from {@code warm} is what the block cache saves.
 * </ul>
 *
 * <p>The score is tables per second; the {@code bytes} counter ({@link ByteCounter}) gives the
 * file's bytes per second, which the summary prints as MB/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class SsTableBenchmark {

    /** Entries in the table: about one default memtable's worth. */
    public static final int ENTRIES = 16_384;
    private static final int BLOCK_SIZE = 4096;

    /** Where blocks come from: {@code warm} (a block cache holding them all) or {@code none}. */
    @Param({"warm", "none"})
    public String cache;

    private Path dir;
    private SsTable table;

    /** Writes the table to a temporary directory and, for {@code warm}, loads it into the cache. */
    @Setup
    public void setUp() throws IOException {
        dir = BenchData.newTempDir("sst");
        Bytes[] keys = BenchData.sortedKeys(ENTRIES);
        Bytes[] values = BenchData.values(ENTRIES, BenchData.SEED);
        SsTableBuilder builder = new SsTableBuilder(BLOCK_SIZE, dir.resolve("1.sst"));
        for (int i = 0; i < ENTRIES; i++) {
            builder.add(keys[i], values[i]);
        }
        BlockCache blockCache;
        switch (cache) {
            case "warm":
                blockCache = new BlockCache(64L << 20);
                break;
            case "none":
                blockCache = null;
                break;
            default:
                throw new IllegalArgumentException("cache must be warm or none, but was " + cache);
        }
        table = builder.build(1, blockCache);
        long seen = 0;
        for (SsTableIterator it = SsTableIterator.createAndSeekToFirst(table); it.isValid(); it.next()) {
            seen++;
        }
        if (seen != ENTRIES) {
            throw new IllegalStateException("the table gave back " + seen + " entries, not " + ENTRIES);
        }
    }

    /** Closes the table and deletes its directory. */
    @TearDown
    public void tearDown() throws IOException {
        if (table != null) {
            table.close();
        }
        BenchData.deleteRecursively(dir);
    }

    /** Walks the whole table. */
    @Benchmark
    public void scan(ByteCounter counter, Blackhole bh) throws IOException {
        for (SsTableIterator it = SsTableIterator.createAndSeekToFirst(table); it.isValid(); it.next()) {
            bh.consume(it.key());
            bh.consume(it.value());
        }
        counter.bytes += table.tableSize();
    }
}
