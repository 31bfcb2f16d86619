package org.offload.network;

/** What a {@link Link} is in the topology: a site's WLAN, the MAN between sites, or a site's WAN uplink. */
public enum LinkKind { WLAN, MAN, WAN }
