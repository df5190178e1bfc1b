package org.lsmworkbook.tools.markers;

/**
 * The two lines that replace a solution region in a method body: a TODO comment that IDEs list,
 * and a throw whose message tells a student which task of which chapter is missing when a test
 * runs into it.
 *
 * @param day the stage's day number, e.g. 1
 * @param chapter the chapter's path, e.g. "docs/day1-block.md"
 */
public record StubText(int day, String chapter) {

    /**
     * The TODO comment line, without indentation or line terminator.
     *
     * @param region a stubbed region
     * @return e.g. {@code // TODO Day 1, Task 2: write BlockBuilder.add (see docs/day1-block.md)}
     */
    public String todoLine(Region region) {
        return "// TODO Day " + day + ", " + region.label() + ": write " + region.memberDisplayName()
                + " (see " + chapter + ")";
    }

    /**
     * The throw statement line, without indentation or line terminator.
     *
     * @param region a stubbed region
     * @return e.g. {@code throw new UnsupportedOperationException("Day 1, Task 2: BlockBuilder.add is not
     *     written yet (see docs/day1-block.md)");}
     */
    public String throwLine(Region region) {
        String message = "Day " + day + ", " + region.label() + ": " + region.memberDisplayName()
                + " is not written yet (see " + chapter + ")";
        return "throw new UnsupportedOperationException(\"" + escape(message) + "\");";
    }

    /** Labels are free text: keep quotes and backslashes in them from breaking the string literal. */
    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
