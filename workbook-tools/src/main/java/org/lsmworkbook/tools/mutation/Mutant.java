package org.lsmworkbook.tools.mutation;

/**
 * One mutant from PIT's {@code mutations.xml}: a small change PIT made to the code, and whether the
 * tests noticed it.
 *
 * @param sourceFile the file name PIT records, without a directory, e.g. "Block.java"
 * @param mutatedClass the binary class name, e.g. "org.lsmworkbook.block.Block$Builder"
 * @param mutatedMethod the method, e.g. "decode"
 * @param line the 1-based source line of the change
 * @param mutator PIT's mutator class, e.g. "org.pitest.mutationtest.engine.gregor.mutators.MathMutator"
 * @param description PIT's words for the change, e.g. "Replaced integer addition with subtraction"
 * @param status how the tests did
 */
public record Mutant(String sourceFile, String mutatedClass, String mutatedMethod, int line, String mutator,
        String description, Status status) {

    /** PIT's verdict on one mutant. */
    public enum Status {
        /** A test failed: the change was noticed. */
        KILLED(true),
        /** The tests ran past PIT's time limit, e.g. a wait that never ends; counts as noticed. */
        TIMED_OUT(true),
        /** The tests ran out of memory; counts as noticed. */
        MEMORY_ERROR(true),
        /** The test run itself broke; PIT counts it as noticed. */
        RUN_ERROR(true),
        /** Every test that reaches the line passed: a wrong solution that gets full marks. */
        SURVIVED(false),
        /** No test reaches the line at all. */
        NO_COVERAGE(false),
        /** PIT did not finish with it (the run stopped early). */
        NOT_STARTED(false),
        /** PIT started it but recorded no end (the run stopped early). */
        STARTED(false),
        /** The change produced invalid bytecode, so it is no mutant at all and is not counted. */
        NON_VIABLE(false);

        private final boolean detected;

        Status(boolean detected) {
            this.detected = detected;
        }

        /**
         * Tells whether PIT counts this verdict as the tests noticing the change.
         *
         * @return true for killed, timed out, memory error and run error
         */
        public boolean detected() {
            return detected;
        }
    }

    /**
     * The mutator's short name, the one an exclusion comment names.
     *
     * @return e.g. "MathMutator", or "BooleanFalseReturnValsMutator" for a mutator in a sub-package
     */
    public String mutatorName() {
        int dot = mutator.lastIndexOf('.');
        return dot < 0 ? mutator : mutator.substring(dot + 1);
    }

    /**
     * The source file's path relative to a source root, built from the class's package and the
     * recorded file name.
     *
     * @return e.g. "org/lsmworkbook/block/Block.java"
     */
    public String sourcePath() {
        int dot = mutatedClass.lastIndexOf('.');
        return dot < 0 ? sourceFile : mutatedClass.substring(0, dot).replace('.', '/') + "/" + sourceFile;
    }

    /**
     * The method's name with its class's simple name, for listings.
     *
     * @return e.g. "Block.decode" or "Block$Builder.add"
     */
    public String methodDisplayName() {
        int dot = mutatedClass.lastIndexOf('.');
        return mutatedClass.substring(dot + 1) + "." + mutatedMethod;
    }
}
