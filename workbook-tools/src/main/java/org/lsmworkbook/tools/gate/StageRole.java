package org.lsmworkbook.tools.gate;

/** What an edition did with a stage, and so what the red gate expects of its graded tests. */
public enum StageRole {
    /** Solutions replaced by stubs: every graded test must fail. */
    STUBBED,
    /** Solutions kept (a checkpoint's earlier stages): every test must pass. */
    SOLVED;

    /**
     * The role's name in the gate's table.
     *
     * @return "stubbed" or "solved"
     */
    public String label() {
        return this == STUBBED ? "stubbed" : "solved";
    }
}
