package org.lsmworkbook.tools.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lsmworkbook.tools.edition.Stage;
import org.lsmworkbook.tools.markers.Markers;

@Timeout(10)
class MutationCommandTest {

    @TempDir
    Path root;

    private void write(String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private void stage() throws IOException {
        write("day1-block/pom.xml", "<project/>\n");
        write("day1-block/src/main/java/module-info.java", "module m { }\n");
        write("day1-block/src/main/java/org/x/kv/package-info.java", "package org.x.kv;\n");
        write("day1-block/src/main/java/org/x/kv/Bytes.java", "package org.x.kv;\nclass Bytes { }\n");
        write("day1-block/src/main/java/org/x/block/Block.java", String.join("\n",
                "package org.x.block;",
                "class Block {",
                "    int size() {",
                "        " + Markers.BEGIN + " Task 1",
                "        return 1 + 1;",
                "        " + Markers.END,
                "    }",
                "}",
                ""));
        write("day1-block/src/test/java/org/x/block/BlockTest.java", "package org.x.block;\nclass BlockTest { }\n");
    }

    private void report(String status) throws IOException {
        write("day1-block/target/pit-reports/mutations.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <mutations>
                <mutation detected='false' status='%s'><sourceFile>Block.java</sourceFile>\
                <mutatedClass>org.x.block.Block</mutatedClass><mutatedMethod>size</mutatedMethod>\
                <lineNumber>5</lineNumber><mutator>org.pitest.mutationtest.engine.gregor.mutators.MathMutator</mutator>\
                <description>Replaced integer addition with subtraction</description></mutation>
                </mutations>
                """.formatted(status));
    }

    @Test
    void pit_mutates_only_the_stage_packages_and_runs_only_its_tests_in_the_mutation_profile() throws IOException {
        stage();
        Stage stage = new Stage("day1-block", 1, root.resolve("day1-block"));
        assertThat(MutationCommand.mavenArguments(stage))
                .as("earlier stages are built in the reactor (-am), never installed; the profile holds PIT's settings")
                .containsSequence("-P", "mutation")
                .containsSequence("-pl", "day1-block", "-am")
                .contains("test-compile", "org.pitest:pitest-maven:mutationCoverage")
                .contains("-DtargetClasses=org.x.block.*,org.x.kv.*", "-DtargetTests=org.x.block.*")
                .doesNotContain("install");
    }

    @Test
    void no_run_scores_the_last_report_and_fails_below_the_target() throws IOException {
        stage();
        report("SURVIVED");
        CommandRunner.Result result = CommandRunner.run(root, "mutation", "day1", "--no-run");
        assertThat(result.exitCode()).as("a survivor leaves the score at 0%, below 95%").isEqualTo(1);
        assertThat(result.out())
                .contains("score: 0 of 1 detected (0.0%); target 95%: NOT reached")
                .contains("day1-block/src/main/java/org/x/block/Block.java:5  MathMutator");
    }

    @Test
    void no_run_passes_when_the_score_reaches_the_target() throws IOException {
        stage();
        report("KILLED");
        CommandRunner.Result result = CommandRunner.run(root, "mutation", "1", "--no-run", "--min", "100");
        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("score: 1 of 1 detected (100.0%); target 100%: reached");
    }

    @Test
    void a_report_older_than_the_sources_is_not_trusted() throws IOException {
        stage();
        report("KILLED");
        Path source = root.resolve("day1-block/src/main/java/org/x/block/Block.java");
        Files.setLastModifiedTime(source, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        CommandRunner.Result result = CommandRunner.run(root, "mutation", "day1", "--no-run");
        assertThat(result.exitCode()).as("a stale report's line numbers may point at the wrong code").isEqualTo(1);
        assertThat(result.out()).contains("The report is older than day1-block/src/main/java/org/x/block/Block.java");
    }

    @Test
    void mistakes_on_the_command_line_are_refused() throws IOException {
        stage();
        assertThat(CommandRunner.run(root, "mutation").err()).contains("name the stage");
        assertThat(CommandRunner.run(root, "mutation", "day1", "--min", "120").err())
                .contains("--min takes a percentage from 0 to 100");
        assertThat(CommandRunner.run(root, "mutation", "day9").err()).contains("there is no stage for 'day9'");
        CommandRunner.Result noReport = CommandRunner.run(root, "mutation", "day1", "--no-run");
        assertThat(noReport.exitCode()).isEqualTo(2);
        assertThat(noReport.err()).contains("there is no PIT report").contains("without --no-run");
    }
}
