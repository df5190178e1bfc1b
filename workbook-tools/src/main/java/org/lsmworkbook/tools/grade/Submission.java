package org.lsmworkbook.tools.grade;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.lsmworkbook.tools.WorkbookException;
import org.lsmworkbook.tools.edition.Stages;

/**
 * Finds the root of a submission: the directory that holds its stage directories. Students often
 * hand in a folder inside a folder (an unzipped archive), so the directory given, or the only
 * directory inside it, may be that root, down to three levels.
 *
 * <p>Symbolic links inside the submission are never followed: a linked folder is not a folder
 * here, so a link to the official tree cannot stand in for the student's code. (The directory
 * given on the command line is the grader's choice and is taken as it resolves.)
 */
public final class Submission {

    private static final int MAX_LEVELS = 3;

    private Submission() {
    }

    /**
     * Finds the submission's root.
     *
     * @param dir the directory handed in
     * @return the directory that holds at least one {@code dayN-name} directory
     * @throws WorkbookException if there is none
     */
    public static Path root(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new WorkbookException("the submission " + dir + " is not a directory");
        }
        Path candidate;
        try {
            candidate = dir.toRealPath();
        } catch (IOException e) {
            throw new WorkbookException("cannot resolve the submission " + dir + ": " + e.getMessage());
        }
        for (int level = 0; level <= MAX_LEVELS; level++) {
            if (holdsStages(candidate)) {
                return candidate;
            }
            List<Path> children = directories(candidate);
            if (children.size() != 1) {
                break;
            }
            candidate = children.get(0);
        }
        throw new WorkbookException("the submission " + dir + " holds no stage directories (day1-block, day2-sst, ...);"
                + " hand in the whole edition, with its dayN-* directories at the top or in one folder"
                + " (symbolic links are not followed)");
    }

    private static boolean holdsStages(Path dir) {
        return directories(dir).stream()
                .anyMatch(child -> Stages.MODULE_NAME.matcher(child.getFileName().toString()).matches());
    }

    /** The directories in {@code dir}, leaving out hidden ones such as {@code __MACOSX} and {@code .git}. */
    private static List<Path> directories(Path dir) {
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> !p.getFileName().toString().startsWith(".")
                            && !p.getFileName().toString().equals("__MACOSX"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
