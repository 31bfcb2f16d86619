package org.offload.policy.learned;

import java.util.Arrays;

import org.offload.policy.SystemView;

/**
 * Algorithm 1's temporary state {@code S_temp}: what the decisions already taken in the current batch will claim
 * once the simulator dispatches them (it dispatches a batch only after every decision of it is made, so the
 * {@link SystemView} does not show them yet). Per VM: claimed share (percent), memory (MB), task count and work
 * (MI); per device: claimed share and work on its own CPU. {@link #clear} costs O(entries touched).
 */
public final class PendingClaims {
    private double[] share = new double[0];
    private double[] memory = new double[0];
    private double[] work = new double[0];
    private int[] count = new int[0];
    private int[] touched = new int[16];
    private int touchedN;
    private double[] siteShare = new double[0];
    /** Per group (edge site s at index s, the cloud after the sites): claims recorded since {@link #clear}. */
    private int[] groupClaims = new int[1];
    private int cloudGroup;
    private int edgeClaims;
    private double[] devShare = new double[0];
    private double[] devWork = new double[0];
    private int[] devTouched = new int[16];
    private int devTouchedN;
    private boolean empty = true;

    /** Sizes the arrays for {@code view}; cheap when they already fit. */
    void ensure(SystemView view) {
        int vms = view.vmCount();
        if (share.length < vms) {
            share = Arrays.copyOf(share, vms);
            memory = Arrays.copyOf(memory, vms);
            work = Arrays.copyOf(work, vms);
            count = Arrays.copyOf(count, vms);
        }
        if (siteShare.length < view.siteCount()) {
            siteShare = Arrays.copyOf(siteShare, view.siteCount());
        }
        cloudGroup = view.siteCount();
        if (groupClaims.length < cloudGroup + 1) {
            groupClaims = Arrays.copyOf(groupClaims, cloudGroup + 1);
        }
        int devices = view.scenario().devices().count();
        if (devShare.length < devices) {
            devShare = Arrays.copyOf(devShare, devices);
            devWork = Arrays.copyOf(devWork, devices);
        }
    }

    public boolean isEmpty() {
        return empty;
    }

    public double share(int vm) {
        return empty || vm >= share.length ? 0 : share[vm];
    }

    public double memoryMb(int vm) {
        return empty || vm >= memory.length ? 0 : memory[vm];
    }

    public int count(int vm) {
        return empty || vm >= count.length ? 0 : count[vm];
    }

    public double workMi(int vm) {
        return empty || vm >= work.length ? 0 : work[vm];
    }

    /** Pending share (percent) summed over the VMs of edge site {@code site}. */
    public double siteShare(int site) {
        return empty || site >= siteShare.length ? 0 : siteShare[site];
    }

    /**
     * How many claims were recorded since {@link #clear} on the VMs of a group: edge site {@code group}, or the
     * cloud for {@code group == siteCount}. Unchanged means everything this class knows about the group is too.
     */
    public int groupClaims(int group) {
        return empty || group >= groupClaims.length ? 0 : groupClaims[group];
    }

    /** Claims recorded on edge VMs (any site) since {@link #clear}. */
    public int edgeClaims() {
        return empty ? 0 : edgeClaims;
    }

    public double deviceShare(int device) {
        return empty || device >= devShare.length ? 0 : devShare[device];
    }

    public double deviceWorkMi(int device) {
        return empty || device >= devWork.length ? 0 : devWork[device];
    }

    /** Records a task sent to {@code vm}, an edge VM of {@code site} or a cloud VM ({@code site < 0}). */
    public void claimVm(int vm, int site, double sharePercent, double memoryMb, double mi) {
        if (count[vm] == 0 && share[vm] == 0) {
            if (touchedN == touched.length) {
                touched = Arrays.copyOf(touched, touchedN * 2);
            }
            touched[touchedN++] = vm;
        }
        share[vm] += sharePercent;
        if (site >= 0) {
            siteShare[site] += sharePercent;
            groupClaims[site]++;
            edgeClaims++;
        } else {
            groupClaims[cloudGroup]++;
        }
        memory[vm] += memoryMb;
        work[vm] += mi;
        count[vm]++;
        empty = false;
    }

    public void claimDevice(int device, double sharePercent, double mi) {
        if (devShare[device] == 0 && devWork[device] == 0) {
            if (devTouchedN == devTouched.length) {
                devTouched = Arrays.copyOf(devTouched, devTouchedN * 2);
            }
            devTouched[devTouchedN++] = device;
        }
        devShare[device] += sharePercent;
        devWork[device] += mi;
        empty = false;
    }

    public void clear() {
        for (int i = 0; i < touchedN; i++) {
            int v = touched[i];
            share[v] = 0;
            memory[v] = 0;
            work[v] = 0;
            count[v] = 0;
        }
        touchedN = 0;
        Arrays.fill(siteShare, 0);
        Arrays.fill(groupClaims, 0);
        edgeClaims = 0;
        for (int i = 0; i < devTouchedN; i++) {
            devShare[devTouched[i]] = 0;
            devWork[devTouched[i]] = 0;
        }
        devTouchedN = 0;
        empty = true;
    }
}
