package org.offload.service;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Writing JSON answers, and the one error shape {@code {"error", "field"?, "status", "request_id"?}} everywhere:
 * the service's own handlers and the errors Jetty answers itself (malformed requests, oversized headers) come
 * back in it, in the service's words, never as an HTML page or with a stack trace.
 */
final class HttpErrors {
    static final String JSON_TYPE = "application/json";
    /** Request attribute holding the request id (set by the request filter). */
    static final String REQUEST_ID = "org.offload.service.request-id";

    private HttpErrors() {
    }

    /** Writes the answer directly (with its length), bypassing Javalin's result stream copy. */
    static int json(HttpServletResponse res, int status, byte[] bytes) {
        res.setStatus(status);
        res.setContentType(JSON_TYPE);
        res.setContentLength(bytes.length);
        try {
            res.getOutputStream().write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return status;
    }

    static void error(HttpServletRequest req, HttpServletResponse res, int status, String field, String message) {
        Object id = req == null ? null : req.getAttribute(REQUEST_ID);
        json(res, status, Bodies.bytes(new Bodies.Error(message, field, status, id == null ? null : id.toString())));
    }

    /** A short description of an HTTP error status, in the service's words. */
    static String plainReason(int status) {
        return switch (status) {
            case 400 -> "not a valid HTTP request";
            case 404 -> "no such endpoint";
            case 405 -> "method not allowed";
            case 408 -> "the request was not received in time";
            case 411 -> "a body needs a Content-Length or chunked encoding";
            case 413 -> "request too large";
            case 414 -> "request URI too long";
            case 415 -> "unsupported content type";
            case 429 -> "too many requests";
            case 431 -> "request headers too large";
            case 500 -> "internal error";
            case 501 -> "not implemented";
            case 503 -> "service unavailable";
            case 505 -> "HTTP version not supported";
            default -> "HTTP error " + status;
        };
    }

    /** Jetty's error handler, answering in the service's JSON error shape. */
    static final class JsonErrorHandler extends ErrorHandler {
        JsonErrorHandler() {
            setShowStacks(false);
            setShowServlet(false);
        }

        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            fields.put(HttpHeader.CONTENT_TYPE, JSON_TYPE);
            return ByteBuffer.wrap(Bodies.bytes(new Bodies.Error(plainReason(status), null, status, null)));
        }

        @Override
        public void handle(String target, Request baseRequest, HttpServletRequest request,
                           HttpServletResponse response) {
            baseRequest.setHandled(true);
            int status = response.getStatus() < 400 ? 500 : response.getStatus();
            if (response.isCommitted()) {
                return;
            }
            response.resetBuffer();
            error(request, response, status, null, plainReason(status));
        }
    }
}
