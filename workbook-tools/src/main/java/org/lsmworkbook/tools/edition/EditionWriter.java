package org.lsmworkbook.tools.edition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Writes a planned edition to disk: copied files keep their bytes, and on POSIX file systems
 * every file keeps its permissions, so the {@code workbook} launcher stays executable.
 */
public final class EditionWriter {

    private EditionWriter() {
    }

    /**
     * Writes the edition's files and its properties file into an output directory: an empty one, or
     * one holding an edition of the same tree, whose files are brought up to date.
     *
     * @param root the source tree's root
     * @param plan a plan without problems
     * @param out the output directory, already checked and cleared
     */
    public static void write(Path root, StudentEdition.Plan plan, Path out) {
        try {
            for (StudentEdition.Entry entry : plan.entries()) {
                Path source = root.resolve(entry.path());
                Path target = out.resolve(entry.path());
                Files.createDirectories(target.getParent());
                // A file that is already there with the same bytes keeps its time stamp, so that an
                // edition rewritten in place (the per-task gate) recompiles only what changed.
                if (entry.rewritten() == null) {
                    if (!Files.isRegularFile(target) || Files.mismatch(source, target) != -1) {
                        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                } else if (!Files.isRegularFile(target)
                        || !java.util.Arrays.equals(Files.readAllBytes(target), entry.rewritten())) {
                    Files.write(target, entry.rewritten());
                }
                copyPermissions(source, target);
            }
            Files.writeString(out.resolve(EditionProperties.FILE_NAME), plan.properties().render(),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the edition to " + out, e);
        }
    }

    private static void copyPermissions(Path source, Path target) throws IOException {
        if (!Files.exists(source)) {
            return; // a file the edition makes (its README, its workflow) keeps the default permissions
        }
        PosixFileAttributeView sourceView = Files.getFileAttributeView(source, PosixFileAttributeView.class);
        PosixFileAttributeView targetView = Files.getFileAttributeView(target, PosixFileAttributeView.class);
        if (sourceView == null || targetView == null) {
            return; // not POSIX (Windows): there is no executable bit to keep
        }
        Set<PosixFilePermission> permissions = sourceView.readAttributes().permissions();
        targetView.setPermissions(permissions);
    }
}
