package org.lsmworkbook.tools.edition;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lsmworkbook.tools.commands.CommandRunner;
import org.lsmworkbook.tools.markers.Markers;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OutputDirectoryTest {

    @TempDir
    Path temp;

    private Path root;

    @BeforeEach
    void createRepository() throws IOException {
        root = FakeRepository.create(Files.createDirectories(temp.resolve("repo")));
    }

    @Test
    void a_non_empty_directory_is_refused_without_force() throws IOException {
        Path out = Files.createDirectories(temp.resolve("out"));
        FakeRepository.write(out, "mine.txt", "keep me");
        CommandRunner.Result result = CommandRunner.run(root, "student", "--out", out.toString());
        assertThat(result.exitCode()).as("refusal exit code").isEqualTo(2);
        assertThat(result.err()).as("the message names the way out").contains("is not empty").contains("--force");
        assertThat(out.resolve("mine.txt")).as("nothing was deleted").exists();
    }

    @Test
    void force_does_not_delete_a_directory_that_is_not_an_edition() throws IOException {
        Path out = Files.createDirectories(temp.resolve("out"));
        FakeRepository.write(out, "mine.txt", "keep me");
        CommandRunner.Result result = CommandRunner.run(root, "student", "--out", out.toString(), "--force");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).as("why --force is not enough").contains("is not an edition");
        assertThat(out.resolve("mine.txt")).as("nothing was deleted").exists();
    }

    @Test
    void force_replaces_an_earlier_edition() throws IOException {
        Path out = temp.resolve("out");
        assertThat(CommandRunner.run(root, "student", "--out", out.toString()).exitCode()).isZero();
        FakeRepository.write(out, "stale.txt", "from before");
        CommandRunner.Result result = CommandRunner.run(root, "student", "--out", out.toString(), "--force");
        assertThat(result.exitCode()).as("exit code; stderr: %s", result.err()).isZero();
        assertThat(out.resolve("stale.txt")).as("the old edition was cleared first").doesNotExist();
        assertThat(out.resolve(FakeRepository.DAY1_SOURCE)).exists();
    }

    @Test
    void an_output_directory_inside_the_source_tree_is_refused() {
        CommandRunner.Result result = CommandRunner.run(root, "student", "--out", root.resolve("student").toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).as("inside the source tree").contains("is inside the source tree");
        assertThat(root.resolve("student")).as("nothing was created").doesNotExist();
    }

    @Test
    void marker_problems_are_all_reported_and_nothing_is_written() throws IOException {
        FakeRepository.write(root, "day1-block/src/main/java/p1/Broken.java", String.join("\n",
                "package p1;", "class Broken {", "    int m() {", "        " + Markers.BEGIN, "        return 1;",
                "        " + Markers.END, "    }", "}", ""));
        FakeRepository.write(root, "day2-sst/src/main/java/p2/Open.java", String.join("\n",
                "package p2;", "class Open {", "    " + Markers.BEGIN, "}", ""));
        Path out = temp.resolve("out");
        CommandRunner.Result result = CommandRunner.run(root, "student", "--out", out.toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).as("both files' problems, as path:line: message")
                .contains("day1-block/src/main/java/p1/Broken.java:4: ")
                .contains("day2-sst/src/main/java/p2/Open.java:3: ");
        assertThat(out).as("nothing was written").doesNotExist();
    }
}
