package org.lsmworkbook.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.CompressionType;
import org.rocksdb.Filter;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;

/**
 * RocksDB through rocksdbjni, with the benchmark's budget: 64 MiB write buffer, at most 2 of them
 * ({@code max_write_buffer_number}), 4 KiB blocks with a 32 MiB LRU block cache, no compression (the
 * workbook's engine has none), and the write-ahead log off on every write (the benchmark runs the
 * workbook's engine without one). Everything else is RocksDB's default, including its leveled
 * compaction and two background jobs. Three {@linkplain Variant variants}:
 *
 * <ul>
 *   <li>{@link Variant#DEFAULT} ({@code rocksdb}): no bloom filter, RocksDB's default;
 *   <li>{@link Variant#BLOOM} ({@code rocksdb-bloom}): the same plus a bloom filter policy of
 *       {@value MiniLsmEngine#BLOOM_BITS_PER_KEY} bits per key ({@code new BloomFilter(10)}: a full
 *       filter per SST file, over whole keys). The filters are held in memory by the table readers,
 *       outside the block cache ({@code cache_index_and_filter_blocks} stays false, the default),
 *       as MiniLsm holds its filters in its open SST objects;
 *   <li>{@link Variant#L0_ONLY} ({@code rocksdb-l0}): no compaction, no bloom filter (see there).
 * </ul>
 *
 * <p>Reads copy into buffers made once ({@code get(key, buffer)}, {@code key(buffer)}): the
 * allocation-free byte-array API. Like db_bench, {@link #seek} keeps one iterator and seeks it again;
 * a put drops it, so that it never reads an old version.
 */
final class RocksDbEngine implements BenchEngine {

    static {
        RocksDB.loadLibrary();
    }

    /** How RocksDB is set up beyond the common budget. */
    enum Variant {
        /** RocksDB's defaults: leveled compaction, no bloom filter. */
        DEFAULT,
        /** RocksDB's defaults plus a bloom filter of {@value MiniLsmEngine#BLOOM_BITS_PER_KEY} bits per key. */
        BLOOM,
        /**
         * The equal-design peer: automatic compactions off and the L0 slow-down and stop triggers out
         * of reach, so that, like MiniLsm, every flush stays an L0 file and writes never wait for a
         * compaction; no bloom filter.
         */
        L0_ONLY
    }

    private final Options options;
    private final LRUCache cache;
    /** The filter policy, closed with the database; null without one. */
    private final Filter filter;
    private final RocksDB db;
    private final WriteOptions writeOptions;
    private final ReadOptions readOptions;
    private final byte[] keyBuffer = new byte[256];
    private final byte[] valueBuffer = new byte[4096];
    /** The iterator {@link #seek} reuses; null until the first seek after a put. */
    private RocksIterator seekIterator;

    private RocksDbEngine(Options options, LRUCache cache, Filter filter, RocksDB db) {
        this.options = options;
        this.cache = cache;
        this.filter = filter;
        this.db = db;
        this.writeOptions = new WriteOptions().setDisableWAL(true).setSync(false);
        this.readOptions = new ReadOptions();
    }

