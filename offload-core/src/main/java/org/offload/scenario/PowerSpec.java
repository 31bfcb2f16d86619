package org.offload.scenario;

/**
 * Device power model in watts. Energy attributed to a task is
 * {@code compute_w * work_MI / device_MIPS + transmit_w * t_upload + receive_w * t_download}, where the
 * transfer times are the WLAN air times of the task's upload and download (propagation excluded).
 */
public record PowerSpec(double computeW, double transmitW, double receiveW) {
    public PowerSpec {
        Check.nonNegative("compute_w", computeW);
        Check.nonNegative("transmit_w", transmitW);
        Check.nonNegative("receive_w", receiveW);
    }

    /** Energy (J) of executing {@code mi} on the device's own CPU of {@code mips} per core. */
    public double computeJ(double mi, double mips) {
        return computeW * mi / mips;
    }

    /** Energy (J) of {@code airS} seconds of sending over the WLAN. */
    public double transmitJ(double airS) {
        return transmitW * airS;
    }

    /** Energy (J) of {@code airS} seconds of receiving over the WLAN. */
    public double receiveJ(double airS) {
        return receiveW * airS;
    }
}
