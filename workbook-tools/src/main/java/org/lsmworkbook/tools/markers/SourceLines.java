package org.lsmworkbook.tools.markers;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into lines that keep their own line terminators, so that a rewritten file keeps the
 * line endings it had (LF or CRLF) everywhere it was not changed.
 */
public final class SourceLines {

    private SourceLines() {
    }

    /**
     * Splits text after each {@code \n}, {@code \r\n} or lone {@code \r}.
     *
     * @param text any text
     * @return the lines, each with its terminator (the last one may have none)
     */
    public static List<String> split(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                i++;
            }
            if (c == '\n' || c == '\r') {
                lines.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    /**
     * Returns a line's terminator.
     *
     * @param line a line as returned by {@link #split}
     * @return {@code "\r\n"}, {@code "\n"}, {@code "\r"} or {@code ""}
     */
    public static String terminator(String line) {
        if (line.endsWith("\r\n")) {
            return "\r\n";
        }
        if (line.endsWith("\n") || line.endsWith("\r")) {
            return line.substring(line.length() - 1);
        }
        return "";
    }

    /**
     * Returns a line without its terminator.
     *
     * @param line a line as returned by {@link #split}
     * @return the line's content
     */
    public static String content(String line) {
        return line.substring(0, line.length() - terminator(line).length());
    }

    /**
     * Returns a line's leading spaces and tabs.
     *
     * @param line a line's content
     * @return the indentation, possibly empty
     */
    public static String indentation(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return line.substring(0, i);
    }
}
