package org.lsmworkbook.tools.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lsmworkbook.tools.maven.Maven;
import org.lsmworkbook.tools.shell.EngineBuild;
import org.lsmworkbook.tools.shell.FakeEngine;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ShellCommandTest {

    @TempDir
    Path temp;

    // --- the command line, through ./workbook (no engine, so nothing may be built or started) ---

    @Test
    void an_unknown_option_is_named_and_points_to_help() {
        CommandRunner.Result result = CommandRunner.run(temp, "shell", "--color");
        assertThat(result.exitCode()).as("usage mistake exit code").isEqualTo(2);
        assertThat(result.err()).as("the message names the option")
                .contains("shell: unknown option '--color'").contains("./workbook help");
    }

    @Test
    void path_needs_a_value() {
        CommandRunner.Result missing = CommandRunner.run(temp, "shell", "--path");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).as("--path at the end of the line").contains("shell: --path needs a value");
        CommandRunner.Result option = CommandRunner.run(temp, "shell", "--path", "--force");
        assertThat(option.err()).as("an option where the directory should be").contains("--path needs a value");
        CommandRunner.Result empty = CommandRunner.run(temp, "shell", "--path=");
        assertThat(empty.exitCode()).isEqualTo(2);
        assertThat(empty.err()).as("an empty --path=").contains("--path needs a directory");
    }

    @Test
    void a_second_word_is_refused() {
        CommandRunner.Result result = CommandRunner.run(temp, "shell", "my.db");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).as("the directory goes after --path").contains("unexpected argument 'my.db'");
    }

    @Test
    void a_repository_without_the_write_path_is_refused() throws IOException {
        Files.createDirectories(temp.resolve("day1-block"));
        Files.writeString(temp.resolve("day1-block/pom.xml"), "<project/>");
        CommandRunner.Result result = CommandRunner.run(temp, "shell");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("the shell lives in day6-write-path");
    }

    // --- building and starting, with a fake Maven and a launcher that only records the command ---

    /** What one run did: exit code, what went to stderr, Maven's runs, and the shell's command line. */
    private record Run(int exitCode, String err, List<List<String>> mavenRuns, List<String> shell) {
    }

    private static Run run(Path root, int mavenExit, String mavenOutput, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<List<String>> mavenRuns = new ArrayList<>();
        List<String> shell = new ArrayList<>();
        Maven maven = (dir, arguments, log) -> {
            mavenRuns.add(arguments);
            try {
                Files.writeString(log, mavenOutput);
            } catch (IOException e) {
                fail("cannot write the fake Maven's output", e);
            }
            return mavenExit;
        };
        ShellCommand command = new ShellCommand(new PrintStream(err, true, StandardCharsets.UTF_8), line -> {
            shell.addAll(line);
            return 7;
        });
        Context context = new Context(root, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                maven);
        int exit = command.run(context, List.of(args));
        return new Run(exit, err.toString(StandardCharsets.UTF_8), mavenRuns, shell);
    }

    @Test
    void an_up_to_date_engine_starts_the_shell_without_building() throws IOException {
        Path root = FakeEngine.create(Files.createDirectories(temp.resolve("repo")));
        Run run = run(root, 0, "", "--path", "data/my.db");

        assertThat(run.mavenRuns()).as("nothing changed since the last build").isEmpty();
        assertThat(run.err()).as("no build, no message").isEmpty();
        assertThat(run.exitCode()).as("the shell's exit code is the command's").isEqualTo(7);
        assertThat(run.shell()).as("java -cp CLASSPATH LsmShell --path DIR").hasSize(6);
        assertThat(Path.of(run.shell().get(0)).getFileName().toString()).as("the java that runs the tools")
                .startsWith("java");
        assertThat(run.shell().subList(1, 4)).as("classpath option and main class")
                .containsExactly("-cp", String.join(File.pathSeparator, EngineBuild.of(root).classpath()),
                        "org.lsmworkbook.write.LsmShell");
        assertThat(run.shell().get(2)).as("the classpath starts with day 1's jar and ends with the library")
                .startsWith(root.resolve(FakeEngine.jar("day1-block")).toString())
                .endsWith(root.resolve(FakeEngine.LIBRARY).toString());
        assertThat(run.shell().subList(4, 6)).as("a relative --path is resolved against the current directory")
                .containsExactly("--path", Path.of("data/my.db").toAbsolutePath().normalize().toString());
    }

    @Test
    void without_path_the_database_is_lsm_db_in_the_current_directory() throws IOException {
        Path root = FakeEngine.create(Files.createDirectories(temp.resolve("repo")));
        List<String> shell = run(root, 0, "").shell();
        assertThat(shell.get(shell.size() - 1)).isEqualTo(Path.of("lsm.db").toAbsolutePath().toString());
    }

    @Test
    void a_changed_stage_is_built_once_before_the_shell_starts() throws IOException {
        Path root = FakeEngine.create(Files.createDirectories(temp.resolve("repo")));
        FakeEngine.touch(root, FakeEngine.source("day3-memtable"), FakeEngine.plusMinutes(FakeEngine.BUILT, 5));

        Run run = run(root, 0, "", "--path", temp.resolve("db").toString());
        assertThat(run.err()).as("the one line shown while building").isEqualTo(
                "building the engine (days 1-6)..." + System.lineSeparator());
        assertThat(run.mavenRuns()).as("one Maven run, with the engine's arguments")
                .containsExactly(EngineBuild.of(root).mavenArguments());
        assertThat(run.shell()).as("the shell starts after the build").isNotEmpty();
        assertThat(EngineBuild.of(root).whyBuild()).as("the jars are marked as built").isEmpty();

        Run again = run(root, 0, "", "--path", temp.resolve("db").toString());
        assertThat(again.mavenRuns()).as("the second start builds nothing").isEmpty();
    }

    @Test
    void a_failed_build_shows_maven_and_does_not_start_the_shell() throws IOException {
        Path root = FakeEngine.create(Files.createDirectories(temp.resolve("repo")));
        Files.delete(root.resolve(FakeEngine.jar("day6-write-path")));

        // Maven 3.8 prints colour resets even in batch mode, and need not end with a new line.
        Run run = run(root, 1, "\u001B[0m[ERROR] Main.java:[3,5] cannot find symbol\u001B[0m");
        assertThat(run.exitCode()).as("a failed build is a failure").isEqualTo(1);
        assertThat(run.err()).as("Maven's errors without colour codes, then what to do, on its own line")
                .startsWith("building the engine (days 1-6)...")
                .contains("[ERROR] Main.java:[3,5] cannot find symbol" + System.lineSeparator()
                        + "workbook: building the engine failed")
                .doesNotContain("\u001B");
        assertThat(run.shell()).as("no shell without an engine").isEmpty();
    }
}
