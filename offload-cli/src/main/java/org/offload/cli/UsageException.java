package org.offload.cli;

/** Bad input that is not a scenario value (for example an unknown policy name): exit code 2, no stack trace. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
