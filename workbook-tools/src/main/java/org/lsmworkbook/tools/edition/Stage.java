package org.lsmworkbook.tools.edition;

import java.nio.file.Path;

/**
 * One stage of the course: a Maven module {@code dayN-name} at the repository root.
 *
 * @param module the module's directory name, e.g. "day1-block"
 * @param day the stage's day number, e.g. 1
 * @param dir the module's directory
 */
public record Stage(String module, int day, Path dir) {

    /**
     * The path of the stage's chapter, relative to the repository root.
     *
     * @return e.g. "docs/day1-block.md"
     */
    public String chapter() {
        return "docs/" + module + ".md";
    }
}
