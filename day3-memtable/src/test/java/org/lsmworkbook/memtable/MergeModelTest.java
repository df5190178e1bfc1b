package org.lsmworkbook.memtable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lsmworkbook.memtable.TestIterators.drain;
import static org.lsmworkbook.memtable.TestIterators.entries;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.memtable.TestIterators.ScriptedIterator;

/**
 * Random sorted children, merged, compared with a {@link TreeMap} built so that the child with the
 * lower index wins. The children are test-only iterators, so this needs only task 3. Each seed is
 * one reproducible case: the seed is in the test's name and in every failure message.
 */
@Timeout(30)
@DisplayName("Day 3 · Task 3 — random merges against a TreeMap")
class MergeModelTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 1_000, 31_337, 271_828, 314_159, 8_675_309, 20_261_121})
    void a_merge_yields_the_lower_index_wins_union(long seed) throws Exception {
        Random random = new Random(seed);
        List<Bytes> keyPool = MemTableModelTest.keyPool(random, 1 + random.nextInt(400));
        int numChildren = random.nextInt(12);
        List<ScriptedIterator> children = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        NavigableMap<Bytes, Bytes> expected = new TreeMap<>();
        for (int c = 0; c < numChildren; c++) {
            NavigableMap<Bytes, Bytes> child = new TreeMap<>();
            int count = random.nextInt(4) == 0 ? 0 : random.nextInt(200);
            for (int i = 0; i < count; i++) {
                child.put(keyPool.get(random.nextInt(keyPool.size())),
                        random.nextInt(6) == 0 ? Bytes.EMPTY : Bytes.of("child" + c + "#" + i));
            }
            child.forEach(expected::putIfAbsent); // children come in index order, so the first one to put a key wins
            children.add(new ScriptedIterator(entries(child)));
            sizes.add(child.size());
        }

        MergeIterator<ScriptedIterator> merge = MergeIterator.create(children);
        int active = (int) sizes.stream().filter(n -> n > 0).count();
        assertThat(merge.numActiveIterators())
                .as("seed %d: numActiveIterators() right after create, with %d non-empty children of %d", seed, active, numChildren)
                .isEqualTo(active);
        assertThat(drain(merge, expected.size() + 1))
                .as("seed %d: merge of %d children with sizes %s; each key once, the lowest index wins", seed, numChildren, sizes)
                .containsExactlyElementsOf(entries(expected));
        assertThat(merge.numActiveIterators()).as("seed %d: numActiveIterators() at the end", seed).isZero();
        for (int c = 0; c < numChildren; c++) {
            assertThat(children.get(c).nextCalls())
                    .as("seed %d: child %d holds %d entries, so the merge must call its next() exactly that often", seed, c, sizes.get(c))
                    .isEqualTo(sizes.get(c));
        }
    }
}
