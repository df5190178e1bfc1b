package org.lsmworkbook.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The command line of {@link DbBench}. {@link #parse} refuses anything it does not understand with
 * a {@link UsageException} whose message says what was wrong.
 *
 * @param num the number of keys, N
 * @param engines the engines to run, in order
 * @param workloads the workloads to run, in order
 * @param xmx the heap limit of every engine's JVM ({@code -Xmx}), for example {@code 512m}
 * @param seed the seed of every random choice
 * @param dir where to put the temporary databases, or null for the system's temporary directory
 * @param markdown a file to write the table to as Markdown, or null
 * @param jfr a directory for JFR recordings of each measured workload, or null for none
 * @param jvmArgs more flags for every engine's JVM
 * @param timeoutSeconds how long one engine's JVM may run before it is stopped and reported failed
 * @param runs how many times each engine runs; the table shows the median
 * @param writeBufferSize bytes of writes a memtable takes before it is frozen and flushed
 *     ({@link EngineSettings#writeBufferSize()}); small values make the reads go to SST files
 * @param json a file to write the results to as JSON ({@link ResultJson}), or null
 * @param help true if {@code --help} was given: print the usage and nothing else
 */
public record BenchOptions(
        int num,
        List<EngineKind> engines,
        List<Workload> workloads,
        String xmx,
        long seed,
        Path dir,
        Path markdown,
        Path jfr,
        List<String> jvmArgs,
        long timeoutSeconds,
        int runs,
        long writeBufferSize,
        Path json,
        boolean help) {

    /** N without options. */
    public static final int DEFAULT_NUM = 1_000_000;
    /** N with {@code --quick}. */
    public static final int QUICK_NUM = 100_000;
    /** The largest N: the fill's key order is an array of N ints in a JVM of {@code -Xmx}. */
    public static final int MAX_NUM = 100_000_000;
    public static final String DEFAULT_XMX = "512m";
    public static final long DEFAULT_SEED = 42;
    public static final long DEFAULT_TIMEOUT_SECONDS = 3600;
    /** The write buffer without {@code --write-buffer}: that of {@link EngineSettings#standard()}. */
    public static final long DEFAULT_WRITE_BUFFER = EngineSettings.standard().writeBufferSize();
    /** The smallest {@code --write-buffer}: below it a memtable would hold only a handful of entries. */
    public static final long MIN_WRITE_BUFFER = 16L << 10;

    /** What went wrong on the command line; the message is meant for the user. */
    public static final class UsageException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }

    public BenchOptions {
        engines = List.copyOf(engines);
        workloads = List.copyOf(workloads);
        jvmArgs = List.copyOf(jvmArgs);
    }

    /** The options with nothing given: everything at its default. */
    public static BenchOptions defaults() {
        return parse();
    }

    /**
     * Reads the command line. Options take their value as the next argument or after {@code =}
     * ({@code --num 1000} or {@code --num=1000}).
     *
     * @throws UsageException if an option is unknown, lacks its value, or has a bad value
     */
    public static BenchOptions parse(String... args) {
        Integer num = null;
        boolean quick = false;
        List<EngineKind> engines = List.of(EngineKind.values());
        List<Workload> workloads = List.of(Workload.values());
        String xmx = DEFAULT_XMX;
        long seed = DEFAULT_SEED;
        Path dir = null;
        Path markdown = null;
        Path jfr = null;
        List<String> jvmArgs = new ArrayList<>();
        long timeout = DEFAULT_TIMEOUT_SECONDS;
        int runs = 1;
        long writeBuffer = DEFAULT_WRITE_BUFFER;
        Path json = null;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String inlineValue = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                inlineValue = arg.substring(eq + 1);
            }
            switch (name) {
                case "--help":
                case "-h":
                    noValue(name, inlineValue);
                    help = true;
                    continue;
                case "--quick":
                    noValue(name, inlineValue);
                    quick = true;
                    continue;
                default:
                    break;
            }
            String value;
            if (inlineValue != null) {
                value = inlineValue;
            } else if (isOption(name)) {
                if (i + 1 >= args.length) {
                    throw new UsageException(name + " needs a value");
                }
                value = args[++i];
            } else {
                throw new UsageException("unknown option '" + arg + "'");
            }
            switch (name) {
                case "--num":
                    num = parseInt(name, value, 1, MAX_NUM);
                    break;
                case "--engines":
                    engines = parseList(name, value, EngineKind::byId);
                    break;
                case "--workloads":
                    workloads = parseList(name, value, Workload::byId);
                    break;
                case "--xmx":
                    if (!value.matches("[1-9][0-9]*[kKmMgG]")) {
                        throw new UsageException("--xmx takes a heap size with its unit (k, m or g), such as 512m or 2g, "
                                + "but was '" + value + "'");
                    }
                    xmx = value;
                    break;
                case "--seed":
                    try {
                        seed = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        throw new UsageException("--seed takes a whole number, but was '" + value + "'");
                    }
                    break;
                case "--dir":
                    dir = parsePath(name, value);
                    break;
                case "--markdown":
                    markdown = parsePath(name, value);
                    break;
                case "--jfr":
                    jfr = parsePath(name, value);
                    break;
                case "--jvm-arg":
                    if (!value.startsWith("-")) {
                        throw new UsageException("--jvm-arg takes one JVM flag starting with '-', such as "
                                + "-XX:+UseParallelGC, but was '" + value + "'");
                    }
                    jvmArgs.add(value);
                    break;
                case "--timeout":
                    timeout = parseInt(name, value, 1, Integer.MAX_VALUE);
                    break;
                case "--runs":
                    runs = parseInt(name, value, 1, 99);
                    break;
                case "--write-buffer":
                    writeBuffer = parseSize(name, value, MIN_WRITE_BUFFER, Integer.MAX_VALUE);
                    break;
                case "--json":
                    json = parsePath(name, value);
                    break;
                default:
                    throw new AssertionError(name);
            }
        }
        if (quick && num != null) {
            throw new UsageException("--quick means --num " + QUICK_NUM + "; give one of --quick and --num, not both");
        }
        int n = num != null ? num : quick ? QUICK_NUM : DEFAULT_NUM;
        return new BenchOptions(n, engines, workloads, xmx, seed, dir, markdown, jfr, jvmArgs, timeout, runs,
                writeBuffer, json, help);
    }

    /** The text {@code --help} prints. */
    public static String usage() {
        return String.join("\n",
                "usage: DbBench [options]",
                "",
                "Runs db_bench-style workloads against MiniLsm, RocksDB (rocksdbjni) and LevelDB-iq80 with the",
                "same budget (64 MiB memtables, at most 2; 4 KiB blocks; 32 MiB block cache; no compression),",
                "each engine in its own JVM with the same flags, and prints ops/s, us/op and the ratio of MiniLsm",
                "(with its bonuses on, if it ran) to each other engine.",
                "",
                "  --num N             number of keys (default " + DEFAULT_NUM + "); 16-byte keys, 100-byte values",
                "  --quick             N = " + QUICK_NUM + " (a run of a few minutes)",
                "  --engines a,b       engines, in order (default: all " + EngineKind.values().length
                        + ", listed below)",
                "  --workloads a,b     workloads, in order (default " + Workload.allIds() + ")",
                "  --xmx SIZE          heap of every engine's JVM (default " + DEFAULT_XMX + ")",
                "  --seed S            seed of every random choice (default " + DEFAULT_SEED + ")",
                "  --dir DIR           put the temporary databases under DIR (default: the system's temp dir);",
                "                      they are deleted afterwards",
                "  --markdown FILE     also write the table as Markdown to FILE",
                "  --jfr DIR           record each measured workload with JFR into DIR/<engine>-<workload>.jfr",
                "                      (profiling costs time: do not compare the numbers of such a run)",
                "  --jvm-arg FLAG      one more flag for every engine's JVM (repeatable), e.g. -XX:+UseParallelGC",
                "  --timeout SECONDS   stop an engine's JVM after this long and report it failed (default "
                        + DEFAULT_TIMEOUT_SECONDS + ")",
                "  --runs R            run every engine R times, taking turns, and show the median (default 1);",
                "                      for a machine that other programs also use",
                "  --write-buffer SIZE bytes a memtable takes before it is flushed, with k or m for KiB or MiB",
                "                      (default 64m); a small one (e.g. 512k) makes the reads go to SST files",
                "  --json FILE         also write the results as JSON to FILE (engines, workloads, memory,",
                "                      and any wrong answer or failure)",
                "  --help              this text",
                "",
                "Engines (the default runs all of them, in this order; at N = 1,000,000 each one takes",
                "roughly a minute per run):",
                engineHelp(),
                "",
                "For one question, fewer engines do:",
                "  --engines minilsm,minilsm-core,rocksdb-bloom   what the bonuses gain, and MiniLsm against",
                "                                                 RocksDB with bloom filters of the same size",
                "  --engines minilsm-core,rocksdb-l0              the core engine against the equal-design peer",
                "",
                "Workloads:");
    }

    /** The engines, one per line (without the last line break), for the usage text. */
    static String engineHelp() {
        List<String> lines = new ArrayList<>();
        for (EngineKind e : EngineKind.values()) {
            lines.add(String.format(Locale.ROOT, "  %-14s %s", e.id(), e.configuration()));
        }
        return String.join("\n", lines);
    }

    /** The workloads, one per line, for the usage text. */
    public static String workloadHelp() {
        StringBuilder sb = new StringBuilder();
        for (Workload w : Workload.values()) {
            sb.append(String.format(Locale.ROOT, "  %-12s %s%n", w.id(), w.description()));
        }
        return sb.toString();
    }

    private static boolean isOption(String name) {
        switch (name) {
            case "--num":
            case "--engines":
            case "--workloads":
            case "--xmx":
            case "--seed":
            case "--dir":
            case "--markdown":
            case "--jfr":
            case "--jvm-arg":
            case "--timeout":
            case "--runs":
            case "--write-buffer":
            case "--json":
                return true;
            default:
                return false;
        }
    }

    private static void noValue(String name, String inlineValue) {
        if (inlineValue != null) {
            throw new UsageException(name + " takes no value, but was given '" + inlineValue + "'");
        }
    }

    private static int parseInt(String name, String value, int min, int max) {
        String digits = value.replace("_", "").replace(",", "");
        long n;
        try {
            n = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new UsageException(name + " takes a whole number, but was '" + value + "'");
        }
        if (n < min || n > max) {
            throw new UsageException(name + " must be between " + min + " and " + max + ", but was " + value);
        }
        return (int) n;
    }

    /** A number of bytes, with an optional unit k or m (KiB, MiB). */
    private static long parseSize(String name, String value, long min, long max) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (text.endsWith("k")) {
            unit = 1L << 10;
        } else if (text.endsWith("m")) {
            unit = 1L << 20;
        }
        String digits = unit == 1 ? text : text.substring(0, text.length() - 1);
        long n;
        try {
            n = Math.multiplyExact(Long.parseLong(digits.replace("_", "")), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new UsageException(name + " takes a size in bytes, optionally with k or m (such as 512k or 4m),"
                    + " but was '" + value + "'");
        }
        if (n < min || n > max) {
            throw new UsageException(name + " must be between " + min + " and " + max + " bytes, but was " + value);
        }
        return n;
    }

    private static Path parsePath(String name, String value) {
        if (value.isBlank()) {
            throw new UsageException(name + " needs a path, but was empty");
        }
        try {
            return Path.of(value);
        } catch (RuntimeException e) {
            throw new UsageException(name + " needs a path, but '" + value + "' is not one: " + e.getMessage());
        }
    }

    private interface Lookup<T> {
        T byId(String id);
    }

    private static <T extends Enum<T>> List<T> parseList(String name, String value, Lookup<T> lookup) {
        List<T> items = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String part : value.split(",", -1)) {
            if (part.isBlank()) {
                throw new UsageException(name + " takes a comma-separated list without empty items, but was '"
                        + value + "'");
            }
            T item;
            try {
                item = lookup.byId(part);
            } catch (IllegalArgumentException e) {
                throw new UsageException(name + ": " + e.getMessage());
            }
            if (!seen.add(item.name())) {
                throw new UsageException(name + " names '" + part.trim() + "' twice");
            }
            items.add(item);
        }
        return items;
    }
}
