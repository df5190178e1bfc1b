package org.lsmworkbook.write;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The lock that keeps a second engine out of a directory while one has it open. Two engines
 * flushing into one directory would overwrite each other's SST files.
 *
 * <p>It is an operating-system lock on the file {@link SstFileNames#LOCK_FILE}: it also works
 * across processes, and the operating system releases it when the process dies, so a crash never
 * leaves the directory locked. The file itself stays; only the lock on it matters.
 */
public final class DirectoryLock implements Closeable {

    /** The channel that holds the lock; closing it releases the lock. */
    private final FileChannel channel;

    private DirectoryLock(FileChannel channel) {
        this.channel = channel;
    }

    /**
     * Creates {@code dir} if needed and locks it.
     *
     * @throws IOException if the directory cannot be created, or is locked already (by this process
     *     or another); the message says which directory
     */
    public static DirectoryLock acquire(Path dir) throws IOException {
        Files.createDirectories(dir);
        FileChannel channel = FileChannel.open(
                dir.resolve(SstFileNames.LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // this process holds it already
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new IOException("the database in " + dir + " is already open (in this process or another); "
                    + "close it first");
        }
        return new DirectoryLock(channel);
    }

    /** Releases the lock. Calling it again does nothing. */
    @Override
    public void close() throws IOException {
        channel.close(); // closing the channel releases its lock
    }
}
