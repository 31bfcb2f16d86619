package org.offload.service;

/** A request the service refuses (4xx): what is wrong and, where one field is to blame, its name. */
public final class BadRequestException extends RuntimeException {
    private final int status;
    private final String field;

    public BadRequestException(String field, String message) {
        this(400, field, message);
    }

    public BadRequestException(int status, String field, String message) {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
    }

    public int status() {
        return status;
    }

    /** The offending field ({@code vms[2].load}), or null. */
    public String field() {
        return field;
    }
}
