package org.offload.aigc;

/**
 * One device's decision for its task in a slot (the paper's action space): the offloading {@code target} (edge
 * server {@code 0..J-1}, or {@code J} for the cloud), the offloading {@code ratio} in [0, 1] (that share of the
 * task's data runs at the target, the rest on the device, in parallel; 0 = fully local), and whether to
 * {@code download} the required model to the chosen edge server when it is not cached (ignored for the cloud).
 * Without a download, a task whose model is missing at its edge server is relayed by that server to the cloud.
 */
public record AigcAction(int target, double ratio, boolean download) {
    public AigcAction {
        if (target < 0) {
            throw new IllegalArgumentException("target must be >= 0, got " + target);
        }
        if (!(ratio >= 0 && ratio <= 1)) {
            throw new IllegalArgumentException("ratio must be in [0, 1], got " + ratio);
        }
    }

    /** Everything on the device. */
    public static AigcAction local() {
        return new AigcAction(0, 0, false);
    }
}
