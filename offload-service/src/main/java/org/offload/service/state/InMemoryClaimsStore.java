package org.offload.service.state;

import java.util.ArrayDeque;

/**
 * {@link ClaimsStore} in this process: per VM, the live claims in order of expiry (all claims have the same
 * lifetime, so a queue). Bounded: a VM admits claims only up to its limit, and at most {@link #MAX_CLAIMS_PER_VM}
 * claims of zero share are kept. Thread-safe (one lock; the engine already serialises decisions). Claims are
 * decided at {@link #reserve}: there is no round trip to defer.
 */
public final class InMemoryClaimsStore implements ClaimsStore {
    public static final int MAX_CLAIMS_PER_VM = 10_000;

    private record Live(double percent, double memoryMb, double untilS) {
    }

    private final ArrayDeque<Live>[] claims;
    private final double[] percent;
    private final double[] memory;

    @SuppressWarnings("unchecked")
    public InMemoryClaimsStore(int vms) {
        claims = new ArrayDeque[vms];
        percent = new double[vms];
        memory = new double[vms];
        for (int v = 0; v < vms; v++) {
            claims[v] = new ArrayDeque<>();
        }
    }

    private void expire(int vm, double nowS) {
        ArrayDeque<Live> q = claims[vm];
        while (!q.isEmpty() && q.peekFirst().untilS() <= nowS) {
            Live c = q.pollFirst();
            percent[vm] -= c.percent();
            memory[vm] -= c.memoryMb();
        }
        if (q.isEmpty()) {
            percent[vm] = 0;
            memory[vm] = 0;
        }
    }

    @Override
    public synchronized Claim reserve(int vm, double reportedPercent, double sharePercent, double limitPercent,
                                      double usedMemoryMb, double memoryMb, double memoryCapMb, double nowS,
                                      double untilS) {
        expire(vm, nowS);
        if (reportedPercent + percent[vm] + sharePercent > limitPercent + 1e-9
                || (memoryCapMb > 0 && usedMemoryMb + memory[vm] + memoryMb > memoryCapMb + 1e-9)
                || claims[vm].size() >= MAX_CLAIMS_PER_VM) {
            return Claim.REFUSED;
        }
        claims[vm].addLast(new Live(sharePercent, memoryMb, untilS));
        percent[vm] += sharePercent;
        memory[vm] += memoryMb;
        return Claim.HELD;
    }

    @Override
    public synchronized double claimedPercent(int vm, double nowS) {
        expire(vm, nowS);
        return percent[vm];
    }

    @Override
    public synchronized double claimedMemoryMb(int vm, double nowS) {
        expire(vm, nowS);
        return memory[vm];
    }

    @Override
    public synchronized void supersede(int vm, double nowS) {
        claims[vm].clear();
        percent[vm] = 0;
        memory[vm] = 0;
    }
}
