package org.lsmworkbook.tools.markers;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A small Java lexer: just enough to follow the brace structure of a source file. It skips
 * string, char and text-block literals and line and block comments, so that braces inside them
 * do not count, and it remembers which lines begin inside a block comment or a text block, so
 * that marker-looking text there is not taken for a marker.
 *
 * <p>It does not validate Java; it only has to be right about where code is.
 */
public final class JavaLexer {

    private final String src;
    private final List<Token> tokens = new ArrayList<>();
    private final BitSet linesInsideText = new BitSet();
    private int pos;
    private int line = 1;

    private JavaLexer(String src) {
        this.src = src;
    }

    /**
     * Splits a source file into tokens.
     *
     * @param source the whole text of a Java file
     * @return the tokens and the lines that start inside a comment or text block
     */
    public static Lexed lex(String source) {
        JavaLexer lexer = new JavaLexer(source);
        lexer.run();
        return new Lexed(List.copyOf(lexer.tokens), (BitSet) lexer.linesInsideText.clone());
    }

    /**
     * The lexer's result.
     *
     * @param tokens the significant tokens in source order
     * @param linesInsideText 1-based numbers of lines that begin inside a block comment or text block
     */
    public record Lexed(List<Token> tokens, BitSet linesInsideText) {

        /**
         * Tells whether a line begins inside a block comment or a text block.
         *
         * @param lineNumber a 1-based line number
         * @return true if the line's first character belongs to a comment or text block
         */
        public boolean startsInsideText(int lineNumber) {
            return linesInsideText.get(lineNumber);
        }
    }

    private void run() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\n' || c == '\r') {
                newline();
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else if (src.startsWith("//", pos)) {
                skipLineComment();
            } else if (src.startsWith("/*", pos)) {
                skipSpanning(2, "*/", false);
            } else if (src.startsWith("\"\"\"", pos)) {
                int start = line;
                skipSpanning(3, "\"\"\"", true);
                tokens.add(new Token(Token.Kind.LITERAL, "\"\"\"...\"\"\"", start));
            } else if (c == '"' || c == '\'') {
                skipQuoted(c);
            } else if (Character.isJavaIdentifierStart(c)) {
                readWhile(Token.Kind.WORD, true);
            } else if (Character.isDigit(c)) {
                readWhile(Token.Kind.LITERAL, false);
            } else {
                readSymbol();
            }
        }
    }

    /** Consumes one line break ({@code \n}, {@code \r\n} or {@code \r}) and counts it. */
    private void newline() {
        if (src.charAt(pos) == '\r' && pos + 1 < src.length() && src.charAt(pos + 1) == '\n') {
            pos++;
        }
        pos++;
        line++;
    }

    private void skipLineComment() {
        while (pos < src.length() && src.charAt(pos) != '\n' && src.charAt(pos) != '\r') {
            pos++;
        }
    }

    /**
     * Skips a construct that may span lines (block comment, text block) and marks the lines that
     * begin inside it. Text blocks honour backslash escapes, so {@code \"""} does not end them.
     */
    private void skipSpanning(int openLength, String close, boolean escapes) {
        pos += openLength;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (escapes && c == '\\') {
                pos += 2;
            } else if (src.startsWith(close, pos)) {
                pos += close.length();
                return;
            } else if (c == '\n' || c == '\r') {
                newline();
                linesInsideText.set(line);
            } else {
                pos++;
            }
        }
    }

    /**
     * Reads a string or char literal, keeping its source text (quotes and escapes included);
     * an unterminated one ends at the end of its line.
     */
    private void skipQuoted(char quote) {
        int start = line;
        int from = pos;
        pos++;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\\') {
                pos += 2;
            } else if (c == quote) {
                pos++;
                break;
            } else if (c == '\n' || c == '\r') {
                break;
            } else {
                pos++;
            }
        }
        tokens.add(new Token(Token.Kind.LITERAL, src.substring(from, Math.min(pos, src.length())), start));
    }

    /** Reads an identifier, or a number (digits, letters, dots and underscores, e.g. 1_000L, 0x1F, 2.5). */
    private void readWhile(Token.Kind kind, boolean identifier) {
        int start = pos;
        pos++;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            boolean more = identifier ? Character.isJavaIdentifierPart(c)
                    : Character.isLetterOrDigit(c) || c == '_' || c == '.';
            if (!more) {
                break;
            }
            pos++;
        }
        tokens.add(new Token(kind, src.substring(start, pos), line));
    }

    /** Reads one symbol; only {@code ->} and {@code ::} need two characters for the classifier. */
    private void readSymbol() {
        String text = src.startsWith("->", pos) || src.startsWith("::", pos)
                ? src.substring(pos, pos + 2) : src.substring(pos, pos + 1);
        pos += text.length();
        tokens.add(new Token(Token.Kind.SYMBOL, text, line));
    }
}
