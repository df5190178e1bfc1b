package org.lsmworkbook.tools.mutation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text {@code ./workbook mutation} prints for a score: the counts, the verdict against the
 * target, then each survivor, uncovered mutant and exclusion on a line of its own with its file and
 * line, so that an IDE or terminal can jump to it.
 */
public final class ScoreReport {

    private ScoreReport() {
    }

    /**
     * Formats a score.
     *
     * @param score the score over the solution regions
     * @param targetPercent the score a stage must reach, e.g. 95
     * @return the lines to print
     */
    public static List<String> lines(RegionScore score, int targetPercent) {
        List<String> lines = new ArrayList<>();
        int outside = score.allMutants() - score.inRegions().size();
        lines.add("Mutation score of " + score.module() + " over its solution regions:");
        lines.add("  mutants in solution regions: " + score.inRegions().size() + " (" + outside
                + " more in given code are not counted)");
        lines.add("  killed " + score.count(Mutant.Status.KILLED)
                + ", timed out " + score.count(Mutant.Status.TIMED_OUT)
                + ", memory or run error " + (score.count(Mutant.Status.MEMORY_ERROR)
                        + score.count(Mutant.Status.RUN_ERROR))
                + ", survived " + score.survivors().size()
                + ", no coverage " + score.noCoverage().size()
                + ", excluded " + score.excluded().size()
                + ", non-viable " + (score.inRegions().size() - score.counted() - score.excluded().size()));
        if (score.counted() == 0) {
            lines.add("  score: nothing to score (no mutant inside a solution region)");
        } else {
            lines.add("  score: " + score.detected() + " of " + score.counted() + " detected ("
                    + percent(score.permille()) + "); target " + targetPercent + "%: "
                    + (score.reaches(targetPercent) ? "reached" : "NOT reached"));
        }
        section(lines, "Survivors (a test reaches the line, but none fails when it changes):",
                score.survivors());
        section(lines, "No coverage (no test reaches the line):", score.noCoverage());
        section(lines, "Excluded by a '" + ExclusionComments.PREFIX + "' comment:", score.excluded());
        if (!score.unusedExclusions().isEmpty()) {
            lines.add("");
            lines.add("Exclusion comments that match no undetected mutant in a solution region (remove them):");
            for (Exclusion e : score.unusedExclusions()) {
                lines.add("  " + e.path() + ":" + e.commentLine() + "  " + String.join(", ", e.mutators())
                        + " on line " + e.line());
            }
        }
        if (!score.problems().isEmpty()) {
            lines.add("");
            lines.add("Problems (the score above leaves these out; fix them and score again):");
            score.problems().forEach(p -> lines.add("  " + p));
        }
        return lines;
    }

    /**
     * Formats tenths of a percent.
     *
     * @param permille e.g. 953
     * @return e.g. "95.3%"
     */
    static String percent(int permille) {
        return String.format(Locale.ROOT, "%d.%d%%", permille / 10, permille % 10);
    }

    private static void section(List<String> lines, String title, List<ScoredMutant> mutants) {
        if (mutants.isEmpty()) {
            return;
        }
        lines.add("");
        lines.add(title);
        for (ScoredMutant m : mutants) {
            lines.add("  " + m.location() + "  " + m.mutant().mutatorName() + ": " + m.mutant().description()
                    + "  (in " + m.mutant().methodDisplayName() + ")");
            if (m.exclusion() != null) {
                lines.add("      " + m.exclusion().kind() + ": " + m.exclusion().reason());
            }
        }
    }
}
