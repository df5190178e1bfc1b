package org.lsmworkbook.tools.gate;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.lsmworkbook.tools.edition.EditionProperties;
import org.lsmworkbook.tools.maven.TestCaseResult;
import org.lsmworkbook.tools.maven.TestTally;

/**
 * The test counts a red gate saw in an edition, per stage, as {@code ./workbook test dayN} counts
 * them there (one per test case that surefire reports, so a parameterized test counts once per
 * invocation): what passed, failed and was skipped, graded tests and the given and architecture
 * ones together. The red gate writes them to {@link #FILE_NAME} under the edition's
 * {@code target/red-gate}; the docs check compares the numbers the book quotes with them.
 *
 * @param edition which edition: "student" for the student edition, "from-day4" for a checkpoint
 * @param tallies the counts per stage module, in course order
 */
public record EditionCounts(String edition, Map<String, TestTally> tallies) {

    /** The file's name. */
    public static final String FILE_NAME = "test-counts.properties";

    /** Copies the map so that the record cannot change. */
    public EditionCounts {
        tallies = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tallies));
    }

    /**
     * The counts of a red gate's runs.
     *
     * @param properties the edition's properties
     * @param runs one entry per stage
     * @return the counts
     */
    public static EditionCounts of(EditionProperties properties, List<StageRun> runs) {
        Map<String, TestTally> tallies = new LinkedHashMap<>();
        for (StageRun run : runs) {
            List<TestCaseResult> all = new ArrayList<>(run.graded());
            all.addAll(run.givenAndArchitecture());
            tallies.put(run.module(), TestTally.of(all));
        }
        return new EditionCounts(label(properties), tallies);
    }

    /**
     * The name the book's count markers use for an edition.
     *
     * @param properties the edition's properties
     * @return "student" for the student edition (from day 1), "from-dayN" for a checkpoint
     */
    public static String label(EditionProperties properties) {
        return properties.from().equals("day1") ? "student" : "from-" + properties.from();
    }

    /**
     * Writes the counts.
     *
     * @param file where to write
     */
    public void write(Path file) {
        StringBuilder text = new StringBuilder("# Test counts seen by ./workbook red-gate; read by ./workbook check-docs.\n");
        text.append("edition=").append(edition).append('\n');
        tallies.forEach((module, tally) -> text.append(module).append(".passed=").append(tally.passed()).append('\n')
                .append(module).append(".failed=").append(tally.failed()).append('\n')
                .append(module).append(".skipped=").append(tally.skipped()).append('\n'));
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Reads counts written by {@link #write(Path)}.
     *
     * @param file the file
     * @return the counts
     */
    public static EditionCounts read(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Map<String, TestTally> tallies = new LinkedHashMap<>();
        for (String key : p.stringPropertyNames().stream().sorted().toList()) {
            if (key.endsWith(".passed")) {
                String module = key.substring(0, key.length() - ".passed".length());
                tallies.put(module, new TestTally(number(p, module + ".passed"), number(p, module + ".failed"),
                        number(p, module + ".skipped")));
            }
        }
        return new EditionCounts(p.getProperty("edition", ""), tallies);
    }

    private static int number(Properties p, String key) {
        return Integer.parseInt(p.getProperty(key, "0").strip());
    }
}
