package org.lsmworkbook.tools.grade;

import java.util.ArrayList;
import java.util.List;

/**
 * The grade of a whole submission: the table an instructor reads, and Gradescope's
 * {@code results.json}.
 *
 * @param stages every stage's grade, in course order
 * @param notes what was left out of the submission or missing from it
 * @param seconds how long grading took
 * @param leaderboard the submission's leaderboard entries and notes ({@link Leaderboard#off()} when
 *     none was asked for); it never changes the score
 */
public record GradeReport(List<StageGrade> stages, List<String> notes, long seconds, Leaderboard leaderboard) {

    /** How many failed tests a stage lists in the text report. */
    static final int MAX_FAILURES_LISTED = 15;

    /**
     * The most characters of a test's {@code output} in {@code results.json}: the failure message
     * is the student's code talking, so it is cut, with " ..." at the end.
     */
    public static final int MAX_TEST_OUTPUT = 2_000;

    /** The most characters of one line of the overall {@code output} (notes name submitted files). */
    public static final int MAX_OUTPUT_LINE = 500;

    /** The most characters of the overall {@code output} of {@code results.json}. */
    public static final int MAX_OUTPUT = 20_000;

    /** Copies the lists so that the record cannot change. */
    public GradeReport {
        stages = List.copyOf(stages);
        notes = List.copyOf(notes);
        leaderboard = leaderboard == null ? Leaderboard.off() : leaderboard;
    }

    /**
     * A grade without a leaderboard.
     *
     * @param stages every stage's grade, in course order
     * @param notes what was left out of the submission or missing from it
     * @param seconds how long grading took
     */
    public GradeReport(List<StageGrade> stages, List<String> notes, long seconds) {
        this(stages, notes, seconds, Leaderboard.off());
    }

    /**
     * The same grade with a leaderboard.
     *
     * @param board the leaderboard
     * @return the report
     */
    public GradeReport withLeaderboard(Leaderboard board) {
        return new GradeReport(stages, notes, seconds, board);
    }

    /**
     * The points earned over all stages, extra credit included: the score, which may be above
     * {@link #maxPoints()}.
     *
     * @return the total score
     */
    public int points() {
        return stages.stream().mapToInt(StageGrade::points).sum();
    }

    /**
     * The points all stages are worth, without extra credit.
     *
     * @return the maximum score
     */
    public int maxPoints() {
        return stages.stream().mapToInt(StageGrade::maxPoints).sum();
    }

    /**
     * The extra credit earned over all stages (bonus tests that passed).
     *
     * @return the points
     */
    public int bonusPoints() {
        return stages.stream().mapToInt(StageGrade::bonusPoints).sum();
    }

    /**
     * The extra credit on offer over all stages.
     *
     * @return the points of every bonus test, 0 when there are none (or grading left them out)
     */
    public int bonusMaxPoints() {
        return stages.stream().mapToInt(StageGrade::bonusMaxPoints).sum();
    }

    /**
     * Whether any stage was graded with bonus tests.
     *
     * @return true if the table has an extra-credit column
     */
    public boolean hasBonus() {
        return stages.stream().anyMatch(s -> s.bonusTests() > 0);
    }

    /**
     * The table: one row per stage (tests passed / total, points / maximum, status), then a total.
     * When bonus tests were graded, a column shows each stage's extra credit (points earned / on
     * offer) and a last line the score, extra credit included, against the maximum without it.
     *
     * @return the lines
     */
    public List<String> table() {
        boolean bonus = hasBonus();
        List<String> lines = new ArrayList<>();
        String format = bonus ? "%-18s %-22s %-10s %-10s %s" : "%-18s %-22s %-10s %s";
        lines.add(bonus ? String.format(format, "stage", "status", "tests", "points", "extra credit")
                : String.format(format, "stage", "status", "tests", "points"));
        int passed = 0;
        int total = 0;
        int core = 0;
        for (StageGrade stage : stages) {
            String tests = stage.passed() + "/" + stage.tests();
            String points = stage.corePoints() + "/" + stage.maxPoints();
            String status = stage.outcome().status().label();
            lines.add(bonus ? String.format(format, stage.module(), status, tests, points, extraCredit(stage.bonusPoints(),
                    stage.bonusMaxPoints())) : String.format(format, stage.module(), status, tests, points));
            passed += stage.passed();
            total += stage.tests();
            core += stage.corePoints();
        }
        String tests = passed + "/" + total;
        String points = core + "/" + maxPoints();
        lines.add(bonus ? String.format(format, "total", "", tests, points, extraCredit(bonusPoints(), bonusMaxPoints()))
                : String.format(format, "total", "", tests, points));
        if (bonus) {
            lines.add("score: " + points() + " = " + core + " + " + bonusPoints() + " extra credit (maximum "
                    + maxPoints() + " without extra credit; " + bonusMaxPoints() + " points of extra credit on offer)");
        }
        return lines;
    }

    /** "3/5", or "-" for a stage without bonus tests. */
    private static String extraCredit(int earned, int offered) {
        return offered == 0 ? "-" : earned + "/" + offered;
    }

