package org.lsmworkbook.tools.markers;

/**
 * The marker lines that delimit solution code. Both texts live here, once each, so that the rest
 * of the tools can name them without spelling them out.
 */
public final class Markers {

    // Each text is spelled in two parts: this file is copied into every student edition, and an
    // edition must not contain the marker texts anywhere (CI greps for them).
    private static final String WORD = " SOLUTION";

    /** A line whose trimmed text starts with this (plus an optional label) opens a region. */
    public static final String BEGIN = "// BEGIN" + WORD;
    /** A line whose trimmed text is exactly this closes a region. */
    public static final String END = "// END" + WORD;

    private Markers() {
    }

    /**
     * Tells whether a line opens a region. The prefix must end the line or be followed by
     * whitespace, so that a longer word starting with the marker text is not a marker.
     *
     * @param line a line's content, not trimmed
     * @return true for a BEGIN marker line
     */
    public static boolean isBegin(String line) {
        String trimmed = line.strip();
        return trimmed.startsWith(BEGIN)
                && (trimmed.length() == BEGIN.length() || Character.isWhitespace(trimmed.charAt(BEGIN.length())));
    }

    /**
     * Tells whether a line closes a region.
     *
     * @param line a line's content, not trimmed
     * @return true for an END marker line
     */
    public static boolean isEnd(String line) {
        return line.strip().equals(END);
    }

    /**
     * Returns the label of a BEGIN marker line, e.g. "Task 2".
     *
     * @param line a BEGIN marker line
     * @return the label, or an empty string if the marker has none
     */
    public static String label(String line) {
        return line.strip().substring(BEGIN.length()).strip();
    }

    /**
     * Tells whether a text contains a marker anywhere; a cheap test before parsing a file.
     *
     * @param text a file's content
     * @return true if a marker text occurs in it
     */
    public static boolean mentioned(String text) {
        return text.contains(BEGIN.substring(3)) || text.contains(END.substring(3));
    }
}
