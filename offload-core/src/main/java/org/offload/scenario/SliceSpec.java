package org.offload.scenario;

import java.util.List;

/**
 * A network slice: a reserved {@code share} (0, 1] of the capacity of every link of the kinds it names
 * ({@code wlan}, {@code man}, {@code wan}). Links serve their slices by generalised processor sharing (GPS,
 * Parekh &amp; Gallager 1993): a slice with traffic gets at least its share, unused capacity goes to the slices
 * that have traffic, in proportion to their shares; traffic of no slice shares the unreserved rest.
 */
public record SliceSpec(String name, double share, List<String> links) {
    /** The link kinds a slice may name, as the scenario spells them. */
    public static final List<String> LINK_KINDS = List.of("wlan", "man", "wan");

    public SliceSpec {
        Check.present("name", name);
        if (!(share > 0 && share <= 1)) {
            throw new ScenarioException("share", "must be in (0, 1], got " + share);
        }
        links = List.copyOf(links == null || links.isEmpty() ? LINK_KINDS : links);
        for (int i = 0; i < links.size(); i++) {
            if (!LINK_KINDS.contains(links.get(i))) {
                throw new ScenarioException("links[" + i + "]", "expected one of " + LINK_KINDS + ", got '"
                        + links.get(i) + "'");
            }
            if (links.indexOf(links.get(i)) != i) {
                throw new ScenarioException("links[" + i + "]", "duplicate link kind '" + links.get(i) + "'");
            }
        }
    }

    /** Whether the slice partitions links of {@code kind} ({@code wlan}, {@code man} or {@code wan}). */
    public boolean covers(String kind) {
        return links.contains(kind);
    }
}
