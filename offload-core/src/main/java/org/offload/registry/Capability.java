package org.offload.registry;

/**
 * What a policy can do or needs, declared in its {@link PolicySpec} so that tools can list policies by what they
 * do instead of by name: the CLI's {@code --model} check, the decision service's model-taking policies, the
 * benchmarks' policy parameters, the AIGC sweep's training step.
 */
public enum Capability {
    /** Reads a trained model file ({@code --model}); built-in defaults may exist. */
    TAKES_MODEL_FILE("takes a model file"),
    /** Cannot run without a model file: a sweep trains one first. */
    NEEDS_MODEL_FILE("needs a model file"),
    /** Decides tasks in batches collected over a window. */
    BATCHES("batches"),
    /** Its decisions come from a trained network. */
    LEARNED("learned"),
    /** Draws random numbers (from the stream its context gives it). */
    RANDOMISED("randomised");

    private final String label;

    Capability(String label) {
        this.label = label;
    }

    /** A few words for listings ({@code offload policies}). */
    public String label() {
        return label;
    }
}
