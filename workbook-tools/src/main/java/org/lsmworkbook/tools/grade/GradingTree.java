package org.lsmworkbook.tools.grade;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.lsmworkbook.tools.edition.SourceTree;
import org.lsmworkbook.tools.edition.Stage;
import org.lsmworkbook.tools.edition.Stages;

/**
 * The tree a submission is graded in: a fresh copy of the official tree (its poms and its tests,
 * hidden ones included) in which every stage's {@code src/main} is the submission's. Nothing else
 * of the submission is used, so edited tests or poms change nothing.
 *
 * <p>Two kinds of file are left out of a submitted {@code src/main}, because on the test
 * classpath they would change how the official tests run: {@code junit-platform.properties}
 * (it could turn off the timeouts) and service registrations under {@code META-INF/services}
 * (they could add JUnit extensions or listeners).
 */
public final class GradingTree {

    private final Path dir;
    private final List<Stage> stages;
    private final List<String> notes;

    private GradingTree(Path dir, List<Stage> stages, List<String> notes) {
        this.dir = dir;
        this.stages = stages;
        this.notes = notes;
    }

    /**
     * Builds the tree.
     *
     * @param official the official repository (reference edition, with hidden tests)
     * @param submission the submission's root (see {@link Submission#root})
     * @param dir an empty or missing directory to build the tree in
     * @return the tree
     */
    public static GradingTree create(Path official, Path submission, Path dir) {
        List<String> notes = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (String file : SourceTree.list(official)) {
                Path target = dir.resolve(file);
                Files.createDirectories(target.getParent());
                Files.copy(official.resolve(file), target, StandardCopyOption.REPLACE_EXISTING);
            }
            List<Stage> stages = Stages.find(dir);
            for (Stage stage : stages) {
                Path main = stage.dir().resolve("src").resolve("main");
                deleteTree(main);
                Path submitted = submission.resolve(stage.module()).resolve("src").resolve("main");
                if (Files.isDirectory(submitted, LinkOption.NOFOLLOW_LINKS)) {
                    copySubmitted(submitted, main, stage.module(), notes);
                } else {
                    notes.add(stage.module() + ": the submission has no " + stage.module()
                            + "/src/main; the stage is graded with no code");
                }
            }
            return new GradingTree(dir, stages, List.copyOf(notes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the grading tree in " + dir, e);
        }
    }

    /**
     * The tree's root, where Maven runs.
     *
     * @return the directory
     */
    public Path dir() {
        return dir;
    }

    /**
     * The official stages, in course order, inside the tree.
     *
     * @return the stages
     */
    public List<Stage> stages() {
        return stages;
    }

    /**
     * What was left out or missing, one line each.
     *
     * @return the notes, empty when the submission was complete and clean
     */
    public List<String> notes() {
        return notes;
    }

    /**
     * Removes a stage's tests from the tree once they have run. The later stages build this stage
     * with {@code -am}, which would compile its tests again: if they do not compile against the
     * submission (a changed signature), every later stage would fail with them, though it needs
     * only this stage's code.
     *
     * @param stage a stage of this tree whose tests have run
     */
    public void dropTests(Stage stage) {
        deleteTree(stage.dir().resolve("src").resolve("test"));
        deleteTree(stage.dir().resolve("target").resolve("test-classes"));
    }

    private static void copySubmitted(Path from, Path to, String module, List<String> notes) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(d).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String relative = SourceTree.relative(from, file);
                if (!attrs.isRegularFile()) {
                    notes.add(module + ": left out src/main/" + relative + " (not a regular file)");
                } else if (file.getFileName().toString().equals("junit-platform.properties")
                        || relative.contains("META-INF/services/")) {
                    notes.add(module + ": left out src/main/" + relative
                            + " (it would change how the official tests run)");
                } else {
                    Files.copy(file, to.resolve(relative), StandardCopyOption.REPLACE_EXISTING);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Deletes a directory and everything in it; nothing happens if it does not exist.
     *
     * @param dir the directory
     */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
