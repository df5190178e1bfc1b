package org.lsmworkbook.write;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.lsmworkbook.kv.CorruptionException;
import org.lsmworkbook.sst.BlockCache;
import org.lsmworkbook.sst.FileObject;
import org.lsmworkbook.sst.SsTable;

/**
 * Finds the SST files an engine left in its directory, when the engine opens again.
 *
 * <p>Only names tell what a file is (see {@link SstFileNames}): {@code 000007.sst} is SST 7,
 * complete, because a flush renames a file to that name only once it is written and forced. A
 * {@code .tmp} file is what a flush left when it failed or the process died mid-way; its memtable
 * was never published as flushed, so the file holds nothing the engine needs, and it is deleted.
 * Every other file is left alone.
 */
public final class SstDirectory {

    private SstDirectory() {}

    /**
     * Opens every SST in {@code dir}, newest (largest id) first, and deletes leftover temporary
     * files. If one SST cannot be opened, those opened so far are closed again and the error says
     * which file it was.
     *
     * @throws CorruptionException if an SST file is damaged; its message names the file (as {@code
     *     SsTable.open}'s exception already does, with the file's path: let it through)
     * @throws IOException if the directory cannot be listed or a file cannot be opened
     * @throws NullPointerException if an argument is null
     */
    public static List<SsTable> openAll(Path dir, BlockCache blockCache) throws IOException {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(blockCache, "blockCache");
        // BEGIN SOLUTION Task 2
        List<Long> ids = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                long id = SstFileNames.parseSstId(name);
                if (id >= 0) {
                    ids.add(id);
                } else if (SstFileNames.isTempFile(name)) {
                    Files.deleteIfExists(entry);
                }
            }
        }
        ids.sort(Comparator.reverseOrder());
        List<SsTable> tables = new ArrayList<>(ids.size());
        try {
            for (long id : ids) {
                tables.add(openOne(dir, id, blockCache));
            }
        } catch (IOException | RuntimeException e) {
            for (SsTable table : tables) {
                try {
                    table.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
        return tables;
        // END SOLUTION
    }

    // BEGIN SOLUTION
    /** Opens one SST; an error that does not name the file already is wrapped in one that does. */
    private static SsTable openOne(Path dir, long id, BlockCache blockCache) throws IOException {
        Path path = SstFileNames.sstPath(dir, id);
        FileObject file = FileObject.open(path);
        try {
            return SsTable.open(id, blockCache, file);
        } catch (CorruptionException e) {
            file.close();
            throw e; // names the file and the offset already
        } catch (IOException | RuntimeException e) {
            file.close();
            throw new IOException("cannot open SST file " + path + ": " + e.getMessage(), e);
        }
    }
    // END SOLUTION
}
