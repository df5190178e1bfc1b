package org.lsmworkbook.tools.edition;

import java.util.List;
import java.util.Map;

/**
 * The GitHub Classroom workflow of a student edition ({@code .github/workflows/classroom.yml}):
 * on every push, one grader step per stage the student writes, each running that stage's tests
 * with {@code ./workbook test dayN} and worth the stage's points when every test passes, then the
 * reporter that sends the score to GitHub Classroom. Hidden tests are not in a student's
 * repository, so this grade counts the public tests only. Bonus tests run in the steps but never
 * fail one ({@code ./workbook test} judges a stage by its core), and their points are not in the
 * steps' scores: extra credit is the instructor's grading.
 */
public final class ClassroomWorkflow {

    /** Where the workflow goes in an edition. */
    public static final String PATH = ".github/workflows/classroom.yml";

    /** Minutes a stage's step may take before the grader stops it (the action's limit is 360). */
    static final int STEP_TIMEOUT_MINUTES = 15;

    private ClassroomWorkflow() {
    }

    /**
     * Renders the workflow.
     *
     * @param stages the stages the student writes, in course order
     * @param points each stage's points (its public graded tests of the core), by module
     * @return the workflow's YAML
     */
    public static String render(List<Stage> stages, Map<String, Integer> points) {
        StringBuilder yaml = new StringBuilder();
        yaml.append("# GitHub Classroom autograding: one step per stage, worth the stage's points when every\n")
                .append("# public test of the stage passes. Written by ./workbook student; hidden tests are not\n")
                .append("# in this repository and need the instructor's grading (./workbook grade or Gradescope).\n")
                .append("# Bonus tests run too but never fail a step; extra credit is the instructor's grading.\n")
                .append("name: Autograding Tests\n")
                .append("'on':\n  - push\n  - repository_dispatch\n")
                .append("permissions:\n  checks: write\n  actions: read\n  contents: read\n")
                .append("jobs:\n  run-autograding-tests:\n    runs-on: ubuntu-latest\n")
                .append("    if: github.actor != 'github-classroom[bot]'\n")
                .append("    steps:\n")
                .append("      - name: Checkout code\n        uses: actions/checkout@v4\n")
                .append("      - name: Set up Java 17\n        uses: actions/setup-java@v4\n")
                .append("        with:\n          distribution: temurin\n          java-version: '17'\n");
        StringBuilder env = new StringBuilder();
        StringBuilder runners = new StringBuilder();
        for (Stage stage : stages) {
            String id = stage.module();
            yaml.append("      - name: ").append(id).append('\n')
                    .append("        id: ").append(id).append('\n')
                    .append("        uses: classroom-resources/autograding-command-grader@v1\n")
                    .append("        with:\n")
                    .append("          test-name: ").append(id).append('\n')
                    .append("          setup-command: ''\n")
                    .append("          command: ./workbook test day").append(stage.day()).append('\n')
                    .append("          timeout: ").append(STEP_TIMEOUT_MINUTES).append('\n')
                    .append("          max-score: ").append(points.getOrDefault(id, 0)).append('\n');
            env.append("          ").append(id.toUpperCase(java.util.Locale.ROOT)).append("_RESULTS: \"${{steps.")
                    .append(id).append(".outputs.result}}\"\n");
            runners.append(runners.length() == 0 ? "" : ",").append(id);
        }
        yaml.append("      - name: Autograding Reporter\n")
                .append("        uses: classroom-resources/autograding-grading-reporter@v1\n")
                .append("        env:\n").append(env)
                .append("        with:\n          runners: ").append(runners).append('\n');
        return yaml.toString();
    }
}
