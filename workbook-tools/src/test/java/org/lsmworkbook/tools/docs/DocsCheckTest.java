package org.lsmworkbook.tools.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lsmworkbook.tools.edition.EditionProperties;
import org.lsmworkbook.tools.gate.EditionCounts;
import org.lsmworkbook.tools.maven.TestTally;

@Timeout(60)
class DocsCheckTest {

    @TempDir
    Path root;

    /** A repository of one stage: a type with members, a test class, a hidden test class. */
    @BeforeEach
    void writeRepository() throws IOException {
        write("pom.xml", "<project/>");
        write("day1-block/pom.xml", "<project/>");
        write("day1-block/src/main/java/org/lsmworkbook/block/Block.java", String.join("\n",
                "package org.lsmworkbook.block;",
                "import java.util.concurrent.ConcurrentSkipListMap;",
                "public final class Block {",
                "    public static final int MAX_KEY_LENGTH = 65535;",
                "    private final byte[] data;",
                "    public Block(byte[] data) { this.data = data; }",
                "    public static Block decode(byte[] bytes, int length) { return new Block(bytes); }",
                "    public record Meta(int offset, String firstKey) { }",
                "}"));
        write("day1-block/src/test/java/org/lsmworkbook/block/BlockTest.java", String.join("\n",
                "package org.lsmworkbook.block;",
                "class BlockTest {",
                "    @Test void decode_refuses_a_short_block() { }",
                "    @ParameterizedTest @ValueSource(longs = {1, 2}) void model(long seed) { }",
                "}"));
        write("day1-block/src/test/java/org/lsmworkbook/block/Day1HiddenTest.java", String.join("\n",
                "package org.lsmworkbook.block;",
                "@Tag(\"hidden\")",
                "class Day1HiddenTest {",
                "    @Test void edge() { }",
                "}"));
    }

