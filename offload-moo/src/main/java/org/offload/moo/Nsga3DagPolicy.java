package org.offload.moo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.offload.model.Decision;
import org.offload.model.Task;
import org.offload.policy.OffloadPolicy;
import org.offload.policy.PolicyContext;
import org.offload.policy.PolicyOptionException;
import org.offload.policy.PolicyRegistry;
import org.offload.policy.SystemView;
import org.offload.policy.builtin.GreedyPolicy;
import org.offload.policy.partition.WorkflowProblem;
import org.offload.registry.PolicySpec;
import org.offload.scenario.DagSpec;
import org.uma.jmetal.algorithm.multiobjective.nsgaiii.NSGAIII;
import org.uma.jmetal.algorithm.multiobjective.nsgaiii.NSGAIIIBuilder;
import org.uma.jmetal.operator.crossover.impl.IntegerSBXCrossover;
import org.uma.jmetal.operator.mutation.impl.IntegerPolynomialMutation;
import org.uma.jmetal.operator.selection.impl.BinaryTournamentSelection;
import org.uma.jmetal.solution.integersolution.IntegerSolution;
import org.uma.jmetal.util.evaluator.impl.SequentialSolutionListEvaluator;
import org.uma.jmetal.util.pseudorandom.JMetalRandom;
import org.uma.jmetal.util.pseudorandom.PseudoRandomGenerator;

/**
 * {@code nsga3-dag}: multi-objective placement of a workflow's components (kind {@code dag}) with NSGA-III (Deb and
 * Jain 2014; jMetal 6.1's implementation) over three predicted objectives, all minimised: the makespan, the device's
 * energy and the work run on servers (a stand-in for the operator's cost: the scenario has no prices); see
 * {@link WorkflowProblem#objectives}. One point of the final non-dominated front is chosen by the option
 * {@code pick}: {@code weighted} (default) minimises {@code weights} · the objectives normalised to [0, 1] over the
 * front; {@code knee} takes the point nearest the front's ideal point in the same normalisation. Tasks of other kinds
 * are placed whole as {@code greedy} places them. Peng et al. place IIoT workflows in end-edge-cloud systems with
 * NSGA-III (seed 000); their accuracy objective is not modelled here.
 *
 * <p>Determinism: jMetal draws from one process-wide generator ({@link JMetalRandom}); each decision installs a
 * generator seeded from this policy's own stream and runs under one lock, so a run's placements depend only on its
 * seed, whatever the number of threads (runs wait for each other's decisions meanwhile).
 */
public final class Nsga3DagPolicy implements OffloadPolicy {
    /** The options this policy takes (see the class comment). */
    public static final Map<String, String> OPTIONS = PolicySpec.options(
            "divisions", "NSGA-III reference-point divisions per objective (default 4: 15 points, population 16; "
                    + "jMetal sets the population to the reference points rounded up to a multiple of 4)",
            "generations", "generations per decision (default 25)",
            "pick", "the point of the front: weighted (default) or knee",
            "weights", "pick=weighted: weights of makespan, energy, server work (default 0.6,0.3,0.1)",
            "front_out", "CSV file to write the front of sampled tasks to (default: none)",
            "front_every", "with front_out: write every n-th workflow task's front (default 100)");

    public static final PolicySpec<PolicyContext, OffloadPolicy> SPEC = PolicyRegistry.spec("nsga3-dag",
            "dag tasks: NSGA-III placement of each component (makespan, device energy, server work; jMetal), one "
                    + "front point by pick=weighted|knee",
            Nsga3DagPolicy::new).withOptions(OPTIONS);

    /** jMetal's random generator is process-wide: one decision at a time uses it. */
    private static final Object JMETAL = new Object();

    private final OffloadPolicy whole = new GreedyPolicy();
    private final SplittableRandom random;
    private final int divisions;
    private final int generations;
    private final boolean knee;
    private final double[] weights;
    private final Path frontOut;
    private final int frontEvery;
    private long workflows;

