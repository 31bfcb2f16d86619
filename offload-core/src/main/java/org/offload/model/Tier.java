package org.offload.model;

/** Where a task runs: on the device itself, on an edge server, or in the cloud. */
public enum Tier {
    LOCAL, EDGE, CLOUD;

    /** Lower-case name used in files and on the command line. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
