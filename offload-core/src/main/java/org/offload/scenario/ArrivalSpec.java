package org.offload.scenario;

/**
 * How one device generates tasks of an application. {@code POISSON}: exponential inter-arrival times with the
 * given mean; {@code UNIFORM}: inter-arrival times uniform in {@code [min, max]}. With {@code activeS > 0} and
 * {@code idleS > 0} the device alternates active and idle periods and generates tasks only while active; the
 * periods are {@link OnOff#EXPONENTIAL} (exponentially distributed with those means, starting in the stationary
 * state) or {@link OnOff#IDLE_ACTIVE} (EdgeCloudSim's {@code IdleActiveLoadGenerator}: exactly those lengths, the
 * first active period starting at a uniformly drawn time in {@code [0, activeS)}).
 */
public record ArrivalSpec(Process process, double meanInterarrivalS, Range interarrivalS, double activeS,
                          double idleS, OnOff onOff) {
    public enum Process { POISSON, UNIFORM }

    /** How active and idle period lengths are drawn. */
    public enum OnOff { EXPONENTIAL, IDLE_ACTIVE }

    public ArrivalSpec {
        Check.present("process", process);
        if (process == Process.POISSON) {
            Check.positive("mean_interarrival_s", meanInterarrivalS);
        } else {
            Check.present("interarrival_s", interarrivalS);
            Check.positive("interarrival_s.max", interarrivalS.max());
            Check.nonNegative("interarrival_s.min", interarrivalS.min());
        }
        Check.nonNegative("active_s", activeS);
        Check.nonNegative("idle_s", idleS);
        Check.present("on_off", onOff);
    }

    /** Exponentially distributed active and idle periods (or none when either mean is 0). */
    public ArrivalSpec(Process process, double meanInterarrivalS, Range interarrivalS, double activeS,
                       double idleS) {
        this(process, meanInterarrivalS, interarrivalS, activeS, idleS, OnOff.EXPONENTIAL);
    }

    /** True when the device alternates active and idle periods. */
    public boolean hasPeriods() {
        return activeS > 0 && idleS > 0;
    }

    /** Mean inter-arrival time while active. */
    public double meanGapS() {
        return process == Process.POISSON ? meanInterarrivalS : interarrivalS.mid();
    }

    /** Long-run tasks per second of one device, counting idle periods. */
    public double meanRate() {
        double activeShare = hasPeriods() ? activeS / (activeS + idleS) : 1.0;
        return activeShare / meanGapS();
    }
}
