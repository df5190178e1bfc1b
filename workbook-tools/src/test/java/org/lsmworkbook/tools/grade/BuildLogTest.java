package org.lsmworkbook.tools.grade;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class BuildLogTest {

    @Test
    void finds_the_failed_compile_and_the_errors_of_that_module(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("day3.log");
        Files.writeString(log, String.join("\n",
                "[INFO] Building day3-memtable 1.0.0-SNAPSHOT",
                "[ERROR] COMPILATION ERROR : ",
                "[ERROR] " + dir.resolve("day3-memtable/src/main/java/p/MemTable.java") + ":[12,9] cannot find symbol",
                "[ERROR] " + dir.resolve("day3-memtable/src/main/java/p/Other.java") + ":[3,1] class, interface, enum, or record expected",
                "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.15.0:compile"
                        + " (default-compile) on project day3-memtable: Compilation failure: Compilation failure: ",
                "[ERROR] " + dir.resolve("day3-memtable/src/main/java/p/MemTable.java") + ":[12,9] cannot find symbol",
                "[ERROR] -> [Help 1]"));
        BuildLog read = BuildLog.read(log, dir);
        assertThat(read.failedCompile()).hasValue(new BuildLog.FailedCompile("compile", "day3-memtable"));
        assertThat(read.compilerErrors("day3-memtable")).containsExactly(
                "day3-memtable/src/main/java/p/MemTable.java:12:9: cannot find symbol",
                "day3-memtable/src/main/java/p/Other.java:3:1: class, interface, enum, or record expected");
        assertThat(read.compilerErrors("day4-engine")).isEmpty();
    }

    @Test
    void a_test_compile_failure_is_told_apart(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("x.log");
        Files.writeString(log, "\u001B[1;31m[ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.15.0:"
                + "testCompile (default-testCompile) on project day2-sst: Compilation failure\u001B[m\n");
        assertThat(BuildLog.read(log, dir).failedCompile())
                .hasValue(new BuildLog.FailedCompile("testCompile", "day2-sst"));
    }

    @Test
    void many_errors_are_cut_with_a_count(@TempDir Path dir) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= BuildLog.MAX_ERRORS + 3; i++) {
            text.append("[ERROR] ").append(dir.resolve("day1-block/src/main/java/A.java")).append(":[").append(i)
                    .append(",1] bad\n");
        }
        Path log = dir.resolve("x.log");
        Files.writeString(log, text);
        assertThat(BuildLog.read(log, dir).compilerErrors("day1-block"))
                .hasSize(BuildLog.MAX_ERRORS + 1).last().isEqualTo("... and 3 more");
    }
}
