package org.lsmworkbook.tools.gate;

import java.util.List;
import org.lsmworkbook.tools.maven.TestCaseResult;

/**
 * The test results of one stage in the two steps of the red gate.
 *
 * @param module the stage's module, e.g. "day1-block"
 * @param role stubbed or solved
 * @param graded results of the graded tests (not tagged given or architecture); empty if none ran
 * @param givenAndArchitecture results of the tests tagged given or architecture; empty if none ran
 */
public record StageRun(String module, StageRole role, List<TestCaseResult> graded,
        List<TestCaseResult> givenAndArchitecture) {

    /** Copies the lists so that the record cannot change. */
    public StageRun {
        graded = List.copyOf(graded);
        givenAndArchitecture = List.copyOf(givenAndArchitecture);
    }
}