    private void write(String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private List<String> check(String page, String text, EditionCounts... counts) throws IOException {
        write(page, text);
        return DocsCheck.run(root, List.of(counts), counts.length > 0).stream().map(DocProblem::toString).toList();
    }

    @Test
    void the_book_of_this_repository_matches_its_code() {
        Path repository = Path.of("").toAbsolutePath().getParent();
        Assumptions.assumeTrue(repository != null && Files.isDirectory(repository.resolve("docs"))
                        && !Files.exists(repository.resolve(EditionProperties.FILE_NAME)),
                "runs in the reference edition only, where the book, every test and every solution are");
        List<DocProblem> problems = DocsCheck.run(repository, List.of(), false);
        assertThat(problems).as("what docs/ and README.md say that the code does not bear out (file:line: problem);"
                + " fix the page, or the code it describes").isEmpty();
    }

    @Test
    void names_that_exist_pass_and_names_that_do_not_are_reported_with_file_and_line() throws IOException {
        List<String> problems = check("docs/day1-block.md", String.join("\n",
                "# Day 1",
                "`Block`, `Block.decode(bytes, length)`, `Block.MAX_KEY_LENGTH`, `Block.Meta`, `Block.java`,",
                "`org.lsmworkbook.block.Block`, `java.util.TreeMap`, `ConcurrentSkipListMap<Bytes, Bytes>`,",
                "`Arrays::compareUnsigned`, `inner.state()`, `LOCK`, `DayNHiddenTest`, `BlockTest`.",
                "Wrong: `Block.encode`, `Blok`, `Block.Meta.lastKey`, `java.util.TreeMapp`,",
                "`org.lsmworkbook.block.Blocks`.",
                "## Bonus tasks",
                "Add `Block.firstKey()`."));
        assertThat(problems).as("each wrong name once, with its page and line; the bonus task's new method is fine")
                .containsExactly(
                        "docs/day1-block.md:5: `Block.encode`: org.lsmworkbook.block.Block declares no encode",
                        "docs/day1-block.md:5: `Blok`: there is no type Blok in the sources, in what they import, or in the JDK",
                        "docs/day1-block.md:5: `Block.Meta.lastKey`: org.lsmworkbook.block.Block.Meta declares no lastKey",
                        "docs/day1-block.md:5: `java.util.TreeMapp`: there is no type java.util.TreeMapp in the sources,"
                                + " in what they import, or in the JDK",
                        "docs/day1-block.md:6: `org.lsmworkbook.block.Blocks`: there is no type org.lsmworkbook.block.Blocks"
                                + " in the sources");
    }

    @Test
    void a_graded_bonus_task_section_is_checked_and_a_section_of_ungraded_ideas_is_not() throws IOException {
        List<String> problems = check("docs/day1-block.md", String.join("\n",
                "# Day 1",
                "## Bonus tasks",
                "### Task 4 (bonus) — something graded",
                "Write `Block.compress()`.",
                "### Other ideas (ungraded)",
                "Add `Block.firstKey()`."));
        assertThat(problems)
                .as("a graded bonus task is solved in the reference, so its names must exist; ungraded ideas add new ones")
                .containsExactly("docs/day1-block.md:4: `Block.compress()`: org.lsmworkbook.block.Block declares no compress");
    }

    @Test
    void launcher_commands_must_name_a_command_its_options_and_an_existing_test() throws IOException {
        List<String> problems = check("docs/day1-block.md", String.join("\n",
                "```",
                "./workbook test day1                                   # fine",
                "./workbook test day1 BlockTest#decode_refuses_a_short_block",
                "printf 'get a\\n' | ./workbook shell --path /tmp/db",
                "./workbook tests day1",
                "./workbook test day7",
                "./workbook test day1 BlockTests",
                "./workbook test day1 BlockTest#decode",
                "./workbook test day1 Day1HiddenTest",
                "./workbook student --form day1 --out x",
                "./workbook student --from day1",
                "./workbook grade --submission ../s --expect all",
                "./workbook red-gate a b",
                "```",
                "In prose, a synopsis: `./workbook student --out DIR [--from dayN]`."));
        assertThat(problems).hasSize(9);
        assertThat(problems.get(0)).startsWith("docs/day1-block.md:5: `./workbook tests day1`: the launcher has no command 'tests'");
        assertThat(problems.get(1)).startsWith("docs/day1-block.md:6: `./workbook test day7`: there is no stage for 'day7'");
        assertThat(problems.get(2)).isEqualTo(
                "docs/day1-block.md:7: `./workbook test day1 BlockTests`: day1-block has no test class BlockTests");
        assertThat(problems.get(3)).isEqualTo("docs/day1-block.md:8: `./workbook test day1 BlockTest#decode`: BlockTest"
                + " in day1-block has no test method decode");
        assertThat(problems.get(4)).as("a chapter is read in the student edition, which has no hidden tests")
                .isEqualTo("docs/day1-block.md:9: `./workbook test day1 Day1HiddenTest`: Day1HiddenTest is a hidden"
                        + " test of day1-block: the student edition does not have it");
        assertThat(problems.get(5)).isEqualTo("docs/day1-block.md:10: `./workbook student --form day1 --out x`: student has"
                + " no option --form; its options are --out, --from, --force");
        assertThat(problems.get(6)).isEqualTo(
                "docs/day1-block.md:11: `./workbook student --from day1`: student needs --out DIR");
        assertThat(problems.get(7)).isEqualTo("docs/day1-block.md:12: `./workbook grade --submission ../s --expect all`:"
                + " --expect takes full or stubs, not all");
        assertThat(problems.get(8)).startsWith("docs/day1-block.md:13: `./workbook red-gate a b`: red-gate takes at most 1");
    }

    @Test
    void a_hidden_test_may_be_named_on_a_page_for_instructors() throws IOException {
        assertThat(check("docs/instructors.md", "```\n./workbook test day1 Day1HiddenTest#edge\n```\n")).isEmpty();
    }

    @Test
    void an_image_must_point_at_a_file_of_the_repository() throws IOException {
        write("docs/figures/engine.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        List<String> problems = check("docs/day1-block.md", String.join("\n",
                "# Day 1",
                "![the engine](figures/engine.svg) and ![titled](figures/engine.svg \"a title\")",
                "![renamed](figures/engine-day1.svg)",
                "<img src=\"figures/missing.png\" width=\"400\"> and <img alt=\"x\" src='figures/engine.svg'>",
                "![from the root](/docs/figures/engine.svg) ![outside](../../elsewhere.svg)",
                "![on the web](https://example.org/figure.svg), `![in a span](figures/none.svg)`",
                "```",
                "![in a code block](figures/none.svg)",
                "```"));
        assertThat(problems).as("each broken image once, with its page and line; files that exist, web addresses"
                + " and code are fine").containsExactly(
                        "docs/day1-block.md:3: image figures/engine-day1.svg: there is no file docs/figures/engine-day1.svg",
                        "docs/day1-block.md:4: image figures/missing.png: there is no file docs/figures/missing.png",
                        "docs/day1-block.md:5: image /docs/figures/engine.svg: give the path relative to the page, not from '/'",
                        "docs/day1-block.md:5: image ../../elsewhere.svg: the path leaves the repository");
    }

