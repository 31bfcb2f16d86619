package org.offload.aigc;

import java.util.ArrayList;
import java.util.List;

/**
 * Which groups of features a learning agent's inputs hold ({@link AigcObservation#local},
 * {@link AigcObservation#global}); the names and order are {@link #localNames} and {@link #globalNames}.
 *
 * @param modelAware   the task's model (one-hot type), which servers cache it, the cache bitmap and the recent
 *                     demand of each model; left out for MADDPG-NoModel
 * @param coordination what devices need to coordinate: devices per access point, last slot's uplink users per
 *                     access point, and (local only) the device's own last action
 * @param deviceId     a one-hot device index (local only), for one actor shared by all devices
 */
public record Features(boolean modelAware, boolean coordination, boolean deviceId) {
    /** Features of one task and device, the same in the local and the global encodings. */
    static final List<String> TASK = List.of("data", "density", "deadline", "local_time", "cpu", "pos_x", "pos_y",
            "own_backlog");

    /** Length of {@link AigcObservation#local}. */
    public int localSize(int devices, int servers, int models) {
        return localNames(devices, servers, models).size();
    }

    /** Length of {@link AigcObservation#global}. */
    public int globalSize(int devices, int servers, int models) {
        return globalNames(devices, servers, models).size();
    }

    /** Size of the encoding of one device's last action: target one-hot, ratio, download. */
    static int lastActionSize(int servers) {
        return servers + 3;
    }

    /** Names of the {@link AigcObservation#local} features, in order. */
    public List<String> localNames(int devices, int servers, int models) {
        List<String> n = new ArrayList<>();
        if (modelAware) {
            indexed(n, "type_", models);
        }
        n.addAll(TASK);
        n.add("slot");
        indexed(n, "rate_", servers);
        indexed(n, "load_", servers);
        n.add("load_cloud");
        indexed(n, "backlog_", servers);
        indexed(n, "dist_", servers);
        if (modelAware) {
            indexed(n, "compatible_", servers);
            cacheNames(n, servers, models);
            indexed(n, "demand_", models);
        }
        if (coordination) {
            indexed(n, "ap_devices_", servers);
            indexed(n, "ap_users_", servers);
            lastActionNames(n, "last_", servers);
        }
        if (deviceId) {
            indexed(n, "device_", devices);
        }
        return n;
    }

    /** Names of the {@link AigcObservation#global} features, in order ({@code deviceId} does not apply). */
    public List<String> globalNames(int devices, int servers, int models) {
        List<String> n = new ArrayList<>();
        for (int i = 0; i < devices; i++) {
            String p = "d" + i + "_";
            if (modelAware) {
                indexed(n, p + "type_", models);
            }
            for (String t : TASK) {
                n.add(p + t);
            }
            indexed(n, p + "rate_", servers);
        }
        indexed(n, "load_", servers);
        n.add("load_cloud");
        indexed(n, "backlog_", servers);
        if (modelAware) {
            cacheNames(n, servers, models);
            indexed(n, "demand_", models);
        }
        if (coordination) {
            indexed(n, "ap_devices_", servers);
            indexed(n, "ap_users_", servers);
        }
        n.add("slot");
        return n;
    }

    private static void indexed(List<String> n, String prefix, int count) {
        for (int k = 0; k < count; k++) {
            n.add(prefix + k);
        }
    }

    private static void cacheNames(List<String> n, int servers, int models) {
        for (int j = 0; j < servers; j++) {
            for (int m = 0; m < models; m++) {
                n.add("cache_" + j + "_" + m);
            }
        }
    }

    private static void lastActionNames(List<String> n, String prefix, int servers) {
        indexed(n, prefix + "edge_", servers);
        n.add(prefix + "cloud");
        n.add(prefix + "ratio");
        n.add(prefix + "download");
    }

    /** The flags as {@code checkpoint.properties} stores them. */
    public String describe() {
        return "model_aware=" + modelAware + ",coordination=" + coordination + ",device_id=" + deviceId;
    }
}
