package org.lsmworkbook.tools.summary;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds, in a stack trace as surefire records it, the first frame in the code under test and the
 * first frame in a test: where the student should look, and which line of the test found it.
 */
public final class StackFrames {

    /**
     * {@code at [loader/][module@version/]pkg.Class.method(File.java:123)}: the prefixes appear on
     * the module path.
     */
    private static final Pattern FRAME = Pattern.compile(
            "^\\s*at\\s+(?:[^\\s(]*/)?([\\w.$]+)\\.([\\w$<>]+)\\(([^:()]+)(?::(\\d+))?\\)");

    private StackFrames() {
    }

    /**
     * A frame located in a source file of the edition.
     *
     * @param className the frame's class
     * @param method the frame's method
     * @param file the source file, relative to the edition's root
     * @param line the line, or 0 if the trace does not say
     */
    public record Location(String className, String method, Path file, int line) {

        /**
         * The location as editors and terminals link it.
         *
         * @return e.g. "day1-block/src/main/java/org/lsmworkbook/block/BlockBuilder.java:45"
         */
        public String fileAndLine() {
            String path = file.toString().replace('\\', '/');
            return line > 0 ? path + ":" + line : path;
        }

        /**
         * The method, as Java names it in traces.
         *
         * @return e.g. "BlockBuilder.add"
         */
        public String shortMethod() {
            String simple = className.substring(className.lastIndexOf('.') + 1);
            return simple.replace('$', '.') + "." + method;
        }
    }

    /**
     * The first frame whose class is of the given kind.
     *
     * @param trace a stack trace, possibly with "Caused by:" sections
     * @param index where the edition's classes are
     * @param kind the kind of source wanted
     * @return the frame, or null if the trace has none of that kind
     */
    public static Location first(String trace, SourceIndex index, SourceIndex.Kind kind) {
        for (String line : trace.split("\\R")) {
            Matcher m = FRAME.matcher(line);
            if (!m.find()) {
                continue;
            }
            SourceIndex.Source source = index.find(m.group(1));
            if (source != null && source.kind() == kind) {
                int number = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
                return new Location(m.group(1), m.group(2), source.file(), number);
            }
        }
        return null;
    }

    /**
     * Where the code under test was: its first frame and the frames of the code under test that
     * called it, up to the first frame that is not (the test, or the JDK running it), and the frame
     * it was in when it failed or stopped, if that was outside the edition (a JDK method such as
     * {@code ArrayList.get} or a lock's {@code lock}).
     *
     * @param frames the code's frames, innermost first; empty if the trace has none
     * @param callee the innermost frame's callee outside the edition, e.g. "ArrayList.get", or null
     */
    public record Chain(java.util.List<Location> frames, String callee) {
    }

    /**
     * The chain of frames of the code under test that starts at its first frame in the trace.
     *
     * @param trace a stack trace
     * @param index where the edition's classes are
     * @return the chain; its list is empty if the trace has no frame of the code under test
     */
    public static Chain codeChain(String trace, SourceIndex index) {
        java.util.List<Location> frames = new java.util.ArrayList<>();
        String previous = null;
        String callee = null;
        for (String line : trace.split("\\R")) {
            Matcher m = FRAME.matcher(line);
            if (!m.find()) {
                if (!frames.isEmpty()) {
                    break;
                }
                previous = null;
                continue;
            }
            SourceIndex.Source source = index.find(m.group(1));
            boolean main = source != null && source.kind() == SourceIndex.Kind.MAIN;
            if (main) {
                if (frames.isEmpty() && previous != null) {
                    callee = previous;
                }
                int number = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
                frames.add(new Location(m.group(1), m.group(2), source.file(), number));
            } else if (!frames.isEmpty()) {
                break;
            } else {
                String className = m.group(1);
                previous = source == null
                        ? className.substring(className.lastIndexOf('.') + 1) + "." + m.group(2) : null;
            }
        }
        return new Chain(java.util.List.copyOf(frames), callee);
    }
}
