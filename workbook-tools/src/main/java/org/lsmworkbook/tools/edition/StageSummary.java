package org.lsmworkbook.tools.edition;

/**
 * What an edition did with one stage, for the progress lines of {@code ./workbook student}.
 *
 * @param stage the stage
 * @param stubbed true if the stage's solutions were replaced, false if it stays solved
 * @param files how many of the stage's files the edition holds
 * @param stubbedRegions regions turned into stubs
 * @param removedRegions regions that disappeared (members, imports)
 * @param keptRegions regions kept as code in a solved stage (markers dropped)
 * @param hiddenTests hidden test files left out
 */
public record StageSummary(Stage stage, boolean stubbed, int files, int stubbedRegions, int removedRegions,
        int keptRegions, int hiddenTests) {

    /**
     * One progress line, e.g. {@code day1-block: stubbed, 14 files, 6 regions stubbed, 2 removed, 1 hidden test left out}.
     *
     * @return the line
     */
    public String describe() {
        StringBuilder line = new StringBuilder(stage.module()).append(": ");
        if (stubbed) {
            line.append("stubbed, ").append(files).append(plural(files, " file")).append(", ")
                    .append(stubbedRegions).append(plural(stubbedRegions, " region")).append(" stubbed, ")
                    .append(removedRegions).append(" removed");
        } else {
            line.append("solved, ").append(files).append(plural(files, " file")).append(", ")
                    .append(keptRegions).append(plural(keptRegions, " region")).append(" kept (markers removed)");
        }
        if (hiddenTests > 0) {
            line.append(", ").append(hiddenTests).append(plural(hiddenTests, " hidden test file")).append(" left out");
        }
        return line.toString();
    }

    private static String plural(int count, String word) {
        return count == 1 ? word : word + "s";
    }
}
