package org.lsmworkbook.write;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.zip.CRC32C;
import org.lsmworkbook.block.BigEndian;
import org.lsmworkbook.block.Block;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.kv.CorruptionException;
import org.lsmworkbook.memtable.MemTable;

/**
 * The write-ahead log of one memtable (day 6's bonus task 5): the file {@code 000007.wal} holds
 * every write made to memtable 7, in the order they were made, one record each.
 *
 * <h2>Record format</h2>
 *
 * <pre>
 *   record := length u32 | length_check u32 | checksum u32 | key_len u16 | key | value
 *
 *   length        the bytes after the checksum: 2 + key_len + the value's length
 *   length_check  ~length (every bit of length flipped)
 *   checksum      CRC-32C of the bytes after it (key_len, key, value)
 * </pre>
 *
 * All numbers are big-endian ({@link BigEndian}). An empty value is a tombstone, as in a block.
 * The file is the records one after the other, with nothing before, between or after them.
 *
 * <p>Why two checks: a process that dies in the middle of an append leaves the file cut short
 * inside its last record, never with wrong bytes. So a record that the end of the file cuts short
 * (fewer than 12 header bytes, or fewer body bytes than {@code length} says) is a <em>torn</em>
 * record: that write was never acknowledged, and {@link #replay} stops before it without an
 * error. Any other damage is a {@link CorruptionException}: a header whose {@code length} and
 * {@code length_check} disagree (a damaged length could otherwise pass for a torn record and hide
 * every record after it), a body whose checksum does not match, or a length no record can have.
 *
 * <p>Appends and {@link #sync()} may come from different threads; they are serialised on the log.
 */
public final class WriteAheadLog implements Closeable {

    /** The bytes of a record before its body: length, length check and checksum. */
    public static final int HEADER_SIZE = 12;
    /** The longest body: a key and a value as long as a block allows, and the key's length. */
    public static final int MAX_BODY_LENGTH = 2 + Block.MAX_KEY_LENGTH + Block.MAX_VALUE_LENGTH;

    private final Path path;
    private final FileChannel channel;
    /** The file's length: the end of the last record appended. */
    private long size;
    private boolean closed;

