package org.offload.service;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import org.offload.engine.RandomStreams;
import org.offload.model.Decision;
import org.offload.model.Task;
import org.offload.model.Tier;
import org.offload.policy.Explainable;
import org.offload.policy.OffloadPolicy;
import org.offload.policy.PolicyContext;
import org.offload.policy.profile.ModelEstimates;
import org.offload.service.state.ClaimsStore;
import org.offload.service.state.InMemoryClaimsStore;
import org.offload.service.state.InMemoryTelemetryStore;
import org.offload.service.state.RandomTaskIds;
import org.offload.service.state.TaskIdSource;
import org.offload.service.state.Telemetry;
import org.offload.service.state.TelemetryStore;
import org.offload.scenario.PowerSpec;
import org.offload.scenario.Scenario;

/**
 * The service's core, without HTTP: the telemetry-fed {@link ServiceState}, the active policy and the
 * constraint filter. Decisions and telemetry updates are serialised (policies may keep state and are not
 * thread-safe), except a shared claims store's round trip, made after the lock is released; a policy swap builds
 * the new policy first and then replaces the old one atomically.
 *
 * <p>The policy is built exactly as {@code OffloadSimulation} builds it (same scenario, the policy random stream
 * of the scenario's seed), and runs against the state with no other input, so the same state gives the same
 * decision as calling the policy in-process.
 */
public final class DecisionEngine {
    /** Largest number of VMs for which explanations name the fastest alternative (it costs one estimate per VM). */
    static final int ALTERNATIVE_SCAN_LIMIT = 1024;

    private final Scenario scenario;
    private final PolicyCatalog catalog;
    private final Constraints constraints;
    private final ServiceClock clock;
    private final ServiceState state;
    private final Requests requests;
    private final TaskIdSource taskIds;
    private final double claimsTtlS;
    private final Object lock = new Object();
    /** Serialises policy changes, so that each change's "from" is the policy it replaced. */
    private final Object adminLock = new Object();
    /** Internal task numbers for policies (never shown: the service's task ids are {@link #taskIds}'). */
    private long nextTaskNumber = 1;
    private volatile Active active;

    /** The running policy: name, model file (or null), options (without the model) and its description. */
    public record Active(String name, Path model, Map<String, String> options, OffloadPolicy policy,
                         String description) {
    }

    /** Where the engine keeps its state; {@link #inMemory} for one process. */
    public record Stores(TelemetryStore telemetry, ClaimsStore claims, TaskIdSource taskIds) {
        /** In-memory stores; claims only when {@code claimsTtlS > 0}. */
        public static Stores inMemory(Scenario s, double claimsTtlS) {
            int vms = s.edge().vmCount() + s.cloud().vmCount();
            return new Stores(new InMemoryTelemetryStore(vms, s.edge().sites(), s.devices().count()),
                    claimsTtlS > 0 ? new InMemoryClaimsStore(vms) : ClaimsStore.NONE, new RandomTaskIds());
        }
    }

    /**
     * What the service answers for one task.
     *
     * @param taskId      the service's id of the task (unguessable, unique)
     * @param clientId    the client's own id of the task, if it gave one
     * @param variant     the model variant chosen (index into the application's model), -1 for none or default
     * @param outcome     placed, rejected (by the policy), deferred (by the policy: ask again later) or infeasible
     *                    (no node satisfies the constraints)
     * @param tier        where it runs (null unless placed)
     * @param vm          the VM, -1 for local or when not placed
     * @param site        the VM's edge site (-1 for cloud, local or none)
     * @param latencyS    estimated service time of the placement (NaN when not placed)
     * @param energyJ     estimated device energy of the placement (NaN when not placed)
     * @param policyChoice the policy's own choice when the constraints replaced it, else null
     * @param violation   the constraint the policy's choice violated, else null
     * @param reason      why the task is infeasible, else null
     * @param stale       stale telemetry the placement relied on (empty when all fresh)
     */
    public record Answer(String taskId, Long clientId, String outcome, Tier tier, int vm, int site, int variant,
                         double latencyS, double energyJ, String policy, String explanation, String policyChoice,
                         String violation, String reason, List<String> stale) {
        public boolean placed() {
            return "placed".equals(outcome);
        }

        /** The node in selector form: {@code local}, {@code vm:N}, or null. */
        public String node() {
            return tier == null ? null : tier == Tier.LOCAL ? "local" : "vm:" + vm;
        }
    }

