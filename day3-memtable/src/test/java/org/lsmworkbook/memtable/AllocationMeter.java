package org.lsmworkbook.memtable;

import java.lang.reflect.Method;

/**
 * Bytes of heap the current thread has allocated so far, from HotSpot's
 * {@code com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes()}.
 *
 * <p>Reached by reflection: the stage's module reads neither {@code java.management} nor {@code
 * jdk.management}, and the tests run inside it on the module path. Core reflection does not need
 * the module to read them; both modules are in the boot layer of a test run, since the test
 * launcher runs from the class path.
 */
final class AllocationMeter {

    private final Object bean;
    private final Method allocatedBytes;

    private AllocationMeter(Object bean, Method allocatedBytes) {
        this.bean = bean;
        this.allocatedBytes = allocatedBytes;
    }

    /**
     * The meter of this JVM, or {@code null} if it cannot count allocations per thread (a JVM
     * without {@code com.sun.management}, or with the counting switched off).
     */
    static AllocationMeter ofThisJvm() {
        try {
            Object bean = Class.forName("java.lang.management.ManagementFactory")
                    .getMethod("getThreadMXBean").invoke(null);
            Class<?> hotspotBean = Class.forName("com.sun.management.ThreadMXBean");
            if (!hotspotBean.isInstance(bean)
                    || !(Boolean) hotspotBean.getMethod("isThreadAllocatedMemorySupported").invoke(bean)) {
                return null;
            }
            hotspotBean.getMethod("setThreadAllocatedMemoryEnabled", boolean.class).invoke(bean, true);
            AllocationMeter meter = new AllocationMeter(bean, hotspotBean.getMethod("getThreadAllocatedBytes", long.class));
            for (int i = 0; i < 100; i++) {
                meter.allocatedBytes(); // the first reflective calls allocate on their own; get them done
            }
            return meter;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Bytes allocated by the current thread since it started. */
    long allocatedBytes() {
        try {
            return (Long) allocatedBytes.invoke(bean, Thread.currentThread().getId());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("reading the thread's allocated bytes failed", e);
        }
    }
}
