package org.offload.scenario;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Input quality of an application's AI model (issue 20, theme 2, after Fan et al.'s quality-aware inference): the
 * input can be sent at one of several resolution {@code levels} (pixels per side, at most the model's input size
 * {@code fullInput}), and every task carries an accuracy requirement {@code accuracyRequired}.
 *
 * <p>A level of side r scales, relative to the full input (s = r / fullInput):
 * <ul>
 *   <li>the upload by s² (a raw or JPEG image's size grows with its pixel count; a documented substitute);</li>
 *   <li>the work and memory: from the profile predictor at input r where the variant's demand is predicted, or the
 *       scenario's demand times s² (convolution FLOPs grow with the pixel count) where it is given explicitly;</li>
 *   <li>the accuracy: {@code accuracy.get(v).get(l)} is variant v's top-1 accuracy at level l, a parameter of the
 *       scenario (nothing here measures accuracy: the profiled networks have random weights).</li>
 * </ul>
 * The model then has one <em>operating point</em> per (variant, level), built by {@link #expand}: point
 * k = v × levels + l, named {@code name@r}. A policy picks a point as it picks a variant
 * ({@link org.offload.model.Decision#variant()}); policies that pick none run the most accurate point.
 *
 * @param levels           distinct input sides (pixels), each in [1, fullInput]
 * @param fullInput        the model's input side (pixels), > 0
 * @param accuracyRequired every task's accuracy requirement, in [0, 1]; some point must reach it
 * @param variants         the base variants' names, in the model's order
 * @param accuracy         per base variant, its accuracy at each level (aligned with {@code levels})
 */
public record QualitySpec(List<Integer> levels, int fullInput, double accuracyRequired, List<String> variants,
                          List<List<Double>> accuracy) {
    public QualitySpec {
        Check.present("levels", levels);
        Check.present("variants", variants);
        Check.present("accuracy", accuracy);
        checkLevels(levels, fullInput);
        Check.within("quality.accuracy_required", accuracyRequired, 0, 1);
        if (accuracy.size() != variants.size()) {
            throw new ScenarioException("quality.accuracy", "needs one entry per variant (" + variants + ")");
        }
        List<List<Double>> copy = new ArrayList<>();
        double best = -1;
        String bestAt = "";
        for (int v = 0; v < variants.size(); v++) {
            List<Double> row = accuracy.get(v);
            if (row == null || row.size() != levels.size()) {
                throw new ScenarioException("quality.accuracy." + variants.get(v), "needs an accuracy for each of the "
                        + levels.size() + " levels " + levels);
            }
            for (int l = 0; l < row.size(); l++) {
                Check.within("quality.accuracy." + variants.get(v) + "." + levels.get(l), row.get(l), 0, 1);
                if (row.get(l) > best) {
                    best = row.get(l);
                    bestAt = variants.get(v) + " at " + levels.get(l) + " px";
                }
            }
            copy.add(List.copyOf(row));
        }
        if (accuracyRequired > best) {
            throw new ScenarioException("quality.accuracy_required", "no variant can meet " + accuracyRequired
                    + " at any level: the most accurate operating point is " + bestAt + " with " + best);
        }
        levels = List.copyOf(levels);
        variants = List.copyOf(variants);
        accuracy = List.copyOf(copy);
    }

    /**
     * Checks that there is at least one level, that the model's input {@code fullInput} is set (> 0) and that the
     * levels are distinct sides in [1, fullInput]; throws {@link ScenarioException} naming the key otherwise.
     */
    public static void checkLevels(List<Integer> levels, int fullInput) {
        if (levels.isEmpty()) {
            throw new ScenarioException("quality.levels", "needs at least one resolution level");
        }
        if (!(fullInput > 0)) {
            throw new ScenarioException("input", "is required (> 0) when the model has quality levels: the levels "
                    + "are sides relative to it");
        }
        Set<Integer> seen = new HashSet<>();
        for (int l = 0; l < levels.size(); l++) {
            int r = levels.get(l);
            if (r < 1 || r > fullInput) {
                throw new ScenarioException("quality.levels[" + l + "]", "the model lacks resolution " + r
                        + " px: its input is " + fullInput + " px, so a level must be between 1 and " + fullInput);
            }
            if (!seen.add(r)) {
                throw new ScenarioException("quality.levels[" + l + "]", "duplicate level " + r);
            }
        }
    }

    public int levelCount() {
        return levels.size();
    }

    /** s² = (level / fullInput)²: the upload's (and an explicit demand's) scale at level {@code l}. */
    public double pixelScale(int l) {
        double s = levels.get(l) / (double) fullInput;
        return s * s;
    }

    /** The level index of operating point {@code point}. */
    public int levelOf(int point) {
        return point % levels.size();
    }

    /** The base variant index of operating point {@code point}. */
    public int variantOf(int point) {
        return point / levels.size();
    }

    /**
     * The base model with an explicitly given demand scaled to level {@code l} (work × s², memory unchanged: the
     * weights dominate), its input set to the level so that a predictor resolves the other variants there.
     */
    public ModelSpec atLevel(ModelSpec base, int l) {
        List<ModelVariant> out = new ArrayList<>();
        double s2 = pixelScale(l);
        for (ModelVariant v : base.variants()) {
            ModelVariant.Demand d = v.demand();
            out.add(d == null ? v : v.withDemand(new ModelVariant.Demand(d.localMi() * s2, d.edgeMi() * s2,
                    d.cloudMi() * s2, d.localMemoryMb(), d.edgeMemoryMb(), d.cloudMemoryMb(),
                    d.source() + (s2 == 1 ? "" : " x (level/input)^2"))));
        }
        return new ModelSpec(base.family(), levels.get(l), out);
    }

    /**
     * The model of operating points: {@code perLevel.get(l)} is the base model resolved at level l (see
     * {@link #atLevel}); point v × levels + l takes variant v's demand there and its accuracy at that level.
     */
    public ModelSpec expand(ModelSpec base, List<ModelSpec> perLevel) {
        if (perLevel.size() != levels.size()) {
            throw new IllegalArgumentException("need one resolved model per level");
        }
        List<ModelVariant> points = new ArrayList<>();
        for (int v = 0; v < variants.size(); v++) {
            for (int l = 0; l < levels.size(); l++) {
                ModelVariant at = perLevel.get(l).variant(v);
                points.add(new ModelVariant(variants.get(v) + "@" + levels.get(l), accuracy.get(v).get(l),
                        at.demand()));
            }
        }
        return new ModelSpec(base.family(), fullInput, points, this);
    }
}
