package org.offload.service;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Slow clients against a service on this machine, for measuring what they cost it (the attack cases of
 * docs/service.md's security section): {@code stalledBodies} connections that send a decision request's headers
 * with {@code Content-Length: 65536} and one body byte, then nothing; and {@code drippingHeaders} connections that
 * send a request line and then one header line every {@code dripIntervalS}, never ending the head. Whenever the
 * server closes one, it is opened again, so the given numbers stay open for the whole run. One thread and one
 * selector drive all of them (non-blocking sockets), bound to {@code from} (another loopback address, e.g.
 * 127.0.0.2, so that per-address limits can tell them from the valid load).
 *
 * <p>Loopback only, like {@link LoadTest}: the target must resolve to loopback addresses.
 */
public final class SlowClients implements AutoCloseable {
    /** Most connections opened per second (reconnects included): keeps the opener from spinning. */
    private static final int OPEN_PER_S = 4000;

    /**
     * @param target         the service (loopback)
     * @param from           local address to bind the clients to (a loopback address), or null
     * @param addresses      spread the clients over this many addresses counting up from {@code from}
     * @param token          bearer token for the stalled bodies (a body is only read after authentication)
     * @param stalledBodies  connections holding an incomplete body
     * @param drippingHeaders connections holding an incomplete request head
     * @param dripIntervalS  seconds between two header lines of a dripping connection
     */
    public record Options(InetSocketAddress target, InetAddress from, int addresses, String token, int stalledBodies,
                          int drippingHeaders, double dripIntervalS) {
        public Options {
            if (addresses < 1 || addresses > 250 || (from == null && addresses > 1)) {
                throw new IllegalArgumentException("slow clients: 1..250 source addresses, counting up from --slow-from");
            }
            if (stalledBodies < 0 || drippingHeaders < 0 || stalledBodies + drippingHeaders > 20_000) {
                throw new IllegalArgumentException("slow clients: 0..20000 connections in all, got "
                        + stalledBodies + " stalled bodies and " + drippingHeaders + " dripping heads");
            }
            if (!(dripIntervalS > 0)) {
                throw new IllegalArgumentException("--drip-interval must be > 0 s, got " + dripIntervalS);
            }
            if (!target.getAddress().isLoopbackAddress() || (from != null && !from.isLoopbackAddress())) {
                throw new IllegalArgumentException("slow clients only run on loopback addresses");
            }
        }
    }

    /** What happened to the slow connections so far. */
    public record Stats(long opened, int open, int maxOpen, long connectFailures, Map<String, Long> endings,
                        double meanHeldStalledS, double meanHeldDrippingS, double maxHeldDrippingS) {
    }

    private enum Kind { STALLED, DRIPPING }

    private static final class Conn {
        final Kind kind;
        final SocketChannel ch;
        final long openedNs;
        long nextDripNs;
        boolean connected;
        final StringBuilder answer = new StringBuilder();

        Conn(Kind kind, SocketChannel ch, long now) {
            this.kind = kind;
            this.ch = ch;
            this.openedNs = now;
        }
    }

    private final Options o;
    private final Selector selector;
    private final Thread thread;
    private final byte[] stalledHead;
    private final byte[] dripHead;
    private final byte[] dripLine;
    private volatile boolean stop;
    // statistics, guarded by this
    private long opened;
    private int open;
    private int maxOpen;
    private long connectFailures;
    private final Map<String, Long> endings = new TreeMap<>();
    private double heldStalled;
    private long endedStalled;
    private double heldDripping;
    private long endedDripping;
    private double maxHeldDripping;

    private SlowClients(Options o) throws IOException {
        this.o = o;
        this.selector = Selector.open();
        String host = "Host: " + o.target().getAddress().getHostAddress() + "\r\n";
        this.stalledHead = ("POST /v1/decisions HTTP/1.1\r\n" + host
                + (o.token() == null ? "" : "Authorization: Bearer " + o.token() + "\r\n")
                + "Content-Type: application/json\r\nContent-Length: 65536\r\n\r\n{")
                .getBytes(StandardCharsets.US_ASCII);
        this.dripHead = ("GET /healthz HTTP/1.1\r\n" + host).getBytes(StandardCharsets.US_ASCII);
        this.dripLine = "X-Drip: 1\r\n".getBytes(StandardCharsets.US_ASCII);
        this.thread = new Thread(this::loop, "slow-clients");
        this.thread.setDaemon(true);
    }

    /** Starts opening the connections (in the background); {@link #close} ends them. */
    public static SlowClients start(Options o) throws IOException {
        SlowClients s = new SlowClients(o);
        s.thread.start();
        return s;
    }

    /** Waits until all connections are open (or {@code timeoutS} passed); returns how many are open. */
    public int awaitOpen(double timeoutS) throws InterruptedException {
        long end = System.nanoTime() + Math.round(timeoutS * 1e9);
        int want = o.stalledBodies() + o.drippingHeaders();
        while (System.nanoTime() < end) {
            synchronized (this) {
                if (open >= want) {
                    return open;
                }
            }
            Thread.sleep(20);
        }
        synchronized (this) {
            return open;
        }
    }

    public synchronized Stats stats() {
        return new Stats(opened, open, maxOpen, connectFailures, new TreeMap<>(endings),
                endedStalled == 0 ? 0 : heldStalled / endedStalled, endedDripping == 0 ? 0 : heldDripping / endedDripping,
                maxHeldDripping);
    }

    private void loop() {
        int wantStalled = o.stalledBodies();
        int wantDripping = o.drippingHeaders();
        int haveStalled = 0;
        int haveDripping = 0;
        long dripNs = Math.round(o.dripIntervalS() * 1e9);
        long windowStart = System.nanoTime();
        int openedInWindow = 0;
        List<Conn> dripping = new ArrayList<>();
        ByteBuffer read = ByteBuffer.allocate(4096);
        try {
            while (!stop) {
                long now = System.nanoTime();
                if (now - windowStart > 100_000_000L) {
                    windowStart = now;
                    openedInWindow = 0;
                }
                while ((haveStalled < wantStalled || haveDripping < wantDripping) && openedInWindow < OPEN_PER_S / 10) {
                    Kind k = haveStalled * Math.max(1, wantDripping) <= haveDripping * Math.max(1, wantStalled)
                            && haveStalled < wantStalled || haveDripping >= wantDripping ? Kind.STALLED : Kind.DRIPPING;
                    openedInWindow++;
                    try {
                        SocketChannel ch = SocketChannel.open();
                        ch.configureBlocking(false);
                        if (o.from() != null) {
                            ch.bind(new InetSocketAddress(source((int) (opened(k) % o.addresses())), 0));
                        }
                        Conn c = new Conn(k, ch, now);
                        ch.connect(o.target());
                        ch.register(selector, SelectionKey.OP_CONNECT, c);
                        if (k == Kind.STALLED) {
                            haveStalled++;
                        } else {
                            haveDripping++;
                            dripping.add(c);
                        }
                    } catch (IOException e) {
                        synchronized (this) {
                            connectFailures++;
                        }
                        break;
                    }
                }
                selector.select(20);
                for (Iterator<SelectionKey> it = selector.selectedKeys().iterator(); it.hasNext(); ) {
                    SelectionKey key = it.next();
                    it.remove();
                    Conn c = (Conn) key.attachment();
                    boolean ended = false;
                    String ending = null;
                    try {
                        if (key.isConnectable()) {
                            c.ch.finishConnect();
                            c.connected = true;
                            c.ch.write(ByteBuffer.wrap(c.kind == Kind.STALLED ? stalledHead : dripHead));
                            c.nextDripNs = System.nanoTime() + dripNs;
                            key.interestOps(SelectionKey.OP_READ);
                            synchronized (this) {
                                opened++;
                                open++;
                                maxOpen = Math.max(maxOpen, open);
                            }
                        } else if (key.isReadable()) {
                            read.clear();
                            int n = c.ch.read(read);
                            if (n < 0) {
                                ended = true;
                                ending = c.answer.length() > 0 ? status(c.answer) : "closed";
                            } else if (c.answer.length() < 64) {
                                read.flip();
                                c.answer.append(StandardCharsets.ISO_8859_1.decode(read));
                            }
                        }
                    } catch (IOException e) {
                        ended = true;
                        ending = c.connected ? (c.answer.length() > 0 ? status(c.answer) : "reset") : "connect failed";
                    }
                    if (ended) {
                        key.cancel();
                        closeQuietly(c.ch);
                        double held = (System.nanoTime() - c.openedNs) / 1e9;
                        synchronized (this) {
                            if (c.connected) {
                                open--;
                            } else {
                                connectFailures++;
                            }
                            endings.merge(c.kind.name().toLowerCase(Locale.ROOT) + " " + ending, 1L, Long::sum);
                            if (c.connected && c.kind == Kind.STALLED) {
                                heldStalled += held;
                                endedStalled++;
                            } else if (c.connected) {
                                heldDripping += held;
                                endedDripping++;
                                maxHeldDripping = Math.max(maxHeldDripping, held);
                            }
                        }
                        if (c.kind == Kind.STALLED) {
                            haveStalled--;
                        } else {
                            haveDripping--;
                            dripping.remove(c);
                        }
                    }
                }
                long t = System.nanoTime();
                for (Conn c : dripping) {
                    if (c.connected && t - c.nextDripNs >= 0) {
                        c.nextDripNs = t + dripNs;
                        try {
                            c.ch.write(ByteBuffer.wrap(dripLine));
                        } catch (IOException e) {
                            // the read side sees the close and reopens it
                        }
                    }
                }
            }
        } catch (IOException e) {
            synchronized (this) {
                endings.merge("selector failed: " + e.getMessage(), 1L, Long::sum);
            }
        } finally {
            for (SelectionKey k : selector.keys()) {
                closeQuietly(((Conn) k.attachment()).ch);
            }
            try {
                selector.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private long sequence;

    private long opened(Kind k) {
        return sequence++;
    }

    /** The {@code i}-th source address: {@code from} with {@code i} added to its last byte. */
    private InetAddress source(int i) throws IOException {
        byte[] b = o.from().getAddress().clone();
        b[b.length - 1] = (byte) (b[b.length - 1] + i);
        return InetAddress.getByAddress(b);
    }

    private static String status(StringBuilder answer) {
        String a = answer.toString();
        return a.startsWith("HTTP/1.1 ") && a.length() >= 12 ? a.substring(9, 12) : "garbled";
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        selector.wakeup();
        thread.join(10_000);
    }

    /** One line per kind of ending, e.g. {@code stalled 408: 5000}. */
    public static void print(Stats s, PrintWriter out) {
        out.printf(Locale.ROOT, "slow clients  %d open now (at most %d), %d opened, %d connect failures; stalled bodies held %.1f s "
                        + "on average, dripping heads %.1f s (max %.1f s)%n", s.open(), s.maxOpen(), s.opened(), s.connectFailures(),
                s.meanHeldStalledS(), s.meanHeldDrippingS(), s.maxHeldDrippingS());
        s.endings().forEach((k, v) -> out.printf(Locale.ROOT, "slow clients  ended: %s x %d%n", k, v));
    }
}
