package org.offload.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepSpecFileTest {
    @TempDir
    Path tmp;

    @Test
    void readsEveryKey() throws IOException {
        Path f = Files.writeString(tmp.resolve("sweep.yaml"), """
                scenario: scenarios/x.yaml
                devices: 200..600:200
                policies: [greedy, random]
                replications: 3
                seed: 9
                set: [duration_s=600, "warmup_s=60"]
                threads: 2
                """);
        SweepSpecFile s = SweepSpecFile.read(f);
        assertEquals(tmp.resolve("scenarios/x.yaml"), s.scenario());
        assertEquals(List.of(200, 400, 600), s.devices());
        assertEquals(List.of("greedy", "random"), s.policies());
        assertEquals(3, s.replications());
        assertEquals(9L, s.seed());
        assertEquals(List.of("duration_s=600", "warmup_s=60"), s.set());
        assertEquals(2, s.threads());
    }

    @Test
    void acceptsJsonAndOtherForms() throws IOException {
        Path f = Files.writeString(tmp.resolve("sweep.json"), "{\"devices\": [20, 40], \"policies\": \"a,b\"}");
        SweepSpecFile s = SweepSpecFile.read(f);
        assertEquals(List.of(20, 40), s.devices());
        assertEquals(List.of("a", "b"), s.policies());
        assertNull(s.scenario());
        assertNull(s.replications());
    }

    @Test
    void errorsNameTheKey() throws IOException {
        assertError("devcies: 20\n", "devcies: unknown key; allowed keys: scenario, devices");
        assertError("replications: three\n", "replications: expected a whole number");
        assertError("devices: 20..10\n", "devices: range '20..10' ends");
        assertError("set: duration_s=10\n", "set: expected a list");
        assertError("- 1\n", "expected a mapping");
    }

    private void assertError(String text, String expected) throws IOException {
        Path f = Files.writeString(tmp.resolve("bad.yaml"), text);
        SweepSpecException e = assertThrows(SweepSpecException.class, () -> SweepSpecFile.read(f));
        assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
