package org.offload.experiment.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.offload.experiment.RunPoint;

/** A run and its output survive Java serialisation, as an executor that ships them to other JVMs needs. */
class RunKeySerializationTest {
    @Test
    void aRunAndItsOutputRoundTripThroughJavaSerialisation() throws Exception {
        RunPoint run = new RunPoint("greedy", 400, 2, -7_123_456_789L);
        RunOutput output = new RunOutput(Map.of("summary.json", new byte[] {'{', '}'}), new double[] {1.5, Double.NaN});
        List<Object> back = roundTrip(List.of(run, output));
        assertEquals(run, back.get(0), "the run key");
        assertEquals(run.relativeDir(), ((RunPoint) back.get(0)).relativeDir(), "the run's folder");
        RunOutput o = (RunOutput) back.get(1);
        assertEquals("{}", new String(o.files().get("summary.json"), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(List.of(1.5, Double.NaN), List.of(o.values()[0], o.values()[1]), "the metric values");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> roundTrip(List<Object> values) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new java.util.ArrayList<>(values));
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (List<Object>) in.readObject();
        }
    }
}
