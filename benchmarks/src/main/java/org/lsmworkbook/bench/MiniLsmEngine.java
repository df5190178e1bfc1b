package org.lsmworkbook.bench;

import java.io.IOException;
import java.nio.file.Path;
import org.lsmworkbook.engine.FusedIterator;
import org.lsmworkbook.engine.LsmIterator;
import org.lsmworkbook.engine.LsmStorageOptions;
import org.lsmworkbook.engine.LsmStorageState;
import org.lsmworkbook.kv.Bound;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.write.MiniLsm;

/**
 * The workbook's engine, {@link MiniLsm}, with the benchmark's budget:
 *
 * <ul>
 *   <li>{@code targetSstSize} = the write buffer (64 MiB): a memtable is frozen at that size;
 *   <li>memtable limits (1, 2): the flush thread flushes as soon as one memtable is frozen (more
 *       than 1 in memory), and writers wait while more than 2 are in memory. So at most two
 *       memtables are held: one taking writes, one being flushed, as in RocksDB with
 *       {@code max_write_buffer_number = 2} and in LevelDB;
 *   <li>4 KiB blocks and a 32 MiB block cache.
 * </ul>
 *
 * <p>The {@code minilsm} column runs the engine with its bonus tasks on, the {@code minilsm-core}
 * column with every bonus off. {@link #withBonuses} is the one place that says which bonuses the
 * reference engine runs with, as in the shell: day 2's bloom filters, at {@value #BLOOM_BITS_PER_KEY}
 * bits per key, and day 6's write-ahead log, written without an fsync per write (like LevelDB's log
 * here; a {@code sync()} would force it, and the benchmark calls none).
 *
 * <p>Keys and values are wrapped, not copied: the arrays are the engine's from then on. A seek is
 * a new {@link MiniLsm#scan} from the key (MiniLsm has no iterator that can seek again).
 */
final class MiniLsmEngine implements BenchEngine {

    private final MiniLsm lsm;

    private MiniLsmEngine(MiniLsm lsm) {
        this.lsm = lsm;
    }

    /**
     * Bits per key of the bloom filter in every SST of the engine with its bonuses on (about 1% of
     * the gets of absent keys still read a block). RocksDB's bloom column uses the same number.
     */
    static final int BLOOM_BITS_PER_KEY = 10;

    /**
     * The reference engine with its bonus tasks on: {@code core} with each bonus's switch set. A
     * bonus that is added to the engine is switched on here, and named in {@link #bonusesText}.
     */
    static LsmStorageOptions withBonuses(LsmStorageOptions core) {
        return core.withBloomBitsPerKey(BLOOM_BITS_PER_KEY).withWriteAheadLog(true);
    }

    /** The bonuses {@link #withBonuses} turns on, for the table's notes. */
    static String bonusesText() {
        return "bloom filters of " + BLOOM_BITS_PER_KEY + " bits per key, a write-ahead log (no fsync per write)";
    }

    /**
     * The engine options for {@code settings}.
     *
     * @param bonuses true for the engine with its bonus tasks on ({@link #withBonuses}), false for
     *     every bonus off
     */
    static LsmStorageOptions options(EngineSettings settings, boolean bonuses) {
        LsmStorageOptions core = new LsmStorageOptions(
                settings.blockSize(), settings.writeBufferSize(), 1, 2, settings.blockCacheSize());
        return bonuses ? withBonuses(core) : core;
    }

    static MiniLsmEngine open(Path dir, EngineSettings settings, boolean bonuses) throws IOException {
        return new MiniLsmEngine(MiniLsm.open(dir, options(settings, bonuses)));
    }

    @Override
    public void put(byte[] key, byte[] value) throws IOException {
        lsm.put(Bytes.wrap(key), Bytes.wrap(value));
    }

    @Override
    public int get(byte[] key) throws IOException {
        Bytes value = lsm.get(Bytes.wrap(key));
        return value == null ? -1 : value.length();
    }

    @Override
    public byte[] getCopy(byte[] key) throws IOException {
        Bytes value = lsm.get(Bytes.wrap(key));
        return value == null ? null : value.toByteArray();
    }

    @Override
    public int seek(byte[] key, int count) throws IOException {
        FusedIterator<LsmIterator> it = lsm.scan(Bound.included(Bytes.wrap(key)), Bound.unbounded());
        int read = 0;
        long bytes = 0;
        while (read < count && it.isValid()) {
            bytes += it.key().length() + it.value().length();
            read++;
            it.next();
        }
        Blackhole.consume(bytes);
        return read;
    }

    @Override
    public long scanAll(long every, ProgressCallback onEntries) throws IOException {
        FusedIterator<LsmIterator> it = lsm.scan(Bound.unbounded(), Bound.unbounded());
        long read = 0;
        long bytes = 0;
        long nextReport = every;
        while (it.isValid()) {
            bytes += it.key().length() + it.value().length();
            read++;
            if (read == nextReport) {
                onEntries.entriesRead(read);
                nextReport += every;
            }
            it.next();
        }
        Blackhole.consume(bytes);
        return read;
    }

    @Override
    public void waitForBackgroundWork() throws IOException {
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (lsm.flushThread().needsFlush()) {
            Throwable error = lsm.flushThread().lastError();
            if (error != null) {
                throw new IOException("the background flush failed: " + error, error);
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the flush thread has not caught up after 10 minutes: " + describe());
            }
            Blackhole.pause(10);
        }
    }

    /** The memtables and L0 SSTs, and how many SSTs have a bloom filter (when any has one). */
    @Override
    public String describe() {
        LsmStorageState state = lsm.state();
        long filtered = state.l0Sstables().stream().filter(t -> t.bloomFilter().isPresent()).count();
        return state.numMemtables() + " memtable(s), " + state.l0SstIds().size() + " L0 SST(s)"
                + (filtered > 0 ? ", " + filtered + " with a bloom filter" : "");
    }

    @Override
    public void close() throws IOException {
        lsm.close();
    }
}
