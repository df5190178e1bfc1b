package org.lsmworkbook.tools.docs;

/**
 * Something the book says that the code does not bear out.
 *
 * @param file the page, e.g. "docs/day1-block.md"
 * @param line the 1-based line
 * @param message what is wrong, and what is true instead
 */
public record DocProblem(String file, int line, String message) {

    /** The problem as the check prints it: {@code file:line: message}. */
    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }
}
