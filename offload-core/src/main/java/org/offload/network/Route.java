package org.offload.network;

import org.offload.model.Tier;

/**
 * The links a placed task's transfers cross: the WLAN of the device's site (the access), then the MAN to
 * another site's edge VM or the site's WAN uplink to the cloud (the backhaul). The upload crosses them in that
 * order and the result comes back in reverse, through the site that carried the upload. Local execution
 * crosses none. The simulator moves tasks along these routes and the estimates add up the same links.
 */
public enum Route {
    /** On the device's own CPU: no transfers. */
    DEVICE(null),
    /** An edge VM of the site serving the device: WLAN only. */
    HOME_EDGE(null),
    /** An edge VM of another site: WLAN and MAN. */
    REMOTE_EDGE(Hop.MAN),
    /** A cloud VM: WLAN and the site's WAN uplink. */
    CLOUD(Hop.WAN);

    /** A link a route crosses after the WLAN. */
    public enum Hop { MAN, WAN }

    private final Hop backhaul;

    Route(Hop backhaul) {
        this.backhaul = backhaul;
    }

    /** The route of a task on {@code tier}, to a VM of site {@code vmSite}, from a device at {@code deviceSite}. */
    public static Route of(Tier tier, int vmSite, int deviceSite) {
        if (tier == Tier.LOCAL) {
            return DEVICE;
        }
        if (tier == Tier.CLOUD) {
            return CLOUD;
        }
        return vmSite == deviceSite ? HOME_EDGE : REMOTE_EDGE;
    }

    /** The link after the WLAN, or null when the route ends at the site (or never leaves the device). */
    public Hop backhaul() {
        return backhaul;
    }
}
