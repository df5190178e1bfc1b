package org.lsmworkbook.tools.docs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A launcher command's syntax, read from the synopsis that {@code ./workbook help} prints, e.g.
 * {@code grade --submission DIR [--json FILE] [--offline] [--expect full|stubs]} or
 * {@code test [dayN [TestClass[#method]]]}.
 *
 * <p>Words in square brackets are optional. {@code --name VALUE} is an option with a value (a value
 * written {@code a|b} allows only those words), {@code --name} alone a flag, and anything else a
 * positional argument. A positional argument named {@code dayN} must be a stage; one named
 * {@code TestClass...} a test class of that stage; one ending in {@code ...} takes every argument
 * left, options included.
 *
 * @param name the command's name
 * @param options the options by name ({@code --out}), with their value placeholder (null for a flag)
 * @param required the options that must be given
 * @param positional the positional arguments in order
 */
record CommandSyntax(String name, Map<String, String> options, List<String> required, List<Slot> positional) {

    /** What a positional argument may be. */
    enum Kind {
        /** A stage: day3, 3 or day3-memtable. */
        STAGE,
        /** A test class of the stage before it, with an optional #method. */
        TEST,
        /** Every argument that is left. */
        REST,
        /** Anything, e.g. a directory. */
        ANY
    }

    /**
     * A positional argument.
     *
     * @param placeholder as the synopsis writes it, e.g. "dayN"
     * @param kind what it may be
     * @param optional true if it may be left out
     */
    record Slot(String placeholder, Kind kind, boolean optional) {
    }

    /**
     * Reads a synopsis.
     *
     * @param usage e.g. "student --out DIR [--from dayN] [--force]"
     * @return the syntax
     */
    static CommandSyntax parse(String usage) {
        List<Word> words = words(usage.strip());
        Map<String, String> options = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        List<Slot> positional = new ArrayList<>();
        for (int i = 1; i < words.size(); i++) {
            Word word = words.get(i);
            if (word.text().startsWith("--")) {
                String value = null;
                if (i + 1 < words.size() && words.get(i + 1).group() == word.group()
                        && !words.get(i + 1).text().startsWith("--")) {
                    value = words.get(++i).text();
                }
                options.put(word.text(), value);
                if (!word.optional()) {
                    required.add(word.text());
                }
            } else {
                String text = word.text();
                Kind kind = text.endsWith("...") ? Kind.REST
                        : text.startsWith("day") ? Kind.STAGE
                        : text.startsWith("TestClass") ? Kind.TEST
                        : Kind.ANY;
                positional.add(new Slot(text, kind, word.optional()));
            }
        }
        return new CommandSyntax(words.get(0).text(), options, required, positional);
    }

    /** A word of a synopsis: its text, whether it is inside brackets, and the bracket group it is in. */
    private record Word(String text, boolean optional, int group) {
    }

    /**
     * Splits a synopsis into words. A bracket right after a letter belongs to the word
     * ({@code TestClass[#method]}); any other bracket opens or closes a group.
     */
    private static List<Word> words(String usage) {
        List<Word> words = new ArrayList<>();
        Deque<Integer> groups = new ArrayDeque<>();
        int nextGroup = 1;
        StringBuilder word = new StringBuilder();
        int inner = 0;
        boolean optional = false;
        int group = 0;
        for (char c : (usage + " ").toCharArray()) {
            if (c == '[' && word.length() > 0) {
                word.append(c);
                inner++;
            } else if (c == ']' && inner > 0) {
                word.append(c);
                inner--;
            } else if (c == '[' || c == ']' || Character.isWhitespace(c)) {
                if (word.length() > 0) {
                    words.add(new Word(word.toString(), optional, group));
                    word.setLength(0);
                }
                if (c == '[') {
                    groups.push(nextGroup++);
                } else if (c == ']' && !groups.isEmpty()) {
                    groups.pop();
                }
            } else {
                if (word.length() == 0) {
                    optional = !groups.isEmpty();
                    group = groups.isEmpty() ? 0 : groups.peek();
                }
                word.append(c);
            }
        }
        return words;
    }

    /**
     * True if the command passes unknown options on (it has a {@code ARGS...} argument).
     *
     * @return whether anything goes after the known options
     */
    boolean takesRest() {
        return positional.stream().anyMatch(s -> s.kind() == Kind.REST);
    }
}
