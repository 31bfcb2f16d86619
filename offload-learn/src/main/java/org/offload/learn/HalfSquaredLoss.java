package org.offload.learn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * DJL's {@code L2Loss} with its default weight, {@code mean((label - prediction)^2 / 2)}, computed the same way (same
 * operations, same bits) but with the 1/2 as a {@link Djl#constant}: DJL's own multiplies by a {@code Number}, whose
 * memory the garbage collector may free before the backward pass reads it.
 */
final class HalfSquaredLoss extends Loss {
    HalfSquaredLoss() {
        super("L2Loss");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray pred = predictions.singletonOrThrow();
        NDArray label = labels.singletonOrThrow().reshape(pred.getShape());
        return label.sub(pred).square().mul(Djl.constant(pred.getManager(), 0.5f)).mean();
    }
}
