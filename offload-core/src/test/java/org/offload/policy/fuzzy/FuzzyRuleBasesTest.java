package org.offload.policy.fuzzy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.offload.policy.fuzzy.FuzzyRuleBases.FLORES;
import static org.offload.policy.fuzzy.FuzzyRuleBases.MCDA_STAGE1;
import static org.offload.policy.fuzzy.FuzzyRuleBases.MCDA_STAGE2;
import static org.offload.policy.fuzzy.FuzzyRuleBases.SONMEZ_FIS1;
import static org.offload.policy.fuzzy.FuzzyRuleBases.SONMEZ_FIS2;

import org.junit.jupiter.api.Test;

/**
 * The shipped rule bases: rule counts, cells checked against the FCL source, and outputs at input points whose
 * firing strengths and defuzzified values are worked out by hand (terms: 0 = L, 1 = M, 2 = H).
 */
class FuzzyRuleBasesTest {
    private static final int L = 0;
    private static final int M = 1;
    private static final int H = 2;

    @Test
    void ruleCounts() {
        assertEquals(81, SONMEZ_FIS1.ruleCount());
        assertEquals(27, SONMEZ_FIS2.ruleCount());
        assertEquals(68, FLORES.ruleCount());
        assertEquals(27, MCDA_STAGE1.ruleCount());
        assertEquals(81, MCDA_STAGE2.ruleCount());
    }

    @Test
    void floresKeepsTheGapsOfItsTable() {
        // RULE 4 of FCL_definition3 does not exist: cpu_speed low, data_size small, wan_bw medium, video low
        assertEquals(-1, FLORES.findRule(L, L, M, L));
        // the whole cpu low / data high row is empty except with wan high
        for (int wan = L; wan <= M; wan++) {
            for (int video = L; video <= H; video++) {
                assertEquals(-1, FLORES.findRule(L, H, wan, video));
            }
        }
        assertEquals(13, 81 - FLORES.ruleCount());
    }

    @Test
    void cellsAgreeWithTheFclSource() {
        int edge = 0;
        int cloud = 1;
        // FIS1 (avg_edge_util, task_size, wan_bw, delay_sensitivity); RULE numbers of fclDefinition1
        assertEquals(cloud, SONMEZ_FIS1.consequent(SONMEZ_FIS1.findRule(L, L, M, L)));   // RULE 4
        assertEquals(edge, SONMEZ_FIS1.consequent(SONMEZ_FIS1.findRule(L, L, H, M)));    // RULE 8
        assertEquals(cloud, SONMEZ_FIS1.consequent(SONMEZ_FIS1.findRule(M, H, L, L)));   // RULE 46
        assertEquals(edge, SONMEZ_FIS1.consequent(SONMEZ_FIS1.findRule(H, L, L, H)));    // RULE 57
        assertEquals(cloud, SONMEZ_FIS1.consequent(SONMEZ_FIS1.findRule(H, L, M, H)));   // RULE 60
        assertEquals(edge, SONMEZ_FIS1.consequent(SONMEZ_FIS1.findRule(H, H, L, H)));    // RULE 75
        // FIS2 (nearest, remote, man_delay); 0 = nearest, 1 = remote
        assertEquals(0, SONMEZ_FIS2.consequent(SONMEZ_FIS2.findRule(L, L, H)));          // RULE 1
        assertEquals(1, SONMEZ_FIS2.consequent(SONMEZ_FIS2.findRule(L, L, L)));          // RULE 3
        assertEquals(0, SONMEZ_FIS2.consequent(SONMEZ_FIS2.findRule(M, L, H)));          // RULE 10
        assertEquals(1, SONMEZ_FIS2.consequent(SONMEZ_FIS2.findRule(H, M, H)));          // RULE 22
        assertEquals(0, SONMEZ_FIS2.consequent(SONMEZ_FIS2.findRule(H, H, H)));          // RULE 25
        // Flores (cpu_speed, data_size, wan_bw, video_execution); 0 = local, 1 = remote
        assertEquals(1, FLORES.consequent(FLORES.findRule(L, L, M, M)));                 // RULE 5
        assertEquals(0, FLORES.consequent(FLORES.findRule(L, H, H, L)));                 // RULE 17
        assertEquals(1, FLORES.consequent(FLORES.findRule(H, H, M, H)));                 // RULE 27
        assertEquals(1, FLORES.consequent(FLORES.findRule(M, M, L, H)));                 // RULE 39
        assertEquals(0, FLORES.consequent(FLORES.findRule(M, H, M, L)));                 // RULE 47
        assertEquals(1, FLORES.consequent(FLORES.findRule(H, L, M, L)));                 // RULE 58
        assertEquals("IF cpu_speed IS high AND data_size IS small AND wan_bw IS medium AND video_execution IS low"
                + " THEN offload_decision IS remote_processing", FLORES.describeRule(FLORES.findRule(H, L, M, L)));
    }

