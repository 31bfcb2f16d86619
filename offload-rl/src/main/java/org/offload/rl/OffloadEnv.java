package org.offload.rl;

import java.util.Arrays;
import java.util.List;

import org.offload.metrics.SimulationResult;
import org.offload.metrics.TaskRecord;
import org.offload.model.Decision;
import org.offload.model.Task;
import org.offload.policy.SystemView;
import org.offload.sim.DecisionLoop;
import org.offload.sim.OffloadSimulation;

/**
 * A Gym-style environment over one {@link OffloadSimulation}: every task the scenario generates is one decision.
 * {@link #reset(long)} builds the simulation with that seed and runs it to the first task; {@link #step(int)} acts
 * on the action for that task and runs the simulation on to the next one (inversion of control through a
 * {@link DecisionLoop}, on the caller's thread). Observations are {@link ObservationSpec}'s features of the waiting
 * task and the system; actions are those of the configured {@link ActionSpace}, with {@link #actionMask()} saying
 * which are feasible.
 *
 * <h2>Delayed rewards</h2>
 * With the default {@link RewardSpec.Mode#OUTCOME outcome reward} a decision's reward exists only when its task has
 * ended, usually several decisions later (other tasks arrive while it travels and runs). Each {@code step} returns
 * the sum of the rewards of the tasks that ended during it (between acting on this action and the next task's
 * arrival), and its {@link StepResult.Info} lists which decisions they belong to ({@code creditedDecisions}, decision
 * indices, which are also task ids) with each reward. An agent that wants exact credit completes the transition of
 * decision i when i appears there (the trainers here do); the plain {@code reward} is the usual event-driven
 * simplification. When the simulation ends, every task still in flight ends ({@code unfinished} fails) and the last
 * step credits it, so over a terminated episode every decision is credited exactly once. A truncated episode
 * ({@code maxSteps}) leaves the tasks in flight uncredited. With {@link RewardSpec.Mode#ESTIMATE} the reward is
 * known at the decision and the step that took it returns it.
 *
 * <p>Not thread-safe; one instance per thread ({@link VectorEnv} runs many). Same configuration, seed and actions:
 * the same episode, bit for bit.
 */
public final class OffloadEnv {
    /** Name under which the environment's runs appear in a {@link SimulationResult}. */
    public static final String POLICY_NAME = "agent";

    private final EnvConfig config;
    private final int vms;
    private final Observer observer;
    private final ActionMapper actions;
    private final float[] obs;

    private DecisionLoop loop;
    private Task task;
    private long steps;
    private boolean done;
    private boolean terminated;
    /** Maximum delay of each task by id (every task passes through here, in id order). */
    private double[] maxDelay = new double[1024];
    private long[] creditIds = new long[16];
    private double[] creditRewards = new double[16];
    private int credits;

    public OffloadEnv(EnvConfig config) {
        this.config = config;
        SystemView idle = OffloadSimulation.builder(config.scenario()).externalDecisions().build().view();
        this.vms = idle.vmCount();
        this.observer = new Observer(config.observation(), config.actions(), vms);
        this.actions = observer.actions();
        this.obs = new float[observer.size()];
    }

    public EnvConfig config() {
        return config;
    }

    /** Observation feature names, in order (their count is the observation's length). */
    public List<String> observationNames() {
        return observer.names();
    }

    public int observationSize() {
        return obs.length;
    }

    public int actionCount() {
        return actions.count();
    }

    /** Action names, in action order. */
    public List<String> actionNames() {
        return actions.names();
    }

    /** Starts an episode of the scenario with {@code seed}; returns the first observation (a new array). */
    public float[] reset(long seed) {
        resetInto(seed, obs, 0);
        return obs.clone();
    }

    /** {@link #reset} writing the observation into {@code out} at {@code off}. */
    void resetInto(long seed, float[] out, int off) {
        loop = OffloadSimulation.builder(config.scenario().withSeed(seed)).policy(POLICY_NAME, null)
                .externalDecisions().taskListener(this::onTaskEnded).build().decisionLoop();
        steps = 0;
        credits = 0;
        done = false;
        terminated = false;
        advance(out, off);
        if (terminated) {
            done = true; // a scenario that generates no task: nothing to decide
        }
    }

    /** Acts on {@code action} for the waiting task and runs on to the next one. */
    public StepResult step(int action) {
        long decided = task == null ? -1 : task.id();
        Decision d = checkedDecision(action);
        double reward = stepInto(d, action, obs, 0);
        return new StepResult(obs.clone(), reward, terminated, done && !terminated,
                new StepResult.Info(loop.view().now(), d, decided, task == null ? -1 : task.id(),
                        Arrays.copyOf(creditIds, credits), Arrays.copyOf(creditRewards, credits)));
    }

