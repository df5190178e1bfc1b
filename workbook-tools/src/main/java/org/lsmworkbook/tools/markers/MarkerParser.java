package org.lsmworkbook.tools.markers;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the solution regions of one Java file and decides, from the brace structure around each
 * BEGIN marker, whether the region disappears from a student edition or becomes a stub. It
 * collects every problem instead of stopping at the first, so an author fixes them in one go.
 */
public final class MarkerParser {

    private final String path;
    private final List<MarkerProblem> problems = new ArrayList<>();
    private final List<Region> regions = new ArrayList<>();
    /** Code-body regions followed by more code in their body, to be checked once every region is known. */
    private final List<Pending> followed = new ArrayList<>();
    /** The body each code-body region sits in, by its BEGIN line. */
    private final java.util.Map<Integer, BraceFrame> frames = new java.util.HashMap<>();

    /** A region whose body goes on after it: valid only if what follows is a later task's region. */
    private record Pending(Region region, BraceFrame frame, int codeLine) {
    }

    private MarkerParser(String path) {
        this.path = path;
    }

    /**
     * Parses a file's markers.
     *
     * @param path the file's path relative to the repository root, used in problem messages
     * @param text the file's content
     * @return the regions, or the problems found
     */
    public static MarkedFile parse(String path, String text) {
        MarkerParser parser = new MarkerParser(path);
        parser.run(text);
        if (!parser.problems.isEmpty()) {
            return new MarkedFile(List.of(), parser.problems);
        }
        return new MarkedFile(parser.regions, List.of());
    }

    /** What is known about a BEGIN marker while its region is open. */
    private record Open(int line, String label, String indent, BraceFrame frame, int depth, Token before,
            String typeName) {
    }

    private void run(String text) {
        JavaLexer.Lexed lexed = JavaLexer.lex(text);
        List<String> lines = SourceLines.split(text);
        BraceWalker walker = new BraceWalker(lexed.tokens());
        Open open = null;
        int nestedOpen = 0;
        for (int n = 1; n <= lines.size(); n++) {
            String content = SourceLines.content(lines.get(n - 1));
            if (lexed.startsInsideText(n) || !(Markers.isBegin(content) || Markers.isEnd(content))) {
                continue;
            }
            walker.advanceBefore(n);
            if (Markers.isBegin(content)) {
                if (open != null) {
                    nestedOpen++;
                    problem(n, "nested region: the region opened at line " + open.line()
                            + " is still open; close it with '" + Markers.END + "' first");
                } else {
                    open = new Open(n, Markers.label(content), SourceLines.indentation(content), walker.current(),
                            walker.depth(), walker.previous(), walker.innermostTypeName());
                }
            } else if (open == null) {
                problem(n, "'" + Markers.END + "' without a '" + Markers.BEGIN + "' before it");
            } else if (nestedOpen > 0) {
                nestedOpen--; // closes a nested region already reported
            } else {
                close(open, n, walker);
                open = null;
            }
        }
        if (open != null) {
            problem(open.line(), "'" + Markers.BEGIN + "' without a matching '" + Markers.END
                    + "' before the end of the file");
        }
        for (Pending pending : followed) {
            chain(pending);
        }
    }

    /**
     * A region followed by more code in its body is valid when that code is the next region of the
     * same body, of a later task (the later task finishes the method); that region is then chained.
     */
    private void chain(Pending pending) {
        Region first = pending.region();
        for (int i = 0; i < regions.size(); i++) {
            Region next = regions.get(i);
            if (next.beginLine() > first.endLine() && next.beginLine() < pending.codeLine()
                    && pending.codeLine() < next.endLine() && frames.get(next.beginLine()) == pending.frame()
                    && next.task() > first.task() && first.task() > 0) {
                regions.set(i, new Region(next.beginLine(), next.endLine(), next.label(), next.placement(),
                        next.indent(), next.typeName(), next.memberName(), true));
                return;
            }
        }
        problem(first.endLine(), "code follows the region in the same body (line " + pending.codeLine()
                + "); the stub throws, so that code would be unreachable: move it into the region, end the"
                + " region at the body's '}', or make that code a region of a later task");
    }

    private void close(Open open, int endLine, BraceWalker walker) {
        if (walker.current() != open.frame()) {
            problem(endLine, "the region from line " + open.line() + " does not balance its braces ('"
                    + Markers.BEGIN + "' at brace depth " + open.depth() + ", '" + Markers.END
                    + "' at depth " + walker.depth() + ")");
            return;
        }
        BraceFrame frame = open.frame();
        boolean inCode = frame != null && frame.kind == BraceFrame.Kind.CODE;
        if (frame != null && frame.kind == BraceFrame.Kind.OTHER) {
            problem(open.line(), "the region sits inside braces that are neither a type body nor a code body"
                    + " (an array initializer?); put the markers around whole members or statements");
            return;
        }
        if (!startsAtBoundary(open.before(), inCode)) {
            problem(open.line(), "the region starts in the middle of a " + (inCode ? "statement" : "declaration")
                    + " (after '" + open.before().text() + "'); put the marker between "
                    + (inCode ? "statements" : "members"));
            return;
        }
        Token last = walker.previous();
        if (last != open.before() && !(last.is(";") || last.is("}"))) {
            problem(endLine, "the region ends in the middle of a " + (inCode ? "statement" : "declaration")
                    + " (after '" + last.text() + "'); put the marker after a complete "
                    + (inCode ? "statement" : "member"));
            return;
        }
        if (!inCode) {
            regions.add(new Region(open.line(), endLine, open.label(), Region.Placement.REMOVED, open.indent(),
                    null, null));
            return;
        }
        if (open.label().isEmpty()) {
            problem(open.line(), "a region inside a method body needs a task label, e.g. '"
                    + Markers.BEGIN + " Task 2', because its stub names the task");
            return;
        }
        Region region = new Region(open.line(), endLine, open.label(), Region.Placement.STUBBED, open.indent(),
                open.typeName(), frame.memberName);
        Token after = walker.upcoming();
        if (after == null || !after.is("}")) {
            followed.add(new Pending(region, frame, after == null ? endLine : after.line()));
        }
        frames.put(open.line(), frame);
        regions.add(region);
    }

    private static boolean startsAtBoundary(Token before, boolean inCode) {
        if (before == null) {
            return !inCode;
        }
        return before.is("{") || before.is("}") || before.is(";") || (inCode && before.is(":"));
    }

    private void problem(int line, String message) {
        problems.add(new MarkerProblem(path, line, message));
    }
}
