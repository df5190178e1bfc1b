package org.lsmworkbook.tools.grade;

/** A grader stand-in for {@link WorkDirSignalTest}: creates a grading directory, prints it, and waits to be stopped. */
public final class WorkDirHolder {

    private WorkDirHolder() {
    }

    /**
     * Creates the directory and waits.
     *
     * @param args none
     * @throws InterruptedException never in practice: the process is stopped by a signal
     */
    public static void main(String[] args) throws InterruptedException {
        WorkDir work = WorkDir.create(false);
        System.out.println(work.dir());
        System.out.flush();
        Thread.sleep(120_000);
    }
}
