package org.offload.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The bare loop {@code offload bench --ceiling} compares with does the work it claims: 3 events per task. */
class CeilingLoopTest {
    @Test
    void everyTaskIsThreeEventsAndTheRateIsTheOneAsked() {
        CeilingLoop.Result r = CeilingLoop.run(1000, 600, 6.0, 0.4, 1);
        assertEquals(3 * r.tasks(), r.events());
        // 1,000 Poisson sources at one task per 6 s for 600 s: 100,000 tasks expected, sd about 316
        assertEquals(100_000, r.tasks(), 1_600);
    }

    @Test
    void sameSeedSameRun() {
        assertEquals(CeilingLoop.run(50, 100, 1, 0.5, 7).tasks(), CeilingLoop.run(50, 100, 1, 0.5, 7).tasks());
    }
}
