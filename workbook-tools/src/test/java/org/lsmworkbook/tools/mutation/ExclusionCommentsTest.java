package org.lsmworkbook.tools.mutation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ExclusionCommentsTest {

    @Test
    void a_comment_at_the_end_of_a_line_names_that_line() {
        ExclusionComments.Found found = ExclusionComments.find("A.java", String.join("\n",
                "class A {",
                "    int f(int a) {",
                "        return a < 3 ? 1 : 2; // pit: equivalent ConditionalsBoundaryMutator — a is never 3 here",
                "    }",
                "}"));
        assertThat(found.problems()).isEmpty();
        assertThat(found.exclusions()).containsExactly(new Exclusion("A.java", 3, 3, "equivalent",
                List.of("ConditionalsBoundaryMutator"), "a is never 3 here"));
    }

    @Test
    void a_comment_on_its_own_line_names_the_next_code_line_and_comments_stack() {
        ExclusionComments.Found found = ExclusionComments.find("A.java", String.join("\r\n",
                "class A {",
                "    // pit: redundant NegateConditionalsMutator, RemoveConditionalMutator_EQUAL_IF - the caller checked",
                "    // pit: equivalent MathMutator -- adding zero",
                "",
                "    int x = y;",
                "}"));
        assertThat(found.problems()).isEmpty();
        assertThat(found.exclusions()).as("both comments are about line 5, the first code line after them")
                .containsExactly(
                        new Exclusion("A.java", 5, 2, "redundant",
                                List.of("NegateConditionalsMutator", "RemoveConditionalMutator_EQUAL_IF"),
                                "the caller checked"),
                        new Exclusion("A.java", 5, 3, "equivalent", List.of("MathMutator"), "adding zero"));
    }

    @Test
    void a_malformed_comment_is_a_problem_not_a_guess() {
        ExclusionComments.Found found = ExclusionComments.find("A.java", String.join("\n",
                "int a = 1; // pit: equivalent MathMutator",
                "int b = 1; // pit: harmless MathMutator — because",
                "int c = 1; // pit: equivalent — no mutator named",
                "// pit: equivalent MathMutator — nothing follows"));
        assertThat(found.exclusions()).isEmpty();
        assertThat(found.problems()).as("a missing reason, an unknown kind, a missing mutator, no line to name")
                .hasSize(4)
                .anySatisfy(p -> assertThat(p).startsWith("A.java:1: ").contains("— reason"))
                .anySatisfy(p -> assertThat(p).startsWith("A.java:2: "))
                .anySatisfy(p -> assertThat(p).startsWith("A.java:3: "))
                .anySatisfy(p -> assertThat(p).startsWith("A.java:4: ").contains("followed by"));
    }

    @Test
    void an_exclusion_covers_only_its_line_and_its_mutators() {
        Exclusion e = new Exclusion("d/A.java", 7, 7, "equivalent", List.of("MathMutator"), "why");
        Mutant math = MutantsForTests.mutant("A.java", "p.A", 7, "MathMutator", Mutant.Status.SURVIVED);
        assertThat(e.covers("d/A.java", math)).isTrue();
        assertThat(e.covers("d/B.java", math)).as("another file").isFalse();
        assertThat(e.covers("d/A.java", MutantsForTests.mutant("A.java", "p.A", 8, "MathMutator",
                Mutant.Status.SURVIVED))).as("another line").isFalse();
        assertThat(e.covers("d/A.java", MutantsForTests.mutant("A.java", "p.A", 7, "IncrementsMutator",
                Mutant.Status.SURVIVED))).as("another mutator").isFalse();
    }
}
