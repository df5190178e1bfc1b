package org.lsmworkbook.sst;

import java.util.Objects;
import org.lsmworkbook.block.BigEndian;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.kv.CorruptionException;

/**
 * A bloom filter over the keys of one SST (bonus task 6 of day 2): a bit array that answers "this
 * key is surely not in the table" or "it may be", so that a point read can skip a table without
 * reading any of its blocks.
 *
 * <p>Building sets, for every key, {@link #numProbes()} bits chosen by the key's {@link #hash}; a
 * lookup answers "may contain" only if all of the key's bits are set. A key that was added always
 * finds its bits set (no false negatives); an absent key finds them all set by chance with a
 * probability of about {@code 0.6185^bitsPerKey} (0.8% at 10 bits per key), when the number of
 * probes is {@code round(bitsPerKey × ln 2)}.
 *
 * <h2>Probes</h2>
 *
 * <p>The 64-bit hash is split into two 32-bit halves, {@code h1} (the low half) and {@code h2} (the
 * high half). Probe {@code i}, for {@code i} from 0 to {@code numProbes - 1}, sets or tests bit
 * {@code ((h1 + i × h2) & 0x7fffffff) % numBits} (32-bit {@code int} arithmetic that may overflow).
 * Bit {@code b} is bit {@code b % 8} (the least significant is 0) of byte {@code b / 8}. Two hashes
 * combined like this spread the probes as well as {@code numProbes} independent hashes would, for a
 * filter of this size.
 *
 * <h2>Encoded layout (the filter section of an SST, format version 2)</h2>
 *
 * <pre>
 * +--------------------------+-------------------+-----------------+
 * | bits: num_bits / 8 bytes | num_probes: u8    | checksum: u32   |
 * +--------------------------+-------------------+-----------------+
 *   \_____ covered by the checksum (CRC-32C) ___/
 * </pre>
 *
 * <p>{@code num_bits} is a multiple of 8 and at least {@link #MIN_BITS}; {@code num_probes} is
 * from 1 to {@link #MAX_PROBES}. A filter is immutable and safe to share between threads.
 */
public final class BloomFilter {

    /** The fewest bits a filter has, however few keys it holds. */
    public static final int MIN_BITS = 64;

    /** The most probes per key: more would cost time and save nothing at any sensible bits per key. */
    public static final int MAX_PROBES = 30;

    /** The most bits per key a filter is built with: at 30 bits per key a false positive is already rare. */
    public static final int MAX_BITS_PER_KEY = 30;

    /** Bytes after the bit array: {@code num_probes u8 | checksum u32}. */
    static final int TRAILER_SIZE = 1 + 4;

    private final byte[] bits;
    private final int numProbes;

    /**
     * A filter over {@code bits} that tests {@code numProbes} bits per key.
     *
     * @param bits the bit array, not copied: the caller gives it up
     * @param numProbes how many bits each key sets, from 1 to {@link #MAX_PROBES}
     * @throws IllegalArgumentException if {@code bits} has fewer than {@link #MIN_BITS} bits or
     *     {@code numProbes} is out of range
     */
    public BloomFilter(byte[] bits, int numProbes) {
        Objects.requireNonNull(bits, "bits");
        if (bits.length < MIN_BITS / 8) {
            throw new IllegalArgumentException("a bloom filter has at least " + MIN_BITS + " bits, but got "
                    + bits.length * 8);
        }
        if (numProbes < 1 || numProbes > MAX_PROBES) {
            throw new IllegalArgumentException("numProbes must be between 1 and " + MAX_PROBES + ", but was " + numProbes);
        }
        this.bits = bits;
        this.numProbes = numProbes;
    }