    public Nsga3DagPolicy(PolicyContext context) {
        this.random = context.random();
        this.divisions = positive(context, "divisions", 4);
        this.generations = positive(context, "generations", 25);
        String pick = context.options().getOrDefault("pick", "weighted").toLowerCase(Locale.ROOT);
        if (!pick.equals("weighted") && !pick.equals("knee")) {
            throw new PolicyOptionException("policy option pick: unknown value '" + pick
                    + "'; allowed values: weighted, knee");
        }
        this.knee = pick.equals("knee");
        this.weights = weights(context.options().getOrDefault("weights", "0.6,0.3,0.1"));
        String out = context.options().get("front_out");
        this.frontOut = out == null ? null : Path.of(out);
        this.frontEvery = positive(context, "front_every", 100);
        if (frontOut != null) {
            try {
                Files.writeString(frontOut, "task,point,makespan_s,energy_j,server_mi,chosen,placement\n",
                        StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new PolicyOptionException("policy option front_out: cannot write " + frontOut + ": "
                        + e.getMessage());
            }
        }
    }

    private static int positive(PolicyContext c, String key, int def) {
        double v = c.number(key, def);
        if (!(v >= 1) || v != Math.rint(v)) {
            throw new PolicyOptionException("policy option " + key + ": must be a whole number >= 1, got " + v);
        }
        return (int) v;
    }

    private static double[] weights(String text) {
        String[] parts = text.split(",");
        double[] w = new double[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) {
                w[i] = Double.parseDouble(parts[i].trim());
            }
        } catch (NumberFormatException e) {
            w = new double[0];
        }
        if (w.length != 3 || !(w[0] >= 0 && w[1] >= 0 && w[2] >= 0) || w[0] + w[1] + w[2] == 0) {
            throw new PolicyOptionException("policy option weights: three non-negative numbers, not all 0, for "
                    + "makespan, energy and server work (e.g. 0.6,0.3,0.1); got '" + text + "'");
        }
        return w;
    }

    @Override
    public Decision decide(Task task, SystemView view) {
        if (!(view.application(task).partition() instanceof DagSpec dag)) {
            return whole.decide(task, view);
        }
        WorkflowProblem problem = WorkflowProblem.of(view, task, dag);
        if (problem == null) {
            return whole.decide(task, view);
        }
        Front front = front(problem, random.nextLong(), divisions, generations);
        int chosen = knee ? front.knee() : front.weighted(weights);
        workflows++;
        if (frontOut != null && (workflows - 1) % frontEvery == 0) {
            write(task, problem, front, chosen);
        }
        return problem.decision(problem.placement(front.processors.get(chosen)));
    }

    /** NSGA-III's non-dominated front for {@code problem}, reproducible from {@code seed}. */
    static Front front(WorkflowProblem problem, long seed, int divisions, int generations) {
        PlacementProblem p = new PlacementProblem(problem);
        double mutation = 1.0 / problem.components();
        JMetalLogging.quiet();
        synchronized (JMETAL) {
            JMetalRandom jr = JMetalRandom.getInstance();
            PseudoRandomGenerator previous = jr.getRandomGenerator();
            jr.setRandomGenerator(new Generator(seed));
            try {
                NSGAIII<IntegerSolution> nsga = new NSGAIIIBuilder<>(p)
                        .setCrossoverOperator(new IntegerSBXCrossover(0.9, 20))
                        .setMutationOperator(new IntegerPolynomialMutation(mutation, 20))
                        .setSelectionOperator(new BinaryTournamentSelection<>())
                        .setSolutionListEvaluator(new SequentialSolutionListEvaluator<>())
                        .setNumberOfDivisions(divisions)
                        .setMaxIterations(generations)
                        .build();
                nsga.run();
                List<int[]> procs = new ArrayList<>();
                List<double[]> objectives = new ArrayList<>();
                for (IntegerSolution s : nsga.result()) {
                    int[] proc = p.processors(s);
                    if (procs.stream().noneMatch(q -> java.util.Arrays.equals(q, proc))) {
                        procs.add(proc);
                        objectives.add(s.objectives().clone());
                    }
                }
                return new Front(procs, objectives);
            } finally {
                jr.setRandomGenerator(previous);
            }
        }
    }

    private void write(Task task, WorkflowProblem problem, Front front, int chosen) {
        try (Writer w = Files.newBufferedWriter(frontOut, StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND)) {
            for (int k = 0; k < front.size(); k++) {
                double[] o = front.objectives.get(k);
                w.write(task.id() + "," + k + "," + o[0] + "," + o[1] + "," + o[2] + "," + (k == chosen ? 1 : 0)
                        + ",\"" + java.util.Arrays.toString(problem.placement(front.processors.get(k))) + "\"\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing the front to " + frontOut, e);
        }
    }

    /** jMetal's generator interface over a {@link SplittableRandom}. */
    private static final class Generator implements PseudoRandomGenerator {
        private static final long serialVersionUID = 1L;
        private transient SplittableRandom r;
        private long seed;

        Generator(long seed) {
            setSeed(seed);
        }

        @Override
        public int nextInt(int lower, int upper) {
            return r.nextInt(lower, upper + 1);
        }

        @Override
        public double nextDouble(double lower, double upper) {
            return lower == upper ? lower : r.nextDouble(lower, upper);
        }

        @Override
        public double nextDouble() {
            return r.nextDouble();
        }

        @Override
        public void setSeed(long seed) {
            this.seed = seed;
            this.r = new SplittableRandom(seed);
        }

        @Override
        public long getSeed() {
            return seed;
        }

        @Override
        public String getName() {
            return "SplittableRandom";
        }
    }
}
