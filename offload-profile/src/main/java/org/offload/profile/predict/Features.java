package org.offload.profile.predict;

import java.util.List;

import org.offload.profile.arch.Arch;
import org.offload.profile.arch.Family;
import org.offload.profile.measure.ProfileRow;

/**
 * The predictors' inputs: model family (one-hot), hyperparameters (depth, width, input size), log10 FLOPs per batch,
 * log10 parameters, batch size, and hardware features (threads, per-thread speed relative to one free core of the
 * profiling machine).
 */
public final class Features {
    public static final List<String> NAMES = List.of("f_mlp", "f_resnet", "f_mobilenet_v2", "f_transformer", "f_lstm",
            "depth", "width", "input", "batch", "log_flops", "log_params", "hw_threads", "hw_core_speed");

    private Features() {
    }

    public static double[] of(Family family, int depth, double width, int input, int batch, long macs, long params,
                              int threads, double coreSpeed) {
        double[] x = new double[NAMES.size()];
        x[family.ordinal()] = 1;
        x[5] = depth;
        x[6] = width;
        x[7] = input;
        x[8] = batch;
        x[9] = Math.log10(2.0 * macs * batch);
        x[10] = Math.log10(params);
        x[11] = threads;
        x[12] = coreSpeed;
        return x;
    }

    public static double[] of(ProfileRow r) {
        return of(Family.parse(r.family()), r.depth(), r.width(), r.input(), r.batch(), r.macs(), r.params(),
                r.hwThreads(), r.hwCoreSpeed());
    }

    public static double[] of(Arch a, int batch, int threads, double coreSpeed) {
        var c = a.count();
        return of(a.family(), a.depth(), a.width(), a.input(), batch, c.macs(), c.params(), threads, coreSpeed);
    }
}
