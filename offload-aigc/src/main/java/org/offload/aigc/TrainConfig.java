package org.offload.aigc;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.offload.scenario.ScenarioException;

/**
 * How an AIGC agent is trained. Every field has a snake_case key ({@link #KEYS}), the same in a scenario's
 * {@code training:} block, in {@code offload train aigc --train KEY=VALUE} and in {@code checkpoint.properties};
 * {@link AigcTraining#defaults()} has seed 002's values (learning rate 1e-3, discount 0.95, soft update 0.01,
 * replay 10,000, batch 1,024) and [SUBSTITUTE] values for the rest.
 *
 * @param episodes          training episodes
 * @param lr                Adam learning rate of actors and critics
 * @param gamma             discount factor
 * @param nStep             n-step returns: the critic's target sums n discounted rewards and bootstraps after n slots
 * @param tau               soft target update rate
 * @param bufferSize        replay capacity, transitions
 * @param batchSize         mini-batch size
 * @param hidden            width of the two hidden layers of every network
 * @param envs              episodes stepped together (vectorised environments), one batched forward pass per slot
 * @param updateEvery       environment slots (summed over the episodes stepped together) per gradient step
 * @param warmupSteps       slots of uniformly random one-hot actions before the actors act
 * @param temperatureStart  Gumbel-softmax temperature at the first episode, annealed linearly to the last
 * @param temperatureEnd    ... and at the last episode
 * @param epsilonStart      probability that a device's choice of each action part is replaced by a uniformly random
 *                          one, at the first episode, annealed linearly to the last
 * @param epsilonEnd        ... and at the last episode; kept above 0 so that downloads keep being tried
 * @param logitPenalty      weight of the mean squared raw actor outputs in the actor loss (MADDPG's reference: 1e-3)
 * @param gradClip          each parameter's gradient is clipped to this norm, per agent (MADDPG's reference: 0.5;
 *                          0 = off)
 * @param ratioLevels       offloading ratios the actors choose from, evenly spaced in [0, 1]: 0 runs the task
 *                          locally, 1 offloads it whole
 * @param straightThrough   straight-through Gumbel-softmax (one-hot forward, soft gradient) in the TD target and the
 *                          actor loss; false: the soft sample itself, as MADDPG's reference does
 * @param oneHotWarmup      warm-up actions are one-hot random choices; false: uniform [0, 1] values (the old, off-
 *                          simplex warm-up, for the ablation)
 * @param coordination      observations carry the coordination features ({@link Features#coordination()})
 * @param parameterSharing  one actor and one critic shared by all devices, with a one-hot device id input
 *                          (MADDPG-MATO and -NoModel; SADDPG has one actor anyway)
 * @param sampleActions     trained actors sample their discrete choices (Gumbel-max, seeded per episode); false:
 *                          the argmax
 * @param evalEvery         episodes between evaluations on the validation episodes (learning curve, model
 *                          selection; 0 = only at the end)
 * @param evalEpisodes      validation episodes per evaluation
 * @param selectBest        keep the actors of the evaluation with the best validation reward, not the last ones
 */
