package org.offload.experiment;

/** A sweep that cannot start as specified (bad range, unknown policy, spec-file error, mismatched resume). */
public final class SweepSpecException extends RuntimeException {
    public SweepSpecException(String message) {
        super(message);
    }
}
