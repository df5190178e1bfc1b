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
 * {@code ./workbook grade} with a stage that has a bonus test: scored as extra credit by default,
 * neither run nor shown with {@code --no-bonus}. Maven is played: it runs the bonus test unless the
 * arguments exclude the group {@code bonus}, as surefire would.
 */
@Timeout(20)
class GradeBonusSwitchTest {

    private static final String TESTS = String.join("\n",
            "package p1;",
            "@DisplayName(\"Day 1 · Task 1 — A\")",
            "class ATest {",
            "    @Test void adds() { }",
            "    @Test @Tag(\"bonus\") @Tag(\"points=2\") void compresses() { }",
            "}", "");

    /** Reports "adds" passed, and "compresses" passed too unless the bonus group is excluded. */
    private static final class PlayedMaven implements Maven {
        final List<List<String>> calls = new ArrayList<>();

        @Override
        public int run(Path workDir, List<String> arguments, Path log) {
            calls.add(arguments);
            boolean bonus = arguments.stream().noneMatch(a -> a.startsWith("-DexcludedGroups=")
                    && List.of(a.substring(a.indexOf('=') + 1).split(",")).contains("bonus"));
            try {
                Files.createDirectories(log.getParent());
                Path reports = workDir.resolve("day1-block/target/surefire-reports");
                Files.createDirectories(reports);
                String cases = "<testcase name=\"adds\" classname=\"Day 1 · Task 1 — A\"/>"
                        + (bonus ? "<testcase name=\"compresses\" classname=\"Day 1 · Task 1 — A\"/>" : "");
                Files.writeString(reports.resolve("TEST-p1.ATest.xml"), "<testsuite name=\"p1.ATest\">" + cases
                        + "</testsuite>");
                Files.writeString(log, String.join("\n",
                        "[INFO] Running Day 1 · Task 1 — A",
                        "[INFO] Tests run: " + (bonus ? 2 : 1) + ", Failures: 0, Errors: 0, Skipped: 0, Time elapsed:"
                                + " 0.1 s -- in Day 1 · Task 1 — A",
                        "[INFO] BUILD SUCCESS", ""));
                return 0;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static Path official(Path dir) throws IOException {
        Path official = dir.resolve("official");
        write(official, "pom.xml", "<project/>\n");
        write(official, "day1-block/pom.xml", "<project/>\n");
        write(official, "day1-block/src/main/java/p1/A.java", "package p1; class A { }\n");
        write(official, "day1-block/src/test/java/p1/ATest.java", TESTS);
        write(dir.resolve("submission"), "day1-block/src/main/java/p1/A.java", "package p1; class A { }\n");
        return official;
    }

    private static void write(Path root, String path, String text) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static String grade(Path official, PlayedMaven maven, String... extra) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("grade", "--submission",
                official.resolveSibling("submission").toString()));
        args.addAll(List.of(extra));
        int exit = Workbook.run(new Context(official, new PrintStream(out, true, StandardCharsets.UTF_8), maven),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), args.toArray(String[]::new));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as("grading finished; stdout:%n%s", printed).isZero();
        return printed;
    }

    @Test
    @SuppressWarnings("unchecked")
    void bonus_tests_run_by_default_and_score_as_extra_credit(@TempDir Path dir) throws IOException {
        Path official = official(dir);
        Path json = dir.resolve("results.json");
        PlayedMaven maven = new PlayedMaven();
        String printed = grade(official, maven, "--json", json.toString(), "--expect", "full");

        assertThat(maven.calls).singleElement().asList().as("no group is excluded")
                .noneMatch(a -> a.toString().startsWith("-DexcludedGroups="));
        assertThat(printed).contains("day1-block: running 2 tests (0 hidden, 1 bonus)...",
                "day1-block: tested, 1/1 tests, 1/1 points, extra credit 2/2");
        assertThat(printed).containsPattern("day1-block +tested +1/1 +1/1 +2/2");
        assertThat(printed).contains("score: 3 = 1 + 2 extra credit (maximum 1 without extra credit",
                "as expected (--expect full)");
        Map<String, Object> results = (Map<String, Object>) JsonReader.parse(Files.readString(json));
        assertThat(results.get("score")).as("above the maximum of 1").isEqualTo(3.0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void with_no_bonus_the_bonus_tests_are_neither_run_nor_shown(@TempDir Path dir) throws IOException {
        Path official = official(dir);
        Path json = dir.resolve("results.json");
        PlayedMaven maven = new PlayedMaven();
        String printed = grade(official, maven, "--json", json.toString(), "--no-bonus", "--expect", "full");

        assertThat(maven.calls).singleElement().asList().as("surefire is told to leave the bonus group out")
                .contains("-DexcludedGroups=bonus");
        assertThat(printed).contains("bonus tasks off (--no-bonus)", "day1-block: running 1 tests (0 hidden)...",
                "as expected (--expect full)");
        assertThat(printed).as("the table has no extra-credit column").doesNotContain("extra credit", "score:");
        Map<String, Object> results = (Map<String, Object>) JsonReader.parse(Files.readString(json));
        assertThat(results.get("score")).isEqualTo(1.0);
        assertThat((List<Map<String, Object>>) results.get("tests")).as("the bonus test is not in results.json")
                .extracting(t -> t.get("name")).containsExactly("Day 1 · Task 1 — A › adds");
    }
}
