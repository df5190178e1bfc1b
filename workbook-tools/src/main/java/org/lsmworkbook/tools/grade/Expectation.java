package org.lsmworkbook.tools.grade;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lsmworkbook.tools.WorkbookException;

/**
 * What a grade should look like, for checking the grader itself on known editions: the
 * reference edition earns full marks; the student edition as handed out fails every test of the
 * solution and passes every test tagged given or architecture.
 */
public enum Expectation {
    /** Every test passes. */
    FULL,
    /** Every test of the solution fails; every given or architecture test passes. */
    STUBS;

    /**
     * Reads the value of {@code --expect}.
     *
     * @param text "full" or "stubs"
     * @return the expectation
     * @throws WorkbookException for anything else
     */
    public static Expectation parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "full" -> FULL;
            case "stubs" -> STUBS;
            default -> throw WorkbookException.usage("grade: --expect takes 'full' (the reference edition) or"
                    + " 'stubs' (the student edition as handed out), not '" + text + "'");
        };
    }

    /**
     * Lists the tests that do not meet the expectation.
     *
     * @param report a grade
     * @return one line per offending test, empty if the grade is as expected
     */
    public List<String> offenses(GradeReport report) {
        List<String> offenses = new ArrayList<>();
        for (StageGrade stage : report.stages()) {
            for (TestScore score : stage.scores()) {
                boolean shouldPass = this == FULL || !score.test().solution();
                if (score.passed() != shouldPass) {
                    offenses.add(stage.module() + ": " + score.test().key() + " should "
                            + (shouldPass ? "pass" : "fail") + (score.passed() ? " but passed" : " but failed: "
                            + score.output()));
                }
            }
        }
        return offenses;
    }
}
