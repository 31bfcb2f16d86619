package org.offload.scenario;

/**
 * A scenario value is missing, of the wrong type or out of range. {@link #key()} is the dotted path of the
 * offending value (for example {@code applications[1].task_length_mi}) so that a reader can point at the
 * file and line it came from.
 */
public final class ScenarioException extends RuntimeException {
    private final String key;
    private final String problem;

    public ScenarioException(String key, String problem) {
        super(key + ": " + problem);
        this.key = key;
        this.problem = problem;
    }

    /** Dotted path of the value, using the YAML key names. */
    public String key() {
        return key;
    }

    /** What is wrong and what is allowed, without the key. */
    public String problem() {
        return problem;
    }
}
