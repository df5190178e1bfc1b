package org.lsmworkbook.write;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.lsmworkbook.engine.FusedIterator;
import org.lsmworkbook.engine.LsmIterator;
import org.lsmworkbook.engine.LsmStorageOptions;
import org.lsmworkbook.engine.LsmStorageState;
import org.lsmworkbook.kv.Bound;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.memtable.MemTable;
import org.lsmworkbook.memtable.MemTableIterator;
import org.lsmworkbook.sst.SsTable;

/**
 * A command line for {@link MiniLsm}: {@code ./workbook shell [--path DIR]}.
 *
 * <p>It reads one command per line, from a terminal or from a pipe, and answers each on standard
 * output: one line for {@code put}, {@code get}, {@code del}, {@code fill}, {@code flush} and
 * {@code close}; a listing for {@code scan}, {@code dump} and {@code help}. A bad command prints a
 * line starting with {@code error:} and the shell goes on. The end of the input closes the engine
 * like {@code close}. Keys and values are UTF-8 text; a value is the rest of the line, spaces
 * included.
 *
 * <p>This is given code: it only calls {@code MiniLsm}'s public methods.
 */
public final class LsmShell {

    /** The directory used when {@code --path} is not given. */
    public static final String DEFAULT_PATH = "lsm.db";

    private static final String HELP = String.join(System.lineSeparator(),
            "commands:",
            "  put KEY VALUE     store VALUE (the rest of the line) under KEY",
            "  get KEY           print KEY's value, or say it is not found",
            "  del KEY           delete KEY",
            "  scan [FROM TO]    list the entries (FROM and TO included), or all of them",
            "  fill FROM TO      put the keys FROM..TO (whole numbers) with value 'value<N>'",
            "  flush             write everything in memory to SST files",
            "  dump              show the memtables and the L0 SSTs: ids, sizes, key ranges",
            "  close             flush, close the database and leave (also: exit, quit, end of input)",
            "  help              this list");

    /** The most keys one {@code fill} may write, so a typo cannot run for hours. */
    static final long MAX_FILL = 10_000_000;

    private final MiniLsm lsm;
    private final PrintStream out;

    /** A shell on an open engine, printing to {@code out}. */
    public LsmShell(MiniLsm lsm, PrintStream out) {
        this.lsm = lsm;
        this.out = out;
    }