    @Test
    void the_closing_chapter_is_read_in_the_student_edition_like_the_others() throws IOException {
        assertThat(check("docs/what-comes-next.md", "```\n./workbook test day1 Day1HiddenTest\n```\n"))
                .as("what-comes-next.md is in the student edition, which has no hidden tests")
                .singleElement().asString().contains("the student edition does not have it");
        assertThat(DocsCheck.isForStudents("docs/what-comes-next.md")).isTrue();
        assertThat(DocsCheck.isForStudents("docs/instructors.md")).isFalse();
    }

    @Test
    void maven_commands_need_am_with_pl_and_no_fail_on_missing_tests_with_test() throws IOException {
        List<String> problems = check("docs/getting-started.md", String.join("\n",
                "```",
                "mvn -B verify",
                "mvn test -pl day1-block -am -Dsurefire.failIfNoSpecifiedTests=false -Dtest='BlockTest#model'",
                "mvn test -pl day1-block",
                "mvn test -pl day1-block -am -Dtest=BlockTest",
                "mvn -B -q -pl day9-x -am package \\",
                "    -Dmaven.test.skip=true",
                "mvn test -pl day1-block -am -Dsurefire.failIfNoSpecifiedTests=false -Dtest=Nothing*Test",
                "mvn test -pl day1-block -am -Dsurefire.failIfNoSpecifiedTests=false -Dtest='org/lsmworkbook/block/*'",
                "mvn test -pl day1-block -am -Dsurefire.failIfNoSpecifiedTests=false -Dtest='org/lsmworkbook/sst/*'",
                "```"));
        assertThat(problems).containsExactly(
                "docs/getting-started.md:4: `mvn test -pl day1-block`: -pl without -am builds against the earlier stages"
                        + " in ~/.m2 (or fails without them); add -am",
                "docs/getting-started.md:5: `mvn test -pl day1-block -am -Dtest=BlockTest`: -Dtest with -am needs"
                        + " -Dsurefire.failIfNoSpecifiedTests=false, or the earlier stages stop the build with \"No tests"
                        + " matching pattern\"",
                "docs/getting-started.md:6: `mvn -B -q -pl day9-x -am package -Dmaven.test.skip=true`: there is no"
                        + " module day9-x",
                "docs/getting-started.md:8: `mvn test -pl day1-block -am -Dsurefire.failIfNoSpecifiedTests=false"
                        + " -Dtest=Nothing*Test`: day1-block has no test class Nothing*Test",
                "docs/getting-started.md:10: `mvn test -pl day1-block -am -Dsurefire.failIfNoSpecifiedTests=false"
                        + " -Dtest=org/lsmworkbook/sst/*`: day1-block has no test class org/lsmworkbook/sst/*");
    }

