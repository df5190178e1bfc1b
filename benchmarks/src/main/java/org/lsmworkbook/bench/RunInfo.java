package org.lsmworkbook.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * What a table needs to say besides the numbers: the size of the run, the JVM flags, the machine.
 *
 * @param num N, the number of keys
 * @param seed the seed
 * @param jvmFlags the flags every engine's JVM was started with
 * @param jdk the JDK's version and VM
 * @param os the operating system and architecture
 * @param cores the processors the JVM may use
 * @param cpu the processor's model name, or "unknown"
 * @param date when the run started, in UTC
 * @param loadBefore the 1-minute load average when the run started, or -1 if unknown
 * @param loadAfter the 1-minute load average when it ended, or -1 if unknown. A load well above 1
 *     means other programs competed for the processors, and the numbers are not to be trusted.
 */
public record RunInfo(int num, long seed, List<String> jvmFlags, String jdk, String os, int cores, String cpu,
        String date, double loadBefore, double loadAfter) {

    public RunInfo {
        jvmFlags = List.copyOf(jvmFlags);
    }

    /** This machine and this JVM (which is also the engines' JVM: the children use the same java binary). */
    public static RunInfo current(int num, long seed, List<String> jvmFlags) {
        String jdk = System.getProperty("java.runtime.version", System.getProperty("java.version"))
                + " (" + System.getProperty("java.vm.name", "unknown VM") + ")";
        String os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch");
        String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'",
                Locale.ROOT));
        return new RunInfo(num, seed, jvmFlags, jdk, os, Runtime.getRuntime().availableProcessors(), cpuModel(),
                date, loadAverage(), -1);
    }

    /** This information with the load average taken now as {@link #loadAfter()}. */
    public RunInfo withLoadAfterNow() {
        return new RunInfo(num, seed, jvmFlags, jdk, os, cores, cpu, date, loadBefore, loadAverage());
    }

    /** The system's 1-minute load average, or -1 where it is not known. */
    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** The "model name" of /proc/cpuinfo, or "unknown". */
    static String cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        try {
            if (Files.isReadable(cpuinfo)) {
                for (String line : Files.readAllLines(cpuinfo)) {
                    if (line.startsWith("model name")) {
                        int colon = line.indexOf(':');
                        if (colon >= 0) {
                            return line.substring(colon + 1).trim();
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return "unknown";
    }
}
