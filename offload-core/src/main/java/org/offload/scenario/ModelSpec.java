package org.offload.scenario;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The AI model an application runs, with its variants (for example ResNet-18/34/50 with their top-1
 * accuracies). When an application names a model, the work and memory of each task come from the chosen
 * variant's {@link ModelVariant.Demand} on the tier the task runs on, instead of the application's fixed
 * {@code task_length_mi}/{@code memory_mb}; a policy picks the variant through {@link org.offload.model.Decision#variant()},
 * and policies that do not pick one run the {@link #defaultVariant() default}: the most accurate variant (the
 * first listed among equals).
 *
 * @param family    model family known to the profile predictor (for example {@code resnet}, {@code mobilenet_v2})
 * @param inputSize input resolution (pixels per side for images, tokens for sequences); 0 = the family's default
 * @param variants  at least one, distinct names
 * @param quality   input-quality levels (null: none); when set, {@code variants} are the operating points
 *                  (variant, level) that {@link QualitySpec#expand} built, variant-major
 */
public record ModelSpec(String family, int inputSize, List<ModelVariant> variants, QualitySpec quality) {
    /** A model without input-quality levels. */
    public ModelSpec(String family, int inputSize, List<ModelVariant> variants) {
        this(family, inputSize, variants, null);
    }

    public ModelSpec {
        Check.present("family", family);
        if (family.isBlank()) {
            throw new ScenarioException("family", "must not be blank");
        }
        Check.atLeast("input", inputSize, 0);
        Check.present("variants", variants);
        if (variants.isEmpty()) {
            throw new ScenarioException("variants", "needs at least one variant");
        }
        variants = List.copyOf(variants);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < variants.size(); i++) {
            if (!names.add(variants.get(i).name())) {
                throw new ScenarioException("variants[" + i + "].name",
                        "duplicate variant name '" + variants.get(i).name() + "'");
            }
        }
        if (quality != null && variants.size() != quality.variants().size() * quality.levelCount()) {
            throw new ScenarioException("quality", "the model's variants are not the operating points of its levels");
        }
    }

    /** Index of the most accurate variant (the first among equals): what a variant-agnostic policy runs. */
    public int defaultVariant() {
        int best = 0;
        for (int i = 1; i < variants.size(); i++) {
            if (variants.get(i).accuracy() > variants.get(best).accuracy()) {
                best = i;
            }
        }
        return best;
    }

    /** True when every variant has its demand. */
    public boolean resolved() {
        return variants.stream().allMatch(ModelVariant::resolved);
    }

    public ModelVariant variant(int index) {
        return variants.get(index);
    }

    /** The variant index a decision's variant stands for: {@code -1} (or out of range) means the default. */
    public int variantIndex(int decisionVariant) {
        return decisionVariant >= 0 && decisionVariant < variants.size() ? decisionVariant : defaultVariant();
    }

    public ModelSpec withVariants(List<ModelVariant> newVariants) {
        return new ModelSpec(family, inputSize, newVariants, quality);
    }
}
