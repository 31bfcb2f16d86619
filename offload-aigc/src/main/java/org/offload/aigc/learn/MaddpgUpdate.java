package org.offload.aigc.learn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.List;
import org.offload.aigc.ActionLayout;
import org.offload.aigc.TrainConfig;
import org.offload.learn.Djl;

/**
 * One MADDPG gradient step on a replay batch, for every agent at once (Lowe et al. 2017, with the details of the
 * authors' reference implementation, openai/maddpg):
 * <ul>
 *   <li>critic target {@code y_i = R_i + gamma^k Q'_i(x', mu'_1(o'_1) .. mu'_N(o'_N))} with k-step returns R_i
 *       from the replay and the target actors' actions;</li>
 *   <li>critic loss {@code (Q_i(x, a) - y_i)^2} on the replayed joint action a;</li>
 *   <li>actor loss {@code -Q_i(x, a with a_i := mu_i(o_i))} plus {@code logitPenalty * mean(raw outputs^2)}
 *       (the reference's 1e-3 regulariser, which keeps the softmax from saturating), the critic's parameters held
 *       constant;</li>
 *   <li>each discrete choice of {@code mu} is a straight-through Gumbel-softmax sample (one-hot forward, the
 *       gradient of the softmax of {@code (scores + Gumbel noise) / temperature}), in the target and the actor loss
 *       alike, so the critic only ever sees one-hot actions as in the replay; {@code straightThrough = false}
 *       uses the soft sample instead, as the reference does;</li>
 *   <li>each parameter's gradient clipped to norm {@code gradClip} per agent (the reference: 0.5), Adam, soft
 *       target updates with {@code tau}.</li>
 * </ul>
 * The networks: {@link Structure} says how actors and critics map to devices — one per device, one shared by
 * all devices (with a one-hot device id), or one centralised actor for every device (SADDPG). The shared actor and
 * critic learn from a batch of (transition, device) pairs, one device drawn per replayed transition, so a batch of
 * B costs what one device's batch costs in the per-device structure, whatever the number of devices.
 */
final class MaddpgUpdate {
    /** How networks map to devices. */
    enum Structure { PER_DEVICE, SHARED, CENTRALISED }

    private final Structure structure;
    private final int n;
    private final ActionLayout layout;
    private final int actorIn;
    private final int globalIn;
    private final int critics;
    private final TrainConfig cfg;
    private final BatchedMlp actor;
    private final BatchedMlp actorTarget;
    private final BatchedMlp critic;
    private final BatchedMlp criticTarget;
    private final Optimizer actorOpt;
    private final Optimizer criticOpt;
    /**
     * The straightforward way, kept to measure the faster one against ({@code UpdateSpeed} in the tests): every
     * critic evaluated on a broadcast copy of a common input, and the critic's parameter gradients computed (and
     * discarded) in the actor's step.
     */
    boolean naive;

