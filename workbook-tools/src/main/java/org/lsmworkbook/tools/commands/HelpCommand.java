package org.lsmworkbook.tools.commands;

import java.util.List;

/**
 * Lists the commands, one line each.
 */
public final class HelpCommand implements Command {

    private final List<Command> commands;

    /**
     * Creates the help for a set of commands.
     *
     * @param commands every command, this one included
     */
    public HelpCommand(List<Command> commands) {
        this.commands = commands;
    }

    @Override
    public String name() {
        return "help";
    }

    @Override
    public String usage() {
        return "help";
    }

    @Override
    public String description() {
        return "show this list";
    }

    @Override
    public int run(Context context, List<String> arguments) {
        new Arguments(name(), arguments).positional(0);
        context.out().println("usage: ./workbook <command> [options]   (workbook.cmd on Windows)");
        context.out().println();
        int width = commands.stream().mapToInt(c -> c.usage().length()).max().orElse(0);
        for (Command command : commands) {
            context.out().printf("  %-" + width + "s   %s%n", command.usage(), command.description());
        }
        return 0;
    }
}
