package org.offload.policy.learned;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.offload.policy.PolicyOptionException;

/**
 * The networks a learned tier policy runs: the bundled ones (parsed once per JVM), the files named by the
 * {@code model} option, and the check that a network takes exactly the features this version computes.
 *
 * <p>Three kinds, told apart by the file's {@code name}: a {@code tier-nn} (tier classes from
 * {@link TierFeatures#NAMES}) or an {@code outcome-nn} (a cost per candidate class from {@link OutcomeFeatures#NAMES})
 * ranks the tiers, a {@code vm-nn} ({@link TierFeatures#VM_NAMES}) scores the VMs.
 */
final class ModelFiles {
    /** The networks named by a {@code model} option; either may be null (not given). */
    record Given(Mlp tier, Mlp vm) {
    }

    private static final Map<String, List<String>> FEATURES = Map.of(DlTierPolicy.TIER_NN, TierFeatures.NAMES,
            DlTierPolicy.VM_NN, TierFeatures.VM_NAMES, DlTierPolicy.OUTCOME_NN, OutcomeFeatures.NAMES);
    private static final List<String> KINDS = List.of(DlTierPolicy.TIER_NN, DlTierPolicy.OUTCOME_NN,
            DlTierPolicy.VM_NN);

    private ModelFiles() {
    }

    /** A bundled model: the shipped ones are parsed once per JVM (models are immutable), any other on each call. */
    static Mlp resource(String name) {
        return switch (name) {
            case DlTierPolicy.TIER_EXPERT_RESOURCE -> TierExpert.MODEL;
            case DlTierPolicy.TIER_ORACLE_RESOURCE -> TierOracle.MODEL;
            case DlTierPolicy.VM_RESOURCE -> Vm.MODEL;
            case DlTierPolicy.OUTCOME_RESOURCE -> Outcome.MODEL;
            case DlTierPolicy.OUTCOME_OWN_RESOURCE -> OutcomeOwn.MODEL;
            default -> MlpFormat.loadResource(name);
        };
    }

    // One holder per bundled model: each is read when first used (class initialisation), and only if used.
    private static final class TierExpert {
        static final Mlp MODEL = MlpFormat.loadResource(DlTierPolicy.TIER_EXPERT_RESOURCE);
    }

    private static final class TierOracle {
        static final Mlp MODEL = MlpFormat.loadResource(DlTierPolicy.TIER_ORACLE_RESOURCE);
    }

    private static final class Vm {
        static final Mlp MODEL = MlpFormat.loadResource(DlTierPolicy.VM_RESOURCE);
    }

    private static final class Outcome {
        static final Mlp MODEL = MlpFormat.loadResource(DlTierPolicy.OUTCOME_RESOURCE);
    }

    private static final class OutcomeOwn {
        static final Mlp MODEL = MlpFormat.loadResource(DlTierPolicy.OUTCOME_OWN_RESOURCE);
    }

