package org.offload.learn;

/**
 * A dataset that cannot be trained on: a malformed CSV (a cell that is not a number, a label out of range, a
 * missing column) or too little data; or options under which {@link DatasetGenerator} records no data at all. Bad
 * input, reported with the file, line and column where they apply; the CLI exits with its usage-error code.
 */
public final class DatasetException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public DatasetException(String message) {
        super(message);
    }
}
