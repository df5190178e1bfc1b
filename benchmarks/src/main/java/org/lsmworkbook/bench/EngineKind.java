package org.lsmworkbook.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The engines the benchmark compares, in the order a full run measures them. */
public enum EngineKind {
    /** The reference engine of the workbook. */
    MINILSM("minilsm", "MiniLsm"),
    /** RocksDB through its Java binding (rocksdbjni), write-ahead log off. */
    ROCKSDB("rocksdb", "RocksDB"),
    /**
     * RocksDB built like MiniLsm (the design the six stages reach): no compaction, so every flush
     * stays an L0 file, writes never slowed or stopped for L0, no bloom filters, write-ahead log
     * off. The fair yardstick for the engine's own code; {@link #ROCKSDB} shows what compaction adds.
     */
    ROCKSDB_EQUAL("rocksdb-l0", "RocksDB (L0 only)"),
    /** The pure-Java port of LevelDB, org.iq80.leveldb. */
    LEVELDB("leveldb", "LevelDB-iq80");

    private final String id;
    private final String displayName;

    EngineKind(String id, String displayName) {
        this.id = id;
        this.displayName = displayName;
    }

    /** The name on the command line. */
    public String id() {
        return id;
    }

    /** The name in the table. */
    public String displayName() {
        return displayName;
    }

    /** Opens (creating it) a database of this engine in {@code dir}. */
    public BenchEngine open(Path dir, EngineSettings settings) throws IOException {
        switch (this) {
            case MINILSM:
                return MiniLsmEngine.open(dir, settings);
            case ROCKSDB:
                return RocksDbEngine.open(dir, settings, false);
            case ROCKSDB_EQUAL:
                return RocksDbEngine.open(dir, settings, true);
            case LEVELDB:
                return LevelDbEngine.open(dir, settings);
            default:
                throw new AssertionError(this);
        }
    }

    /** The engine called {@code id} (case does not matter). */
    public static EngineKind byId(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        for (EngineKind e : values()) {
            if (e.id.equals(wanted)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown engine '" + id + "'; the engines are " + allIds());
    }

    /** Every engine's id, comma-separated, in order. */
    public static String allIds() {
        List<String> ids = new ArrayList<>();
        for (EngineKind e : values()) {
            ids.add(e.id);
        }
        return String.join(",", ids);
    }
}
