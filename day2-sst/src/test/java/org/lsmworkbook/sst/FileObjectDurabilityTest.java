package org.lsmworkbook.sst;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lsmworkbook.sst.RecordingFileSystem.Event;

/**
 * {@code FileObject.create} makes the file durable before it returns, checked without a crash: the
 * path it gets belongs to a {@link RecordingFileSystem}, whose channels write to the real disk and
 * record every write and every {@code force}. A {@code force(true)} must come after the last write.
 */
@Timeout(10)
@DisplayName("Day 2 · Task 1 — FileObject.create forces the file after its last write")
class FileObjectDurabilityTest {

    @TempDir
    Path dir;

    private final RecordingFileSystem recording = new RecordingFileSystem();

    private static byte[] pattern(int length) {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) (i * 131 + 3);
        }
        return data;
    }

    /** Creates the file through the recording file system and checks the order of its operations. */
    private void assertCreatedDurably(String name, byte[] data, int length) throws IOException {
        Path real = dir.resolve(name);
        try (FileObject file = FileObject.create(recording.wrap(real), data, length)) {
            assertThat(file.size()).as("size() of the file create(path, data, %d) returned", length).isEqualTo(length);
        }
        List<Event> events = recording.eventsOn(real);
        int lastWrite = -1;
        long written = 0;
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).isWrite()) {
                lastWrite = i;
                written += events.get(i).bytes();
            }
        }
        int forceAfterLastWrite = -1;
        for (int i = lastWrite + 1; i < events.size(); i++) {
            if (events.get(i).isForce(true)) {
                forceAfterLastWrite = i;
                break;
            }
        }
        assertThat(forceAfterLastWrite)
                .as("docs/day2-sst.md, Task 1 (and \"Reading by position\"): FileObject.create must call "
                        + "channel.force(true) AFTER its last write, before it returns; write() only reaches the "
                        + "operating system's cache, and a power cut loses what is not forced. What create(%s, %d "
                        + "bytes) did to the file, in order: %s", name, length, events)
                .isGreaterThan(lastWrite);
        assertThat(written)
                .as("bytes written by create(%s, data, %d), summed over its write calls: %s", name, length, events)
                .isEqualTo(length);
        assertThat(Files.readAllBytes(real))
                .as("the file on disk after create(%s, data, %d)", name, length)
                .isEqualTo(java.util.Arrays.copyOf(data, length));
    }

    @Test
    void a_small_file_is_forced_after_it_is_written() throws IOException {
        byte[] data = pattern(10_000);
        assertCreatedDurably("small.sst", data, data.length);
    }

    @Test
    void a_file_of_several_mebibytes_is_forced_after_its_last_write() throws IOException {
        // Large enough that a create which writes in slices makes several write calls.
        byte[] data = pattern(3 * 1024 * 1024 + 17);
        assertCreatedDurably("large.sst", data, data.length);
    }

    @Test
    void the_three_argument_create_forces_the_part_it_writes() throws IOException {
        byte[] buffer = pattern(8_192);
        assertCreatedDurably("part.sst", buffer, 5_000);
    }

    @Test
    void an_empty_file_is_forced_too() throws IOException {
        // No write at all: its size (0) and its existence are still metadata that force(true) makes durable.
        assertCreatedDurably("empty.sst", new byte[0], 0);
    }
}
