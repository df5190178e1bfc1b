package org.lsmworkbook.tools.commands;

import java.io.PrintStream;
import java.nio.file.Path;
import org.lsmworkbook.tools.maven.Maven;

/**
 * What every command needs from its surroundings; tests pass their own.
 *
 * @param root the repository root
 * @param out where results go
 * @param maven how to run Maven
 */
public record Context(Path root, PrintStream out, Maven maven) {
}
