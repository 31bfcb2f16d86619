package org.offload.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.offload.model.Task;
import org.offload.network.LinkKind;
import org.offload.network.SlicePlan;
import org.offload.scenario.ApplicationSpec;
import org.offload.scenario.Scenario;
import org.offload.service.state.Telemetry;

/** Parsing and validation of request bodies against the service's scenario and constraints. */
final class Requests {
    static final int MAX_NAME = 128;
    /** Largest task count a report may give (VM load, queue, active transfers): more than any VM or link holds. */
    static final int MAX_COUNT = 100_000;
    private static final double BIG = 1e12;

    private final Scenario scenario;
    private final Map<String, Integer> appIndex = new HashMap<>();
    private final int sites;
    private final int vms;
    private final int devices;
    private final SlicePlan slices;

    Requests(Scenario scenario) {
        this.scenario = scenario;
        this.slices = SlicePlan.of(scenario);
        List<ApplicationSpec> apps = scenario.applications();
        for (int i = 0; i < apps.size(); i++) {
            appIndex.put(apps.get(i).name(), i);
        }
        this.sites = scenario.edge().sites();
        this.vms = scenario.edge().vmCount() + scenario.cloud().vmCount();
        this.devices = scenario.devices().count();
    }

    /**
     * A decision request: the task, its data class (null if none) and the device's access site when the request
     * gives it ({@link Telemetry.DeviceReport#SITE_UNSET} otherwise), and its QoS class (an index into the scenario's
     * {@code qos.classes}: the request's {@code qos_class}, else the application's; -1 for none).
     */
    record TaskRequest(Task task, Long clientId, String dataClass, int site, int qosClass) {
    }

    /**
     * A decision request; {@code number} numbers the task for the policy unless the client gave an {@code id}
     * (which is echoed, never used as the service's task id).
     */
    TaskRequest task(JsonNode body, Constraints constraints, long number, double nowS) {
        Fields f = Fields.of(body, "", "id", "application", "device", "length_mi", "upload_kb", "download_kb",
                "max_delay_s", "delay_sensitivity", "memory_mb", "data_class", "site", "qos_class");
        String appName = f.text("application", MAX_NAME);
        Integer app = appIndex.get(appName);
        if (app == null) {
            throw new BadRequestException("application", "application: unknown application '" + clip(appName)
                    + "'; known: " + String.join(", ", scenario.applicationNames()));
        }
        ApplicationSpec spec = scenario.applications().get(app);
        Long clientId = f.has("id") ? f.integer("id", 0, (1L << 53)) : null;
        long id = clientId != null ? clientId : number;
        int device = (int) f.integer("device", 0, devices - 1);
        double length = f.number("length_mi", Double.MIN_VALUE, BIG, spec.lengthMi());
        double up = f.number("upload_kb", 0, BIG, spec.uploadKb());
        double down = f.number("download_kb", 0, BIG, spec.downloadKb());
        double maxDelay = f.number("max_delay_s", Double.MIN_VALUE, 1e9, spec.maxDelayS());
        double sensitivity = f.number("delay_sensitivity", 0, 1, spec.delaySensitivity());
        double memory = f.number("memory_mb", 0, BIG, spec.memoryMb());
        String dataClass = null;
        if (f.has("data_class")) {
            dataClass = f.text("data_class", MAX_NAME);
            if (!constraints.dataClasses().containsKey(dataClass)) {
                throw new BadRequestException("data_class", "data_class: unknown data class '" + clip(dataClass)
                        + "'; configured: " + (constraints.dataClasses().isEmpty() ? "none"
                        : String.join(", ", constraints.dataClasses().keySet())));
            }
        }
        int site = (int) f.integer("site", -1, sites - 1, Telemetry.DeviceReport.SITE_UNSET);
        int qosClass = slices.classOf(app);
        if (f.has("qos_class")) {
            String name = f.text("qos_class", MAX_NAME);
            qosClass = scenario.network().qos().classIndex(name);
            if (qosClass < 0) {
                List<String> names = scenario.network().qos().classes().stream().map(c -> c.name()).toList();
                throw new BadRequestException("qos_class", "qos_class: unknown QoS class '" + clip(name)
                        + "'; configured: " + (names.isEmpty() ? "none" : String.join(", ", names)));
            }
        }
        Task task = new Task(id, app, device, nowS, length, up, down, sensitivity, maxDelay, memory);
        return new TaskRequest(task, clientId, dataClass, site, qosClass);
    }

