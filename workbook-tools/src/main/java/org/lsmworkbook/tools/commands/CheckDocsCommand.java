package org.lsmworkbook.tools.commands;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lsmworkbook.tools.WorkbookException;
import org.lsmworkbook.tools.docs.DocProblem;
import org.lsmworkbook.tools.docs.DocsCheck;
import org.lsmworkbook.tools.gate.EditionCounts;

/**
 * {@code check-docs [--counts FILE]}: checks that the book matches the code: every code name it
 * mentions exists, every {@code ./workbook} and {@code mvn} command it shows is valid in the
 * edition it is written for, and every number of tests it quotes is the real one. The numbers that
 * a test run decides ({@code ./workbook test}'s counts in a fresh edition) come from the file a red
 * gate writes; {@code --counts} may be given several times, e.g. once per edition.
 */
public final class CheckDocsCommand implements Command {

    @Override
    public String name() {
        return "check-docs";
    }

    @Override
    public String usage() {
        return "check-docs [--counts FILE]";
    }

    @Override
    public String description() {
        return "check the book's code names, commands and test counts against the code";
    }

    @Override
    public int run(Context context, List<String> arguments) {
        List<EditionCounts> counts = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            String arg = arguments.get(i);
            String file;
            if (arg.equals("--counts") && i + 1 < arguments.size()) {
                file = arguments.get(++i);
            } else if (arg.startsWith("--counts=")) {
                file = arg.substring("--counts=".length());
            } else {
                new Arguments(name(), List.of(arg)).positional(0);
                throw WorkbookException.usage(name() + ": --counts needs a value");
            }
            Path path = Path.of(file);
            if (!Files.isRegularFile(path)) {
                throw new WorkbookException(path + " is not a file; ./workbook red-gate DIR writes DIR/target/red-gate/"
                        + EditionCounts.FILE_NAME);
            }
            counts.add(EditionCounts.read(path));
        }
        List<DocProblem> problems = DocsCheck.run(context.root(), counts, !counts.isEmpty());
        problems.forEach(p -> context.out().println(p));
        context.out().println(problems.isEmpty() ? "check-docs: the book matches the code"
                : "check-docs: FAILED, " + problems.size() + " problem(s)");
        return problems.isEmpty() ? 0 : 1;
    }
}
