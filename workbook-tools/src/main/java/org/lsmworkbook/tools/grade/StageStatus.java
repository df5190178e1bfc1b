package org.lsmworkbook.tools.grade;

/** How far a stage got when it was graded. */
public enum StageStatus {
    /** Its tests ran (some may have failed). */
    TESTED,
    /** The submission's code of this stage does not compile. */
    NOT_COMPILED,
    /** The code compiles, but the official tests do not compile against it (a public API changed). */
    TESTS_NOT_COMPILED,
    /** An earlier stage it needs does not compile, so it could not be built. */
    BLOCKED,
    /** The build failed for another reason (see the problem lines). */
    BUILD_FAILED,
    /**
     * A budget (time, or output) stopped the stage before any of its tests had a result, or the
     * grade's time ran out before it could start.
     */
    STOPPED;

    /**
     * The status as the grade table shows it.
     *
     * @return a short phrase
     */
    public String label() {
        return switch (this) {
            case TESTED -> "tested";
            case NOT_COMPILED -> "does not compile";
            case TESTS_NOT_COMPILED -> "tests do not compile";
            case BLOCKED -> "not built";
            case BUILD_FAILED -> "build failed";
            case STOPPED -> "stopped";
        };
    }
}
