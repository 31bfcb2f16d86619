package org.offload.service;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

import org.eclipse.jetty.http.BadMessageException;

/**
 * Collects a request body as it arrives, on Jetty's callbacks ({@link ReadListener}), so no thread waits for a
 * slow client. The buffer starts small and grows with the bytes received (never to a declared
 * {@code Content-Length} before the bytes are there), and every byte is reserved in the {@link BodyBudget} first.
 * {@link #done} completes with the body, or with a {@link BadRequestException}: 413 beyond the size limit, 503
 * when the budget is spent, 408 when the body pauses for the body timeout (Jetty's per-request idle timeout) or
 * is still incomplete when data arrives after the deadline, 400 when the client ends it early. The caller
 * {@link #release releases} the reservation once the request is answered.
 */
final class BodyReader implements ReadListener {
    private static final int FIRST_BUFFER = 512;

    final ServletInputStream in;
    final CompletableFuture<byte[]> done = new CompletableFuture<>();
    private final long length;
    private final int max;
    private final long deadline;
    private final double timeoutS;
    private final BodyBudget budget;
    private final String client;
    private byte[] buf;
    private int n;
    private long reserved;
    private boolean released;

    BodyReader(ServletInputStream in, long length, int max, long deadline, double timeoutS, BodyBudget budget,
               String client) {
        this.in = in;
        this.length = length;
        this.max = max;
        this.deadline = deadline;
        this.timeoutS = timeoutS;
        this.budget = budget;
        this.client = client;
        this.buf = new byte[(int) Math.min(FIRST_BUFFER, length >= 0 ? length + 1 : max + 1L)];
    }

    @Override
    public synchronized void onDataAvailable() throws IOException {
        while (!done.isDone() && !released && in.isReady()) {
            if (n == buf.length) {
                long want = Math.min(max + 1L, 2L * buf.length);
                if (length >= 0) {
                    want = Math.min(want, length + 1);
                }
                buf = Arrays.copyOf(buf, (int) Math.max(want, buf.length + 1L));
            }
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                return; // onAllDataRead follows
            }
            if (!budget.reserve(client, r)) {
                done.completeExceptionally(new BadRequestException(503, null, "too many request bodies are being "
                        + "received at once; try again shortly"));
                return;
            }
            reserved += r;
            n += r;
            if (n > max) {
                done.completeExceptionally(new BadRequestException(413, null, "body exceeds the limit of " + max
                        + " bytes (limits.max_body_bytes)"));
            }
        }
        if (System.nanoTime() - deadline > 0) {
            done.completeExceptionally(timeout());
        }
    }

    @Override
    public synchronized void onAllDataRead() {
        if (done.isDone() || released) {
            return;
        }
        if (length >= 0 && n < length) {
            done.completeExceptionally(new BadRequestException(null, "body shorter than its Content-Length"));
        } else {
            done.complete(Arrays.copyOf(buf, n));
        }
    }

    @Override
    public void onError(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof TimeoutException) {
                done.completeExceptionally(timeout());
                return;
            }
            if (c instanceof BadMessageException b && b.getCode() >= 400 && b.getCode() < 500) {
                done.completeExceptionally(new BadRequestException(b.getCode(), null, "malformed body ("
                        + HttpErrors.plainReason(b.getCode()) + ")"));
                return;
            }
        }
        done.completeExceptionally(new BadRequestException(null, "body incomplete: the client ended it before "
                + (length >= 0 ? "its Content-Length" : "its last chunk")));
    }

    /** Returns the reserved bytes to the budget (once). */
    synchronized void release() {
        budget.release(client, reserved);
        reserved = 0;
        released = true;
        buf = null;
    }

    private BadRequestException timeout() {
        return new BadRequestException(408, null, "request body not received within " + Num.fixed(timeoutS, 1)
                + " s (limits.body_timeout_s)");
    }
}
