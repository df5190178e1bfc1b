package org.lsmworkbook.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Watches this JVM's memory for a {@link MemoryReport}: every garbage collection reports the heap
 * before and after it (a notification of the GC's MXBean); the RSS comes from the kernel.
 */
final class MemoryStats {

    private final List<MemoryPoolMXBean> heapPools;
    private final Set<String> heapPoolNames = new HashSet<>();
    private final AtomicLong maxBeforeGc = new AtomicLong(-1);
    private final AtomicLong maxAfterGc = new AtomicLong(-1);

    private MemoryStats() {
        heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .toList();
        for (MemoryPoolMXBean pool : heapPools) {
            heapPoolNames.add(pool.getName());
        }
    }

    /** Starts watching: from now on every garbage collection reports the heap it left. */
    static MemoryStats start() {
        MemoryStats stats = new MemoryStats();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter) {
                ((NotificationEmitter) gc).addNotificationListener(
                        (notification, handback) -> stats.onNotification(notification), null, null);
            }
        }
        return stats;
    }

    private void onNotification(Notification notification) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        maxBeforeGc.accumulateAndGet(heapUsed(info.getGcInfo().getMemoryUsageBeforeGc()), Math::max);
        maxAfterGc.accumulateAndGet(heapUsed(info.getGcInfo().getMemoryUsageAfterGc()), Math::max);
    }

    private long heapUsed(Map<String, MemoryUsage> pools) {
        long used = 0;
        for (Map.Entry<String, MemoryUsage> pool : pools.entrySet()) {
            if (heapPoolNames.contains(pool.getKey())) {
                used += pool.getValue().getUsed();
            }
        }
        return used;
    }

    /**
     * The report so far. The heap is fullest just before a collection, so the peak is the largest
     * heap seen then, or the heap now if that is larger.
     */
    MemoryReport report() {
        long now = 0;
        for (MemoryPoolMXBean pool : heapPools) {
            now += pool.getUsage().getUsed();
        }
        long peak = Math.max(now, Math.max(maxBeforeGc.get(), maxAfterGc.get()));
        return new MemoryReport(peak, maxAfterGc.get(), peakRss());
    }

    /** The peak resident set size from {@code /proc/self/status}, or -1 where there is none. */
    static long peakRss() {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    String[] parts = line.substring("VmHWM:".length()).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024; // the kernel reports kB
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