    public DecisionEngine(Scenario scenario, PolicyCatalog catalog, Constraints constraints, double maxAgeS,
                          ServiceClock clock, String policy, Path model) {
        this(scenario, catalog, constraints, maxAgeS, clock, new ServiceConfig.PolicySpec(policy, model, Map.of()),
                Stores.inMemory(scenario, 0), 0);
    }

    /**
     * An engine over {@code stores}; placements claim their VM's share for {@code claimsTtlS} seconds when the
     * claims store keeps claims.
     */
    public DecisionEngine(Scenario scenario, PolicyCatalog catalog, Constraints constraints, double maxAgeS,
                          ServiceClock clock, ServiceConfig.PolicySpec policy, Stores stores, double claimsTtlS) {
        this.scenario = scenario;
        this.catalog = catalog;
        this.constraints = constraints;
        this.clock = clock;
        this.state = new ServiceState(scenario, maxAgeS, stores.telemetry(), stores.claims());
        this.requests = new Requests(scenario);
        this.taskIds = stores.taskIds();
        this.claimsTtlS = claimsTtlS;
        this.active = build(policy.name(), policy.model(), policy.options());
    }

    private Active build(String name, Path model, Map<String, String> options) {
        PolicyContext ctx = new PolicyContext(scenario, new RandomStreams(scenario.seed()).stream("policy", 0),
                options);
        OffloadPolicy p = catalog.create(name, model, ctx);
        return new Active(name, model, Map.copyOf(options), p, catalog.description(name));
    }

    public Scenario scenario() {
        return scenario;
    }

    public Constraints constraints() {
        return constraints;
    }

    public PolicyCatalog catalog() {
        return catalog;
    }

    public Active active() {
        return active;
    }

    Requests requests() {
        return requests;
    }

    double now() {
        return clock.nowS();
    }

    /** Replaces the active policy (built before the swap; an error leaves the old one running). Returns the old. */
    public Active setPolicy(String name, Path model) {
        return setPolicy(name, model, Map.of(), (old, now) -> { });
    }

    /**
     * Replaces the active policy: the new one is built first (an error leaves the old one running), then swapped in
     * atomically; {@code onSwap} runs with the policy replaced and its successor before another change can start
     * (the audit line, so that concurrent changes are logged in the order they happened). Returns the old policy.
     */
    public Active setPolicy(String name, Path model, Map<String, String> options, BiConsumer<Active, Active> onSwap) {
        synchronized (adminLock) {
            Active next = build(name, model, options);
            Active old;
            synchronized (lock) {
                old = active;
                active = next;
            }
            onSwap.accept(old, next);
            return old;
        }
    }

    /** Applies telemetry now. */
    public void apply(Telemetry t) {
        synchronized (lock) {
            state.apply(t, clock.nowS());
        }
    }

    /** Number of stale nodes now (for metrics and {@code /readyz}). */
    public int staleNodes() {
        synchronized (lock) {
            state.at(clock.nowS());
            return state.staleNodeCount();
        }
    }

    /** Parses and validates one decision request body (not yet decided). */
    Requests.TaskRequest parse(com.fasterxml.jackson.databind.JsonNode body) {
        long number;
        synchronized (lock) {
            number = nextTaskNumber++;
        }
        return requests.task(body, constraints, number, clock.nowS());
    }

    /** Decides a parsed request. */
    Answer decide(Requests.TaskRequest req) {
        Decided d;
        synchronized (lock) {
            state.overrideQosClass(req.qosClass());
            try {
                d = decideLocked(req.task(), req.dataClass(), req.site());
            } finally {
                state.overrideQosClass(ServiceState.APPLICATION_CLASS);
            }
        }
        Answer a = d.confirmed();
        return req.clientId() == null ? a : new Answer(a.taskId(), req.clientId(), a.outcome(), a.tier(), a.vm(),
                a.site(), a.variant(), a.latencyS(), a.energyJ(), a.policy(), a.explanation(), a.policyChoice(),
                a.violation(), a.reason(), a.stale());
    }

