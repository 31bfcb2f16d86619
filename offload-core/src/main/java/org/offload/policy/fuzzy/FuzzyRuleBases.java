package org.offload.policy.fuzzy;

/**
 * The rule bases of the fuzzy policies, as data: membership functions and rule tables. Immutable and shared;
 * each policy instance evaluates them through its own {@link FuzzySystem.Evaluator}.
 *
 * <p>Sources: Sonmez et al. 2019 and Flores* as coded in EdgeCloudSim {@code sample_app4/FCL_definition.java}
 * (recovered-paper-specs.md 2.1, 2.2; fuzzy-rule-tables.txt); the {@code fuzzy-mcda} substitute is derived in
 * {@link FuzzyMcdaPolicy}. Tables list rows of the first two inputs, then a group per term of the third input
 * holding one cell per term of the fourth (see {@link FuzzySystem.Builder#table}); L/M/H are low/medium/high.
 */
public final class FuzzyRuleBases {
    private FuzzyRuleBases() {
    }

    // ------------------------------------------------------------------ shared membership functions (spec 2.1.2)

    /** WAN bandwidth (Mbit/s) of a 1 Mbit probe. */
    public static final LinguisticVariable WAN_BW = LinguisticVariable.builder("wan_bw")
            .term("low", "L", 0, 1, 2, 1, 4, 0)
            .term("medium", "M", 3, 0, 5, 1, 7, 0)
            .term("high", "H", 6, 0, 8, 1, 21, 1)
            .build();

    /** Task length (MI). */
    public static final LinguisticVariable TASK_SIZE = taskLength("task_size");

    public static final LinguisticVariable DELAY_SENSITIVITY = unitInterval("delay_sensitivity", "medium");

    /** MAN delay (s) of a 1 Mbit probe. */
    public static final LinguisticVariable MAN_DELAY = LinguisticVariable.builder("man_delay")
            .term("low", "L", 0, 1, 0.001, 1, 0.004, 0)
            .term("medium", "M", 0.002, 0, 0.007, 1, 0.012, 0)
            .term("high", "H", 0.01, 0, 0.013, 1, 10, 1)
            .build();

    /** The 2.1 utilisation shape (percent) under another name. */
    static LinguisticVariable percent(String name) {
        return LinguisticVariable.builder(name)
                .term("low", "L", 0, 1, 20, 1, 40, 0)
                .term("medium", "M", 30, 0, 50, 1, 70, 0)
                .term("high", "H", 60, 0, 80, 1, 100, 1)
                .build();
    }

    /** The 2.1 task-size shape (MI) under another name. */
    static LinguisticVariable taskLength(String name) {
        return LinguisticVariable.builder(name)
                .term("low", "L", 0, 1, 4000, 1, 8000, 0)
                .term("medium", "M", 6000, 0, 12000, 1, 18000, 0)
                .term("high", "H", 16000, 0, 20000, 1, 50000, 1)
                .build();
    }

    /** The 2.1 delay-sensitivity shape on [0, 1] under another name. */
    static LinguisticVariable unitInterval(String name, String middle) {
        return LinguisticVariable.builder(name)
                .term("low", "L", 0, 1, 0.2, 1, 0.4, 0)
                .term(middle, "M", 0.3, 0, 0.5, 1, 0.7, 0)
                .term("high", "H", 0.6, 0, 0.8, 1, 1, 1)
                .build();
    }

    /** Sonmez's two-term output: first term tri(0, 30, 60), second tri(40, 70, 100). */
    static LinguisticVariable twoTriangles(String first, String firstSymbol, String second, String secondSymbol) {
        return LinguisticVariable.builder("offload_decision")
                .term(first, firstSymbol, 0, 0, 30, 1, 60, 0)
                .term(second, secondSymbol, 40, 0, 70, 1, 100, 0)
                .build();
    }

    // ------------------------------------------------------------------ Sonmez 2019 (spec 2.1.3)

    /**
     * FIS1, edge vs cloud, 81 rules. Inputs: avg_edge_util (of the candidate host), task_size, wan_bw,
     * delay_sensitivity. Output edge (E) / cloud (C), leftmost maximum; cloud iff the output exceeds 50.
     */
    public static final FuzzySystem SONMEZ_FIS1 = FuzzySystem.builder("sonmez-fis1")
            .input(percent("avg_edge_util"))
            .input(TASK_SIZE)
            .input(WAN_BW)
            .input(DELAY_SENSITIVITY)
            .output(twoTriangles("edge", "E", "cloud", "C"))
            .defuzzifier(Defuzzifier.LEFTMOST_MAX)
            .table(2, """
                    # util size | wan L: ds L M H | wan M | wan H
                      L    L    | E E E | C E E | C E E
                      L    M    | E E E | C C E | C C E
                      L    H    | E E E | C C E | C C E
                      M    L    | E E E | C C E | C C E
                      M    M    | E E E | C C E | C C E
                      M    H    | C C E | C C E | C C E
                      H    L    | C C E | C C C | C C C
                      H    M    | C C E | C C C | C C C
                      H    H    | C C E | C C C | C C C
                    """)
            .build();

    /**
     * FIS2, nearest vs best remote edge host, 27 rules. Inputs: nearest_edge_util, best_remote_edge_util,
     * man_delay. Output nearest_edge (N) / remote_edge (R), leftmost maximum; remote iff the output exceeds 50.
     */
    public static final FuzzySystem SONMEZ_FIS2 = FuzzySystem.builder("sonmez-fis2")
            .input(percent("nearest_edge_util"))
            .input(percent("best_remote_edge_util"))
            .input(MAN_DELAY)
            .output(twoTriangles("nearest_edge", "N", "remote_edge", "R"))
            .defuzzifier(Defuzzifier.LEFTMOST_MAX)
            .table(2, """
                    # nearest remote | man_delay L M H
                      L       L      | R N N
                      L       M      | N N N
                      L       H      | N N N
                      M       L      | R R N
                      M       M      | R R N
                      M       H      | N N N
                      H       L      | R R R
                      H       M      | R R R
                      H       H      | R R N
                    """)
            .build();

