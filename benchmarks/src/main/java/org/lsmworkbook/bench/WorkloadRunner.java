package org.lsmworkbook.bench;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Runs workloads, one after the other, against one engine, the way db_bench does: each fill starts
 * from a fresh database, and {@code overwrite} and the reads use the database the last write left.
 * The database always holds exactly the keys {@code 0 .. N-1} once it is filled; a read workload
 * run on an empty database first fills it (with {@code fillrandom}, not measured).
 *
 * <p>Before each measured workload comes a <b>warm-up</b> that is not measured, so that the JIT has
 * compiled the paths the workload takes: a write workload first writes W keys the same way into a
 * scratch database (then closed and deleted); a read workload first makes W of its reads (W/10
 * seeks for {@code seekrandom}) on the real database, with another seed. W is N/10, but at least
 * 50,000 (or N if that is smaller): see {@link #warmUpOps}. After a write workload the
 * runner waits, not measured, for the engine's background work (flushes, compactions), so that the
 * next workload does not compete with it.
 *
 * <p>Every random choice comes from {@link SplittableRandom}s seeded from the run's seed and the
 * workload, so every engine sees the same keys in the same order.
 */
public final class WorkloadRunner implements Closeable {

    /** What the runner tells whoever drives it. */
    public interface Listener {
        /** A line for the user: where the run is. */
        void progress(String line);

        /** A workload was measured. */
        void result(WorkloadResult result);

        /** Called just before the measured part of {@code workload} starts. */
        default void beforeMeasure(Workload workload) {}

        /** Called just after the measured part of {@code workload} ends. */
        default void afterMeasure(Workload workload) {}
    }

    private final EngineKind kind;
    private final EngineSettings settings;
    private final int num;
    private final long seed;
    private final Path dbDir;
    private final Path scratchDir;
    private final Listener listener;
    private BenchEngine db;
    /** True while {@link #db} holds exactly the keys 0 .. num-1. */
    private boolean filled;

    /**
     * A runner that keeps its databases under {@code workDir} (created if missing).
     *
     * @param num the number of keys, N
     */
    public WorkloadRunner(
            EngineKind kind, EngineSettings settings, int num, long seed, Path workDir, Listener listener) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.settings = Objects.requireNonNull(settings, "settings");
        if (num < 1) {
            throw new IllegalArgumentException("num must be at least 1, but was " + num);
        }
        this.num = num;
        this.seed = seed;
        this.dbDir = workDir.resolve("db");
        this.scratchDir = workDir.resolve("warmup");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Runs {@code workloads} in the given order and reports each result to the listener. */
    public void run(List<Workload> workloads) throws IOException {
        for (Workload w : workloads) {
            runOne(w);
        }
    }

    /** Closes the database (a MiniLsm flushes what is in memory), not measured. */
    @Override
    public void close() throws IOException {
        if (db != null) {
            BenchEngine open = db;
            db = null;
            open.close();
        }
    }

    private void runOne(Workload w) throws IOException {
        if (w.needsFreshDatabase()) {
            freshDatabase();
        } else if (!filled) {
            freshDatabase();
            listener.progress(w.id() + ": the database is empty; filling it first with fillrandom (not measured)");
            SplittableRandom random = random(Workload.FILLRANDOM, 7);
            fill(db, Workload.FILLRANDOM, num, permutation(num, random), random,
                    new Values(mix(Workload.FILLRANDOM, 8)), null);
            filled = true;
            settle();
        }
        warmUp(w);
        listener.progress(w.id() + ": measuring " + String.format(Locale.ROOT, "%,d", w.operations(num)) + " ops");
        listener.beforeMeasure(w);
        WorkloadResult result;
        try {
            result = measure(w);
        } finally {
            listener.afterMeasure(w);
        }
        listener.progress(String.format(Locale.ROOT, "%s: done, %,.0f ops/s, %.2f us/op%s",
                w.id(), result.opsPerSecond(), result.microsPerOp(),
                result.isCorrect() ? "" : " -- WRONG ANSWERS: " + result.problem()));
        if (w.isWrite()) {
            filled = true;
            settle();
        }
        listener.result(result);
    }

    private WorkloadResult measure(Workload w) throws IOException {
        SplittableRandom random = random(w, 0);
        // Made before the clock starts: the key order of fillrandom, and the values' buffer.
        int[] order = w == Workload.FILLRANDOM ? permutation(num, random) : null;
        Values values = w.isWrite() ? new Values(mix(w, 1)) : null;
        Progress progress = new Progress(w, w.operations(num));
        long start = System.nanoTime();
        switch (w) {
            case FILLSEQ:
            case FILLRANDOM:
            case OVERWRITE: {
                fill(db, w, num, order, random, values, progress);
                long nanos = System.nanoTime() - start;
                return new WorkloadResult(w, num, nanos, num, null);
            }
            case READRANDOM:
            case READMISSING: {
                boolean missing = w == Workload.READMISSING;
                long found = 0;
                long wrongLength = 0;
                for (int i = 0; i < num; i++) {
                    long k = random.nextInt(num);
                    int length = db.get(missing ? Keys.missing(k) : Keys.present(k));
                    if (length >= 0) {
                        found++;
                        if (length != Values.VALUE_SIZE) {
                            wrongLength++;
                        }
                    }
                    progress.tick(i + 1);
                }
                long nanos = System.nanoTime() - start;
                String problem = null;
                if (missing && found != 0) {
                    problem = String.format(Locale.ROOT, "found %,d of %,d keys that were never written", found, num);
                } else if (!missing && found != num) {
                    problem = String.format(Locale.ROOT, "found only %,d of %,d keys that were written", found, num);
                } else if (wrongLength != 0) {
                    problem = String.format(Locale.ROOT, "%,d values had a length other than %d", wrongLength,
                            Values.VALUE_SIZE);
                }
                return new WorkloadResult(w, num, nanos, found, problem);
            }
            case READSEQ: {
                long every = Math.max(1, num / 10);
                long read = db.scanAll(every, progress::tick);
                long nanos = System.nanoTime() - start;
                String problem = read == num ? null
                        : String.format(Locale.ROOT, "the scan read %,d entries, but the database holds %,d", read, num);
                return new WorkloadResult(w, read, nanos, read, problem);
            }
            case SEEKRANDOM: {
                long seeks = w.operations(num);
                long read = 0;
                long expected = 0;
                for (long i = 0; i < seeks; i++) {
                    int k = random.nextInt(num);
                    read += db.seek(Keys.present(k), Workload.SEEK_NEXTS);
                    expected += Math.min(Workload.SEEK_NEXTS, num - k);
                    progress.tick(i + 1);
                }
                long nanos = System.nanoTime() - start;
                String problem = read == expected ? null
                        : String.format(Locale.ROOT, "the seeks read %,d entries, but should have read %,d", read, expected);
                return new WorkloadResult(w, seeks, nanos, read, problem);
            }
            default:
                throw new AssertionError(w);
        }
    }

    /**
     * Puts {@code count} keys the way {@code w} does: in key order, in the order of {@code order}
     * (fillrandom), or drawn from {@code random} (overwrite). {@code progress} may be null.
     */
    private static void fill(BenchEngine engine, Workload w, int count, int[] order, SplittableRandom random,
            Values values, Progress progress) throws IOException {
        switch (w) {
            case FILLSEQ:
                for (int i = 0; i < count; i++) {
                    engine.put(Keys.present(i), values.next());
                    if (progress != null) {
                        progress.tick(i + 1);
                    }
                }
                break;
            case FILLRANDOM: {
                for (int i = 0; i < count; i++) {
                    engine.put(Keys.present(order[i]), values.next());
                    if (progress != null) {
                        progress.tick(i + 1);
                    }
                }
                break;
            }
            case OVERWRITE:
                for (int i = 0; i < count; i++) {
                    engine.put(Keys.present(random.nextInt(count)), values.next());
                    if (progress != null) {
                        progress.tick(i + 1);
                    }
                }
                break;
            default:
                throw new AssertionError(w);
        }
    }

    private void warmUp(Workload w) throws IOException {
        int ops = warmUpOps(num);
        long start = System.nanoTime();
        SplittableRandom random = random(w, 1);
        if (w.isWrite()) {
            deleteTree(scratchDir);
            try (BenchEngine scratch = kind.open(scratchDir, settings)) {
                int[] order = w == Workload.FILLRANDOM ? permutation(ops, random) : null;
                fill(scratch, w, ops, order, random, new Values(mix(w, 2)), null);
            }
            deleteTree(scratchDir);
        } else {
            long sum = 0;
            switch (w) {
                case READRANDOM:
                    for (int i = 0; i < ops; i++) {
                        sum += db.get(Keys.present(random.nextInt(num)));
                    }
                    break;
                case READMISSING:
                    for (int i = 0; i < ops; i++) {
                        sum += db.get(Keys.missing(random.nextInt(num)));
                    }
                    break;
                case READSEQ:
                    sum += db.seek(Keys.present(0), ops);
                    break;
                case SEEKRANDOM:
                    for (int i = 0, seeks = Math.max(1, ops / 10); i < seeks; i++) {
                        sum += db.seek(Keys.present(random.nextInt(num)), Workload.SEEK_NEXTS);
                    }
                    break;
                default:
                    throw new AssertionError(w);
            }
            Blackhole.consume(sum);
        }
        listener.progress(String.format(Locale.ROOT, "%s: warm-up done (%,d %s, %.1f s, not measured)",
                w.id(), ops, w.isWrite() ? "puts into a scratch database" : "reads", seconds(start)));
    }

    /**
     * The operations of a warm-up: N/10, but at least 50,000 (or N, if smaller), so that even a
     * quick run gives the JIT enough calls to compile the hot paths before the clock starts.
     */
    static int warmUpOps(int num) {
        return Math.max(num / 10, Math.min(num, 50_000));
    }

    /** Closes and deletes the database, and opens an empty one. */
    private void freshDatabase() throws IOException {
        close();
        filled = false;
        deleteTree(dbDir);
        db = kind.open(dbDir, settings);
    }

    /** Waits for the engine's background work after writes, not measured. */
    private void settle() throws IOException {
        long start = System.nanoTime();
        db.waitForBackgroundWork();
        String shape = db.describe();
        listener.progress(String.format(Locale.ROOT, "background work settled in %.1f s (not measured)%s",
                seconds(start), shape.isEmpty() ? "" : "; " + shape));
    }

    private SplittableRandom random(Workload w, int phase) {
        return new SplittableRandom(mix(w, phase));
    }

    /** A seed for {@code w} and {@code phase}, derived from the run's seed. */
    private long mix(Workload w, int phase) {
        long z = seed + 0x9E3779B97F4A7C15L * (1 + w.ordinal() * 16L + phase);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A seeded permutation of {@code 0 .. n-1} (Fisher-Yates). */
    static int[] permutation(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Deletes {@code dir} and everything in it, if it exists. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (NoSuchFileException e) {
                    // gone already
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Reports the progress of a measured workload at every 10%, but at most once a second, so that a
     * long run shows where it is and a short one stays quiet.
     */
    private final class Progress {
        private static final long MIN_INTERVAL_NANOS = 1_000_000_000L;

        private final Workload workload;
        private final long total;
        private final long step;
        private final long start = System.nanoTime();
        private long lastReport = start;
        private long next;

        Progress(Workload workload, long total) {
            this.workload = workload;
            this.total = total;
            this.step = Math.max(1, total / 10);
            this.next = step;
        }

        void tick(long done) {
            if (done >= next) {
                next += step;
                long now = System.nanoTime();
                if (done < total && now - lastReport >= MIN_INTERVAL_NANOS) {
                    lastReport = now;
                    listener.progress(String.format(Locale.ROOT, "%s: %d%% (%,d ops, %.1f s)",
                            workload.id(), done * 100 / total, done, (now - start) / 1e9));
                }
            }
        }
    }
}
