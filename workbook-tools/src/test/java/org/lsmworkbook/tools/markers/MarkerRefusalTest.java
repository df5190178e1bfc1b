package org.lsmworkbook.tools.markers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lsmworkbook.tools.markers.Sources.java;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class MarkerRefusalTest {

    private static final String PATH = "day1-block/src/main/java/p/A.java";

    private static MarkedFile parse(String... lines) {
        return MarkerParser.parse(PATH, java(lines));
    }

    private static void assertRefused(MarkedFile marked, int line, String what) {
        assertThat(marked.isValid()).as("the markers should be refused").isFalse();
        assertThat(marked.regions()).as("no regions are returned for a refused file").isEmpty();
        assertThat(marked.problems()).extracting(MarkerProblem::toString)
                .as("a problem at %s:%d about %s", PATH, line, what)
                .anySatisfy(message -> assertThat(message).startsWith(PATH + ":" + line + ": ").contains(what));
    }

    @Test
    void a_nested_region_is_refused() {
        MarkedFile marked = parse(
                "class A {",
                "    @BEGIN",
                "    int x;",
                "    @BEGIN",
                "    int y;",
                "    @END",
                "    @END",
                "}");
        assertRefused(marked, 4, "nested region");
        assertThat(marked.problems()).as("the nested region's END is not reported again").hasSize(1);
    }

    @Test
    void an_end_without_begin_is_refused() {
        assertRefused(parse("class A {", "    int x;", "    @END", "}"), 3, "without a");
    }

    @Test
    void a_begin_without_end_is_refused_at_the_begin_line() {
        assertRefused(parse("class A {", "    @BEGIN", "    int x;", "}"), 2, "before the end of the file");
    }

    @Test
    void a_region_whose_braces_do_not_balance_is_refused() {
        assertRefused(parse(
                "class A {",
                "    void m() {",
                "        @BEGIN Task 1",
                "        if (x) {",
                "        @END",
                "        }",
                "    }",
                "}"), 5, "does not balance its braces");
    }

    @Test
    void a_region_that_closes_one_body_and_opens_another_is_refused() {
        assertRefused(parse(
                "class A {",
                "    void m() {",
                "        @BEGIN Task 1",
                "    }",
                "    void n() {",
                "        @END",
                "    }",
                "}"), 6, "does not balance its braces");
    }

    @Test
    void a_body_region_without_a_label_is_refused() {
        assertRefused(parse(
                "class A {",
                "    int m() {",
                "        @BEGIN",
                "        return 1;",
                "        @END",
                "    }",
                "}"), 3, "needs a task label");
    }

    @Test
    void code_after_a_body_region_is_refused() {
        assertRefused(parse(
                "class A {",
                "    int m() {",
                "        @BEGIN Task 1",
                "        int x = 1;",
                "        @END",
                "        return x;",
                "    }",
                "}"), 5, "unreachable");
    }

    @Test
    void a_region_starting_inside_a_declaration_is_refused() {
        assertRefused(parse(
                "class A {",
                "    @Override",
                "    @BEGIN",
                "    public String toString() { return \"\"; }",
                "    @END",
                "}"), 3, "in the middle of a declaration");
    }

    @Test
    void every_problem_of_a_file_is_reported() {
        MarkedFile marked = parse(
                "class A {",
                "    @END",
                "    int m() {",
                "        @BEGIN",
                "        return 1;",
                "        @END",
                "    }",
                "    @BEGIN",
                "}");
        assertThat(marked.problems()).extracting(MarkerProblem::line).as("lines of all three problems")
                .containsExactly(2, 4, 8);
    }
}