    /**
     * Reads the model files of a {@code model} option (separated by the path separator). A file that is not a
     * usable network of one of the three kinds, two tier-ranking networks or two VM networks, or an empty option is
     * a {@link PolicyOptionException}.
     */
    static Given read(String models) {
        if (models.isBlank()) {
            throw new PolicyOptionException("policy option model: empty; give a tier-nn and/or a vm-nn model file,"
                    + " or leave the option out for the bundled models");
        }
        Mlp tier = null;
        Mlp vm = null;
        String tierFile = null;
        String vmFile = null;
        for (String f : models.split(File.pathSeparator)) {
            if (f.isBlank()) {
                continue;
            }
            Path file = Path.of(f);
            if (Files.isDirectory(file)) {
                throw new PolicyOptionException("policy option model: " + f + " is a directory, not a model file");
            }
            if (!Files.exists(file)) {
                throw new PolicyOptionException("policy option model: no such file: " + f);
            }
            Mlp m;
            try {
                m = MlpFormat.load(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read model file " + f, e);
            } catch (IllegalArgumentException e) {
                throw new PolicyOptionException("policy option model: " + e.getMessage(), e);
            }
            if (!KINDS.contains(m.name())) {
                throw new PolicyOptionException("policy option model: " + f + " is a '" + m.name()
                        + "' network; the dl-tier policies take a '" + DlTierPolicy.TIER_NN + "' (or an '"
                        + DlTierPolicy.OUTCOME_NN + "') and/or a '" + DlTierPolicy.VM_NN + "'");
            }
            String problem = mismatch(m, m.name());
            if (problem != null) {
                throw new PolicyOptionException("policy option model: " + f + " (a " + m.name() + "): " + problem);
            }
            boolean isVm = m.name().equals(DlTierPolicy.VM_NN);
            Mlp earlierModel = isVm ? vm : tier;
            if (earlierModel != null) {
                String what = earlierModel.name().equals(m.name()) ? "two " + m.name() + " models"
                        : "two tier-ranking models (a " + DlTierPolicy.TIER_NN + " and an " + DlTierPolicy.OUTCOME_NN
                        + ")";
                throw new PolicyOptionException("policy option model: " + what + " given, " + (isVm ? vmFile : tierFile)
                        + " and " + f + "; give one " + DlTierPolicy.TIER_NN + " (or " + DlTierPolicy.OUTCOME_NN
                        + ") and/or one " + DlTierPolicy.VM_NN);
            }
            if (isVm) {
                vm = m;
                vmFile = f;
            } else {
                tier = m;
                tierFile = f;
            }
        }
        return new Given(tier, vm);
    }

    /**
     * Why {@code m} cannot serve as the network {@code kind} ({@link DlTierPolicy#TIER_NN}, {@link DlTierPolicy#VM_NN}
     * or {@link DlTierPolicy#OUTCOME_NN}), or null if it can: its features must be exactly the ones this version
     * computes, in order; a tier network needs {@link TierFeatures#TIERS} outputs and, if it names its classes,
     * exactly {@link TierFeatures#TIER_NAMES} in that order; the others need one output.
     */
    static String mismatch(Mlp m, String kind) {
        boolean tier = kind.equals(DlTierPolicy.TIER_NN);
        List<String> expected = FEATURES.get(kind);
        List<String> found = m.features();
        if (!found.equals(expected)) {
            for (String other : KINDS) {
                if (!other.equals(kind) && found.equals(FEATURES.get(other))) {
                    return "its features are exactly a " + other + "'s; this looks like a " + other
                            + "; check its 'name' line";
                }
            }
            int i = 0;
            while (i < found.size() && i < expected.size() && found.get(i).equals(expected.get(i))) {
                i++;
            }
            String which = i < found.size() && i < expected.size()
                    ? "feature " + (i + 1) + " is '" + found.get(i) + "', expected '" + expected.get(i) + "'"
                    : i < expected.size() ? "feature " + (i + 1) + " '" + expected.get(i) + "' is missing"
                    : "feature " + (i + 1) + " '" + found.get(i) + "' is extra";
            return which + " (the file has " + found.size() + " features; a " + kind + " takes these "
                    + expected.size() + ", in order: " + String.join(" ", expected) + ")";
        }
        int outputs = tier ? TierFeatures.TIERS : 1;
        if (m.outputs() != outputs) {
            return "it has " + m.outputs() + " outputs; a " + kind + " has " + outputs
                    + (tier ? " (" + String.join(" ", TierFeatures.TIER_NAMES) + ")"
                    : kind.equals(DlTierPolicy.VM_NN) ? " (its score)" : " (the predicted cost)");
        }
        if (tier && !m.classes().isEmpty() && !m.classes().equals(TierFeatures.TIER_NAMES)) {
            return "its classes are '" + String.join(" ", m.classes()) + "'; a " + kind + "'s outputs are, in order, '"
                    + String.join(" ", TierFeatures.TIER_NAMES) + "'";
        }
        return null;
    }
}
