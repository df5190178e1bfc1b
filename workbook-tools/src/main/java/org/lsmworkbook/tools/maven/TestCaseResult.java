package org.lsmworkbook.tools.maven;

/**
 * One test case from a surefire XML report.
 *
 * @param className the test class, e.g. "org.lsmworkbook.block.BlockTest" (nested: "...BlockTest$Inner")
 * @param name the test method as surefire names it, e.g. "add" or "param(int)[1]"
 * @param outcome how it ended
 * @param message for a failure or an error, the first line of its message (what a student reads
 *     first); empty otherwise
 * @param detail for a failure or an error, its whole message, at most {@link #MAX_TEXT} characters;
 *     empty otherwise
 * @param trace for a failure or an error, the stack trace surefire recorded, at most
 *     {@link #MAX_TEXT} characters; empty otherwise
 */
public record TestCaseResult(String className, String name, Outcome outcome, String message, String detail,
        String trace) {

    /** The most characters of a message or a stack trace that a result keeps. */
    public static final int MAX_TEXT = 16_384;

    /**
     * A result whose whole message is its first line, without a stack trace.
     *
     * @param className the test class
     * @param name the test method as surefire names it
     * @param outcome how it ended
     * @param message the first line of its message, or empty
     */
    public TestCaseResult(String className, String name, Outcome outcome, String message) {
        this(className, name, outcome, message, message, "");
    }

    /**
     * A result without a message.
     *
     * @param className the test class
     * @param name the test method as surefire names it
     * @param outcome how it ended
     */
    public TestCaseResult(String className, String name, Outcome outcome) {
        this(className, name, outcome, "");
    }

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
