package org.offload.aigc;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The learning agents. MADDPG-MATO: one actor per device on its local observation, model information included,
 * centralised critics over the global state and all actions; it decides target, ratio and download.
 * MADDPG-NoModel: the same without the task type, compatibility, cache bitmap and demand in any input and without
 * a download decision (a missing model is always downloaded, the behaviour of a model-unaware system). SADDPG: one
 * centralised DDPG agent whose actor maps the global state to every device's action. MADDPG-MATO-NoDL: the
 * ablation of MATO with downloads disabled (model-aware, never downloads: a miss is relayed).
 */
public enum AgentKind {
    MADDPG_MATO("maddpg-mato", true, false, true, false),
    MADDPG_NOMODEL("maddpg-nomodel", false, false, false, true),
    SADDPG("saddpg", true, true, true, false),
    MADDPG_MATO_NODL("maddpg-mato-nodl", true, false, false, false);

    private final String id;
    private final boolean modelAware;
    private final boolean centralised;
    private final boolean downloadHead;
    private final boolean fixedDownload;

    AgentKind(String id, boolean modelAware, boolean centralised, boolean downloadHead, boolean fixedDownload) {
        this.id = id;
        this.modelAware = modelAware;
        this.centralised = centralised;
        this.downloadHead = downloadHead;
        this.fixedDownload = fixedDownload;
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

    /** The action layout of one device with {@code servers} edge servers and {@code ratioLevels} ratios. */
    public ActionLayout layout(int servers, int ratioLevels) {
        return new ActionLayout(servers, ratioLevels, downloadHead, fixedDownload);
    }

    /** The names of every agent, comma-separated. */
    public static String ids() {
        return Arrays.stream(values()).map(AgentKind::id).collect(Collectors.joining(", "));
    }

    public static AgentKind byId(String id) {
        for (AgentKind k : values()) {
            if (k.id.equals(id.toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown agent '" + id + "'; known: " + ids());
    }
}
