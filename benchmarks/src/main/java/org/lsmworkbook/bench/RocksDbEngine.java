package org.lsmworkbook.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.CompressionType;
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
 * workbook's engine has none), no bloom filter (RocksDB's default), and the write-ahead log off on
 * every write (the workbook's engine has none yet). Everything else is RocksDB's default, including
 * its leveled compaction and two background jobs.
 *
 * <p>Reads copy into buffers made once ({@code get(key, buffer)}, {@code key(buffer)}): the
 * allocation-free byte-array API. Like db_bench, {@link #seek} keeps one iterator and seeks it again;
 * a put drops it, so that it never reads an old version.
 */
final class RocksDbEngine implements BenchEngine {

    static {
        RocksDB.loadLibrary();
    }

    private final Options options;
    private final LRUCache cache;
    private final RocksDB db;
    private final WriteOptions writeOptions;
    private final ReadOptions readOptions;
    private final byte[] keyBuffer = new byte[256];
    private final byte[] valueBuffer = new byte[4096];
    /** The iterator {@link #seek} reuses; null until the first seek after a put. */
    private RocksIterator seekIterator;

    private RocksDbEngine(Options options, LRUCache cache, RocksDB db) {
        this.options = options;
        this.cache = cache;
        this.db = db;
        this.writeOptions = new WriteOptions().setDisableWAL(true).setSync(false);
        this.readOptions = new ReadOptions();
    }

    /**
     * Opens RocksDB in {@code dir} with the benchmark's budget.
     *
     * @param l0Only the equal-design peer: automatic compactions off and the L0 slow-down and stop
     *     triggers out of reach, so that, like MiniLsm, every flush stays an L0 file and writes never
     *     wait for a compaction (the table config sets no filter policy: no bloom filters either way)
     */
    static RocksDbEngine open(Path dir, EngineSettings settings, boolean l0Only) throws IOException {
        Files.createDirectories(dir);
        LRUCache cache = new LRUCache(settings.blockCacheSize());
        BlockBasedTableConfig table = new BlockBasedTableConfig()
                .setBlockSize(settings.blockSize())
                .setBlockCache(cache);
        Options options = new Options()
                .setCreateIfMissing(true)
                .setWriteBufferSize(settings.writeBufferSize())
                .setMaxWriteBufferNumber(2)
                .setCompressionType(CompressionType.NO_COMPRESSION)
                .setBottommostCompressionType(CompressionType.NO_COMPRESSION)
                .setTableFormatConfig(table);
        if (l0Only) {
            options.setDisableAutoCompactions(true)
                    .setLevel0FileNumCompactionTrigger(1 << 30)
                    .setLevel0SlowdownWritesTrigger(1 << 30)
                    .setLevel0StopWritesTrigger(1 << 30);
        }
        try {
            return new RocksDbEngine(options, cache, RocksDB.open(options, dir.toString()));
        } catch (RocksDBException e) {
            options.close();
            cache.close();
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
