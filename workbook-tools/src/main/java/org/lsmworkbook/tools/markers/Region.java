package org.lsmworkbook.tools.markers;

/**
 * One solution region: the lines from a BEGIN marker to its END marker (see {@link Markers}).
 *
 * @param beginLine 1-based line of the BEGIN marker
 * @param endLine 1-based line of the END marker
 * @param label the text after the BEGIN marker, e.g. "Task 2"; empty when there is none
 * @param placement whether the region disappears or becomes a stub in a student edition
 * @param indent the BEGIN marker's leading whitespace, reused for the stub lines
 * @param typeName innermost enclosing named type (for stubs; null for a removed region)
 * @param memberName enclosing method, or the type name for a constructor; null in an initializer
 * @param chained true for a region that follows another region of an earlier task in the same body
 *     (the later task finishes the method): its stub is the TODO comment alone, since the code before
 *     it either throws already (stubbed) or must keep working (written)
 */
public record Region(int beginLine, int endLine, String label, Placement placement, String indent,
        String typeName, String memberName, boolean chained) {

    /**
     * A region that follows no other region in its body.
     *
     * @param beginLine 1-based line of the BEGIN marker
     * @param endLine 1-based line of the END marker
     * @param label the text after the BEGIN marker
     * @param placement removed or stubbed
     * @param indent the BEGIN marker's leading whitespace
     * @param typeName innermost enclosing named type
     * @param memberName enclosing method or constructor
     */
    public Region(int beginLine, int endLine, String label, Placement placement, String indent,
            String typeName, String memberName) {
        this(beginLine, endLine, label, placement, indent, typeName, memberName, false);
    }

    /** What becomes of a region in a student edition. */
    public enum Placement {
        /** In a type body or at file level: the region disappears, marker lines included. */
        REMOVED,
        /** In a code body: the region becomes a TODO comment and a throwing statement. */
        STUBBED
    }

    /**
     * The name a student sees for the code to write: {@code Type.method}, {@code the Type
     * constructor}, or {@code Type initializer}.
     *
     * @return the member's display name
     */
    public String memberDisplayName() {
        if (memberName == null) {
            return typeName + " initializer";
        }
        return memberName.equals(typeName) ? "the " + typeName + " constructor" : typeName + "." + memberName;
    }

    /**
     * The task the region belongs to, from its label ("Task 2" is task 2).
     *
     * @return the task number, or 0 if the label names no task (a region around whole members)
     */
    public int task() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\bTask (\\d+)\\b").matcher(label);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /**
     * Whether the region belongs to a bonus task: its label says {@code (bonus}, e.g.
     * "Task 6 (bonus: bloom filter)". A bonus task is numbered after the stage's core tasks and is
     * stubbed like any other; only the per-task gate and grading tell it apart.
     *
     * @return true for a bonus task's region
     */
    public boolean bonus() {
        return label.contains("(bonus");
    }
}
