package org.lsmworkbook.tools.grade;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
 * The tree a submission is graded in: a fresh copy of the official tree (its poms) in which every
 * stage's {@code src/main} is the submission's. Nothing else of the submission is used, so edited
 * tests or poms change nothing.
 *
 * <p>A stage's official tests, hidden ones included, are not in the tree when it is created: they
 * are copied in just before the stage runs ({@link #stageTests}) and removed right after
 * ({@link #dropTests}), so the code of one stage never finds another stage's tests in the tree.
 *
 * <p>Two kinds of file are left out of a submitted {@code src/main}, because on the test
 * classpath they would change how the official tests run: {@code junit-platform.properties}
 * (it could turn off the timeouts) and service registrations under {@code META-INF/services}
 * (they could add JUnit extensions or listeners).
 *
 * <p>Symbolic links are never followed: a stage whose {@code dayN-*}, {@code src} or
 * {@code src/main} is a link is graded with no code, and a link inside {@code src/main} is left
 * out; each says so in a note, with where the link points. Files are read with
 * {@link LinkOption#NOFOLLOW_LINKS}. The submitted {@code src/main} trees together may hold at most
 * {@link Limits#maxFiles()} files and {@link Limits#maxBytes()} bytes (a sparse file counts by its
 * length); what is over is left out, with a note.
 */
public final class GradingTree {

    /**
     * How much of a submission is copied.
     *
     * @param maxFiles the most files of all submitted {@code src/main} trees together
     * @param maxBytes the most bytes of all submitted {@code src/main} trees together, each file by
     *     its length
     */
    public record Limits(int maxFiles, long maxBytes) {

        /** The defaults: 2,000 files and 10 MiB, fifty times what the reference edition holds. */
        public static final Limits DEFAULT = new Limits(2_000, 10L * 1024 * 1024);
    }

    private final Path dir;
    private final Path official;
    private final List<Stage> stages;
    private final List<String> notes;

    private GradingTree(Path dir, Path official, List<Stage> stages, List<String> notes) {
        this.dir = dir;
        this.official = official;
        this.stages = stages;
        this.notes = notes;
    }

    /**
     * Builds the tree with the default limits.
     *
     * @param official the official repository (reference edition, with hidden tests)
     * @param submission the submission's root (see {@link Submission#root})
     * @param dir an empty or missing directory to build the tree in
     * @return the tree
     */
    public static GradingTree create(Path official, Path submission, Path dir) {
        return create(official, submission, dir, Limits.DEFAULT);
    }

    /**
     * Builds the tree.
     *
     * @param official the official repository (reference edition, with hidden tests)
     * @param submission the submission's root (see {@link Submission#root})
     * @param dir an empty or missing directory to build the tree in
     * @param limits how much of the submission to copy
     * @return the tree
     */
    public static GradingTree create(Path official, Path submission, Path dir, Limits limits) {
        List<String> notes = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (String file : SourceTree.list(official)) {
                if (isStageTest(file)) {
                    continue; // copied in when its stage runs
                }
                Path target = dir.resolve(file);
                Files.createDirectories(target.getParent());
                Files.copy(official.resolve(file), target, StandardCopyOption.REPLACE_EXISTING);
            }
            List<Stage> stages = Stages.find(dir);
            Budget budget = new Budget(limits);
            for (Stage stage : stages) {
                Path main = stage.dir().resolve("src").resolve("main");
                deleteTree(main);
                Files.createDirectories(main);
                String link = firstLink(submission, stage.module() + "/src/main");
                Path submitted = submission.resolve(stage.module()).resolve("src").resolve("main");
                if (link != null) {
                    notes.add(stage.module() + ": " + link + "; symbolic links are never followed out of the"
                            + " submission, so the stage is graded with no code");
                } else if (Files.isDirectory(submitted, LinkOption.NOFOLLOW_LINKS)) {
                    copySubmitted(submission, submitted, main, stage.module(), budget, notes);
                } else {
                    notes.add(stage.module() + ": the submission has no " + stage.module()
                            + "/src/main; the stage is graded with no code");
                }
            }
            budget.notes(notes);
            return new GradingTree(dir, official, stages, List.copyOf(notes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the grading tree in " + dir, e);
        }
    }

    /** True for a file of a stage's official tests, e.g. "day1-block/src/test/java/p/ATest.java". */
    private static boolean isStageTest(String file) {
        int slash = file.indexOf('/');
        return slash > 0 && Stages.MODULE_NAME.matcher(file.substring(0, slash)).matches()
                && file.startsWith("/src/test/", slash);
    }

    /**
     * The first element of {@code relative} under {@code root} that is a symbolic link, described
     * with its target, or null when there is none.
     */
    static String firstLink(Path root, String relative) {
        Path at = root;
        for (String part : relative.split("/")) {
            at = at.resolve(part);
            if (Files.isSymbolicLink(at)) {
                return root.relativize(at).toString().replace('\\', '/') + " is a symbolic link" + target(root, at);
            }
            if (!Files.exists(at, LinkOption.NOFOLLOW_LINKS)) {
                return null;
            }
        }
        return null;
    }

    /** " to X", saying whether X is outside the submission. */
    private static String target(Path submission, Path link) {
        try {
            Path to = Files.readSymbolicLink(link);
            Path resolved = link.getParent().resolve(to).normalize();
            return " to " + to + (resolved.startsWith(submission) ? "" : " (outside the submission)");
        } catch (IOException | RuntimeException e) {
            return "";
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
     * The official stage a stage of this tree was copied from, whose tests are the official ones.
     *
     * @param stage a stage of this tree
     * @return the same stage in the official repository
     */
    public Stage officialStage(Stage stage) {
        return new Stage(stage.module(), stage.day(), official.resolve(stage.module()));
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
     * Copies a stage's official tests ({@code src/test}, hidden ones included) into the tree, just
     * before the stage runs.
     *
     * @param stage a stage of this tree
     */
    public void stageTests(Stage stage) {
        Path from = official.resolve(stage.module()).resolve("src").resolve("test");
        Path to = stage.dir().resolve("src").resolve("test");
        deleteTree(to);
        String prefix = stage.module() + "/src/test/";
        try {
            for (String file : SourceTree.list(official)) {
                if (file.startsWith(prefix)) {
                    Path target = to.resolve(file.substring(prefix.length()));
                    Files.createDirectories(target.getParent());
                    Files.copy(from.resolve(file.substring(prefix.length())), target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the tests of " + stage.module() + " into " + dir, e);
        }
    }

    /**
     * Removes a stage's tests (sources and classes) from the tree once they have run. Hidden tests
     * are then gone from the tree before the next stage's code runs; and the later stages build this
     * stage with {@code -am}, which would compile its tests again: if they do not compile against the
     * submission (a changed signature), every later stage would fail with them, though it needs
     * only this stage's code.
     *
     * @param stage a stage of this tree whose tests have run
     */
    public void dropTests(Stage stage) {
        deleteTree(stage.dir().resolve("src").resolve("test"));
        deleteTree(stage.dir().resolve("target").resolve("test-classes"));
    }

    /** What may still be copied, over all stages, and what was left out for want of room. */
    private static final class Budget {
        private final Limits limits;
        private int files;
        private long bytes;
        private int leftOut;
        private long leftOutBytes;

        Budget(Limits limits) {
            this.limits = limits;
        }

        boolean take(long size) {
            if (files + 1 > limits.maxFiles() || bytes + size > limits.maxBytes()) {
                leftOut++;
                leftOutBytes += size;
                return false;
            }
            files++;
            bytes += size;
            return true;
        }

        void notes(List<String> notes) {
            if (leftOut > 0) {
                notes.add("the submitted src/main trees are over the grader's limit of " + limits.maxFiles()
                        + " files or " + limits.maxBytes() + " bytes: " + leftOut + " files (" + leftOutBytes
                        + " bytes) were left out, and their stages graded without them");
            }
        }
    }

    private static void copySubmitted(Path submission, Path from, Path to, String module, Budget budget,
            List<String> notes) throws IOException {
        // walkFileTree does not follow links: a link shows up as a file whose attributes are the link's.
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(d).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String relative = SourceTree.relative(from, file);
                if (attrs.isSymbolicLink()) {
                    notes.add(module + ": left out src/main/" + relative + " (a symbolic link" + target(submission, file)
                            + "; links are never followed)");
                } else if (!attrs.isRegularFile()) {
                    notes.add(module + ": left out src/main/" + relative + " (not a regular file)");
                } else if (file.getFileName().toString().equals("junit-platform.properties")
                        || relative.contains("META-INF/services/")) {
                    notes.add(module + ": left out src/main/" + relative
                            + " (it would change how the official tests run)");
                } else if (budget.take(attrs.size())) {
                    copyNoFollow(file, to.resolve(relative), attrs.size());
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                notes.add(module + ": left out src/main/" + SourceTree.relative(from, file) + " (cannot read it: "
                        + e.getClass().getSimpleName() + ")");
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Copies a regular file without following a link, and never more than the length it had when counted. */
    private static void copyNoFollow(Path from, Path to, long length) throws IOException {
        try (InputStream in = Files.newInputStream(from, LinkOption.NOFOLLOW_LINKS);
                OutputStream out = Files.newOutputStream(to)) {
            byte[] buffer = new byte[8192];
            long left = length;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    break;
                }
                out.write(buffer, 0, n);
                left -= n;
            }
        }
    }

    /**
     * Deletes a directory and everything in it, never following links; nothing happens if it does
     * not exist.
     *
     * @param dir the directory
     */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
