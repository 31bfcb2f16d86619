package org.offload.service.state;

/**
 * One replica's view of the shared state ({@link RedisState}): the telemetry table and its version, every VM's
 * claimed share and memory as Redis last reported them, plus this replica's own claims whose round trip is still
 * under way ("pending": added when reserved, so that the next decisions already see them). Views are ordered by the
 * claims' sequence number in Redis: an answer that was overtaken by a newer one does not replace it. Thread-safe.
 */
final class ClaimsView {
    private TelemetryTable table;
    private String version = "";
    private boolean telemetryStale = true;
    /** The service time the view was taken at (NaN: fetch before the next decision). */
    private double at = Double.NaN;
    private long seq = -1;
    private double[] percent;
    private double[] memory;
    private final double[] pendingPercent;
    private final double[] pendingMemory;
    private final int[] pending;

    ClaimsView(TelemetryTable empty) {
        int vms = empty.vmCount();
        this.table = empty;
        this.percent = new double[vms];
        this.memory = new double[vms];
        this.pendingPercent = new double[vms];
        this.pendingMemory = new double[vms];
        this.pending = new int[vms];
    }

    synchronized TelemetryTable table() {
        return table;
    }

    synchronized String version() {
        return version;
    }

    /** Whether a decision at {@code nowS} must fetch the state first (telemetry changed, or the view is too old). */
    synchronized boolean due(double nowS, double maxAgeS) {
        return telemetryStale || !(Math.abs(nowS - at) <= maxAgeS);
    }

    /** This replica wrote telemetry: fetch before the next decision. */
    synchronized void invalidate() {
        telemetryStale = true;
        at = Double.NaN;
    }

    /**
     * A snapshot arrived: the version, the view of the claim sums (null when claims were not fetched) and the
     * telemetry table when it changed (else null). Returns the table to decide on.
     */
    synchronized TelemetryTable fetched(double nowS, String version, String sums, TelemetryTable changed) {
        if (changed != null) {
            table = changed;
        }
        this.version = version;
        telemetryStale = false;
        if (sums != null) {
            accept(sums);
        }
        at = nowS;
        return table;
    }

    /** This replica reserved a claim: its next decisions count it until Redis answers. */
    synchronized void pend(int vm, double percentShare, double memoryMb) {
        pending[vm]++;
        pendingPercent[vm] += percentShare;
        pendingMemory[vm] += memoryMb;
    }

    /** A reserved claim's round trip failed: it is not pending any more (Redis may or may not hold it). */
    synchronized void unpend(int vm, double percentShare, double memoryMb) {
        if (--pending[vm] == 0) {
            pendingPercent[vm] = 0;
            pendingMemory[vm] = 0;
        } else {
            pendingPercent[vm] -= percentShare;
            pendingMemory[vm] -= memoryMb;
        }
    }

    /**
     * Redis answered a claim made at {@code nowS}: the claim is no longer pending; a taken claim counts in the view
     * (its sums when they came with the answer, else added to the view and the view's sequence number moved to the
     * claim's, so that no view taken before the claim replaces it); a new telemetry version marks the table stale.
     */
    synchronized void claimed(double nowS, boolean taken, String version, long claimSeq, String sums, int vm,
                              double percentShare, double memoryMb) {
        unpend(vm, percentShare, memoryMb);
        if (!version.equals(this.version)) {
            telemetryStale = true;
        }
        if (sums != null) {
            if (accept(sums) && !(at > nowS)) {
                at = nowS;
            }
        } else if (taken && claimSeq > seq) {
            percent[vm] += percentShare;
            memory[vm] += memoryMb;
            seq = claimSeq;
        }
    }

    synchronized double claimedPercent(int vm) {
        return percent[vm] + pendingPercent[vm];
    }

    synchronized double claimedMemoryMb(int vm) {
        return memory[vm] + pendingMemory[vm];
    }

    /** Takes the view ({@code p0,m0,p1,m1,...,seq}: every VM's claimed share and memory) unless it holds a newer one. */
    private boolean accept(String sums) {
        int vms = percent.length;
        double[] p = new double[vms];
        double[] m = new double[vms];
        int from = 0;
        for (int i = 0; i < 2 * vms; i++) {
            int to = sums.indexOf(',', from);
            double v = Double.parseDouble(sums.substring(from, to));
            if (i % 2 == 0) {
                p[i / 2] = v;
            } else {
                m[i / 2] = v;
            }
            from = to + 1;
        }
        long s = Long.parseLong(sums.substring(from));
        if (s < seq) {
            return false;
        }
        seq = s;
        percent = p;
        memory = m;
        return true;
    }
}
