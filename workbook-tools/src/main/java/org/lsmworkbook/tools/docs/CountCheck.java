package org.lsmworkbook.tools.docs;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lsmworkbook.tools.edition.Stage;
import org.lsmworkbook.tools.gate.EditionCounts;
import org.lsmworkbook.tools.grade.GradedTest;
import org.lsmworkbook.tools.grade.TestCatalog;
import org.lsmworkbook.tools.maven.TestTally;

/**
 * Checks the numbers of tests the book quotes. Each such number is announced by a marker, an HTML
 * comment that Markdown does not show, naming what the numbers after it count, in order:
 *
 * <pre>
 * &lt;!-- counts after "day1-block:": student:day1-block:passed student:day1-block:failed --&gt;
 * </pre>
 *
 * <p>The numbers are the next ones in the text after the marker, or, with {@code after "TEXT"},
 * after the next occurrence of TEXT (which may be inside a code block, where a comment cannot go).
 * A name is one of:
 *
 * <ul>
 *   <li>{@code EDITION:MODULE:passed|failed|skipped|total}: what {@code ./workbook test} counts in a
 *       fresh edition ({@code student}, or {@code from-day4} for a checkpoint), one per test case
 *       run, bonus tests aside; {@code bonus-passed|bonus-failed|bonus-skipped|bonus-total} the
 *       same of the bonus tests, which it counts apart. These come from the counts a red gate
 *       wrote ({@link EditionCounts}); without them they are not checked.</li>
 *   <li>{@code grade:MODULE:tests|points|hidden|bonus}: what grading counts in this repository (one
 *       per test method, hidden tests included, see {@link TestCatalog}): the tests and points of
 *       the core (the table's columns; bonus tests are extra credit), the hidden tests, and the
 *       bonus tests; {@code all} for every stage.</li>
 *   <li>{@code A+B}: the sum of two names; {@code _}: a number that is not checked.</li>
 * </ul>
 *
 * <p>A number of tests written without a marker ("12 passed", "40 tests") is reported too, so that
 * every such number stays checked.
 */
final class CountCheck {

