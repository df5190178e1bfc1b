package org.lsmworkbook.tools.grade;

import java.util.List;
import org.lsmworkbook.tools.maven.TestCaseResult;

/**
 * What one stage's grading run produced.
 *
 * @param module the stage's module
 * @param status how far it got
 * @param results the test cases surefire reported (empty unless tests ran)
 * @param problems why it did not get further: the compiler's first errors, or a one-line reason
 * @param seconds how long its Maven run took
 */
public record StageOutcome(String module, StageStatus status, List<TestCaseResult> results, List<String> problems,
        long seconds) {

    /** Copies the lists so that the record cannot change. */
    public StageOutcome {
        results = List.copyOf(results);
        problems = List.copyOf(problems);
    }
}
