package org.lsmworkbook.tools.grade;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A submission whose folders are symbolic links to the official tree earns nothing: links are never
 * followed, at any level, also in Gradescope's layout where the official tree sits beside the
 * submission.
 */
@Timeout(20)
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "symbolic links need privileges on Windows")
@DisplayName("grader: symbolic links in a submission")
class SubmissionLinksTest {

    @TempDir
    Path dir;
    Path source;
    Path submission;

    /** Gradescope's layout: the official tree in autograder/source, the submission beside it. */
    @BeforeEach
    void layout() throws IOException {
        source = dir.resolve("autograder/source");
        write(source, "pom.xml", "<project/>\n");
        write(source, "day1-block/pom.xml", "<project/>\n");
        write(source, "day1-block/src/main/java/p1/A.java", "package p1; class A { /* reference */ }\n");
        write(source, "day1-block/src/test/java/p1/ATest.java", "package p1; class ATest { }\n");
        write(source, "day2-sst/pom.xml", "<project/>\n");
        write(source, "day2-sst/src/main/java/p2/B.java", "package p2; class B { /* reference */ }\n");
        write(source, "day3-memtable/pom.xml", "<project/>\n");
        write(source, "day3-memtable/src/main/java/p3/C.java", "package p3; class C { /* reference */ }\n");
        submission = Files.createDirectories(dir.resolve("autograder/submission"));
    }

    @Test
    void a_stage_or_its_src_linked_to_the_official_tree_is_graded_with_no_code() throws IOException {
        // what "zip -ry" stores and unzip restores: relative links into the official tree
        Files.createSymbolicLink(submission.resolve("day1-block"), Path.of("../source/day1-block"));
        Files.createDirectories(submission.resolve("day2-sst"));
        Files.createSymbolicLink(submission.resolve("day2-sst/src"), Path.of("../../source/day2-sst/src"));
        Files.createDirectories(submission.resolve("day3-memtable/src"));
        Files.createSymbolicLink(submission.resolve("day3-memtable/src/main"), source.resolve("day3-memtable/src/main"));

        Path root = Submission.root(submission);
        GradingTree tree = GradingTree.create(source, root, dir.resolve("tree"));

        assertThat(javaFiles(tree.dir())).as("no official code may stand in for the submission's").isEmpty();
        assertThat(tree.notes()).as("each refused link is a note naming where it points").anySatisfy(n -> assertThat(n)
                        .startsWith("day2-sst: day2-sst/src is a symbolic link to ../../source/day2-sst/src (outside the submission)")
                        .contains("graded with no code"))
                .anySatisfy(n -> assertThat(n).startsWith("day3-memtable: day3-memtable/src/main is a symbolic link"))
                .anySatisfy(n -> assertThat(n).startsWith(
                        "day1-block: day1-block is a symbolic link to ../source/day1-block (outside the submission)"));
    }

    @Test
    void a_folder_inside_the_submission_linked_to_the_official_tree_is_not_taken_for_the_submission() throws IOException {
        Files.createSymbolicLink(submission.resolve("lsm-workbook"), source);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> Submission.root(submission)))
                .as("the only folder is a link: it is not followed, so there are no stages")
                .hasMessageContaining("holds no stage directories").hasMessageContaining("not followed");
    }

    @Test
    void a_link_inside_src_main_is_left_out_with_a_note() throws IOException {
        write(submission, "day1-block/src/main/java/p1/A.java", "package p1; class A { /* submitted */ }\n");
        Files.createSymbolicLink(submission.resolve("day1-block/src/main/java/p1/B.java"),
                source.resolve("day2-sst/src/main/java/p2/B.java"));
        Files.createSymbolicLink(submission.resolve("day1-block/src/main/java/p3"), source.resolve("day3-memtable/src/main/java/p3"));

        GradingTree tree = GradingTree.create(source, Submission.root(submission), dir.resolve("tree"));

        assertThat(javaFiles(tree.dir())).containsExactly("day1-block/src/main/java/p1/A.java");
        assertThat(tree.notes()).anySatisfy(n -> assertThat(n).startsWith("day1-block: left out src/main/java/p1/B.java"
                + " (a symbolic link to " + source.resolve("day2-sst/src/main/java/p2/B.java") + " (outside the submission)"))
                .anySatisfy(n -> assertThat(n).startsWith("day1-block: left out src/main/java/p3 (a symbolic link"));
    }

    @Test
    void the_official_tests_are_not_in_the_tree_until_their_stage_runs() throws IOException {
        GradingTree tree = GradingTree.create(source, submission, dir.resolve("tree"));
        Path test = tree.dir().resolve("day1-block/src/test/java/p1/ATest.java");
        assertThat(test).as("no stage's tests before it runs").doesNotExist();
        tree.stageTests(tree.stages().get(0));
        assertThat(test).exists();
        tree.dropTests(tree.stages().get(0));
        assertThat(test).as("removed right after").doesNotExist();
    }

    private static Stream<String> javaFilesOf(Path root) throws IOException {
        return Files.walk(root).filter(p -> p.toString().endsWith(".java"))
                .map(p -> root.relativize(p).toString().replace('\\', '/'));
    }

    private static java.util.List<String> javaFiles(Path root) throws IOException {
        try (Stream<String> files = javaFilesOf(root)) {
            return files.sorted().toList();
        }
    }

    static void write(Path root, String path, String text) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
