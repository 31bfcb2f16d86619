package org.offload.policy;

/**
 * A policy option the policy does not take, or a value it cannot use: bad input, reported with the policy, the
 * option and what is allowed (the CLI exits with its usage-error code).
 */
public final class PolicyOptionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public PolicyOptionException(String message) {
        super(message);
    }

    public PolicyOptionException(String message, Throwable cause) {
        super(message, cause);
    }
}
