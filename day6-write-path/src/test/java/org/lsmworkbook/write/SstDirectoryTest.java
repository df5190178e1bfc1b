package org.lsmworkbook.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lsmworkbook.write.WriteFixtures.b;
import static org.lsmworkbook.write.WriteFixtures.canListOpenFiles;
import static org.lsmworkbook.write.WriteFixtures.fileNames;
import static org.lsmworkbook.write.WriteFixtures.flipLastByte;
import static org.lsmworkbook.write.WriteFixtures.openFilesUnder;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lsmworkbook.kv.CorruptionException;
import org.lsmworkbook.sst.BlockCache;
import org.lsmworkbook.sst.SsTable;
import org.lsmworkbook.sst.SsTableBuilder;

/**
 * Task 2: {@link SstDirectory#openAll} finds the SSTs a closed engine left behind. The SST files
 * here are written directly with {@link SsTableBuilder}, so this task does not need task 1.
 */
@Timeout(30)
@DisplayName("Day 6 · Task 2 — SstDirectory.openAll")
class SstDirectoryTest {

    @TempDir
    Path dir;

    /** Writes SST {@code id} under its proper name, holding the keys {@code <id>-a}, {@code <id>-b}, {@code <id>-c}. */
    private void writeSst(long id) throws IOException {
        SsTableBuilder builder = new SsTableBuilder(64, SstFileNames.sstPath(dir, id));
        for (String suffix : List.of("a", "b", "c")) {
            builder.add(b(id + "-" + suffix), b("value " + id + suffix));
        }
        builder.build(id, null).close();
    }

    private static void closeAll(List<SsTable> tables) throws IOException {
        for (SsTable table : tables) {
            table.close();
        }
    }

    private static List<Long> ids(List<SsTable> tables) {
        return tables.stream().map(SsTable::id).collect(Collectors.toList());
    }

    @Test
    void an_empty_directory_holds_no_ssts() throws IOException {
        List<SsTable> tables = SstDirectory.openAll(dir, new BlockCache(1 << 20));
        assertThat(tables).as("openAll on an empty directory returns an empty list").isEmpty();
    }

    @Test
    void the_ssts_come_newest_first_whatever_order_the_directory_lists_them_in() throws IOException {
        for (long id : new long[] {7, 100, 3, 10, 1_000_000}) {
            writeSst(id);
        }
        BlockCache cache = new BlockCache(1 << 20);
        List<SsTable> tables = SstDirectory.openAll(dir, cache);
        try {
            assertThat(ids(tables))
                    .as("openAll returns the SSTs newest (largest id) first: sort the ids numerically, in reverse "
                            + "(a directory lists files in no particular order)")
                    .containsExactly(1_000_000L, 100L, 10L, 7L, 3L);
            for (SsTable table : tables) {
                assertThat(table.firstKey())
                        .as("the table with id %d was opened from file %s", table.id(),
                                SstFileNames.sstPath(dir, table.id()).getFileName())
                        .isEqualTo(b(table.id() + "-a"));
            }
            tables.get(0).readBlockCached(0);
            assertThat(cache.getIfPresent(1_000_000L, 0))
                    .as("the tables read through the block cache passed to openAll")
                    .isNotNull();
        } finally {
            closeAll(tables);
        }
    }

    @Test
    void leftover_temporary_files_are_deleted_and_other_files_left_alone() throws IOException {
        writeSst(4);
        writeSst(9);
        Files.writeString(SstFileNames.tempPath(dir, 5), "half of an SST: the process died while writing it");
        Files.writeString(SstFileNames.tempPath(dir, 12), "");
        Files.writeString(dir.resolve(SstFileNames.LOCK_FILE), "");
        Files.writeString(dir.resolve("notes.txt"), "a user's file");
        Files.writeString(dir.resolve("7.sst"), "not the name this engine gives SST 7");
        Files.writeString(dir.resolve("backup.sst"), "not an SST name at all");
        Files.createDirectory(dir.resolve("000077.sst.d"));

        List<SsTable> tables = SstDirectory.openAll(dir, new BlockCache(1 << 20));
        try {
            assertThat(ids(tables))
                    .as("only files named like SstFileNames.sstPath are SSTs (use SstFileNames.parseSstId)")
                    .containsExactly(9L, 4L);
        } finally {
            closeAll(tables);
        }
        assertThat(fileNames(dir))
                .as("openAll deletes every *.sst.tmp file (SstFileNames.isTempFile) and leaves every other file "
                        + "where it is")
                .containsExactly("000004.sst", "000009.sst", "000077.sst.d", "7.sst", "LOCK", "backup.sst", "notes.txt");
    }

    @Test
    void an_sst_name_with_an_id_too_large_for_the_engine_is_refused_naming_the_file() throws IOException {
        writeSst(3);
        Files.writeString(dir.resolve("1000000000000000000.sst"), "an id of 19 digits: above SstFileNames.MAX_ID");
        assertThatThrownBy(() -> closeAll(SstDirectory.openAll(dir, new BlockCache(1 << 20))),
                "an SST whose id is above MAX_ID must stop the open: the next flush would get a still larger id, "
                        + "under a name no reader could read back. SstFileNames.parseSstId throws this IOException; "
                        + "let it through (docs/day6-write-path.md, Task 2)")
                .isInstanceOf(IOException.class)
                .hasMessageContaining("1000000000000000000.sst")
                .hasMessageContaining("at most 18");
    }

    @Test
    void a_damaged_sst_is_reported_as_corruption_naming_the_file() throws IOException {
        writeSst(1);
        writeSst(2);
        writeSst(3);
        flipLastByte(SstFileNames.sstPath(dir, 2));

        assertThatThrownBy(() -> SstDirectory.openAll(dir, new BlockCache(1 << 20)),
                "SST 2's footer is damaged: openAll must fail with a CorruptionException (SsTable.open throws "
                        + "one; let it through) whose message names the file, so a user knows which file to look at")
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining("000002.sst");
    }

    @Test
    void a_truncated_sst_is_reported_as_corruption_naming_the_file() throws IOException {
        writeSst(20);
        writeSst(21);
        Path damaged = SstFileNames.sstPath(dir, 20);
        try (FileChannel channel = FileChannel.open(damaged, StandardOpenOption.WRITE)) {
            channel.truncate(10);
        }

        assertThatThrownBy(() -> SstDirectory.openAll(dir, new BlockCache(1 << 20)),
                "SST 20 is cut to 10 bytes: openAll must fail with a CorruptionException naming the file")
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining("000020.sst");
    }

    @Test
    void after_an_error_no_sst_file_is_left_open() throws IOException {
        Assumptions.assumeTrue(canListOpenFiles(), "needs /proc/self/fd to see which files are open (Linux)");
        for (long id = 1; id <= 6; id++) {
            writeSst(id);
        }
        flipLastByte(SstFileNames.sstPath(dir, 1)); // the oldest: opened last, after the others

        assertThatThrownBy(() -> SstDirectory.openAll(dir, new BlockCache(1 << 20)),
                "SST 1 is damaged: openAll must fail with a CorruptionException")
                .isInstanceOf(CorruptionException.class);
        assertThat(openFilesUnder(dir))
                .as("after openAll failed, the tables it had opened before the damaged one (and the damaged file "
                        + "itself) must be closed again: nobody else holds them, so they would leak")
                .isEmpty();
    }
}
