package org.lsmworkbook.tools.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.lsmworkbook.tools.gate.TaskAssignment.Kind;

@Timeout(10)
class TaskAssignmentTest {

    @Test
    void every_form_the_chapters_use_is_read() {
        assertThat(TaskAssignment.of("Day 1 · Task 2 — Block.encode and Block.decode", 4))
                .isEqualTo(new TaskAssignment(Kind.TASKS, List.of(2)));
        assertThat(TaskAssignment.of("Day 3 · Tasks 1 and 2 — concurrent puts and scans", 3).tasks())
                .containsExactly(1, 2);
        assertThat(TaskAssignment.of("Day 4 · Tasks 2 to 4 — concurrent writes", 4).tasks()).containsExactly(2, 3, 4);
        assertThat(TaskAssignment.of("Day 6 · Tasks 1, 3 and 4 — a failed flush loses nothing", 4).tasks())
                .containsExactly(1, 3, 4);
        assertThat(TaskAssignment.of("Day 2 · all tasks — random tables", 5).lastTask()).isEqualTo(5);
        assertThat(TaskAssignment.of("Day 1 · given code — Bytes", 4).kind()).isEqualTo(Kind.NO_TASK);
        assertThat(TaskAssignment.of("Day 1 · architecture rules", 4).kind()).isEqualTo(Kind.NO_TASK);
        assertThat(TaskAssignment.of("Day 1 · hidden — large blocks", 4).kind()).isEqualTo(Kind.HIDDEN);
        assertThat(TaskAssignment.of("BlockTest", 4).kind()).as("a display name without a task").isEqualTo(Kind.UNKNOWN);
    }

    @Test
    void a_bonus_task_is_read_as_its_number_and_all_tasks_means_the_core() {
        assertThat(TaskAssignment.of("Day 2 · Task 6 (bonus) — bloom filter", 5))
                .as("a bonus task's class names its number like any other")
                .isEqualTo(new TaskAssignment(Kind.TASKS, List.of(6)));
        assertThat(TaskAssignment.of("Day 2 · all tasks — random tables", 5).tasks())
                .as("the task gate passes the last core task: 'all tasks' never needs the bonus")
                .containsExactly(1, 2, 3, 4, 5);
    }
}
