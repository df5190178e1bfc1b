package org.lsmworkbook.tools.edition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;
import org.lsmworkbook.tools.WorkbookException;

/**
 * The safety rules for the directory an edition is written to. An edition replaces what is in
 * the directory, so the tools only ever delete a directory that is itself an earlier edition.
 */
public final class OutputDirectory {

    private OutputDirectory() {
    }

    /**
     * Checks that an edition may be written to {@code out}, without changing anything.
     *
     * @param root the source tree's root
     * @param out the requested output directory
     * @param force whether the user allowed replacing an earlier edition
     * @throws WorkbookException if the directory is unsafe to use
     */
    public static void check(Path root, Path out, boolean force) {
        Path realRoot = real(root);
        Path realOut = real(out);
        if (realOut.startsWith(realRoot)) {
            throw new WorkbookException(out + " is inside the source tree " + root
                    + "; write the edition somewhere outside it (e.g. ../student)");
        }
        if (realRoot.startsWith(realOut)) {
            throw new WorkbookException(out + " contains the source tree " + root + "; choose another directory");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new WorkbookException(out + " exists and is not a directory");
        }
        if (isEmptyOrMissing(out)) {
            return;
        }
        if (!force) {
            throw new WorkbookException(out + " is not empty; add --force to replace an edition written there before");
        }
        if (!Files.isRegularFile(out.resolve(EditionProperties.FILE_NAME))) {
            throw new WorkbookException(out + " is not empty and is not an edition (it has no "
                    + EditionProperties.FILE_NAME + "), so --force will not delete it");
        }
    }

    /**
     * Empties (or creates) the directory; call only after {@link #check} passed.
     *
     * @param out the output directory
     */
    public static void clear(Path out) {
        try {
            if (Files.isDirectory(out)) {
                Files.walkFileTree(out, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        Files.delete(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                        if (failure != null) {
                            throw failure;
                        }
                        if (!dir.equals(out)) {
                            Files.delete(dir);
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
            }
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + out, e);
        }
    }

    private static boolean isEmptyOrMissing(Path dir) {
        if (!Files.exists(dir)) {
            return true;
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /**
     * Resolves symbolic links in the part of the path that exists, so that "inside" is judged on
     * real locations even for a directory that is still to be created.
     */
    static Path real(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve " + path, e);
        }
    }
}
