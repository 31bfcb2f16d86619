package org.offload.scenario;

import org.offload.model.Tier;

/**
 * One variant of an application's AI model (for example ResNet-18 of a ResNet family): its name, its top-1
 * accuracy as a parameter of the scenario, and what one inference costs on each tier. {@code demand} is null
 * until it is filled in, either from the scenario file ({@code length_mi}/{@code memory_mb} given per variant)
 * or by a {@link ModelDemandResolver} (the profile predictor of {@code offload-profile}).
 */
public record ModelVariant(String name, double accuracy, Demand demand) {
    public ModelVariant {
        Check.present("name", name);
        if (name.isBlank()) {
            throw new ScenarioException("name", "must not be blank");
        }
        Check.within("accuracy", accuracy, 0, 1);
    }

    /** A variant whose demand is still to be resolved. */
    public ModelVariant(String name, double accuracy) {
        this(name, accuracy, null);
    }

    public boolean resolved() {
        return demand != null;
    }

    public ModelVariant withDemand(Demand d) {
        return new ModelVariant(name, accuracy, d);
    }

    /**
     * The work (millions of instructions, executed at the tier's per-core MIPS) and memory (MB) of one inference
     * on the device ({@code local}), an edge VM and a cloud VM. {@code source} says where the numbers came from
     * (for example {@code scenario} or {@code predictor:gbt}).
     */
    public record Demand(double localMi, double edgeMi, double cloudMi, double localMemoryMb, double edgeMemoryMb,
                         double cloudMemoryMb, String source) {
        public Demand {
            Check.positive("length_mi.local", localMi);
            Check.positive("length_mi.edge", edgeMi);
            Check.positive("length_mi.cloud", cloudMi);
            Check.nonNegative("memory_mb.local", localMemoryMb);
            Check.nonNegative("memory_mb.edge", edgeMemoryMb);
            Check.nonNegative("memory_mb.cloud", cloudMemoryMb);
            source = source == null ? "" : source;
        }

        /** The same work and memory on every tier. */
        public static Demand uniform(double mi, double memoryMb, String source) {
            return new Demand(mi, mi, mi, memoryMb, memoryMb, memoryMb, source);
        }

        public double lengthMi(Tier tier) {
            return switch (tier) {
                case LOCAL -> localMi;
                case EDGE -> edgeMi;
                case CLOUD -> cloudMi;
            };
        }

        public double memoryMb(Tier tier) {
            return switch (tier) {
                case LOCAL -> localMemoryMb;
                case EDGE -> edgeMemoryMb;
                case CLOUD -> cloudMemoryMb;
            };
        }
    }
}
