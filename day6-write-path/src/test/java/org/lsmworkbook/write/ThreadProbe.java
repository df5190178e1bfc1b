package org.lsmworkbook.write;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * What a thread holds and how much CPU it used, from the JVM's thread management bean.
 *
 * <p>The tests run in this stage's module, which does not read {@code java.management} (the engine
 * has no use for it), so the bean is reached by reflection, which needs no readability. The JVM
 * knows the truth here: which monitors a thread has entered ({@code synchronized}), in which frame,
 * and which exclusive locks ({@code ReentrantLock} and the like) it owns.
 */
final class ThreadProbe {

    /** A lock or monitor a thread holds: its class, its identity, and for a monitor the frame that entered it. */
    record Held(String className, int identity, StackTraceElement lockedIn) {
        @Override
        public String toString() {
            return className + "@" + Integer.toHexString(identity) + (lockedIn == null ? "" : " entered in " + lockedIn);
        }
    }

    private ThreadProbe() {}

    private static Object bean() throws ReflectiveOperationException {
        return Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
    }

    private static Method beanMethod(String name, Class<?>... parameters) throws ReflectiveOperationException {
        return Class.forName("java.lang.management.ThreadMXBean").getMethod(name, parameters);
    }

    private static Object call(Object target, String type, String method) throws ReflectiveOperationException {
        return Class.forName(type).getMethod(method).invoke(target);
    }

    private static RuntimeException failure(ReflectiveOperationException e) {
        Throwable cause = e instanceof InvocationTargetException ? e.getCause() : e;
        return new IllegalStateException("cannot ask the JVM about its threads: " + cause, cause);
    }

    private static Object threadInfo(Thread thread, boolean monitors, boolean synchronizers)
            throws ReflectiveOperationException {
        Object[] infos = (Object[]) beanMethod("getThreadInfo", long[].class, boolean.class, boolean.class)
                .invoke(bean(), new long[] {thread.getId()}, monitors, synchronizers);
        if (infos[0] == null) {
            throw new IllegalStateException("thread " + thread.getName() + " is not alive");
        }
        return infos[0];
    }

    /** The exclusive locks {@code thread} owns now ({@code ReentrantLock}, a write lock, ...). */
    static List<Held> synchronizers(Thread thread) {
        try {
            Object[] locks = (Object[]) call(threadInfo(thread, false, true), "java.lang.management.ThreadInfo",
                    "getLockedSynchronizers");
            List<Held> out = new ArrayList<>();
            for (Object lock : locks) {
                out.add(new Held((String) call(lock, "java.lang.management.LockInfo", "getClassName"),
                        (Integer) call(lock, "java.lang.management.LockInfo", "getIdentityHashCode"), null));
            }
            return out;
        } catch (ReflectiveOperationException e) {
            throw failure(e);
        }
    }

    /** The monitors {@code thread} has entered and not left, each with the frame that entered it. */
    static List<Held> monitors(Thread thread) {
        try {
            Object[] monitors = (Object[]) call(threadInfo(thread, true, false), "java.lang.management.ThreadInfo",
                    "getLockedMonitors");
            List<Held> out = new ArrayList<>();
            for (Object monitor : monitors) {
                out.add(new Held((String) call(monitor, "java.lang.management.LockInfo", "getClassName"),
                        (Integer) call(monitor, "java.lang.management.LockInfo", "getIdentityHashCode"),
                        (StackTraceElement) call(monitor, "java.lang.management.MonitorInfo", "getLockedStackFrame")));
            }
            return out;
        } catch (ReflectiveOperationException e) {
            throw failure(e);
        }
    }

    /**
     * How many times {@code thread} has waited so far: entered a wait, a timed wait, a sleep or a park
     * (with or without a time limit).
     */
    static long waitedCount(Thread thread) {
        try {
            return (Long) call(threadInfo(thread, false, false), "java.lang.management.ThreadInfo", "getWaitedCount");
        } catch (ReflectiveOperationException e) {
            throw failure(e);
        }
    }

    /** Whether this JVM can measure the CPU time of a thread. */
    static boolean canMeasureCpuTime() {
        try {
            return (Boolean) beanMethod("isThreadCpuTimeSupported").invoke(bean())
                    && (Boolean) beanMethod("isThreadCpuTimeEnabled").invoke(bean());
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    /** The CPU time {@code thread} has used so far, user and system, in nanoseconds; -1 if it ended. */
    static long cpuTimeNanos(Thread thread) {
        try {
            return (Long) beanMethod("getThreadCpuTime", long.class).invoke(bean(), thread.getId());
        } catch (ReflectiveOperationException e) {
            throw failure(e);
        }
    }
}
