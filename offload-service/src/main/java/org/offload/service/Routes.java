package org.offload.service;

import io.javalin.http.Context;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.offload.model.Tier;
import org.offload.policy.PolicyOptionException;
import org.offload.scenario.ApplicationSpec;
import org.offload.scenario.ModelVariant;
import org.offload.scenario.QosClassSpec;
import org.offload.scenario.Scenario;
import org.offload.service.state.Telemetry;

/**
 * The endpoints' own work, after the {@link RequestPipeline} admitted the request and read its body: decisions,
 * telemetry, the policy list, policy changes, reload, health, readiness and metrics. Answers are {@link Bodies}
 * records written as JSON.
 */
final class Routes {
    /** What the routes need from the running service. */
    interface Service {
        boolean ready();

        int inFlight();

        /** Why the shared state cannot be used now (Redis unreachable), or null. */
        String stateProblem();

        /** Reloads tokens and the TLS keystore; a line per thing reloaded. */
        List<String> reload();
    }

    private final ServiceConfig config;
    private final DecisionEngine engine;
    private final AuthFilter auth;
    private final ServiceMetrics metrics;
    private final AuditLog audit;
    private final ModelFiles models;
    private final Service service;

    Routes(ServiceConfig config, DecisionEngine engine, AuthFilter auth, ServiceMetrics metrics, AuditLog audit,
           Service service) {
        this.config = config;
        this.engine = engine;
        this.auth = auth;
        this.metrics = metrics;
        this.audit = audit;
        this.models = new ModelFiles(config.models().dir(), config.models().maxBytes());
        this.service = service;
    }

    int decisions(Context ctx, Tokens.Identity who, byte[] body) {
        Requests.TaskRequest req = engine.parse(Fields.parse(body));
        AuthFilter.requireDevice(who, req.task().device(), "device");
        auth.rateLimitDevice(ctx, ServiceMetrics.DECISIONS, who, req.task().device());
        DecisionEngine.Answer a = engine.decide(req);
        metrics.decision(a);
        if (audit.decision()) {
            audit.writeDecision(AuditLog.fields("actor", who.name(), "remote", ctx.ip(),
                    "request_id", ctx.attribute(HttpErrors.REQUEST_ID), "task_id", a.taskId(), "outcome", a.outcome(),
                    "node", a.node(), "policy", a.policy(), "violation", a.violation()));
        }
        return HttpErrors.json(ctx.res(), 200, Bodies.bytes(answer(a, config.telemetryMaxAgeS(), engine.scenario(),
                req.task().app(), req.qosClass())));
    }

    /** The decision's JSON record. */
    static Bodies.DecisionAnswer answer(DecisionEngine.Answer a, double maxAgeS, Scenario scenario, int app,
                                        int qosClass) {
        boolean placed = a.placed();
        boolean remote = placed && a.tier() != Tier.LOCAL;
        Bodies.Variant variant = null;
        if (placed && a.variant() >= 0) {
            ApplicationSpec spec = scenario.applications().get(app);
            ModelVariant v = spec.model().variants().get(a.variant());
            variant = new Bodies.Variant(a.variant(), v.name(), v.accuracy());
        }
        return new Bodies.DecisionAnswer(a.taskId(), a.clientId(), a.outcome(), placed ? a.tier().key() : null,
                a.node(), remote ? a.vm() : null, remote && a.site() >= 0 ? a.site() : null, variant,
                placed ? new Bodies.Estimates(finite(a.latencyS()), finite(a.energyJ())) : null, a.policy(),
                a.explanation(), a.violation() == null ? null : new Bodies.Constraint(a.policyChoice(), a.violation()),
                a.reason(), placed ? new Bodies.TelemetryNote(a.stale().isEmpty(), maxAgeS, a.stale()) : null,
                qos(scenario, qosClass, placed ? finite(a.latencyS()) : null));
    }

