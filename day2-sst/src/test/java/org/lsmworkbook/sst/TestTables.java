package org.lsmworkbook.sst;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.lsmworkbook.block.Block;
import org.lsmworkbook.block.BlockBuilder;
import org.lsmworkbook.block.BlockIterator;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.kv.StorageIterator;

/**
 * Small helpers the day-2 tests share: entries, tables built from them, raw file bytes.
 *
 * <p>Nothing here runs student code from a static initializer: in the student edition the methods
 * under test throw {@code UnsupportedOperationException}, which in a static initializer would turn
 * every later use of this class into a confusing "Could not initialize class" error.
 */
final class TestTables {

    private TestTables() {}

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

    /** The key {@code key-0042} for {@code i = 42}: zero-padded, so string order is number order. */
    static Bytes key(int i) {
        return Bytes.of(String.format("key-%04d", i));
    }

    /** Keys {@code key-0000, key-0001, ...} with values {@code value-0000, ...}. */
    static List<Entry> numbered(int count) {
        List<Entry> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(new Entry(key(i), Bytes.of(String.format("value-%04d", i))));
        }
        return out;
    }

    /**
     * Builds an SST of {@code entries} (in order) at {@code file} with {@code new
     * SsTableBuilder(blockSize, file)}, id {@code id} and the given cache (may be null).
     */
    static SsTable build(Path file, int blockSize, List<Entry> entries, long id, BlockCache cache)
            throws IOException {
        try (SsTableBuilder builder = new SsTableBuilder(blockSize, file)) {
            for (Entry e : entries) {
                builder.add(e.key(), e.value());
            }
            return builder.build(id, cache);
        }
    }

    /** {@link #build(Path, int, List, long, BlockCache)} with id 1 and no cache. */
    static SsTable build(Path file, int blockSize, List<Entry> entries) throws IOException {
        return build(file, blockSize, entries, 1, null);
    }

    /**
     * How the entries fall into blocks if each block is filled by a day-1 {@link BlockBuilder} of
     * {@code blockSize} until its {@code add} returns false: the rule in {@link SsTableBuilder}'s
     * class comment.
     */
    static List<List<Entry>> expectedBlocks(int blockSize, List<Entry> entries) {
        List<List<Entry>> blocks = new ArrayList<>();
        BlockBuilder builder = new BlockBuilder(blockSize);
        List<Entry> current = new ArrayList<>();
        for (Entry e : entries) {
            if (!builder.add(e.key(), e.value())) {
                blocks.add(current);
                builder = new BlockBuilder(blockSize);
                current = new ArrayList<>();
                builder.add(e.key(), e.value());
            }
            current.add(e);
        }
        if (!current.isEmpty()) {
            blocks.add(current);
        }
        return blocks;
    }

    /** Every entry of a block, in order. */
    static List<Entry> entriesOf(Block block) throws Exception {
        return drain(BlockIterator.createAndSeekToFirst(block), block.numEntries() + 1);
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

    /** {@code a} followed by {@code b}. */
    static Bytes concat(Bytes a, byte... b) {
        byte[] out = new byte[a.length() + b.length];
        a.copyTo(out, 0);
        System.arraycopy(b, 0, out, a.length(), b.length);
        return Bytes.wrap(out);
    }

    /** The big-endian unsigned 32-bit number at {@code at}. */
    static long u32(byte[] bytes, int at) {
        return ByteBuffer.wrap(bytes, at, 4).getInt() & 0xFFFF_FFFFL;
    }

    /** The big-endian 64-bit number at {@code at}. */
    static long u64(byte[] bytes, int at) {
        return ByteBuffer.wrap(bytes, at, 8).getLong();
    }

    /** Writes {@code value} as a big-endian 32-bit number at {@code at}. */
    static void putU32(byte[] bytes, int at, int value) {
        ByteBuffer.wrap(bytes, at, 4).putInt(value);
    }

    /** The CRC-32C of {@code bytes[from, to)}, computed with the JDK's {@link CRC32C}. */
    static int crc32c(byte[] bytes, int from, int to) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, from, to - from);
        return (int) crc.getValue();
    }

    /**
     * Overwrites bytes of an existing file in place, without changing its length: a reader that
     * has the file open sees the new bytes on its next positional read.
     */
    static void overwrite(Path file, long offset, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer, offset + buffer.position());
            }
        }
    }

    /** A copy of {@code bytes} with the byte at {@code position} XORed with {@code mask}. */
    static byte[] flipped(byte[] bytes, int position, int mask) {
        byte[] out = bytes.clone();
        out[position] ^= (byte) mask;
        return out;
    }
}