    /**
     * The hash a filter uses for {@code key}: FNV-1a over its bytes (for each byte: xor it into the
     * hash, then multiply by the FNV prime {@code 0x100000001b3}; the start value is {@code
     * 0xcbf29ce484222325}), then a finalizer that spreads every input bit over all 64 bits (xor the
     * high 33 bits into the low ones, multiply by {@code 0xff51afd7ed558ccd}, again, multiply by
     * {@code 0xc4ceb9fe1a85ec53}, again). FNV-1a alone changes only the low bits much for keys that
     * differ in their last byte; the finalizer makes both 32-bit halves usable as hashes.
     *
     * <p>Given code: the filter's tasks are building and probing, not designing a hash.
     *
     * @param key the key
     * @return its 64-bit hash
     */
    public static long hash(Bytes key) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < key.length(); i++) {
            h ^= key.byteAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /**
     * The number of probes for {@code bitsPerKey}: {@code round(bitsPerKey × ln 2)}, which makes
     * false positives rarest for that many bits, kept within {@code [1, MAX_PROBES]}.
     *
     * @param bitsPerKey the filter's bits per key, at least 1
     * @return the number of probes
     */
    public static int probesFor(int bitsPerKey) {
        int probes = (int) Math.round(bitsPerKey * Math.log(2));
        return Math.max(1, Math.min(MAX_PROBES, probes));
    }

    /**
     * Builds the filter of {@code count} keys, given by their {@linkplain #hash hashes}.
     *
     * <p>The filter has {@code count × bitsPerKey} bits, rounded up to a multiple of 8 and to at
     * least {@link #MIN_BITS}, and {@link #probesFor probesFor(bitsPerKey)} probes. Every key's
     * probes (see the class comment) are set.
     *
     * @param keyHashes the hashes; only the first {@code count} are used
     * @param count how many keys, 0 or more
     * @param bitsPerKey bits per key, from 1 to {@link #MAX_BITS_PER_KEY}
     * @return the filter
     * @throws IllegalArgumentException if {@code count} is negative or larger than {@code
     *     keyHashes.length}, if {@code bitsPerKey} is out of range, or if the filter would need more
     *     than {@code Integer.MAX_VALUE} bits
     */
    public static BloomFilter build(long[] keyHashes, int count, int bitsPerKey) {
        // BEGIN SOLUTION Task 6 (bonus: bloom filter)
        Objects.requireNonNull(keyHashes, "keyHashes");
        if (count < 0 || count > keyHashes.length) {
            throw new IllegalArgumentException("count must be between 0 and " + keyHashes.length + ", but was " + count);
        }
        if (bitsPerKey < 1 || bitsPerKey > MAX_BITS_PER_KEY) {
            throw new IllegalArgumentException("bitsPerKey must be between 1 and " + MAX_BITS_PER_KEY + ", but was "
                    + bitsPerKey);
        }
        long wanted = Math.max(MIN_BITS, (long) count * bitsPerKey);
        if (wanted > Integer.MAX_VALUE - 7) {
            throw new IllegalArgumentException(count + " keys at " + bitsPerKey + " bits per key need " + wanted
                    + " bits, more than a filter can hold");
        }
        int numBits = (int) ((wanted + 7) / 8 * 8);
        byte[] bits = new byte[numBits / 8];
        int numProbes = probesFor(bitsPerKey);
        for (int k = 0; k < count; k++) {
            long h = keyHashes[k];
            int h1 = (int) h;
            int h2 = (int) (h >>> 32);
            for (int i = 0; i < numProbes; i++) {
                int bit = ((h1 + i * h2) & Integer.MAX_VALUE) % numBits;
                bits[bit >>> 3] |= (byte) (1 << (bit & 7));
            }
        }
        return new BloomFilter(bits, numProbes);
        // END SOLUTION
    }

    /**
     * Whether a key with this {@linkplain #hash hash} may be in the filter: true if all of its
     * probes' bits are set, false if one is clear (then the key was surely never added).
     *
     * @param keyHash the key's hash, from {@link #hash}
     * @return false only for a key that was not added
     */
    public boolean mayContainHash(long keyHash) {
        // BEGIN SOLUTION Task 6 (bonus: bloom filter)
        int numBits = bits.length * 8;
        int h1 = (int) keyHash;
        int h2 = (int) (keyHash >>> 32);
        for (int i = 0; i < numProbes; i++) {
            int bit = ((h1 + i * h2) & Integer.MAX_VALUE) % numBits;
            if ((bits[bit >>> 3] & (1 << (bit & 7))) == 0) {
                return false;
            }
        }
        return true;
        // END SOLUTION
    }

    /**
     * Whether {@code key} may be in the filter: {@code mayContainHash(hash(key))}.
     *
     * @param key the key
     * @return false only for a key that was not added
     */
    public boolean mayContain(Bytes key) {
        return mayContainHash(hash(key));
    }

    /** How many bits each key sets. */
    public int numProbes() {
        return numProbes;
    }

    /** The size of the bit array, in bits: a multiple of 8. */
    public int numBits() {
        return bits.length * 8;
    }

    /** The size of the encoded filter, trailer included: what it adds to the SST file. */
    public int encodedSize() {
        return bits.length + TRAILER_SIZE;
    }

    /**
     * The filter in the layout of the class comment, checksum included.
     *
     * @return a new array of {@link #encodedSize()} bytes
     */
    public byte[] encode() {
        byte[] out = new byte[encodedSize()];
        System.arraycopy(bits, 0, out, 0, bits.length);
        out[bits.length] = (byte) numProbes;
        BigEndian.putU32(out, bits.length + 1, Checksums.crc32c(out, 0, bits.length + 1) & 0xFFFF_FFFFL);
        return out;
    }

    /**
     * Decodes a filter written by {@link #encode()}, checking its checksum before anything else.
     *
     * @param buf the bytes
     * @param from where the filter starts in {@code buf}
     * @param end where it ends (exclusive)
     * @param source the file's name, for error messages
     * @param fileOffsetOfBuf where {@code buf[0]} sits in the file, so that errors give file offsets
     * @return the filter
     * @throws CorruptionException if the section is too short, does not match its checksum, or holds
     *     a bit count or probe count a filter cannot have; the message names the file, the offset and
     *     "the bloom filter"
     */
    public static BloomFilter decode(byte[] buf, int from, int end, String source, long fileOffsetOfBuf)
            throws CorruptionException {
        Objects.checkFromToIndex(from, end, buf.length);
        int length = end - from;
        if (length < MIN_BITS / 8 + TRAILER_SIZE) {
            throw new CorruptionException(source, fileOffsetOfBuf + from, "the bloom filter section is " + length
                    + " bytes, too short for " + MIN_BITS + " bits, the probe count and the checksum ("
                    + (MIN_BITS / 8 + TRAILER_SIZE) + " bytes)");
        }
        int covered = length - 4;
        int stored = BigEndian.getI32(buf, from + covered);
        int computed = Checksums.crc32c(buf, from, covered);
        if (stored != computed) {
            throw new CorruptionException(source, fileOffsetOfBuf + from + covered, "the bloom filter does not match "
                    + "its checksum: stored " + Checksums.hex(stored) + ", computed " + Checksums.hex(computed));
        }
        int numProbes = buf[from + covered - 1] & 0xFF;
        if (numProbes < 1 || numProbes > MAX_PROBES) {
            // Only a writer's bug gets here: the checksum matched.
            throw new CorruptionException(source, fileOffsetOfBuf + from + covered - 1, "the bloom filter has "
                    + numProbes + " probes per key; a filter has 1 to " + MAX_PROBES);
        }
        byte[] bits = new byte[covered - 1];
        System.arraycopy(buf, from, bits, 0, bits.length);
        return new BloomFilter(bits, numProbes);
    }

    @Override
    public String toString() {
        return "BloomFilter[" + numBits() + " bits, " + numProbes + " probes]";
    }
}