    @Test
    void a_stale_number_of_tests_is_reported_with_its_line_and_the_real_number() throws IOException {
        EditionCounts student = new EditionCounts("student", Map.of("day1-block", new TestTally(1, 3, 0)));
        String page = String.join("\n",
                "# Getting started",
                "<!-- counts after \"day1-block:\": student:day1-block:passed student:day1-block:failed"
                        + " student:day1-block:skipped student:day1-block:total -->",
                "```",
                "  Day 1, Task 1: not written yet",
                "day1-block: 1 passed, 2 failed, 0 skipped (3 tests)",
                "```",
                "Grading counts <!-- counts: grade:day1-block:tests -->4 tests and",
                "<!-- counts: grade:all:points+grade:day1-block:hidden -->4 points.",
                "And 7 tests without a marker.");
        assertThat(check("docs/getting-started.md", page, student)).containsExactly(
                "docs/getting-started.md:5: says 2 for student:day1-block:failed (what ./workbook test counts in a fresh"
                        + " student edition, as its red gate saw), but it is 3",
                "docs/getting-started.md:5: says 3 for student:day1-block:total (what ./workbook test counts in a fresh"
                        + " student edition, as its red gate saw), but it is 4",
                "docs/getting-started.md:7: says 4 for grade:day1-block:tests (what grading counts, from the test"
                        + " sources), but it is 3",
                "docs/getting-started.md:9: \"7 tests\" is a number of tests without a counts marker, so nothing keeps"
                        + " it true; see CountCheck for the marker");
        assertThat(DocsCheck.run(root, List.of(), false)).as("without a red gate's counts, those numbers are skipped")
                .extracting(DocProblem::line).containsExactly(7, 9);
        assertThat(DocsCheck.run(root, List.of(), true)).as("unless they are required, as in CI")
                .extracting(DocProblem::message).anyMatch(m -> m.startsWith("student:day1-block:passed: no counts of"
                        + " the student edition: run ./workbook red-gate"));
    }

    @Test
    void test_counts_round_trip_through_the_file_the_red_gate_writes() {
        EditionCounts counts = new EditionCounts("student", Map.of("day1-block", new TestTally(15, 54, 0)));
        Path file = root.resolve("target/red-gate").resolve(EditionCounts.FILE_NAME);
        counts.write(file);
        assertThat(EditionCounts.read(file)).isEqualTo(counts);
    }

    @Test
    void bonus_tests_are_counted_apart_from_the_core() throws IOException {
        write("day1-block/src/test/java/org/lsmworkbook/block/PrefixTest.java", String.join("\n",
                "package org.lsmworkbook.block;",
                "@Tag(\"bonus\")",
                "class PrefixTest {",
                "    @Test @Tag(\"points=4\") void shares_prefixes() { }",
                "}"));
        EditionCounts student = new EditionCounts("student", Map.of("day1-block", new TestTally(0, 4, 0)),
                Map.of("day1-block", new TestTally(0, 1, 0)));
        String page = String.join("\n",
                "# Getting started",
                "Day 1 has <!-- counts: grade:day1-block:tests -->3 tests worth",
                "<!-- counts: grade:day1-block:points -->3 points, and <!-- counts: grade:day1-block:bonus -->1 bonus",
                "test; <!-- counts: student:day1-block:bonus-failed -->1 fails and",
                "<!-- counts: student:day1-block:bonus-total+student:day1-block:total -->5 run in all.");
        assertThat(check("docs/getting-started.md", page, student))
                .as("tests and points of the core (the bonus test's 4 points are extra credit), then the bonus apart")
                .isEmpty();
    }
}
