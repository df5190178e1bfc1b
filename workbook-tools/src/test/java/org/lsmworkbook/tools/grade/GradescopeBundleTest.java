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
}
