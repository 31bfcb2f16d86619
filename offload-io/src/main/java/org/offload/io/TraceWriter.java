package org.offload.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.offload.metrics.PartRecord;
import org.offload.metrics.TaskListener;
import org.offload.metrics.TaskRecord;

/**
 * Streams one CSV row per ended task ({@value #FILE_NAME}, columns {@link #HEADER}) in the order tasks end.
 * Rows go to a temporary file beside the target, which {@link #close()} moves into place; after
 * {@link #discard()} or a failed write, closing deletes the temporary file instead and no trace appears.
 *
 * <p>Columns: {@code tier} is {@code local|edge|cloud}, empty if the task failed before a decision; {@code vm}
 * is the edge/cloud VM index, empty for local or undecided tasks; {@code decision_s} is
 * {@link TaskRecord#decisionS()}; times are seconds, energy joules, numbers
 * have at most 9 significant digits and no exponent; {@code measured} is {@code true} for tasks generated after
 * the warm-up; {@code outcome} is {@code completed|failed} and {@code reason} the failure reason, empty when
 * completed. Opened for a scenario with cascaded inference, a last column {@code escalation} gives why the task
 * escalated to the cloud model ({@code confidence_below_threshold}), empty when it did not. Opened for a scenario
 * with {@code partial} or {@code dnn} applications, the rows end in the {@link #PART_COLUMNS} and a task the policy
 * divided is followed by one row per part ({@link PartRecord}): its {@code id, app, device}, where the part ran
 * ({@code tier, vm}), {@code measured}, and {@code part} ({@code device:layers 1-8}, {@code vm:layers 9-10},
 * {@code device:share 0.3}, ...), {@code part_start_s}, {@code part_end_s}, {@code part_upload_kb},
 * {@code part_download_kb}; its other cells are empty, as the part cells of a task's own row are. A {@code dag}
 * task the policy ran is followed by one row per component, in declaration order ({@code component:NAME}; start
 * and end empty for a component that never started; {@code part_upload_kb}/{@code part_download_kb} its inputs and
 * outputs that crossed a link), whose {@code energy_j} is the device energy charged to the component and
 * {@code outcome} how it ended: {@code done}, {@code aborted} or {@code never_started}. Without either
 * kind of application, the columns are exactly {@link #HEADER}.
 */
public final class TraceWriter implements TaskListener, AutoCloseable {
    /** The file name inside a result directory. */
    public static final String FILE_NAME = "tasks.csv";
    /** The header row. */
    public static final String HEADER = "id,app,device,tier,vm,created_s,ended_s,service_time_s,decision_s,"
            + "upload_s,wait_s,processing_s,download_s,network_s,energy_j,measured,outcome,reason";

    /** The last column of a trace opened with the escalation column. */
    public static final String ESCALATION_COLUMN = "escalation";
    /** The columns a trace opened with parts ends in. */
    public static final String PART_COLUMNS = "part,part_start_s,part_end_s,part_upload_kb,part_download_kb";

    private static final MathContext DIGITS = new MathContext(9, RoundingMode.HALF_EVEN);
    private static final double[] POW10 = new double[19];

