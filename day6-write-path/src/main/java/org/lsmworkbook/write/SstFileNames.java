package org.lsmworkbook.write;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of the files in an engine's directory.
 *
 * <pre>
 *   000007.sst        the SST with id 7 (at least six digits, so that a listing sorts by id)
 *   000007.sst.tmp    the same SST while it is being written; never read, deleted on open
 *   LOCK              held while an engine has the directory open
 * </pre>
 */
public final class SstFileNames {

    /** The name of the file an open engine holds a lock on. */
    public static final String LOCK_FILE = "LOCK";
    /** The suffix of a finished SST file. */
    public static final String SST_SUFFIX = ".sst";
    /** The suffix of an SST file that is still being written. */
    public static final String TEMP_SUFFIX = ".sst.tmp";

    private static final Pattern SST = Pattern.compile("(\\d{1,18})\\.sst");
    private static final Pattern TEMP = Pattern.compile("\\d{1,18}\\.sst\\.tmp");

    private SstFileNames() {}

    /** Where the SST with id {@code id} lives in {@code dir}. */
    public static Path sstPath(Path dir, long id) {
        return dir.resolve(String.format("%06d", id) + SST_SUFFIX);
    }

    /** Where the SST with id {@code id} is written before it is renamed to {@link #sstPath}. */
    public static Path tempPath(Path dir, long id) {
        return dir.resolve(String.format("%06d", id) + TEMP_SUFFIX);
    }

    /**
     * The id in an SST file's name ({@code 000007.sst} → 7), or -1 if it is not a name this engine
     * gives an SST ({@code 7.sst} is not: there is exactly one name per id).
     */
    public static long parseSstId(String fileName) {
        Matcher m = SST.matcher(fileName);
        if (!m.matches()) {
            return -1;
        }
        long id = Long.parseLong(m.group(1));
        return fileName.equals(String.format("%06d", id) + SST_SUFFIX) ? id : -1;
    }

    /** True for the name of an SST file that was still being written ({@code 000007.sst.tmp}). */
    public static boolean isTempFile(String fileName) {
        return TEMP.matcher(fileName).matches();
    }
}
