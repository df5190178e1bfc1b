package org.lsmworkbook.tools.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One page of the book, split into what the docs check reads: the lines of its fenced code blocks,
 * the code spans of its prose (text between single backticks), and its text with line numbers.
 *
 * <p>Only as much Markdown as the book uses: fences of three or more backticks (also indented, as
 * inside a list item), and headings starting with {@code #}. A code span may run over a line
 * break, as Markdown allows.
 */
public final class MarkdownPage {

    private static final Pattern FENCE = Pattern.compile("^\\s*(```+)(.*)$");
    private static final Pattern SPAN = Pattern.compile("`([^`]+)`");

    /**
     * A line inside a fenced code block.
     *
     * @param line the 1-based line number
     * @param text the line as written
     * @param language what follows the opening fence, e.g. "java"; empty if nothing
     */
    public record CodeLine(int line, String text, String language) {
    }

    /**
     * A code span of the prose.
     *
     * @param line the 1-based line it starts on
     * @param text its content, line breaks turned into spaces
     * @param section the heading it stands under, or "" before the first one
     */
    public record Span(int line, String text, String section) {
    }

    private final String path;
    private final List<String> lines;
    private final List<CodeLine> code = new ArrayList<>();
    private final List<Span> spans = new ArrayList<>();

    /**
     * Splits a page.
     *
     * @param path the page's path as messages show it, e.g. "docs/day1-block.md"
     * @param text the page's text
     */
    public MarkdownPage(String path, String text) {
        this.path = path;
        this.lines = List.of(text.split("\r?\n", -1));
        StringBuilder prose = new StringBuilder();
        List<Integer> proseLineStarts = new ArrayList<>();
        List<String> proseSections = new ArrayList<>();
        String fence = null;
        String language = "";
        String section = "";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher m = FENCE.matcher(line);
            if (fence == null && m.matches()) {
                fence = m.group(1);
                language = m.group(2).strip();
                line = "";
            } else if (fence != null) {
                if (m.matches() && m.group(1).length() >= fence.length() && m.group(2).isBlank()) {
                    fence = null;
                } else {
                    code.add(new CodeLine(i + 1, line, language));
                }
                line = "";
            } else if (line.startsWith("#")) {
                section = line.replaceFirst("^#+\\s*", "").strip();
            }
            proseLineStarts.add(prose.length());
            proseSections.add(section);
            prose.append(line).append('\n');
        }
        Matcher m = SPAN.matcher(prose);
        while (m.find()) {
            int lineIndex = lineOf(proseLineStarts, m.start());
            spans.add(new Span(lineIndex + 1, m.group(1).replaceAll("\\s*\n\\s*", " "), proseSections.get(lineIndex)));
        }
    }

    private static int lineOf(List<Integer> starts, int offset) {
        int lo = 0;
        int hi = starts.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (starts.get(mid) <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /**
     * The page's path, as messages show it.
     *
     * @return e.g. "docs/day1-block.md"
     */
    public String path() {
        return path;
    }

    /**
     * Every line of the page.
     *
     * @return the lines, the first at index 0
     */
    public List<String> lines() {
        return lines;
    }

    /**
     * The lines of the page's code blocks, in order.
     *
     * @return the code lines
     */
    public List<CodeLine> codeLines() {
        return List.copyOf(code);
    }

    /**
     * The code spans of the page's prose, in order.
     *
     * @return the spans
     */
    public List<Span> spans() {
        return List.copyOf(spans);
    }
}
