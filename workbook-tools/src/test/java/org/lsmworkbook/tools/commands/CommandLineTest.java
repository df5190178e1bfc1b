package org.lsmworkbook.tools.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class CommandLineTest {

    @TempDir
    Path root;

    @Test
    void help_lists_every_command_one_line_each() {
        for (String[] args : new String[][] {{}, {"help"}, {"-h"}, {"--help"}}) {
            CommandRunner.Result result = CommandRunner.run(root, args);
            assertThat(result.exitCode()).as("exit code of help").isZero();
            assertThat(result.out().lines().filter(line -> line.startsWith("  ")))
                    .as("one line per command")
                    .hasSize(11)
                    .anySatisfy(line -> assertThat(line).startsWith("  student --out DIR"))
                    .anySatisfy(line -> assertThat(line).startsWith("  grade --submission DIR"))
                    .anySatisfy(line -> assertThat(line).startsWith("  gradescope --out FILE.zip"))
                    .anySatisfy(line -> assertThat(line).startsWith("  bench [--quick]"))
                    .anySatisfy(line -> assertThat(line).startsWith("  test [dayN [TestClass[#method]]]"))
                    .anySatisfy(line -> assertThat(line).startsWith("  mutation dayN"))
                    .anySatisfy(line -> assertThat(line).startsWith("  red-gate DIR"))
                    .anySatisfy(line -> assertThat(line).startsWith("  task-gate [--stage dayN]"))
                    .anySatisfy(line -> assertThat(line).startsWith("  shell [--path DIR]"))
                    .anySatisfy(line -> assertThat(line).startsWith("  check-docs [--counts FILE]"))
                    .anySatisfy(line -> assertThat(line).startsWith("  help"));
        }
    }

    @Test
    void an_unknown_command_points_to_help() {
        CommandRunner.Result result = CommandRunner.run(root, "stduent");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("unknown command 'stduent'").contains("./workbook help");
    }

    @Test
    void a_bad_option_points_to_help() {
        CommandRunner.Result result = CommandRunner.run(root, "student", "--out", "x", "--color");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("unknown option '--color'").contains("./workbook help");
        CommandRunner.Result missing = CommandRunner.run(root, "student", "--out");
        assertThat(missing.err()).as("an option without its value").contains("--out needs a value");
        CommandRunner.Result badDay = CommandRunner.run(root, "student", "--out", "x", "--from", "tuesday");
        assertThat(badDay.err()).as("a day that is not a day").contains("'tuesday' is not a day");
    }

    @Test
    void red_gate_refuses_a_directory_that_is_not_an_edition() throws IOException {
        Path dir = Files.createDirectories(root.resolve("plain"));
        CommandRunner.Result result = CommandRunner.run(root, "red-gate", dir.toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("is not an edition").contains("workbook-edition.properties");
    }

    @Test
    void test_refuses_an_unknown_stage() throws IOException {
        Files.createDirectories(root.resolve("day1-block"));
        Files.writeString(root.resolve("day1-block/pom.xml"), "<project/>");
        CommandRunner.Result result = CommandRunner.run(root, "test", "day9");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("no stage for 'day9'").contains("day1-block");
    }

    @Test
    void test_refuses_an_unknown_test_class_and_lists_the_stage_s_classes() throws IOException {
        Files.createDirectories(root.resolve("day1-block/src/test/java/org/x"));
        Files.writeString(root.resolve("day1-block/pom.xml"), "<project/>");
        Files.writeString(root.resolve("day1-block/src/test/java/org/x/BlockTest.java"),
                "package org.x; class BlockTest { @Test void adds() { } }");
        CommandRunner.Result result = CommandRunner.run(root, "test", "day1", "BlokTest");
        assertThat(result.exitCode()).as("a typo in the class is a usage error, not a run of no tests")
                .isEqualTo(2);
        assertThat(result.err()).contains("day1-block has no test class BlokTest").contains("BlockTest");

        result = CommandRunner.run(root, "test", "day1", "BlockTest#add");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("BlockTest has no test method add");
    }
}
