package org.lsmworkbook.tools.docs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that every image of the prose points at a file that exists: {@code ![alt](figures/x.svg)}
 * and {@code <img src="figures/x.svg">}, resolved against the page's directory. A figure that is
 * renamed or never committed would otherwise show as a broken icon on GitHub, and in every
 * student edition made from the tree.
 *
 * <p>Not checked: images inside code blocks and code spans (they are examples), and addresses
 * with a scheme ({@code https://...}). A path that starts with '/' or leaves the repository is
 * reported: it does not resolve the same way on GitHub, in a clone and in an edition.
 */
final class ImageLinkCheck {

    private static final Pattern MARKDOWN_IMAGE = Pattern.compile("!\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern HTML_IMAGE = Pattern.compile("<img\\b[^>]*\\bsrc\\s*=\\s*[\"']([^\"']+)[\"']",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CODE_SPAN = Pattern.compile("`[^`]*`");
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    private final Path root;

    ImageLinkCheck(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    List<DocProblem> check(MarkdownPage page) {
        Set<Integer> code = new HashSet<>();
        for (MarkdownPage.CodeLine line : page.codeLines()) {
            code.add(line.line());
        }
        Path directory = root.resolve(page.path()).getParent();
        List<DocProblem> problems = new ArrayList<>();
        List<String> lines = page.lines();
        for (int i = 0; i < lines.size(); i++) {
            if (code.contains(i + 1)) {
                continue;
            }
            String prose = CODE_SPAN.matcher(lines.get(i)).replaceAll("");
            for (Pattern pattern : List.of(MARKDOWN_IMAGE, HTML_IMAGE)) {
                Matcher m = pattern.matcher(prose);
                while (m.find()) {
                    String problem = problemWith(directory, m.group(1));
                    if (problem != null) {
                        problems.add(new DocProblem(page.path(), i + 1, problem));
                    }
                }
            }
        }
        return problems;
    }

    /** What is wrong with an image's target, or null if it is a file of the repository. */
    private String problemWith(Path directory, String target) {
        if (SCHEME.matcher(target).find()) {
            return null;
        }
        String path = target.replaceFirst("[?#].*$", "");
        if (path.startsWith("/")) {
            return "image " + target + ": give the path relative to the page, not from '/'";
        }
        Path file = directory.resolve(path).normalize();
        if (!file.startsWith(root)) {
            return "image " + target + ": the path leaves the repository";
        }
        if (!Files.isRegularFile(file)) {
            return "image " + target + ": there is no file " + root.relativize(file).toString().replace('\\', '/');
        }
        return null;
    }
}