    /**
     * Decides one task: {@code dataClass} may be null; {@code site} is the device's access site when the caller
     * knows it ({@link Telemetry.DeviceReport#SITE_UNSET} otherwise).
     */
    public Answer decide(Task task, String dataClass, int site) {
        Decided d;
        synchronized (lock) {
            d = decideLocked(task, dataClass, site);
        }
        return d.confirmed();
    }

    /**
     * An answer whose VM claim is reserved but not yet confirmed: a shared claims store confirms with a round trip,
     * made after the engine's lock is released so that one replica's decisions do not wait for each other's.
     */
    private record Decided(Answer answer, ClaimsStore.Claim claim) {
        Answer confirmed() {
            if (!claim.confirm()) {
                throw new BadRequestException(503, null, "vm:" + answer.vm() + " was filled by another decision "
                        + "meanwhile; ask again");
            }
            return answer;
        }
    }

    private Decided decideLocked(Task task, String dataClass, int site) {
        state.at(clock.nowS());
        if (site != Telemetry.DeviceReport.SITE_UNSET) {
            state.overrideSite(task.device(), site);
        }
        try {
            Active a = active;
            Decision choice = a.policy().decide(task, state);
            ConstraintFilter.Result r = ConstraintFilter.apply(constraints, state, task, dataClass, choice);
            Answer answer = answer(a, task, choice, r);
            ClaimsStore.Claim claim = answer.placed() && answer.vm() >= 0
                    ? state.claim(task, answer.vm(), clock.nowS() + claimsTtlS) : ClaimsStore.Claim.HELD;
            return new Decided(answer, claim);
        } finally {
            state.overrideSite(-1, 0);
        }
    }

    /** Test hook: runs {@code body} with the engine's state under the engine's lock, at the current time. */
    public <T> T withState(java.util.function.Function<ServiceState, T> body) {
        synchronized (lock) {
            state.at(clock.nowS());
            return body.apply(state);
        }
    }

    private Answer answer(Active a, Task task, Decision choice, ConstraintFilter.Result r) {
        String policyChoice = r.violation() == null ? null : describeChoice(choice);
        String violation = ConstraintFilter.readable(r.violation());
        if (r.infeasible() != null) {
            String expl = a.name() + " chose " + policyChoice + ", which " + (violation.startsWith("the policy returned")
                    ? "is invalid (" + violation + ")" : "violates " + violation) + "; " + r.infeasible();
            return new Answer(taskIds.next(), null, "infeasible", null, -1, -1, -1, Double.NaN, Double.NaN, a.name(),
                    expl, policyChoice, violation, r.infeasible(), List.of());
        }
        Decision d = r.decision();
        if (d == null || d.isReject()) {
            String why = state.deviceSite(task.device()) < 0 ? " (the device is out of coverage)" : "";
            return new Answer(taskIds.next(), null, "rejected", null, -1, -1, -1, Double.NaN, Double.NaN, a.name(),
                    a.name() + " rejected the task" + why, null, null, null, List.of());
        }
        if (d.isDefer()) {
            return new Answer(taskIds.next(), null, "deferred", null, -1, -1, -1, Double.NaN, Double.NaN, a.name(),
                    a.name() + " deferred the task: no node should take it now; ask again later", null, null, null,
                    List.of());
        }
        int o = ConstraintFilter.option(d);
        // The variant the policy chose stands when its placement does (a replaced placement runs the default).
        int variant = r.violation() == null && ModelEstimates.variants(state, task) > 0 ? d.variant() : -1;
        double latency = variant < 0 ? state.estimateServiceTimeS(task, o)
                : ModelEstimates.serviceTimeS(state, task, o, ModelEstimates.workMi(state, task,
                o < 0 ? Tier.LOCAL : state.vmTier(o), variant));
        double energy = energy(task, o);
        String explanation;
        if (r.violation() != null) {
            explanation = a.name() + " chose " + policyChoice + ", which " + (violation.startsWith("the policy returned")
                    ? "is invalid (" + violation + ")" : "violates " + violation) + "; replaced by "
                    + appendNode(new StringBuilder(), o) + ", the feasible option with the lowest estimated latency ("
                    + ConstraintFilter.fmt(latency) + " s)";
        } else if (a.policy() instanceof Explainable e) {
            String text;
            try {
                text = e.explain(task, state, d);
            } catch (RuntimeException ex) {
                text = null;
            }
            explanation = text == null || text.isBlank() ? generic(a, task, o, latency)
                    : a.name() + ": " + text + " (est. latency " + ConstraintFilter.fmt(latency) + " s)";
        } else {
            explanation = generic(a, task, o, latency);
        }
        return new Answer(taskIds.next(), null, "placed", d.tier(), o, o < 0 ? -1 : state.vmSite(o), variant, latency,
                energy, a.name(), explanation, policyChoice, violation, null, state.staleOnRoute(task, o));
    }

