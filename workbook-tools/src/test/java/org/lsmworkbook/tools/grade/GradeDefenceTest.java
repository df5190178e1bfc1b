package org.lsmworkbook.tools.grade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lsmworkbook.tools.Workbook;
import org.lsmworkbook.tools.commands.Context;
import org.lsmworkbook.tools.maven.Maven;

/**
 * The grade command end to end against attacks and faults, with a Maven that plays each build:
 * broken reports, hidden tests looked for in the tree, a test JVM stopped half-way, a stage whose
 * earlier stage broke the contract. Whatever happens, results.json is written and every refusal
 * is a note.
 */
@Timeout(30)
@DisplayName("grader: attacks and faults, end to end")
class GradeDefenceTest {

    @TempDir
    Path dir;

    /** A Maven whose every stage run is played by a function of (tree, bounds); logs are written by the function. */
    private record PlayedMaven(BiConsumer<Path, Map<String, Object>> play) implements Maven {
        @Override
        public int run(Path workDir, List<String> arguments, Path log) {
            throw new AssertionError("grading always runs Maven bounded");
        }

        @Override
        public BoundedRun run(Path workDir, List<String> arguments, Path log, Bounds bounds) {
            String module = arguments.get(arguments.indexOf("-pl") + 1);
            try {
                Files.createDirectories(log.getParent());
                Files.writeString(log, "");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            play.accept(workDir, Map.of("module", module, "log", log, "bounds", bounds, "arguments", arguments));
            return new BoundedRun(0, null);
        }
    }

    private Path official() throws IOException {
        Path official = dir.resolve("official");
        SubmissionLinksTest.write(official, "pom.xml", "<project/>\n");
        for (int day = 1; day <= 2; day++) {
            String module = day == 1 ? "day1-block" : "day2-sst";
            SubmissionLinksTest.write(official, module + "/pom.xml", "<project/>\n");
            SubmissionLinksTest.write(official, module + "/src/main/java/module-info.java",
                    "module m" + day + " { exports p" + day + "; }\n");
            SubmissionLinksTest.write(official, module + "/src/test/java/p" + day + "/ATest.java", String.join("\n",
                    "package p" + day + ";", "@DisplayName(\"Day " + day + " · A\")", "class ATest {",
                    "  @Test void one() { }", "  @Test void two() { }", "}", ""));
            SubmissionLinksTest.write(official, module + "/src/test/java/p" + day + "/Day" + day + "HiddenTest.java",
                    String.join("\n", "package p" + day + ";", "@Tag(\"hidden\")", "@DisplayName(\"Day " + day + " · hidden\")",
                            "class Day" + day + "HiddenTest {", "  @Test void secret() { }", "}", ""));
        }
        return official;
    }

    private Path submission(String day1ModuleInfo) throws IOException {
        Path submission = dir.resolve("submission");
        SubmissionLinksTest.write(submission, "day1-block/src/main/java/module-info.java", day1ModuleInfo);
        SubmissionLinksTest.write(submission, "day2-sst/src/main/java/module-info.java", "module m2 { exports p2; }\n");
        return submission;
    }

    private record Graded(int exit, String out, Map<String, Object> results) {
    }

    @SuppressWarnings("unchecked")
    private Graded grade(Path official, Path submission, Maven maven) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path json = dir.resolve("results.json");
        int exit = Workbook.run(new Context(official, new PrintStream(out, true, StandardCharsets.UTF_8), maven),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                "grade", "--submission", submission.toString(), "--json", json.toString());
        return new Graded(exit, out.toString(StandardCharsets.UTF_8), (Map<String, Object>) JsonReader.parse(Files.readString(json)));
    }

