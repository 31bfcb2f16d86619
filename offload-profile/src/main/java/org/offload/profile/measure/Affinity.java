package org.offload.profile.measure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * CPU affinity of this whole process (every thread, native ones included) through {@code taskset -a -p -c LIST PID}
 * (util-linux). Threads created later inherit their creator's mask. Unavailable (no taskset, not Linux, not
 * permitted) is reported, not fatal: the hardware profile then only restricts threads.
 */
public final class Affinity {
    private Affinity() {
    }

    public static boolean available() {
        return run("taskset", "-p", String.valueOf(Host.pid())) != null;
    }

    /** The current CPU list of the process (for example {@code 0,1} or {@code 0-1}), or null. */
    public static String current() {
        String out = run("taskset", "-c", "-p", String.valueOf(Host.pid()));
        if (out == null) {
            return null;
        }
        int colon = out.lastIndexOf(':');
        return colon < 0 ? null : out.substring(colon + 1).trim();
    }

    /** Restricts every thread of the process to {@code cpus}; true on success. */
    public static boolean set(String cpus) {
        return run("taskset", "-a", "-c", "-p", cpus, String.valueOf(Host.pid())) != null;
    }

    private static String run(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
