package org.offload.experiment;

/** A run that threw: its parameters and the exception. */
public record RunFailure(RunPoint point, Throwable error) {
    /** One line: the run's parameters and the exception's class and message. */
    public String describe() {
        String m = error.getMessage();
        return point + ": " + error.getClass().getName() + (m == null || m.isBlank() ? "" : ": " + m);
    }
}
