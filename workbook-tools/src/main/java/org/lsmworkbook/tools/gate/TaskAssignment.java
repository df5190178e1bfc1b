package org.lsmworkbook.tools.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which tasks of its stage a test class checks, read from its display name as the chapters cite it:
 * "Day 1 · Task 2 — ...", "Day 3 · Tasks 1 and 2 — ...", "Day 4 · Tasks 2 to 4 — ...",
 * "Day 6 · Tasks 1, 3 and 4 — ...", "Day 2 · all tasks — ...", and a bonus task's
 * "Day 2 · Task 6 (bonus) — ..." (task 6). Given code and architecture rules belong to no task; so
 * do hidden tests, which no chapter lists. "all tasks" means the stage's core tasks: a bonus task is
 * never needed by a test of the core.
 *
 * @param kind what the display name says
 * @param tasks the tasks, ascending (empty unless the kind is {@link Kind#TASKS})
 */
public record TaskAssignment(Kind kind, List<Integer> tasks) {

    /** What a display name says about tasks. */
    public enum Kind {
        /** One or more numbered tasks, or all of them. */
        TASKS,
        /** Given code or an architecture rule: passes before any task is written. */
        NO_TASK,
        /** A hidden test: no chapter assigns it. */
        HIDDEN,
        /** The display name names no task in a form this class reads. */
        UNKNOWN
    }

    private static final Pattern ONE = Pattern.compile("·\\s*Task (\\d+)\\b");
    private static final Pattern RANGE = Pattern.compile("·\\s*Tasks (\\d+) to (\\d+)\\b");
    private static final Pattern LIST = Pattern.compile("·\\s*Tasks ((?:\\d+, )*\\d+ and \\d+)\\b");

    /**
     * Reads a display name.
     *
     * @param displayName the test class's display name
     * @param lastTask the stage's last core task (bonus tasks aside), for "all tasks"
     * @return the assignment
     */
    public static TaskAssignment of(String displayName, int lastTask) {
        String lower = displayName.toLowerCase(Locale.ROOT);
        if (lower.contains("· given code") || lower.contains("· architecture")) {
            return new TaskAssignment(Kind.NO_TASK, List.of());
        }
        if (lower.contains("· hidden")) {
            return new TaskAssignment(Kind.HIDDEN, List.of());
        }
        if (lower.contains("· all tasks")) {
            List<Integer> all = new ArrayList<>();
            for (int task = 1; task <= lastTask; task++) {
                all.add(task);
            }
            return new TaskAssignment(Kind.TASKS, List.copyOf(all));
        }
        Matcher range = RANGE.matcher(displayName);
        if (range.find()) {
            List<Integer> tasks = new ArrayList<>();
            for (int task = Integer.parseInt(range.group(1)); task <= Integer.parseInt(range.group(2)); task++) {
                tasks.add(task);
            }
            return new TaskAssignment(Kind.TASKS, List.copyOf(tasks));
        }
        Matcher list = LIST.matcher(displayName);
        if (list.find()) {
            List<Integer> tasks = new ArrayList<>();
            for (String number : list.group(1).split(", | and ")) {
                tasks.add(Integer.parseInt(number));
            }
            tasks.sort(null);
            return new TaskAssignment(Kind.TASKS, List.copyOf(tasks));
        }
        Matcher one = ONE.matcher(displayName);
        if (one.find()) {
            return new TaskAssignment(Kind.TASKS, List.of(Integer.parseInt(one.group(1))));
        }
        return new TaskAssignment(Kind.UNKNOWN, List.of());
    }

    /**
     * The last task this class needs: its tests must pass once tasks 1 to this one are written,
     * and fail while this one is not.
     *
     * @return the highest task, or 0 for a class of no task
     */
    public int lastTask() {
        return tasks.isEmpty() ? 0 : tasks.get(tasks.size() - 1);
    }
}
