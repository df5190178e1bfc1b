package org.lsmworkbook.write;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;
import org.lsmworkbook.engine.FusedIterator;
import org.lsmworkbook.engine.LsmIterator;
import org.lsmworkbook.engine.LsmStorageOptions;
import org.lsmworkbook.kv.Bound;
import org.lsmworkbook.kv.Bytes;

/**
 * A command line for {@link MiniLsm}: {@code ./workbook shell [--path DIR]}.
 *
 * <p>It reads one command per line, from a terminal or from a pipe, and answers each on standard
 * output: one line for {@code put}, {@code get}, {@code del}, {@code fill}, {@code flush} and
 * {@code close}; a listing for {@code scan}, {@code dump} and {@code help}. A bad command prints a
 * line starting with {@code error:} and the shell goes on. Keys and values are UTF-8 text; a value
 * is the rest of the line, spaces included. A line that is not valid UTF-8 is refused with an
 * {@code error:} line (it is not guessed at: two different byte strings must never become one key).
 *
 * <p>The engine is closed, so that every acknowledged write is saved, however the shell ends: on
 * {@code close}, at the end of the input, when the process is asked to stop (SIGTERM or Ctrl-C: a
 * shutdown hook closes it after the command in progress), and after an {@link Error} in the engine
 * (one {@code error:} line, no stack trace, then the shell closes and leaves).
 *
 * <p>This is given code: it only calls {@code MiniLsm}'s public methods, and looks at the engine
 * through {@link MiniLsm#stats()}.
 */
public final class LsmShell {

    /** The directory used when {@code --path} is not given. */
    public static final String DEFAULT_PATH = "lsm.db";

    /**
     * The options the shell opens its database with: {@link LsmStorageOptions#defaults()} with bloom
     * filters of 10 bits per key (day 2's bonus task 6) and the write-ahead log (day 6's bonus task
     * 5). An engine without the bloom filter bonus writes its SSTs without filters all the same, and
     * {@code dump} says so; one without the log bonus (its code still a stub) is opened without the
     * log, and the shell says so.
     */
    public static final LsmStorageOptions SHELL_OPTIONS =
            LsmStorageOptions.defaults().withBloomBitsPerKey(10).withWriteAheadLog(true);

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
    /** Held while a command runs, and by the shutdown hook: the engine closes between commands. */
    private final Object commandLock = new Object();

    /** A shell on an open engine, printing to {@code out}. */
    public LsmShell(MiniLsm lsm, PrintStream out) {
        this.lsm = lsm;
        this.out = out;
    }

