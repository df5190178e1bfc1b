package org.lsmworkbook.tools.edition;

import java.util.List;

/**
 * The {@code README.md} of a student edition or a checkpoint. The reference's README describes the
 * reference (every solution, CI, the instructor's commands); a student's copy says what this copy
 * is, which stages are done and which are the student's, the commands a student runs, and where
 * the chapters are.
 */
public final class StudentReadme {

    /**
     * The test the README's one-test example runs: a real one, so that the command works as shown
     * and the docs check of an edition can verify it.
     */
    private static final String EXAMPLE_TEST = "a_new_builder_is_empty_and_its_estimate_is_the_count_field";

    private StudentReadme() {
    }

    /**
     * Renders the README.
     *
     * @param properties the edition's properties (which stages are stubbed, which solved)
     * @param stages the edition's stages, in course order
     * @return the README's Markdown
     */
    public static String render(EditionProperties properties, List<Stage> stages) {
        return render(properties, stages, java.util.Map.of());
    }

    /**
     * Renders the README, with a word on the bonus tasks when there are any.
     *
     * @param properties the edition's properties (which stages are stubbed, which solved)
     * @param stages the edition's stages, in course order
     * @param bonusTests each stage's tests of bonus tasks in this copy, by module, in course order
     *     (stages without any left out)
     * @return the README's Markdown
     */
    public static String render(EditionProperties properties, List<Stage> stages,
            java.util.Map<String, Integer> bonusTests) {
        StringBuilder md = new StringBuilder();
        md.append("# LSM Workbook for Java — ")
                .append(properties.solved().isEmpty() ? "student edition" : "checkpoint " + properties.from())
                .append("\n\n");
        md.append("In this course you build a log-structured merge tree, the storage engine design behind\n")
                .append("LevelDB and RocksDB, in Java, one stage at a time. Each stage is a Maven module with its\n")
                .append("own chapter in `docs/`, its own tests and its own architecture rules; the finished engine\n")
                .append("emerges in the last one.\n\n");
        md.append("This copy is yours to write. The code you write is missing: each such method throws an\n")
                .append("`UnsupportedOperationException` that names the stage and the task (\"Day 1, Task 1: ... is\n")
                .append("not written yet\"), and the tests of that code fail until you write it.\n\n");
        md.append("| stage | chapter | state |\n|---|---|---|\n");
        for (Stage stage : stages) {
            boolean solved = properties.solved().contains(stage.module());
            md.append("| `").append(stage.module()).append("` | [").append(stage.chapter()).append("](")
                    .append(stage.chapter()).append(") | ")
                    .append(solved ? "solved for you: read it, use it, keep its tests green" : "yours to write")
                    .append(" |\n");
        }
        String first = stages.stream().filter(s -> properties.stubbed().contains(s.module())).findFirst()
                .map(s -> "day" + s.day()).orElse("day1");
        md.append("\n## What you need\n\n")
                .append("A JDK, version 17 or newer, and an IDE that opens `pom.xml`. Maven is optional: `./mvnw`\n")
                .append("(`mvnw.cmd` on Windows) fetches it the first time, and `./workbook` uses it when `mvn` is\n")
                .append("missing or older than 3.8. See [getting started](docs/getting-started.md).\n");
        md.append("\n## The commands you run\n\n```\n")
                .append(String.format("%-52s %s%n", "./workbook test " + first,
                        "# build, run the stage's tests, explain each failure"))
                .append(String.format("%-52s %s%n", "./workbook test day1 BlockBuilderTest",
                        "# one test class"))
                .append(String.format("%-52s %s%n", "./workbook test day1 BlockBuilderTest#" + EXAMPLE_TEST,
                        "# one test"))
                .append(String.format("%-52s %s%n", "./workbook test", "# every stage"))
                .append(String.format("%-52s %s%n", "./workbook shell",
                        "# when day 6 is done: type put, get, scan, flush, dump"))
                .append(String.format("%-52s %s%n", "./workbook help", "# every command"))
                .append("```\n\n")
                .append("On Windows, use `workbook.cmd` and `mvnw.cmd` wherever the book says `./workbook` and\n")
                .append("`./mvnw`. Plain Maven works too:\n")
                .append("`./mvnw test -pl day2-sst -am -Dsurefire.failIfNoSpecifiedTests=false -Dtest='org/lsmworkbook/sst/*'`\n")
                .append("builds the stages before day 2 from this copy (`-am`) and runs day 2's tests only.\n");
        md.append("\n## How to work\n\n")
                .append("1. Read [the overview](docs/00-overview.md) and [getting started](docs/getting-started.md).\n")
                .append("2. For each stage, read its chapter up to the tasks, run `./workbook test dayN`, and do the\n")
                .append("   tasks in order. After each failure the launcher prints the test's whole message, the line\n")
                .append("   of your code where it went wrong, the test's line, and the command that reruns just that test.\n")
                .append("3. Keep the tests of the code you were given and the architecture rules green: they pass\n")
                .append("   before you write anything.\n");
        if (!bonusTests.isEmpty()) {
            List<String> counts = new java.util.ArrayList<>();
            bonusTests.forEach((module, count) -> counts.add(count + " in " + module));
            md.append("4. Bonus tasks, at the end of some chapters, are optional (their tests: ")
                    .append(String.join(", ", counts)).append(").\n")
                    .append("   `./workbook test` counts their tests apart from the stage's core and does not fail\n")
                    .append("   because of them: a stage whose core passes is done. Your instructor may grade them as\n")
                    .append("   extra credit.\n");
        }
        md.append("\n## How your work is graded\n\n")
                .append("Your instructor grades your `src/main` code with the official tests, which include hidden\n")
                .append("tests that are not in this copy; changes you make to the tests here do not count. Every stage\n")
                .append("is graded, even when an earlier one fails. [Getting started](docs/getting-started.md) says more.\n");
        return md.toString();
    }
}
