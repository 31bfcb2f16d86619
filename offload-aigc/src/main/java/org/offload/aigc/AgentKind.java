package org.offload.aigc;

import java.util.Locale;

/**
 * The learning agents. MADDPG-MATO: one actor per device on its local observation, model information included,
 * centralised critics over the global state and all actions. MADDPG-NoModel: the same without the task type,
 * compatibility and cache bitmap in any input and without a download decision (a missing model is always
 * downloaded, the behaviour of a model-unaware system). SADDPG: one centralised DDPG agent whose actor maps the
 * global state to every device's action.
 */
public enum AgentKind {
    MADDPG_MATO("maddpg-mato", true, false),
    MADDPG_NOMODEL("maddpg-nomodel", false, false),
    SADDPG("saddpg", true, true);

    private final String id;
    private final boolean modelAware;
    private final boolean centralised;

    AgentKind(String id, boolean modelAware, boolean centralised) {
        this.id = id;
        this.modelAware = modelAware;
        this.centralised = centralised;
    }

    /** The CLI name. */
    public String id() {
        return id;
    }

    public boolean modelAware() {
        return modelAware;
    }

    /** One agent for all devices (SADDPG) rather than one per device. */
    public boolean centralised() {
        return centralised;
    }

    /** Outputs per device: J+1 target scores, the ratio and (if model-aware) the download bit; all in [0, 1]. */
    public int actionSize(int servers) {
        return servers + 2 + (modelAware ? 1 : 0);
    }

    /** Decodes device {@code i}'s slice of an action vector {@code a} (starting at {@code off}). */
    public AigcAction decode(float[] a, int off, int servers) {
        int best = 0;
        for (int k = 1; k <= servers; k++) {
            if (a[off + k] > a[off + best]) {
                best = k;
            }
        }
        double ratio = Math.min(1, Math.max(0, a[off + servers + 1]));
        boolean download = !modelAware || a[off + servers + 2] > 0.5f;
        return new AigcAction(best, ratio, download);
    }

    public static AgentKind byId(String id) {
        for (AgentKind k : values()) {
            if (k.id.equals(id.toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown agent '" + id + "'; known: maddpg-mato, maddpg-nomodel, saddpg");
    }
}
