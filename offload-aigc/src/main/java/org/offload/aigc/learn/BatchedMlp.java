package org.offload.aigc.learn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.optimizer.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.offload.policy.learned.Mlp;

/**
 * {@code A} independent three-layer perceptrons ({@code in -> hidden -> hidden -> out}, ReLU between layers),
 * one per agent, held as stacked DJL arrays ({@code W1: [A, in, hidden]}, ...) so that all agents' networks run
 * in one batched matrix product: input {@code [A, B, in]}, output {@code [A, B, out]}. Each agent's slice is its
 * own network with its own parameters; nothing is shared between agents.
 *
 * <p>Weights are initialised from a Java random stream (PyTorch's default uniform {@code +-1/sqrt(fan_in)}, the
 * last layer {@code +-3e-3} as in DDPG), so initial networks depend only on the seed. The output is passed
 * through a sigmoid when {@code sigmoidOutput}; {@link #toMlp} exports one agent's network for the pure-Java
 * forward pass, without that sigmoid (apply it after {@link Mlp.Runner#run}).
 */
final class BatchedMlp implements AutoCloseable {
    private final NDManager manager;
    private final int agents;
    private final int in;
    private final int hidden;
    private final int out;
    private final boolean sigmoidOutput;
    private final NDArray[] params;
    private final String name;

    BatchedMlp(NDManager parent, String name, int agents, int in, int hidden, int out, boolean sigmoidOutput,
               SplittableRandom random, boolean trainable) {
        this.manager = parent.newSubManager();
        this.name = name;
        this.agents = agents;
        this.in = in;
        this.hidden = hidden;
        this.out = out;
        this.sigmoidOutput = sigmoidOutput;
        int[][] dims = {{in, hidden}, {hidden, hidden}, {hidden, out}};
        params = new NDArray[6];
        for (int l = 0; l < 3; l++) {
            int fanIn = dims[l][0];
            int fanOut = dims[l][1];
            double bound = l == 2 ? 3e-3 : 1 / Math.sqrt(fanIn);
            float[] w = new float[agents * fanIn * fanOut];
            for (int k = 0; k < w.length; k++) {
                w[k] = (float) ((random.nextDouble() * 2 - 1) * bound);
            }
            float[] b = new float[agents * fanOut];
            for (int k = 0; k < b.length; k++) {
                b[k] = (float) ((random.nextDouble() * 2 - 1) * bound);
            }
            params[2 * l] = manager.create(w, new Shape(agents, fanIn, fanOut));
            params[2 * l + 1] = manager.create(b, new Shape(agents, 1, fanOut));
        }
        if (trainable) {
            for (NDArray p : params) {
                p.setRequiresGradient(true);
            }
        }
    }

    int agents() {
        return agents;
    }

    int in() {
        return in;
    }

    int out() {
        return out;
    }

    /** {@code x: [A, B, in]} to {@code [A, B, out]}; results live in {@code x}'s manager. */
    NDArray forward(NDArray x) {
        return forward(x, false);
    }

    /**
     * {@code x: [A, B, in]} to {@code [A, B, out]}. With {@code frozen}, the parameters take part as constants: a
     * gradient flows through the network to {@code x} but none is computed for the parameters (the critic in the
     * actor's update).
     */
    NDArray forward(NDArray x, boolean frozen) {
        NDArray[] p = frozen ? frozen(x.getManager()) : params;
        NDArray h = Activation.relu(x.batchMatMul(p[0]).add(p[1]));
        h = Activation.relu(h.batchMatMul(p[2]).add(p[3]));
        NDArray y = h.batchMatMul(p[4]).add(p[5]);
        return sigmoidOutput ? Activation.sigmoid(y) : y;
    }

    /**
     * The same input for every agent, {@code x: [B, in]}, to {@code [A, B, out]}: the first layer is one matrix
     * product against all agents' weights side by side ({@code [in, A * hidden]}), which is faster than a batched
     * product over a broadcast input and gives the same values up to float rounding.
     */
    NDArray forwardCommon(NDArray x) {
        long b = x.getShape().get(0);
        NDArray w = params[0].transpose(1, 0, 2);
        w.attach(x.getManager());
        w = w.reshape(in, (long) agents * hidden);
        NDArray h = x.matMul(w).reshape(b, agents, hidden).transpose(1, 0, 2).add(params[1]);
        h = Activation.relu(h);
        h = Activation.relu(h.batchMatMul(params[2]).add(params[3]));
        NDArray y = h.batchMatMul(params[4]).add(params[5]);
        return sigmoidOutput ? Activation.sigmoid(y) : y;
    }

