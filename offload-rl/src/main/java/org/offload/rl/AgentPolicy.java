package org.offload.rl;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.offload.model.Decision;
import org.offload.model.Task;
import org.offload.policy.OffloadPolicy;
import org.offload.policy.PolicyContext;
import org.offload.policy.PolicyOptionException;
import org.offload.policy.SystemView;
import org.offload.policy.learned.Mlp;
import org.offload.policy.learned.MlpFormat;
import org.offload.policy.learned.TierFeatures;
import org.offload.sim.OffloadSimulation;

/**
 * A trained agent as a policy ({@code ppo}, {@code dqn}): observes each task as {@link OffloadEnv} does (the same
 * {@link Observer}), runs the network with the pure-Java {@link Mlp} forward pass, and takes the feasible action
 * with the highest output (PPO: the policy's logits, the mode of its distribution; DQN: the greedy action of the
 * Q-values). So it runs wherever policies run ({@code offload run}, {@code sweep}, {@code bench}, {@code serve}),
 * without DJL.
 *
 * <p>The model file says what it was trained for: its feature names are the observation layout (checked against the
 * scenario's: a model for another layout is a {@link PolicyOptionException} naming both), its classes the action
 * names, and {@code meta action_space} the action space.
 */
public final class AgentPolicy implements OffloadPolicy {
    private final Observer observer;
    private final Mlp.Runner runner;
    private final float[] obs;

    private AgentPolicy(Observer observer, Mlp net) {
        this.observer = observer;
        this.runner = net.runner();
        this.obs = new float[observer.size()];
    }

    /**
     * The policy for {@code context}: the {@code model} option's file, else the bundled {@code resource} (null: none
     * is bundled, the option is required).
     */
    static AgentPolicy create(PolicyContext context, String agent, String resource) {
        String file = context.options().get("model");
        Mlp net;
        if (file == null && resource == null) {
            throw new PolicyOptionException("policy " + agent + " needs option model=FILE (a model written by"
                    + " 'offload train " + agent + "'); no " + agent + " model is shipped");
        }
        if (file != null) {
            try {
                net = MlpFormat.load(Path.of(file));
            } catch (IOException | RuntimeException e) {
                throw new PolicyOptionException("policy option model: cannot read " + agent + " model '" + file
                        + "': " + e.getMessage());
            }
        } else {
            net = MlpFormat.loadResource(resource);
        }
        int vms = OffloadSimulation.builder(context.scenario()).externalDecisions().build().view().vmCount();
        return of(net, vms, file != null ? file : resource);
    }

    /** The policy running {@code net} on a scenario with {@code vms} VMs; {@code source} names the model in errors. */
    public static AgentPolicy of(Mlp net, int vms, String source) {
        String spaceKey = net.meta().get("action_space");
        if (spaceKey == null) {
            throw new PolicyOptionException("model " + source + " (" + net.name() + ") has no action_space: not a"
                    + " model written by 'offload train ppo|dqn'");
        }
        ActionSpace space;
        try {
            space = ActionSpace.parse(spaceKey);
        } catch (IllegalArgumentException e) {
            throw new PolicyOptionException("model " + source + ": " + e.getMessage());
        }
        ObservationSpec spec = specOf(net.features());
        List<String> expected = spec == null ? null : spec.names(vms);
        if (expected == null || !expected.equals(net.features())) {
            List<String> here = ObservationSpec.defaults(space).names(vms);
            throw new PolicyOptionException("model " + source + " was trained for another observation layout: it takes "
                    + describe(net.features()) + ", this scenario gives " + (expected != null ? describe(expected)
                    : describe(here)) + " (" + vms + " VMs); retrain it for this scenario");
        }
        Observer observer = new Observer(spec, space, vms);
        List<String> actions = observer.actions().names();
        int outputs = net.layers().get(net.layers().size() - 1).out();
        if (outputs != actions.size()) {
            throw new PolicyOptionException("model " + source + " has " + outputs + " outputs, but the "
                    + space.key() + " action space here has " + actions.size() + " actions");
        }
        return new AgentPolicy(observer, net);
    }

    /** The observation spec whose names are {@code features} for some VM count, or null. */
    private static ObservationSpec specOf(List<String> features) {
        List<String> tier = new ArrayList<>();
        boolean vm = false;
        for (String f : features) {
            if (f.startsWith("vm") && f.endsWith("_u")) {
                vm = true;
                break;
            }
            if (!TierFeatures.NAMES.contains(f)) {
                return null;
            }
            tier.add(f);
        }
        try {
            return new ObservationSpec(tier, vm);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String describe(List<String> names) {
        if (names.size() <= 6) {
            return names.size() + " features " + names;
        }
        return names.size() + " features [" + String.join(", ", names.subList(0, 3)) + ", ..., "
                + names.get(names.size() - 1) + "]";
    }

    @Override
    public Decision decide(Task task, SystemView view) {
        observer.observe(task, view, obs, 0);
        float[] out = runner.run(obs);
        boolean[] mask = observer.actions().mask();
        int best = observer.actions().reject();
        float bestScore = Float.NEGATIVE_INFINITY;
        for (int a = 0; a < mask.length; a++) {
            if (mask[a] && out[a] > bestScore) {
                bestScore = out[a];
                best = a;
            }
        }
        return observer.actions().decision(best, view);
    }

    /** Options of the agent policies. */
    static final Map<String, String> OPTIONS = Map.of("model",
            "model file written by 'offload train ppo|dqn' (default: the bundled model for the default scenario)");
}
