package org.lsmworkbook.sst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lsmworkbook.kv.CorruptionException;

@Timeout(10)
@DisplayName("Day 2 · Task 1 — FileObject")
class FileObjectTest {

    @TempDir
    Path dir;

    /** {@code length} bytes that differ from position to position, high bytes (>= 0x80) included. */
    private static byte[] pattern(int length) {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) (i * 31 + 7);
        }
        return data;
    }

    @Test
    void create_writes_exactly_the_bytes_given_and_returns_the_file_open_for_reading() throws IOException {
        Path path = dir.resolve("a.sst");
        byte[] data = pattern(10_000);
        try (FileObject file = FileObject.create(path, data)) {
            assertThat(Files.readAllBytes(path)).inHexadecimal()
                    .as("the file on disk after FileObject.create(path, 10,000 bytes): exactly those bytes, "
                            + "nothing before or after; does create write every byte (a write may be partial)?")
                    .isEqualTo(data);
            assertThat(file.size()).as("size() of the FileObject that create returned").isEqualTo(10_000L);
            assertThat(file.read(0, 10_000)).inHexadecimal()
                    .as("create returns the file open for reading: read(0, 10000) right after create")
                    .isEqualTo(data);
        }
    }

    @Test
    void create_with_no_bytes_makes_an_empty_file() throws IOException {
        Path path = dir.resolve("empty.sst");
        try (FileObject file = FileObject.create(path, new byte[0])) {
            assertThat(Files.exists(path)).as("create(path, new byte[0]) must still create the file").isTrue();
            assertThat(Files.size(path)).as("size on disk of a file created from 0 bytes").isZero();
            assertThat(file.size()).as("size() of a file created from 0 bytes").isZero();
            assertThat(file.read(0, 0)).inHexadecimal().as("read(0, 0) of an empty file: an empty array").isEmpty();
        }
    }

    @Test
    void open_reads_a_file_that_already_exists() throws IOException {
        Path path = dir.resolve("existing.sst");
        byte[] data = pattern(5_000);
        Files.write(path, data);
        try (FileObject file = FileObject.open(path)) {
            assertThat(file.size())
                    .as("FileObject.open of a 5,000-byte file: size() must be the file's size on disk")
                    .isEqualTo(5_000L);
            assertThat(file.read(0, 5_000)).inHexadecimal().as("read(0, 5000) of a file opened with FileObject.open").isEqualTo(data);
            assertThat(file.path()).as("path() of an opened file").isEqualTo(path);
        }
    }

    @Test
    void open_of_a_missing_file_fails_with_no_such_file() {
        Path path = dir.resolve("missing.sst");
        assertThatThrownBy(() -> FileObject.open(path),
                "FileObject.open of a path where there is no file: NoSuchFileException "
                        + "(what FileChannel.open throws; do not create the file)")
                .isInstanceOf(NoSuchFileException.class);
        assertThat(Files.exists(path)).as("open must not create a missing file").isFalse();
    }

    @Test
    void read_returns_the_bytes_at_the_start_the_middle_and_the_end() throws IOException {
        byte[] data = pattern(4_096);
        try (FileObject file = FileObject.create(dir.resolve("r.sst"), data)) {
            assertThat(file.read(0, 16)).inHexadecimal().as("read(0, 16): the first 16 bytes")
                    .isEqualTo(Arrays.copyOfRange(data, 0, 16));
            assertThat(file.read(1_000, 333)).inHexadecimal().as("read(1000, 333): bytes 1000 to 1332")
                    .isEqualTo(Arrays.copyOfRange(data, 1_000, 1_333));
            assertThat(file.read(4_096 - 16, 16)).inHexadecimal().as("read(4080, 16): the last 16 bytes of a 4096-byte file")
                    .isEqualTo(Arrays.copyOfRange(data, 4_080, 4_096));
            assertThat(file.read(4_095, 1)).inHexadecimal().as("read(4095, 1): the very last byte")
                    .isEqualTo(new byte[] {data[4_095]});
            assertThat(file.read(2_000, 0)).inHexadecimal().as("read(2000, 0): a read of 0 bytes is an empty array").isEmpty();
            assertThat(file.read(4_096, 0)).inHexadecimal()
                    .as("read(4096, 0) of a 4096-byte file: 0 bytes at the very end is still inside the file; "
                            + "an empty array, not an error")
                    .isEmpty();
        }
    }

    @Test
    void each_read_returns_a_new_array_the_caller_owns() throws IOException {
        byte[] data = pattern(100);
        try (FileObject file = FileObject.create(dir.resolve("own.sst"), data)) {
            byte[] first = file.read(10, 20);
            Arrays.fill(first, (byte) 0);
            assertThat(file.read(10, 20)).inHexadecimal()
                    .as("changing the array one read returned must not change what the next read returns")
                    .isEqualTo(Arrays.copyOfRange(data, 10, 30));
        }
    }

    @Test
    void a_read_past_the_end_is_corruption_naming_the_file() throws IOException {
        Path path = dir.resolve("short.sst");
        try (FileObject file = FileObject.create(path, pattern(100))) {
            for (long[] range : new long[][] {{97, 4}, {100, 1}, {0, 101}, {500, 10}, {1L << 40, 16}, {Long.MAX_VALUE, 10}}) {
                assertThatThrownBy(() -> file.read(range[0], (int) range[1]),
                        "read(%d, %d) of a 100-byte file runs past its end: CorruptionException "
                                + "(the file is shorter than whoever computed the range believed)", range[0], range[1])
                        .isInstanceOf(CorruptionException.class)
                        .hasMessageContaining(path.getFileName().toString());
            }
        }
    }

    @Test
    void negative_offsets_and_lengths_are_illegal_arguments() throws IOException {
        try (FileObject file = FileObject.create(dir.resolve("neg.sst"), pattern(100))) {
            assertThatThrownBy(() -> file.read(-1, 10),
                    "read(-1, 10): a negative offset is a caller's bug, IllegalArgumentException, not damage")
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> file.read(0, -1),
                    "read(0, -1): a negative length is a caller's bug, IllegalArgumentException, not damage")
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void create_never_overwrites_an_existing_file() throws IOException {
        Path path = dir.resolve("taken.sst");
        Files.write(path, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> FileObject.create(path, pattern(50)),
                "FileObject.create on a path that exists: FileAlreadyExistsException "
                        + "(StandardOpenOption.CREATE_NEW); an SST is never overwritten")
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readAllBytes(path)).inHexadecimal()
                .as("the existing file must be left exactly as it was after the failed create")
                .isEqualTo(new byte[] {1, 2, 3});
    }

    @Test
    void many_threads_read_one_file_at_once_and_each_gets_its_own_bytes() throws Exception {
        byte[] data = pattern(64 * 1024);
        int threads = 8;
        int readsPerThread = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (FileObject file = FileObject.create(dir.resolve("shared.sst"), data)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long seed = t;
                results.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    start.await();
                    for (int i = 0; i < readsPerThread; i++) {
                        int offset = random.nextInt(data.length);
                        int length = random.nextInt(Math.min(512, data.length - offset) + 1);
                        byte[] got = file.read(offset, length);
                        if (!Arrays.equals(got, 0, got.length, data, offset, offset + length)) {
                            return "read(" + offset + ", " + length + ") returned other bytes than the file holds there";
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<String> result : results) {
                assertThat(result.get(8, TimeUnit.SECONDS))
                        .as("%d threads reading one FileObject at once: every read must return the bytes at its own "
                                + "offset. Use positional reads (channel.read(buffer, position)), never "
                                + "position(...) followed by read(buffer), which races on the shared file pointer", threads)
                        .isNull();
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).as("the reader threads stop").isTrue();
        }
    }

    @Test
    void reads_after_close_fail_and_closing_twice_is_harmless() throws IOException {
        FileObject file = FileObject.create(dir.resolve("closed.sst"), pattern(100));
        file.close();
        assertThatThrownBy(() -> file.read(0, 10),
                "read after close(): an IOException (FileChannel throws ClosedChannelException); "
                        + "does close() close the channel?")
                .isInstanceOf(IOException.class);
        file.close(); // must not throw
        FileObject opened = FileObject.open(dir.resolve("closed.sst"));
        opened.close();
        assertThatThrownBy(() -> opened.read(0, 10),
                "read after close() of a file from FileObject.open: an IOException")
                .isInstanceOf(IOException.class);
    }
}
