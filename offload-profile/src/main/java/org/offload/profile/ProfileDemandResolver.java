package org.offload.profile;

import java.util.ArrayList;
import java.util.List;

import org.offload.profile.arch.Arch;
import org.offload.profile.arch.Family;
import org.offload.profile.measure.Host;
import org.offload.profile.measure.ProfileRow;
import org.offload.profile.predict.HardwareScaling;
import org.offload.profile.predict.Predictor;
import org.offload.scenario.ModelDemandResolver;
import org.offload.scenario.ModelSpec;
import org.offload.scenario.ModelVariant;
import org.offload.scenario.ScenarioException;
import org.offload.scenario.VmSpec;

/**
 * The profile predictor as a {@link ModelDemandResolver} (registered through {@code META-INF/services}, so
 * {@code ScenarioLoader} finds it whenever this module is on the class path): for each variant of an application's
 * model, the architecture the name stands for, its latency and memory predicted for batch 1 on one core of the
 * device, an edge VM and a cloud VM ({@link HardwareScaling}), and from them the per-tier work (MI) and memory.
 * By default the gradient-boosted trees trained on the shipped profile data set (inference rows), seed 1. A variant
 * outside the profiled range of its family (parameters, FLOPs, input size) keeps its prediction, marked as an
 * extrapolation in the demand's source.
 */
public final class ProfileDemandResolver implements ModelDemandResolver {
    /**
     * Marks a demand whose prediction leaves the profiled range ({@link Predictor#extrapolation}); the reasons follow
     * it in the demand's source, which {@code offload run} and {@code offload profile demand} print as a warning.
     */
    public static final String EXTRAPOLATES = "extrapolates: ";

    private static volatile ProfileDemandResolver bundled;

    private final Predictor predictor;
    private final HardwareScaling scaling;
    private final String description;

    /** The resolver on the shipped data set (trained once per JVM, on first use). */
    public ProfileDemandResolver() {
        ProfileDemandResolver b = bundledResolver();
        this.predictor = b.predictor;
        this.scaling = b.scaling;
        this.description = b.description;
    }

    public ProfileDemandResolver(Predictor predictor, HardwareScaling scaling, String description) {
        this.predictor = predictor;
        this.scaling = scaling;
        this.description = description;
    }

    /** A resolver trained on {@code data} (inference rows) with {@code kind} and {@code seed}. */
    public static ProfileDemandResolver train(ProfileDataset data, Predictor.Kind kind, long seed) {
        List<ProfileRow> rows = data.inference();
        double bogo = data.metadata().path("host").path("bogomips_per_core").asDouble(Double.NaN);
        if (!(bogo > 0)) {
            bogo = Host.bogomips() > 0 ? Host.bogomips() : 5000;
        }
        return new ProfileDemandResolver(Predictor.train(rows, kind, seed), HardwareScaling.of(rows, bogo),
                kind.name().toLowerCase(java.util.Locale.ROOT) + " on " + rows.size() + " profile rows");
    }

    private static ProfileDemandResolver bundledResolver() {
        ProfileDemandResolver b = bundled;
        if (b == null) {
            synchronized (ProfileDemandResolver.class) {
                b = bundled;
                if (b == null) {
                    b = train(ProfileDataset.bundled(), Predictor.Kind.GBT, 1);
                    bundled = b;
                }
            }
        }
        return b;
    }

    public HardwareScaling scaling() {
        return scaling;
    }

    public Predictor predictor() {
        return predictor;
    }

    @Override
    public String describe() {
        return "profile predictor (" + description + ")";
    }

    @Override
    public ModelSpec resolve(ModelSpec model, VmSpec device, VmSpec edge, VmSpec cloud) {
        Family family = Family.parse(model.family());
        if (family == null) {
            throw new ScenarioException("family", "unknown model family '" + model.family() + "'; known: mlp, resnet, "
                    + "mobilenet_v2, transformer, lstm");
        }
        List<ModelVariant> out = new ArrayList<>();
        for (int i = 0; i < model.variants().size(); i++) {
            ModelVariant v = model.variant(i);
            if (v.resolved()) {
                out.add(v);
                continue;
            }
            Arch arch;
            try {
                arch = Arch.forVariant(family, v.name(), model.inputSize());
            } catch (IllegalArgumentException e) {
                throw new ScenarioException("variants[" + i + "].name", e.getMessage());
            }
            double[] e = demandOn(arch, edge);
            double[] c = demandOn(arch, cloud);
            double[] l = device != null ? demandOn(arch, device) : e;
            List<String> outside = predictor.extrapolation(arch, 1);
            out.add(v.withDemand(new ModelVariant.Demand(l[0], e[0], c[0], l[1], e[1], c[1],
                    "predictor:" + predictor.kind().name().toLowerCase(java.util.Locale.ROOT)
                            + (outside.isEmpty() ? "" : "; " + EXTRAPOLATES + String.join("; ", outside)))));
        }
        return model.withVariants(out);
    }

    /** {MI, memory MB} of one inference (batch 1) of {@code arch} on one core of {@code vm}. */
    public double[] demandOn(Arch arch, VmSpec vm) {
        double latencyMs = scaling.latencyMs(vm.mips(), speed -> predictor.predict(arch, 1, 1, speed)[0]);
        double memoryMb = predictor.predict(arch, 1, 1, scaling.nearest(vm.mips()))[1];
        return new double[] {Math.max(1e-3, HardwareScaling.workMi(latencyMs, vm.mips())), memoryMb};
    }
}
