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
 * <h2>Buffering</h2>
 *
 * An append puts its record into the log's buffer of {@link #BUFFER_SIZE} bytes; the buffer goes
 * to the file when the next record does not fit, on {@link #sync()} and on {@link #close()}. So a
 * write costs a system call only once per buffer, and the file is always whole records followed
 * by at most one torn one. What this promises: once {@code sync()} returns, every record appended
 * before it survives the death of the process and a power cut; a record appended after the last
 * {@code sync()} may be lost with the process, as it may be lost with a power cut without a
 * buffer. (RocksDB calls this {@code manual_wal_flush}; LevelDB hands every record to the
 * operating system at once.)
 *
 * <p>Appends and {@link #sync()} may come from different threads; they are serialised on the log.
 */
public final class WriteAheadLog implements Closeable {

    /** The bytes of a record before its body: length, length check and checksum. */
    public static final int HEADER_SIZE = 12;
    /** The longest body: a key and a value as long as a block allows, and the key's length. */
    public static final int MAX_BODY_LENGTH = 2 + Block.MAX_KEY_LENGTH + Block.MAX_VALUE_LENGTH;
    /** The bytes of records an append may keep in memory before they go to the file. */
    public static final int BUFFER_SIZE = 32 * 1024;

    private final Path path;
    private final FileChannel channel;
    /** Records appended and not yet written to the file: {@code buffer[0..buffered)}. */
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private int buffered;
    /** The bytes written to the file. */
    private long written;
    /** Why a write to the file failed; from then on the log takes no appends and no syncs. */
    private IOException failure;
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
     * Appends one record, to the buffer (see the class comment). After the next {@link #sync()} it
     * survives the death of the process and a power cut.
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
        checkNotFailed();
        if (buffered + record.length > buffer.length) {
            writeBuffer();
        }
        if (record.length > buffer.length) {
            writeFully(record, record.length); // larger than any buffer: straight to the file
        } else {
            System.arraycopy(record, 0, buffer, buffered, record.length);
            buffered += record.length;
        }
        // END SOLUTION
    }

    /**
     * Writes the buffer to the file and forces every record appended so far to the disk. Does
     * nothing once the log is closed: a log is closed when its memtable is in a durable SST, or when
     * the engine closes.
     *
     * @throws IOException if the force fails
     */
    public synchronized void sync() throws IOException {
        // BEGIN SOLUTION Task 5 (bonus: write-ahead log)
        if (!closed) {
            checkNotFailed();
            writeBuffer();
            Durability.forceData(channel);
        }
        // END SOLUTION
    }

    /** The log's length in bytes: every record appended so far, in the file or in the buffer. */
    public synchronized long size() {
        return written + buffered;
    }

    /** The log's file. */
    public Path path() {
        return path;
    }

    /**
     * Writes the buffer to the file (without forcing it) and closes the file, which stays on disk.
     * Calling it again does nothing.
     */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (FileChannel toClose = channel) {
            // BEGIN SOLUTION Task 5 (bonus: write-ahead log)
            writeBuffer();
            // END SOLUTION
        }
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
    /** Writes the buffered records to the end of the file. */
    private void writeBuffer() throws IOException {
        if (buffered > 0) {
            writeFully(buffer, buffered);
            buffered = 0;
        }
    }

    private void writeFully(byte[] bytes, int length) throws IOException {
        ByteBuffer out = ByteBuffer.wrap(bytes, 0, length);
        try {
            while (out.hasRemaining()) {
                written += channel.write(out, written);
            }
        } catch (IOException e) {
            failure = e; // part of a record may be in the file: appending after it would bury it
            throw e;
        }
    }

    private void checkNotFailed() throws IOException {
        if (failure != null) {
            throw new IOException("the write-ahead log " + path + " failed to write earlier, so it takes no more "
                    + "records: " + failure.getMessage(), failure);
        }
    }

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