    // ------------------------------------------------------------------ Flores* (spec 2.2)

    /**
     * Flores* as adapted in EdgeCloudSim ({@code FUZZY_COMPETITOR}), 68 rules; "." cells have no rule (the
     * source skips RULE 4, the L/L/wan M/video L cell, and others). Inputs: cpu_speed (100 - mean edge
     * utilisation), data_size (normalised), wan_bw, video_execution (delay sensitivity). Output
     * local_processing (l, meaning the edge) / remote_processing (r, the cloud), centroid; cloud iff &gt; 50.
     */
    public static final FuzzySystem FLORES = FuzzySystem.builder("flores")
            .input(percent("cpu_speed"))
            .input(LinguisticVariable.builder("data_size")
                    .term("small", "L", 0, 1, 0.2, 1, 0.4, 0)
                    .term("medium", "M", 0.3, 0, 0.5, 1, 0.7, 0)
                    .term("high", "H", 0.6, 0, 0.8, 1, 1, 1)
                    .build())
            .input(WAN_BW)
            .input(unitInterval("video_execution", "normal"))
            .output(LinguisticVariable.builder("offload_decision")
                    .term("local_processing", "l", 0, 1, 40, 1, 60, 0)
                    .term("remote_processing", "r", 40, 0, 60, 1, 100, 1)
                    .build())
            .defuzzifier(Defuzzifier.CENTROID)
            .table(2, """
                    # cpu data | wan L: video L M H | wan M | wan H
                      L   L    | l l l | . r r | r r r
                      L   M    | . l l | . l r | r r r
                      L   H    | . . . | . . . | l l l
                      M   L    | l l l | l r r | l r r
                      M   M    | l l r | l l r | l r r
                      M   H    | l . . | l . . | l l l
                      H   L    | l l l | r l l | l l l
                      H   M    | l l l | l l l | l l l
                      H   H    | l l l | l l r | l l l
                    """)
            .build();

    // ------------------------------------------------------------------ fuzzy-mcda substitute (spec 2.4)

    /**
     * Capacity of the best other edge site relative to the local one (ratio of their total MIPS): slower (S),
     * equal (E), faster (F). [SUBSTITUTE] breakpoints: a half / the same / twice the capacity.
     */
    public static final LinguisticVariable CAPACITY_RATIO = LinguisticVariable.builder("capacity_ratio")
            .term("slower", "S", 0, 1, 0.5, 1, 1, 0)
            .term("equal", "E", 0.5, 0, 1, 1, 2, 0)
            .term("faster", "F", 1, 0, 2, 1, 10, 1)
            .build();

    /** Network demand, upload + download (KB), as given in spec 2.4. */
    public static final LinguisticVariable NETWORK_DEMAND = LinguisticVariable.builder("network_demand")
            .term("low", "L", 0, 1, 500, 1, 1000, 0)
            .term("medium", "M", 750, 0, 1500, 1, 2250, 0)
            .term("high", "H", 2000, 0, 2500, 1, 5000, 1)
            .build();

    /**
     * fuzzy-mcda stage 1, local vs best other edge site, 27 rules. Inputs: local_edge_util, other_edge_util,
     * capacity_ratio. Output local (N) / other (R), leftmost maximum. Table = the rule
     * {@code other iff level(local) - level(other) + capacity > 0} (see {@link FuzzyMcdaPolicy}).
     */
    public static final FuzzySystem MCDA_STAGE1 = FuzzySystem.builder("fuzzy-mcda-stage1")
            .input(percent("local_edge_util"))
            .input(percent("other_edge_util"))
            .input(CAPACITY_RATIO)
            .output(twoTriangles("local_edge", "N", "other_edge", "R"))
            .defuzzifier(Defuzzifier.LEFTMOST_MAX)
            .table(2, """
                    # local other | capacity S E F
                      L     L     | N N R
                      L     M     | N N N
                      L     H     | N N N
                      M     L     | N R R
                      M     M     | N N R
                      M     H     | N N N
                      H     L     | R R R
                      H     M     | N R R
                      H     H     | N N R
                    """)
            .build();

    /**
     * fuzzy-mcda stage 2, edge vs cloud, 81 rules. Inputs: candidate_util, cpu_demand (task MI, the 2.1
     * task_size shape), network_demand, delay_sensitivity. Output edge (E) / cloud (C), leftmost maximum. Table =
     * the rule {@code cloud iff 2 level(util) + level(cpu) - level(network) - level(delay) > 0}.
     */
    public static final FuzzySystem MCDA_STAGE2 = FuzzySystem.builder("fuzzy-mcda-stage2")
            .input(percent("candidate_util"))
            .input(taskLength("cpu_demand"))
            .input(NETWORK_DEMAND)
            .input(DELAY_SENSITIVITY)
            .output(twoTriangles("edge", "E", "cloud", "C"))
            .defuzzifier(Defuzzifier.LEFTMOST_MAX)
            .table(2, """
                    # util cpu | network L: delay L M H | network M | network H
                      L    L   | E E E | E E E | E E E
                      L    M   | C E E | E E E | E E E
                      L    H   | C C E | C E E | E E E
                      M    L   | C C E | C E E | E E E
                      M    M   | C C C | C C E | C E E
                      M    H   | C C C | C C C | C C E
                      H    L   | C C C | C C C | C C E
                      H    M   | C C C | C C C | C C C
                      H    H   | C C C | C C C | C C C
                    """)
            .build();
}
