package org.lsmworkbook.tools.mutation;

import java.util.List;

/**
 * A stage's mutation score over its solution regions only: the code between the markers, which is
 * what students write. Mutants in given code are left out, and so are the mutants an
 * {@link Exclusion} comment names, provided no test detected them.
 *
 * @param module the stage's module, e.g. "day1-block"
 * @param allMutants every mutant in PIT's report, inside the regions or not
 * @param inRegions the mutants inside solution regions, excluded ones included
 * @param unusedExclusions exclusion comments that matched no undetected mutant in a solution region
 *     (the mutant was killed, is gone, or the comment is in given code): they should be removed
 * @param problems things the score could not take into account (a malformed comment, a source file
 *     not found, broken markers); a score with problems is not to be trusted
 */
public record RegionScore(String module, int allMutants, List<ScoredMutant> inRegions,
        List<Exclusion> unusedExclusions, List<String> problems) {

    /** Copies the lists so that the record cannot change under its reader. */
    public RegionScore {
        inRegions = List.copyOf(inRegions);
        unusedExclusions = List.copyOf(unusedExclusions);
        problems = List.copyOf(problems);
    }

    /**
     * The mutants that count: inside a region, not excluded, not non-viable.
     *
     * @return their number
     */
    public int counted() {
        return (int) inRegions.stream().filter(ScoredMutant::counts).count();
    }

    /**
     * The counted mutants that a test detected (killed, timed out, or a memory or run error).
     *
     * @return their number
     */
    public int detected() {
        return (int) inRegions.stream().filter(m -> m.counts() && m.mutant().status().detected()).count();
    }

    /**
     * The counted mutants with one status.
     *
     * @param status a PIT status
     * @return their number
     */
    public int count(Mutant.Status status) {
        return (int) inRegions.stream().filter(m -> m.counts() && m.mutant().status() == status).count();
    }

    /**
     * The counted mutants that no test detected although a test reached them (survived, or left
     * unfinished by a run that stopped), in file and line order.
     *
     * @return the survivors
     */
    public List<ScoredMutant> survivors() {
        return inRegions.stream().filter(m -> m.counts() && !m.mutant().status().detected()
                && m.mutant().status() != Mutant.Status.NO_COVERAGE).toList();
    }

    /**
     * The counted mutants on lines that no test reaches.
     *
     * @return the mutants without coverage
     */
    public List<ScoredMutant> noCoverage() {
        return inRegions.stream().filter(m -> m.counts() && m.mutant().status() == Mutant.Status.NO_COVERAGE)
                .toList();
    }

    /**
     * The mutants an exclusion comment took out of the count.
     *
     * @return the excluded mutants
     */
    public List<ScoredMutant> excluded() {
        return inRegions.stream().filter(m -> m.exclusion() != null).toList();
    }

    /**
     * The score in tenths of a percent, rounded down, so that 94.96% never shows as 95.0%.
     *
     * @return e.g. 953 for 95.3%; 0 when nothing counts
     */
    public int permille() {
        return counted() == 0 ? 0 : (int) (detected() * 1000L / counted());
    }

    /**
     * Tells whether the score reaches a target.
     *
     * @param percent the target, e.g. 95
     * @return true if detected / counted is at least the target, exactly (no rounding); false when
     *     nothing counts
     */
    public boolean reaches(int percent) {
        return counted() > 0 && detected() * 100L >= (long) percent * counted();
    }
}
