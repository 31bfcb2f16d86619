package org.offload.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.offload.metrics.PartRecord;
import org.offload.metrics.TaskRecord;
import org.offload.model.FailureReason;
import org.offload.model.Tier;

class TraceWriterTest {
    @TempDir
    Path dir;

    private static final TaskRecord COMPLETED = new TaskRecord(3, "AR", 12, Tier.EDGE, 5, 1.25, 2.0 / 3 + 1.25,
            0.05, 0.1, 0, 0.5, 1e-7, 0.100000123456, 0.123456789123, true, null);
    private static final TaskRecord FAILED = new TaskRecord(4, "a,\"b\"", 0, null, -1, 123456.789012345,
            123458.5, 1.71098765, 0, 0, 0, 0, 0, 0, false, FailureReason.NO_COVERAGE);

    private List<String> listDir() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesRowsInPlaceOnClose() throws IOException {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        Path target = dir.resolve(TraceWriter.FILE_NAME);
        try (TraceWriter w = new TraceWriter(target)) {
            w.onTaskEnded(COMPLETED);
            w.onTaskEnded(FAILED);
            assertEquals(2, w.rows());
            assertFalse(Files.exists(target), target + " should not exist");
        } finally {
            Locale.setDefault(before);
        }
        assertEquals(List.of(
                TraceWriter.HEADER,
                "3,AR,12,edge,5,1.25,1.91666667,0.666666667,0.05,0.1,0,0.5,0.0000001,0.100000123,0.123456789,true,"
                        + "completed,",
                "4,\"a,\"\"b\"\"\",0,,,123456.789,123458.5,1.71098765,1.71098765,0,0,0,0,0,0,false,failed,"
                        + "no_coverage"),
                Files.readAllLines(target));
        assertEquals(List.of(TraceWriter.FILE_NAME), listDir());
    }

    @Test
    void aDividedTaskIsFollowedByARowPerPart() throws IOException {
        TaskRecord split = new TaskRecord(7, "NET", 2, Tier.EDGE, 1, 10, 10.5, 0, 0.1, 0, 0.3, 0.05, 0.15, 0.4, true,
                null, null, List.of(new PartRecord("device:layers 1-8", Tier.LOCAL, -1, 10, 10.25, 0, 0),
                new PartRecord("vm:layers 9-10", Tier.EDGE, 1, 10.25, 10.5, 25.5, 1)));
        Path target = dir.resolve(TraceWriter.FILE_NAME);
        try (TraceWriter w = new TraceWriter(target, false, true)) {
            w.onTaskEnded(split);
            w.onTaskEnded(COMPLETED);
            assertEquals(2, w.rows(), "rows counts tasks");
        }
        List<String> lines = Files.readAllLines(target);
        assertEquals(List.of(TraceWriter.HEADER + "," + TraceWriter.PART_COLUMNS,
                "7,NET,2,edge,1,10,10.5,0.5,0,0.1,0,0.3,0.05,0.15,0.4,true,completed,,,,,,",
                "7,NET,2,local,,,,,,,,,,,,true,,,device:layers 1-8,10,10.25,0,0",
                "7,NET,2,edge,1,,,,,,,,,,,true,,,vm:layers 9-10,10.25,10.5,25.5,1",
                "3,AR,12,edge,5,1.25,1.91666667,0.666666667,0.05,0.1,0,0.5,0.0000001,0.100000123,0.123456789,true,"
                        + "completed,,,,,,"), lines);
        int columns = lines.get(0).split(",", -1).length;
        lines.forEach(l -> assertEquals(columns, l.split(",", -1).length, l));
    }

