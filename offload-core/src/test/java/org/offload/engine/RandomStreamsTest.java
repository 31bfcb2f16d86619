package org.offload.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class RandomStreamsTest {
    @Test
    void sameNameAndIndexGiveTheSameStreamWhateverTheOrderOfRequests() {
        RandomStreams a = new RandomStreams(42);
        RandomStreams b = new RandomStreams(42);
        b.stream("other", 3).nextLong();
        b.stream("workload", 1).nextLong();
        assertEquals(a.stream("workload", 7).nextLong(), b.stream("workload", 7).nextLong());
        assertEquals(42, a.masterSeed());
    }

    @Test
    void streamsDifferByNameIndexAndSeed() {
        Set<Long> firsts = new HashSet<>();
        for (long seed : new long[] {0, 1, -1}) {
            RandomStreams s = new RandomStreams(seed);
            for (String name : new String[] {"workload", "mobility", "link.wlan", "link.wan", "policy"}) {
                for (int i = 0; i < 20; i++) {
                    firsts.add(s.stream(name, i).nextLong());
                }
            }
        }
        assertEquals(3 * 5 * 20, firsts.size());
    }

    @Test
    void deriveIsAPureFunction() {
        assertEquals(RandomStreams.derive(5, "rep", 2), RandomStreams.derive(5, "rep", 2));
        assertNotEquals(RandomStreams.derive(5, "rep", 2), RandomStreams.derive(5, "rep", 3));
    }
}
