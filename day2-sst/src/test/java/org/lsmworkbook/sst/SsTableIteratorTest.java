package org.lsmworkbook.sst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.lsmworkbook.sst.TestTables.build;
import static org.lsmworkbook.sst.TestTables.concat;
import static org.lsmworkbook.sst.TestTables.drain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.kv.CorruptionException;
import org.lsmworkbook.sst.TestTables.Entry;

/**
 * The SST iterator over a table of many small blocks. The keys are {@code key-0000},
 * {@code key-0002}, ... (even numbers only), so that {@code key-0001}, {@code key-0003}, ... lie
 * between two entries. Every seventh value is empty: a tombstone, stored and returned like any value.
 *
 * <p>The iterator reads blocks with {@code SsTable.readBlockCached}; these tables have no cache, so
 * that method only has to call {@code readBlock}.
 */
@Timeout(10)
@DisplayName("Day 2 · Task 4 — SsTableIterator")
class SsTableIteratorTest {

    private static final int COUNT = 150;

    @TempDir
    Path dir;

    private static List<Entry> evenEntries() {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            Bytes value = i % 7 == 3 ? Bytes.EMPTY : Bytes.of("value-" + i);
            entries.add(new Entry(TestTables.key(2 * i), value));
        }
        return entries;
    }

    private SsTable table(List<Entry> entries) throws IOException {
        SsTable table = build(dir.resolve("t.sst"), 128, entries);
        assertThat(table.numBlocks()).as("the table under test spans many blocks").isGreaterThan(10);
        return table;
    }

    @Test
    void iterates_every_entry_in_order_across_block_boundaries() throws Exception {
        List<Entry> entries = evenEntries();
        try (SsTable table = table(entries)) {
            SsTableIterator it = SsTableIterator.createAndSeekToFirst(table);
            assertThat(drain(it, COUNT))
                    .as("createAndSeekToFirst, then next() until isValid() is false, over %d blocks: every entry, "
                            + "in order. When a block runs out, next() must load the next block and start at its first entry",
                            table.numBlocks())
                    .containsExactlyElementsOf(entries);
            assertThat(it.isValid()).as("isValid() after the last entry").isFalse();
        }
    }

    @Test
    void a_table_of_one_entry_has_one_entry() throws Exception {
        try (SsTable table = build(dir.resolve("one.sst"), 4096, List.of(Entry.of("only", "one")))) {
            assertThat(drain(SsTableIterator.createAndSeekToFirst(table), 2))
                    .as("iterating a table of the single entry \"only\" -> \"one\"")
                    .containsExactly(Entry.of("only", "one"));
        }
    }

    @Test
    void seeking_to_each_existing_key_lands_on_it() throws Exception {
        List<Entry> entries = evenEntries();
        try (SsTable table = table(entries)) {
            for (int i = 0; i < entries.size(); i++) {
                Entry e = entries.get(i);
                SsTableIterator it = SsTableIterator.createAndSeekToKey(table, e.key());
                assertThat(it.isValid()).as("createAndSeekToKey(%s), a key of the table: isValid()", e.key()).isTrue();
                assertThat(new Entry(it.key(), it.value()))
                        .as("createAndSeekToKey(%s), a key of the table: the entry under the iterator", e.key())
                        .isEqualTo(e);
                if (i % 25 == 0) {
                    assertThat(drain(it, COUNT))
                            .as("everything from createAndSeekToKey(%s) to the end", e.key())
                            .containsExactlyElementsOf(entries.subList(i, entries.size()));
                }
            }
        }
    }

    @Test
    void seeking_between_two_entries_of_one_block_lands_on_the_later_one() throws Exception {
        List<Entry> entries = evenEntries();
        try (SsTable table = table(entries)) {
            int checked = 0;
            for (int i = 0; i + 1 < entries.size(); i++) {
                Bytes target = TestTables.key(2 * i + 1);
                Entry next = entries.get(i + 1);
                if (table.findBlockIdx(entries.get(i).key()) != table.findBlockIdx(next.key())) {
                    continue; // between two blocks: the next test
                }
                SsTableIterator it = SsTableIterator.createAndSeekToKey(table, target);
                assertThat(it.isValid() ? new Entry(it.key(), it.value()) : null)
                        .as("createAndSeekToKey(%s), between %s and %s in the same block: the first entry with key >= %s",
                                target, entries.get(i).key(), next.key(), target)
                        .isEqualTo(next);
                checked++;
            }
            assertThat(checked).as("keys between two entries of one block were tried").isGreaterThan(50);
        }
    }

    @Test
    void seeking_between_two_blocks_lands_on_the_first_key_of_the_next_block() throws Exception {
        List<Entry> entries = evenEntries();
        try (SsTable table = table(entries)) {
            for (int b = 0; b + 1 < table.numBlocks(); b++) {
                Bytes last = table.blockMeta(b).lastKey();
                Bytes nextFirst = table.blockMeta(b + 1).firstKey();
                for (Bytes target : List.of(concat(last, (byte) 0), concat(last, (byte) 0xFF))) {
                    SsTableIterator it = SsTableIterator.createAndSeekToKey(table, target);
                    assertThat(it.isValid() ? it.key() : null)
                            .as("createAndSeekToKey(%s), after block %d's last key %s and before block %d's first key "
                                    + "%s: findBlockIdx gives block %d, which holds no key >= the target, so the "
                                    + "iterator must move on to block %d's first entry", target, b, last, b + 1,
                                    nextFirst, b, b + 1)
                            .isEqualTo(nextFirst);
                }
            }
        }
    }

    @Test
    void seeking_before_the_first_key_lands_on_the_first_entry() throws Exception {
        List<Entry> entries = evenEntries();
        try (SsTable table = table(entries)) {
            for (Bytes target : List.of(Bytes.wrap(new byte[] {0}), Bytes.of("a"), Bytes.of("key-"))) {
                SsTableIterator it = SsTableIterator.createAndSeekToKey(table, target);
                assertThat(it.isValid() ? new Entry(it.key(), it.value()) : null)
                        .as("createAndSeekToKey(%s), before every key: the table's first entry", target)
                        .isEqualTo(entries.get(0));
            }
        }
    }

    @Test
    void seeking_past_the_last_key_makes_the_iterator_invalid() throws Exception {
        List<Entry> entries = evenEntries();
        try (SsTable table = table(entries)) {
            Bytes lastKey = entries.get(entries.size() - 1).key();
            for (Bytes target : List.of(concat(lastKey, (byte) 0), Bytes.of("zzz"), Bytes.wrap(new byte[] {(byte) 0x80}))) {
                SsTableIterator it = SsTableIterator.createAndSeekToKey(table, target);
                assertThat(it.isValid())
                        .as("createAndSeekToKey(%s), after the last key %s (unsigned order): no entry is >= it, so "
                                + "isValid() must be false", target, lastKey)
                        .isFalse();
            }
            SsTableIterator it = SsTableIterator.createAndSeekToFirst(table);
            it.seekToKey(Bytes.of("zzz"));
            assertThat(it.isValid()).as("seekToKey(\"zzz\") on an iterator at the first entry: invalid").isFalse();
        }
    }

    @Test
    void seekToKey_and_seekToFirst_move_an_iterator_anywhere_also_backwards_and_after_the_end() throws Exception {
        List<Entry> entries = evenEntries();
        try (SsTable table = table(entries)) {
            SsTableIterator it = SsTableIterator.createAndSeekToKey(table, TestTables.key(250));
            assertThat(it.key()).as("createAndSeekToKey(key-0250)").isEqualTo(TestTables.key(250));
            it.seekToKey(TestTables.key(13));
            assertThat(it.key()).as("seekToKey(key-0013) after being at key-0250: seeking backwards, next key is key-0014")
                    .isEqualTo(TestTables.key(14));
            it.seekToKey(TestTables.key(200));
            assertThat(it.key()).as("seekToKey(key-0200) after being at key-0014").isEqualTo(TestTables.key(200));

            drain(it, COUNT);
            assertThat(it.isValid()).as("isValid() after draining the iterator").isFalse();
            it.seekToFirst();
            assertThat(it.isValid()).as("seekToFirst() after reaching the end: valid again").isTrue();
            assertThat(drain(it, COUNT))
                    .as("every entry, after seekToFirst() on an iterator that had reached the end")
                    .containsExactlyElementsOf(entries);
            it.seekToKey(TestTables.key(100));
            assertThat(it.key()).as("seekToKey(key-0100) after reaching the end again").isEqualTo(TestTables.key(100));
        }
    }

    @Test
    void an_invalid_iterator_stays_put_and_refuses_key_and_value() throws Exception {
        List<Entry> entries = evenEntries();
        try (SsTable table = table(entries)) {
            SsTableIterator it = SsTableIterator.createAndSeekToKey(table, Bytes.of("zzz"));
            assertThat(it.isValid()).as("an iterator sought past the last key").isFalse();
            it.next();
            it.next();
            assertThat(it.isValid()).as("next() on an invalid iterator must do nothing: still invalid").isFalse();
            assertThatThrownBy(it::key,
                    "key() on an invalid iterator: IllegalStateException (check isValid() first)")
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(it::value,
                    "value() on an invalid iterator: IllegalStateException (check isValid() first)")
                    .isInstanceOf(IllegalStateException.class);

            SsTableIterator drained = SsTableIterator.createAndSeekToFirst(table);
            drain(drained, COUNT);
            drained.next();
            assertThat(drained.isValid()).as("next() after the last entry must leave the iterator invalid").isFalse();
            assertThatThrownBy(drained::key,
                    "key() after the last entry: IllegalStateException")
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void tombstones_come_back_as_empty_values() throws Exception {
        List<Entry> entries = evenEntries();
        try (SsTable table = table(entries)) {
            SsTableIterator it = SsTableIterator.createAndSeekToKey(table, TestTables.key(6));
            assertThat(it.key()).as("createAndSeekToKey(key-0006), a tombstone's key: the key").isEqualTo(TestTables.key(6));
            assertThat(it.value())
                    .as("the value under key-0006, added as Bytes.EMPTY: an empty value, isEmpty() (a tombstone "
                            + "is an entry like any other; skipping it is a later stage's job)")
                    .isEqualTo(Bytes.EMPTY);
            assertThat(it.value().isEmpty()).as("value().isEmpty() of a tombstone").isTrue();
            it.next();
            assertThat(it.key()).as("next() after the tombstone key-0006").isEqualTo(TestTables.key(8));
        }
    }

    @Test
    void a_damaged_block_ends_iteration_with_corruption_and_an_invalid_iterator() throws Exception {
        List<Entry> entries = evenEntries();
        Path path = dir.resolve("t.sst");
        int damagedBlock;
        int damagedAt;
        try (SsTable table = table(entries)) {
            damagedBlock = table.numBlocks() / 2;
            damagedAt = table.blockMeta(damagedBlock).offset() + 3;
        }
        byte[] bytes = Files.readAllBytes(path);
        bytes[damagedAt] ^= 0x01;
        Files.write(path, bytes);
        try (FileObject file = FileObject.open(path); SsTable table = SsTable.open(1, null, file)) {
            SsTableIterator it = SsTableIterator.createAndSeekToFirst(table);
            int seen = 0;
            CorruptionException thrown = null;
            while (it.isValid() && seen <= COUNT) {
                seen++;
                try {
                    it.next();
                } catch (CorruptionException e) {
                    thrown = e;
                    break;
                }
            }
            assertThat(thrown)
                    .as("iterating into block %d, which has a flipped byte: next() must throw the CorruptionException "
                            + "of readBlockCached/readBlock (do not catch it)", damagedBlock)
                    .isNotNull();
            assertThat(it.isValid())
                    .as("isValid() after next() threw: the iterator is invalid once a block read failed")
                    .isFalse();
            BlockMeta meta = table.blockMeta(damagedBlock);
            assertThat(catchThrowable(() -> SsTableIterator.createAndSeekToKey(table, meta.firstKey())))
                    .as("createAndSeekToKey(%s), a key in the damaged block %d: CorruptionException", meta.firstKey(), damagedBlock)
                    .isInstanceOf(CorruptionException.class);

            SsTableIterator valid = SsTableIterator.createAndSeekToFirst(table);
            assertThat(valid.isValid()).as("an iterator at the first entry (block 0 is undamaged)").isTrue();
            assertThat(catchThrowable(() -> valid.seekToKey(meta.firstKey())))
                    .as("seekToKey(%s) into the damaged block %d: CorruptionException", meta.firstKey(), damagedBlock)
                    .isInstanceOf(CorruptionException.class);
            assertThat(valid.isValid())
                    .as("isValid() after seekToKey into a damaged block threw: false. The iterator must not stay on "
                            + "the entry of the block it held before (forget the old block before reading the new one)")
                    .isFalse();
        }
    }

    @Test
    @Timeout(60) // opens one damaged copy of the file per byte of its blocks
    void every_flipped_byte_in_a_block_stops_the_iterator_with_corruption_naming_the_file() throws IOException {
        Path pristine = dir.resolve("pristine.sst");
        try (SsTable table = build(pristine, 256, TestTables.numbered(100))) {
            assertThat(table.numBlocks()).as("the table under test spans several blocks").isGreaterThanOrEqualTo(4);
        }
        byte[] original = Files.readAllBytes(pristine);
        Path damaged = dir.resolve("damaged.sst");
        String name = damaged.getFileName().toString();
        List<String> problems = new ArrayList<>();
        int metaOffset = (int) TestTables.u32(original, original.length - SsTable.FOOTER_SIZE);
        for (int position = 0; position < metaOffset; position++) {
            Files.write(damaged, TestTables.flipped(original, position, 0x40));
            try (FileObject file = FileObject.open(damaged)) {
                SsTable table = SsTable.open(1, null, file);
                SsTableIterator it = SsTableIterator.createAndSeekToFirst(table);
                int steps = 0;
                while (it.isValid() && steps++ < 1_000) {
                    it.next();
                }
                problems.add("byte " + position + " flipped (in a block): the SsTableIterator went through the whole "
                        + "table (" + steps + " entries) without an error");
            } catch (CorruptionException e) {
                if (e.getMessage() == null || !e.getMessage().contains(name)) {
                    problems.add("byte " + position + ": a CorruptionException that does not name the file " + name
                            + " (source " + e.source() + "): " + e.getMessage());
                }
            } catch (Exception e) {
                problems.add("byte " + position + ": the iterator threw " + e.getClass().getName()
                        + " instead of CorruptionException: " + e.getMessage());
            }
        }
        List<String> shown = problems.subList(0, Math.min(10, problems.size()));
        assertThat(problems.size())
                .as("%d of %d copies with a flipped byte in a block, read by an SsTableIterator, were not reported as "
                        + "a CorruptionException naming the file. The exception of readBlockCached must reach the "
                        + "caller of createAndSeekToFirst / next unchanged. The first %d:%n  %s%nNumber of such copies",
                        problems.size(), metaOffset, shown.size(), String.join("\n  ", shown))
                .isZero();

        // After the exception the iterator is invalid, not stuck on stale data.
        Files.write(damaged, TestTables.flipped(original, metaOffset - 1, 0x40)); // the last block's checksum
        try (FileObject file = FileObject.open(damaged)) {
            SsTable table = SsTable.open(1, null, file);
            SsTableIterator it = SsTableIterator.createAndSeekToFirst(table);
            CorruptionException thrown = null;
            int steps = 0;
            while (it.isValid() && steps++ < 1_000) {
                try {
                    it.next();
                } catch (CorruptionException e) {
                    thrown = e;
                    break;
                }
            }
            assertThat(thrown).as("next() into a damaged last block must throw CorruptionException").isNotNull();
            assertThat(it.isValid())
                    .as("isValid() after next() threw: the iterator must be invalid once a block read failed "
                            + "(see SsTableIterator's class comment)")
                    .isFalse();
        }
    }
}