    @Test
    void aWorkflowTaskIsFollowedByARowPerComponentWithItsEnergyAndOutcome() throws IOException {
        TaskRecord flow = new TaskRecord(9, "FLOW", 1, Tier.EDGE, -1, 20, 21, 0, 0, 0, 0.6, 0, 0.3, 0.75, true,
                FailureReason.DEADLINE, null, List.of(
                new PartRecord("component:capture", Tier.LOCAL, -1, 20, 20.25, 0, 40, 0.5, "done"),
                new PartRecord("component:detect", Tier.CLOUD, 3, 20.5, 21, 40, 0, 0.25, "aborted"),
                new PartRecord("component:report", Tier.EDGE, 0, Double.NaN, Double.NaN, 0, 0, 0, "never_started")));
        Path target = dir.resolve(TraceWriter.FILE_NAME);
        try (TraceWriter w = new TraceWriter(target, true, true)) {
            w.onTaskEnded(flow);
        }
        List<String> lines = Files.readAllLines(target);
        assertEquals(List.of(TraceWriter.HEADER + "," + TraceWriter.ESCALATION_COLUMN + "," + TraceWriter.PART_COLUMNS,
                "9,FLOW,1,edge,,20,21,1,0,0,0,0.6,0,0.3,0.75,true,failed," + FailureReason.DEADLINE.key() + ",,,,,,",
                "9,FLOW,1,local,,,,,,,,,,,0.5,true,done,,,component:capture,20,20.25,0,40",
                "9,FLOW,1,cloud,3,,,,,,,,,,0.25,true,aborted,,,component:detect,20.5,21,40,0",
                "9,FLOW,1,edge,0,,,,,,,,,,0,true,never_started,,,component:report,,,0,0"), lines);
        int columns = lines.get(0).split(",", -1).length;
        lines.forEach(l -> assertEquals(columns, l.split(",", -1).length, l));
    }

    @Test
    void discardLeavesNothing() throws IOException {
        Path target = dir.resolve(TraceWriter.FILE_NAME);
        TraceWriter w = new TraceWriter(target);
        w.onTaskEnded(COMPLETED);
        w.discard();
        w.close();
        assertEquals(List.of(), listDir());
        assertThrows(IllegalStateException.class, () -> w.onTaskEnded(COMPLETED));
    }

    @Test
    void numberFormatting() {
        assertEquals("0", fmt(0));
        assertEquals("0", fmt(-0.0));
        assertEquals("1", fmt(1));
        assertEquals("-2.5", fmt(-2.5));
        assertEquals("123456789", fmt(123456789));
        assertEquals("1234567890", fmt(1234567891));
        assertEquals("0.333333333", fmt(1.0 / 3));
        assertEquals("0.000000000123", fmt(1.23e-10));
        assertEquals("", fmt(Double.NaN));
        assertEquals("100000000", fmt(99999999.99));
        assertEquals("1000000000", fmt(999999999.7));
        assertEquals("1", fmt(0.9999999999));
        assertEquals("0.001", fmt(0.001));
        assertEquals("0.00000001", fmt(1e-8));
        assertEquals("1980", fmt(1980));
        assertEquals("0.0000000001", fmt(1e-10));
    }

    private static final MathContext NINE = new MathContext(9, RoundingMode.HALF_EVEN);

    /** The fast path may differ from exact rounding only for values a hair away from a rounding tie. */
    @Test
    void fastPathAgreesWithExactDecimalRounding() {
        Random random = new Random(5);
        int nearTies = 0;
        for (int i = 0; i < 200_000; i++) {
            double v = (random.nextDouble() - 0.3) * Math.pow(10, random.nextInt(24) - 12);
            if (i % 7 == 0) {
                v = Math.rint(v * 1e6) / 1e6;
            }
            String fast = fmt(v);
            String exact = v == 0 ? "0" : new BigDecimal(v).round(NINE).stripTrailingZeros().toPlainString();
            if (!fast.equals(exact)) {
                nearTies++;
                BigDecimal ulp = new BigDecimal(v).round(NINE).ulp();
                BigDecimal fromTie = new BigDecimal(v).abs()
                        .subtract(new BigDecimal(exact).abs().min(new BigDecimal(fast).abs()))
                        .divide(ulp).subtract(new BigDecimal("0.5")).abs();
                assertTrue(fromTie.doubleValue() < 1e-6, v + ": fast " + fast + ", exact " + exact);
            }
            assertFalse(fast.contains("E"), fast);
        }
        assertTrue(nearTies < 200, nearTies + " near-ties");
    }

    private static String fmt(double v) {
        StringBuilder b = new StringBuilder();
        TraceWriter.number(b, v);
        return b.toString();
    }
}
