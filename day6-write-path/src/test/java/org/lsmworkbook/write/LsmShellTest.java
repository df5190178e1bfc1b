package org.lsmworkbook.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lsmworkbook.engine.LsmStorageOptions;
import org.lsmworkbook.engine.LsmStorageState;
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
                    .as("dump shows SST %d with its size and its key range", table.id())
                    .anySatisfy(line -> assertThat(line)
                            .contains("SST " + table.id() + ":")
                            .contains(table.tableSize() + " bytes")
                            .contains(table.firstKey() + " .. " + table.lastKey()));
        }
        assertThat(lines)
                .as("dump starts with the current memtable")
                .anySatisfy(line -> assertThat(line).startsWith("memtable ").contains("(current)"));
        assertThat(lines.get(lines.size() - 1)).as("the last line").isEqualTo("closed");
    }
}
