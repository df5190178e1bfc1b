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
     * Writes the edition's files and its properties file into an (empty) output directory.
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
                if (entry.rewritten() == null) {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                } else {
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
        PosixFileAttributeView sourceView = Files.getFileAttributeView(source, PosixFileAttributeView.class);
        PosixFileAttributeView targetView = Files.getFileAttributeView(target, PosixFileAttributeView.class);
        if (sourceView == null || targetView == null) {
            return; // not POSIX (Windows): there is no executable bit to keep
        }
        Set<PosixFilePermission> permissions = sourceView.readAttributes().permissions();
        targetView.setPermissions(permissions);
    }
}
