package org.lsmworkbook.write;

import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of the files in an engine's directory.
 *
 * <pre>
 *   000007.sst        the SST with id 7 (at least six digits, so that a listing sorts by id)
 *   000007.sst.tmp    the same SST while it is being written; never read, deleted on open
 *   000007.wal        the write-ahead log of memtable 7 (day 6's bonus task 5), deleted once SST 7
 *                     is durable and published
 *   LOCK              held while an engine has the directory open
 * </pre>
 *
 * <p>Ids go from 0 to {@link #MAX_ID} (at most 18 digits). The writer names every id in that range,
 * the reader reads every such name back, and both refuse anything larger: a name the reader could
 * not read back would make a flushed SST vanish on the next open.
 */
public final class SstFileNames {

    /** The name of the file an open engine holds a lock on. */
    public static final String LOCK_FILE = "LOCK";
    /** The suffix of a finished SST file. */
    public static final String SST_SUFFIX = ".sst";
    /** The suffix of an SST file that is still being written. */
    public static final String TEMP_SUFFIX = ".sst.tmp";

    /** The suffix of a memtable's write-ahead log (day 6's bonus task 5). */
    public static final String WAL_SUFFIX = ".wal";

    /** The largest SST id: the largest number of 18 digits. */
    public static final long MAX_ID = 999_999_999_999_999_999L;

    /** An SST's name: its id in decimal, at least six digits, nothing else. */
    private static final Pattern SST = Pattern.compile("(\\d+)\\.sst");
    private static final Pattern TEMP = Pattern.compile("\\d+\\.sst\\.tmp");
    /** A log's name: the id of its memtable, written as in an SST's name. */
    private static final Pattern WAL = Pattern.compile("(\\d{6}|[1-9]\\d{6,17})\\.wal");

    private SstFileNames() {}

    /**
     * Where the SST with id {@code id} lives in {@code dir}.
     *
     * @throws IllegalArgumentException if {@code id} is negative or above {@link #MAX_ID}
     */
    public static Path sstPath(Path dir, long id) {
        return dir.resolve(digits(id) + SST_SUFFIX);
    }

    /**
     * Where the SST with id {@code id} is written before it is renamed to {@link #sstPath}.
     *
     * @throws IllegalArgumentException if {@code id} is negative or above {@link #MAX_ID}
     */
    public static Path tempPath(Path dir, long id) {
        return dir.resolve(digits(id) + TEMP_SUFFIX);
    }

    /**
     * The id in an SST file's name ({@code 000007.sst} → 7), or -1 if it is not a name this engine
     * gives an SST ({@code 7.sst} is not: there is exactly one name per id).
     *
     * @throws IOException if the name has the form of an SST's name (six digits or more, no extra
     *     leading zero) but its id is above {@link #MAX_ID}: this engine never wrote it and cannot
     *     give later SSTs larger ids, so it must not open the directory; the message names the file
     */
    public static long parseSstId(String fileName) throws IOException {
        Matcher m = SST.matcher(fileName);
        if (!m.matches()) {
            return -1;
        }
        String number = m.group(1);
        boolean canonical = number.length() >= 6 && (number.length() == 6 || number.charAt(0) != '0');
        if (!canonical) {
            return -1;
        }
        if (number.length() > 18) {
            throw new IOException(fileName + ": an SST file whose id has " + number.length() + " digits; SST ids "
                    + "have at most 18 (the largest is " + MAX_ID + "), so this engine did not write it and cannot "
                    + "number the SSTs after it. Move the file out of the directory to open it");
        }
        return Long.parseLong(number);
    }

    /**
     * Where the write-ahead log of the memtable with id {@code id} lives in {@code dir}: the name of
     * the SST the memtable becomes, with {@link #WAL_SUFFIX} ({@code 000007.wal}).
     *
     * @throws IllegalArgumentException if {@code id} is negative or above {@link #MAX_ID}
     */
    public static Path walPath(Path dir, long id) {
        return dir.resolve(digits(id) + WAL_SUFFIX);
    }

    /**
     * The memtable id in a log's name ({@code 000007.wal} → 7), or -1 if it is not a name {@link
     * #walPath} gives (there is exactly one name per id, as for SSTs).
     */
    public static long parseWalId(String fileName) {
        Matcher m = WAL.matcher(fileName);
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    /** True for the name of an SST file that was still being written ({@code 000007.sst.tmp}). */
    public static boolean isTempFile(String fileName) {
        return TEMP.matcher(fileName).matches();
    }

    private static String digits(long id) {
        if (id < 0 || id > MAX_ID) {
            throw new IllegalArgumentException("an SST id must be between 0 and " + MAX_ID + ", but got " + id);
        }
        return String.format("%06d", id);
    }
}
