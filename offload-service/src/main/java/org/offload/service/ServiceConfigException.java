package org.offload.service;

/**
 * A service configuration file (or tokens file) is malformed or holds an invalid value. The message reads
 * {@code file:line: key: problem}; the line part is left out when unknown, the key part when the problem concerns
 * no single key.
 */
public final class ServiceConfigException extends RuntimeException {
    private final String file;
    private final String key;

    public ServiceConfigException(String file, int line, String key, String problem) {
        super(file + (line >= 0 ? ":" + line : "") + ": " + (key == null || key.isEmpty() ? "" : key + ": ") + problem);
        this.file = file;
        this.key = key == null ? "" : key;
    }

    public String file() {
        return file;
    }

    /** Full dotted key of the offending value ({@code constraints.data_classes.pii.keep_on[1]}), or empty. */
    public String key() {
        return key;
    }
}
