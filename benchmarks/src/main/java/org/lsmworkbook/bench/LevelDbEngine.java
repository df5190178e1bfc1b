package org.lsmworkbook.bench;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.iq80.leveldb.CompressionType;
import org.iq80.leveldb.DB;
import org.iq80.leveldb.DBIterator;
import org.iq80.leveldb.Options;
import org.iq80.leveldb.WriteOptions;
import org.iq80.leveldb.impl.Iq80DBFactory;

/**
 * LevelDB's pure-Java port (org.iq80.leveldb 0.12), with the benchmark's budget: 64 MiB write
 * buffer (LevelDB always keeps at most two memtables), 4 KiB blocks, a 32 MiB block cache, no
 * compression, writes not synced. Its write-ahead log cannot be turned off: every put is appended
 * to it (without fsync), a cost the other two engines do not pay here.
 *
 * <p>Its API hands out fresh arrays for every value and entry; that allocation is part of using
 * it. Like db_bench, {@link #seek} keeps one iterator and seeks it again; a put drops it.
 */
final class LevelDbEngine implements BenchEngine {

    private final DB db;
    private final Path dir;
    private final WriteOptions writeOptions = new WriteOptions().sync(false);
    /** The iterator {@link #seek} reuses; null until the first seek after a put. */
    private DBIterator seekIterator;

    private LevelDbEngine(DB db, Path dir) {
        this.db = db;
        this.dir = dir;
    }

    static LevelDbEngine open(Path dir, EngineSettings settings) throws IOException {
        Files.createDirectories(dir);
        Options options = new Options()
                .createIfMissing(true)
                .writeBufferSize(Math.toIntExact(settings.writeBufferSize()))
                .blockSize(settings.blockSize())
                .cacheSize(settings.blockCacheSize())
                .compressionType(CompressionType.NONE);
        return new LevelDbEngine(Iq80DBFactory.factory.open(dir.toFile(), options), dir);
    }

    @Override
    public void put(byte[] key, byte[] value) throws IOException {
        if (seekIterator != null) {
            dropSeekIterator();
        }
        db.put(key, value, writeOptions);
    }

    @Override
    public int get(byte[] key) {
        byte[] value = db.get(key);
        return value == null ? -1 : value.length;
    }

    @Override
    public byte[] getCopy(byte[] key) {
        return db.get(key);
    }

    @Override
    public int seek(byte[] key, int count) {
        if (seekIterator == null) {
            seekIterator = db.iterator();
        }
        DBIterator it = seekIterator;
        it.seek(key);
        int read = 0;
        long bytes = 0;
        while (read < count && it.hasNext()) {
            Map.Entry<byte[], byte[]> entry = it.next();
            bytes += entry.getKey().length + entry.getValue().length;
            read++;
        }
        Blackhole.consume(bytes);
        return read;
    }

    @Override
    public long scanAll(long every, ProgressCallback onEntries) throws IOException {
        try (DBIterator it = db.iterator()) {
            it.seekToFirst();
            long read = 0;
            long bytes = 0;
            long nextReport = every;
            while (it.hasNext()) {
                Map.Entry<byte[], byte[]> entry = it.next();
                bytes += entry.getKey().length + entry.getValue().length;
                read++;
                if (read == nextReport) {
                    onEntries.entriesRead(read);
                    nextReport += every;
                }
            }
            Blackhole.consume(bytes);
            return read;
        }
    }

    /**
     * Waits for the compactions queued so far: LevelDB-iq80 runs them one at a time on one
     * executor, and {@code suspendCompactions} returns once everything queued before it has run.
     * Done twice, since a compaction may queue another.
     */
    @Override
    public void waitForBackgroundWork() throws IOException {
        try {
            for (int round = 0; round < 2; round++) {
                db.suspendCompactions();
                db.resumeCompactions();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for LevelDB's compactions");
        }
    }

    /** iq80 answers no property (it returns null for the file counts), so this counts the table files. */
    @Override
    public String describe() {
        try (Stream<Path> files = Files.list(dir)) {
            long tables = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".sst") || n.endsWith(".ldb"))
                    .count();
            return tables + " table file(s)";
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() throws IOException {
        if (seekIterator != null) {
            dropSeekIterator();
        }
        db.close();
    }

    private void dropSeekIterator() throws IOException {
        seekIterator.close();
        seekIterator = null;
    }
}