    private static final Pattern MARKER = Pattern.compile(
            "<!--\\s*counts(?:\\s+after\\s+\"([^\"]*)\")?\\s*:\\s*(.*?)-->", Pattern.DOTALL);
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])(\\d{1,3}(?:,\\d{3})+|\\d+)(?!\\w)");
    private static final Pattern UNMARKED = Pattern.compile(
            "(?<![\\w.])(\\d+) (passed|failed|skipped|tests|graded tests|hidden tests)\\b");

    private final Map<String, Integer> grading = new LinkedHashMap<>();
    private final Map<String, EditionCounts> editions = new LinkedHashMap<>();

    /**
     * @param stages the repository's stages, whose catalogs give the grading counts
     * @param editionCounts counts red gates saw, possibly none
     */
    CountCheck(List<Stage> stages, List<EditionCounts> editionCounts) {
        int tests = 0;
        int points = 0;
        int hidden = 0;
        int bonus = 0;
        for (Stage stage : stages) {
            List<GradedTest> catalog = TestCatalog.of(stage);
            List<GradedTest> core = catalog.stream().filter(t -> !t.bonus()).toList();
            int stagePoints = core.stream().mapToInt(GradedTest::points).sum();
            int stageHidden = (int) catalog.stream().filter(GradedTest::hidden).count();
            int stageBonus = catalog.size() - core.size();
            grading.put("grade:" + stage.module() + ":tests", core.size());
            grading.put("grade:" + stage.module() + ":points", stagePoints);
            grading.put("grade:" + stage.module() + ":hidden", stageHidden);
            grading.put("grade:" + stage.module() + ":bonus", stageBonus);
            tests += core.size();
            points += stagePoints;
            hidden += stageHidden;
            bonus += stageBonus;
        }
        grading.put("grade:all:tests", tests);
        grading.put("grade:all:points", points);
        grading.put("grade:all:hidden", hidden);
        grading.put("grade:all:bonus", bonus);
        for (EditionCounts counts : editionCounts) {
            editions.put(counts.edition(), counts);
        }
    }

    /**
     * Checks a page.
     *
     * @param page the page
     * @param requireEditions true to report a marker whose edition has no counts; false to skip it
     * @return the problems
     */
    List<DocProblem> check(MarkdownPage page, boolean requireEditions) {
        List<DocProblem> problems = new ArrayList<>();
        String text = String.join("\n", page.lines());
        BitSet covered = new BitSet();
        Matcher marker = MARKER.matcher(text);
        while (marker.find()) {
            int markerLine = lineAt(text, marker.start());
            int from = marker.end();
            if (marker.group(1) != null) {
                int anchor = text.indexOf(marker.group(1), from);
                if (anchor < 0) {
                    problems.add(new DocProblem(page.path(), markerLine, "the counts marker looks for \""
                            + marker.group(1) + "\" after it, and it is not there"));
                    continue;
                }
                from = anchor + marker.group(1).length();
            }
            Matcher number = NUMBER.matcher(text);
            for (String name : marker.group(2).strip().split("\\s+")) {
                if (!number.find(from)) {
                    problems.add(new DocProblem(page.path(), markerLine, "the counts marker names " + name
                            + ", but no number follows for it"));
                    break;
                }
                from = number.end();
                covered.set(number.start());
                if (name.equals("_")) {
                    continue;
                }
                int quoted = Integer.parseInt(number.group(1).replace(",", ""));
                int line = lineAt(text, number.start());
                Integer real = 0;
                String missing = null;
                for (String part : name.split("\\+")) {
                    Value value = value(part);
                    if (value.problem() != null) {
                        missing = value.problem();
                        break;
                    }
                    real += value.number();
                }
                if (missing != null) {
                    if (requireEditions || !missing.startsWith("no counts")) {
                        problems.add(new DocProblem(page.path(), line, name + ": " + missing));
                    }
                } else if (real != quoted) {
                    problems.add(new DocProblem(page.path(), line, "says " + quoted + " for " + name + " ("
                            + describe(name) + "), but it is " + real));
                }
            }
        }
        Matcher unmarked = UNMARKED.matcher(text);
        while (unmarked.find()) {
            if (!covered.get(unmarked.start(1))) {
                problems.add(new DocProblem(page.path(), lineAt(text, unmarked.start()), "\"" + unmarked.group()
                        + "\" is a number of tests without a counts marker, so nothing keeps it true; see "
                        + "CountCheck for the marker"));
            }
        }
        return problems;
    }

    /** A quantity's value, or why there is none. */
    private record Value(int number, String problem) {
    }

    private Value value(String name) {
        if (name.startsWith("grade:")) {
            Integer n = grading.get(name);
            return n == null ? new Value(0, "unknown name; grading counts are grade:MODULE:tests, points, hidden or"
                    + " bonus, for a stage's module or all") : new Value(n, null);
        }
        String[] parts = name.split(":");
        if (parts.length != 3) {
            return new Value(0, "unknown name; write EDITION:MODULE:KIND or grade:MODULE:KIND");
        }
        EditionCounts counts = editions.get(parts[0]);
        if (counts == null) {
            return new Value(0, "no counts of the " + parts[0] + " edition: run ./workbook red-gate on a fresh "
                    + parts[0] + " edition and pass the " + EditionCounts.FILE_NAME + " it writes with --counts");
        }
        TestTally tally = counts.tallies().get(parts[1]);
        if (tally == null) {
            return new Value(0, "the " + parts[0] + " edition's counts have no stage " + parts[1]);
        }
        String kind = parts[2];
        if (kind.startsWith("bonus-")) {
            // A stage without bonus tests has none of them to count.
            tally = counts.bonusTallies().getOrDefault(parts[1], new TestTally(0, 0, 0));
            kind = kind.substring("bonus-".length());
        }
        return switch (kind) {
            case "passed" -> new Value(tally.passed(), null);
            case "failed" -> new Value(tally.failed(), null);
            case "skipped" -> new Value(tally.skipped(), null);
            case "total" -> new Value(tally.total(), null);
            default -> new Value(0, "unknown kind " + parts[2] + "; write passed, failed, skipped or total, or"
                    + " bonus-passed, bonus-failed, bonus-skipped or bonus-total");
        };
    }

    private static String describe(String name) {
        if (name.startsWith("grade:")) {
            return "what grading counts, from the test sources";
        }
        return "what ./workbook test counts in a fresh " + name.substring(0, name.indexOf(':'))
                + " edition, as its red gate saw";
    }

    private static int lineAt(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