    private String describeChoice(Decision d) {
        if (d == null || d.isReject()) {
            return "reject";
        }
        if (d.isDefer()) {
            return "defer";
        }
        return d.tier() == Tier.LOCAL ? "local" : d.tier().key() + " vm:" + d.vm();
    }

    private StringBuilder appendNode(StringBuilder sb, int o) {
        if (o < 0) {
            return sb.append("local");
        }
        int site = state.vmSite(o);
        sb.append("vm:").append(o);
        return site >= 0 ? sb.append(" (edge site ").append(site).append(')') : sb.append(" (cloud)");
    }

    /** The policy's rule (its description) and the top inputs: the node's load and estimates, the best alternative. */
    private String generic(Active a, Task task, int o, double latency) {
        // Latin-1 text only (no dash or arrow characters): one byte per character in the builder and the string.
        StringBuilder sb = new StringBuilder(320);
        sb.append(a.name()).append(" (").append(a.description()).append("): ");
        appendNode(sb, o).append("; ");
        if (o < 0) {
            Num.fixed(sb.append("device CPU utilisation "), state.localUtilization(task.device()), 1).append(" %");
        } else {
            Num.fixed(sb.append("utilisation "), state.vmUtilization(o), 1).append(" %, load ").append(state.vmLoad(o));
        }
        Num.fixed(sb.append(", est. latency "), latency, 3).append(" s");
        if (state.vmCount() <= ALTERNATIVE_SCAN_LIMIT) {
            int alt = Integer.MIN_VALUE;
            double altT = Double.POSITIVE_INFINITY;
            if (o >= 0 && state.deviceCanCompute(task.device())) {
                alt = -1;
                altT = state.estimateServiceTimeS(task, -1);
            }
            if (state.deviceSite(task.device()) >= 0) {
                for (int v = 0; v < state.vmCount(); v++) {
                    if (v == o || !state.vmAdmits(v, task)) {
                        continue;
                    }
                    double t = state.estimateServiceTimeS(task, v);
                    if (t < altT) {
                        altT = t;
                        alt = v;
                    }
                }
            }
            if (alt != Integer.MIN_VALUE) {
                sb.append("; fastest alternative ");
                if (alt < 0) {
                    sb.append("local ");
                } else {
                    sb.append("vm:").append(alt).append(' ');
                }
                Num.fixed(sb, altT, 3).append(" s");
            }
        }
        return sb.toString();
    }

    /** Device energy of the placement from the scenario's power model (WLAN air times for remote placements). */
    private double energy(Task task, int o) {
        PowerSpec p = scenario.devices().power();
        if (o < 0) {
            return scenario.devices().canComputeLocally()
                    ? p.computeW() * task.lengthMi() / scenario.devices().cpu().mips() : Double.NaN;
        }
        int site = state.deviceSite(task.device());
        if (site < 0) {
            return Double.NaN;
        }
        return p.transmitW() * state.wlanAirTimeS(site, task.uploadKb())
                + p.receiveW() * state.wlanAirTimeS(site, task.downloadKb());
    }
}
