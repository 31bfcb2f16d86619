package org.offload.policy;

import org.offload.model.Task;
import org.offload.model.Tier;
import org.offload.network.LinkKind;
import org.offload.scenario.ApplicationSpec;
import org.offload.scenario.Scenario;

/**
 * What a policy may read of the running system: a cheap, read-only view of current state. VMs have global
 * indices: edge VMs of site {@code s} are {@code firstEdgeVm(s) .. firstEdgeVm(s) + edgeVmsPerSite() - 1},
 * cloud VMs follow all edge VMs. Utilisation is the share (percent) of a VM claimed by its admitted tasks from
 * the moment they are placed (EdgeCloudSim counts only tasks already executing); load is the number of tasks in the
 * VM. The simulator's implementation is
 * {@link org.offload.world.WorldView}; route and service-time sums are in {@link Estimates}.
 */
public interface SystemView {
    double now();

    Scenario scenario();

    default ApplicationSpec application(Task task) {
        return scenario().applications().get(task.app());
    }

    // --- sites and devices
    int siteCount();

    /** The site whose access point serves the device now, or -1 when out of coverage. */
    int deviceSite(int device);

    double deviceX(int device);

    double deviceY(int device);

    boolean deviceCanCompute(int device);

    /** Claimed utilisation (percent) of the device's own CPU. */
    double localUtilization(int device);

    /** Expected time to run {@code mi} on the device now. */
    double estimateLocalExecutionS(int device, double mi);

    // --- VMs
    int vmCount();

    int edgeVmsPerSite();

    /** First VM of edge site {@code site}: sites' VMs are numbered site by site. */
    default int firstEdgeVm(int site) {
        return site * edgeVmsPerSite();
    }

    /** First cloud VM: the cloud VMs follow all edge VMs. */
    default int firstCloudVm() {
        return siteCount() * edgeVmsPerSite();
    }

    default int cloudVmCount() {
        return vmCount() - firstCloudVm();
    }

    Tier vmTier(int vm);

    /** Site of an edge VM, -1 for a cloud VM. */
    int vmSite(int vm);

    int vmCores(int vm);

    double vmMips(int vm);

    double vmUtilization(int vm);

    int vmLoad(int vm);

    int vmQueueLength(int vm);

    double vmFreeMemoryMb(int vm);

    /** True when the VM would admit the task now (utilisation share and memory). */
    boolean vmAdmits(int vm, Task task);

    /** Expected time from now to finish {@code mi} on the VM, given its current tasks. */
    double estimateExecutionS(int vm, double mi);

    /**
     * The MIPS a task started on the VM now would get, when that alone gives its execution estimate:
     * {@code estimateExecutionS(vm, mi) == mi / vmRateForNext(vm)} bit for bit (processor-shared VMs). NaN when the
     * estimate also depends on the work queued ahead (FCFS) or is not known; callers then use
     * {@link #estimateExecutionS}. Lets a policy that estimates many tasks against the same state read each VM once.
     */
    default double vmRateForNext(int vm) {
        return Double.NaN;
    }

    /** Mean claimed utilisation (percent) over the VMs of a site. */
    double siteUtilization(int site);

    /** Mean claimed utilisation (percent) over all edge VMs. */
    double edgeUtilization();

    double cloudUtilization();

    // --- network
    double wlanBandwidthMbps(int site);

    double wanBandwidthMbps(int site);

    double manBandwidthMbps();

    /** Expected one-way delay of {@code kb} over the site's WLAN now (s), propagation included. */
    double estimateWlanDelayS(int site, double kb);

    double estimateManDelayS(double kb);

    double estimateWanDelayS(int site, double kb);

    /**
     * The QoS class of {@code task} (an index into {@code scenario().network().qos().classes()}), or -1 when its
     * application has none or the view knows no classes. The class picks the network slice of the
     * {@code estimate*DelayS(.., qosClass)} overloads.
     */
    default int qosClass(Task task) {
        return -1;
    }

    /**
     * {@link #estimateWlanDelayS(int, double)} for a transfer of QoS class {@code qosClass}: its slice's GPS share
     * on a sliced link. Without slices (or {@code qosClass < 0}) the unsliced estimate, bit for bit.
     */
    default double estimateWlanDelayS(int site, double kb, int qosClass) {
        return estimateWlanDelayS(site, kb);
    }

    /** {@link #estimateManDelayS(double)} for QoS class {@code qosClass} (see the WLAN overload). */
    default double estimateManDelayS(double kb, int qosClass) {
        return estimateManDelayS(kb);
    }

    /** {@link #estimateWanDelayS(int, double)} for QoS class {@code qosClass} (see the WLAN overload). */
    default double estimateWanDelayS(int site, double kb, int qosClass) {
        return estimateWanDelayS(site, kb);
    }

    /**
     * Transfers on a link now per flow of its slices (index = flow: 0 the unreserved remainder, then the slices
     * covering links of {@code kind} in {@link org.offload.network.SlicePlan} order): the counts the class-aware
     * estimates above are computed from. {@code site} picks the WLAN or WAN (ignored for the MAN). Null when the
     * link has no slices or the view does not know the counts (the default).
     */
    default int[] flowTransfers(LinkKind kind, int site) {
        return null;
    }

    /**
     * Expected service time if the task ran on {@code vm} (or locally when {@code vm < 0}): transfers up and
     * down over the links its route uses (the device's WLAN; plus the MAN to another site's VM, or the site's WAN
     * to a cloud VM) plus execution, from the current state ({@link Estimates#serviceTimeS}); the transfers in the
     * slice of the task's QoS class when it has one. Infinite for an offloaded task out of coverage.
     */
    default double estimateServiceTimeS(Task task, int vm) {
        return Estimates.serviceTimeS(this, task, vm, task.lengthMi());
    }
}
