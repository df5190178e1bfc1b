package org.lsmworkbook.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lsmworkbook.write.WriteFixtures.b;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.kv.CorruptionException;
import org.lsmworkbook.memtable.MemTable;

/** The log file on its own: its record format, replay, torn tails and damage. */
@Tag("bonus")
@Timeout(30)
@DisplayName("Day 6 · Task 5 (bonus) — the write-ahead log's records: format, replay, torn tail, damage")
class WriteAheadLogTest {

    private static final String CHAPTER = " (docs/day6-write-path.md, 'Task 5 (bonus) — a write-ahead log', and "
            + "docs/file-formats.md, 'Write-ahead log')";

    @TempDir
    Path dir;

    @Test
    void the_worked_example_of_the_file_formats_page_is_exact() {
        byte[] record = WriteAheadLog.encode(b("k1"), b("v"));
        assertThat(HexFormat.of().withUpperCase().formatHex(record))
                .as("the record of put(\"k1\", \"v\"): length 5 | its check ~5 | CRC-32C of the body | key_len 2 | "
                        + "'k1' | 'v', big-endian" + CHAPTER)
                .isEqualTo("00000005" + "FFFFFFFA" + "0A9EE9DE" + "0002" + "6B31" + "76");
        String delete = HexFormat.of().withUpperCase().formatHex(WriteAheadLog.encode(b("k1"), Bytes.EMPTY));
        assertThat(delete).as("the record of delete(\"k1\"): length 4, its check ~4, a checksum, key_len 2, 'k1' and no "
                + "value bytes" + CHAPTER).startsWith("00000004" + "FFFFFFFB").endsWith("0002" + "6B31").hasSize(2 * 16);
    }

    @Test
    void what_was_appended_replays_in_order_with_tombstones() throws IOException {
        Random random = new Random(18);
        TreeMap<Bytes, Bytes> model = new TreeMap<>();
        Path path = dir.resolve("000007.wal");
        try (WriteAheadLog log = WriteAheadLog.create(path)) {
            for (int i = 0; i < 3000; i++) {
                Bytes key = b("key-" + random.nextInt(60));
                // Many buffers' worth, and now and then a record larger than a whole buffer.
                int length = i % 700 == 0 ? WriteAheadLog.BUFFER_SIZE + 1000 : random.nextInt(30);
                Bytes value = random.nextInt(5) == 0 ? Bytes.EMPTY : b("value-" + i + "x".repeat(length));
                log.append(key, value);
                model.put(key, value);
            }
            log.sync();
            assertThat(log.size()).as("after sync(), size() is the file's length: every record appended is in the "
                    + "file, the buffer's too" + CHAPTER).isEqualTo(Files.size(path));
        }
        MemTable memtable = MemTable.create(7);
        long end = WriteAheadLog.replay(path, memtable);
        assertThat(end).as("replay of a whole log returns the file's length" + CHAPTER).isEqualTo(Files.size(path));
        for (var entry : model.entrySet()) {
            assertThat(memtable.get(entry.getKey()))
                    .as("after replay, key %s holds its last appended value (an empty value is a tombstone)%s",
                            entry.getKey(), CHAPTER)
                    .isEqualTo(entry.getValue());
        }
    }

    @Test
    void a_log_is_created_once_and_refuses_what_a_memtable_would_refuse() throws IOException {
        Path path = dir.resolve("000003.wal");
        try (WriteAheadLog log = WriteAheadLog.create(path)) {
            assertThatThrownBy(() -> log.append(Bytes.EMPTY, b("v")),
                    "an empty key is refused before anything is written" + CHAPTER)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
            assertThat(Files.size(path)).as("a refused write leaves the log empty" + CHAPTER).isZero();
        }
        assertThatThrownBy(() -> WriteAheadLog.create(path),
                "create() on an existing log fails: two memtables never share a log" + CHAPTER)
                .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
    }

    @Test
    void a_torn_last_record_is_cut_off_at_every_length() throws IOException {
        Path whole = dir.resolve("000001.wal");
        long lastStart;
        try (WriteAheadLog log = WriteAheadLog.create(whole)) {
            log.append(b("a"), b("1"));
            log.append(b("b"), b("2"));
            lastStart = log.size();
            log.append(b("c"), b("three"));
        }
        byte[] bytes = Files.readAllBytes(whole);
        for (int cut = (int) lastStart + 1; cut < bytes.length; cut++) {
            Path torn = dir.resolve("torn-" + cut + ".wal");
            Files.write(torn, Arrays.copyOf(bytes, cut));
            MemTable memtable = MemTable.create(1);
            long end;
            try {
                end = WriteAheadLog.replay(torn, memtable);
            } catch (IOException e) {
                throw new AssertionError("a log cut after " + cut + " of its " + bytes.length + " bytes (inside its "
                        + "last record, which starts at " + lastStart + ") must replay without an error: the process "
                        + "died in the middle of that append, which was never acknowledged" + CHAPTER + "; got " + e, e);
            }
            assertThat(end).as("cut after %d bytes: replay stops where the torn record starts%s", cut, CHAPTER)
                    .isEqualTo(lastStart);
            assertThat(memtable.get(b("a"))).as("cut after %d bytes: the whole records before it replay%s", cut,
                    CHAPTER).isEqualTo(b("1"));
            assertThat(memtable.get(b("b"))).as("cut after %d bytes: the whole records before it replay%s", cut,
                    CHAPTER).isEqualTo(b("2"));
            assertThat(memtable.get(b("c"))).as("cut after %d bytes: the torn record is cut off%s", cut, CHAPTER)
                    .isNull();
        }
    }

    @Test
    void a_flipped_byte_in_any_record_is_a_corruption_naming_the_file_and_the_record() throws IOException {
        Path whole = dir.resolve("000002.wal");
        long[] starts = new long[3];
        try (WriteAheadLog log = WriteAheadLog.create(whole)) {
            starts[0] = log.size();
            log.append(b("first"), b("1"));
            starts[1] = log.size();
            log.append(b("second"), Bytes.EMPTY);
            starts[2] = log.size();
            log.append(b("third"), b("3"));
        }
        byte[] bytes = Files.readAllBytes(whole);
        for (int at = 0; at < bytes.length; at++) {
            byte[] damaged = bytes.clone();
            damaged[at] ^= 0x10;
            Path path = dir.resolve("flip-" + at + ".wal");
            Files.write(path, damaged);
            long recordStart = at >= starts[2] ? starts[2] : at >= starts[1] ? starts[1] : starts[0];
            int position = at;
            assertThatThrownBy(() -> WriteAheadLog.replay(path, MemTable.create(2)),
                    "byte %d flipped (in the record at offset %d): a damaged record is a CorruptionException, "
                            + "never a torn tail or wrong data: a damaged length shows against its check, a damaged "
                            + "body against its checksum%s", position, recordStart, CHAPTER)
                    .isInstanceOf(CorruptionException.class)
                    .hasMessageContaining(path.toString())
                    .satisfies(e -> assertThat(((CorruptionException) e).offset())
                            .as("the offset names the damaged record's start" + CHAPTER).isEqualTo(recordStart));
        }
    }
}
