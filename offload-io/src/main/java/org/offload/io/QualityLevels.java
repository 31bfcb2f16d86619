package org.offload.io;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.offload.scenario.ModelDemandResolver;
import org.offload.scenario.ModelSpec;
import org.offload.scenario.ModelVariant;
import org.offload.scenario.QualitySpec;
import org.offload.scenario.VmSpec;

/**
 * Reads an application model's input-quality levels (issue 20, theme 2) and turns the model into its operating
 * points ({@link QualitySpec#expand}):
 * <pre>
 * model:
 *   family: resnet
 *   input: 224                          # required with quality: the levels are sides relative to it
 *   variants: [...]
 *   quality:
 *     levels: [224, 160, 112]           # input sides (px), each at most input
 *     accuracy_required: 0.65           # every task's requirement; some (variant, level) must reach it
 *     accuracy:                         # top-1 of every variant at every level (scenario parameters)
 *       resnet18: {224: 0.6976, 160: 0.66, 112: 0.58}
 * </pre>
 * A variant whose demand the file gives is scaled to each level by (level / input)²; the others are resolved by the
 * model profile predictor at each level's input size. Errors name the file, line and key.
 */
final class QualityLevels {
    private QualityLevels() {
    }

    /** The model {@code m} describes, expanded into operating points; {@code base} as read, demands unresolved. */
    static ModelSpec read(Section m, ModelSpec base, boolean partitioned, Supplier<ModelDemandResolver> resolvers,
                          VmSpec device, VmSpec edge, VmSpec cloud) {
        if (partitioned) {
            throw m.error("quality", "applies to applications of kind task only");
        }
        Section q = m.section("quality").allow("levels", "accuracy_required", "accuracy");
        List<Integer> levels = new ArrayList<>();
        List<Double> given = q.numbers("levels");
        for (int i = 0; i < given.size(); i++) {
            double r = given.get(i);
            if (r != Math.rint(r)) {
                throw q.error("levels[" + i + "]", "expected a whole number of pixels, got " + r);
            }
            levels.add((int) r);
        }
        m.build(() -> {
            QualitySpec.checkLevels(levels, base.inputSize());
            return levels;
        });
        double required = q.number("accuracy_required");
        List<String> names = base.variants().stream().map(ModelVariant::name).toList();
        Section acc = q.section("accuracy").allow(names.toArray(String[]::new));
        List<List<Double>> table = new ArrayList<>();
        for (String name : names) {
            if (!acc.has(name)) {
                throw acc.error(name, "needs the accuracy of variant " + name + " at each level " + levels);
            }
            Section row = acc.section(name).allow(levels.stream().map(String::valueOf).toArray(String[]::new));
            List<Double> values = new ArrayList<>();
            for (int r : levels) {
                if (!row.has(String.valueOf(r))) {
                    throw row.error(String.valueOf(r), "the model lacks resolution level " + r + " px for variant "
                            + name + ": give its accuracy there (levels " + levels + ")");
                }
                values.add(row.number(String.valueOf(r)));
            }
            table.add(values);
        }
        QualitySpec spec = m.build(() -> new QualitySpec(levels, base.inputSize(), required, names, table));
        List<ModelSpec> perLevel = new ArrayList<>();
        for (int l = 0; l < levels.size(); l++) {
            int level = l;
            ModelSpec at = ModelDemands.resolve(m, m.build(() -> spec.atLevel(base, level)), resolvers, device, edge,
                    cloud);
            perLevel.add(at);
        }
        return m.build(() -> spec.expand(base, perLevel));
    }
}
