package org.lsmworkbook.tools.markers;

/**
 * One significant token of Java source: an identifier or keyword, a literal, or a piece of
 * punctuation. Comments and whitespace never become tokens.
 *
 * @param kind what sort of token this is
 * @param text the token's text as written in the source (quotes and escapes included); for a
 *     text block only a placeholder, because nothing downstream looks inside one
 * @param line the 1-based line the token starts on
 */
public record Token(Kind kind, String text, int line) {

    /** The sorts of token the marker classifier tells apart. */
    public enum Kind {
        /** An identifier or keyword: the classifier needs {@code class}, {@code new}, names. */
        WORD,
        /** A string, char, text-block or number literal. */
        LITERAL,
        /** Punctuation or an operator; {@code ->} and {@code ::} are single tokens. */
        SYMBOL
    }

    /**
     * Tells whether this token is the given symbol.
     *
     * @param symbol the punctuation to compare with, e.g. {@code "{"}
     * @return true if this is a symbol token with exactly that text
     */
    public boolean is(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    /**
     * Tells whether this token is the given identifier or keyword.
     *
     * @param word the word to compare with, e.g. {@code "class"}
     * @return true if this is a word token with exactly that text
     */
    public boolean isWord(String word) {
        return kind == Kind.WORD && text.equals(word);
    }
}
