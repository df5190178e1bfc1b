package org.lsmworkbook.tools.commands;

import java.nio.file.Path;
import java.util.List;
import org.lsmworkbook.tools.WorkbookException;
import org.lsmworkbook.tools.edition.EditionWriter;
import org.lsmworkbook.tools.edition.OutputDirectory;
import org.lsmworkbook.tools.edition.StageSummary;
import org.lsmworkbook.tools.edition.Stages;
import org.lsmworkbook.tools.edition.StudentEdition;
import org.lsmworkbook.tools.markers.MarkerProblem;

/**
 * {@code student --out DIR [--from dayN] [--force]}: writes the student edition, or the
 * checkpoint for day N in which the stages before N stay solved.
 */
public final class StudentCommand implements Command {

    @Override
    public String name() {
        return "student";
    }

    @Override
    public String usage() {
        return "student --out DIR [--from dayN] [--force]";
    }

    @Override
    public String description() {
        return "write the student edition (or the checkpoint for day N)";
    }

    @Override
    public int run(Context context, List<String> arguments) {
        Arguments args = new Arguments(name(), arguments);
        boolean force = args.flag("--force");
        String out = args.option("--out");
        String from = args.option("--from");
        args.positional(0);
        if (out == null) {
            throw WorkbookException.usage("student: --out DIR is required (where to write the edition)");
        }
        int fromDay = from == null ? 1 : Stages.parseDay(from);
        Path root = context.root();
        // A relative DIR means relative to where the user typed the command, as with any tool.
        Path outDir = Path.of(out).toAbsolutePath().normalize();
        if (Stages.find(root).isEmpty()) {
            throw new WorkbookException("no stages under " + root + " (directories dayN-name with a pom.xml)");
        }
        OutputDirectory.check(root, outDir, force);

        StudentEdition.Plan plan = StudentEdition.plan(root, fromDay);
        if (!plan.problems().isEmpty()) {
            StringBuilder message = new StringBuilder("the solution markers have ")
                    .append(plan.problems().size()).append(plan.problems().size() == 1 ? " problem" : " problems")
                    .append("; nothing was written:");
            for (MarkerProblem problem : plan.problems()) {
                message.append("\n  ").append(problem);
            }
            throw new WorkbookException(message.toString());
        }
        OutputDirectory.clear(outDir);
        EditionWriter.write(root, plan, outDir);

        String kind = plan.properties().edition().equals("checkpoint") ? "checkpoint " + plan.properties().from()
                : "student edition";
        context.out().println("The " + kind + " of " + root + ":");
        for (StageSummary stage : plan.stages()) {
            context.out().println("  " + stage.describe());
        }
        if (plan.note() != null) {
            context.out().println("note: " + plan.note());
        }
        context.out().println("Wrote " + (plan.entries().size() + 1) + " files to " + outDir
                + ". Check it with: ./workbook red-gate " + outDir);
        return 0;
    }
}
