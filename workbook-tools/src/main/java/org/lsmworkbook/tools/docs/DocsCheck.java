package org.lsmworkbook.tools.docs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.lsmworkbook.tools.Workbook;
import org.lsmworkbook.tools.commands.Context;
import org.lsmworkbook.tools.edition.Stages;
import org.lsmworkbook.tools.gate.EditionCounts;

/**
 * Checks the book ({@code docs/*.md} and {@code README.md}) against the repository: the code
 * names in its prose ({@link CodeNameCheck}), its {@code ./workbook} and {@code mvn} commands
 * ({@link CommandCheck}), its numbers of tests ({@link CountCheck}), and the files its images
 * point at ({@link ImageLinkCheck}).
 *
 * <p>The chapters, getting started, the overview and the closing chapter are written for the student
 * edition (and its checkpoints); the other pages for this repository, the reference edition.
 */
public final class DocsCheck {

    private DocsCheck() {
    }

    /**
     * Checks every page.
     *
     * @param root the repository root
     * @param counts test counts red gates saw; markers of editions without counts are skipped
     *     unless {@code requireCounts}
     * @param requireCounts true to report a count marker of an edition that has no counts here
     * @return the problems, page by page; empty if the book is right
     */
    public static List<DocProblem> run(Path root, List<EditionCounts> counts, boolean requireCounts) {
        SourceIndex index = SourceIndex.of(root);
        CodeNameCheck names = new CodeNameCheck(index);
        CommandCheck commands = new CommandCheck(root, launcherCommands(root));
        CountCheck numbers = new CountCheck(Stages.find(root), counts);
        ImageLinkCheck images = new ImageLinkCheck(root);
        List<DocProblem> problems = new ArrayList<>();
        for (Path file : pages(root)) {
            String relative = root.relativize(file).toString().replace('\\', '/');
            MarkdownPage page;
            try {
                page = new MarkdownPage(relative, Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            boolean forStudents = isForStudents(relative);
            problems.addAll(names.check(page));
            problems.addAll(commands.check(page, forStudents));
            problems.addAll(numbers.check(page, requireCounts));
            problems.addAll(images.check(page));
        }
        return problems;
    }

    /**
     * Tells whether a page is written for the student edition.
     *
     * @param relative the page's path, e.g. "docs/day1-block.md"
     * @return true for the chapters, getting started, the overview and the closing chapter (what comes
     *     next)
     */
    static boolean isForStudents(String relative) {
        String name = relative.substring(relative.lastIndexOf('/') + 1);
        return relative.startsWith("docs/") && (name.matches("day\\d+-.*\\.md") || name.equals("getting-started.md")
                || name.equals("00-overview.md") || name.equals("what-comes-next.md"));
    }

    private static List<Path> pages(Path root) {
        List<Path> pages = new ArrayList<>();
        Path docs = root.resolve("docs");
        if (Files.isDirectory(docs)) {
            try (Stream<Path> list = Files.list(docs)) {
                list.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(pages::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + docs, e);
            }
        }
        if (Files.isRegularFile(root.resolve("README.md"))) {
            pages.add(root.resolve("README.md"));
        }
        return pages;
    }

    /** The launcher's commands, as {@code ./workbook help} lists them. */
    static Map<String, CommandSyntax> launcherCommands(Path root) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        Workbook.run(new Context(root, print, null), new PrintStream(OutputStream.nullOutputStream()), "help");
        Map<String, CommandSyntax> commands = new LinkedHashMap<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\r?\n")) {
            if (!line.startsWith("  ") || line.isBlank()) {
                continue;
            }
            String usage = line.strip().split("\\s{3,}")[0];
            CommandSyntax syntax = CommandSyntax.parse(usage);
            commands.put(syntax.name(), syntax);
        }
        return commands;
    }
}
