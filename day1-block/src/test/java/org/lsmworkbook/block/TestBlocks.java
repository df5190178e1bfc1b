package org.lsmworkbook.block;

import java.util.ArrayList;
import java.util.List;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.kv.StorageIterator;

/** Small helpers the day-1 tests share: building blocks from strings and reading iterators out. */
final class TestBlocks {

    private TestBlocks() {}

    /** One key-value pair, printed as {@code "key" -> "value"} in assertion messages. */
    record Entry(Bytes key, Bytes value) {
        static Entry of(String key, String value) {
            return new Entry(Bytes.of(key), Bytes.of(value));
        }

        @Override
        public String toString() {
            return key + " -> " + value;
        }
    }

    /** A block of the given key/value strings, alternating: {@code block("a", "1", "b", "2")}. */
    static Block block(String... keysAndValues) {
        BlockBuilder builder = new BlockBuilder(BlockBuilder.MAX_BLOCK_SIZE);
        for (Entry e : entries(keysAndValues)) {
            if (!builder.add(e.key(), e.value())) {
                throw new AssertionError("BlockBuilder.add refused " + e + " in a block of "
                        + BlockBuilder.MAX_BLOCK_SIZE + " bytes, although the entries are small");
            }
        }
        return builder.build();
    }

    /** The key/value strings as entries, alternating key and value. */
    static List<Entry> entries(String... keysAndValues) {
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.add(Entry.of(keysAndValues[i], keysAndValues[i + 1]));
        }
        return out;
    }

    /**
     * The entries of a block, read straight from its data section and offset table (the package's
     * {@code Block.data()} and {@code Block.offset(i)}, which are given code), so the tests of
     * task 2 can see what a decoded block holds without the {@code BlockIterator} of task 3.
     */
    static List<Entry> entriesOf(Block block) {
        List<Entry> out = new ArrayList<>();
        byte[] data = block.data();
        for (int i = 0; i < block.numEntries(); i++) {
            int at = block.offset(i);
            int keyLength = BigEndian.getU16(data, at);
            int keyAt = at + Block.SIZE_OF_U16;
            int valueLength = BigEndian.getU16(data, keyAt + keyLength);
            int valueAt = keyAt + keyLength + Block.SIZE_OF_U16;
            out.add(new Entry(Bytes.copyOf(data, keyAt, keyAt + keyLength),
                    Bytes.copyOf(data, valueAt, valueAt + valueLength)));
        }
        return out;
    }

    /** Everything from the iterator's current position to its end (at most {@code limit} entries). */
    static List<Entry> drain(StorageIterator it, int limit) throws Exception {
        List<Entry> out = new ArrayList<>();
        while (it.isValid()) {
            if (out.size() == limit) {
                throw new AssertionError("the iterator yielded more than " + limit
                        + " entries; does next() move forward, and does isValid() turn false after the last entry?");
            }
            out.add(new Entry(it.key(), it.value()));
            it.next();
        }
        return out;
    }

    /** Keys {@code key000, key001, ...} with values {@code value000, ...}, alternating. */
    static String[] numbered(int count) {
        String[] kv = new String[2 * count];
        for (int i = 0; i < count; i++) {
            kv[2 * i] = String.format("key%03d", i);
            kv[2 * i + 1] = String.format("value%03d", i);
        }
        return kv;
    }
}
