package org.offload.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.regex.Pattern;

/**
 * Checks a Spark master URL before a Spark context is started, so that a typing error or an unreachable cluster is
 * a clear error at once rather than a minute of connection retries: the URL's form, and for {@code spark://} and
 * {@code k8s://} masters that each named host accepts a TCP connection.
 */
final class Masters {
    private static final Pattern LOCAL = Pattern.compile("local(\\[(\\*|\\d+)(,\\d+)?])?");
    private static final Pattern LOCAL_CLUSTER = Pattern.compile("local-cluster\\[\\d+,\\d+,\\d+]");
    private static final int CONNECT_TIMEOUT_MS = 3000;

    private Masters() {
    }

    /** Throws {@link IllegalArgumentException} saying what is wrong with {@code master}, or returns it. */
    static String check(String master) {
        if (LOCAL.matcher(master).matches() || LOCAL_CLUSTER.matcher(master).matches() || master.equals("yarn")) {
            return master;
        }
        if (master.startsWith("spark://")) {
            for (String hostPort : master.substring("spark://".length()).split(",")) {
                URI u = URI.create("spark://" + hostPort);
                reachable(master, u.getHost(), u.getPort() < 0 ? 7077 : u.getPort());
            }
            return master;
        }
        if (master.startsWith("k8s://")) {
            String api = master.substring("k8s://".length());
            URI u = URI.create(api.contains("://") ? api : "https://" + api);
            reachable(master, u.getHost(), u.getPort() >= 0 ? u.getPort() : "http".equals(u.getScheme()) ? 80 : 443);
            return master;
        }
        throw new IllegalArgumentException("'" + master + "' is not a Spark master URL; use local[*], local[N], "
                + "local-cluster[N,CORES,MB], spark://HOST:PORT, k8s://https://HOST:PORT or yarn");
    }

    private static void reachable(String master, String host, int port) {
        if (host == null) {
            throw new IllegalArgumentException("'" + master + "': no host in it");
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
        } catch (IOException e) {
            throw new IllegalArgumentException(master + ": cannot connect to " + host + ":" + port + " ("
                    + e.getMessage() + "); is the master running and reachable from here?");
        }
    }
}
