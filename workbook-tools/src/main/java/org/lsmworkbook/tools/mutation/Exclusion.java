package org.lsmworkbook.tools.mutation;

import java.util.List;

/**
 * A mutant that no test can kill, named by a comment in the solution code, so that it does not
 * count against the score. The comment gives the mutator's short name (as {@code ./workbook
 * mutation} lists survivors) and a reason:
 *
 * <pre>{@code
 * if (count > limit) { // pit: equivalent ConditionalsBoundaryMutator — count never equals limit here
 * }</pre>
 *
 * <p>A comment at the end of a line names mutants on that line; a comment on a line of its own
 * names mutants on the next line that is not such a comment. Each name takes out one undetected
 * mutant of that mutator on the line (name it twice for two), so that a second mutant of the same
 * kind on the line, which may well be killable, still counts. Three kinds are known, and the
 * reason is required:
 *
 * <ul>
 *   <li>{@code equivalent}: the mutant behaves exactly like the original;
 *   <li>{@code redundant}: a check whose every failure a later check also catches (kept on purpose,
 *       for a clearer message), so weakening it changes no outcome;
 *   <li>{@code message}: the mutant changes only the words of an exception message, which no test
 *       pins down because students word their own messages.
 * </ul>
 *
 * @param path the file, relative to the repository root
 * @param line the 1-based line whose mutants are excluded
 * @param commentLine the 1-based line of the comment itself
 * @param kind "equivalent", "redundant" or "message"
 * @param mutators the mutators' short names, e.g. ["ConditionalsBoundaryMutator"]
 * @param reason why no test can tell the mutant from the original
 */
public record Exclusion(String path, int line, int commentLine, String kind, List<String> mutators,
        String reason) {

    /** Copies the list so that the record cannot change under its reader. */
    public Exclusion {
        mutators = List.copyOf(mutators);
    }

    /**
     * Tells whether this exclusion names a mutant.
     *
     * @param path the mutant's file, relative to the repository root
     * @param mutant the mutant
     * @return true if the mutant is on this exclusion's line and made by one of its mutators
     *     (each name takes out one mutant: a name given twice takes out two)
     */
    public boolean covers(String path, Mutant mutant) {
        return this.path.equals(path) && line == mutant.line() && mutators.contains(mutant.mutatorName());
    }
}
