package org.lsmworkbook.memtable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.lsmworkbook.block.Block;
import org.lsmworkbook.kv.Bytes;

@Timeout(10)
@DisplayName("Day 3 · Task 1 — MemTable")
class MemTableTest {

    @Test
    void get_returns_what_put_stored() {
        MemTable table = MemTable.create(1);
        table.put(Bytes.of("apple"), Bytes.of("red"));
        table.put(Bytes.of("banana"), Bytes.of("yellow"));
        assertThat(table.get(Bytes.of("apple"))).as("get(\"apple\") after put(\"apple\", \"red\")").isEqualTo(Bytes.of("red"));
        assertThat(table.get(Bytes.of("banana"))).as("get(\"banana\") after put(\"banana\", \"yellow\")").isEqualTo(Bytes.of("yellow"));
    }

    @Test
    void get_of_a_key_never_put_is_null() {
        MemTable table = MemTable.create(1);
        assertThat(table.get(Bytes.of("nothing"))).as("get on a new memtable must return null (absent)").isNull();
        table.put(Bytes.of("b"), Bytes.of("1"));
        assertThat(table.get(Bytes.of("a"))).as("get(\"a\") when only \"b\" was put must return null").isNull();
        assertThat(table.get(Bytes.of("bb"))).as("get(\"bb\") when only \"b\" was put must return null").isNull();
    }

    @Test
    void a_second_put_of_a_key_replaces_its_value() {
        MemTable table = MemTable.create(1);
        table.put(Bytes.of("k"), Bytes.of("old"));
        table.put(Bytes.of("k"), Bytes.of("new"));
        assertThat(table.get(Bytes.of("k"))).as("get after put(k, old), put(k, new): the latest put wins").isEqualTo(Bytes.of("new"));
    }

    @Test
    void a_tombstone_is_stored_and_is_not_the_same_as_absent() {
        MemTable table = MemTable.create(1);
        table.put(Bytes.of("k"), Bytes.of("v"));
        table.put(Bytes.of("k"), Bytes.EMPTY);
        assertThat(table.get(Bytes.of("k")))
                .as("get of a key whose latest value is a tombstone must return Bytes.EMPTY, not null: "
                        + "null means \"ask an older table\", the tombstone means \"deleted\" (chapter: Tombstones)")
                .isNotNull()
                .isEqualTo(Bytes.EMPTY);
        table.put(Bytes.of("never-set"), Bytes.EMPTY);
        assertThat(table.get(Bytes.of("never-set"))).as("a tombstone for a key that had no value is stored too").isEqualTo(Bytes.EMPTY);
    }

    @Test
    void keys_are_found_by_content_not_by_array() {
        MemTable table = MemTable.create(1);
        byte[] big = "xxKEYyy".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        table.put(Bytes.wrap(big, 2, 3), Bytes.of("v"));
        assertThat(table.get(Bytes.of("KEY")))
                .as("a key put as a slice of a larger array must be found by a Bytes with the same content")
                .isEqualTo(Bytes.of("v"));
        table.put(Bytes.wrap(new byte[] {(byte) 0x80}), Bytes.of("high"));
        table.put(Bytes.wrap(new byte[] {0x7F}), Bytes.of("low"));
        assertThat(table.get(Bytes.wrap(new byte[] {(byte) 0x80}))).as("get of key 0x80").isEqualTo(Bytes.of("high"));
        assertThat(table.get(Bytes.wrap(new byte[] {0x7F}))).as("get of key 0x7F").isEqualTo(Bytes.of("low"));
    }

    @Test
    void an_empty_key_is_refused() {
        MemTable table = MemTable.create(1);
        assertThatThrownBy(() -> table.put(Bytes.EMPTY, Bytes.of("v")),
                "put with an empty key must throw IllegalArgumentException whose message says the key is empty")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        assertThat(table.isEmpty()).as("a refused put must store nothing").isTrue();
    }

