package org.lsmworkbook.sst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lsmworkbook.sst.TestTables.flipped;
import static org.lsmworkbook.sst.TestTables.numbered;
import static org.lsmworkbook.sst.TestTables.u32;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.kv.CorruptionException;
import org.lsmworkbook.sst.TestTables.Entry;

/**
 * The bloom filter (bonus task 6 of day 2): {@link BloomFilter#build} and {@link
 * BloomFilter#mayContainHash}, and the tables that carry one (format version 2). The keys are made
 * from fixed seeds, so every run checks the same filters: a false-positive rate measured here is a
 * property of the code, not of luck.
 */
@Tag("bonus")
@Timeout(60)
@DisplayName("Day 2 · Task 6 (bonus) — bloom filters")
class BloomFilterTest {

    @TempDir
    Path dir;

    /** {@code count} distinct random keys of 1 to 24 bytes, from {@code seed}. */
    private static List<Bytes> randomKeys(long seed, int count) {
        Random random = new Random(seed);
        Set<Bytes> keys = new HashSet<>();
        while (keys.size() < count) {
            byte[] key = new byte[1 + random.nextInt(24)];
            random.nextBytes(key);
            keys.add(Bytes.wrap(key));
        }
        return new ArrayList<>(keys);
    }

    private static BloomFilter filterOf(List<Bytes> keys, int bitsPerKey) {
        long[] hashes = new long[keys.size()];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = BloomFilter.hash(keys.get(i));
        }
        return BloomFilter.build(hashes, hashes.length, bitsPerKey);
    }

    @ParameterizedTest(name = "{0} bits per key")
    @ValueSource(ints = {1, 2, 5, 10, 20, 30})
    void every_key_added_is_found(int bitsPerKey) {
        for (long seed = 1; seed <= 5; seed++) {
            List<Bytes> keys = randomKeys(seed, 2000);
            BloomFilter filter = filterOf(keys, bitsPerKey);
            for (Bytes key : keys) {
                assertThat(filter.mayContain(key))
                        .as("seed %d, %d bits per key: %s was added, so mayContain must say true (a bloom filter has "
                                + "no false negatives: build sets every probe bit of every key, and mayContainHash "
                                + "must test the same bits; see BloomFilter's class comment, \"Probes\")",
                                seed, bitsPerKey, key)
                        .isTrue();
            }
        }
    }

    @Test
    void the_false_positive_rate_at_10_bits_per_key_is_under_2_percent() {
        List<Bytes> all = randomKeys(42, 110_000);
        List<Bytes> added = all.subList(0, 10_000);
        List<Bytes> absent = all.subList(10_000, all.size());
        BloomFilter filter = filterOf(added, 10);
        int falsePositives = 0;
        for (Bytes key : absent) {
            if (filter.mayContain(key)) {
                falsePositives++;
            }
        }
        double rate = falsePositives / (double) absent.size();
        System.out.printf("BloomFilterTest: 10 bits per key, %d probes: %d of %d absent keys passed (%.3f%%)%n",
                filter.numProbes(), falsePositives, absent.size(), 100 * rate);
        assertThat(rate)
                .as("10,000 keys at 10 bits per key: the share of 100,000 absent keys the filter lets through "
                        + "(theory: about 0.8%%; more than 2%% means the probes are not spread over the whole "
                        + "array, or too few are set; measured %d of %d)", falsePositives, absent.size())
                .isLessThan(0.02);
    }

    @Test
    void the_false_positive_rate_follows_the_bits_per_key() {
        List<Bytes> all = randomKeys(7, 55_000);
        List<Bytes> added = all.subList(0, 5_000);
        List<Bytes> absent = all.subList(5_000, all.size());
        int[] bits = {2, 5, 10};
        double[] bound = {0.50, 0.15, 0.02}; // theory: about 38%, 9% and 0.8%
        for (int i = 0; i < bits.length; i++) {
            BloomFilter filter = filterOf(added, bits[i]);
            long passed = absent.stream().filter(filter::mayContain).count();
            double rate = passed / (double) absent.size();
            assertThat(rate)
                    .as("%d bits per key: %d of %d absent keys passed the filter; at most %.0f%% may",
                            bits[i], passed, absent.size(), 100 * bound[i])
                    .isLessThan(bound[i]);
        }
    }

    @Test
    void the_filter_is_sized_from_the_keys_and_the_bits_per_key() {
        long[] hashes = new long[1000];
        BloomFilter filter = BloomFilter.build(hashes, 1000, 10);
        assertThat(filter.numBits()).as("1000 keys at 10 bits per key: 10,000 bits").isEqualTo(10_000);
        assertThat(filter.numProbes()).as("probesFor(10) = round(10 × ln 2) = 7").isEqualTo(7);
        assertThat(BloomFilter.build(hashes, 3, 10).numBits())
                .as("3 keys at 10 bits per key: 30 bits, raised to the minimum of %d", BloomFilter.MIN_BITS)
                .isEqualTo(BloomFilter.MIN_BITS);
        assertThat(BloomFilter.build(hashes, 0, 10).numBits())
                .as("no keys at all: still the minimum of %d bits", BloomFilter.MIN_BITS)
                .isEqualTo(BloomFilter.MIN_BITS);
        assertThat(BloomFilter.build(hashes, 101, 1).numBits())
                .as("101 keys at 1 bit per key: 101 bits, rounded up to a multiple of 8 (104)")
                .isEqualTo(104);
        assertThat(BloomFilter.build(hashes, 10, 1).numProbes()).as("probesFor(1) is at least 1").isEqualTo(1);
    }

    @Test
    void build_uses_only_the_first_count_hashes() {
        List<Bytes> keys = randomKeys(3, 400);
        long[] hashes = new long[400];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = BloomFilter.hash(keys.get(i));
        }
        BloomFilter half = BloomFilter.build(hashes, 200, 10);
        long outside = keys.subList(200, 400).stream().filter(half::mayContain).count();
        assertThat(outside)
                .as("build(hashes, 200, 10) must leave out hashes[200..399]: %d of those 200 keys passed "
                        + "(a few false positives are fine, not most)", outside)
                .isLessThan(20);
    }

    @Test
    void the_bits_are_where_the_class_comment_puts_them() {
        // One key, checked bit by bit against "Probes" in BloomFilter's class comment, so that a
        // filter written by one implementation is read right by another.
        Bytes key = Bytes.of("apple");
        long h = BloomFilter.hash(key);
        BloomFilter filter = BloomFilter.build(new long[] {h}, 1, 20); // 64 bits, 14 probes
        byte[] encoded = filter.encode();
        Set<Integer> expected = new HashSet<>();
        for (int i = 0; i < 14; i++) {
            expected.add((((int) h + i * (int) (h >>> 32)) & Integer.MAX_VALUE) % 64);
        }
        Set<Integer> actual = new HashSet<>();
        for (int bit = 0; bit < 64; bit++) {
            if ((encoded[bit / 8] & (1 << (bit % 8))) != 0) {
                actual.add(bit);
            }
        }
        assertThat(actual)
                .as("the bits set for \"apple\" in a 64-bit filter with 14 probes: bit ((h1 + i*h2) & 0x7fffffff) %% 64 "
                        + "for i = 0..13, h1 the low and h2 the high half of hash(key); bit b is bit b %% 8 of byte b / 8")
                .isEqualTo(expected);
        assertThat(encoded[8]).as("after the 8 bytes of bits: num_probes as a u8").isEqualTo((byte) 14);
    }

    @Test
    void build_refuses_arguments_it_cannot_honour() {
        long[] hashes = new long[10];
        assertThatThrownBy(() -> BloomFilter.build(hashes, 11, 10), "count 11 with only 10 hashes")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BloomFilter.build(hashes, -1, 10), "a negative count")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BloomFilter.build(hashes, 10, 0), "0 bits per key")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BloomFilter.build(hashes, 10, BloomFilter.MAX_BITS_PER_KEY + 1), "more than MAX_BITS_PER_KEY bits per key")
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- tables with a filter ----

    private SsTable buildWithFilter(Path path, List<Entry> entries, int bitsPerKey) throws IOException {
        try (SsTableBuilder builder = new SsTableBuilder(256, bitsPerKey, path)) {
            for (Entry e : entries) {
                builder.add(e.key(), e.value());
            }
            return builder.build(1, null);
        }
    }

    @Test
    void a_table_built_with_bits_per_key_carries_a_filter_that_open_reads_back() throws Exception {
        Path path = dir.resolve("f.sst");
        List<Entry> entries = numbered(500);
        try (SsTable built = buildWithFilter(path, entries, 10)) {
            assertThat(built.bloomFilter()).as("the table build() returns has its filter").isPresent();
        }
        byte[] bytes = Files.readAllBytes(path);
        assertThat(u32(bytes, bytes.length - 12))
                .as("a table with a filter is written in format version %d (the footer's version field)",
                        SsTable.FORMAT_VERSION_WITH_FILTER)
                .isEqualTo(SsTable.FORMAT_VERSION_WITH_FILTER);
        long metaOffset = u32(bytes, bytes.length - 16);
        long filterOffset = u32(bytes, bytes.length - 20);
        assertThat(filterOffset)
                .as("version 2: filter_offset (4 bytes before the version-1 footer) lies after the meta offset %d",
                        metaOffset)
                .isGreaterThan(metaOffset);
        assertThat(bytes.length - SsTable.FOOTER_SIZE_WITH_FILTER - filterOffset)
                .as("the filter section runs from filter_offset to the 20-byte footer: 500 keys × 10 bits = 625 "
                        + "bytes of bits, then num_probes (1 byte) and the checksum (4 bytes)")
                .isEqualTo(625 + 5);
        try (FileObject file = FileObject.open(path); SsTable table = SsTable.open(1, null, file)) {
            assertThat(table.bloomFilter()).as("SsTable.open of a version-2 file must read its filter").isPresent();
            assertThat(table.bloomFilter().get().numBits()).isEqualTo(5000);
            for (Entry e : entries) {
                assertThat(table.mayContain(e.key())).as("%s is in the table", e.key()).isTrue();
            }
            int absentPassed = 0;
            for (int i = 0; i < 1000; i++) {
                if (table.mayContain(Bytes.of("absent-" + i))) {
                    absentPassed++;
                }
            }
            assertThat(absentPassed).as("of 1000 absent keys, at most a few may pass a 10-bit filter").isLessThan(30);
            SsTableIterator it = SsTableIterator.createAndSeekToFirst(table);
            assertThat(TestTables.drain(it, 1000)).as("the entries read back, unchanged by the filter").isEqualTo(entries);
        }
    }

    @Test
    void the_worked_example_of_the_file_formats_page_is_what_the_builder_writes() throws IOException {
        Path path = dir.resolve("example.sst");
        try (SsTableBuilder builder = new SsTableBuilder(16, 10, path)) {
            builder.add(Bytes.of("a"), Bytes.of("1"));
            builder.add(Bytes.of("b"), Bytes.EMPTY);
            builder.build(1, null).close();
        }
        byte[] bytes = Files.readAllBytes(path);
        assertThat(bytes.length).as("docs/file-formats.md, version 2's worked example: 88 bytes").isEqualTo(88);
        byte[] tail = java.util.Arrays.copyOfRange(bytes, 55, 88);
        assertThat(java.util.HexFormat.ofDelimiter(" ").formatHex(tail))
                .as("bytes 55 to 87 of the worked example (docs/file-formats.md, \"SST file with a bloom filter\"): "
                        + "the filter's 8 bytes of bits, num_probes, its CRC-32C, and the 20-byte footer")
                .isEqualTo("01 08 09 09 09 09 09 09 07 b5 e3 26 50 00 00 00 37 00 00 00 1b 00 00 00 02 "
                        + "4c 53 4d 57 42 53 53 54");
    }

    @Test
    void every_damaged_byte_of_a_table_with_a_filter_is_reported_as_corruption() throws IOException {
        Path path = dir.resolve("pristine.sst");
        buildWithFilter(path, numbered(100), 10).close();
        byte[] original = Files.readAllBytes(path);
        Path damaged = dir.resolve("damaged.sst");
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (int length = 0; length < original.length; length++) {
            checked++;
            String problem = openAndReadEverything(damaged, java.util.Arrays.copyOf(original, length));
            if (problem != null) {
                problems.add("cut to " + length + " bytes: " + problem);
            }
        }
        for (int mask : new int[] {0xFF, 0x01}) {
            for (int position = 0; position < original.length; position++) {
                checked++;
                String problem = openAndReadEverything(damaged, flipped(original, position, mask));
                if (problem != null) {
                    problems.add(String.format("byte %d of %d XOR 0x%02x: %s", position, original.length, mask, problem));
                }
            }
        }
        assertThat(problems)
                .as("%d of %d damaged copies of a version-2 table were not reported as a CorruptionException naming "
                        + "the file. The filter section has its own CRC-32C (BloomFilter.decode checks it), and "
                        + "SsTable.open must check filter_offset's bounds (after the meta offset, before the footer) "
                        + "and end the meta section at filter_offset.", problems.size(), checked)
                .isEmpty();
    }

    /** Null when the copy ends in a CorruptionException naming the file; what happened otherwise. */
    private static String openAndReadEverything(Path damaged, byte[] content) throws IOException {
        Files.write(damaged, content);
        try (FileObject file = FileObject.open(damaged)) {
            SsTable table = SsTable.open(1, null, file);
            for (int i = 0; i < table.numBlocks(); i++) {
                table.readBlock(i);
            }
            return "opened and read all blocks without an error";
        } catch (CorruptionException e) {
            return e.getMessage() != null && e.getMessage().contains("damaged.sst") ? null
                    : "a CorruptionException that does not name the file: " + e.getMessage();
        } catch (Exception e) {
            return "threw " + e.getClass().getName() + " instead of CorruptionException: " + e.getMessage();
        }
    }
}
