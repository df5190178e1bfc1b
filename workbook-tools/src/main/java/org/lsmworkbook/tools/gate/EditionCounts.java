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
import org.lsmworkbook.tools.grade.GradedTest;
import org.lsmworkbook.tools.maven.TestCaseResult;
import org.lsmworkbook.tools.maven.TestTally;

/**
 * The test counts a red gate saw in an edition, per stage, as {@code ./workbook test dayN} counts
 * them there (one per test case that surefire reports, so a parameterized test counts once per
 * invocation): what passed, failed and was skipped, graded tests and the given and architecture
 * ones together, and apart from them the tests of bonus tasks, which {@code ./workbook test} also
 * counts apart. The red gate writes them to {@link #FILE_NAME} under the edition's
 * {@code target/red-gate}; the docs check compares the numbers the book quotes with them.
 *
 * @param edition which edition: "student" for the student edition, "from-day4" for a checkpoint
 * @param tallies the counts per stage module, in course order, bonus tests aside
 * @param bonusTallies the counts of the bonus tests per stage module; stages without any are absent
 */
public record EditionCounts(String edition, Map<String, TestTally> tallies, Map<String, TestTally> bonusTallies) {

    /** The file's name. */
    public static final String FILE_NAME = "test-counts.properties";

    /** Copies the maps so that the record cannot change. */
    public EditionCounts {
        tallies = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tallies));
        bonusTallies = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(bonusTallies));
    }

    /**
     * Counts of an edition without bonus tests.
     *
     * @param edition which edition
     * @param tallies the counts per stage module, in course order
     */
    public EditionCounts(String edition, Map<String, TestTally> tallies) {
        this(edition, tallies, Map.of());
    }

    /**
     * The counts of a red gate's runs, with no test taken for a bonus test.
     *
     * @param properties the edition's properties
     * @param runs one entry per stage
     * @return the counts
     */
    public static EditionCounts of(EditionProperties properties, List<StageRun> runs) {
        return of(properties, runs, Map.of());
    }

    /**
     * The counts of a red gate's runs.
     *
     * @param properties the edition's properties
     * @param runs one entry per stage
     * @param bonusKeys the keys ({@code Class#method}) of each stage's bonus tests, by module
     * @return the counts
     */
    public static EditionCounts of(EditionProperties properties, List<StageRun> runs,
            Map<String, java.util.Set<String>> bonusKeys) {
        Map<String, TestTally> tallies = new LinkedHashMap<>();
        Map<String, TestTally> bonusTallies = new LinkedHashMap<>();
        for (StageRun run : runs) {
            java.util.Set<String> bonus = bonusKeys.getOrDefault(run.module(), java.util.Set.of());
            List<TestCaseResult> all = new ArrayList<>(run.graded());
            all.addAll(run.givenAndArchitecture());
            tallies.put(run.module(), TestTally.of(all.stream()
                    .filter(r -> !bonus.contains(GradedTest.keyOf(r))).toList()));
            List<TestCaseResult> ofBonus = all.stream().filter(r -> bonus.contains(GradedTest.keyOf(r))).toList();
            if (!ofBonus.isEmpty()) {
                bonusTallies.put(run.module(), TestTally.of(ofBonus));
            }
        }
        return new EditionCounts(label(properties), tallies, bonusTallies);
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
        bonusTallies.forEach((module, tally) -> text.append(module).append(".bonus.passed=").append(tally.passed())
                .append('\n').append(module).append(".bonus.failed=").append(tally.failed()).append('\n')
                .append(module).append(".bonus.skipped=").append(tally.skipped()).append('\n'));
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
        Map<String, TestTally> bonusTallies = new LinkedHashMap<>();
        for (String key : p.stringPropertyNames().stream().sorted().toList()) {
            if (key.endsWith(".bonus.passed")) {
                String module = key.substring(0, key.length() - ".bonus.passed".length());
                bonusTallies.put(module, new TestTally(number(p, module + ".bonus.passed"),
                        number(p, module + ".bonus.failed"), number(p, module + ".bonus.skipped")));
            } else if (key.endsWith(".passed")) {
                String module = key.substring(0, key.length() - ".passed".length());
                tallies.put(module, new TestTally(number(p, module + ".passed"), number(p, module + ".failed"),
                        number(p, module + ".skipped")));
            }
        }
        return new EditionCounts(p.getProperty("edition", ""), tallies, bonusTallies);
    }

    private static int number(Properties p, String key) {
        return Integer.parseInt(p.getProperty(key, "0").strip());
    }
}
