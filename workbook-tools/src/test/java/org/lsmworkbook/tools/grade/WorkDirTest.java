package org.lsmworkbook.tools.grade;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grading directories do not pile up: one whose grader was killed (its owner process is gone) is
 * removed by the next run, one still in use or kept with --keep stays.
 */
@Timeout(20)
@DisplayName("grader: temporary trees")
class WorkDirTest {

    @TempDir
    Path tmp;

    private Path grading(String name, String owner) throws IOException {
        Path d = Files.createDirectories(tmp.resolve(WorkDir.PREFIX + name));
        SubmissionLinksTest.write(d, "tree/day1-block/src/test/java/p1/Day1HiddenTest.java", "class Day1HiddenTest { }\n");
        if (owner != null) {
            Files.writeString(d.resolve(WorkDir.OWNER), owner + "\n");
        }
        return d;
    }

    @Test
    void the_trees_of_killed_graders_are_swept_and_live_or_kept_ones_stay() throws IOException {
        Process finished = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadPid = finished.pid();
        finished.onExit().join();
        Path killed = grading("killed", deadPid + " -");
        ProcessHandle self = ProcessHandle.current();
        Path live = grading("live", self.pid() + " " + self.info().startInstant().map(Object::toString).orElse("-"));
        Path kept = grading("kept", deadPid + " -");
        Files.writeString(kept.resolve(WorkDir.KEPT), "kept\n");

        assertThat(WorkDir.sweep(tmp)).isEqualTo(1);
        assertThat(killed).as("its grader is gone: hidden tests must not stay on disk").doesNotExist();
        assertThat(live).exists();
        assertThat(kept).exists();
    }

    @Test
    void closing_removes_the_directory_even_while_it_is_hidden() throws IOException {
        WorkDir work = WorkDir.create(false);
        Files.createDirectories(work.tree());
        work.hide();
        Path dir = work.dir();
        work.close();
        assertThat(dir).doesNotExist();
    }
}