    /**
     * The details under the table: notes about the submission, then for each stage its problems
     * and its failed tests with their messages.
     *
     * @return the lines, empty when everything passed and nothing was noted
     */
    public List<String> details() {
        List<String> lines = new ArrayList<>();
        notes.forEach(note -> lines.add("note: " + note));
        for (StageGrade stage : stages) {
            List<String> block = new ArrayList<>();
            stage.outcome().problems().forEach(p -> block.add("  " + p));
            if (stage.outcome().status() == StageStatus.TESTED) {
                // The core's failures first: a bonus test that fails costs nothing.
                List<TestScore> failed = stage.scores().stream().filter(s -> !s.passed())
                        .sorted(java.util.Comparator.comparing(s -> s.test().bonus())).toList();
                for (TestScore score : failed.subList(0, Math.min(failed.size(), MAX_FAILURES_LISTED))) {
                    block.add("  FAILED " + score.test().displayName() + (score.test().hidden() ? " [hidden]" : "")
                            + (score.test().bonus() ? " [bonus]" : ""));
                    block.add("         " + shorten(score.output(), 200));
                }
                if (failed.size() > MAX_FAILURES_LISTED) {
                    block.add("  ... and " + (failed.size() - MAX_FAILURES_LISTED) + " more failed tests");
                }
            }
            if (!block.isEmpty()) {
                lines.add(stage.module() + ":");
                lines.addAll(block);
            }
        }
        return lines;
    }

    /**
     * Gradescope's {@code results.json}: the total score, the time, the table as the overall
     * output, and one entry per graded test. Hidden tests are shown to students only after the
     * grades are published. A bonus test is extra credit: its {@code max_score} is 0 and its
     * {@code score} its points when it passed, so the total may exceed the assignment's maximum
     * (Gradescope accepts that), and its name ends in "[extra credit]". With leaderboard entries, also Gradescope's {@code leaderboard} array
     * ({@code name}, {@code value}, {@code order}); the leaderboard's notes go into the output.
     *
     * @return the JSON document
     */
    public String toJson() {
        StringBuilder json = new StringBuilder();
        json.append("{\n");
        json.append("  \"score\": ").append(points()).append(",\n");
        json.append("  \"execution_time\": ").append(seconds).append(",\n");
        List<String> output = new ArrayList<>(table());
        List<String> problems = new ArrayList<>();
        notes.forEach(note -> problems.add("note: " + note));
        for (StageGrade stage : stages) {
            if (!stage.outcome().problems().isEmpty()) {
                problems.add(stage.module() + ":");
                stage.outcome().problems().forEach(p -> problems.add("  " + p));
            }
        }
        if (!problems.isEmpty()) {
            output.add("");
            output.addAll(problems);
        }
        if (!leaderboard.lines().isEmpty()) {
            output.add("");
            output.addAll(leaderboard.lines());
        }
        List<String> capped = output.stream().map(line -> cap(line, MAX_OUTPUT_LINE)).toList();
        json.append("  \"output\": ").append(Json.quote(cap(String.join("\n", capped), MAX_OUTPUT))).append(",\n");
        json.append("  \"stdout_visibility\": \"hidden\",\n");
        json.append("  \"tests\": [");
        String separator = "\n";
        for (StageGrade stage : stages) {
            int number = 0;
            for (TestScore score : stage.scores()) {
                number++;
                GradedTest test = score.test();
                json.append(separator);
                separator = ",\n";
                json.append("    {")
                        .append("\"name\": ").append(Json.quote(nameOf(stage, test)
                                + (test.bonus() ? " [extra credit]" : "")))
                        .append(", \"number\": ").append(Json.quote(stage.day() + "." + number))
                        .append(", \"score\": ").append(score.score())
                        .append(", \"max_score\": ").append(test.bonus() ? 0 : test.points())
                        .append(", \"status\": ").append(Json.quote(score.passed() ? "passed" : "failed"))
                        .append(", \"output\": ").append(Json.quote(cap(score.output(), MAX_TEST_OUTPUT)))
                        .append(", \"visibility\": ").append(Json.quote(test.hidden() ? "after_published" : "visible"))
                        .append('}');
            }
        }
        json.append("\n  ]");
        if (!leaderboard.entries().isEmpty()) {
            json.append(",\n  \"leaderboard\": [");
            String between = "\n";
            for (LeaderboardEntry entry : leaderboard.entries()) {
                json.append(between).append("    ").append(entry.toJson());
                between = ",\n";
            }
            json.append("\n  ]");
        }
        json.append("\n}\n");
        return json.toString();
    }

    /**
     * A {@code results.json} for a submission that could not be graded at all.
     *
     * @param reason what went wrong, for the student
     * @return the JSON document, with score 0 and no tests
     */
    public static String failure(String reason) {
        return "{\n  \"score\": 0,\n  \"execution_time\": 0,\n  \"output\": " + Json.quote(cap(reason, MAX_OUTPUT))
                + ",\n  \"tests\": []\n}\n";
    }

    /** The test's name for students: its display name, after the stage's when that does not say the day. */
    private static String nameOf(StageGrade stage, GradedTest test) {
        return test.displayName().startsWith("Day ") ? test.displayName() : stage.module() + " · " + test.displayName();
    }

    /** The text, cut to at most {@code max} characters with " ..." at the end when it is longer. */
    static String cap(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 4) + " ...";
    }

    private static String shorten(String text, int max) {
        String oneLine = text.replace('\n', ' ');
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 3) + "...";
    }
}
