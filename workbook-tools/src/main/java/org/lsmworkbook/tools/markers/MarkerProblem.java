package org.lsmworkbook.tools.markers;

/**
 * A reason to refuse a file's markers, located at a line.
 *
 * @param path the file, relative to the repository root, with '/' separators
 * @param line the 1-based line at fault
 * @param message what is wrong, and where possible how to fix it
 */
public record MarkerProblem(String path, int line, String message) {

    /** Formats the problem as {@code path/File.java:LINE: message}, the way compilers do. */
    @Override
    public String toString() {
        return path + ":" + line + ": " + message;
    }
}
