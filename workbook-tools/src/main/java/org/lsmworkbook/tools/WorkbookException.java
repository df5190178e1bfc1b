package org.lsmworkbook.tools;

/**
 * Stops a command with a message for the user and an exit code. Thrown for refusals (bad
 * options, unsafe output directories, broken markers), never for bugs.
 */
public class WorkbookException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Exit code for a refusal or a usage mistake. */
    public static final int REFUSED = 2;

    private final int exitCode;
    private final boolean pointToHelp;

    /**
     * Creates a refusal (exit code 2).
     *
     * @param message what is wrong, in words a user can act on
     */
    public WorkbookException(String message) {
        this(message, REFUSED, false);
    }

    private WorkbookException(String message, int exitCode, boolean pointToHelp) {
        super(message);
        this.exitCode = exitCode;
        this.pointToHelp = pointToHelp;
    }

    /**
     * Creates a usage mistake (exit code 2): unknown command, bad or missing option. The
     * launcher adds a pointer to {@code ./workbook help}.
     *
     * @param message what is wrong with the command line
     * @return the exception to throw
     */
    public static WorkbookException usage(String message) {
        return new WorkbookException(message, REFUSED, true);
    }

    /**
     * The process exit code for this refusal.
     *
     * @return the exit code
     */
    public int exitCode() {
        return exitCode;
    }

    /**
     * Tells whether the message should end with a pointer to the help.
     *
     * @return true for usage mistakes
     */
    public boolean pointToHelp() {
        return pointToHelp;
    }
}
