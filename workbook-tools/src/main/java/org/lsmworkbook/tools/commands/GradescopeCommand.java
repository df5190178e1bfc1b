package org.lsmworkbook.tools.commands;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.lsmworkbook.tools.WorkbookException;
import org.lsmworkbook.tools.grade.GradescopeBundle;

/**
 * {@code gradescope --out FILE.zip [--force] [--no-leaderboard] [--no-bonus]}: writes a Gradescope
 * autograder bundle (see {@link GradescopeBundle}) to upload as a programming assignment's
 * autograder. The bundle measures submissions that pass every graded test for Gradescope's
 * leaderboard unless {@code --no-leaderboard} is given, and scores the bonus tasks' tests as extra
 * credit unless {@code --no-bonus} is given (then it grades with {@code grade --no-bonus}).
 */
public final class GradescopeCommand implements Command {

    @Override
    public String name() {
        return "gradescope";
    }

    @Override
    public String usage() {
        return "gradescope --out FILE.zip [--force] [--no-leaderboard] [--no-bonus]";
    }

    @Override
    public String description() {
        return "write a Gradescope autograder bundle (setup.sh, run_autograder, official tests)";
    }

    @Override
    public int run(Context context, List<String> arguments) {
        Arguments args = new Arguments(name(), arguments);
        String out = args.option("--out");
        boolean force = args.flag("--force");
        boolean leaderboard = !args.flag("--no-leaderboard");
        boolean bonus = !args.flag("--no-bonus");
        args.positional(0);
        if (out == null) {
            throw WorkbookException.usage("gradescope: where to? give --out FILE.zip");
        }
        Path zip = Path.of(out).toAbsolutePath().normalize();
        if (!zip.getFileName().toString().endsWith(".zip")) {
            throw WorkbookException.usage("gradescope: --out must name a .zip file, not " + zip.getFileName());
        }
        if (zip.startsWith(context.root()) && !zip.startsWith(context.root().resolve("target"))) {
            throw new WorkbookException("gradescope: write the bundle outside the repository (or under target/),"
                    + " or it would be bundled next time: " + zip);
        }
        if (Files.exists(zip)) {
            if (!force) {
                throw new WorkbookException(zip + " exists; pass --force to replace it");
            }
            try {
                Files.delete(zip);
            } catch (java.io.IOException e) {
                throw new WorkbookException("cannot replace " + zip + ": " + e.getMessage());
            }
        }
        if (zip.getParent() != null && !Files.isDirectory(zip.getParent())) {
            throw new WorkbookException("the directory " + zip.getParent() + " does not exist");
        }
        int files = GradescopeBundle.write(context.root(), zip, leaderboard, bonus);
        context.out().println("wrote " + zip + " (" + files + " files; leaderboard " + (leaderboard ? "on" : "off")
                + ", bonus tasks " + (bonus ? "on" : "off") + ", see " + GradescopeBundle.CONFIG + ")");
        context.out().println("Upload it as the autograder of a programming assignment (base image: Ubuntu);"
                + " see docs/instructors.md.");
        return 0;
    }
}
