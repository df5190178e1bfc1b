package org.lsmworkbook.tools.maven;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs Maven. An interface so that commands can be exercised without starting a real build.
 */
public interface Maven {

    /**
     * Runs Maven and waits for it.
     *
     * @param workDir the directory holding the parent pom
     * @param arguments Maven's arguments, e.g. {@code -B test -pl day1-block}
     * @param log the file to send Maven's output to, or null to stream it to the console
     * @return Maven's exit code
     */
    int run(Path workDir, List<String> arguments, Path log);

    /**
     * Runs Maven within bounds: a time limit, a cap on its log, and a cap on what a watched
     * directory may grow to. Whatever the run started is stopped when it ends, also when it ends
     * early. This default ignores the bounds (for stand-ins in tests).
     *
     * @param workDir the directory holding the parent pom
     * @param arguments Maven's arguments
     * @param log the file to send Maven's output to
     * @param bounds the limits
     * @return how the run ended
     */
    default BoundedRun run(Path workDir, List<String> arguments, Path log, Bounds bounds) {
        return new BoundedRun(run(workDir, arguments, log), null);
    }

    /**
     * The limits of a bounded run.
     *
     * @param timeout how long the run may take
     * @param maxLogBytes how much of Maven's output is kept in full; past it, only the lines that
     *     grading reads (test counts, errors, the build's result) are kept, up to as much again
     * @param environment variables added to Maven's environment
     * @param watched a directory that may not grow past {@code maxWatchedBytes}, or null
     * @param maxWatchedBytes the most bytes the watched directory may hold
     */
    record Bounds(Duration timeout, long maxLogBytes, Map<String, String> environment, Path watched,
            long maxWatchedBytes) {

        /** Copies the map so that the record cannot change. */
        public Bounds {
            environment = Map.copyOf(environment);
        }
    }

    /**
     * How a bounded run ended.
     *
     * @param exitCode Maven's exit code (meaningless when stopped)
     * @param stopped why the run was stopped before it ended by itself, or null if it was not
     */
    record BoundedRun(int exitCode, String stopped) {
    }
}