public record TrainConfig(int episodes, double lr, double gamma, int nStep, double tau, int bufferSize,
                          int batchSize, int hidden, int envs, int updateEvery, int warmupSteps,
                          double temperatureStart, double temperatureEnd, double epsilonStart, double epsilonEnd,
                          double logitPenalty, double gradClip, int ratioLevels, boolean straightThrough,
                          boolean oneHotWarmup, boolean coordination, boolean parameterSharing,
                          boolean sampleActions, int evalEvery, int evalEpisodes, boolean selectBest)
        implements Serializable {
    /** The keys, in the order {@link #toMap} lists them. */
    public static final String KEYS = "episodes, lr, gamma, n_step, tau, buffer, batch, hidden, envs, update_every,"
            + " warmup, temperature_start, temperature_end, epsilon_start, epsilon_end, logit_penalty, grad_clip,"
            + " ratio_levels, straight_through, one_hot_warmup, coordination, parameter_sharing, sample_actions,"
            + " eval_every, eval_episodes, select_best";

    public TrainConfig {
        check(episodes >= 1, "episodes", "an integer >= 1", episodes);
        check(lr > 0, "lr", "a number > 0", lr);
        check(gamma >= 0 && gamma < 1, "gamma", "a number in [0, 1)", gamma);
        check(nStep >= 1, "n_step", "an integer >= 1", nStep);
        check(tau > 0 && tau <= 1, "tau", "a number in (0, 1]", tau);
        check(bufferSize >= 1, "buffer", "an integer >= 1", bufferSize);
        check(batchSize >= 1 && batchSize <= bufferSize, "batch", "an integer in [1, buffer]", batchSize);
        check(hidden >= 1, "hidden", "an integer >= 1", hidden);
        check(envs >= 1, "envs", "an integer >= 1", envs);
        check(updateEvery >= 1, "update_every", "an integer >= 1", updateEvery);
        check(warmupSteps >= 0, "warmup", "an integer >= 0", warmupSteps);
        check(temperatureStart > 0, "temperature_start", "a number > 0", temperatureStart);
        check(temperatureEnd > 0, "temperature_end", "a number > 0", temperatureEnd);
        check(epsilonStart >= 0 && epsilonStart <= 1, "epsilon_start", "a number in [0, 1]", epsilonStart);
        check(epsilonEnd >= 0 && epsilonEnd <= 1, "epsilon_end", "a number in [0, 1]", epsilonEnd);
        check(logitPenalty >= 0, "logit_penalty", "a number >= 0", logitPenalty);
        check(gradClip >= 0, "grad_clip", "a number >= 0 (0 = off)", gradClip);
        check(ratioLevels >= 2, "ratio_levels", "an integer >= 2 (0 and 1 at least)", ratioLevels);
        check(evalEvery >= 0, "eval_every", "an integer >= 0", evalEvery);
        check(evalEpisodes >= 1, "eval_episodes", "an integer >= 1", evalEpisodes);
    }

    private static void check(boolean ok, String key, String allowed, double v) {
        if (!ok) {
            throw new ScenarioException(key, "must be " + allowed + ", got " + (v == Math.rint(v) ? Long.toString(
                    (long) v) : Double.toString(v)));
        }
    }

    /** Every setting as key to text, in {@link #KEYS} order. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("episodes", Integer.toString(episodes));
        m.put("lr", num(lr));
        m.put("gamma", num(gamma));
        m.put("n_step", Integer.toString(nStep));
        m.put("tau", num(tau));
        m.put("buffer", Integer.toString(bufferSize));
        m.put("batch", Integer.toString(batchSize));
        m.put("hidden", Integer.toString(hidden));
        m.put("envs", Integer.toString(envs));
        m.put("update_every", Integer.toString(updateEvery));
        m.put("warmup", Integer.toString(warmupSteps));
        m.put("temperature_start", num(temperatureStart));
        m.put("temperature_end", num(temperatureEnd));
        m.put("epsilon_start", num(epsilonStart));
        m.put("epsilon_end", num(epsilonEnd));
        m.put("logit_penalty", num(logitPenalty));
        m.put("grad_clip", num(gradClip));
        m.put("ratio_levels", Integer.toString(ratioLevels));
        m.put("straight_through", Boolean.toString(straightThrough));
        m.put("one_hot_warmup", Boolean.toString(oneHotWarmup));
        m.put("coordination", Boolean.toString(coordination));
        m.put("parameter_sharing", Boolean.toString(parameterSharing));
        m.put("sample_actions", Boolean.toString(sampleActions));
        m.put("eval_every", Integer.toString(evalEvery));
        m.put("eval_episodes", Integer.toString(evalEpisodes));
        m.put("select_best", Boolean.toString(selectBest));
        return m;
    }

    /** The configuration {@link #toMap} describes; unknown keys and bad values are {@link ScenarioException}s. */
    public static TrainConfig fromMap(Map<String, String> m) {
        Reader r = new Reader(m);
        return new TrainConfig(r.integer("episodes"), r.number("lr"), r.number("gamma"), r.integer("n_step"),
                r.number("tau"), r.integer("buffer"), r.integer("batch"), r.integer("hidden"), r.integer("envs"),
                r.integer("update_every"), r.integer("warmup"), r.number("temperature_start"),
                r.number("temperature_end"), r.number("epsilon_start"), r.number("epsilon_end"),
                r.number("logit_penalty"), r.number("grad_clip"), r.integer("ratio_levels"),
                r.bool("straight_through"), r.bool("one_hot_warmup"), r.bool("coordination"),
                r.bool("parameter_sharing"), r.bool("sample_actions"), r.integer("eval_every"),
                r.integer("eval_episodes"), r.bool("select_best"));
    }

    /**
     * This configuration with {@code key} set to {@code value} (text as in YAML or on the command line); an unknown
     * key or a bad value is a {@link ScenarioException} naming the key and what is allowed.
     */
    public TrainConfig with(String key, String value) {
        return with(Map.of(key, value));
    }

    /** This configuration with every entry of {@code values} set at once (so their order does not matter). */
    public TrainConfig with(Map<String, String> values) {
        Map<String, String> m = toMap();
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (!m.containsKey(e.getKey())) {
                throw new ScenarioException(e.getKey(), "unknown training key; known: " + KEYS);
            }
            m.put(e.getKey(), e.getValue().trim());
        }
        return fromMap(m);
    }

    public TrainConfig withEpisodes(int e) {
        return with("episodes", Integer.toString(e));
    }

    /** Batch size and replay capacity; the warm-up is capped at the capacity. */
    public TrainConfig withBatch(int batch, int buffer) {
        int capacity = Math.max(buffer, batch);
        Map<String, String> m = toMap();
        m.put("buffer", Integer.toString(capacity));
        m.put("batch", Integer.toString(batch));
        m.put("warmup", Integer.toString(Math.min(warmupSteps, capacity)));
        return fromMap(m);
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%s", v);
    }

    /** Typed reading of the map, with errors naming the key. */
    private record Reader(Map<String, String> m) {
        String text(String k) {
            String v = m.get(k);
            if (v == null) {
                throw new ScenarioException(k, "is required");
            }
            return v;
        }

        int integer(String k) {
            try {
                return Integer.parseInt(text(k));
            } catch (NumberFormatException e) {
                throw new ScenarioException(k, "expected an integer, got '" + m.get(k) + "'");
            }
        }

        double number(String k) {
            try {
                double v = Double.parseDouble(text(k));
                if (!Double.isFinite(v)) {
                    throw new NumberFormatException();
                }
                return v;
            } catch (NumberFormatException e) {
                throw new ScenarioException(k, "expected a number, got '" + m.get(k) + "'");
            }
        }

        boolean bool(String k) {
            String v = text(k).toLowerCase(Locale.ROOT);
            if (!v.equals("true") && !v.equals("false")) {
                throw new ScenarioException(k, "expected true or false, got '" + m.get(k) + "'");
            }
            return v.equals("true");
        }
    }
}
