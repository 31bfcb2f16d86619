package org.offload.service.state;

/**
 * The shared state cannot be read or written now (Redis down, restarting or unreachable). The service answers the
 * request with 503 and this message; the next request tries again, so the service recovers by itself.
 */
public final class StateUnavailableException extends RuntimeException {
    public StateUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
