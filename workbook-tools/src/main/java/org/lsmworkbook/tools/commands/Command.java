package org.lsmworkbook.tools.commands;

import java.util.List;

/**
 * One {@code ./workbook} command.
 */
public interface Command {

    /**
     * The command's name, as typed after {@code ./workbook}.
     *
     * @return e.g. "student"
     */
    String name();

    /**
     * The command's synopsis, for {@code ./workbook help}.
     *
     * @return e.g. "test [dayN]"
     */
    String usage();

    /**
     * What the command does, for {@code ./workbook help}.
     *
     * @return a short phrase
     */
    String description();

    /**
     * Runs the command.
     *
     * @param context where the repository is, where to print, how to run Maven
     * @param arguments the arguments after the command's name
     * @return the process exit code: 0 for success, 1 when tests or the gate failed
     */
    int run(Context context, List<String> arguments);
}
