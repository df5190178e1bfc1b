package org.lsmworkbook.sst;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.lsmworkbook.kv.CorruptionException;

/**
 * An immutable file on disk, read by position: the only class of this stage that touches files.
 *
 * <p>An SST file is written once, from its first byte to its last, and never changed afterwards.
 * So this class has two ways in: {@link #createWriter(Path)} creates a new file, appends to it and
 * makes it durable ({@link #create(Path, byte[])} does all that for bytes already in memory), and
 * {@link #open(Path)} opens an existing one. Reads are <em>positional</em>
 * ({@code FileChannel.read(buffer, position)}): they do not move a shared file pointer, so many
 * threads can read one {@code FileObject} at once without locking.
 *
 * <p>A positional read may return fewer bytes than asked for (a "short read") even in the middle of
 * a file. {@link #read(long, int)} loops until it has every byte, and treats the end of the file
 * before that as damage: the file is shorter than whoever computed the range believed.
 */
public final class FileObject implements Closeable {

    private final Path path;
    private final FileChannel channel;
    private final long size;

    private FileObject(Path path, FileChannel channel, long size) {
        this.path = path;
        this.channel = channel;
        this.size = size;
    }

    /**
     * Writes {@code data} to a new file at {@code path}, forces it to the storage device, and
     * returns the file open for reading: {@link #createWriter}, one {@link Writer#write}, {@link
     * Writer#finish}.
     *
     * <p>When this method returns, the bytes survive a crash: {@code FileChannel.force(true)} has
     * flushed both the data and the file's metadata (its size). The directory entry is another
     * matter; making the file's name durable is the write path's job (day 6). If it fails, no file
     * is left at {@code path} (see {@link Writer}).
     *
     * @param path where to create the file; it must not exist yet, since an SST is never
     *     overwritten
     * @param data the whole content of the file
     * @throws java.nio.file.FileAlreadyExistsException if {@code path} exists
     * @throws IOException if the file cannot be written
     */
    public static FileObject create(Path path, byte[] data) throws IOException {
        Objects.requireNonNull(data, "data");
        return create(path, data, data.length);
    }

    /** Like {@link #create(Path, byte[])}, writing only {@code data[0, length)}. */
    static FileObject create(Path path, byte[] data, int length) throws IOException {
        Objects.requireNonNull(data, "data");
        Objects.checkFromIndexSize(0, length, data.length);
        // write and finish clean up after themselves when they fail: nothing to undo here.
        Writer writer = createWriter(path);
        writer.write(data, 0, length);
        return writer.finish();
    }

    /**
     * Creates a new, empty file at {@code path} and returns a {@link Writer} that appends to it: the
     * way an SST builder streams a table to disk one block at a time.
     *
     * <p>The file is opened with {@code StandardOpenOption.CREATE_NEW}, {@code WRITE} and {@code
     * READ}: the {@code FileObject} that {@link Writer#finish} returns reads through the same
     * channel, and a channel opened without {@code READ} refuses every read with a {@code
     * java.nio.channels.NonReadableChannelException}.
     *
     * @param path where to create the file; it must not exist yet, since an SST is never
     *     overwritten
     * @throws java.nio.file.FileAlreadyExistsException if {@code path} exists
     * @throws IOException if the file cannot be created
     */
    public static Writer createWriter(Path path) throws IOException {
        // BEGIN SOLUTION Task 1
        Objects.requireNonNull(path, "path");
        return new Writer(path, FileChannel.open(path,
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.READ));
        // END SOLUTION
    }

    /**
     * A new file being written from its first byte to its last, then made durable: {@link #write}
     * appends, {@link #finish} forces the file and turns it into a {@link FileObject} for reading.
     *
     * <p><b>No half-written file is left behind.</b> If {@link #write} or {@link #finish} fails,
     * the writer closes its channel, deletes the file and rethrows the failure (a failure to close or
     * delete is added to it as suppressed); {@link #close()} before {@link #finish} does the same
     * for a caller that gives up. After {@code finish}, {@code close()} does nothing: the file
     * belongs to the {@code FileObject}. A writer is used by one thread.
     */
    public static final class Writer implements Closeable {

        private final Path path;
        private final FileChannel channel;
        // BEGIN SOLUTION
        private long size;
        private boolean done;
        // END SOLUTION

        private Writer(Path path, FileChannel channel) {
            this.path = path;
            this.channel = channel;
        }

        /**
         * Appends {@code data[from, from + length)} to the file.
         *
         * @throws IllegalStateException if the writer is finished or closed
         * @throws IndexOutOfBoundsException if the range is not inside {@code data}
         * @throws IOException if the write fails; the file is deleted then, and the writer closed
         */
        public void write(byte[] data, int from, int length) throws IOException {
            // BEGIN SOLUTION Task 1
            checkNotDone();
            Objects.checkFromIndexSize(from, length, data.length);
            try {
                // In slices: NIO copies a heap buffer into a native buffer of the same size before
                // it writes, and keeps that buffer for the thread; a table-sized one would cost tens
                // of MiB of native memory for good.
                int end = from + length;
                int at = from;
                while (at < end) {
                    ByteBuffer slice = ByteBuffer.wrap(data, at, Math.min(WRITE_SLICE, end - at));
                    // write() may write fewer bytes than remain; keep going until the slice is written.
                    while (slice.hasRemaining()) {
                        size += channel.write(slice, size);
                    }
                    at = slice.position();
                }
            } catch (IOException | RuntimeException e) {
                abandon(e);
                throw e;
            }
            // END SOLUTION
        }

