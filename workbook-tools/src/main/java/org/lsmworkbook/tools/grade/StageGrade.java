package org.lsmworkbook.tools.grade;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lsmworkbook.tools.maven.TestCaseResult;

/**
 * A stage's grade: every graded test of the official suite with its score, whatever happened to
 * the build, so that the maximum never depends on the submission.
 *
 * @param module the stage's module
 * @param day the stage's day number
 * @param outcome what the stage's run produced
 * @param scores one entry per graded test, in catalog order
 */
public record StageGrade(String module, int day, StageOutcome outcome, List<TestScore> scores) {

    /** Copies the list so that the record cannot change. */
    public StageGrade {
        scores = List.copyOf(scores);
    }

    /**
     * Scores a stage's catalog against its outcome. A test passes when surefire reported it and
     * none of its invocations failed, errored or was skipped; a test without a report scores 0.
     *
     * @param day the stage's day number
     * @param catalog the stage's graded tests
     * @param outcome the stage's run
     * @return the grade
     */
    public static StageGrade score(int day, List<GradedTest> catalog, StageOutcome outcome) {
        Map<String, List<TestCaseResult>> byKey = new LinkedHashMap<>();
        for (TestCaseResult result : outcome.results()) {
            byKey.computeIfAbsent(result.className() + "#" + baseName(result.name()), k -> new ArrayList<>())
                    .add(result);
        }
        String notRun = switch (outcome.status()) {
            case TESTED -> "did not run: no result was reported, or its report was not believed (see the stage's notes)";
            case BLOCKED -> "not run: " + outcome.problems().get(0);
            default -> "not run: " + outcome.module() + " " + outcome.status().label();
        };
        List<TestScore> scores = new ArrayList<>();
        for (GradedTest test : catalog) {
            List<TestCaseResult> runs = byKey.getOrDefault(test.key(), List.of());
            if (runs.isEmpty()) {
                scores.add(new TestScore(test, false, 0, notRun));
                continue;
            }
            TestCaseResult bad = runs.stream().filter(r -> r.outcome() != TestCaseResult.Outcome.PASSED)
                    .findFirst().orElse(null);
            if (bad == null) {
                scores.add(new TestScore(test, true, test.points(), ""));
            } else if (bad.outcome() == TestCaseResult.Outcome.SKIPPED) {
                scores.add(new TestScore(test, false, 0, "skipped" + (runs.size() > 1 ? " (" + bad.name() + ")" : "")));
            } else {
                String which = runs.size() > 1 ? bad.name() + ": " : "";
                String message = bad.message().isEmpty() ? bad.outcome().name().toLowerCase() : bad.message();
                scores.add(new TestScore(test, false, 0, which + message));
            }
        }
        return new StageGrade(outcome.module(), day, outcome, scores);
    }

    /** Surefire's name of an invocation without its parameters: "m(long)[2]" is "m". */
    static String baseName(String reported) {
        int cut = reported.length();
        for (char c : new char[] {'(', '['}) {
            int at = reported.indexOf(c);
            if (at >= 0 && at < cut) {
                cut = at;
            }
        }
        return reported.substring(0, cut);
    }

    /**
     * How many graded tests of the core passed (bonus tests aside; see {@link #bonusPassed()}).
     *
     * @return the count
     */
    public int passed() {
        return (int) core().filter(TestScore::passed).count();
    }

    /**
     * How many graded tests the core has (bonus tests aside).
     *
     * @return the count
     */
    public int tests() {
        return (int) core().count();
    }

    /**
     * The points earned, extra credit included: the score, which may be above {@link #maxPoints()}.
     *
     * @return the sum of the scores
     */
    public int points() {
        return scores.stream().mapToInt(TestScore::score).sum();
    }

    /**
     * The points the stage is worth: its core tests' points. Bonus tests are extra credit and
     * never count here, so a student who skips them can still earn the maximum.
     *
     * @return the sum of the core tests' points
     */
    public int maxPoints() {
        return core().mapToInt(s -> s.test().points()).sum();
    }

    /**
     * The points earned with the core tests.
     *
     * @return the sum of the core tests' scores
     */
    public int corePoints() {
        return core().mapToInt(TestScore::score).sum();
    }

    /**
     * The extra credit earned: the points of the bonus tests that passed.
     *
     * @return the sum of the bonus tests' scores
     */
    public int bonusPoints() {
        return bonus().mapToInt(TestScore::score).sum();
    }

    /**
     * The extra credit on offer: the points of all bonus tests.
     *
     * @return the sum of the bonus tests' points, 0 for a stage without bonus tests
     */
    public int bonusMaxPoints() {
        return bonus().mapToInt(s -> s.test().points()).sum();
    }

    /**
     * How many bonus tests passed.
     *
     * @return the count
     */
    public int bonusPassed() {
        return (int) bonus().filter(TestScore::passed).count();
    }

    /**
     * How many bonus tests the stage has.
     *
     * @return the count, 0 for a stage without bonus tests (or graded with them off)
     */
    public int bonusTests() {
        return (int) bonus().count();
    }

    private java.util.stream.Stream<TestScore> core() {
        return scores.stream().filter(s -> !s.test().bonus());
    }

    private java.util.stream.Stream<TestScore> bonus() {
        return scores.stream().filter(s -> s.test().bonus());
    }
}