    MaddpgUpdate(Structure structure, int devices, ActionLayout layout, int actorIn, int globalIn, TrainConfig cfg,
                 BatchedMlp actor, BatchedMlp actorTarget, BatchedMlp critic, BatchedMlp criticTarget) {
        this.structure = structure;
        this.n = devices;
        this.layout = layout;
        this.actorIn = actorIn;
        this.globalIn = globalIn;
        this.critics = structure == Structure.CENTRALISED ? 1 : devices;
        this.cfg = cfg;
        this.actor = actor;
        this.actorTarget = actorTarget;
        this.critic = critic;
        this.criticTarget = criticTarget;
        this.actorOpt = Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) cfg.lr())).build();
        this.criticOpt = Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) cfg.lr())).build();
    }

    /** Inputs of a critic network: the global state, the joint action and (shared critic) the device id. */
    static int criticInputs(Structure structure, int devices, int globalIn, ActionLayout layout) {
        return globalIn + devices * layout.size() + (structure == Structure.SHARED ? devices : 0);
    }

    /**
     * One gradient step on {@code batch} of size {@code b} with Gumbel-softmax {@code temperature}; {@code device}
     * (shared structure only) is the device drawn for each transition.
     */
    void step(NDManager base, Replay.Batch batch, int b, double temperature, int[] device) {
        if (structure == Structure.SHARED) {
            stepShared(base, batch, b, (float) temperature, device);
            return;
        }
        int joint = n * layout.size();
        int actorsIn = structure == Structure.CENTRALISED ? 1 : n;
        try (NDManager m = base.newSubManager()) {
            NDArray x = m.create(batch.x(), new Shape(actorsIn, b, actorIn));
            NDArray g = m.create(batch.g(), new Shape(b, globalIn));
            NDArray a = m.create(batch.a(), new Shape(b, joint));
            NDArray r = m.create(batch.r(), new Shape(critics, b, 1));
            NDArray nx = m.create(batch.nx(), new Shape(actorsIn, b, actorIn));
            NDArray ng = m.create(batch.ng(), new Shape(b, globalIn));
            NDArray discount = m.create(batch.discount(), new Shape(1, b, 1));
            float t = (float) temperature;
            // constants of the losses as PyTorch-owned tensors that live until the backward passes (Djl#constant)
            NDArray perCritic = Djl.constant(m, critics);
            NDArray penalty = Djl.constant(m, (float) cfg.logitPenalty() * critics);

            // Critic target from the target networks (no gradient is recorded outside a collector).
            NDArray nextAct = jointOf(heads(actorTarget.forward(nx), t), b);
            NDArray y = r.add(criticOf(criticTarget, ng.concat(nextAct, 1), b).mul(discount));

            critic.zeroGradients();
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray q = criticOf(critic, g.concat(a, 1), b);
                gc.backward(q.sub(y).square().mean().mul(perCritic));
            }
            critic.clipGradients((float) cfg.gradClip());
            critic.step(criticOpt);

            actor.zeroGradients();
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray raw = actor.forward(x);
                NDArray mu = heads(raw, t);
                NDArray in = NDArrays.concat(new NDList(g.expandDims(0).broadcast(new Shape(critics, b, globalIn)),
                        withOwnAction(a, mu, b)), 2);
                NDArray loss = critic.forward(in, !naive).mean().neg().mul(perCritic);
                if (cfg.logitPenalty() > 0) {
                    loss = loss.add(raw.square().mean().mul(penalty));
                }
                gc.backward(loss);
            }
            actor.clipGradients((float) cfg.gradClip());
            actor.step(actorOpt);
        }
        actorTarget.softUpdateFrom(actor, (float) cfg.tau());
        criticTarget.softUpdateFrom(critic, (float) cfg.tau());
    }

    /** {@link #step} of the shared actor and critic on (transition, device) pairs. */
    private void stepShared(NDManager base, Replay.Batch batch, int b, float t, int[] device) {
        int size = layout.size();
        float[] xd = new float[b * actorIn];
        float[] rd = new float[b];
        float[] id = new float[b * n];
        for (int k = 0; k < b; k++) {
            int d = device[k];
            System.arraycopy(batch.x(), (d * b + k) * actorIn, xd, k * actorIn, actorIn);
            rd[k] = batch.r()[d * b + k];
            id[k * n + d] = 1;
        }
        try (NDManager m = base.newSubManager()) {
            NDArray x = m.create(xd, new Shape(1, b, actorIn));
            NDArray g = m.create(batch.g(), new Shape(b, globalIn));
            NDArray a = m.create(batch.a(), new Shape(b, (long) n * size));
            NDArray r = m.create(rd, new Shape(1, b, 1));
            NDArray nx = m.create(batch.nx(), new Shape(1, (long) n * b, actorIn));
            NDArray ng = m.create(batch.ng(), new Shape(b, globalIn));
            NDArray ids = m.create(id, new Shape(b, n));
            NDArray discount = m.create(batch.discount(), new Shape(1, b, 1));
            NDArray penalty = Djl.constant(m, (float) cfg.logitPenalty());

            NDArray nextAct = heads(actorTarget.forward(nx).reshape(n, b, size), t).transpose(1, 0, 2)
                    .reshape(b, (long) n * size);
            NDArray y = r.add(criticTarget.forward(NDArrays.concat(new NDList(ng, nextAct, ids), 1).expandDims(0))
                    .mul(discount));

            critic.zeroGradients();
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray q = critic.forward(NDArrays.concat(new NDList(g, a, ids), 1).expandDims(0));
                gc.backward(q.sub(y).square().mean());
            }
            critic.clipGradients((float) cfg.gradClip());
            critic.step(criticOpt);

            actor.zeroGradients();
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray raw = actor.forward(x);
                NDArray mu = heads(raw, t).reshape(b, 1, size);
                NDArray mask = ids.reshape(b, n, 1);
                NDArray joint = a.reshape(b, n, size).mul(mask.neg().add(1)).add(mu.mul(mask))
                        .reshape(b, (long) n * size);
                NDArray q = critic.forward(NDArrays.concat(new NDList(g, joint, ids), 1).expandDims(0), !naive);
                NDArray loss = q.mean().neg();
                if (cfg.logitPenalty() > 0) {
                    loss = loss.add(raw.square().mean().mul(penalty));
                }
                gc.backward(loss);
            }
            actor.clipGradients((float) cfg.gradClip());
            actor.step(actorOpt);
        }
        actorTarget.softUpdateFrom(actor, (float) cfg.tau());
        criticTarget.softUpdateFrom(critic, (float) cfg.tau());
    }

    /** One-hot (straight-through) or soft Gumbel-softmax samples of every choice of {@code raw}, same shape. */
    NDArray heads(NDArray raw, float temperature) {
        Shape shape = raw.getShape();
        long a = shape.get(0);
        long b = shape.get(1);
        int s = layout.size();
        long d = shape.get(2) / s;
        NDArray r = raw.reshape(a, b, d, s);
        NDManager m = raw.getManager();
        NDArray temp = Djl.constant(m, temperature);
        List<NDArray> parts = new ArrayList<>();
        for (int[] seg : layout.segments()) {
            NDArray logits = r.get(new NDIndex(":, :, :, " + seg[0] + ":" + seg[1]));
            NDArray u = m.randomUniform(1e-10f, 1f, logits.getShape());
            NDArray soft = logits.sub(u.log().neg().log()).div(temp).softmax(3);
            if (cfg.straightThrough()) {
                NDArray hard = soft.eq(soft.max(new int[] {3}, true)).toType(DataType.FLOAT32, false);
                soft = hard.sub(soft.stopGradient()).add(soft);
            }
            parts.add(soft);
        }
        return NDArrays.concat(new NDList(parts), 3).reshape(a, b, d * s);
    }

    /** The joint action {@code [B, n S]} of per-device actions {@code [n, B, S]} or {@code [1, B, n S]}. */
    private NDArray jointOf(NDArray act, int b) {
        if (structure == Structure.CENTRALISED) {
            return act.reshape(b, (long) n * layout.size());
        }
        return act.transpose(1, 0, 2).reshape(b, (long) n * layout.size());
    }

    /** Every critic on the same input {@code [B, C]}: {@code [critics, B, 1]}. */
    private NDArray criticOf(BatchedMlp net, NDArray in, int b) {
        if (structure == Structure.PER_DEVICE && !naive) {
            return net.forwardCommon(in);
        }
        // per device (naive) or one centralised critic
        long c = in.getShape().get(1);
        return net.forward(in.expandDims(0).broadcast(new Shape(critics, b, c)));
    }

    /**
     * Per critic i, the replayed joint action with device i's part replaced by {@code mu_i}: {@code [critics, B,
     * n S]}. The centralised actor's {@code mu} is the whole joint action.
     */
    private NDArray withOwnAction(NDArray a, NDArray mu, int b) {
        if (structure == Structure.CENTRALISED) {
            return mu;
        }
        int s = layout.size();
        NDManager m = mu.getManager();
        NDArray buffer = a.reshape(1, b, n, s);
        NDArray mask = m.eye(n).reshape(n, 1, n, 1);
        NDArray keep = mask.neg().add(1);
        return buffer.mul(keep).add(mu.expandDims(2).mul(mask)).reshape(n, b, (long) n * s);
    }
}
