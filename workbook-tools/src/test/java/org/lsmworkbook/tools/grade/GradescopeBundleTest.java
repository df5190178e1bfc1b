package org.lsmworkbook.tools.grade;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class GradescopeBundleTest {

    @Test
    void the_bundle_holds_the_scripts_at_its_root_executable_beside_the_official_tree(@TempDir Path dir)
            throws IOException {
        Path official = dir.resolve("official");
        Files.createDirectories(official.resolve("day1-block/src/test/java/p"));
        Files.writeString(official.resolve("pom.xml"), "<project/>");
        Files.writeString(official.resolve("workbook"), "#!/usr/bin/env bash\n");
        Files.setPosixFilePermissions(official.resolve("workbook"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(official.resolve("day1-block/src/test/java/p/HiddenTest.java"), "@Tag(\"hidden\") class HiddenTest { }");
        Files.createDirectories(official.resolve("day1-block/target"));
        Files.writeString(official.resolve("day1-block/target/junk.class"), "build output");

        Path zip = dir.resolve("autograder.zip");
        int files = GradescopeBundle.write(official, zip);

        assertThat(files).as("3 official files (build output left out), 2 scripts and the settings").isEqualTo(6);
        try (FileSystem fs = FileSystems.newFileSystem(URI.create("jar:" + zip.toUri()),
                Map.of("enablePosixFileAttributes", "true"))) {
            for (String executable : new String[] {"/setup.sh", "/run_autograder", "/workbook"}) {
                assertThat(Files.getPosixFilePermissions(fs.getPath(executable)))
                        .as(executable + " must stay executable in the zip, or Gradescope cannot run it")
                        .contains(PosixFilePermission.OWNER_EXECUTE);
            }
            assertThat(Files.readString(fs.getPath("/setup.sh"))).contains("--expect full");
            assertThat(Files.readString(fs.getPath("/run_autograder"))).contains("results/results.json", "--offline",
                    "--leaderboard", "autograder.conf");
            assertThat(Files.readString(fs.getPath("/setup.sh"))).as("setup.sh uses the bundle's Maven Wrapper")
                    .contains("./mvnw", "--leaderboard").doesNotContain("apache-maven-");
            assertThat(Files.readString(fs.getPath("/autograder.conf"))).as("the leaderboard is on by default")
                    .contains("\nWORKBOOK_LEADERBOARD=on\n");
            assertThat(fs.getPath("/day1-block/src/test/java/p/HiddenTest.java")).as("hidden tests go with the bundle")
                    .exists();
            assertThat(fs.getPath("/day1-block/target/junk.class")).doesNotExist();
            assertThat(Files.getPosixFilePermissions(fs.getPath("/pom.xml")))
                    .doesNotContain(PosixFilePermission.OWNER_EXECUTE);
        }
    }

    @Test
    void the_leaderboard_can_be_turned_off_in_the_bundles_settings(@TempDir Path dir) throws IOException {
        Path official = dir.resolve("official");
        Files.createDirectories(official);
        Files.writeString(official.resolve("pom.xml"), "<project/>");
        Files.writeString(official.resolve("autograder.conf"), "WORKBOOK_LEADERBOARD=on\n");
        Path zip = dir.resolve("autograder.zip");
        GradescopeBundle.write(official, zip, false);
        try (FileSystem fs = FileSystems.newFileSystem(URI.create("jar:" + zip.toUri()), Map.of())) {
            String config = Files.readString(fs.getPath("/autograder.conf"));
            assertThat(config).as("written with the leaderboard off; a file of that name in the tree does not win")
                    .contains("\nWORKBOOK_LEADERBOARD=off\n").doesNotContain("WORKBOOK_LEADERBOARD=on");
        }
    }

    @Test
    void the_bonus_tasks_can_be_turned_off_in_the_bundles_settings(@TempDir Path dir) throws IOException {
        Path official = dir.resolve("official");
        Files.createDirectories(official);
        Files.writeString(official.resolve("pom.xml"), "<project/>");
        Path zip = dir.resolve("autograder.zip");
        GradescopeBundle.write(official, zip, true, false);
        try (FileSystem fs = FileSystems.newFileSystem(URI.create("jar:" + zip.toUri()), Map.of())) {
            assertThat(Files.readString(fs.getPath("/autograder.conf"))).as("leaderboard on, bonus tasks off")
                    .contains("\nWORKBOOK_LEADERBOARD=on\n", "\nWORKBOOK_BONUS=off\n");
        }
        assertThat(GradescopeBundle.config(false)).as("the bonus tasks are on by default")
                .contains("\nWORKBOOK_BONUS=on\n");
    }

    @Test
    void run_autograder_grades_with_no_bonus_when_the_settings_or_the_environment_say_off(@TempDir Path dir)
            throws IOException, InterruptedException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash");
        assertThat(autograderArguments(dir.resolve("a"), "WORKBOOK_BONUS=off", null))
                .as("the file says off").contains("--no-bonus");
        assertThat(autograderArguments(dir.resolve("b"), "WORKBOOK_BONUS=on", null)).doesNotContain("--no-bonus");
        assertThat(autograderArguments(dir.resolve("c"), "WORKBOOK_BONUS=off", "on"))
                .as("the environment variable wins over the file").doesNotContain("--no-bonus");
        assertThat(autograderArguments(dir.resolve("d"), "WORKBOOK_BONUS=on", "off")).contains("--no-bonus");
    }

    /**
     * Runs the bundle's run_autograder with a {@code workbook} that only records its arguments, and
     * returns them.
     */
    private static String autograderArguments(Path root, String setting, String environment)
            throws IOException, InterruptedException {
        Path source = Files.createDirectories(root.resolve("source"));
        try (var in = GradescopeBundle.class.getResourceAsStream("gradescope/run_autograder")) {
            Files.copy(in, source.resolve("run_autograder"));
        }
        Files.writeString(source.resolve("autograder.conf"), "WORKBOOK_LEADERBOARD=off\n" + setting + "\n");
        Files.writeString(source.resolve("workbook"), "#!/usr/bin/env bash\necho \"$@\" > \"$AUTOGRADER_ROOT/args\"\n");
        Files.setPosixFilePermissions(source.resolve("workbook"), PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder builder = new ProcessBuilder("/bin/bash", source.resolve("run_autograder").toString())
                .redirectErrorStream(true).redirectOutput(root.resolve("output").toFile());
        builder.environment().put("AUTOGRADER_ROOT", root.toString());
        builder.environment().remove("WORKBOOK_LEADERBOARD");
        builder.environment().remove("WORKBOOK_BONUS");
        if (environment != null) {
            builder.environment().put("WORKBOOK_BONUS", environment);
        }
        Process process = builder.start();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("run_autograder did not end within 10 s");
        }
        assertThat(process.exitValue()).as("run_autograder's output: %s", Files.readString(root.resolve("output")))
                .isZero();
        return Files.readString(root.resolve("args"));
    }
}
