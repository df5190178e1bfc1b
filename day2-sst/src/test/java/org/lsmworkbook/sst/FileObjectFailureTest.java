package org.lsmworkbook.sst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code create} or {@code open} that fails half-way closes the channel it opened and lets the
 * failure through unchanged. The failures are injected by a {@link RecordingFileSystem}, which also
 * records which channels were opened and closed.
 */
@Timeout(10)
@DisplayName("Day 2 · Task 1 — a create or open that fails half-way closes its channel")
class FileObjectFailureTest {

    private static final String RULE = "docs/day2-sst.md, Task 1: if a Writer's write or finish, or open, fail half-way, "
            + "close the channel before rethrowing (create is createWriter, write and finish); an engine that meets a full disk again and again would otherwise run out of file "
            + "handles. ";

    @TempDir
    Path dir;

    private static byte[] pattern(int length) {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) (i * 7 + 1);
        }
        return data;
    }

    private void assertFailedAndClosed(RecordingFileSystem recording, Path real, Throwable thrown, String call) {
        assertThat(thrown)
                .as("%s, when the test's file system fails (%s): the IOException must reach the caller unchanged",
                        call, recording.injected())
                .isNotNull()
                .isSameAs(recording.injected());
        assertThat(recording.channelsLeftOpen(real))
                .as(RULE + "%s left channels open (their numbers are listed); what happened to the file, "
                        + "in order: %s", call, recording.eventsOn(real))
                .isEmpty();
    }

    @Test
    void a_create_that_runs_out_of_disk_closes_its_channel() {
        RecordingFileSystem recording = new RecordingFileSystem().failingWritesAfter(1_000);
        Path real = dir.resolve("full.sst");
        Throwable thrown = catchThrowable(() -> FileObject.create(recording.wrap(real), pattern(5_000)).close());
        assertFailedAndClosed(recording, real, thrown, "create(full.sst, 5000 bytes) on a disk that is full after 1000");
    }

    @Test
    void a_create_whose_force_fails_closes_its_channel() {
        RecordingFileSystem recording = new RecordingFileSystem().failingForce();
        Path real = dir.resolve("unforced.sst");
        Throwable thrown = catchThrowable(() -> FileObject.create(recording.wrap(real), pattern(5_000)).close());
        assertFailedAndClosed(recording, real, thrown, "create(unforced.sst, 5000 bytes) whose force fails");
    }

    @Test
    void an_open_that_cannot_read_the_size_closes_its_channel() throws IOException {
        Path real = dir.resolve("existing.sst");
        Files.write(real, pattern(100));
        RecordingFileSystem recording = new RecordingFileSystem().failingSize();
        Throwable thrown = catchThrowable(() -> FileObject.open(recording.wrap(real)).close());
        assertFailedAndClosed(recording, real, thrown, "open(existing.sst) when the file's size cannot be read");
    }
}
