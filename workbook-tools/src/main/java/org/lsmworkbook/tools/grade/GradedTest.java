package org.lsmworkbook.tools.grade;

/**
 * One test method of the official test suite, as grading counts it. A parameterized method is one
 * graded test: it passes only if every one of its invocations passes.
 *
 * @param module the stage's module, e.g. "day1-block"
 * @param className the test class, e.g. "org.lsmworkbook.block.BlockBuilderTest"
 * @param method the method's name, e.g. "an_empty_key_is_rejected"
 * @param displayName what a student reads, e.g. "Day 1 · Task 1 — BlockBuilder › an empty key is rejected"
 * @param points what the test is worth when it passes
 * @param hidden true for a test left out of the student edition
 * @param solution true for a test of the student's solution; false for one tagged {@code given}
 *     (it tests code the student receives) or {@code architecture} (a layering rule), which passes
 *     on the student edition as handed out
 * @param bonus true for a test of a bonus task (tagged {@code bonus}): its points are extra credit,
 *     earned when it passes but never part of the maximum
 */
public record GradedTest(String module, String className, String method, String displayName, int points,
        boolean hidden, boolean solution, boolean bonus) {

    /**
     * A test of a core task, given code or an architecture rule: not a bonus test.
     *
     * @param module the stage's module
     * @param className the test class
     * @param method the method's name
     * @param displayName what a student reads
     * @param points what the test is worth when it passes
     * @param hidden true for a test left out of the student edition
     * @param solution true for a test of the student's solution
     */
    public GradedTest(String module, String className, String method, String displayName, int points,
            boolean hidden, boolean solution) {
        this(module, className, method, displayName, points, hidden, solution, false);
    }

    /**
     * The key that ties the test to surefire's reports.
     *
     * @return e.g. "org.lsmworkbook.block.BlockBuilderTest#an_empty_key_is_rejected"
     */
    public String key() {
        return className + "#" + method;
    }

    /**
     * The key of the graded test a surefire result belongs to: a parameterized or repeated test's
     * invocations share their method's key.
     *
     * @param result a test case from surefire's reports
     * @return e.g. "org.lsmworkbook.block.BlockTest#random_blocks" for "random_blocks(long)[3]"
     */
    public static String keyOf(org.lsmworkbook.tools.maven.TestCaseResult result) {
        return result.className() + "#" + StageGrade.baseName(result.name());
    }
}