    private static void log(Map<String, Object> run, String... lines) {
        try {
            Files.writeString((Path) run.get("log"), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void report(Path tree, String module, String className, String xml) {
        try {
            Path reports = Files.createDirectories(tree.resolve(module).resolve("target/surefire-reports"));
            Files.writeString(reports.resolve("TEST-" + className + ".xml"), xml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void only_the_running_stages_tests_are_in_the_tree_and_an_unparseable_report_still_gives_results_json() throws IOException {
        Path official = official();
        Graded graded = grade(official, submission("module m1 { exports p1; }\n"), new PlayedMaven((tree, run) -> {
            String module = (String) run.get("module");
            String other = module.equals("day1-block") ? "day2-sst" : "day1-block";
            String day = module.equals("day1-block") ? "1" : "2";
            assertThat(tree.resolve(module + "/src/test/java/p" + day + "/Day" + day + "HiddenTest.java"))
                    .as("the stage's own hidden tests are there while it runs").exists();
            assertThat(tree.resolve(other + "/src/test")).as("no other stage's tests are in the tree").doesNotExist();
            if (module.equals("day1-block")) {
                // the student's code wrote half a report over surefire's
                report(tree, module, "p1.ATest", "<testsuite");
                log(run, "[INFO] Running Day 1 · A",
                        "[INFO] Tests run: 2, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: 0.1 s -- in Day 1 · A");
            } else {
                report(tree, module, "p2.ATest", "<testsuite name=\"p2.ATest\"><testcase name=\"one\" classname=\"Day 2 · A\"/>"
                        + "<testcase name=\"two\" classname=\"Day 2 · A\"><failure message=\"" + "hidden test body ".repeat(1000)
                        + "\"/></testcase></testsuite>");
                log(run, "[INFO] Running Day 2 · A",
                        "[ERROR] Tests run: 2, Failures: 1, Errors: 0, Skipped: 0, Time elapsed: 0.1 s -- in Day 2 · A");
            }
        }));
        assertThat(graded.exit()).as(graded.out()).isZero();
        assertThat(graded.out()).contains("day1-block: note: the test report TEST-p1.ATest.xml cannot be read");
        assertThat(graded.results()).containsEntry("score", 1.0);
        assertThat((String) graded.results().get("output")).contains("note: the test report TEST-p1.ATest.xml cannot be read");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> tests = (List<Map<String, Object>>) graded.results().get("tests");
        assertThat(tests).allSatisfy(t -> assertThat((String) t.get("output")).hasSizeLessThanOrEqualTo(GradeReport.MAX_TEST_OUTPUT));
    }

    @Test
    void a_test_jvm_stopped_half_way_keeps_the_tests_that_had_passed() throws IOException {
        Path official = official();
        Graded graded = grade(official, submission("module m1 { exports p1; }\n"), new PlayedMaven((tree, run) -> {
            Maven.Bounds bounds = (Maven.Bounds) run.get("bounds");
            Path record = Path.of(bounds.environment().get("WORKBOOK_GRADE_PROGRESS"));
            assertThat(record).as("the record lies outside the grading tree").satisfies(r -> assertThat(r.startsWith(tree)).isFalse());
            @SuppressWarnings("unchecked")
            List<String> arguments = (List<String>) run.get("arguments");
            assertThat(arguments).contains("-Dmaven.test.redirectTestOutputToFile=true")
                    .anySatisfy(a -> assertThat(a).startsWith("-Dmaven.test.additionalClasspath="));
            try {
                // the JVM ran "one", passed it, then hung in "two" until surefire stopped it
                Files.writeString(record, "PASSED\ttest\tp" + ((String) run.get("module")).charAt(3) + ".ATest\tone\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String day = ((String) run.get("module")).substring(3, 4);
            log(run, "[INFO] Running Day " + day + " · A", "[ERROR] There was a timeout in the fork");
        }));
        assertThat(graded.out()).containsPattern("day1-block +tested +1/3 +1/3")
                .contains("day1-block: note: p1.ATest was stopped before it finished; 1 of its tests had passed by then and"
                        + " count", "day1-block: note: a test class ran for longer than its limit");
        assertThat(graded.results()).containsEntry("score", 2.0);
    }

    @Test
    void a_stage_that_fails_to_compile_because_an_earlier_one_stopped_exporting_names_both() throws IOException {
        Path official = official();
        Graded graded = grade(official, submission("module m1 { }\n"), new PlayedMaven((tree, run) -> {
            if (run.get("module").equals("day1-block")) {
                report(tree, "day1-block", "p1.ATest", "<testsuite name=\"p1.ATest\"><testcase name=\"one\" classname=\"Day 1 · A\"/>"
                        + "<testcase name=\"two\" classname=\"Day 1 · A\"/></testsuite>");
                log(run, "[INFO] Tests run: 2, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: 0.1 s -- in Day 1 · A");
            } else {
                log(run, "[ERROR] " + tree.resolve("day2-sst/src/main/java/p2/B.java") + ":[3,8] package p1 is not visible",
                        "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.15.0:compile"
                                + " (default-compile) on project day2-sst: Compilation failure");
            }
        }));
        assertThat(graded.out()).containsPattern("day2-sst +does not compile")
                .contains("note: day1-block's module-info.java no longer has exports p1 (its official one does), which"
                        + " day2-sst needs: the failure may be day1-block's, not day2-sst's");
    }

    @Test
    @SuppressWarnings("unchecked")
    void grading_that_fails_half_way_still_writes_results_json() throws IOException {
        Path official = official();
        Path json = dir.resolve("results.json");
        Maven broken = new PlayedMaven((tree, run) -> {
            throw new IllegalStateException("the build machine broke");
        });
        assertThatThrownBy(() -> Workbook.run(new Context(official, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), broken), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                "grade", "--submission", submission("module m1 { exports p1; }\n").toString(), "--json", json.toString()))
                .hasMessage("the build machine broke");
        Map<String, Object> results = (Map<String, Object>) JsonReader.parse(Files.readString(json));
        assertThat(results).containsEntry("score", 0.0);
        assertThat((String) results.get("output")).contains("could not be graded", "the build machine broke");
    }
}