    /** The answer's {@code qos} block: null for a task of no class. */
    private static Bodies.Qos qos(Scenario scenario, int qosClass, Double latencyS) {
        if (qosClass < 0) {
            return null;
        }
        QosClassSpec c = scenario.network().qos().classes().get(qosClass);
        return new Bodies.Qos(c.name(), c.slice(), c.latencyTargetS(), c.bandwidthMbps(),
                latencyS == null ? null : latencyS <= c.latencyTargetS());
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    int telemetry(Context ctx, Tokens.Identity who, byte[] body) {
        Telemetry t = engine.requests().telemetry(Fields.parse(body));
        if ((!t.vms().isEmpty() || !t.links().isEmpty()) && !who.has(Tokens.Role.INFRA)) {
            throw new BadRequestException(403, t.vms().isEmpty() ? "links" : "vms", "token '" + who.name()
                    + "' lacks the infra role that VM and link reports need");
        }
        for (int i = 0; i < t.devices().size(); i++) {
            AuthFilter.requireDevice(who, t.devices().get(i).device(), "devices[" + i + "].device");
        }
        engine.apply(t);
        return HttpErrors.json(ctx.res(), 200, Bodies.bytes(new Bodies.TelemetryAck(new Bodies.Accepted(
                t.vms().size(), t.links().size(), t.devices().size()), config.telemetryMaxAgeS())));
    }

    int policies(Context ctx, Tokens.Identity who, byte[] body) {
        Scenario s = engine.scenario();
        DecisionEngine.Active a = engine.active();
        List<Bodies.PolicyInfo> list = new ArrayList<>();
        for (PolicyCatalog.Info i : engine.catalog().list()) {
            list.add(new Bodies.PolicyInfo(i.name(), i.description(), i.takesModel(), i.options()));
        }
        List<String> classes = new ArrayList<>();
        engine.constraints().dataClasses().values().forEach(dc -> classes.add(dc.name()));
        List<Bodies.SliceInfo> slices = Bodies.SliceInfo.of(s);
        Bodies.ScenarioInfo scenario = new Bodies.ScenarioInfo(s.name(), s.applicationNames(), s.devices().count(),
                s.edge().sites(), s.edge().hostsPerSite() * s.edge().vmsPerHost(), s.cloud().vmCount(),
                s.devices().canComputeLocally(), slices.isEmpty() ? null : slices);
        return HttpErrors.json(ctx.res(), 200, Bodies.bytes(new Bodies.PoliciesAnswer(new Bodies.ActivePolicy(
                a.name(), modelName(a.model()), a.description(), a.options()), list, scenario, classes)));
    }

    int policy(Context ctx, Tokens.Identity who, byte[] body) {
        Requests.PolicyChange change = engine.requests().policyChange(Fields.parse(body));
        Path model = null;
        if (change.model() != null) {
            List<String> files = new ArrayList<>();
            for (String part : change.model().split(File.pathSeparator, -1)) {
                Path p = models.resolve(part);
                try {
                    models.check(p);
                } catch (IllegalArgumentException e) {
                    return failedChange(ctx, who, change, "model", e.getMessage());
                }
                files.add(p.toString());
            }
            model = Path.of(String.join(File.pathSeparator, files));
        }
        DecisionEngine.Active[] swapped = new DecisionEngine.Active[2];
        try {
            engine.setPolicy(change.policy(), model, change.options(), (old, now) -> {
                swapped[0] = old;
                swapped[1] = now;
                metrics.policyChanged(now.name());
                audit.write("policy_change", AuditLog.fields("result", "ok", "status", 200, "actor", who.name(),
                        "remote", ctx.ip(), "request_id", ctx.attribute(HttpErrors.REQUEST_ID), "from", old.name(),
                        "from_model", modelName(old.model()), "to", now.name(), "model", modelName(now.model()),
                        "options", now.options().isEmpty() ? null : now.options().toString()));
            });
        } catch (PolicyOptionException e) {
            return failedChange(ctx, who, change, "options", e.getMessage());
        } catch (IllegalArgumentException e) {
            String field = engine.catalog().contains(change.policy()) ? "model" : "policy";
            return failedChange(ctx, who, change, field, e.getMessage());
        }
        return HttpErrors.json(ctx.res(), 200, Bodies.bytes(new Bodies.PolicyChangeAnswer(ref(swapped[0]),
                ref(swapped[1]))));
    }

    /** A refused change: audited with the reason (never the model file's content), answered 400. */
    private int failedChange(Context ctx, Tokens.Identity who, Requests.PolicyChange change, String field,
                             String message) {
        audit.write("policy_change", AuditLog.fields("result", "failed", "status", 400, "actor", who.name(),
                "remote", ctx.ip(), "request_id", ctx.attribute(HttpErrors.REQUEST_ID),
                "from", engine.active().name(), "to", change.policy(), "model", change.model(), "error", message));
        HttpErrors.error(ctx.req(), ctx.res(), 400, field, field + ": " + message);
        return 400;
    }

    private static Bodies.PolicyRef ref(DecisionEngine.Active a) {
        return new Bodies.PolicyRef(a.name(), modelName(a.model()), a.options());
    }

    private static String modelName(Path model) {
        return model == null ? null : model.toString();
    }

    int reload(Context ctx, Tokens.Identity who, byte[] body) {
        List<String> done = service.reload();
        audit.write("reload", AuditLog.fields("result", "ok", "status", 200, "actor", who.name(), "remote", ctx.ip(),
                "request_id", ctx.attribute(HttpErrors.REQUEST_ID), "reloaded", String.join("; ", done)));
        return HttpErrors.json(ctx.res(), 200, Bodies.bytes(Map.of("reloaded", done)));
    }

    int healthz(Context ctx, Tokens.Identity who, byte[] body) {
        return HttpErrors.json(ctx.res(), 200, Bodies.bytes(new Bodies.Status("ok", null, null)));
    }

    int readyz(Context ctx, Tokens.Identity who, byte[] body) {
        if (!service.ready()) {
            return HttpErrors.json(ctx.res(), 503, Bodies.bytes(new Bodies.Status("shutting down", null, null)));
        }
        String problem = service.stateProblem();
        if (problem != null) {
            return HttpErrors.json(ctx.res(), 503, Bodies.bytes(new Bodies.Status(problem, null, null)));
        }
        return HttpErrors.json(ctx.res(), 200, Bodies.bytes(new Bodies.Status("ready", engine.active().name(),
                engine.staleNodes())));
    }

    int metrics(Context ctx, Tokens.Identity who, byte[] body) throws java.io.IOException {
        byte[] text = metrics.scrape();
        ctx.res().setStatus(200);
        ctx.res().setContentType(metrics.contentType());
        ctx.res().setContentLength(text.length);
        ctx.res().getOutputStream().write(text);
        return 200;
    }

    /** Unknown paths and methods, in the service's error shape. */
    void notFound(Context ctx, int status) {
        metrics.request(ServiceMetrics.OTHER, status, 0);
        String what = status == 404 ? "no such endpoint: " : "method not allowed: ";
        HttpErrors.error(ctx.req(), ctx.res(), status, null, what + ctx.req().getMethod() + " "
                + Requests.clip(ctx.path()));
    }
}
