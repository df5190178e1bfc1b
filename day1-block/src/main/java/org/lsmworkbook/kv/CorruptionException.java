package org.lsmworkbook.kv;

import java.io.IOException;

/**
 * Stored data is damaged: a length runs past the end, a checksum does not match, a count is
 * impossible. The message names where the damage is (the source, such as a file name or
 * {@code "block"}, and the byte offset) and what is wrong, so that a reader can go and look.
 *
 * <p>Decoders throw this instead of letting damaged input surface as an {@code
 * ArrayIndexOutOfBoundsException}, a {@code NegativeArraySizeException}, an out-of-memory error or,
 * worst of all, wrong data.
 */
public class CorruptionException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Offset value used when the position of the damage is not known. */
    public static final long UNKNOWN_OFFSET = -1;

    private final String source;
    private final long offset;
    private final String problem;

    /**
     * Damage at a known place.
     *
     * @param source what was being read: a file name, or a description such as {@code "block"}
     * @param offset the byte offset of the damage within the source, or {@link #UNKNOWN_OFFSET}
     * @param problem what is wrong, in words
     */
    public CorruptionException(String source, long offset, String problem) {
        this(source, offset, problem, null);
    }

    /**
     * Damage at a known place, found while handling {@code cause}; for example a block's error
     * re-reported with the name of the file the block came from.
     */
    public CorruptionException(String source, long offset, String problem, Throwable cause) {
        super(format(source, offset, problem), cause);
        this.source = source;
        this.offset = offset;
        this.problem = problem;
    }

    private static String format(String source, long offset, String problem) {
        return offset == UNKNOWN_OFFSET
                ? source + ": " + problem
                : source + " at offset " + offset + ": " + problem;
    }

    /** What was being read: a file name, or a description such as {@code "block"}. */
    public String source() {
        return source;
    }

    /** The byte offset of the damage within {@link #source()}, or {@link #UNKNOWN_OFFSET}. */
    public long offset() {
        return offset;
    }

    /** What is wrong, without the place. */
    public String problem() {
        return problem;
    }
}
