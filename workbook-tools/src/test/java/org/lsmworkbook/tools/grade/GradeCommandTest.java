package org.lsmworkbook.tools.grade;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lsmworkbook.tools.Workbook;
import org.lsmworkbook.tools.commands.Context;
import org.lsmworkbook.tools.maven.Maven;

/**
 * The grade command end to end, with a Maven that plays the build: day 1's tests run (one fails),
 * day 2 does not compile.
 */
@Timeout(20)
class GradeCommandTest {

    private static final String OFFICIAL_TEST = String.join("\n",
            "package p1;",
            "@DisplayName(\"Day 1 · Task 1 — A\")",
            "class ATest {",
            "    @Test void adds() { }",
            "    @ParameterizedTest @ValueSource(ints = {1, 2}) void model(int seed) { }",
            "}", "");
    private static final String HIDDEN_TEST = String.join("\n",
            "package p1;",
            "@Tag(\"hidden\")",
            "class HTest {",
            "    @Test @Tag(\"points=2\") void secret() { }",
            "}", "");

    /** A Maven that checks the grading tree and writes what a real build would leave behind. */
    private static final class PlayedMaven implements Maven {
        final List<List<String>> calls = new ArrayList<>();
        final List<Path> trees = new ArrayList<>();

        @Override
        public int run(Path workDir, List<String> arguments, Path log) {
            calls.add(arguments);
            trees.add(workDir);
            String module = arguments.get(arguments.indexOf("-pl") + 1);
            try {
                Files.createDirectories(log.getParent());
                if (module.equals("day1-block")) {
                    assertThat(Files.readString(workDir.resolve("day1-block/src/test/java/p1/ATest.java")))
                            .as("the official test, not the submission's edited one").isEqualTo(OFFICIAL_TEST);
                    assertThat(workDir.resolve("day1-block/src/test/java/p1/HTest.java")).as("hidden tests are there").exists();
                    assertThat(Files.readString(workDir.resolve("day1-block/src/main/java/p1/A.java")))
                            .as("the submission's code").contains("submitted");
                    assertThat(workDir.resolve("day1-block/src/main/resources/junit-platform.properties"))
                            .as("a submitted junit-platform.properties is left out").doesNotExist();
                    Path reports = workDir.resolve("day1-block/target/surefire-reports");
                    Files.createDirectories(reports);
                    Files.writeString(reports.resolve("TEST-p1.ATest.xml"), "<testsuite name=\"p1.ATest\">"
                            + "<testcase name=\"adds\" classname=\"Day 1 · Task 1 — A\"/>"
                            + "<testcase name=\"model(int)[1]\" classname=\"Day 1 · Task 1 — A\"/>"
                            + "<testcase name=\"model(int)[2]\" classname=\"Day 1 · Task 1 — A\">"
                            + "<failure message=\"expected 2 but was 3\" type=\"AssertionError\"/></testcase>"
                            + "</testsuite>");
                    Files.writeString(reports.resolve("TEST-p1.HTest.xml"), "<testsuite name=\"p1.HTest\">"
                            + "<testcase name=\"secret\" classname=\"p1.HTest\"/></testsuite>");
                    Files.writeString(log, String.join("\n",
                            "[INFO] Running Day 1 · Task 1 — A",
                            "[ERROR] Tests run: 3, Failures: 1, Errors: 0, Skipped: 0, Time elapsed: 0.1 s <<< FAILURE!"
                                    + " -- in Day 1 · Task 1 — A",
                            "[INFO] Running p1.HTest",
                            "[INFO] Tests run: 1, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: 0.1 s -- in p1.HTest",
                            "[INFO] BUILD SUCCESS", ""));
                    return 0;
                }
                assertThat(workDir.resolve("day1-block/src/test")).as("day 1's tests ran already; day 2 builds"
                        + " day 1 with -am, and must not fail on day 1's tests").doesNotExist();
                assertThat(workDir.resolve(module + "/src/main/java/p2/B.java"))
                        .as("the official solution is never graded in place of missing code").doesNotExist();
                Files.writeString(log, String.join("\n",
                        "[ERROR] " + workDir.resolve("day2-sst/src/test/java/p2/BTest.java") + ":[3,5] cannot find symbol",
                        "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.15.0:testCompile"
                                + " (default-testCompile) on project day2-sst: Compilation failure", ""));
                return 1;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void write(Path root, String path, String text) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    @Test
    @SuppressWarnings("unchecked")
    void grades_each_stage_with_the_official_tests_and_writes_results_json(@TempDir Path dir) throws IOException {
        Path official = dir.resolve("official");
        write(official, "pom.xml", "<project/>\n");
        write(official, "day1-block/pom.xml", "<project/>\n");
        write(official, "day1-block/src/main/java/p1/A.java", "package p1; class A { /* reference */ }\n");
        write(official, "day1-block/src/test/java/p1/ATest.java", OFFICIAL_TEST);
        write(official, "day1-block/src/test/java/p1/HTest.java", HIDDEN_TEST);
        write(official, "day2-sst/pom.xml", "<project/>\n");
        write(official, "day2-sst/src/main/java/p2/B.java", "package p2; class B { }\n");
        write(official, "day2-sst/src/test/java/p2/BTest.java", "package p2;\nclass BTest {\n  @Test void b() { }\n}\n");

        // Handed in as a folder inside a folder, with an edited test and no day 2 code.
        Path submission = dir.resolve("upload/lsm-workbook");
        write(submission, "day1-block/src/main/java/p1/A.java", "package p1; class A { /* submitted */ }\n");
        write(submission, "day1-block/src/main/resources/junit-platform.properties", "junit.jupiter.execution.timeout.default = 1 h\n");
        write(submission, "day1-block/src/test/java/p1/ATest.java", "package p1; class ATest { /* all tests deleted */ }\n");
        write(submission, "day2-sst/pom.xml", "<project/>\n");

        PlayedMaven maven = new PlayedMaven();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path json = dir.resolve("results/results.json");
        int exit = Workbook.run(new Context(official, new PrintStream(out, true, StandardCharsets.UTF_8), maven),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                "grade", "--submission", dir.resolve("upload").toString(), "--json", json.toString(), "--offline");
        String printed = out.toString(StandardCharsets.UTF_8);

        assertThat(exit).as("grading finished; stdout:%n%s%nstderr:%n%s", printed, err).isZero();
        assertThat(maven.calls).as("one Maven run per stage, each offline, test failures not stopping it")
                .hasSize(2).allSatisfy(args -> assertThat(args).contains("-o", "-am", "-Dmaven.test.failure.ignore=true"));
        assertThat(printed).contains("note: day1-block: left out src/main/resources/junit-platform.properties",
                "note: day2-sst: the submission has no day2-sst/src/main");
        assertThat(printed).containsPattern("day1-block +tested +2/3 +3/4");
        assertThat(printed).containsPattern("day2-sst +tests do not compile +0/1 +0/1");
        assertThat(printed).containsPattern("total +2/4 +3/5");
        assertThat(printed).contains("FAILED Day 1 · Task 1 — A › model", "model(int)[2]: expected 2 but was 3",
                "day2-sst/src/test/java/p2/BTest.java:3:5: cannot find symbol");
        assertThat(maven.trees.get(0)).as("the grading tree is deleted afterwards").doesNotExist();

        Map<String, Object> results = (Map<String, Object>) JsonReader.parse(Files.readString(json));
        assertThat(results.get("score")).isEqualTo(3.0);
        List<Map<String, Object>> tests = (List<Map<String, Object>>) results.get("tests");
        assertThat(tests).extracting(t -> t.get("name")).containsExactly("Day 1 · Task 1 — A › adds",
                "Day 1 · Task 1 — A › model", "day1-block · HTest › secret", "day2-sst · BTest › b");
        assertThat(tests.get(2)).containsEntry("visibility", "after_published").containsEntry("max_score", 2.0);
    }

    @Test
    void a_submission_that_fails_a_stage_gets_no_leaderboard_and_the_benchmark_never_runs(@TempDir Path dir)
            throws IOException {
        Path official = dir.resolve("official");
        write(official, "pom.xml", "<project/>\n");
        write(official, "day1-block/pom.xml", "<project/>\n");
        write(official, "day1-block/src/test/java/p1/ATest.java", OFFICIAL_TEST);
        write(official, "day1-block/src/test/java/p1/HTest.java", HIDDEN_TEST);
        write(official, "benchmarks/pom.xml", "<project/>\n");
        Path submission = dir.resolve("submission");
        write(submission, "day1-block/src/main/java/p1/A.java", "package p1; class A { /* submitted */ }\n");
        PlayedMaven maven = new PlayedMaven();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path json = dir.resolve("results.json");
        LeaderboardRun.Launcher java = (work, arguments, log, bounds) -> {
            throw new AssertionError("the benchmark must not run for a submission that failed a test");
        };
        int exit = new org.lsmworkbook.tools.commands.GradeCommand(java).run(
                new Context(official, new PrintStream(out, true, StandardCharsets.UTF_8), maven),
                List.of("--submission", submission.toString(), "--json", json.toString(), "--leaderboard"));
        String printed = out.toString(StandardCharsets.UTF_8);

        assertThat(exit).as("grading finished; stdout:%n%s", printed).isZero();
        assertThat(maven.calls).as("only the stage ran; the benchmark was not built").hasSize(1);
        assertThat(printed).contains("no leaderboard entry: the benchmark runs only when every graded test passes;"
                + " not yet in day1-block (1 of 3 tests failed)");
        @SuppressWarnings("unchecked")
        Map<String, Object> results = (Map<String, Object>) JsonReader.parse(Files.readString(json));
        assertThat(results).as("no leaderboard entry in results.json").doesNotContainKey("leaderboard");
        assertThat((String) results.get("output")).contains("no leaderboard entry");
    }

    @Test
    void a_submission_that_passes_every_test_is_benchmarked_and_results_json_gets_the_leaderboard(@TempDir Path dir)
            throws IOException {
        Path official = dir.resolve("official");
        write(official, "pom.xml", "<project/>\n");
        write(official, "day1-block/pom.xml", "<project/>\n");
        write(official, "day1-block/src/test/java/p1/HTest.java", HIDDEN_TEST);
        write(official, "benchmarks/pom.xml", "<project/>\n");
        Path submission = dir.resolve("submission");
        write(submission, "day1-block/src/main/java/p1/A.java", "package p1; class A { }\n");
        List<List<String>> calls = new ArrayList<>();
        Maven maven = (work, arguments, log) -> {
            calls.add(arguments);
            try {
                Files.createDirectories(log.getParent());
                if (arguments.contains("bench")) {
                    String file = arguments.stream().filter(a -> a.startsWith("-Dmdep.outputFile=")).findFirst().orElseThrow();
                    Path classpath = Path.of(file.substring("-Dmdep.outputFile=".length()));
                    Files.createDirectories(classpath.getParent());
                    Files.writeString(classpath, "/m2/day6.jar");
                    Files.writeString(log, "[INFO] BUILD SUCCESS\n");
                    return 0;
                }
                Path reports = work.resolve("day1-block/target/surefire-reports");
                Files.createDirectories(reports);
                Files.writeString(reports.resolve("TEST-p1.HTest.xml"), "<testsuite name=\"p1.HTest\">"
                        + "<testcase name=\"secret\" classname=\"p1.HTest\"/></testsuite>");
                Files.writeString(log, "[INFO] Running p1.HTest\n[INFO] Tests run: 1, Failures: 0, Errors: 0,"
                        + " Skipped: 0, Time elapsed: 0.1 s -- in p1.HTest\n[INFO] BUILD SUCCESS\n");
                return 0;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        LeaderboardRun.Launcher java = (work, arguments, log, bounds) -> {
            try {
                Files.createDirectories(log.getParent());
                Files.writeString(log, "");
                Path results = Path.of(arguments.get(arguments.indexOf("--json") + 1));
                Files.createDirectories(results.getParent());
                Files.writeString(results, BenchResultsFixture.correct());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Maven.BoundedRun(0, null);
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path json = dir.resolve("results.json");
        int exit = new org.lsmworkbook.tools.commands.GradeCommand(java).run(
                new Context(official, new PrintStream(out, true, StandardCharsets.UTF_8), maven),
                List.of("--submission", submission.toString(), "--json", json.toString(), "--leaderboard"));
        String printed = out.toString(StandardCharsets.UTF_8);

        assertThat(exit).as("grading finished; stdout:%n%s", printed).isZero();
        assertThat(calls).as("the stage, then the benchmark's build").hasSize(2);
        assertThat(calls.get(1)).contains("-P", "bench", "-pl", "benchmarks");
        @SuppressWarnings("unchecked")
        Map<String, Object> results = (Map<String, Object>) JsonReader.parse(Files.readString(json));
        assertThat(results.get("score")).as("the score is the tests' alone").isEqualTo(2.0);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> board = (List<Map<String, Object>>) results.get("leaderboard");
        assertThat(board).as("Gradescope's leaderboard array").isNotEmpty()
                .allSatisfy(e -> assertThat(e).containsKeys("name", "value", "order"));
        assertThat(printed).contains("leaderboard: 4 entries", "Random reads/s");
    }

    @Test
    void a_submission_without_stages_is_refused_and_results_json_says_why(@TempDir Path dir) throws IOException {
        Path official = dir.resolve("official");
        write(official, "day1-block/pom.xml", "<project/>\n");
        Path submission = dir.resolve("empty");
        write(submission, "notes.txt", "my homework\n");
        Path json = dir.resolve("results.json");
        CommandResult result = grade(official, "grade", "--submission", submission.toString(), "--json", json.toString());
        assertThat(result.exit()).as("refused").isNotZero();
        assertThat(result.err()).contains("holds no stage directories");
        @SuppressWarnings("unchecked")
        Map<String, Object> results = (Map<String, Object>) JsonReader.parse(Files.readString(json));
        assertThat(results).containsEntry("score", 0.0).containsEntry("tests", List.of());
        assertThat((String) results.get("output")).contains("could not be graded", "holds no stage directories");
    }

    @Test
    void bad_arguments_are_refused_with_a_hint(@TempDir Path dir) throws IOException {
        write(dir, "day1-block/pom.xml", "<project/>\n");
        assertThat(grade(dir, "grade").err()).contains("give --submission DIR");
        CommandResult expect = grade(dir, "grade", "--submission", dir.toString(), "--expect", "perfect");
        assertThat(expect.exit()).isEqualTo(2);
        assertThat(expect.err()).contains("--expect takes 'full'");
    }

    private record CommandResult(int exit, String out, String err) {
    }

    private static CommandResult grade(Path official, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Maven none = (work, arguments, log) -> {
            throw new AssertionError("Maven must not run for refused arguments: " + arguments);
        };
        int exit = Workbook.run(new Context(official, new PrintStream(out, true, StandardCharsets.UTF_8), none),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new CommandResult(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
