package org.lsmworkbook.block;

import java.util.Arrays;
import java.util.Objects;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.kv.CorruptionException;

/**
 * A sorted, immutable run of key-value entries: the unit an SST file stores, reads and caches.
 *
 * <h2>Encoded layout</h2>
 *
 * <p>All integers are unsigned 16-bit, big-endian ({@code u16}); {@link BigEndian} reads and writes
 * them.
 *
 * <pre>
 * +-----------------------------------------------+---------------------------+-------------+
 * | entry 0 | entry 1 | ... | entry n-1           | offset 0 | ... | offset n-1 | n: u16      |
 * +-----------------------------------------------+---------------------------+-------------+
 *   \_________________ data _________________/     \______ n x u16 ______/
 *
 * entry i:   key_len: u16 | key: key_len bytes | value_len: u16 | value: value_len bytes
 * offset i:  where entry i starts, counted from the start of the block
 * </pre>
 *
 * <p>Rules of a well-formed block, all checked by {@link #decode(byte[])}:
 *
 * <ul>
 *   <li>it holds at least one entry;
 *   <li>entries are packed: entry 0 starts at 0, each entry starts where the one before ends, and
 *       the last one ends where the offset table begins;
 *   <li>keys are not empty, and strictly increase in unsigned byte order;
 *   <li>an empty value is allowed: it is a tombstone.
 * </ul>
 *
 * <p>The offsets are redundant with the packed entries, but they let a reader jump to entry
 * {@code i} without parsing the {@code i} entries before it, which is what binary search needs.
 *
 * <p>In memory a block keeps the data section and the offsets decoded into an {@code int[]}; the
 * count is the array's length.
 */
public final class Block {

    /** Bytes taken by each {@code u16} field: lengths, offsets and the entry count. */
    public static final int SIZE_OF_U16 = 2;

    /** The longest key the {@code u16} length field can describe: 65,535 bytes. */
    public static final int MAX_KEY_LENGTH = 0xFFFF;

    /** The longest value the {@code u16} length field can describe: 65,535 bytes. */
    public static final int MAX_VALUE_LENGTH = 0xFFFF;

    /** Where {@link CorruptionException}s of a block say the damage is. */
    static final String SOURCE = "block";

    private final byte[] data;
    private final int[] offsets;

    /**
     * A block over its data section and offset table, taken as they are (no copy).
     *
     * @param data the packed entries, exactly; nothing before or after them
     * @param offsets where each entry starts in {@code data}, one per entry
     */
    Block(byte[] data, int[] offsets) {
        this.data = data;
        this.offsets = offsets;
    }

    /** How many entries the block holds; at least one. */
    public int numEntries() {
        return offsets.length;
    }

    /** The packed entries; shared, not copied, so callers in this package must not change it. */
    byte[] data() {
        return data;
    }

    /** Where entry {@code index} starts in {@link #data()}. */
    int offset(int index) {
        return offsets[index];
    }

    /**
     * The block in the layout above, ready to be written to a file.
     *
     * @return a new array of {@code data.length + 2 * numEntries() + 2} bytes
     */
    public byte[] encode() {
        // BEGIN SOLUTION Task 2
        int n = offsets.length;
        byte[] out = new byte[data.length + SIZE_OF_U16 * n + SIZE_OF_U16];
        System.arraycopy(data, 0, out, 0, data.length);
        int pos = data.length;
        for (int offset : offsets) {
            BigEndian.putU16(out, pos, offset);
            pos += SIZE_OF_U16;
        }
        BigEndian.putU16(out, pos, n);
        return out;
        // END SOLUTION
    }

    /**
     * Reads a block from its encoded bytes, checking every rule of the layout above.
     *
     * <p>The result does not share {@code encoded}: the caller may reuse the array.
     *
     * @throws CorruptionException if the bytes are not a well-formed block; the message says
     *     where (the byte offset) and what is wrong. Two of its sentences have set words: an entry
     *     count that cannot be right (0, or more offsets than the bytes before the count can hold)
     *     is reported with the words {@code entry count}, and keys out of order with the word
     *     {@code increasing} (as in "keys must be strictly increasing"). Damaged input never
     *     surfaces as another exception, and never allocates more than the input's size.
     */
    public static Block decode(byte[] encoded) throws CorruptionException {
        return decode(encoded, encoded.length);
    }