    /** The parameters without gradient, held by {@code temp} (closed with it). */
    private NDArray[] frozen(NDManager temp) {
        NDArray[] p = new NDArray[params.length];
        for (int k = 0; k < params.length; k++) {
            p[k] = params[k].stopGradient();
            p[k].attach(temp);
        }
        return p;
    }

    /** Copies every parameter from {@code src} (same shapes). */
    void copyFrom(BatchedMlp src) {
        for (int k = 0; k < params.length; k++) {
            params[k].set(src.params[k].toFloatArray());
        }
    }

    /** {@code this = tau * src + (1 - tau) * this}, in place. */
    void softUpdateFrom(BatchedMlp src, float tau) {
        for (int k = 0; k < params.length; k++) {
            try (NDArray t = src.params[k].mul(tau)) {
                params[k].muli(1 - tau).addi(t);
            }
        }
    }

    /** Sets all gradients to zero. */
    void zeroGradients() {
        for (NDArray p : params) {
            try (NDArray g = p.getGradient()) {
                g.muli(0);
            }
        }
    }

    /**
     * Scales each agent's gradient of each parameter down to norm {@code clip} where it is larger (clip by norm,
     * per variable, as MADDPG's reference implementation does with 0.5); {@code clip <= 0} does nothing.
     */
    void clipGradients(float clip) {
        if (clip <= 0) {
            return;
        }
        for (NDArray p : params) {
            try (NDArray g = p.getGradient()) {
                try (NDManager temp = manager.newSubManager()) {
                    g.tempAttach(temp);
                    NDArray norm = g.square().sum(new int[] {1, 2}, true).sqrt();
                    g.muli(norm.maximum(clip).pow(-1).mul(clip));
                }
            }
        }
    }

    /** One optimiser step on every parameter with its current gradient. */
    void step(Optimizer optimizer) {
        for (int k = 0; k < params.length; k++) {
            try (NDArray g = params[k].getGradient()) {
                optimizer.update(name + "." + k, params[k], g);
            }
        }
    }

    /** All parameters as float arrays (for checkpoints and tests). */
    float[][] snapshot() {
        float[][] s = new float[params.length][];
        for (int k = 0; k < params.length; k++) {
            s[k] = params[k].toFloatArray();
        }
        return s;
    }

    /** Agent {@code a}'s network as an {@link Mlp} with linear output (identity normalisation). */
    Mlp toMlp(int a, String mlpName, Map<String, String> meta, List<String> features, List<String> outputs) {
        if (features.size() != in || outputs.size() != out) {
            throw new IllegalArgumentException("names do not match the network: " + features.size() + "/" + in
                    + " inputs, " + outputs.size() + "/" + out + " outputs");
        }
        int[][] dims = {{in, hidden}, {hidden, hidden}, {hidden, out}};
        List<Mlp.Layer> layers = new ArrayList<>();
        for (int l = 0; l < 3; l++) {
            int fi = dims[l][0];
            int fo = dims[l][1];
            float[] w = params[2 * l].toFloatArray();
            float[] b = params[2 * l + 1].toFloatArray();
            float[][] rows = new float[fo][fi];
            float[] bias = new float[fo];
            int base = a * fi * fo;
            for (int i = 0; i < fi; i++) {
                for (int j = 0; j < fo; j++) {
                    rows[j][i] = w[base + i * fo + j];
                }
            }
            System.arraycopy(b, a * fo, bias, 0, fo);
            layers.add(new Mlp.Layer(fi, fo, rows, bias, l == 2 ? Mlp.Activation.LINEAR : Mlp.Activation.RELU));
        }
        float[] mean = new float[in];
        float[] std = new float[in];
        java.util.Arrays.fill(std, 1f);
        return new Mlp(mlpName, meta, features, mean, std, outputs, Mlp.Output.LINEAR, layers);
    }

    @Override
    public void close() {
        manager.close();
    }
}
