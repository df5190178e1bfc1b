package org.lsmworkbook.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lsmworkbook.engine.LsmStorageOptions;
import org.lsmworkbook.engine.LsmStorageState;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.sst.SsTable;

/**
 * The shell ({@code ./workbook shell}) on a real engine. {@link LsmShell} is given code; these tests
 * check that the engine under it (task 4) does what a user typing the commands expects.
 */
@Timeout(30)
@DisplayName("Day 6 · Task 4 — the shell on MiniLsm")
class LsmShellTest {

    @TempDir
    Path dir;

    /** Runs {@code script} in a shell on a fresh engine over {@link #dir}; returns the output lines. */
    private List<String> runShell(String script) throws IOException {
        return runShell(script, null);
    }

    /** Like {@link #runShell(String)}, and keeps the engine's last state in {@code stateOut[0]}. */
    private List<String> runShell(String script, LsmStorageState[] stateOut) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean closedCleanly;
        try (MiniLsm lsm = MiniLsm.open(dir, LsmStorageOptions.forTests());
                PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            closedCleanly = new LsmShell(lsm, out).run(new BufferedReader(new StringReader(script)), false);
            if (stateOut != null) {
                stateOut[0] = lsm.state();
            }
        }
        assertThat(closedCleanly).as("the shell closes the engine cleanly at the end of its input").isTrue();
        String text = bytes.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : new ArrayList<>(Arrays.asList(text.split("\\R")));
    }

    @Test
    void what_one_session_writes_the_next_session_reads() throws IOException {
        List<String> first = runShell("put a 1\nflush\nput b 2\nclose\n");
        assertThat(first)
                .as("output of: put a 1 / flush / put b 2 / close")
                .containsExactly("ok", "flushed; 1 SST(s) in L0", "ok", "closed");

        List<String> second = runShell("get a\nget b\nget c\n");
        assertThat(second)
                .as("a new session on the same directory: a was flushed, b was persisted by close, c never existed; "
                        + "the end of the input closes the engine")
                .containsExactly("1", "2", "not found: c", "closed");
    }

    @Test
    void a_bad_command_prints_an_error_and_the_shell_goes_on() throws IOException {
        List<String> lines = runShell("frobnicate\nput lonely\nget\nfill x y\nput k some value with spaces\nget k\n");
        assertThat(lines).as("the output").hasSize(7);
        assertThat(lines.subList(0, 4))
                .as("an unknown command, a put without a value, a get without a key and a fill without numbers "
                        + "each print one line starting with 'error:'")
                .allSatisfy(line -> assertThat(line).startsWith("error:"));
        assertThat(lines.subList(4, 7))
                .as("after the errors the shell still works; a value is the rest of the line")
                .containsExactly("ok", "some value with spaces", "closed");
    }

    @Test
    void scan_prints_the_live_entries_and_a_count() throws IOException {
        List<String> lines = runShell("put a 1\nput b 2\nput c 3\nflush\ndel b\nput d 4\nscan\nscan b c\n");
        assertThat(lines)
                .as("scan lists the live entries in key order (b is deleted), then a count line; scan b c includes "
                        + "both bounds")
                .containsExactly("ok", "ok", "ok", "flushed; 1 SST(s) in L0", "ok", "ok",
                        "a = 1", "c = 3", "d = 4", "(3 entries)",
                        "c = 3", "(1 entry)",
                        "closed");
    }

    @Test
    void fill_writes_numbered_keys() throws IOException {
        List<String> lines = runShell("fill 1 100\nget 50\nget 100\nget 101\n");
        assertThat(lines)
                .as("fill 1 100 puts the keys 1..100 with values value1..value100")
                .containsExactly("ok; put 100 keys", "value50", "value100", "not found: 101", "closed");
    }

    @Test
    void dump_lists_the_memtables_and_the_ssts_with_ids_sizes_and_key_ranges() throws IOException {
        LsmStorageState[] state = new LsmStorageState[1];
        List<String> lines = runShell("fill 1000 1300\nflush\ndump\n", state);
        List<SsTable> ssts = state[0].l0Sstables();
        assertThat(ssts).as("301 keys with ~1 KiB memtables make several SSTs").hasSizeGreaterThan(1);
        assertThat(lines).as("dump shows how many SSTs L0 holds").contains("L0: " + ssts.size() + " SST(s), newest first");
        for (SsTable table : ssts) {
            assertThat(lines)
                    .as("dump shows SST %d with its size, its bloom filter (none with these options) and its key range",
                            table.id())
                    .anySatisfy(line -> assertThat(line)
                            .contains("SST " + table.id() + ":")
                            .contains(table.tableSize() + " bytes")
                            .contains("no bloom filter")
                            .contains(table.firstKey() + " .. " + table.lastKey()));
        }
        assertThat(lines)
                .as("dump starts with the current memtable")
                .anySatisfy(line -> assertThat(line).startsWith("memtable ").contains("(current)"));
        assertThat(lines.get(lines.size() - 1)).as("the last line").isEqualTo("closed");
    }

    private static List<String> lines(ByteArrayOutputStream bytes) {
        String text = bytes.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : new ArrayList<>(Arrays.asList(text.split("\\R")));
    }

    @Test
    void fill_up_to_the_largest_number_ends_at_once_and_a_range_too_wide_is_refused() throws IOException {
        List<String> lines = runShell("fill 9223372036854775807 9223372036854775807\n"
                + "fill 9223372036854775806 9223372036854775807\n"
                + "fill -9223372036854775808 9223372036854775807\n"
                + "get 9223372036854775807\n");
        assertThat(lines)
                .as("fill counts its keys, so a range that ends at Long.MAX_VALUE ends (n++ there would wrap "
                        + "around); a range of more than MAX_FILL keys is refused, even one whose width overflows")
                .hasSize(5);
        assertThat(lines.subList(0, 2)).containsExactly("ok; put 1 key", "ok; put 2 keys");
        assertThat(lines.get(2)).startsWith("error: fill needs FROM <= TO and at most " + LsmShell.MAX_FILL + " keys");
        assertThat(lines.subList(3, 5)).containsExactly("value9223372036854775807", "closed");
    }

    @Test
    void a_line_that_is_not_valid_utf8_is_refused_with_an_error_and_the_shell_goes_on() throws IOException {
        ByteArrayOutputStream script = new ByteArrayOutputStream();
        script.writeBytes("put a \u00e9t\u00e9\n".getBytes(StandardCharsets.UTF_8));
        script.writeBytes(new byte[] {'p', 'u', 't', ' ', 'b', (byte) 0xff, ' ', 'x', '\n'});
        script.writeBytes(new byte[] {'p', 'u', 't', ' ', 'b', (byte) 0xfe, ' ', 'y', '\r', '\n'});
        script.writeBytes("get a\nget b\n".getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean clean;
        try (MiniLsm lsm = MiniLsm.open(dir, LsmStorageOptions.forTests());
                PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            clean = new LsmShell(lsm, out).run(new ByteArrayInputStream(script.toByteArray()), false);
        }
        List<String> lines = lines(bytes);
        assertThat(clean).as("the shell closed the engine cleanly").isTrue();
        assertThat(lines).as("the output").hasSize(6);
        assertThat(lines.get(0)).isEqualTo("ok");
        assertThat(lines.get(1))
                .as("bytes that are not UTF-8 are refused, not replaced by U+FFFD (which would make the keys "
                        + "b\\xff and b\\xfe one key); the message says which line and byte")
                .startsWith("error: line 2 is not valid UTF-8 (byte 5 of the line is 0xff)");
        assertThat(lines.get(2)).startsWith("error: line 3 is not valid UTF-8 (byte 5 of the line is 0xfe)");
        assertThat(lines.subList(3, 6)).containsExactly("\u00e9t\u00e9", "not found: b", "closed");
    }

    @Test
    void an_Error_in_the_engine_prints_one_line_and_the_shell_closes_the_engine() throws IOException {
        RecordingFileSystem fs = RecordingFileSystem.ofDefault();
        AtomicBoolean armed = new AtomicBoolean(false);
        fs.listen((op, path, target) -> {
            if (op == RecordingFileSystem.Op.OPEN && SstFileNames.isTempFile(path.getFileName().toString())
                    && armed.getAndSet(false)) {
                throw new FlushErrorTest.InjectedError("injected by the test while writing " + path.getFileName());
            }
        });
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean clean;
        MiniLsm lsm = MiniLsm.open(fs.wrap(dir), LsmStorageOptions.memtableOnly());
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            armed.set(true);
            clean = new LsmShell(lsm, out).run(new BufferedReader(new StringReader("put a 1\nflush\nput b 2\n")), false);
        } finally {
            lsm.close();
        }
        List<String> lines = lines(bytes);
        assertThat(clean).as("run() reports that an Error ended the shell").isFalse();
        assertThat(lines).as("the output: ok, one error line, then closed; the commands after the Error are not run")
                .hasSize(3);
        assertThat(lines.get(1))
                .startsWith("error: the engine failed with InjectedError: injected by the test")
                .endsWith("; closing the database");
        assertThat(lines.get(2)).isEqualTo("closed");
        try (MiniLsm reopened = MiniLsm.open(dir, LsmStorageOptions.memtableOnly())) {
            assertThat(reopened.get(Bytes.of("a"))).as("the write before the Error was saved by the close")
                    .isEqualTo(Bytes.of("1"));
        }
    }

    /** Runs {@code launch} as {@code ./workbook shell --path DIR} would, without a shutdown hook. */
    private static int launch(Path path, String input, ByteArrayOutputStream out, ByteArrayOutputStream err) {
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            return LsmShell.launch(new String[] {"--path", path.toString()},
                    new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), o, e, false);
        }
    }

    @Test
    void every_open_failure_names_the_file_and_says_what_is_wrong_with_it() throws IOException {
        Path leftover = WriteFixtures.placeObstacle(dir, 51); // a directory, not empty, named 000051.sst.tmp
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(launch(dir, "", out, err)).as("exit status when the database cannot be opened").isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .as("not a bare path: the file, what it is, and what is wrong")
                .contains(leftover.toString())
                .contains("leftover temporary SST file")
                .contains("not empty");
        WriteFixtures.removeObstacle(dir, 51);

        Path notADirectory = dir.resolve("plain-file");
        Files.writeString(notADirectory, "x");
        err.reset();
        assertThat(launch(notADirectory, "", out, err)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .as("a file where the database directory should be")
                .contains(notADirectory.toString())
                .contains("already exists");

        Path tooLarge = dir.resolve("1000000000000000000.sst");
        Files.writeString(tooLarge, "x");
        err.reset();
        assertThat(launch(dir, "", out, err)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .as("an SST id the engine cannot name is refused at open (SstFileNames.MAX_ID)")
                .contains("1000000000000000000.sst")
                .contains("at most 18");
    }

    @Test
    void SIGTERM_closes_the_engine_so_acknowledged_writes_are_saved() throws Exception {
        Path db = dir.resolve("db");
        Path stderr = dir.resolve("shell.err");
        Process shell = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-cp", KillDashNineTest.childClassPath(), LsmShell.class.getName(), "--path", db.toString())
                .redirectError(stderr.toFile())
                .start();
        try {
            OutputStream in = shell.getOutputStream();
            BufferedReader out = new BufferedReader(new InputStreamReader(shell.getInputStream(), StandardCharsets.UTF_8));
            in.write("put sigterm saved\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
            assertThat(out.readLine()).as("the shell acknowledges the put").isEqualTo("ok");
            // SIGTERM through the handle: Process.destroy() would also close the shell's input, and the end of
            // the input closes the engine too; this way only the shutdown hook can.
            assertThat(shell.toHandle().destroy()).as("SIGTERM sent").isTrue();
            assertThat(shell.waitFor(20, TimeUnit.SECONDS)).as("the shell ends after SIGTERM").isTrue();
        } finally {
            shell.destroyForcibly();
        }
        assertThat(Files.readString(stderr))
                .as("the shell (exit status %d) says on stderr that it closed the database", shell.exitValue())
                .contains("the database was closed");
        try (MiniLsm lsm = MiniLsm.open(db, LsmStorageOptions.forTests())) {
            assertThat(lsm.get(Bytes.of("sigterm")))
                    .as("the write acknowledged before SIGTERM was saved by the shell's shutdown hook")
                    .isEqualTo(Bytes.of("saved"));
        }
    }
}
