package org.lsmworkbook.tools.edition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lsmworkbook.tools.commands.CommandRunner;
import org.lsmworkbook.tools.markers.Markers;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StudentEditionTest {

    @TempDir
    Path temp;

    private Path root;

    @BeforeEach
    void createRepository() throws IOException {
        root = FakeRepository.create(Files.createDirectories(temp.resolve("repo")));
    }

    private CommandRunner.Result student(Path out, String... extra) {
        String[] args = new String[3 + extra.length];
        args[0] = "student";
        args[1] = "--out";
        args[2] = out.toString();
        System.arraycopy(extra, 0, args, 3, extra.length);
        return CommandRunner.run(root, args);
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /** Every file of a tree with its bytes, for comparing two trees. */
    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                files.put(SourceTree.relative(dir, file), new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        return files;
    }

    @Test
    void the_student_edition_stubs_every_stage() throws IOException {
        Path out = temp.resolve("student");
        CommandRunner.Result result = student(out);

        assertThat(result.exitCode()).as("exit code; stderr: %s", result.err()).isZero();
        String counter = read(out.resolve(FakeRepository.DAY1_SOURCE));
        assertThat(counter).as("day 1: member region gone, body region stubbed")
                .doesNotContain("private int count").doesNotContain(Markers.BEGIN)
                .contains("        // TODO Day 1, Task 1: write Counter.increment (see docs/day1-block.md)\n"
                        + "        throw new UnsupportedOperationException(\"Day 1, Task 1: Counter.increment is not"
                        + " written yet (see docs/day1-block.md)\");\n    }\n");
        assertThat(read(out.resolve(FakeRepository.DAY2_SOURCE))).as("day 2: the constructor is stubbed")
                .contains("// TODO Day 2, Task 3: write the Table constructor (see docs/day2-sst.md)");
        assertThat(result.out()).as("progress lines per stage and the destination")
                .contains("day1-block: stubbed, 4 files, 1 region stubbed, 1 removed, 1 hidden test file left out")
                .contains("day2-sst: stubbed, 2 files, 1 region stubbed, 0 removed")
                .contains(out.toString());
    }

    @Test
    void the_edition_leaves_out_hidden_tests_ci_and_build_output_and_keeps_other_bytes() throws IOException {
        Path out = temp.resolve("student");
        student(out);

        assertThat(out.resolve(FakeRepository.HIDDEN_TEST)).as("hidden test files stay out").doesNotExist();
        assertThat(out.resolve("day1-block/src/test/java/p1/CounterTest.java")).as("graded tests stay in").exists();
        assertThat(out.resolve(".ci")).as(".ci/ stays out").doesNotExist();
        assertThat(out.resolve("day1-block/target")).as("build output stays out").doesNotExist();
        assertThat(Files.readString(out.resolve("README.md"))).as("the edition has a README of its own")
                .startsWith("# LSM Workbook for Java — student edition")
                .contains("./workbook test day1").contains("| `day1-block` |").contains("yours to write")
                .doesNotContain("reference edition").doesNotContain(".ci/run");
        assertThat(Files.readString(out.resolve(ClassroomWorkflow.PATH)))
                .as("a GitHub Classroom workflow: a grader step per stubbed stage, then the reporter")
                .contains("command: ./workbook test day1").contains("command: ./workbook test day2")
                .contains("runners: day1-block,day2-sst")
                .contains("DAY1-BLOCK_RESULTS: \"${{steps.day1-block.outputs.result}}\"");
        assertThat(Files.readAllBytes(out.resolve("docs/notes.md"))).as("untouched files keep their bytes (CRLF)")
                .isEqualTo(Files.readAllBytes(root.resolve("docs/notes.md")));
        assertThat(Files.readAllBytes(out.resolve("day1-block/src/main/java/p1/Given.java")))
                .isEqualTo(Files.readAllBytes(root.resolve("day1-block/src/main/java/p1/Given.java")));
    }

    @Test
    void the_book_s_figures_go_into_the_edition_byte_for_byte() throws IOException {
        FakeRepository.write(root, "docs/figures/engine-day1.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\">\n</svg>\n");
        FakeRepository.write(root, "docs/figures/render.sh", "#!/usr/bin/env bash\necho render\n");
        Path out = temp.resolve("student");
        student(out);
        for (String figure : new String[] {"docs/figures/engine-day1.svg", "docs/figures/render.sh"}) {
            assertThat(out.resolve(figure)).as("the chapters show %s, so the edition must carry it", figure).exists();
            assertThat(Files.readAllBytes(out.resolve(figure))).as(figure).isEqualTo(Files.readAllBytes(root.resolve(figure)));
        }
    }

    @Test
    void the_launcher_stays_executable() throws IOException {
        assumeTrue(Files.getFileStore(root).supportsFileAttributeView("posix"), "needs a POSIX file system");
        Path out = temp.resolve("student");
        student(out);
        assertThat(Files.isExecutable(out.resolve("workbook"))).as("workbook keeps its executable bit").isTrue();
        assertThat(Files.isExecutable(out.resolve("README.md"))).as("README.md does not gain one").isFalse();
    }

    @Test
    void the_properties_file_describes_the_edition() throws IOException {
        Path out = temp.resolve("student");
        student(out);
        assertThat(read(out.resolve(EditionProperties.FILE_NAME))).as("properties of the student edition")
                .startsWith("#")
                .contains("\nedition=student\nfrom=day1\nstubbed=day1-block,day2-sst\nsolved=\n");
    }

    @Test
    void a_checkpoint_keeps_earlier_stages_solved_without_markers() throws IOException {
        Path out = temp.resolve("checkpoint");
        CommandRunner.Result result = student(out, "--from", "day2");

        assertThat(result.exitCode()).as("exit code; stderr: %s", result.err()).isZero();
        assertThat(read(out.resolve(FakeRepository.DAY1_SOURCE))).as("day 1 keeps its code, markers removed")
                .isEqualTo(read(root.resolve(FakeRepository.DAY1_SOURCE)).lines()
                        .filter(line -> !Markers.isBegin(line) && !Markers.isEnd(line))
                        .map(line -> line + "\n")
                        .collect(Collectors.joining()));
        assertThat(read(out.resolve(FakeRepository.DAY2_SOURCE))).as("day 2 is stubbed").contains("TODO Day 2, Task 3");
        assertThat(read(out.resolve(EditionProperties.FILE_NAME))).as("checkpoint properties")
                .contains("\nedition=checkpoint\nfrom=day2\nstubbed=day2-sst\nsolved=day1-block\n");
        assertThat(out.resolve(FakeRepository.HIDDEN_TEST)).as("hidden tests stay out of checkpoints too")
                .doesNotExist();
    }

    @Test
    void a_checkpoint_beyond_the_last_stage_keeps_everything_solved_and_says_so() throws IOException {
        Path out = temp.resolve("checkpoint");
        CommandRunner.Result result = student(out, "--from", "7");
        assertThat(result.out()).as("a note about day 7").contains("note: day7 is beyond the last stage (day2-sst)");
        assertThat(read(out.resolve(EditionProperties.FILE_NAME))).contains("stubbed=\nsolved=day1-block,day2-sst\n");
    }

    @Test
    void two_runs_write_identical_trees() throws IOException {
        Path first = temp.resolve("first");
        Path second = temp.resolve("second");
        student(first);
        student(second);
        assertThat(snapshot(second)).as("the edition is deterministic").isEqualTo(snapshot(first));
    }

    @Test
    void a_git_work_tree_is_listed_by_git_so_ignored_files_stay_out() throws Exception {
        assumeTrue(gitWorks(), "needs git");
        FakeRepository.write(root, ".gitignore", "notes.txt\n");
        FakeRepository.write(root, "notes.txt", "private\n");
        Process init = new ProcessBuilder("git", "init", "-q").directory(root.toFile()).inheritIO().start();
        assertThat(init.waitFor()).isZero();
        Path out = temp.resolve("student");
        student(out);
        assertThat(out.resolve("notes.txt")).as("git-ignored files are not copied").doesNotExist();
        assertThat(out.resolve(".gitignore")).as("untracked, not ignored files are copied").exists();
    }

    private static boolean gitWorks() {
        try {
            return new ProcessBuilder("git", "--version").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void bonus_tests_stay_out_of_the_classroom_points_and_the_readme_names_them() throws IOException {
        FakeRepository.write(root, "day2-sst/src/test/java/p2/TableTest.java", String.join("\n",
                "package p2;",
                "class TableTest {",
                "    @Test void builds() { }",
                "    @Test @Tag(\"points=2\") void refuses() { }",
                "}", ""));
        FakeRepository.write(root, "day2-sst/src/test/java/p2/FilterTest.java", String.join("\n",
                "package p2;",
                "@Tag(\"bonus\")",
                "@DisplayName(\"Day 2 · Task 4 (bonus) — filter\")",
                "class FilterTest {",
                "    @Test void no_false_negatives() { }",
                "    @Test @Tag(\"points=5\") void rate() { }",
                "}", ""));
        Path out = temp.resolve("student");
        student(out);

        String workflow = Files.readString(out.resolve(ClassroomWorkflow.PATH));
        assertThat(workflow.substring(workflow.indexOf("test-name: day2-sst")))
                .as("day 2's step is worth its core's points (1 + 2); the bonus's 6 points are extra credit")
                .contains("max-score: 3\n");
        assertThat(Files.readString(out.resolve("README.md"))).as("the README says the bonus tasks are optional")
                .contains("Bonus tasks", "(their tests: 2 in day2-sst)", "a stage whose core passes is done");
        assertThat(out.resolve("day2-sst/src/test/java/p2/FilterTest.java")).as("bonus tests are public").exists();
    }

    @Test
    void an_edition_without_bonus_tests_says_nothing_of_them() throws IOException {
        Path out = temp.resolve("student");
        student(out);
        assertThat(Files.readString(out.resolve("README.md"))).doesNotContain("Bonus tasks");
    }
}
