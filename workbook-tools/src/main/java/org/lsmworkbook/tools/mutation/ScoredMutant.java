package org.lsmworkbook.tools.mutation;

/**
 * A mutant inside a solution region, with where it is and whether a comment excludes it.
 *
 * @param mutant PIT's record of it
 * @param path its file, relative to the repository root
 * @param exclusion the comment that excludes it, or null if it counts
 */
public record ScoredMutant(Mutant mutant, String path, Exclusion exclusion) {

    /**
     * Tells whether the mutant counts towards the score: not excluded and a real mutant.
     *
     * @return false for excluded and non-viable mutants
     */
    public boolean counts() {
        return exclusion == null && mutant.status() != Mutant.Status.NON_VIABLE;
    }

    /**
     * The mutant's place, as compilers print it.
     *
     * @return e.g. "day1-block/src/main/java/org/lsmworkbook/block/Block.java:42"
     */
    public String location() {
        return path + ":" + mutant.line();
    }
}
