package org.offload.service;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.HttpChannel;
import org.eclipse.jetty.server.HttpConnection;
import org.eclipse.jetty.server.Request;

/**
 * Jetty listener that bounds what slow clients can hold (slowloris):
 * <ul>
 *   <li>a <b>header deadline</b>: every connection must deliver a complete request head within
 *       {@code headerTimeoutS} of opening or of its previous answer, else it is closed. Jetty's own idle timer
 *       restarts on every byte, so a client dripping one header line every few seconds would otherwise be held
 *       for ever;</li>
 *   <li>a <b>cap per client address</b>: connections beyond {@code perAddress} from one address are closed as soon
 *       as they open (the total is capped by Jetty's {@code ConnectionLimit}, which stops accepting);</li>
 *   <li>the count of dispatched requests whose answer is not yet complete, which lets a stop flush the last
 *       answers.</li>
 * </ul>
 * A sweeper thread checks the deadlines every 100 ms (more often for header timeouts under 0.4 s).
 */
final class ConnectionGuard implements Connection.Listener, HttpChannel.Listener, AutoCloseable {
    private static final String COUNTED = "org.offload.service.counted";

    private final long headerTimeoutNs;
    private final int perAddress;
    private final Map<EndPoint, long[]> deadlines = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<InetAddress, Integer> byAddress = new ConcurrentHashMap<>();
    /** The client address of each open raw connection, taken when it opened (a closed socket has none). */
    private final Map<EndPoint, InetAddress> addresses = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper;
    /** Dispatched requests whose exchange is not complete yet. */
    final AtomicInteger active = new AtomicInteger();
    final LongAdder headerTimeouts = new LongAdder();
    final LongAdder refusedConnections = new LongAdder();

    ConnectionGuard(double headerTimeoutS, int perAddress) {
        this.headerTimeoutNs = Math.round(headerTimeoutS * 1e9);
        this.perAddress = perAddress;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "offload-connection-guard");
            t.setDaemon(true);
            return t;
        });
        // Often, so that expiries are spread out rather than closed in batches.
        long period = Math.max(10, Math.min(100, headerTimeoutNs / 4_000_000));
        sweeper.scheduleAtFixedRate(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onOpened(Connection c) {
        EndPoint ep = c.getEndPoint();
        if (ep instanceof SocketChannelEndPoint) { // the raw connection (under TLS, the SslConnection's)
            InetAddress a = address(ep);
            if (a != null) {
                addresses.put(ep, a);
            }
            if (a != null && byAddress.merge(a, 1, Integer::sum) > perAddress) { // atomic per address
                refusedConnections.increment();
                ep.close();
                return;
            }
        }
        if (c instanceof HttpConnection) {
            deadlines.put(ep, new long[] {System.nanoTime() + headerTimeoutNs});
        }
    }

    @Override
    public void onClosed(Connection c) {
        EndPoint ep = c.getEndPoint();
        if (ep instanceof SocketChannelEndPoint) {
            InetAddress a = addresses.remove(ep);
            if (a != null) {
                byAddress.computeIfPresent(a, (k, n) -> n <= 1 ? null : n - 1);
            }
        }
        if (c instanceof HttpConnection) {
            deadlines.remove(ep);
        }
    }

    private static InetAddress address(EndPoint ep) {
        InetSocketAddress a = ep.getRemoteAddress();
        return a == null ? null : a.getAddress();
    }

    @Override
    public void onRequestBegin(Request request) {
        long[] d = deadlines.get(request.getHttpChannel().getEndPoint());
        if (d != null) {
            d[0] = Long.MAX_VALUE; // the head is complete: from here the body timeout applies
        }
    }

    @Override
    public void onBeforeDispatch(Request request) {
        request.setAttribute(COUNTED, Boolean.TRUE);
        active.incrementAndGet();
    }

    @Override
    public void onComplete(Request request) {
        if (request.getAttribute(COUNTED) != null) {
            active.decrementAndGet();
        }
        long[] d = deadlines.get(request.getHttpChannel().getEndPoint());
        if (d != null) {
            d[0] = System.nanoTime() + headerTimeoutNs; // the next request's head must come in time
        }
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Map.Entry<EndPoint, long[]> e : deadlines.entrySet()) {
            if (now - e.getValue()[0] > 0 && e.getValue()[0] != Long.MAX_VALUE) {
                headerTimeouts.increment();
                deadlines.remove(e.getKey());
                e.getKey().close();
            }
        }
    }

    /** Open connections now (HTTP connections, under TLS the decrypted ones). */
    int open() {
        return deadlines.size();
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}
