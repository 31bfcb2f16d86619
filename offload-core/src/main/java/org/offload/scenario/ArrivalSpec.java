package org.offload.scenario;

/**
 * How one device generates tasks of an application. {@code POISSON}: exponential inter-arrival times with the
 * given mean; {@code UNIFORM}: inter-arrival times uniform in {@code [min, max]}. With {@code activeS > 0} the
 * device alternates exponentially distributed active and idle periods (EdgeCloudSim's on/off pattern) and
 * generates tasks only while active.
 */
public record ArrivalSpec(Process process, double meanInterarrivalS, Range interarrivalS, double activeS,
                          double idleS) {
    public enum Process { POISSON, UNIFORM }

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
    }

    /** Mean inter-arrival time while active. */
    public double meanGapS() {
        return process == Process.POISSON ? meanInterarrivalS : interarrivalS.mid();
    }

    /** Long-run tasks per second of one device, counting idle periods. */
    public double meanRate() {
        double activeShare = (activeS > 0 && idleS > 0) ? activeS / (activeS + idleS) : 1.0;
        return activeShare / meanGapS();
    }
}
