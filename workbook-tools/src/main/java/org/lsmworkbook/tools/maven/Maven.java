package org.lsmworkbook.tools.maven;

import java.nio.file.Path;
import java.util.List;

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
}
