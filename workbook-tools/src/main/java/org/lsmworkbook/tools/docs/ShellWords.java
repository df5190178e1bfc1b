package org.lsmworkbook.tools.docs;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a line of shell, as the book writes it, into the simple commands it runs and their words:
 * enough of the shell for the check to find {@code ./workbook} and {@code mvn} invocations in
 * pipes, lists ({@code &&}, {@code ;}), subshells and loops.
 *
 * <p>Quotes are removed ({@code '...'} and {@code "..."}); a {@code $(...)} stays inside its word;
 * a {@code #} that starts a word starts a comment. Leading variable assignments ({@code A=b cmd})
 * and the words {@code do}, {@code then}, {@code (} are dropped from a command.
 */
final class ShellWords {

    private ShellWords() {
    }

    /**
     * The simple commands of a line, each as its words.
     *
     * @param line one line of shell (continuation lines already joined)
     * @return the commands in order; none for a blank or comment line
     */
    static List<List<String>> commands(String line) {
        List<List<String>> commands = new ArrayList<>();
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        int nesting = 0;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote && nesting == 0) {
                    quote = 0;
                } else {
                    nesting += c == '(' && i > 0 && line.charAt(i - 1) == '$' ? 1 : c == ')' && nesting > 0 ? -1 : 0;
                    word.append(c);
                }
                continue;
            }
            if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
                continue;
            }
            if (c == '$' && i + 1 < line.length() && line.charAt(i + 1) == '(') {
                int end = closing(line, i + 1);
                word = word == null ? new StringBuilder() : word;
                word.append(line, i, end + 1);
                i = end;
                continue;
            }
            boolean separator = c == '|' || c == ';' || c == '&' || c == '(' || c == ')';
            if (Character.isWhitespace(c) || separator) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                if (separator) {
                    finish(commands, words);
                    words = new ArrayList<>();
                }
                continue;
            }
            if (c == '#' && word == null) {
                break;
            }
            word = word == null ? new StringBuilder() : word;
            word.append(c);
        }
        if (word != null) {
            words.add(word.toString());
        }
        finish(commands, words);
        return commands;
    }

    private static int closing(String line, int open) {
        int depth = 0;
        for (int i = open; i < line.length(); i++) {
            if (line.charAt(i) == '(') {
                depth++;
            } else if (line.charAt(i) == ')' && --depth == 0) {
                return i;
            }
        }
        return line.length() - 1;
    }

    private static void finish(List<List<String>> commands, List<String> words) {
        int start = 0;
        while (start < words.size() && (words.get(start).matches("[A-Za-z_][A-Za-z0-9_]*=.*")
                || List.of("do", "then", "else", "time", "exec").contains(words.get(start)))) {
            start++;
        }
        if (start < words.size()) {
            commands.add(List.copyOf(words.subList(start, words.size())));
        }
    }
}
