package org.lsmworkbook.tools.grade;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lsmworkbook.tools.edition.SourceTree;

/**
 * Writes a Gradescope autograder bundle: a zip whose root holds Gradescope's two scripts,
 * {@code setup.sh} and {@code run_autograder}, beside the official tree (reference solutions and
 * hidden tests included: students never see the bundle). Gradescope unpacks it in
 * {@code /autograder/source}.
 *
 * <p>Beside them, {@value #CONFIG} holds the bundle's settings, which both scripts read:
 * {@code WORKBOOK_LEADERBOARD=on} or {@code off}, whether a submission that passes every graded test
 * is measured for Gradescope's leaderboard (see {@code LeaderboardRun}); and
 * {@code WORKBOOK_BONUS=on} or {@code off}, whether the bonus tasks' tests are run and scored as
 * extra credit ({@code off} grades with {@code --no-bonus}). An instructor can edit the lines in
 * the zip, or write the bundle with either off.
 *
 * <p>The scripts and the launcher keep their executable bit: the zip records POSIX permissions.
 */
public final class GradescopeBundle {

    /** Gradescope's scripts, stored as resources beside this class. */
    static final List<String> SCRIPTS = List.of("setup.sh", "run_autograder");

    /** The bundle's settings, read by both scripts. */
    public static final String CONFIG = "autograder.conf";

    private static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> PLAIN = PosixFilePermissions.fromString("rw-r--r--");

    private GradescopeBundle() {
    }

    /**
     * Writes the bundle with the leaderboard on.
     *
     * @param official the official repository
     * @param zip the zip file to write; it must not exist
     * @return how many files the bundle holds
     */
    public static int write(Path official, Path zip) {
        return write(official, zip, true);
    }

    /**
     * Writes the bundle with the bonus tasks on.
     *
     * @param official the official repository
     * @param zip the zip file to write; it must not exist
     * @param leaderboard true to measure submissions that pass every graded test for the leaderboard
     * @return how many files the bundle holds
     */
    public static int write(Path official, Path zip, boolean leaderboard) {
        return write(official, zip, leaderboard, true);
    }

    /**
     * Writes the bundle.
     *
     * @param official the official repository
     * @param zip the zip file to write; it must not exist
     * @param leaderboard true to measure submissions that pass every graded test for the leaderboard
     * @param bonus true to run the bonus tasks' tests and score them as extra credit
     * @return how many files the bundle holds
     */
    public static int write(Path official, Path zip, boolean leaderboard, boolean bonus) {
        URI uri = URI.create("jar:" + zip.toUri());
        int count = 0;
        try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of("create", "true", "enablePosixFileAttributes", "true"))) {
            for (String file : SourceTree.list(official)) {
                if (SCRIPTS.contains(file) || file.equals(CONFIG)) {
                    continue; // the bundle's own scripts win over files of the same name
                }
                Path source = official.resolve(file);
                Path target = fs.getPath("/" + file);
                if (target.getParent() != null) {
                    Files.createDirectories(target.getParent());
                }
                Files.copy(source, target);
                Files.setPosixFilePermissions(target, Files.isExecutable(source) ? EXECUTABLE : PLAIN);
                count++;
            }
            for (String script : SCRIPTS) {
                Path target = fs.getPath("/" + script);
                try (InputStream in = GradescopeBundle.class.getResourceAsStream("gradescope/" + script)) {
                    if (in == null) {
                        throw new IllegalStateException("the tools jar has no gradescope/" + script);
                    }
                    Files.copy(in, target);
                }
                Files.setPosixFilePermissions(target, EXECUTABLE);
                count++;
            }
            Path config = fs.getPath("/" + CONFIG);
            Files.writeString(config, config(leaderboard, bonus), StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(config, PLAIN);
            count++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + zip, e);
        }
        return count;
    }

    /**
     * The text of {@value #CONFIG} with the bonus tasks on.
     *
     * @param leaderboard whether the leaderboard is on
     * @return the file's text
     */
    static String config(boolean leaderboard) {
        return config(leaderboard, true);
    }

    /**
     * The text of {@value #CONFIG}.
     *
     * @param leaderboard whether the leaderboard is on
     * @param bonus whether the bonus tasks' tests are run and scored
     * @return the file's text: comments, then {@code WORKBOOK_LEADERBOARD=on} or {@code off}, then
     *     {@code WORKBOOK_BONUS=on} or {@code off}
     */
    static String config(boolean leaderboard, boolean bonus) {
        return String.join("\n",
                "# Settings of this autograder, read by setup.sh and run_autograder (a shell file).",
                "#",
                "# WORKBOOK_LEADERBOARD: on or off. On, a submission whose every graded test passes is then",
                "# measured with the project's benchmark (a few seconds), and results.json gets Gradescope's",
                "# leaderboard entries (throughput and heap); the score never depends on it. Change the line",
                "# and upload the bundle again to turn it off or on. The environment variable of the same",
                "# name wins over this file.",
                "WORKBOOK_LEADERBOARD=" + (leaderboard ? "on" : "off"),
                "#",
                "# WORKBOOK_BONUS: on or off. On, the tests of the bonus tasks run and their points are extra",
                "# credit: added to the score, never to the maximum, so a score above the maximum is possible.",
                "# Off (a course without the bonus tasks), they are neither run nor shown (grade --no-bonus).",
                "# The environment variable of the same name wins over this file.",
                "WORKBOOK_BONUS=" + (bonus ? "on" : "off"), "");
    }
}