    /**
     * Runs the shell: {@code [--path DIR]}. Exits with status 1 if the database cannot be opened or
     * closed, 2 on a bad argument.
     */
    public static void main(String[] args) throws IOException {
        Path path = Path.of(DEFAULT_PATH);
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--path") && i + 1 < args.length) {
                path = Path.of(args[++i]);
            } else if (args[i].equals("--help") || args[i].equals("-h")) {
                System.out.println("usage: ./workbook shell [--path DIR]   (default DIR: ./" + DEFAULT_PATH + ")");
                System.out.println(HELP);
                return;
            } else {
                System.err.println("shell: unknown argument '" + args[i] + "'; usage: ./workbook shell [--path DIR]");
                System.exit(2);
            }
        }
        MiniLsm lsm;
        try {
            lsm = MiniLsm.open(path, LsmStorageOptions.defaults());
        } catch (IOException | RuntimeException e) {
            System.err.println("shell: cannot open the database in " + path + ": " + e.getMessage());
            System.exit(1);
            return;
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        boolean interactive = isTerminal();
        if (interactive) {
            System.out.println("LSM Workbook shell on " + path.toAbsolutePath() + "; type help for the commands");
        }
        if (!new LsmShell(lsm, System.out).run(in, interactive)) {
            System.exit(1);
        }
    }

    /**
     * Reads and runs commands until {@code close} or the end of {@code in}, then closes the engine.
     *
     * @param prompt whether to print a prompt before each command (for a terminal)
     * @return true if the engine was closed cleanly
     */
    public boolean run(BufferedReader in, boolean prompt) throws IOException {
        while (true) {
            if (prompt) {
                out.print("lsm> ");
                out.flush();
            }
            String line = in.readLine();
            if (line == null) {
                return close();
            }
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] words = line.split("\\s+", 3);
            String command = words[0].toLowerCase(Locale.ROOT);
            if (command.equals("close") || command.equals("exit") || command.equals("quit")) {
                return close();
            }
            try {
                execute(command, words, line);
            } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
                out.println("error: " + e.getMessage());
            } catch (IOException | UncheckedIOException e) {
                out.println("error: " + e);
            }
            out.flush();
        }
    }

    private void execute(String command, String[] words, String line) throws IOException {
        switch (command) {
            case "put":
                need(words, 3, "put KEY VALUE");
                lsm.put(Bytes.of(words[1]), Bytes.of(words[2]));
                out.println("ok");
                break;
            case "get":
                need(words, 2, "get KEY");
                Bytes value = lsm.get(Bytes.of(words[1]));
                out.println(value == null ? "not found: " + words[1] : value.toUtf8String());
                break;
            case "del":
            case "delete":
                need(words, 2, "del KEY");
                lsm.delete(Bytes.of(words[1]));
                out.println("ok");
                break;
            case "scan":
                scan(line.split("\\s+"));
                break;
            case "fill":
                fill(line.split("\\s+"));
                break;
            case "flush":
                lsm.forceFlush();
                out.println("flushed; " + lsm.state().l0SstIds().size() + " SST(s) in L0");
                break;
            case "dump":
                dump();
                break;
            case "help":
                out.println(HELP);
                break;
            default:
                throw new IllegalArgumentException("unknown command '" + words[0] + "'; type help for the commands");
        }
    }

    private static void need(String[] words, int count, String usage) {
        if (words.length < count) {
            throw new IllegalArgumentException("usage: " + usage);
        }
    }

    private void scan(String[] words) throws IOException {
        Bound lower = Bound.unbounded();
        Bound upper = Bound.unbounded();
        if (words.length == 3) {
            lower = Bound.included(Bytes.of(words[1]));
            upper = Bound.included(Bytes.of(words[2]));
        } else if (words.length != 1) {
            throw new IllegalArgumentException("usage: scan [FROM TO]");
        }
        long count = 0;
        FusedIterator<LsmIterator> it = lsm.scan(lower, upper);
        while (it.isValid()) {
            out.println(it.key().toUtf8String() + " = " + it.value().toUtf8String());
            count++;
            it.next();
        }
        out.println("(" + count + (count == 1 ? " entry)" : " entries)"));
    }

    private void fill(String[] words) throws IOException {
        if (words.length != 3) {
            throw new IllegalArgumentException("usage: fill FROM TO");
        }
        long from;
        long to;
        try {
            from = Long.parseLong(words[1]);
            to = Long.parseLong(words[2]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("fill takes two whole numbers, FROM and TO, but got '" + words[1]
                    + "' and '" + words[2] + "'");
        }
        if (from > to || to - from >= MAX_FILL) {
            throw new IllegalArgumentException("fill needs FROM <= TO and at most " + MAX_FILL + " keys, but got "
                    + from + ".." + to);
        }
        for (long n = from; n <= to; n++) {
            lsm.put(Bytes.of(Long.toString(n)), Bytes.of("value" + n));
        }
        out.println("ok; put " + (to - from + 1) + " keys");
    }

    private void dump() {
        LsmStorageState state = lsm.state();
        MemTable current = state.memtable();
        out.println("memtable " + current.id() + " (current): " + describe(current));
        for (MemTable imm : state.immMemtables()) {
            out.println("memtable " + imm.id() + " (frozen): " + describe(imm));
        }
        out.println("L0: " + state.l0SstIds().size() + " SST(s), newest first");
        for (SsTable table : state.l0Sstables()) {
            out.println("  SST " + table.id() + ": " + table.tableSize() + " bytes, " + table.numBlocks()
                    + " block(s), keys " + table.firstKey() + " .. " + table.lastKey());
        }
        Exception flushError = lsm.flushThread().lastError();
        if (flushError != null) {
            out.println("the last background flush failed (the memtables stay in memory): " + flushError);
        }
    }

    /** Size, entry count and key range of a memtable. Walks all of it: fine for a debugging command. */
    private static String describe(MemTable memtable) {
        MemTableIterator it = memtable.scan(Bound.unbounded(), Bound.unbounded());
        if (!it.isValid()) {
            return "empty";
        }
        Bytes first = it.key();
        Bytes last = first;
        long entries = 0;
        while (it.isValid()) {
            last = it.key();
            entries++;
            it.next();
        }
        return "~" + memtable.approximateSize() + " bytes, " + entries + (entries == 1 ? " entry" : " entries")
                + ", keys " + first + " .. " + last;
    }

    private boolean close() {
        try {
            lsm.close();
            out.println("closed");
            out.flush();
            return true;
        } catch (IOException | RuntimeException e) {
            out.println("error: closing failed: " + e);
            out.flush();
            return false;
        }
    }

    /** Whether a person is typing: a console that is a terminal (JDK 22+ has a console for pipes too). */
    private static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // before JDK 22 a console exists only for a terminal
        }
    }
}
