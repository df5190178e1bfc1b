package org.lsmworkbook.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The engines the benchmark compares, in the order a full run measures them. Each has an id (the
 * command line), a name (the table's columns) and a one-line {@linkplain #configuration()
 * configuration} that the table prints below its rows.
 */
public enum EngineKind {
    /**
     * The reference engine of the workbook with its bonus tasks on ({@code
     * MiniLsmEngine.withBonuses}): today bloom filters of 10 bits per key, as in the shell.
     */
    MINILSM("minilsm", "MiniLsm", "the reference engine with its bonuses on (" + MiniLsmEngine.bonusesText() + ")"),
    /** The reference engine with every bonus off: the engine the six core stages build. */
    MINILSM_CORE("minilsm-core", "MiniLsm (core)", "the reference engine with every bonus off (no bloom filters)"),
    /** RocksDB through its Java binding (rocksdbjni), write-ahead log off, no bloom filters (its default). */
    ROCKSDB("rocksdb", "RocksDB", "RocksDB's defaults (leveled compaction, no bloom filters), write-ahead log off"),
    /**
     * {@link #ROCKSDB} plus a bloom filter policy of the bits per key that MiniLsm's filters have:
     * the peer of the {@link #MINILSM} column on reads of absent keys.
     */
    ROCKSDB_BLOOM("rocksdb-bloom", "RocksDB (bloom " + MiniLsmEngine.BLOOM_BITS_PER_KEY + ")",
            "RocksDB's defaults plus bloom filters of " + MiniLsmEngine.BLOOM_BITS_PER_KEY
                    + " bits per key, write-ahead log off"),
    /**
     * RocksDB built like MiniLsm (the design the six stages reach): no compaction, so every flush
     * stays an L0 file, writes never slowed or stopped for L0, no bloom filters, write-ahead log
     * off. The fair yardstick for the engine's own code; {@link #ROCKSDB} shows what compaction adds.
     */
    ROCKSDB_EQUAL("rocksdb-l0", "RocksDB (L0 only)",
            "RocksDB without compaction (all files stay in L0), no bloom filters, write-ahead log off"),
    /** The pure-Java port of LevelDB, org.iq80.leveldb. */
    LEVELDB("leveldb", "LevelDB-iq80",
            "the pure-Java LevelDB port with its defaults (no bloom filters; its log is always on)");

    private final String id;
    private final String displayName;
    private final String configuration;

    EngineKind(String id, String displayName, String configuration) {
        this.id = id;
        this.displayName = displayName;
        this.configuration = configuration;
    }

    /** The name on the command line. */
    public String id() {
        return id;
    }

    /** The name in the table. */
    public String displayName() {
        return displayName;
    }

    /** What sets this engine apart from the others, in a few words, for the notes below the table. */
    public String configuration() {
        return configuration;
    }

    /** Opens (creating it) a database of this engine in {@code dir}. */
    public BenchEngine open(Path dir, EngineSettings settings) throws IOException {
        switch (this) {
            case MINILSM:
                return MiniLsmEngine.open(dir, settings, true);
            case MINILSM_CORE:
                return MiniLsmEngine.open(dir, settings, false);
            case ROCKSDB:
                return RocksDbEngine.open(dir, settings, RocksDbEngine.Variant.DEFAULT);
            case ROCKSDB_BLOOM:
                return RocksDbEngine.open(dir, settings, RocksDbEngine.Variant.BLOOM);
            case ROCKSDB_EQUAL:
                return RocksDbEngine.open(dir, settings, RocksDbEngine.Variant.L0_ONLY);
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