        /** How many bytes have been written so far: the offset the next byte will have in the file. */
        public long size() {
            // BEGIN SOLUTION Task 1
            return size;
            // END SOLUTION
        }

        /**
         * Forces everything written to the storage device ({@code FileChannel.force(true)}, which
         * covers the file's size too) and returns the file, open for reading, through the same
         * channel. The writer is done afterwards.
         *
         * @throws IllegalStateException if the writer is finished or closed
         * @throws IOException if the force fails; the file is deleted then, and the writer closed
         */
        public FileObject finish() throws IOException {
            // BEGIN SOLUTION Task 1
            checkNotDone();
            try {
                channel.force(true);
            } catch (IOException | RuntimeException e) {
                abandon(e);
                throw e;
            }
            done = true;
            return new FileObject(path, channel, size);
            // END SOLUTION
        }

        /**
         * Gives the file up if it is not finished: closes the channel and deletes the file. Does
         * nothing after {@link #finish} or a first {@code close()}.
         *
         * @throws IOException if the channel cannot be closed or the file cannot be deleted
         */
        @Override
        public void close() throws IOException {
            // BEGIN SOLUTION Task 1
            if (done) {
                return;
            }
            done = true;
            try {
                channel.close();
            } finally {
                Files.deleteIfExists(path);
            }
            // END SOLUTION
        }

        /** Where the file is. */
        public Path path() {
            return path;
        }

        // BEGIN SOLUTION
        private void checkNotDone() {
            if (done) {
                throw new IllegalStateException("the writer of " + path + " is finished or closed");
            }
        }

        /** Closes and deletes after a failure, which stays the exception the caller sees. */
        private void abandon(Throwable failure) {
            try {
                close();
            } catch (IOException | RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
        // END SOLUTION
    }

    /**
     * Opens an existing file for reading.
     *
     * @throws java.nio.file.NoSuchFileException if there is no file at {@code path}
     * @throws IOException if the file cannot be opened
     */
    public static FileObject open(Path path) throws IOException {
        // BEGIN SOLUTION Task 1
        Objects.requireNonNull(path, "path");
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            return new FileObject(path, channel, channel.size());
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel, e);
            throw e;
        }
        // END SOLUTION
    }

    /**
     * Reads {@code length} bytes starting at byte {@code offset} of the file.
     *
     * <p>Safe to call from many threads at once. The result is a new array owned by the caller.
     *
     * @throws IllegalArgumentException if {@code offset} or {@code length} is negative
     * @throws CorruptionException if the file ends before {@code offset + length}; the message names
     *     the file (its path, as the exception's source)
     * @throws IOException if the read fails
     */
    public byte[] read(long offset, int length) throws IOException {
        // BEGIN SOLUTION Task 1
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("offset and length must not be negative, but were "
                    + offset + " and " + length);
        }
        // pit: redundant MathMutator — a read past the end also meets the end of file in the loop below, with the same exception
        if (offset > size - length) { // not offset + length > size, which can overflow
            throw new CorruptionException(path.toString(), offset, "a read of " + length
                    + " bytes runs past the end of the file, which is " + size + " bytes long");
        }
        ByteBuffer buffer = ByteBuffer.allocate(length);
        // A positional read may stop short of what was asked; read until the buffer is full.
        while (buffer.hasRemaining()) {
            // pit: equivalent MathMutator — a positional read of a regular file fills the buffer in one call, so the loop never goes round twice
            int n = channel.read(buffer, offset + buffer.position());
            // pit: equivalent ConditionalsBoundaryMutator — a read into a buffer with room left returns 0 bytes only at the end of the file, never here
            if (n < 0) {
                // pit: message MathMutator — the offset the message quotes, reached only if the file shrinks under the reader
                throw new CorruptionException(path.toString(), offset + buffer.position(),
                        "the file ended while " + buffer.remaining() + " more bytes were expected");
            }
        }
        return buffer.array();
        // END SOLUTION
    }

    /** The file's size in bytes, as it was when the file was created or opened. */
    public long size() {
        return size;
    }

    /** Where the file is. */
    public Path path() {
        return path;
    }

    /** Closes the file. Reads after {@code close()} fail; closing twice does nothing. */
    @Override
    public void close() throws IOException {
        // BEGIN SOLUTION Task 1
        channel.close();
        // END SOLUTION
    }

    @Override
    public String toString() {
        return "FileObject[" + path + ", " + size + " bytes]";
    }

    // BEGIN SOLUTION
    /** The most {@link #create} hands to one write call. */
    private static final int WRITE_SLICE = 1 << 20;

    private static void closeQuietly(FileChannel channel, Throwable failure) {
        try {
            channel.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
    // END SOLUTION
}
