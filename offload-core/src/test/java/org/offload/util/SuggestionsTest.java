package org.offload.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
    private static final List<String> POLICIES = List.of("local-only", "edge-only", "cloud-only", "random",
            "round-robin", "least-utilised", "network-aware", "greedy", "sonmez-fuzzy", "flores", "fuzzy-mcda",
            "utilization-based", "dl-tier", "dl-tier-oracle");

    @Test
    void britishAndAmericanSpellingsAreTheSameName() {
        assertEquals(Optional.of("least-utilised"), Suggestions.closest("least-utilized", POLICIES));
        assertEquals(Optional.of("utilization-based"), Suggestions.closest("utilisation-based", POLICIES));
        assertEquals(Optional.of("least-utilised"), Suggestions.closest("Least_Utilized", POLICIES));
    }

    @Test
    void typosFindTheKeyAndFarNamesFindNothing() {
        List<String> keys = List.of("name", "seed", "duration_s", "warmup_s", "drain_s", "policy");
        assertEquals(Optional.of("duration_s"), Suggestions.closest("duraton_s", keys));
        assertEquals(Optional.of("warmup_s"), Suggestions.closest("wamrup_s", keys), "a swap of neighbours is one edit");
        assertEquals(Optional.of("greedy"), Suggestions.closest("gredy", POLICIES));
        assertEquals(Optional.empty(), Suggestions.closest("colour", List.of("count", "cpu", "placement", "power")));
        assertEquals(Optional.empty(), Suggestions.closest("xyz", POLICIES));
        assertEquals(Optional.empty(), Suggestions.closest("-V", List.of("-n", "-h", "--help")), "too short to guess");
        assertEquals(Optional.of("run"), Suggestions.closest("rn", List.of("report", "run")), "a letter left out");
        assertEquals(Optional.of("fcfs"), Suggestions.closest("FCFS_", List.of("time_shared", "fcfs")));
    }

    @Test
    void theMessageFragmentNamesTheCandidate() {
        assertEquals(" (did you mean 'greedy'?)", Suggestions.didYouMean("greedyy", POLICIES));
        assertEquals("", Suggestions.didYouMean("nothing-like-it", POLICIES));
    }

    @Test
    void distanceIsTheOptimalStringAlignment() {
        assertEquals(0, Suggestions.distance("abc", "abc"));
        assertEquals(1, Suggestions.distance("abc", "acb"));
        assertEquals(3, Suggestions.distance("", "abc"));
        assertEquals(3, Suggestions.distance("kitten", "sitting"));
    }
}
