package org.lsmworkbook.tools.markers;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * Walks a file's tokens and keeps the stack of open braces, classifying each one as a type body,
 * a code body or something else. The marker parser moves it line by line and asks where it is.
 *
 * <p>Why it looks at the tokens before a '{': Java says what a brace opens only through what
 * precedes it ({@code class Foo {}, {@code new Foo() {}, {@code ) {} after a method header,
 * {@code -> {}, {@code = {}).
 */
final class BraceWalker {

    private final List<Token> tokens;
    private final Deque<BraceFrame> stack = new ArrayDeque<>();
    private int next;
    /** The name of a type whose header has been read and whose body '{' is still to come. */
    private String pendingType;
    private boolean pendingEnum;

    BraceWalker(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** Processes every token that starts before the given line. */
    void advanceBefore(int line) {
        while (next < tokens.size() && tokens.get(next).line() < line) {
            step(next);
            next++;
        }
    }

    /** The innermost open frame, or null at file level. */
    BraceFrame current() {
        return stack.peek();
    }

    /** How many braces are open. */
    int depth() {
        return stack.size();
    }

    /** The last token already processed, or null at the start of the file. */
    Token previous() {
        return next == 0 ? null : tokens.get(next - 1);
    }

    /** The first token not yet processed, or null at the end of the file. */
    Token upcoming() {
        return next < tokens.size() ? tokens.get(next) : null;
    }

    /** The simple name of the innermost named type around the current position, or null. */
    String innermostTypeName() {
        for (Iterator<BraceFrame> it = stack.iterator(); it.hasNext(); ) {
            BraceFrame frame = it.next();
            if (frame.typeName != null) {
                return frame.typeName;
            }
        }
        return null;
    }

    private void step(int i) {
        Token t = tokens.get(i);
        BraceFrame top = stack.peek();
        if (t.kind() == Token.Kind.WORD) {
            noteTypeHeader(i);
        } else if (t.is("(")) {
            if (top != null) {
                if (top.kind == BraceFrame.Kind.TYPE && top.parenDepth == 0) {
                    Token before = i > 0 ? tokens.get(i - 1) : null;
                    top.lastParenName = before != null && before.kind() == Token.Kind.WORD ? before.text() : null;
                }
                top.parenDepth++;
            }
        } else if (t.is(")")) {
            if (top != null && top.parenDepth > 0) {
                top.parenDepth--;
            }
        } else if (t.is(";")) {
            if (top != null && top.parenDepth == 0 && top.kind == BraceFrame.Kind.TYPE) {
                top.lastParenName = null;
                top.inEnumConstants = false;
            }
        } else if (t.is("{")) {
            stack.push(open(i));
        } else if (t.is("}")) {
            if (!stack.isEmpty()) {
                stack.pop();
            }
            BraceFrame parent = stack.peek();
            if (parent != null && parent.kind == BraceFrame.Kind.TYPE && parent.parenDepth == 0) {
                parent.lastParenName = null;
            }
        }
    }

    /** Remembers the name after {@code class}, {@code interface}, {@code enum} or {@code record}. */
    private void noteTypeHeader(int i) {
        Token t = tokens.get(i);
        Token before = i > 0 ? tokens.get(i - 1) : null;
        Token name = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
        if (name == null || name.kind() != Token.Kind.WORD || (before != null && before.is("."))) {
            return;
        }
        boolean keyword = t.isWord("class") || t.isWord("interface") || t.isWord("enum");
        // 'record' is only a keyword when a name and a component list or type parameters follow.
        boolean record = t.isWord("record") && i + 2 < tokens.size()
                && (tokens.get(i + 2).is("(") || tokens.get(i + 2).is("<"));
        if (keyword || record) {
            pendingType = name.text();
            pendingEnum = t.isWord("enum");
        }
    }

    private BraceFrame open(int i) {
        Token brace = tokens.get(i);
        BraceFrame parent = stack.peek();
        Token before = i > 0 ? tokens.get(i - 1) : null;
        if (pendingType != null) {
            BraceFrame frame = new BraceFrame(BraceFrame.Kind.TYPE, pendingType, null, brace.line());
            frame.inEnumConstants = pendingEnum;
            pendingType = null;
            pendingEnum = false;
            return frame;
        }
        if (before != null && before.is(")") && isAnonymousClassArguments(i - 1)) {
            return new BraceFrame(BraceFrame.Kind.TYPE, null, null, brace.line());
        }
        if (parent == null || parent.kind == BraceFrame.Kind.OTHER) {
            return new BraceFrame(BraceFrame.Kind.OTHER, null, null, brace.line());
        }
        if (before != null && before.is("->")) {
            String member = parent.kind == BraceFrame.Kind.CODE ? parent.memberName : null;
            return new BraceFrame(BraceFrame.Kind.CODE, null, member, brace.line());
        }
        if (parent.kind == BraceFrame.Kind.TYPE) {
            return openInTypeBody(parent, before, brace);
        }
        if (before != null && (before.is("=") || before.is("]") || before.is(",") || before.is("("))) {
            return new BraceFrame(BraceFrame.Kind.OTHER, null, null, brace.line());
        }
        return new BraceFrame(BraceFrame.Kind.CODE, null, parent.memberName, brace.line());
    }

    /** A '{' directly in a type body opens a method, constructor, initializer, constant body or array. */
    private BraceFrame openInTypeBody(BraceFrame parent, Token before, Token brace) {
        if (parent.parenDepth > 0 || before == null || before.is("=") || before.is("]")
                || before.is(",") || before.isWord("default")) {
            return new BraceFrame(BraceFrame.Kind.OTHER, null, null, brace.line());
        }
        if (parent.inEnumConstants) {
            // An enum constant with a body, e.g. RED { ... }: an anonymous class body.
            return new BraceFrame(BraceFrame.Kind.TYPE, null, null, brace.line());
        }
        String name = parent.lastParenName;
        if (name == null && before.kind() == Token.Kind.WORD && before.text().equals(parent.typeName)) {
            name = parent.typeName; // compact canonical constructor of a record
        }
        parent.lastParenName = null;
        return new BraceFrame(BraceFrame.Kind.CODE, null, name, brace.line());
    }

    /**
     * Tells whether the ')' at index {@code close} ends the arguments of {@code new Type(...)}:
     * walks back to the matching '(' and then over the (possibly generic, qualified) type name.
     */
    private boolean isAnonymousClassArguments(int close) {
        int depth = 0;
        int i = close;
        for (; i >= 0; i--) {
            Token t = tokens.get(i);
            if (t.is(")")) {
                depth++;
            } else if (t.is("(") && --depth == 0) {
                break;
            }
        }
        for (i--; i >= 0; i--) {
            Token t = tokens.get(i);
            if (t.isWord("new")) {
                return true;
            }
            boolean typeNamePart = t.kind() == Token.Kind.WORD || t.is(".") || t.is("<") || t.is(">")
                    || t.is(",") || t.is("?") || t.is("&") || t.is("@");
            if (!typeNamePart) {
                return false;
            }
        }
        return false;
    }
}