    /** Opens RocksDB in {@code dir} with the benchmark's budget, set up as {@code variant} says. */
    static RocksDbEngine open(Path dir, EngineSettings settings, Variant variant) throws IOException {
        Files.createDirectories(dir);
        LRUCache cache = new LRUCache(settings.blockCacheSize());
        BlockBasedTableConfig table = new BlockBasedTableConfig()
                .setBlockSize(settings.blockSize())
                .setBlockCache(cache);
        Filter filter = null;
        if (variant == Variant.BLOOM) {
            filter = new BloomFilter(MiniLsmEngine.BLOOM_BITS_PER_KEY);
            table.setFilterPolicy(filter);
        }
        Options options = new Options()
                .setCreateIfMissing(true)
                .setWriteBufferSize(settings.writeBufferSize())
                .setMaxWriteBufferNumber(2)
                .setCompressionType(CompressionType.NO_COMPRESSION)
                .setBottommostCompressionType(CompressionType.NO_COMPRESSION)
                .setTableFormatConfig(table);
        if (variant == Variant.L0_ONLY) {
            options.setDisableAutoCompactions(true)
                    .setLevel0FileNumCompactionTrigger(1 << 30)
                    .setLevel0SlowdownWritesTrigger(1 << 30)
                    .setLevel0StopWritesTrigger(1 << 30);
        }
        try {
            return new RocksDbEngine(options, cache, filter, RocksDB.open(options, dir.toString()));
        } catch (RocksDBException e) {
            options.close();
            cache.close();
            if (filter != null) {
                filter.close();
            }
            throw new IOException("RocksDB could not open " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void put(byte[] key, byte[] value) throws IOException {
        if (seekIterator != null) {
            dropSeekIterator();
        }
        try {
            db.put(writeOptions, key, value);
        } catch (RocksDBException e) {
            throw new IOException("RocksDB put failed: " + e.getMessage(), e);
        }
    }

    @Override
    public int get(byte[] key) throws IOException {
        try {
            int size = db.get(readOptions, key, valueBuffer);
            return size == RocksDB.NOT_FOUND ? -1 : size;
        } catch (RocksDBException e) {
            throw new IOException("RocksDB get failed: " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] getCopy(byte[] key) throws IOException {
        try {
            return db.get(readOptions, key);
        } catch (RocksDBException e) {
            throw new IOException("RocksDB get failed: " + e.getMessage(), e);
        }
    }

    @Override
    public int seek(byte[] key, int count) throws IOException {
        if (seekIterator == null) {
            seekIterator = db.newIterator(readOptions);
        }
        RocksIterator it = seekIterator;
        it.seek(key);
        int read = 0;
        long bytes = 0;
        while (read < count && it.isValid()) {
            bytes += it.key(keyBuffer) + it.value(valueBuffer);
            read++;
            it.next();
        }
        checkStatus(it);
        Blackhole.consume(bytes);
        return read;
    }

    @Override
    public long scanAll(long every, ProgressCallback onEntries) throws IOException {
        try (RocksIterator it = db.newIterator(readOptions)) {
            it.seekToFirst();
            long read = 0;
            long bytes = 0;
            long nextReport = every;
            while (it.isValid()) {
                bytes += it.key(keyBuffer) + it.value(valueBuffer);
                read++;
                if (read == nextReport) {
                    onEntries.entriesRead(read);
                    nextReport += every;
                }
                it.next();
            }
            checkStatus(it);
            Blackhole.consume(bytes);
            return read;
        }
    }

    @Override
    public void waitForBackgroundWork() throws IOException {
        long deadline = System.nanoTime() + 600_000_000_000L;
        try {
            while (db.getLongProperty("rocksdb.num-running-flushes") > 0
                    || db.getLongProperty("rocksdb.num-running-compactions") > 0
                    || db.getLongProperty("rocksdb.mem-table-flush-pending") > 0
                    || db.getLongProperty("rocksdb.compaction-pending") > 0) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("RocksDB's background work has not finished after 10 minutes: " + describe());
                }
                Blackhole.pause(10);
            }
        } catch (RocksDBException e) {
            throw new IOException("RocksDB property read failed: " + e.getMessage(), e);
        }
    }

    /** The SST files per level, and how many have a bloom filter (when any has one). */
    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder("SST files per level:");
        try {
            for (int level = 0; level < options.numLevels(); level++) {
                String files = db.getProperty("rocksdb.num-files-at-level" + level);
                if (!"0".equals(files)) {
                    sb.append(" L").append(level).append('=').append(files);
                }
            }
            long filtered = db.getPropertiesOfAllTables().values().stream().filter(t -> t.getFilterSize() > 0).count();
            if (filtered > 0) {
                sb.append(", ").append(filtered).append(" with a bloom filter");
            }
        } catch (RocksDBException e) {
            sb.append(" (unknown: ").append(e.getMessage()).append(')');
        }
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        if (seekIterator != null) {
            dropSeekIterator();
        }
        try {
            db.closeE();
        } catch (RocksDBException e) {
            throw new IOException("RocksDB close failed: " + e.getMessage(), e);
        } finally {
            writeOptions.close();
            readOptions.close();
            options.close();
            cache.close();
            if (filter != null) {
                filter.close();
            }
        }
    }

    private void dropSeekIterator() {
        seekIterator.close();
        seekIterator = null;
    }

    private static void checkStatus(RocksIterator it) throws IOException {
        try {
            it.status();
        } catch (RocksDBException e) {
            throw new IOException("RocksDB iterator failed: " + e.getMessage(), e);
        }
    }
}