    /**
     * FIS1 (util, size, wan, ds), leftmost maximum: aE >= aC gives 30 aE, aC > aE gives 40 + 30 aC; cloud iff
     * the output exceeds 50.
     */
    @Test
    void fis1HandComputed() {
        FuzzySystem.Evaluator e = SONMEZ_FIS1.evaluator();
        // util 90 (H 1), size 3000 (L 1), wan 10 (H 1), ds 0.1 (L 1): only H L H L -> cloud fires, aC 1 -> 70
        assertEquals(70.0, e.evaluate(90, 3000, 10, 0.1));
        // util 10 (L 1), size 3000 (L 1), wan 10 (H 1), ds 0.9 (H 1): L L H H -> edge, aE 1 -> 30
        assertEquals(30.0, e.evaluate(10, 3000, 10, 0.9));
        // util 45 (M .75), size 7000 (L .25, M 1/6), wan 5 (M 1), ds 0.5 (M 1):
        //   M L M M -> cloud min(.75, .25) = .25; M M M M -> cloud min(.75, 1/6) = 1/6. aC .25, aE 0
        //   -> 40 + 7.5 = 47.5: edge, although only cloud rules fired (aC <= 1/3)
        assertEquals(47.5, e.evaluate(45, 7000, 5, 0.5));
        assertEquals(0.25, e.strength(1));
        assertEquals(0.0, e.strength(0));
        // size 12000 (M 1) instead: M M M M -> cloud .75 -> 62.5: cloud
        assertEquals(62.5, e.evaluate(45, 12000, 5, 0.5));
        // util 35 (L .25, M .25), size 3000, wan 10, ds 0.5 (M): L L H M -> edge .25; M L H M -> cloud .25.
        //   Tie: the edge rise comes first -> 30 * .25 = 7.5
        assertEquals(7.5, e.evaluate(35, 3000, 10, 0.5));
        // util 36 (L .2, M .3): aE .2 < aC .3 -> 40 + 9 = 49: edge
        assertEquals(49.0, e.evaluate(36, 3000, 10, 0.5));
        // util 38 (L .1, M .4): aC .4 -> 40 + 12 = 52: cloud
        assertEquals(52.0, e.evaluate(38, 3000, 10, 0.5));
        // util 34 (L .3, M .2): aE .3 > aC .2 -> 30 * .3 = 9
        assertEquals(9.0, e.evaluate(34, 3000, 10, 0.5));
    }

    /** FIS2 (nearest util, best remote util, man delay), leftmost maximum: remote iff the output exceeds 50. */
    @Test
    void fis2HandComputed() {
        FuzzySystem.Evaluator e = SONMEZ_FIS2.evaluator();
        // both low, MAN low (0.0005: L 1): L L L -> remote, aR 1 -> 70 (Sonmez moves even between idle hosts)
        assertEquals(70.0, e.evaluate(10, 10, 0.0005));
        // both low, MAN high (0.02: H 1): L L H -> nearest -> 30
        assertEquals(30.0, e.evaluate(10, 10, 0.02));
        // nearest 66 (M .2, H .3), remote 10 (L 1), MAN 0.007 (M 1): M L M -> remote .2, H L M -> remote .3
        //   -> 40 + 9 = 49: nearest
        assertEquals(49.0, e.evaluate(66, 10, 0.007));
        // nearest 75 (H .75): H L M -> remote .75 -> 62.5: remote
        assertEquals(62.5, e.evaluate(75, 10, 0.007));
        // nearest 35 (L .25, M .25), remote 45 (M .75), MAN high: L M H and M M H -> nearest .25 -> 7.5
        assertEquals(7.5, e.evaluate(35, 45, 0.02));
    }

