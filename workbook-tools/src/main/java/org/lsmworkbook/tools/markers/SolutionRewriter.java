package org.lsmworkbook.tools.markers;

import java.util.List;

/**
 * Rewrites a file with valid markers for an edition: either stubbed (the student's starting
 * point) or solved (a checkpoint stage before day N: code kept, marker lines dropped).
 */
public final class SolutionRewriter {

    private SolutionRewriter() {
    }

    /**
     * Replaces every region: regions in type bodies or at file level disappear, regions in code
     * bodies become a TODO comment and a throw at the BEGIN marker's indentation.
     *
     * @param text the file's content
     * @param regions the file's regions, as parsed from the same text
     * @param stub the stub text for the file's stage
     * @return the student's version of the file
     */
    public static String stub(String text, List<Region> regions, StubText stub) {
        List<String> lines = SourceLines.split(text);
        StringBuilder out = new StringBuilder(text.length());
        int next = 1;
        for (Region region : regions) {
            appendLines(out, lines, next, region.beginLine() - 1);
            if (region.placement() == Region.Placement.STUBBED) {
                appendStub(out, lines, region, stub);
            }
            next = region.endLine() + 1;
        }
        appendLines(out, lines, next, lines.size());
        return out.toString();
    }

    /** A TODO line, and a throw unless the region is chained to an earlier one in its body. */
    private static void appendStub(StringBuilder out, List<String> lines, Region region, StubText stub) {
        String eol = SourceLines.terminator(lines.get(region.beginLine() - 1));
        out.append(region.indent()).append(stub.todoLine(region)).append(eol);
        if (!region.chained()) {
            out.append(region.indent()).append(stub.throwLine(region)).append(eol);
        }
    }

    /**
     * Keeps the solution code and drops only the marker lines.
     *
     * @param text the file's content
     * @param regions the file's regions, as parsed from the same text
     * @return the solved version of the file
     */
    public static String solve(String text, List<Region> regions) {
        List<String> lines = SourceLines.split(text);
        StringBuilder out = new StringBuilder(text.length());
        int next = 1;
        for (Region region : regions) {
            appendLines(out, lines, next, region.beginLine() - 1);
            appendLines(out, lines, region.beginLine() + 1, region.endLine() - 1);
            next = region.endLine() + 1;
        }
        appendLines(out, lines, next, lines.size());
        return out.toString();
    }

    /**
     * Keeps the regions a predicate selects, as {@link #solve} does, and stubs or removes the
     * others, as {@link #stub} does: the edition of a stage in which only some tasks are written.
     *
     * @param text the file's content
     * @param regions the file's regions, as parsed from the same text
     * @param stub the stub text for the file's stage
     * @param keep which regions stay solved
     * @return the partly solved version of the file
     */
    public static String partial(String text, List<Region> regions, StubText stub,
            java.util.function.Predicate<Region> keep) {
        List<String> lines = SourceLines.split(text);
        StringBuilder out = new StringBuilder(text.length());
        int next = 1;
        for (Region region : regions) {
            appendLines(out, lines, next, region.beginLine() - 1);
            if (keep.test(region)) {
                appendLines(out, lines, region.beginLine() + 1, region.endLine() - 1);
            } else if (region.placement() == Region.Placement.STUBBED) {
                appendStub(out, lines, region, stub);
            }
            next = region.endLine() + 1;
        }
        appendLines(out, lines, next, lines.size());
        return out.toString();
    }

    /** Appends lines {@code from..to} (1-based, inclusive; nothing if {@code to < from}). */
    private static void appendLines(StringBuilder out, List<String> lines, int from, int to) {
        for (int n = from; n <= to; n++) {
            out.append(lines.get(n - 1));
        }
    }
}
