package org.offload.cli;

import java.util.List;

/**
 * Bad input that is not a scenario value (for example an unknown policy name): exit code 2, no stack trace. It may
 * carry several problems of one command line (see {@link Problems}), each printed on a line of its own.
 */
public final class UsageException extends RuntimeException {
    private final List<String> problems;

    public UsageException(String message) {
        this(List.of(message));
    }

    UsageException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    /** The problems, one message each, without the {@code offload: } prefix. */
    public List<String> problems() {
        return problems;
    }
}
