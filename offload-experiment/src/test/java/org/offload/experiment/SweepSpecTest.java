package org.offload.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.offload.engine.RandomStreams;

class SweepSpecTest {
    @Test
    void parsesRangesAndLists() {
        assertEquals(List.of(200, 400, 600, 800, 1000), SweepSpec.parseDevices("200..1000:200"));
        assertEquals(List.of(200, 400, 600), SweepSpec.parseDevices("200..700:200"));
        assertEquals(List.of(5, 6, 7), SweepSpec.parseDevices("5..7"));
        assertEquals(List.of(20), SweepSpec.parseDevices("20..20:5"));
        assertEquals(List.of(200, 400, 1000), SweepSpec.parseDevices("200,400, 1000"));
        assertEquals(List.of(50), SweepSpec.parseDevices("50"));
    }

    @Test
    void rejectsBadDeviceText() {
        for (String bad : List.of("", "a..b", "200..100:10", "0..10:5", "10..20:0", "1,,2", "1.5", "-5")) {
            SweepSpecException e = assertThrows(SweepSpecException.class, () -> SweepSpec.parseDevices(bad), bad);
            assertTrue(e.getMessage().startsWith("devices:"), e.getMessage());
        }
    }

    @Test
    void sortsDevicesAndRejectsDuplicates() {
        SweepSpec s = new SweepSpec(null, List.of(), List.of(60, 20, 40), List.of("random"), 2, 1, 1);
        assertEquals(List.of(20, 40, 60), s.devices());
        assertThrows(SweepSpecException.class,
                () -> new SweepSpec(null, List.of(), List.of(20, 20), List.of("random"), 2, 1, 1));
        assertThrows(SweepSpecException.class,
                () -> new SweepSpec(null, List.of(), List.of(20), List.of("random", "random"), 2, 1, 1));
        assertThrows(SweepSpecException.class,
                () -> new SweepSpec(null, List.of(), List.of(20), List.of("../x"), 2, 1, 1));
        assertThrows(SweepSpecException.class,
                () -> new SweepSpec(null, List.of(), List.of(20), List.of("random"), 0, 1, 1));
        assertThrows(SweepSpecException.class,
                () -> new SweepSpec(null, List.of(), List.of(20), List.of("random"), 1, 1, 0));
    }

    @Test
    void replicationSeedsAreSharedAcrossPoliciesAndDevices() {
        SweepSpec s = new SweepSpec(null, List.of(), List.of(20, 40), List.of("random", "greedy"), 3, 7, 1);
        List<RunPoint> points = s.points();
        assertEquals(12, points.size());
        assertEquals(new RunPoint("random", 20, 0, s.seedOf(0)), points.get(0));
        assertEquals(new RunPoint("greedy", 40, 2, s.seedOf(2)), points.get(11));
        for (RunPoint p : points) {
            assertEquals(RandomStreams.derive(7, "replication", p.replication()), p.seed());
        }
        assertNotEquals(s.seedOf(0), s.seedOf(1));
    }

    @Test
    void splitsPolicies() {
        assertEquals(List.of("a", "b-c"), SweepSpec.parsePolicies("a, b-c"));
        assertThrows(SweepSpecException.class, () -> SweepSpec.parsePolicies("a,,b"));
    }
}
