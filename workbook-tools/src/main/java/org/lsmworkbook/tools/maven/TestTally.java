package org.lsmworkbook.tools.maven;

import java.util.List;

/**
 * Counts of a list of test results.
 *
 * @param passed tests that passed
 * @param failed tests that failed or ended in an error
 * @param skipped tests that did not run
 */
public record TestTally(int passed, int failed, int skipped) {

    /**
     * Counts results.
     *
     * @param results test cases
     * @return their tally
     */
    public static TestTally of(List<TestCaseResult> results) {
        int passed = 0;
        int failed = 0;
        int skipped = 0;
        for (TestCaseResult result : results) {
            switch (result.outcome()) {
                case PASSED -> passed++;
                case FAILED, ERROR -> failed++;
                case SKIPPED -> skipped++;
                default -> throw new IllegalStateException("unknown outcome " + result.outcome());
            }
        }
        return new TestTally(passed, failed, skipped);
    }

    /**
     * All tests counted.
     *
     * @return passed + failed + skipped
     */
    public int total() {
        return passed + failed + skipped;
    }

    /**
     * The summary used by {@code ./workbook test}.
     *
     * @return e.g. "38 passed, 2 failed, 0 skipped (40 tests)"
     */
    public String describe() {
        return passed + " passed, " + failed + " failed, " + skipped + " skipped (" + total()
                + (total() == 1 ? " test)" : " tests)");
    }
}
