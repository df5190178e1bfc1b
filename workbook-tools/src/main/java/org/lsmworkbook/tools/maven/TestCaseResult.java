package org.lsmworkbook.tools.maven;

/**
 * One test case from a surefire XML report.
 *
 * @param className the test class, e.g. "org.lsmworkbook.block.BlockTest" (nested: "...BlockTest$Inner")
 * @param name the test method as surefire names it, e.g. "add" or "param(int)[1]"
 * @param outcome how it ended
 */
public record TestCaseResult(String className, String name, Outcome outcome) {

    /** How a test ended. */
    public enum Outcome {
        /** The test ran and passed. */
        PASSED,
        /** An assertion failed. */
        FAILED,
        /** The test threw something other than an assertion error (e.g. a stub's exception). */
        ERROR,
        /** The test did not run (disabled, assumption failed). */
        SKIPPED;

        /**
         * Tells whether the outcome is a failure of either kind.
         *
         * @return true for FAILED and ERROR
         */
        public boolean isFailure() {
            return this == FAILED || this == ERROR;
        }
    }

    /**
     * The test's name as {@code Class#method}, the form surefire's -Dtest accepts.
     *
     * @return e.g. "org.lsmworkbook.block.BlockTest#add"
     */
    public String displayName() {
        return className + "#" + name;
    }
}
