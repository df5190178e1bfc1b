package org.lsmworkbook.tools.markers;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Builds Java source text for tests. Marker lines are written as {@code @BEGIN} and {@code @END}
 * placeholders and filled in from {@link Markers}, so the marker texts never appear literally in
 * test sources (a repository check counts them per file).
 */
final class Sources {

    private Sources() {
    }

    /** Joins lines with '\n' (and a final '\n'), replacing the marker placeholders. */
    static String java(String... lines) {
        return Arrays.stream(lines)
                .map(line -> line.replace("@BEGIN", Markers.BEGIN).replace("@END", Markers.END))
                .collect(Collectors.joining("\n", "", "\n"));
    }
}