    /**
     * Runs the shell: {@code [--path DIR]}. Exits with status 1 if the database cannot be opened or
     * closed (or the engine failed with an {@link Error}), 2 on a bad argument.
     */
    public static void main(String[] args) {
        int status = launch(args, System.in, System.out, System.err, true);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * What {@link #main} does, with its streams given: parses {@code args}, opens the database,
     * runs the commands of {@code in} and returns the exit status (0, or 1 or 2 as {@code main}
     * says).
     *
     * @param shutdownHook whether to close the engine when the JVM is asked to stop (SIGTERM)
     */
    static int launch(String[] args, InputStream in, PrintStream out, PrintStream err, boolean shutdownHook) {
        Path path = Path.of(DEFAULT_PATH);
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--path") && i + 1 < args.length) {
                path = Path.of(args[++i]);
            } else if (args[i].equals("--help") || args[i].equals("-h")) {
                out.println("usage: ./workbook shell [--path DIR]   (default DIR: ./" + DEFAULT_PATH + ")");
                out.println(HELP);
                return 0;
            } else {
                err.println("shell: unknown argument '" + args[i] + "'; usage: ./workbook shell [--path DIR]");
                return 2;
            }
        }
        MiniLsm lsm;
        try {
            lsm = openWithLogIfWritten(path, err);
        } catch (Exception | Error e) {
            err.println("shell: cannot open the database in " + path + ": " + describe(e));
            return 1;
        }
        LsmShell shell = new LsmShell(lsm, out);
        Thread hook = null;
        if (shutdownHook) {
            hook = new Thread(() -> shell.closeOnShutdown(err), "lsm-shell-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
        }
        boolean interactive = isTerminal();
        if (interactive) {
            out.println("LSM Workbook shell on " + path.toAbsolutePath() + "; type help for the commands");
        }
        boolean clean;
        try {
            clean = shell.run(in, interactive);
        } catch (IOException e) {
            err.println("shell: cannot read the commands: " + describe(e));
            shell.close();
            clean = false;
        }
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is stopping already; the hook finds the engine closed and does nothing
            }
        }
        return clean ? 0 : 1;
    }

    /**
     * Reads and runs commands from text lines until {@code close} or the end of {@code in}, then
     * closes the engine.
     *
     * @param prompt whether to print a prompt before each command (for a terminal)
     * @return true if the engine was closed cleanly (and no {@link Error} ended the shell)
     */
    public boolean run(BufferedReader in, boolean prompt) throws IOException {
        return loop(in::readLine, prompt);
    }

    /**
     * Reads and runs commands from the bytes of {@code in}, one line each, until {@code close} or
     * the end of {@code in}, then closes the engine. A line that is not valid UTF-8 gets an {@code
     * error:} line that says where, and is not run.
     *
     * @param prompt whether to print a prompt before each command (for a terminal)
     * @return true if the engine was closed cleanly (and no {@link Error} ended the shell)
     */
    public boolean run(InputStream in, boolean prompt) throws IOException {
        return loop(new Utf8Lines(in)::readLine, prompt);
    }

    /** Where the commands come from: a line of text, or null at the end. */
    private interface LineSource {
        String readLine() throws IOException;
    }

    /** A line that is not valid UTF-8. */
    private static final class InvalidUtf8Exception extends IOException {
        private static final long serialVersionUID = 1L;

        InvalidUtf8Exception(String message) {
            super(message);
        }
    }

    /** Lines of bytes ending in a newline (a carriage return before it is dropped), decoded strictly. */
    private static final class Utf8Lines {
        private final InputStream in;
        private long lineNumber;

        Utf8Lines(InputStream in) {
            this.in = new BufferedInputStream(in);
        }

        String readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                line.write(b);
            }
            if (b == -1 && line.size() == 0) {
                return null;
            }
            lineNumber++;
            byte[] bytes = line.toByteArray();
            int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
            ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, length);
            try {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(buffer).toString();
            } catch (CharacterCodingException e) {
                throw new InvalidUtf8Exception("line " + lineNumber + " is not valid UTF-8 (byte " + buffer.position()
                        + " of the line is 0x" + String.format("%02x", bytes[buffer.position()] & 0xff)
                        + "); keys and values are UTF-8 text, so the line was not run");
            }
        }
    }

    private boolean loop(LineSource in, boolean prompt) throws IOException {
        while (true) {
            if (prompt) {
                out.print("lsm> ");
                out.flush();
            }
            String line;
            try {
                line = in.readLine();
            } catch (InvalidUtf8Exception e) {
                out.println("error: " + e.getMessage());
                out.flush();
                continue;
            }
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
                synchronized (commandLock) {
                    execute(command, words, line);
                }
            } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
                out.println("error: " + e.getMessage());
            } catch (IOException | UncheckedIOException e) {
                out.println("error: " + describe(e));
            } catch (Error e) {
                // The engine may be in any state now: say what happened in one line, save what can be saved, leave.
                out.println("error: the engine failed with " + describe(e) + "; closing the database");
                close();
                return false;
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
                out.println("flushed; " + lsm.stats().l0().size() + " SST(s) in L0");
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
        // to - from overflows for ranges wider than Long.MAX_VALUE (it turns negative): compare exactly.
        if (from > to || Long.compareUnsigned(to - from, MAX_FILL) >= 0) {
            throw new IllegalArgumentException("fill needs FROM <= TO and at most " + MAX_FILL + " keys, but got "
                    + from + ".." + to);
        }
        long count = to - from + 1;
        // Count the keys rather than compare n <= to: n++ past Long.MAX_VALUE would wrap and never end.
        for (long i = 0; i < count; i++) {
            long n = from + i;
            lsm.put(Bytes.of(Long.toString(n)), Bytes.of("value" + n));
        }
        out.println("ok; put " + count + (count == 1 ? " key" : " keys"));
    }

    /**
     * Opens with {@link #SHELL_OPTIONS}; if the write-ahead log is still a stub (bonus task 5 not
     * done), opens without it and says so on {@code err}.
     */
    private static MiniLsm openWithLogIfWritten(Path path, PrintStream err) throws IOException {
        try {
            return MiniLsm.open(path, SHELL_OPTIONS);
        } catch (UnsupportedOperationException e) {
            if (e.getMessage() == null || !e.getMessage().contains("write-ahead log")) {
                throw e; // another stub: the open itself is not written yet
            }
            err.println("shell: the write-ahead log is not written yet (day 6, bonus task 5); running without it: "
                    + "writes are durable once flushed");
            return MiniLsm.open(path, SHELL_OPTIONS.withWriteAheadLog(false));
        }
    }

    private void dump() {
        LsmStats stats = lsm.stats();
        out.println("memtable " + stats.memtable().id() + " (current): " + describe(stats.memtable()));
        for (LsmStats.MemTableStats frozen : stats.frozen()) {
            out.println("memtable " + frozen.id() + " (frozen): " + describe(frozen));
        }
        out.println("L0: " + stats.l0().size() + " SST(s), newest first");
        for (LsmStats.SstStats table : stats.l0()) {
            out.println("  SST " + table.id() + ": " + table.size() + " bytes, " + table.blocks()
                    + " block(s), " + (table.filterBytes() == 0 ? "no bloom filter"
                            : "bloom filter of " + table.filterBytes() + " bytes")
                    + ", keys " + table.firstKey() + " .. " + table.lastKey());
        }
        out.println(stats.writeAheadLog()
                ? "write-ahead log: on, " + stats.logFiles() + " log file(s), " + stats.logBytes() + " bytes"
                : "write-ahead log: off (writes are durable once flushed)");
        if (!stats.flushThreadRunning() && !lsm.isClosed()) {
            out.println("the flush thread is not running: nothing is flushed in the background, and writes will "
                    + "stall; flush and close still work"
                    + (stats.flushError() == null ? "" : "; it ended with " + describe(stats.flushError())));
        } else if (stats.flushError() != null) {
            out.println("the last background flush failed (the memtables stay in memory): "
                    + describe(stats.flushError()));
        }
    }

    private static String describe(LsmStats.MemTableStats memtable) {
        if (memtable.entries() == 0) {
            return "empty";
        }
        return "~" + memtable.approximateSize() + " bytes, " + memtable.entries()
                + (memtable.entries() == 1 ? " entry" : " entries")
                + ", keys " + memtable.firstKey() + " .. " + memtable.lastKey();
    }

    /**
     * One line about {@code e} for a person: the file and what is wrong with it for a file-system
     * error (whose own message is often the bare path), the message otherwise, with the causes.
     */
    static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(describeOne(e));
        int depth = 0;
        for (Throwable cause = e.getCause(); cause != null && cause != e && depth < 4; cause = cause.getCause()) {
            String more = describeOne(cause);
            if (!text.toString().contains(more)) {
                text.append(" (cause: ").append(more).append(')');
            }
            depth++;
        }
        return text.toString();
    }

    private static String describeOne(Throwable e) {
        if (e instanceof FileSystemException) {
            FileSystemException fs = (FileSystemException) e;
            String file = fs.getFile() == null ? "a file" : fs.getFile();
            String what;
            if (e instanceof NoSuchFileException) {
                what = "no such file or directory";
            } else if (e instanceof AccessDeniedException) {
                what = "permission denied";
            } else if (e instanceof DirectoryNotEmptyException) {
                what = "is a directory that is not empty, where a file was expected";
            } else if (e instanceof FileAlreadyExistsException) {
                what = "already exists, and is in the way (a file where a directory belongs, or the other way round)";
            } else if (e instanceof NotDirectoryException) {
                what = "is not a directory";
            } else {
                what = fs.getReason() == null ? e.getClass().getSimpleName() : fs.getReason();
            }
            String other = fs.getOtherFile() == null ? "" : " (and " + fs.getOtherFile() + ")";
            String name = file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
            if (SstFileNames.isTempFile(name)) {
                other += ", a leftover temporary SST file that open must delete";
            }
            return file + other + ": " + what;
        }
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        if (e instanceof Error || e instanceof NullPointerException || e.getClass() == RuntimeException.class) {
            return e.getClass().getSimpleName() + ": " + message;
        }
        return message;
    }

    /** Closes the engine; says so, or why not, in one line. */
    private boolean close() {
        synchronized (commandLock) {
            try {
                LsmStats before = lsm.isClosed() ? null : lsm.stats();
                lsm.close();
                if (before != null && !before.flushThreadRunning()) {
                    out.println("note: the background flush thread had stopped"
                            + (before.flushError() == null ? "" : " (" + describe(before.flushError()) + ")")
                            + "; close flushed everything itself");
                }
                out.println("closed");
                out.flush();
                return true;
            } catch (Exception | Error e) {
                out.println("error: closing failed: " + describe(e));
                out.flush();
                return false;
            }
        }
    }

    /** The shutdown hook: closes the engine after the command in progress, unless it is closed already. */
    private void closeOnShutdown(PrintStream err) {
        synchronized (commandLock) {
            if (lsm.isClosed()) {
                return;
            }
            try {
                lsm.close();
                err.println("shell: stopped; the database was closed and every acknowledged write saved");
            } catch (Exception | Error e) {
                err.println("shell: stopped, and closing the database failed: " + describe(e));
            }
            err.flush();
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
