package org.lsmworkbook.tools.grade;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** A grader stopped with SIGTERM removes its grading directory, hidden tests and all. */
@Timeout(60)
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "Process.destroy is not SIGTERM on Windows")
@DisplayName("grader: SIGTERM")
class WorkDirSignalTest {

    @Test
    void a_grader_stopped_with_sigterm_leaves_no_grading_directory() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process grader = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                WorkDirHolder.class.getName()).redirectErrorStream(true).start();
        Path dir;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(grader.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertThat(line).as("the stand-in printed its directory").isNotNull();
            dir = Path.of(line.strip());
            assertThat(dir).exists();
            grader.destroy(); // SIGTERM
            assertThat(grader.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            grader.destroyForcibly();
        }
        assertThat(dir).as("the shutdown hook removed it").doesNotExist();
    }
}