    /**
     * Reads a block from the first {@code length} bytes of {@code encoded}, exactly like {@link
     * #decode(byte[])} reads a whole array; whatever follows is ignored. An SST stores a checksum
     * after each block, and this spares its reader a copy of every block it reads just to cut the
     * checksum off.
     *
     * @throws CorruptionException as {@link #decode(byte[])} does, with offsets counted from {@code
     *     encoded[0]}
     * @throws IndexOutOfBoundsException if {@code length} is negative or larger than the array
     */
    public static Block decode(byte[] encoded, int length) throws CorruptionException {
        Objects.checkFromIndexSize(0, length, encoded.length);
        // BEGIN SOLUTION Task 2
        int size = length;
        // pit: redundant ConditionalsBoundaryMutator — a 2-byte block also fails the next checks (count 0, or no room for offsets)
        if (size < SIZE_OF_U16) {
            throw new CorruptionException(SOURCE, 0,
                    "a block of " + size + " bytes is too short to hold its 2-byte entry count");
        }
        int countAt = size - SIZE_OF_U16;
        int n = BigEndian.getU16(encoded, countAt);
        if (n == 0) {
            throw new CorruptionException(SOURCE, countAt, "entry count is 0, but a block holds at least one entry");
        }
        // Checked before allocating anything sized by n, so a damaged count cannot ask for memory.
        int offsetsAt = countAt - SIZE_OF_U16 * n;
        // pit: redundant ConditionalsBoundaryMutator — with no entry bytes at all, the first key-length check rejects the block
        if (offsetsAt < 0) {
            // pit: message MathMutator — the byte count the message quotes
            throw new CorruptionException(SOURCE, countAt, "entry count " + n + " needs " + (SIZE_OF_U16 * n)
                    + " bytes of offsets, but only " + countAt + " bytes precede the count");
        }
        int dataLength = offsetsAt;
        int[] offsets = new int[n];
        int expected = 0;
        int prevKeyFrom = 0;
        int prevKeyTo = 0;
        for (int i = 0; i < n; i++) {
            int offsetField = offsetsAt + SIZE_OF_U16 * i;
            int start = BigEndian.getU16(encoded, offsetField);
            if (start != expected) {
                throw new CorruptionException(SOURCE, offsetField, "offset of entry " + i + " is " + start
                        // pit: message MathMutator, NegateConditionalsMutator — which earlier entry the message names
                        + (i == 0 ? ", but the first entry starts at 0" : ", but entry " + (i - 1) + " ends at " + expected));
            }
            offsets[i] = start;
            // pit: redundant ConditionalsBoundaryMutator, MathMutator — an entry that starts this late also fails the key check below
            if (start + SIZE_OF_U16 > dataLength) {
                throw new CorruptionException(SOURCE, start, "the key length of entry " + i
                        + " runs past the end of the entries (" + dataLength + " bytes)");
            }
            int keyLength = BigEndian.getU16(encoded, start);
            if (keyLength == 0) {
                throw new CorruptionException(SOURCE, start, "entry " + i + " has an empty key");
            }
            int keyFrom = start + SIZE_OF_U16;
            int keyTo = keyFrom + keyLength;
            // pit: redundant MathMutator — such a key also fails the value check below, and reads up to it stay in the array
            if (keyTo + SIZE_OF_U16 > dataLength) {
                throw new CorruptionException(SOURCE, start, "the key of entry " + i + " (" + keyLength
                        + " bytes) and its value length run past the end of the entries (" + dataLength + " bytes)");
            }
            // pit: equivalent ConditionalsBoundaryMutator — at i = 0 the previous key is empty, below every (non-empty) key
            if (i > 0 && Arrays.compareUnsigned(encoded, prevKeyFrom, prevKeyTo, encoded, keyFrom, keyTo) >= 0) {
                // pit: message MathMutator — which earlier entry the message names
                throw new CorruptionException(SOURCE, start, "the key of entry " + i
                        + " is not greater than the key of entry " + (i - 1) + "; keys must be strictly increasing");
            }
            int valueLength = BigEndian.getU16(encoded, keyTo);
            int end = keyTo + SIZE_OF_U16 + valueLength;
            if (end > dataLength) {
                throw new CorruptionException(SOURCE, keyTo, "the value of entry " + i + " (" + valueLength
                        + " bytes) runs past the end of the entries (" + dataLength + " bytes)");
            }
            prevKeyFrom = keyFrom;
            prevKeyTo = keyTo;
            expected = end;
        }
        if (expected != dataLength) {
            throw new CorruptionException(SOURCE, expected, "the last entry ends at " + expected
                    + ", but the offset table starts at " + dataLength);
        }
        return new Block(Arrays.copyOf(encoded, dataLength), offsets);
        // END SOLUTION
    }
}
