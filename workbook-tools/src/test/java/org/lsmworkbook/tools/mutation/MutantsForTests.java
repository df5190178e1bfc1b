package org.lsmworkbook.tools.mutation;

/** Builds mutants as PIT's report would record them. */
final class MutantsForTests {

    private MutantsForTests() {
    }

    static Mutant mutant(String file, String className, int line, String mutator, Mutant.Status status) {
        String pkg = mutator.endsWith("ReturnValsMutator") ? "returns." : "";
        return new Mutant(file, className, "m", line, "org.pitest.mutationtest.engine.gregor.mutators." + pkg + mutator,
                "changed something", status);
    }
}