    /**
     * Flores (cpu_speed, data_size, wan_bw, video), centroid; the areas and moments are worked out in
     * {@link FuzzySystemTest#centroidMatchesHandComputedIntegrals} style. Cloud iff the output exceeds 50.
     */
    @Test
    void floresHandComputed() {
        FuzzySystem.Evaluator e = FLORES.evaluator();
        // cpu 10 (L 1), data .1 (small 1), wan 10 (H 1), video .1 (L 1): L L H L -> remote 1. mu = 0 on
        // [0, 40], (x - 40) / 20 on [40, 60], 1 on [60, 100]: area 50, moment 533.33 + 3200 = 3733.33, centroid
        // 74.667; on the grid (trapezoid, + h/2 (100 * 1) and h/2 * 1): 3738.33 / 50.05 = 74.692
        assertEquals(3738.3333 / 50.05, e.evaluate(10, 0.1, 10, 0.1), 1e-4);
        // cpu 90 (H 1), same otherwise: H L H L -> local 1: mirror, area 50, moment 1266.67 -> 1266.67 / 50.05
        assertEquals(1266.6667 / 50.05, e.evaluate(90, 0.1, 10, 0.1), 1e-4);
        // cpu 45 (M .75), data .1, wan 3.75 (L .125, M .375), video .5 (normal 1):
        //   M L L N -> local min(.75, .125) = .125; M L M N -> remote min(.75, .375) = .375.
        //   mu = .125 on [0, 42.5], (x - 40) / 20 on [42.5, 47.5], .375 on [47.5, 100].
        //   area 5.3125 + 1.25 + 19.6875 = 26.25; moment 112.8906 + 56.7708 + 1451.9531 = 1621.6146;
        //   centroid 61.777; on the grid (1621.6146 + .05 * 37.5) / (26.25 + .05 * .5) = 61.788: cloud
        double y = e.evaluate(45, 0.1, 3.75, 0.5);
        assertEquals(0.125, e.strength(0));
        assertEquals(0.375, e.strength(1));
        assertEquals((1621.6146 + 1.875) / 26.275, y, 1e-4);
        // the RULE 4 gap: cpu L, data small, wan 5 (M 1), video L: no rule fires -> default 0 -> edge
        assertEquals(0.0, e.evaluate(10, 0.1, 5, 0.1));
    }

    /** The fuzzy-mcda tables are exactly the documented derivation (FuzzyMcdaPolicy Javadoc). */
    @Test
    void mcdaTablesFollowTheirDerivation() {
        for (int local = L; local <= H; local++) {
            for (int other = L; other <= H; other++) {
                for (int cap = 0; cap <= 2; cap++) {
                    int expected = local - other + (cap - 1) > 0 ? 1 : 0;
                    assertEquals(expected, MCDA_STAGE1.consequent(MCDA_STAGE1.findRule(local, other, cap)),
                            "stage 1 " + local + other + cap);
                }
            }
        }
        for (int util = L; util <= H; util++) {
            for (int cpu = L; cpu <= H; cpu++) {
                for (int net = L; net <= H; net++) {
                    for (int ds = L; ds <= H; ds++) {
                        int expected = 2 * util + cpu - net - ds > 0 ? 1 : 0;
                        assertEquals(expected, MCDA_STAGE2.consequent(MCDA_STAGE2.findRule(util, cpu, net, ds)),
                                "stage 2 " + util + cpu + net + ds);
                    }
                }
            }
        }
    }

    /** fuzzy-mcda stage 2 (util, MI, KB, ds) at the seed-003 applications' mean sizes. */
    @Test
    void mcdaHandComputed() {
        FuzzySystem.Evaluator e = MCDA_STAGE2.evaluator();
        // HEAVY_COMP 45000 MI (cpu H 1), 2700 KB (net H 1), ds .1 (L 1): score 2u + 2 - 2 - 0 = 2u.
        // util 10 (L 1): L H H L -> edge 1 -> 30; util 50 (M 1): M H H L -> cloud 1 -> 70
        assertEquals(30.0, e.evaluate(10, 45000, 2700, 0.1));
        assertEquals(70.0, e.evaluate(50, 45000, 2700, 0.1));
        // util 45 (M .75), INFOTAINMENT-like 12000 MI (M 1), 1500 KB (M 1), ds .1 (L 1): M M M L -> cloud .75
        //   -> 62.5
        assertEquals(62.5, e.evaluate(45, 12000, 1500, 0.1));
        // util 35 (L .25, M .25), same task: L M M L (score 0) -> edge .25, M M M L (score 2) -> cloud .25 -> tie:
        //   7.5, edge
        assertEquals(7.5, e.evaluate(35, 12000, 1500, 0.1));
        FuzzySystem.Evaluator s1 = MCDA_STAGE1.evaluator();
        // local 90 (H), other 10 (L), equal capacity (1: equal 1) -> other 1 -> 70
        assertEquals(70.0, s1.evaluate(90, 10, 1));
        // local 10, other 10, equal -> local -> 30; the other twice as fast (2: faster 1) -> other -> 70
        assertEquals(30.0, s1.evaluate(10, 10, 1));
        assertEquals(70.0, s1.evaluate(10, 10, 2));
        // local 45 (M .75), other 10 (L), capacity .75 (slower .5, equal .5): M L S -> local .5, M L E -> other .5
        //   -> tie -> 15
        assertEquals(15.0, s1.evaluate(45, 10, 0.75));
        assertEquals(0.5, s1.strength(0), "strength of the local rule");
        assertEquals(0.5, s1.strength(1), "strength of the other rule");
    }
}