    /**
     * {@code slice_transfers: {SLICE: n, ...}} of a link report as transfers per GPS flow (flow 0, the unreserved
     * remainder, gets {@code active} minus the slices' sum), or null when not given.
     */
    private int[] flows(Fields l, String p, String kindText, int active) {
        Fields st = l.object("slice_transfers");
        if (st == null) {
            return null;
        }
        LinkKind kind = LinkKind.valueOf(kindText.toUpperCase(java.util.Locale.ROOT));
        int[] flows = new int[slices.weights(kind).length];
        int sum = 0;
        for (String name : st.names()) {
            int flow = slices.flowOfSlice(name, kind);
            if (flow < 0) {
                List<String> there = slices.sliceNames(kind);
                throw new BadRequestException(st.field(name), st.field(name) + ": no slice '" + clip(name) + "' on "
                        + kindText + " links; slices there: " + (there.isEmpty() ? "none" : String.join(", ", there)));
            }
            flows[flow] = (int) st.integer(name, 0, MAX_COUNT);
            sum += flows[flow];
        }
        if (sum > active) {
            throw new BadRequestException(p + ".slice_transfers", p + ".slice_transfers: the slices' transfers ("
                    + sum + ") add up to more than active_transfers (" + active + ")");
        }
        flows[0] = active - sum;
        return flows;
    }

    Telemetry telemetry(JsonNode body) {
        Fields f = Fields.of(body, "", "vms", "links", "devices");
        ArrayNode vmArr = f.array("vms", Math.max(1, vms));
        List<Telemetry.VmReport> vmReports = new ArrayList<>(vmArr.size());
        java.util.Set<Integer> seenVm = new java.util.HashSet<>();
        for (int i = 0; i < vmArr.size(); i++) {
            Fields v = Fields.of(vmArr.get(i), "vms[" + i + "]", "vm", "utilization_percent", "load", "queue_length",
                    "free_memory_mb", "wait_s");
            int vm = (int) v.integer("vm", 0, vms - 1);
            if (!seenVm.add(vm)) {
                throw new BadRequestException("vms[" + i + "].vm", "vms[" + i + "].vm: a second report for vm " + vm);
            }
            vmReports.add(new Telemetry.VmReport(vm,
                    v.number("utilization_percent", 0, 100, Double.NaN),
                    (int) v.integer("load", 0, MAX_COUNT, 0),
                    (int) v.integer("queue_length", 0, MAX_COUNT, 0),
                    v.number("free_memory_mb", 0, BIG, Double.NaN),
                    v.number("wait_s", 0, 1e9, Double.NaN)));
        }
        ArrayNode linkArr = f.array("links", 2 * sites + 1);
        List<Telemetry.LinkReport> linkReports = new ArrayList<>(linkArr.size());
        java.util.Set<String> seenLink = new java.util.HashSet<>();
        for (int i = 0; i < linkArr.size(); i++) {
            String p = "links[" + i + "]";
            Fields l = Fields.of(linkArr.get(i), p, "link", "site", "bandwidth_mbps", "latency_s", "active_transfers",
                    "utilization", "slice_transfers");
            String kindText = l.text("link", 8);
            Telemetry.LinkKind kind = switch (kindText) {
                case "wlan" -> Telemetry.LinkKind.WLAN;
                case "wan" -> Telemetry.LinkKind.WAN;
                case "man" -> Telemetry.LinkKind.MAN;
                default -> throw new BadRequestException(p + ".link", p + ".link: unknown link '" + kindText
                        + "'; allowed: wlan, wan, man");
            };
            int site;
            if (kind == Telemetry.LinkKind.MAN) {
                if (l.has("site")) {
                    throw new BadRequestException(p + ".site", p + ".site: the MAN is shared by all sites; give no site");
                }
                site = -1;
            } else {
                site = (int) l.integer("site", 0, sites - 1);
            }
            if (!seenLink.add(kindText + ":" + site)) {
                throw new BadRequestException(p + ".link", p + ": a second report for " + kindText
                        + (site >= 0 ? " of site " + site : ""));
            }
            var spec = kind == Telemetry.LinkKind.WLAN ? scenario.network().wlan()
                    : kind == Telemetry.LinkKind.WAN ? scenario.network().wan() : scenario.network().man();
            // Plausible values only: a report cannot make a link 100 times slower than the scenario's slowest (or
            // 10 times faster than its fastest), nor its latency 100 times the propagation delay (at least 1 s).
            int active = (int) l.integer("active_transfers", 0, MAX_COUNT, 0);
            linkReports.add(new Telemetry.LinkReport(kind, site,
                    l.number("bandwidth_mbps", spec.bandwidthMbps().min() / 100, spec.bandwidthMbps().max() * 10,
                            (spec.bandwidthMbps().min() + spec.bandwidthMbps().max()) / 2),
                    l.number("latency_s", 0, Math.max(1, 100 * spec.propagationS()), spec.propagationS()),
                    active, l.number("utilization", 0, 1, Double.NaN), flows(l, p, kindText, active)));
        }
        ArrayNode devArr = f.array("devices", devices);
        List<Telemetry.DeviceReport> devReports = new ArrayList<>(devArr.size());
        java.util.Set<Integer> seenDevice = new java.util.HashSet<>();
        for (int i = 0; i < devArr.size(); i++) {
            String p = "devices[" + i + "]";
            Fields d = Fields.of(devArr.get(i), p, "device", "site", "x", "y", "battery_percent",
                    "cpu_utilization_percent", "cpu_load", "cpu_wait_s");
            int device = (int) d.integer("device", 0, devices - 1);
            if (!seenDevice.add(device)) {
                throw new BadRequestException(p + ".device", p + ".device: a second report for device " + device);
            }
            if (d.has("x") != d.has("y")) {
                String missing = d.has("x") ? "y" : "x";
                throw new BadRequestException(p + "." + missing, p + "." + missing + ": x and y go together");
            }
            devReports.add(new Telemetry.DeviceReport(device,
                    (int) d.integer("site", -1, sites - 1, Telemetry.DeviceReport.SITE_UNSET),
                    d.number("x", -1e9, 1e9, Double.NaN), d.number("y", -1e9, 1e9, Double.NaN),
                    d.number("battery_percent", 0, 100, Double.NaN),
                    d.number("cpu_utilization_percent", 0, 100, Double.NaN),
                    (int) d.integer("cpu_load", 0, MAX_COUNT, 0),
                    d.number("cpu_wait_s", 0, 1e9, Double.NaN)));
        }
        return new Telemetry(vmReports, linkReports, devReports);
    }

