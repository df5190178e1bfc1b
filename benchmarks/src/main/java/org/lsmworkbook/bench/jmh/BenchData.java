package org.lsmworkbook.bench.jmh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.lsmworkbook.kv.Bytes;

/**
 * The data every benchmark works on, made from fixed seeds so that two runs (and the two sides of a
 * comparison) see exactly the same bytes.
 *
 * <p>Keys follow {@code db_bench}: 16 ASCII digits, the zero-padded decimal form of a number. Key
 * {@code i} is the number {@code 2 * i}, so keys {@code 0 .. n-1} sort in index order, and the odd
 * numbers in between ({@link #missingKey(long)}) are keys that lie inside the range of the data
 * but were never written: the honest kind of miss, which no key-range check can skip. Values are
 * 100 random bytes.
 */
public final class BenchData {

    /** Bytes in every key. */
    public static final int KEY_SIZE = 16;
    /** Bytes in every value. */
    public static final int VALUE_SIZE = 100;
    /** The seed the benchmarks use unless they need two independent streams. */
    public static final long SEED = 20240917L;

    private BenchData() {}

    /** Key number {@code i}: {@code 2 * i} as 16 zero-padded digits. Keys sort by {@code i}. */
    public static Bytes key(long i) {
        return digits(2 * i);
    }

    /** A key between {@code key(i)} and {@code key(i + 1)}: never written by any benchmark. */
    public static Bytes missingKey(long i) {
        return digits(2 * i + 1);
    }

    /** Keys {@code 0 .. n-1}, sorted. */
    public static Bytes[] sortedKeys(int n) {
        Bytes[] keys = new Bytes[n];
        for (int i = 0; i < n; i++) {
            keys[i] = key(i);
        }
        return keys;
    }

    /** Keys {@code 0 .. n-1} in a random order fixed by {@code seed}. */
    public static Bytes[] shuffledKeys(int n, long seed) {
        Bytes[] keys = sortedKeys(n);
        shuffle(keys, seed);
        return keys;
    }

    /** {@code n} values of {@link #VALUE_SIZE} random bytes, fixed by {@code seed}. */
    public static Bytes[] values(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Bytes[] values = new Bytes[n];
        for (int i = 0; i < n; i++) {
            byte[] value = new byte[VALUE_SIZE];
            for (int j = 0; j < VALUE_SIZE; j++) {
                value[j] = (byte) random.nextInt(256);
            }
            values[i] = Bytes.wrap(value);
        }
        return values;
    }

    /** Shuffles {@code array} in place (Fisher-Yates), in an order fixed by {@code seed}. */
    public static <T> void shuffle(T[] array, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = array.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T t = array[i];
            array[i] = array[j];
            array[j] = t;
        }
    }

    /** A new empty directory for one benchmark's files. */
    public static Path newTempDir(String prefix) {
        try {
            return Files.createTempDirectory("lsm-jmh-" + prefix + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes {@code dir} and everything in it; does nothing if it is null or gone. */
    public static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Bytes digits(long number) {
        String text = String.format("%0" + KEY_SIZE + "d", number);
        return Bytes.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }
}
