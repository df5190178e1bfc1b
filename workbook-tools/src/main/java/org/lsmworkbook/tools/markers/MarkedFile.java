package org.lsmworkbook.tools.markers;

import java.util.List;

/**
 * A source file's solution regions, or the problems that stop it from being used.
 *
 * @param regions the regions in file order (empty if there are problems)
 * @param problems everything wrong with the file's markers, in line order
 */
public record MarkedFile(List<Region> regions, List<MarkerProblem> problems) {

    /** Copies the lists so that the result cannot change under its reader. */
    public MarkedFile {
        regions = List.copyOf(regions);
        problems = List.copyOf(problems);
    }

    /**
     * Tells whether the file can be rewritten.
     *
     * @return true if no problem was found
     */
    public boolean isValid() {
        return problems.isEmpty();
    }
}
