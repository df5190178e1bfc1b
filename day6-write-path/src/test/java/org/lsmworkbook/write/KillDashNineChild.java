package org.lsmworkbook.write;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.lsmworkbook.engine.LsmStorageOptions;
import org.lsmworkbook.kv.Bytes;

/**
 * The process {@link KillDashNineTest} kills: it opens the engine in a directory and runs a seeded
 * mix of puts, deletes and {@code forceFlush()} calls, then {@code close()}. The parent derives the
 * same operations from the same seed, so the child reports only what the parent cannot know:
 *
 * <pre>
 *   OPEN              the engine is open; operations start
 *   FLUSHED i         forceFlush(), operation i, returned: operations 0..i are durable
 *   SYNCED i          (mode wal) sync(), operation i, returned: operations 0..i are durable
 *   AT op file        the child reached its kill point and waits there to be killed
 *   CLOSING / CLOSED  close() began / returned: every operation is durable
 * </pre>
 *
 * <p>A kill point ({@code phase:OP:n}) makes the n-th file operation of that kind on an SST file
 * (its {@code .tmp} too) or on the directory wait for ever, seen through a {@link
 * RecordingFileSystem}: {@code OPEN} (before the file is opened or created), {@code WRITE} (before
 * a write: the file exists, and holds none or part of its data), {@code FORCE} (data written, not
 * forced), {@code MOVE} (before the rename) and {@code DIRFORCE} (renamed, the directory not
 * forced); with the log on also {@code WALWRITE} (before an append to a {@code .wal} file) and
 * {@code WALFORCE} (before a log is forced). Phase {@code flush} counts from the open on,
 * background flushes included; phase {@code close} counts only inside {@code close()}.
 *
 * <p>Arguments: {@code DIR SEED RUN OPERATIONS KILLPOINT [MODE]} ({@code none} for no kill point;
 * mode {@code wal} turns the write-ahead log on, and the operations call {@code sync()} where they
 * would call {@code forceFlush()}, and more often).
 */
final class KillDashNineChild {

    /** How many different keys the operations use: few, so that keys are overwritten and deleted often. */
    static final int KEYS = 300;

    private KillDashNineChild() {}

    /** The engine's options, in the child and in the parent's checks: many small SSTs and background flushes. */
    static LsmStorageOptions options() {
        return LsmStorageOptions.forTests().withTargetSstSize(16 * 1024).withBlockSize(512);
    }

    /** The options of {@code mode}: {@code wal} is {@link #options()} with the write-ahead log on. */
    static LsmStorageOptions options(String mode) {
        return isWal(mode) ? options().withWriteAheadLog(true) : options();
    }

    static boolean isWal(String mode) {
        return mode.equals("wal");
    }

    /**
     * One operation: a put, a delete ({@code value} empty) or a forceFlush ({@code key} null; a
     * {@code sync()} in mode {@code wal}).
     */
    record Op(Bytes key, Bytes value) {
        boolean isFlush() {
            return key == null;
        }
    }

    /** The operation {@code index} of run {@code run}; call it for index 0, 1, 2... on one {@code Random}. */
    static Op next(Random random, int run, int index) {
        return next(random, run, index, false);
    }

    /** As {@link #next(Random, int, int)}; with {@code wal}, one operation in 40 is a sync (not 1 in 250). */
    static Op next(Random random, int run, int index, boolean wal) {
        int dice = random.nextInt(1000);
        if (dice < (wal ? 25 : 4)) {
            return new Op(null, null);
        }
        Bytes key = Bytes.of(String.format("key-%03d", random.nextInt(KEYS)));
        if (dice < 200) {
            return new Op(key, Bytes.EMPTY);
        }
        return new Op(key, Bytes.of("r" + run + "-op" + index + "-" + "v".repeat(random.nextInt(40))));
    }

    public static void main(String[] args) throws IOException {
        Path realDir = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        int run = Integer.parseInt(args[2]);
        int operations = Integer.parseInt(args[3]);
        String[] killPoint = args[4].equals("none") ? null : args[4].split(":");
        String mode = args.length > 5 ? args[5] : "plain";
        boolean wal = isWal(mode);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);

        RecordingFileSystem fs = RecordingFileSystem.ofDefault();
        Path dir = fs.wrap(realDir);
        MiniLsm lsm = MiniLsm.open(dir, options(mode));
        AtomicBoolean closing = new AtomicBoolean();
        AtomicInteger seen = new AtomicInteger();
        if (killPoint != null) {
            boolean inClose = killPoint[0].equals("close");
            String kind = killPoint[1];
            int nth = Integer.parseInt(killPoint[2]);
            fs.listen((op, path, target) -> {
                if ((inClose && !closing.get()) || !matches(kind, op, path)) {
                    return;
                }
                if (seen.incrementAndGet() == nth) {
                    out.println("AT " + op + " " + path.getFileName() + (target == null ? "" : " " + target.getFileName()));
                    out.flush();
                    waitToBeKilled();
                }
            });
        }
        out.println("OPEN");
        Random random = new Random(seed);
        for (int i = 0; i < operations; i++) {
            Op op = next(random, run, i, wal);
            if (op.isFlush() && wal) {
                lsm.sync();
                out.println("SYNCED " + i);
            } else if (op.isFlush()) {
                lsm.forceFlush();
                out.println("FLUSHED " + i);
            } else if (op.value().isEmpty()) {
                lsm.delete(op.key());
            } else {
                lsm.put(op.key(), op.value());
            }
        }
        out.println("CLOSING");
        closing.set(true);
        lsm.close();
        out.println("CLOSED");
    }

    private static boolean matches(String kind, RecordingFileSystem.Op op, Path path) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        boolean sst = SstFileNames.isTempFile(name) || name.endsWith(SstFileNames.SST_SUFFIX);
        boolean log = name.endsWith(SstFileNames.WAL_SUFFIX);
        switch (kind) {
            case "OPEN":
                return op == RecordingFileSystem.Op.OPEN && sst;
            case "WRITE":
                return op == RecordingFileSystem.Op.WRITE && sst;
            case "FORCE":
                return op == RecordingFileSystem.Op.FORCE && sst;
            case "MOVE":
                return op == RecordingFileSystem.Op.MOVE;
            case "DIRFORCE":
                return op == RecordingFileSystem.Op.FORCE && !sst && !log; // the directory
            case "WALWRITE":
                return op == RecordingFileSystem.Op.WRITE && log;
            case "WALFORCE":
                return op == RecordingFileSystem.Op.FORCE && log;
            default:
                throw new IllegalArgumentException("unknown kill point kind " + kind);
        }
    }

    /** Parks until the parent kills the process; if it never does (the parent died), ends after a minute. */
    private static void waitToBeKilled() {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
        }
        Runtime.getRuntime().halt(3);
    }
}
