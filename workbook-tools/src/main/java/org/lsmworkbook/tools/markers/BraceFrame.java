package org.lsmworkbook.tools.markers;

/**
 * One open pair of braces, and what kind of body it is. Frames are compared by identity: two
 * different bodies at the same depth are different frames.
 */
final class BraceFrame {

    /** What a pair of braces encloses. */
    enum Kind {
        /** A class, interface, enum, record or anonymous class body: members live here. */
        TYPE,
        /** A method, constructor, lambda or initializer body, or a block inside one: statements live here. */
        CODE,
        /** Anything else, e.g. an array initializer: neither members nor statements. */
        OTHER
    }

    final Kind kind;
    /** The enclosing type's simple name for a named type body; null for anonymous bodies and code. */
    final String typeName;
    /** For code: the method this code belongs to, the type name for a constructor, null for an initializer. */
    final String memberName;
    final int openLine;

    /** Parentheses open inside this frame (not inside a nested frame). */
    int parenDepth;
    /** In a type body: the word before the last top-level '(' of the member being read, i.e. its name. */
    String lastParenName;
    /** In an enum body: true until the ';' that ends the constant list. */
    boolean inEnumConstants;

    BraceFrame(Kind kind, String typeName, String memberName, int openLine) {
        this.kind = kind;
        this.typeName = typeName;
        this.memberName = memberName;
        this.openLine = openLine;
    }
}
