package org.lsmworkbook.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The given helpers every task uses: the file names of an engine's directory, and the durability steps. */
@Tag("given")
@Timeout(10)
@DisplayName("Day 6 · given code — SstFileNames and Durability")
class SstFileNamesTest {

    @TempDir
    Path dir;

    @Test
    void an_sst_is_named_by_its_id_with_at_least_six_digits() {
        assertThat(SstFileNames.sstPath(dir, 7)).isEqualTo(dir.resolve("000007.sst"));
        assertThat(SstFileNames.tempPath(dir, 7)).isEqualTo(dir.resolve("000007.sst.tmp"));
        assertThat(SstFileNames.sstPath(dir, 12_345_678)).isEqualTo(dir.resolve("12345678.sst"));
    }

    @Test
    void only_the_one_name_of_an_id_parses_as_an_sst() throws IOException {
        assertThat(SstFileNames.parseSstId("000007.sst")).isEqualTo(7);
        assertThat(SstFileNames.parseSstId("12345678.sst")).isEqualTo(12_345_678);
        assertThat(SstFileNames.parseSstId("7.sst")).as("not the name sstPath gives id 7").isEqualTo(-1);
        assertThat(SstFileNames.parseSstId("0000007.sst")).as("one leading zero too many").isEqualTo(-1);
        assertThat(SstFileNames.parseSstId("000007.sst.tmp")).isEqualTo(-1);
        assertThat(SstFileNames.parseSstId("LOCK")).isEqualTo(-1);
        assertThat(SstFileNames.parseSstId("abcdef.sst")).isEqualTo(-1);
    }

    @Test
    void every_id_the_writer_names_reads_back_and_larger_ids_are_refused_on_both_sides() throws IOException {
        for (long id : new long[] {0, 7, 999_999, 1_000_000, 123_456_789_012L, SstFileNames.MAX_ID}) {
            String name = SstFileNames.sstPath(dir, id).getFileName().toString();
            assertThat(SstFileNames.parseSstId(name)).as("the name %s that sstPath gives id %d reads back", name, id)
                    .isEqualTo(id);
        }
        assertThat(SstFileNames.MAX_ID).as("MAX_ID: the largest id with 18 digits").isEqualTo(999_999_999_999_999_999L);
        assertThatThrownBy(() -> SstFileNames.sstPath(dir, SstFileNames.MAX_ID + 1),
                "the writer refuses an id it could not read back")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Long.toString(SstFileNames.MAX_ID));
        assertThatThrownBy(() -> SstFileNames.tempPath(dir, -1)).isInstanceOf(IllegalArgumentException.class);
        for (String name : new String[] {"1000000000000000000.sst", "9223372036854775807.sst",
                "99999999999999999999999.sst"}) {
            assertThatThrownBy(() -> SstFileNames.parseSstId(name),
                    "%s looks like an SST but its id is above MAX_ID: open must refuse it, naming the file", name)
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining(name)
                    .hasMessageContaining("at most 18");
        }
        assertThat(SstFileNames.parseSstId("0001000000000000000000.sst"))
                .as("leading zeros beyond six digits: not an SST's name, whatever its length")
                .isEqualTo(-1);
    }

    @Test
    void temporary_files_are_recognised_by_name() {
        assertThat(SstFileNames.isTempFile("000007.sst.tmp")).isTrue();
        assertThat(SstFileNames.isTempFile("000007.sst")).isFalse();
        assertThat(SstFileNames.isTempFile("notes.tmp")).isFalse();
    }

    @Test
    void atomicRename_replaces_the_target_and_syncDirectory_succeeds() throws IOException {
        Path from = dir.resolve("a.tmp");
        Path to = dir.resolve("a");
        Files.writeString(to, "old");
        Files.writeString(from, "new");
        Durability.atomicRename(from, to);
        Durability.syncDirectory(dir);
        assertThat(Files.exists(from)).isFalse();
        assertThat(Files.readString(to)).isEqualTo("new");
    }
}