    private WriteAheadLog(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /**
     * Creates the empty log {@code path}.
     *
     * @throws java.nio.file.FileAlreadyExistsException if the file exists already: a log is never
     *     appended to by two memtables
     * @throws IOException if the file cannot be created
     */
    public static WriteAheadLog create(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        // BEGIN SOLUTION Task 5 (bonus: write-ahead log)
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new WriteAheadLog(path, channel);
        // END SOLUTION
    }

    /**
     * One record for {@code key} and {@code value}, in the format above.
     *
     * @throws IllegalArgumentException if the key is empty, or the key or value is longer than a
     *     block can store ({@code 65535} bytes): the memtable would refuse the write, so the log must
     *     not hold it
     * @throws NullPointerException if an argument is null
     */
    public static byte[] encode(Bytes key, Bytes value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        // BEGIN SOLUTION Task 5 (bonus: write-ahead log)
        if (key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty (an empty value is a tombstone, but keys are "
                    + "never empty)");
        }
        if (key.length() > Block.MAX_KEY_LENGTH || value.length() > Block.MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("a key is at most " + Block.MAX_KEY_LENGTH + " bytes and a value at most "
                    + Block.MAX_VALUE_LENGTH + " bytes (what a block can store), but this key is " + key.length()
                    + " bytes and the value " + value.length());
        }
        int length = 2 + key.length() + value.length();
        byte[] record = new byte[HEADER_SIZE + length];
        BigEndian.putU32(record, 0, length);
        BigEndian.putU32(record, 4, ~length & 0xFFFF_FFFFL);
        BigEndian.putU16(record, HEADER_SIZE, key.length());
        key.copyTo(record, HEADER_SIZE + 2);
        value.copyTo(record, HEADER_SIZE + 2 + key.length());
        BigEndian.putU32(record, 8, checksum(record, HEADER_SIZE, length));
        return record;
        // END SOLUTION
    }

    /**
     * Appends one record. When it returns, the record is in the operating system's hands: it
     * survives the death of the process, and after {@link #sync()} also a power cut.
     *
     * @throws IllegalArgumentException if the key or value is refused (see {@link #encode})
     * @throws IOException if the write fails
     * @throws IllegalStateException if the log is closed
     */
    public synchronized void append(Bytes key, Bytes value) throws IOException {
        // BEGIN SOLUTION Task 5 (bonus: write-ahead log)
        byte[] record = encode(key, value);
        if (closed) {
            throw new IllegalStateException("the write-ahead log " + path + " is closed");
        }
        ByteBuffer buffer = ByteBuffer.wrap(record);
        long at = size;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
        size = at;
        // END SOLUTION
    }

    /**
     * Forces every record appended so far to the disk. Does nothing once the log is closed: a log is
     * closed when its memtable is in a durable SST, or when the engine closes.
     *
     * @throws IOException if the force fails
     */
    public synchronized void sync() throws IOException {
        // BEGIN SOLUTION Task 5 (bonus: write-ahead log)
        if (!closed) {
            Durability.forceData(channel);
        }
        // END SOLUTION
    }

    /** The log's length in bytes: every record appended so far. */
    public synchronized long size() {
        return size;
    }

    /** The log's file. */
    public Path path() {
        return path;
    }

    /** Closes the file (it stays on disk). Calling it again does nothing. */
    @Override
    public synchronized void close() throws IOException {
        closed = true;
        channel.close();
    }

    /**
     * Puts every whole record of the log {@code path} into {@code memtable}, in the file's order,
     * and stops before a torn last record.
     *
     * @return where the whole records end: the file's length, or the start of the torn record that
     *     was cut off
     * @throws CorruptionException if a record before the end is damaged (see the class comment);
     *     the message names the file and the record's offset
     * @throws IOException if the file cannot be read
     */
    public static long replay(Path path, MemTable memtable) throws IOException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(memtable, "memtable");
        // BEGIN SOLUTION Task 5 (bonus: write-ahead log)
        byte[] file = Files.readAllBytes(path);
        int at = 0;
        while (at < file.length) {
            if (file.length - at < HEADER_SIZE) {
                return at; // the header itself is cut short
            }
            long length = BigEndian.getU32(file, at);
            long check = BigEndian.getU32(file, at + 4);
            if (check != (~length & 0xFFFF_FFFFL)) {
                throw damaged(path, at, "its length " + length + " does not match its length check "
                        + check);
            }
            if (length < 3 || length > MAX_BODY_LENGTH) {
                throw damaged(path, at, "its length " + length + " is not between 3 and " + MAX_BODY_LENGTH);
            }
            int body = at + HEADER_SIZE;
            if (file.length - body < length) {
                return at; // the body is cut short: the append that wrote it never finished
            }
            int len = (int) length;
            if (BigEndian.getU32(file, at + 8) != checksum(file, body, len)) {
                throw damaged(path, at, "its checksum does not match its " + len + " bytes of key and value");
            }
            int keyLength = BigEndian.getU16(file, body);
            if (keyLength < 1 || 2 + keyLength > len) {
                throw damaged(path, at, "its key length " + keyLength + " is 0 or runs past its "
                        + len + " bytes");
            }
            Bytes key = Bytes.copyOf(file, body + 2, body + 2 + keyLength);
            Bytes value = Bytes.copyOf(file, body + 2 + keyLength, body + len);
            memtable.put(key, value);
            at = body + len;
        }
        return at;
        // END SOLUTION
    }

    // BEGIN SOLUTION
    private static long checksum(byte[] buf, int from, int length) {
        CRC32C crc = new CRC32C();
        crc.update(buf, from, length);
        return crc.getValue();
    }

    private static CorruptionException damaged(Path path, int offset, String what) {
        return new CorruptionException(path.toString(), offset, "the write-ahead log's record there is damaged: "
                + what);
    }
    // END SOLUTION
}
