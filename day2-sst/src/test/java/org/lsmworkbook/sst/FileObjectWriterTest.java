package org.lsmworkbook.sst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FileObject.Writer}: a new file written piece by piece, then forced; and no file left
 * behind when writing fails or is given up. Failures are injected by a {@link RecordingFileSystem}.
 */
@Timeout(10)
@DisplayName("Day 2 · Task 1 — FileObject.Writer")
class FileObjectWriterTest {

    private static final String RULE = "docs/day2-sst.md, Task 1: a writer that fails, or is closed before finish(), "
            + "closes its channel and deletes its file, so that no half-written file is left for a reader to find. ";

    @TempDir
    Path dir;

    private static byte[] pattern(int length) {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) (i * 13 + 5);
        }
        return data;
    }

    @Test
    void pieces_written_one_after_another_make_the_file_and_finish_returns_it_open_for_reading() throws IOException {
        Path path = dir.resolve("pieces.sst");
        byte[] data = pattern(9_000);
        FileObject.Writer writer = FileObject.createWriter(path);
        assertThat(Files.exists(path)).as("createWriter(path) creates the file at once").isTrue();
        assertThat(writer.size()).as("size() of a new writer").isZero();
        writer.write(data, 0, 1_000);
        writer.write(data, 1_000, 0);
        writer.write(data, 1_000, 8_000);
        assertThat(writer.size()).as("size() after writes of 1000, 0 and 8000 bytes: the offset of the next byte")
                .isEqualTo(9_000L);
        try (FileObject file = writer.finish()) {
            assertThat(file.size()).as("size() of the FileObject that finish() returned").isEqualTo(9_000L);
            assertThat(file.read(0, 9_000)).inHexadecimal()
                    .as("finish() returns the file open for reading: read(0, 9000) gives the pieces in order")
                    .isEqualTo(data);
            writer.close(); // after finish: must not delete the file or close the FileObject's channel
            assertThat(file.read(8_990, 10)).inHexadecimal()
                    .as("read after the finished writer's close(): close() after finish() does nothing")
                    .isEqualTo(Arrays.copyOfRange(data, 8_990, 9_000));
        }
        assertThat(Files.readAllBytes(path)).inHexadecimal().as("the file on disk").isEqualTo(data);
        assertThatThrownBy(() -> writer.write(data, 0, 1), "write() after finish(): IllegalStateException")
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_writer_never_overwrites_a_file() throws IOException {
        Path path = dir.resolve("taken.sst");
        Files.write(path, new byte[] {42});
        assertThatThrownBy(() -> FileObject.createWriter(path),
                "createWriter on a path that exists: FileAlreadyExistsException (open with CREATE_NEW)")
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readAllBytes(path)).as("the existing file, untouched").isEqualTo(new byte[] {42});
    }

    @Test
    void closing_a_writer_before_finish_deletes_its_file() throws IOException {
        RecordingFileSystem recording = new RecordingFileSystem();
        Path real = dir.resolve("given-up.sst");
        FileObject.Writer writer = FileObject.createWriter(recording.wrap(real));
        writer.write(pattern(500), 0, 500);
        writer.close();
        assertThat(Files.exists(real)).as(RULE + "the file after write(500 bytes) and close() without finish()").isFalse();
        assertThat(recording.channelsLeftOpen(real)).as(RULE + "channels left open after close(): %s",
                recording.eventsOn(real)).isEmpty();
        writer.close(); // a second close does nothing
        assertThatThrownBy(writer::finish,
                "finish() after close(): the file is gone, IllegalStateException (not a FileObject over a closed channel)")
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_writer_whose_write_fails_deletes_its_file() throws IOException {
        RecordingFileSystem recording = new RecordingFileSystem().failingWritesAfter(1_000);
        Path real = dir.resolve("full.sst");
        FileObject.Writer writer = FileObject.createWriter(recording.wrap(real));
        writer.write(pattern(600), 0, 600);
        Throwable thrown = catchThrowable(() -> writer.write(pattern(600), 0, 600));
        assertThat(thrown).as("write() of 600 more bytes on a disk that is full after 1000: the injected IOException, "
                + "unchanged").isSameAs(recording.injected());
        assertThat(Files.exists(real)).as(RULE + "the file after the failed write; what happened to it: %s",
                recording.eventsOn(real)).isFalse();
        assertThat(recording.channelsLeftOpen(real)).as(RULE + "channels left open").isEmpty();
    }

    @Test
    void a_writer_whose_force_fails_deletes_its_file() throws IOException {
        RecordingFileSystem recording = new RecordingFileSystem().failingForce();
        Path real = dir.resolve("unforced.sst");
        FileObject.Writer writer = FileObject.createWriter(recording.wrap(real));
        writer.write(pattern(600), 0, 600);
        Throwable thrown = catchThrowable(writer::finish);
        assertThat(thrown).as("finish() whose force fails: the injected IOException, unchanged")
                .isSameAs(recording.injected());
        assertThat(Files.exists(real)).as(RULE + "the file after the failed finish(); what happened to it: %s",
                recording.eventsOn(real)).isFalse();
        assertThat(recording.channelsLeftOpen(real)).as(RULE + "channels left open").isEmpty();
    }
}
