package org.lsmworkbook.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lsmworkbook.engine.TestSupport.b;
import static org.lsmworkbook.engine.TestSupport.memtable;
import static org.lsmworkbook.engine.TestSupport.setImmutableMemtables;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lsmworkbook.block.Block;
import org.lsmworkbook.kv.Bytes;

/**
 * Writes and point reads. The engine never freezes on its own here ({@link
 * LsmStorageOptions#memtableOnly()}); the tests that need several memtables install frozen ones
 * with {@link LsmStorageInner#updateState}, so that this task needs nothing of task 3.
 */
@Timeout(10)
@DisplayName("Day 4 · Task 2 — put, delete and get over the memtables")
class WriteReadTest {

    @TempDir
    Path dir;

    private LsmStorageInner engine;

    @BeforeEach
    void openEngine() throws IOException {
        engine = LsmStorageInner.open(dir, LsmStorageOptions.memtableOnly());
    }

    @Test
    void get_returns_what_put_stored() {
        engine.put(b("apple"), b("red"));
        engine.put(b("banana"), b("yellow"));
        assertThat(engine.get(b("apple"))).as("get(\"apple\") after put(\"apple\", \"red\")").isEqualTo(b("red"));
        assertThat(engine.get(b("banana"))).as("get(\"banana\") after put(\"banana\", \"yellow\")").isEqualTo(b("yellow"));
    }

    @Test
    void get_of_a_key_never_put_is_null() {
        assertThat(engine.get(b("nothing"))).as("get on a new engine must return null").isNull();
        engine.put(b("b"), b("1"));
        assertThat(engine.get(b("a"))).as("get(\"a\") when only \"b\" was put must return null").isNull();
    }

    @Test
    void a_later_put_replaces_the_value() {
        engine.put(b("k"), b("old"));
        engine.put(b("k"), b("new"));
        assertThat(engine.get(b("k"))).as("get after put(k, old), put(k, new): the latest put wins").isEqualTo(b("new"));
    }

    @Test
    void put_writes_into_the_current_memtable() {
        engine.put(b("k"), b("v"));
        assertThat(engine.state().memtable().get(b("k")))
                .as("after put(k, v), the current memtable (state().memtable()) must hold k -> v")
                .isEqualTo(b("v"));
    }

    @Test
    void get_of_a_deleted_key_is_null() {
        engine.put(b("k"), b("v"));
        engine.delete(b("k"));
        assertThat(engine.get(b("k")))
                .as("get of a deleted key must return null, not the empty tombstone value (chapter: Tombstones)")
                .isNull();
        engine.delete(b("never-put"));
        assertThat(engine.get(b("never-put"))).as("get of a key that was only ever deleted must return null").isNull();
    }

    @Test
    void delete_stores_a_tombstone_and_removes_nothing() {
        engine.put(b("k"), b("v"));
        engine.delete(b("k"));
        assertThat(engine.state().memtable().get(b("k")))
                .as("delete(k) must put a tombstone (Bytes.EMPTY) into the current memtable: older memtables and SSTs "
                        + "may still hold k, and only a tombstone hides them")
                .isEqualTo(Bytes.EMPTY);
    }

    @Test
    void a_put_after_a_delete_brings_the_key_back() {
        engine.put(b("k"), b("v1"));
        engine.delete(b("k"));
        engine.put(b("k"), b("v2"));
        assertThat(engine.get(b("k"))).as("get after put(k, v1), delete(k), put(k, v2)").isEqualTo(b("v2"));
    }

    @Test
    void putting_an_empty_value_is_a_delete() {
        engine.put(b("k"), b("v"));
        engine.put(b("k"), Bytes.EMPTY);
        assertThat(engine.get(b("k"))).as("put(k, Bytes.EMPTY) is the same as delete(k): get must return null").isNull();
    }

    @Test
    void a_value_too_long_for_a_block_is_refused() {
        Bytes tooLong = Bytes.wrap(new byte[Block.MAX_VALUE_LENGTH + 1]);
        assertThatThrownBy(() -> engine.put(b("k"), tooLong),
                "a value longer than Block.MAX_VALUE_LENGTH must be refused with IllegalArgumentException "
                        + "(MemTable.put refuses it; let its exception through)")
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(engine.get(b("k"))).as("a refused put stores nothing").isNull();
    }

    @Test
    void keys_are_found_by_content_and_compared_unsigned() {
        engine.put(Bytes.wrap(new byte[] {(byte) 0x80}), b("high"));
        engine.put(Bytes.wrap(new byte[] {0x7F}), b("low"));
        engine.put(Bytes.wrap("xxKEYyy".getBytes(java.nio.charset.StandardCharsets.UTF_8), 2, 3), b("slice"));
        assertThat(engine.get(Bytes.wrap(new byte[] {(byte) 0x80}))).as("get of key 0x80").isEqualTo(b("high"));
        assertThat(engine.get(Bytes.wrap(new byte[] {0x7F}))).as("get of key 0x7F").isEqualTo(b("low"));
        assertThat(engine.get(b("KEY"))).as("a key put as a slice of a larger array is found by its content")
                .isEqualTo(b("slice"));
    }

    // ---- several memtables ----------------------------------------------------------------------

    @Test
    void get_finds_keys_in_frozen_memtables() {
        setImmutableMemtables(engine,
                memtable(20, "b", "from-20"),
                memtable(10, "a", "from-10"));
        assertThat(engine.get(b("a")))
                .as("get(a): a is only in the oldest frozen memtable; get must look at every frozen memtable when the "
                        + "current one does not know the key (it returns null there)")
                .isEqualTo(b("from-10"));
        assertThat(engine.get(b("b"))).as("get(b): b is only in the newest frozen memtable").isEqualTo(b("from-20"));
        assertThat(engine.get(b("c"))).as("get(c): no memtable has c").isNull();
    }

    @Test
    void the_newest_memtable_wins() {
        setImmutableMemtables(engine,
                memtable(20, "k", "middle", "j", "middle-j"),
                memtable(10, "k", "oldest", "j", "oldest-j", "i", "oldest-i"));
        engine.put(b("k"), b("newest"));
        assertThat(engine.get(b("k")))
                .as("k is in the current memtable and in both frozen ones: get must return the current memtable's value")
                .isEqualTo(b("newest"));
        assertThat(engine.get(b("j")))
                .as("j is in both frozen memtables: get must return immMemtables().get(0)'s value (newest first) and "
                        + "stop there")
                .isEqualTo(b("middle-j"));
        assertThat(engine.get(b("i"))).as("i is only in the oldest memtable").isEqualTo(b("oldest-i"));
    }

    @Test
    void a_tombstone_hides_older_values_in_older_memtables() {
        setImmutableMemtables(engine,
                memtable(20, "x", "", "y", "y-new"),
                memtable(10, "x", "x-old", "y", "", "z", "z-old"));
        engine.delete(b("z"));
        assertThat(engine.get(b("x")))
                .as("x was deleted in a frozen memtable that is newer than the one holding x-old: the tombstone means "
                        + "\"deleted, stop looking\", so get must return null, not the older value")
                .isNull();
        assertThat(engine.get(b("y")))
                .as("y was deleted in the older memtable and put again in the newer one: the newer value wins")
                .isEqualTo(b("y-new"));
        assertThat(engine.get(b("z")))
                .as("z was deleted in the current memtable: the tombstone hides the frozen value")
                .isNull();
    }
}
