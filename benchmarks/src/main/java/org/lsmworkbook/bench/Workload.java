package org.lsmworkbook.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The db_bench workloads, in the order a full run measures them. {@code N} is the number of keys.
 */
public enum Workload {
    /** N puts in key order on a fresh database. */
    FILLSEQ("fillseq", true, true, "N puts in key order, fresh database"),
    /** N puts in a seeded random order (each key once) on a fresh database. */
    FILLRANDOM("fillrandom", true, true, "N puts in random order (each key once), fresh database"),
    /** N puts of random existing keys (with repeats) over the filled database. */
    OVERWRITE("overwrite", true, false, "N puts of random existing keys over the filled database"),
    /** N gets of random existing keys; every one must be found. */
    READRANDOM("readrandom", false, false, "N gets of random existing keys (all must be found)"),
    /** N gets of random absent keys that lie between existing ones; none may be found. */
    READMISSING("readmissing", false, false, "N gets of absent keys inside the key range (none found)"),
    /** One scan over the whole database; an op is one entry read. */
    READSEQ("readseq", false, false, "one full scan; ops = entries read"),
    /** N/10 seeks to random existing keys, each reading the next 10 entries; an op is one seek. */
    SEEKRANDOM("seekrandom", false, false, "N/10 seeks to random keys, reading 10 entries each; ops = seeks");

    /** Entries that {@link #SEEKRANDOM} reads after each seek (the seek's own entry included). */
    public static final int SEEK_NEXTS = 10;

    private final String id;
    private final boolean write;
    private final boolean freshDatabase;
    private final String description;

    Workload(String id, boolean write, boolean freshDatabase, String description) {
        this.id = id;
        this.write = write;
        this.freshDatabase = freshDatabase;
        this.description = description;
    }

    /** The name on the command line and in the table, as in db_bench. */
    public String id() {
        return id;
    }

    /** True for the workloads that put. */
    public boolean isWrite() {
        return write;
    }

    /** True for the fills, which start from an empty database. */
    public boolean needsFreshDatabase() {
        return freshDatabase;
    }

    /** One line that says what the workload does. */
    public String description() {
        return description;
    }

    /** How many operations the measured run makes for {@code num} keys. */
    public long operations(int num) {
        return this == SEEKRANDOM ? Math.max(1, num / 10) : num;
    }

    /** The workload called {@code id} (case does not matter). */
    public static Workload byId(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        for (Workload w : values()) {
            if (w.id.equals(wanted)) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown workload '" + id + "'; the workloads are " + allIds());
    }

    /** Every workload's id, comma-separated, in order. */
    public static String allIds() {
        List<String> ids = new ArrayList<>();
        for (Workload w : values()) {
            ids.add(w.id);
        }
        return String.join(",", ids);
    }
}
