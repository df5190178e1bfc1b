package org.lsmworkbook.tools.commands;

import java.util.ArrayList;
import java.util.List;
import org.lsmworkbook.tools.WorkbookException;

/**
 * A command's arguments, read option by option. Options take their value as the next argument
 * or after '=' ({@code --out DIR} or {@code --out=DIR}); whatever is left over is positional.
 */
final class Arguments {

    private final String command;
    private final List<String> rest;

    Arguments(String command, List<String> arguments) {
        this.command = command;
        this.rest = new ArrayList<>(arguments);
    }

    /** Removes a flag such as {@code --force}; true if it was there. */
    boolean flag(String name) {
        return rest.remove(name);
    }

    /** Removes an option and returns its value, or null if it was not given. */
    String option(String name) {
        String value = null;
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            if (arg.equals(name)) {
                if (i + 1 >= rest.size() || rest.get(i + 1).startsWith("--")) {
                    throw WorkbookException.usage(command + ": " + name + " needs a value");
                }
                value = rest.remove(i + 1);
                rest.remove(i);
                i--;
            } else if (arg.startsWith(name + "=")) {
                value = arg.substring(name.length() + 1);
                rest.remove(i);
                i--;
            }
        }
        return value;
    }

    /** Returns the positional arguments, refusing any leftover option or more than {@code max}. */
    List<String> positional(int max) {
        for (String arg : rest) {
            if (arg.startsWith("-")) {
                throw WorkbookException.usage(command + ": unknown option '" + arg + "'");
            }
        }
        if (rest.size() > max) {
            throw WorkbookException.usage(command + ": unexpected argument '" + rest.get(max) + "'");
        }
        return List.copyOf(rest);
    }
}
