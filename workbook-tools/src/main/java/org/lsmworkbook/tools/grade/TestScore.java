package org.lsmworkbook.tools.grade;

/**
 * How one graded test did.
 *
 * @param test the test
 * @param passed true if it ran and every invocation passed
 * @param score the points it earned: all of {@code test.points()} or none
 * @param output why it failed (the failure's first line), or empty when it passed
 */
public record TestScore(GradedTest test, boolean passed, int score, String output) {
}