    @Test
    void keys_and_values_a_block_cannot_store_are_refused() {
        MemTable table = MemTable.create(1);
        Bytes longest = Bytes.wrap(new byte[Block.MAX_KEY_LENGTH]);
        Bytes tooLong = Bytes.wrap(new byte[Block.MAX_KEY_LENGTH + 1]);
        table.put(longest, longest);
        assertThat(table.get(longest)).as("a key and a value of exactly 65,535 bytes fit in a block and must be stored")
                .isEqualTo(longest);
        assertThatThrownBy(() -> table.put(tooLong, Bytes.of("v")),
                "put with a 65,536-byte key must throw IllegalArgumentException naming the limit: the memtable "
                        + "could never be flushed into blocks (key lengths are u16, see Block.MAX_KEY_LENGTH)")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(String.valueOf(Block.MAX_KEY_LENGTH));
        assertThatThrownBy(() -> table.put(Bytes.of("k"), tooLong),
                "put with a 65,536-byte value must throw IllegalArgumentException naming the limit "
                        + "(see Block.MAX_VALUE_LENGTH)")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(String.valueOf(Block.MAX_VALUE_LENGTH));
        assertThat(table.get(Bytes.of("k"))).as("a refused put must store nothing").isNull();
    }

    @Test
    void null_keys_and_values_are_refused_by_name() {
        MemTable table = MemTable.create(1);
        assertThatThrownBy(() -> table.put(null, Bytes.of("v")),
                "put(null, v) must throw NullPointerException with a message naming \"key\"")
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("key");
        assertThatThrownBy(() -> table.put(Bytes.of("k"), null),
                "put(k, null) must throw NullPointerException with a message naming \"value\" (a delete is Bytes.EMPTY, not null)")
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("value");
        assertThatThrownBy(() -> table.get(null),
                "get(null) must throw NullPointerException")
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void id_is_the_one_given_to_create() {
        assertThat(MemTable.create(7).id()).as("MemTable.create(7).id()").isEqualTo(7L);
        assertThat(MemTable.create(1L << 40).id()).as("ids are longs: MemTable.create(2^40).id()").isEqualTo(1L << 40);
    }

    @Test
    void isEmpty_turns_false_with_the_first_put_even_a_tombstone() {
        MemTable table = MemTable.create(1);
        assertThat(table.isEmpty()).as("a new memtable is empty").isTrue();
        table.put(Bytes.of("k"), Bytes.EMPTY);
        assertThat(table.isEmpty()).as("after putting a tombstone the memtable holds an entry, so it is not empty").isFalse();
    }

    @Test
    void approximateSize_adds_key_and_value_lengths_of_every_put() {
        MemTable table = MemTable.create(1);
        assertThat(table.approximateSize()).as("approximateSize of a new memtable").isZero();
        table.put(Bytes.of("key"), Bytes.of("value"));
        assertThat(table.approximateSize()).as("after put(\"key\", \"value\"): 3 + 5 bytes").isEqualTo(8);
        table.put(Bytes.of("key"), Bytes.of("v2"));
        assertThat(table.approximateSize())
                .as("an overwrite adds again (8 + 3 + 2): the size is a running total that only grows")
                .isEqualTo(13);
        table.put(Bytes.of("gone"), Bytes.EMPTY);
        assertThat(table.approximateSize()).as("a tombstone costs its key (13 + 4)").isEqualTo(17);
    }

    @Test
    void memtables_do_not_share_entries() {
        MemTable first = MemTable.create(1);
        MemTable second = MemTable.create(2);
        first.put(Bytes.of("k"), Bytes.of("1"));
        assertThat(second.get(Bytes.of("k"))).as("a put into one memtable must not show up in another; is the map static?").isNull();
        assertThat(second.isEmpty()).as("the second memtable is still empty").isTrue();
        assertThat(second.approximateSize()).as("the second memtable's size is still 0").isZero();
    }
}