    static {
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = Double.parseDouble("1e" + i);
        }
    }

    private final Path target;
    private final Path temp;
    private final BufferedWriter out;
    private final boolean escalation;
    private final boolean parts;
    private final StringBuilder row = new StringBuilder(256);
    private long rows;
    private boolean failed;
    private boolean discarded;
    private boolean closed;

    /** Opens a trace that will become {@code target} when closed. */
    public TraceWriter(Path target) throws IOException {
        this(target, false);
    }

    /** Opens a trace; with {@code escalationColumn}, its rows end in the {@value #ESCALATION_COLUMN} column. */
    public TraceWriter(Path target, boolean escalationColumn) throws IOException {
        this(target, escalationColumn, false);
    }

    /** Opens a trace with the escalation column and/or the {@link #PART_COLUMNS} and part rows. */
    public TraceWriter(Path target, boolean escalationColumn, boolean partColumns) throws IOException {
        this.target = target;
        this.escalation = escalationColumn;
        this.parts = partColumns;
        this.temp = AtomicFiles.createTemp(target);
        try {
            this.out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8);
            out.write(HEADER);
            out.write(escalationColumn ? "," + ESCALATION_COLUMN : "");
            out.write(partColumns ? "," + PART_COLUMNS + "\n" : "\n");
        } catch (IOException | RuntimeException e) {
            AtomicFiles.deleteQuietly(temp, e);
            throw e;
        }
    }

    /** Appends the task's row; an I/O error is rethrown unchecked and makes {@link #close()} discard the file. */
    @Override
    public void onTaskEnded(TaskRecord r) {
        if (closed) {
            throw new IllegalStateException("trace " + target + " is closed");
        }
        StringBuilder b = row;
        b.setLength(0);
        b.append(r.id()).append(',');
        text(b, r.app());
        b.append(',').append(r.device()).append(',');
        if (r.tier() != null) {
            b.append(r.tier().key());
        }
        b.append(',');
        if (r.vm() >= 0) {
            b.append(r.vm());
        }
        b.append(',');
        number(b, r.createdS());
        b.append(',');
        number(b, r.endedS());
        b.append(',');
        number(b, r.serviceTimeS());
        b.append(',');
        number(b, r.decisionS());
        b.append(',');
        number(b, r.uploadS());
        b.append(',');
        number(b, r.waitS());
        b.append(',');
        number(b, r.processingS());
        b.append(',');
        number(b, r.downloadS());
        b.append(',');
        number(b, r.networkS());
        b.append(',');
        number(b, r.energyJ());
        b.append(',').append(r.measured()).append(',').append(r.completed() ? "completed" : "failed").append(',');
        if (r.failure() != null) {
            b.append(r.failure().key());
        }
        if (escalation) {
            b.append(',');
            if (r.escalation() != null) {
                text(b, r.escalation());
            }
        }
        if (parts) {
            b.append(",,,,,");
        }
        b.append('\n');
        if (parts) {
            for (PartRecord p : r.parts()) {
                partRow(b, r, p);
            }
        }
        try {
            out.append(b);
        } catch (IOException e) {
            failed = true;
            throw new UncheckedIOException("cannot write the trace " + target, e);
        }
        rows++;
    }

    /** A part's row: the task's identity, where the part ran, and the part cells; the task's other cells empty. */
    private void partRow(StringBuilder b, TaskRecord r, PartRecord p) {
        b.append(r.id()).append(',');
        text(b, r.app());
        b.append(',').append(r.device()).append(',').append(p.tier().key()).append(',');
        if (p.vm() >= 0) {
            b.append(p.vm());
        }
        b.append(",,,,,,,,,,");
        number(b, p.energyJ());
        b.append(',').append(r.measured()).append(',');
        if (p.outcome() != null) {
            b.append(p.outcome());
        }
        b.append(',');
        if (escalation) {
            b.append(',');
        }
        b.append(',');
        text(b, p.part());
        b.append(',');
        number(b, p.startS());
        b.append(',');
        number(b, p.endS());
        b.append(',');
        number(b, p.uploadKb());
        b.append(',');
        number(b, p.downloadKb());
        b.append('\n');
    }

    /** Rows written so far, header excluded. */
    public long rows() {
        return rows;
    }

    /** Makes {@link #close()} delete the partial trace instead of moving it into place. */
    public void discard() {
        discarded = true;
    }

    /** Moves the finished trace into place, or deletes it after {@link #discard()} or a failed write. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            AtomicFiles.deleteQuietly(temp, e);
            throw e;
        }
        if (failed || discarded) {
            Files.deleteIfExists(temp);
            return;
        }
        try {
            AtomicFiles.moveIntoPlace(temp, target);
        } catch (IOException | RuntimeException e) {
            AtomicFiles.deleteQuietly(temp, e);
            throw e;
        }
    }

    /**
     * Appends {@code v} rounded to 9 significant digits, plain notation, trailing zeros dropped, independent of the
     * default locale; nothing for a non-finite value. Values in [1e-9, 1e9) take a fast path in long arithmetic,
     * which may differ from exact decimal rounding in the last digit when {@code v} lies within about 1e-16
     * (relative) of a rounding tie.
     */
    static void number(StringBuilder b, double v) {
        if (v == 0) {
            b.append('0');
            return;
        }
        if (!Double.isFinite(v)) {
            return;
        }
        double a = Math.abs(v);
        if (!(a >= 1e-9 && a < 1e9)) {
            b.append(new BigDecimal(v).round(DIGITS).stripTrailingZeros().toPlainString());
            return;
        }
        int scale = 8 - (int) Math.floor(Math.log10(a));
        long m = Math.round(a * POW10[scale]);
        if (m < 100_000_000L && scale < 17) {
            scale++;
            m = Math.round(a * POW10[scale]);
        } else if (m >= 1_000_000_000L && scale > 0) {
            scale--;
            m = Math.round(a * POW10[scale]);
        }
        while (scale > 0 && m % 10 == 0) {
            m /= 10;
            scale--;
        }
        if (v < 0) {
            b.append('-');
        }
        String digits = Long.toString(m);
        int point = digits.length() - scale;
        if (point > 0) {
            b.append(digits, 0, point);
            if (scale > 0) {
                b.append('.').append(digits, point, digits.length());
            }
        } else {
            b.append("0.");
            for (int i = point; i < 0; i++) {
                b.append('0');
            }
            b.append(digits);
        }
    }

    private static void text(StringBuilder b, String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            b.append(s);
        } else {
            b.append('"').append(s.replace("\"", "\"\"")).append('"');
        }
    }
}
