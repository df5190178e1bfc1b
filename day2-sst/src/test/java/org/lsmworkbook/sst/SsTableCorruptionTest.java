package org.lsmworkbook.sst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lsmworkbook.sst.TestTables.build;
import static org.lsmworkbook.sst.TestTables.flipped;
import static org.lsmworkbook.sst.TestTables.numbered;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lsmworkbook.kv.CorruptionException;
import org.lsmworkbook.sst.TestTables.Entry;

/**
 * The corruption sweep: one SST of many blocks, damaged in every way a single event can damage
 * it (cut short at every length, every byte flipped), and each damaged copy opened and read in
 * full. Each copy must end in a {@link CorruptionException} that names the file: at {@code open}
 * (footer, magic, version, meta) or at the {@code readBlock} of the damaged block. Any other
 * exception, or a clean read of every block, is a failure: the first means a decoder trusted a
 * field it had not checked, the second that damaged bytes would be served as data.
 */
@Timeout(60)
@DisplayName("Day 2 · Task 3 — every damaged byte is caught")
class SsTableCorruptionTest {

    /** How many failing cases a failure message lists. */
    private static final int SHOWN = 10;

    @TempDir
    Path dir;

    /** The pristine file's bytes, built fresh for each test (never in a static initializer). */
    private byte[] original;
    private int numBlocks;

    /** Where the damaged copies are written, one after the other. */
    private Path damaged;

    @BeforeEach
    void buildTheTable() throws IOException {
        Path path = dir.resolve("pristine.sst");
        List<Entry> entries = numbered(100);
        try (SsTable table = build(path, 256, entries)) {
            numBlocks = table.numBlocks();
        }
        original = Files.readAllBytes(path);
        damaged = dir.resolve("damaged.sst");
    }

    /** What reading one damaged copy did; {@code problem} is null when it ended as it should. */
    private record Verdict(String problem) {
        static final Verdict CAUGHT = new Verdict(null);
    }

    /**
     * Writes {@code content} to the damaged file, opens it as an SST and, if that succeeds, reads
     * every block with {@code readBlock}. Caught means: a CorruptionException naming the file.
     */
    private Verdict openAndReadEverything(byte[] content) throws IOException {
        Files.write(damaged, content);
        try (FileObject file = FileObject.open(damaged)) {
            SsTable table = SsTable.open(1, null, file);
            for (int i = 0; i < table.numBlocks(); i++) {
                table.readBlock(i);
            }
            return new Verdict("opened and read all " + table.numBlocks() + " blocks without an error: "
                    + "damaged bytes would be served as data");
        } catch (CorruptionException e) {
            return namesTheFile(e);
        } catch (Exception | StackOverflowError | OutOfMemoryError e) {
            return new Verdict("threw " + e.getClass().getName() + " instead of CorruptionException: " + e.getMessage()
                    + (e.getStackTrace().length > 0 ? " (at " + e.getStackTrace()[0] + ")" : ""));
        }
    }

    private Verdict namesTheFile(CorruptionException e) {
        String name = damaged.getFileName().toString();
        if (e.getMessage() == null || !e.getMessage().contains(name)) {
            return new Verdict("threw a CorruptionException that does not name the file " + name
                    + " (source " + e.source() + "): " + e.getMessage());
        }
        return Verdict.CAUGHT;
    }

    /** Fails with the first few problems if there are any. */
    private static void assertNoProblems(List<String> problems, int checked, String what, String hint) {
        System.out.printf("SsTableCorruptionTest: %d %s checked, %d not reported as CorruptionException%n",
                checked, what, problems.size());
        assertThat(problems.size())
                .as("%d of %d %s were not reported as a CorruptionException naming the file. %s%nThe first %d:%n  %s%n"
                        + "Number of such copies",
                        problems.size(), checked, what, hint, Math.min(SHOWN, problems.size()),
                        String.join("\n  ", problems.subList(0, Math.min(SHOWN, problems.size()))))
                .isZero();
    }

    @Test
    void every_truncation_is_reported_as_corruption() throws IOException {
        assertThat(numBlocks).as("the table under test spans several blocks").isGreaterThanOrEqualTo(4);
        List<String> problems = new ArrayList<>();
        for (int length = 0; length < original.length; length++) {
            Verdict verdict = openAndReadEverything(Arrays.copyOf(original, length));
            if (verdict.problem() != null) {
                problems.add("cut to " + length + " of " + original.length + " bytes: " + verdict.problem());
            }
        }
        assertNoProblems(problems, original.length, "truncated copies",
                "A cut file has lost its footer: SsTable.open must check the length and the magic number "
                        + "before it trusts any other field (see SsTable's class comment).");
    }

    @Test
    void every_flipped_byte_is_reported_as_corruption() throws IOException {
        assertThat(numBlocks).as("the table under test spans several blocks").isGreaterThanOrEqualTo(4);
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (int mask : new int[] {0xFF, 0x01}) {
            for (int position = 0; position < original.length; position++) {
                Verdict verdict = openAndReadEverything(flipped(original, position, mask));
                checked++;
                if (verdict.problem() != null) {
                    problems.add(String.format("byte %d of %d XOR 0x%02x (%s): %s", position, original.length, mask,
                            region(position), verdict.problem()));
                }
            }
        }
        assertNoProblems(problems, checked, "copies with one flipped byte",
                "Every byte is covered by a check: the blocks by their CRC-32C (checked in readBlock before "
                        + "Block.decode), the meta by its own CRC-32C (checked in decodeList before any field is "
                        + "trusted), the footer by the magic number, the version and the meta offset's bounds.");
    }

    @Test
    void bytes_appended_after_the_footer_are_reported_as_corruption() throws IOException {
        List<String> problems = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<byte[]> tails = new ArrayList<>();
        for (int n = 1; n <= 24; n++) {
            names.add(n + " zero bytes appended");
            tails.add(new byte[n]);
        }
        // A second copy of the footer: the magic and version are right at the new end, but the meta
        // section now appears to run on into the old footer.
        names.add("a copy of the footer appended");
        tails.add(Arrays.copyOfRange(original, original.length - SsTable.FOOTER_SIZE, original.length));
        for (int i = 0; i < tails.size(); i++) {
            byte[] tail = tails.get(i);
            byte[] longer = Arrays.copyOf(original, original.length + tail.length);
            System.arraycopy(tail, 0, longer, original.length, tail.length);
            Verdict verdict = openAndReadEverything(longer);
            if (verdict.problem() != null) {
                problems.add(names.get(i) + ": " + verdict.problem());
            }
        }
        assertNoProblems(problems, tails.size(), "copies with bytes appended", "");
    }

    /** Which part of the file a position is in, for failure messages. */
    private String region(int position) {
        int footer = original.length - SsTable.FOOTER_SIZE;
        int metaOffset = (int) TestTables.u32(original, footer);
        if (position >= original.length - 8) {
            return "footer: magic";
        } else if (position >= footer + 4) {
            return "footer: format version";
        } else if (position >= footer) {
            return "footer: meta offset";
        } else if (position >= original.length - SsTable.FOOTER_SIZE - 4) {
            return "meta checksum";
        } else if (position >= metaOffset) {
            return "meta section";
        }
        return "a stored block";
    }
}
