package org.lsmworkbook.tools.edition;

import java.util.regex.Pattern;

/**
 * Recognises hidden test files: test sources tagged {@code hidden}, which stay out of student
 * editions and run only at grading time.
 */
public final class HiddenTests {

    /** Matches {@code @Tag("hidden")}, also written with spaces or as {@code value = "hidden"}. */
    private static final Pattern HIDDEN_TAG =
            Pattern.compile("@Tag\\s*\\(\\s*(?:value\\s*=\\s*)?\"hidden\"\\s*\\)");

    private HiddenTests() {
    }

    /**
     * Tells whether a test source file is hidden.
     *
     * @param source the file's content
     * @return true if it carries the hidden tag anywhere
     */
    public static boolean isHidden(String source) {
        return HIDDEN_TAG.matcher(source).find();
    }
}
