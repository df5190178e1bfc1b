package org.lsmworkbook.write;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * The two steps that make a new file survive a crash, besides the file's own fsync (which {@link
 * org.lsmworkbook.sst.FileObject#create} does); and the fsync of a file that keeps growing, the
 * write-ahead log of day 6's bonus task 5.
 *
 * <p>A file's data and its name are stored apart. Forcing the file writes its data; the name lives
 * in the directory, and a rename is only durable once the directory is forced too. Until then a
 * power cut can bring back the old name (or no name at all).
 */
public final class Durability {

    private static final boolean WINDOWS =
            System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    private Durability() {}

    /**
     * Renames {@code from} to {@code to} in one step: a reader sees the old name or the new one,
     * never a half-written file under the new name. An existing {@code to} is replaced.
     */
    public static void atomicRename(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Forces {@code dir}'s entries (the names of its files) to the disk, so that files created or
     * renamed in it survive a crash. Windows cannot open a directory to force it, and its file
     * system orders these writes itself; there this does nothing.
     */
    public static void syncDirectory(Path dir) throws IOException {
        if (WINDOWS) {
            return;
        }
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /**
     * Forces what was written to {@code channel} to the disk (its data and the file's length, which
     * reading it back needs). A write-ahead log's {@code sync} is this call.
     */
    public static void forceData(FileChannel channel) throws IOException {
        channel.force(false);
    }
}