    /** {@code PUT /v1/policy}: {@code {"policy": NAME, "model": FILE?, "options": {KEY: VALUE}?}}. */
    record PolicyChange(String policy, String model, Map<String, String> options) {
    }

    PolicyChange policyChange(JsonNode body) {
        Fields f = Fields.of(body, "", "policy", "model", "options");
        String policy = f.text("policy", MAX_NAME);
        String model = f.text("model", 1024, null);
        Map<String, String> options = new java.util.LinkedHashMap<>();
        if (f.has("options")) {
            JsonNode o = body.get("options");
            if (!o.isObject() || o.size() > 32) {
                throw new BadRequestException("options", "options: expected an object of at most 32 KEY: VALUE pairs");
            }
            for (var it = o.fields(); it.hasNext(); ) {
                var e = it.next();
                String key = e.getKey();
                JsonNode v = e.getValue();
                if (!key.matches("[a-z][a-z0-9_]{0,63}")) {
                    throw new BadRequestException("options", "options: option names are lower-case letters, digits "
                            + "and '_'");
                }
                if (key.equals(PolicyCatalog.MODEL_OPTION)) {
                    throw new BadRequestException("options." + key, "options.model: give the model as \"model\"");
                }
                if (!(v.isTextual() || v.isNumber() || v.isBoolean()) || v.asText().length() > 256) {
                    throw new BadRequestException("options." + key, "options." + key + ": expected a string, number or"
                            + " boolean of at most 256 characters");
                }
                options.put(key, v.asText());
            }
        }
        return new PolicyChange(policy, model, options);
    }

    static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