    /** The decision {@code action} stands for, after checking it. */
    Decision checkedDecision(int action) {
        if (loop == null) {
            throw new IllegalStateException("call reset(seed) before step");
        }
        if (done) {
            throw new IllegalStateException("the episode has ended (" + (terminated ? "terminated" : "truncated")
                    + " after " + steps + " steps): call reset(seed) to start another");
        }
        if (action < 0 || action >= actions.count()) {
            throw new IllegalArgumentException("action " + action + " is out of range: expected 0.."
                    + (actions.count() - 1) + " (" + config.actions().key() + " actions " + describe() + ")");
        }
        if (config.enforceMask() && !actions.mask()[action]) {
            throw new IllegalArgumentException("action " + action + " (" + actions.names().get(action)
                    + ") is masked as infeasible for task " + task.id() + ": nothing there admits it; feasible: "
                    + feasible());
        }
        return actions.decision(action, loop.view());
    }

    /** Acts on checked decision {@code d}; writes the next observation; returns the step's reward. */
    double stepInto(Decision d, int action, float[] out, int off) {
        credits = 0;
        if (config.reward().mode() == RewardSpec.Mode.ESTIMATE) {
            credit(task.id(), config.reward().estimate(actions.estimateS(action, loop.view()), task.maxDelayS()));
        }
        loop.decide(d);
        steps++;
        advance(out, off);
        if (!terminated && config.maxSteps() > 0 && steps >= config.maxSteps()) {
            done = true;
        }
        double sum = 0;
        for (int i = 0; i < credits; i++) {
            sum += creditRewards[i];
        }
        return sum;
    }

    /** Runs to the next task and observes it, or marks the episode terminated. */
    private void advance(float[] out, int off) {
        task = loop.next();
        if (task == null) {
            terminated = true;
            done = true;
            Arrays.fill(out, off, off + obs.length, 0f);
            return;
        }
        int id = (int) task.id();
        if (id >= maxDelay.length) {
            maxDelay = Arrays.copyOf(maxDelay, Math.max(id + 1, 2 * maxDelay.length));
        }
        maxDelay[id] = task.maxDelayS();
        observer.observe(task, loop.view(), out, off);
    }

    private void onTaskEnded(TaskRecord r) {
        if (config.reward().mode() == RewardSpec.Mode.OUTCOME) {
            credit(r.id(), config.reward().outcome(r.endedS() - r.createdS(), maxDelay[(int) r.id()],
                    r.failure() != null, r.energyJ()));
        }
    }

    private void credit(long id, double reward) {
        if (credits == creditIds.length) {
            creditIds = Arrays.copyOf(creditIds, 2 * credits);
            creditRewards = Arrays.copyOf(creditRewards, 2 * credits);
        }
        creditIds[credits] = id;
        creditRewards[credits] = reward;
        credits++;
    }

    /** Which actions are feasible for the waiting task (a buffer owned by the environment; all false once done). */
    public boolean[] actionMask() {
        if (done) {
            boolean[] none = actions.mask();
            Arrays.fill(none, false);
            return none;
        }
        return actions.mask();
    }

    /** The task waiting for a decision, or null once the episode is over. */
    public Task waitingTask() {
        return done ? null : task;
    }

    /** The system as a policy sees it now. */
    public SystemView view() {
        if (loop == null) {
            throw new IllegalStateException("call reset(seed) first");
        }
        return loop.view();
    }

    /** Number of VMs of the scenario (edge VMs site by site, then cloud VMs). */
    public int vmCount() {
        return vms;
    }

    /** The action that stands for {@code d} for the waiting task, or -1 if this action space cannot express it. */
    public int actionOf(Decision d) {
        return actions.action(d);
    }

    /** Decisions taken in this episode so far. */
    public long steps() {
        return steps;
    }

    public boolean done() {
        return done;
    }

    public boolean terminated() {
        return terminated;
    }

    /** Number of rewards the last step delivered, and each one (see the class comment). */
    public int creditCount() {
        return credits;
    }

    public long creditedDecision(int i) {
        return creditIds[i];
    }

    public double creditedReward(int i) {
        return creditRewards[i];
    }

    /**
     * What the simulation measured, once the episode has terminated (as {@code offload run} reports it).
     *
     * @throws IllegalStateException before termination
     */
    public SimulationResult result() {
        if (!terminated) {
            throw new IllegalStateException("the episode has not terminated: no result yet");
        }
        return loop.result();
    }

    private String describe() {
        List<String> n = actions.names();
        return n.size() <= 8 ? String.join(", ", n) : n.get(0) + ", " + n.get(1) + ", ..., " + n.get(n.size() - 1);
    }

    private String feasible() {
        StringBuilder sb = new StringBuilder("[");
        boolean[] m = actions.mask();
        for (int a = 0; a < m.length; a++) {
            if (m[a]) {
                sb.append(sb.length() > 1 ? ", " : "").append(a).append(' ').append(actions.names().get(a));
            }
        }
        return sb.append(']').toString();
    }
}
