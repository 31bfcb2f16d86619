package org.offload.io.ecs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns an EdgeCloudSim configuration directory ({@code default_config.properties}, {@code applications.xml},
 * {@code edge_devices.xml}, as EdgeCloudSim's {@code core/SimSettings.java} reads them) into an Offload scenario
 * with EdgeCloudSim's semantics where Offload has them: nomadic mobility ({@code mobility/NomadicMobility.java}),
 * fixed idle/active load periods ({@code task_generator/IdleActiveLoadGenerator.java}), exponential task sizes,
 * and sample_app4's orchestrators mapped to Offload's policies. Every value carries a comment naming its source
 * property or XML element; every setting Offload cannot express becomes a warning (and a comment in the file).
 *
 * <p>Which mobility, load and network <em>classes</em> an EdgeCloudSim study uses is Java code in its scenario
 * factory, not configuration; the importer assumes sample_app1-4's (nomadic mobility, idle/active load) and says so.
 */
public final class EcsImporter {
    /** The scenario text and the warnings, in file order. */
    public record Result(String yaml, List<String> warnings) {
        public Result {
            warnings = List.copyOf(warnings);
        }
    }

    /** EdgeCloudSim orchestrator names (sample apps 1-5) to Offload policies. */
    static final Map<String, String> POLICIES = new LinkedHashMap<>();

    static {
        POLICIES.put("NETWORK_BASED", "ecs-network-based");
        POLICIES.put("UTILIZATION_BASED", "utilization-based");
        POLICIES.put("FUZZY_BASED", "sonmez-fuzzy");
        POLICIES.put("FUZZY_COMPETITOR", "flores");
        POLICIES.put("HYBRID", "ecs-hybrid");
        POLICIES.put("RANDOM", "random");
        POLICIES.put("ONLY_EDGE", "edge-only");
        POLICIES.put("ONLY_MOBILE", "local-only");
    }

    /** sample_app4's MAN capacity, {@code FuzzyExperimentalNetworkModel.MAN_BW} = 1300 x 1024 kbit/s. */
    static final double SAMPLE_APP4_MAN_MBPS = 1300 * 1024 / 1000.0;
    /** sample_app4's WLAN rate for one client, 88,040 kbit/s (802.11n) x 3 for 802.11ac. */
    static final double SAMPLE_APP4_WLAN_MBPS = 88.040279 * 3;
    /** sample_app4's WAN rate for one client, 20,704 kbit/s. */
    static final double SAMPLE_APP4_WAN_MBPS = 20.703973;

    private final EcsConfig c;
    private final String props;
    private final String apps;
    private final String edges;
    private final StringBuilder out = new StringBuilder();
    private final List<String> warnings = new ArrayList<>();

    private EcsImporter(EcsConfig c) {
        this.c = c;
        this.props = EcsConfig.PROPERTIES;
        this.apps = EcsConfig.APPLICATIONS;
        this.edges = EcsConfig.EDGE_DEVICES;
    }

    /** Reads the configuration in {@code dir}; {@link EcsImportException} when it cannot be read. */
    public static Result importDirectory(Path dir) {
        EcsImporter i = new EcsImporter(EcsConfig.read(dir));
        i.write();
        return new Result(i.out.toString(), i.warnings);
    }

    private void warn(String source, String text) {
        String w = source + ": " + text;
        warnings.add(w);
        out.append("# WARNING ").append(w).append('\n');
    }

    private static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.6f", v);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    /** {@code key: value   # source}, indented. */
    private void line(int indent, String key, String value, String source) {
        String text = " ".repeat(indent) + key + ": " + value;
        out.append(String.format(Locale.ROOT, "%-44s # %s%n", text, source));
    }

    private void write() {
        header();
        double durationS = 60 * c.number("simulation_time", 0);
        double warmupS = 60 * c.number("warm_up_period", 0);
        line(0, "name", "edgecloudsim-" + sanitise(c.dir.toAbsolutePath().normalize().getFileName()), "the folder");
        line(0, "duration_s", num(durationS), props + ": simulation_time (minutes) x 60");
        line(0, "warmup_s", num(warmupS), props + ": warm_up_period (minutes) x 60");
        List<String> policies = policies();
        line(0, "admission", "on_execute", "EdgeCloudSim's orchestrators see only executing tasks' load");
        line(0, "policy", policies.isEmpty() ? "least-utilised" : policies.get(0), policies.isEmpty()
                ? "SUBSTITUTE: no orchestrator_policies entry has an Offload policy" : props
                + ": orchestrator_policies (first)");
        out.append('\n');
        devices();
        applications(durationS);
        edge();
        cloud();
        network();
        sweep(policies);
        other();
    }

    private static String sanitise(Path name) {
        String s = name == null ? "config" : name.toString();
        return s.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    private void header() {
        out.append("# =====================================================================================================\n");
        out.append("# Imported by `offload import-ecs` from an EdgeCloudSim configuration:\n");
        out.append("#   ").append(c.dir).append('/').append(props).append(", ").append(apps).append(", ")
                .append(edges).append('\n');
        out.append("# Each value names its source. EdgeCloudSim semantics used: nomadic mobility (NomadicMobility),\n");
        out.append("# fixed active/idle periods with a random start (IdleActiveLoadGenerator), exponential task length and\n");
        out.append("# data sizes. Which mobility/load/network classes a study uses is Java code in its ScenarioFactory,\n");
        out.append("# not configuration: these are those of sample_app1-4. See docs/edgecloudsim.md.\n");
        out.append("# =====================================================================================================\n\n");
    }

    private List<String> policies() {
        List<String> mapped = new ArrayList<>();
        for (String p : c.text("orchestrator_policies").split(",")) {
            String name = p.strip();
            if (name.isEmpty()) {
                continue;
            }
            String offload = POLICIES.get(name);
            if (offload == null) {
                warn(props + ": orchestrator_policies: " + name, "no Offload equivalent; left out");
            } else if (!mapped.contains(offload)) {
                mapped.add(offload);
            }
        }
        return mapped;
    }

    private void devices() {
        int min = (int) c.number("min_number_of_mobile_devices", 0);
        out.append("devices:\n");
        line(2, "count", Integer.toString(Math.max(1, min)), props + ": min_number_of_mobile_devices");
        int cores = (int) c.number("core_for_mobile_vm", 0);
        double mips = c.number("mips_for_mobile_vm", 0);
        if (cores > 0 && mips > 0) {
            line(2, "cpu", "{cores: " + cores + ", mips: " + num(mips) + ", memory_mb: "
                    + num(c.number("ram_for_mobile_vm", 0)) + "}", props
                    + ": core_for_mobile_vm, mips_for_mobile_vm, ram_for_mobile_vm");
        } else {
            line(2, "cpu", "none", props + ": core_for_mobile_vm = 0 / mips_for_mobile_vm = 0");
        }
        if (c.number("storage_for_mobile_vm", 0) > 0) {
            warn(props + ": storage_for_mobile_vm", "storage is not modelled; ignored");
        }
        double[] area = area();
        line(2, "placement", "{type: grid, area_m: [" + num(area[0]) + ", " + num(area[1]) + "]}",
                "start positions do not matter: nomadic devices stand at edge sites");
        StringBuilder levels = new StringBuilder();
        for (EcsConfig.Datacenter dc : c.datacenters) {
            levels.append(levels.length() == 0 ? "" : ", ").append(dc.attractiveness());
        }
        out.append("  # NomadicMobility: dwell at a site for an exponential time with the mean of its attractiveness level,\n");
        out.append("  # then jump to another site drawn uniformly\n");
        out.append("  mobility:\n");
        line(4, "type", "nomadic", "NomadicMobility (sample_app1-4's mobility class)");
        line(4, "dwell_s", "[" + num(c.number("attractiveness_L1_mean_waiting_time", 0)) + ", "
                + num(c.number("attractiveness_L2_mean_waiting_time", 0)) + ", "
                + num(c.number("attractiveness_L3_mean_waiting_time", 0)) + "]",
                props + ": attractiveness_L1/L2/L3_mean_waiting_time");
        line(4, "attractiveness", "[" + levels + "]", edges + ": <datacenter>/<location>/<attractiveness>, in order");
        out.append('\n');
    }

    /** The bounding box of the datacenters' positions (at least 1 m), for the grid placement. */
    private double[] area() {
        double w = 1;
        double h = 1;
        for (EcsConfig.Datacenter dc : c.datacenters) {
            w = Math.max(w, dc.x() + 1);
            h = Math.max(h, dc.y() + 1);
        }
        return new double[] {w, h};
    }

    private void applications(double durationS) {
        double usage = 0;
        for (EcsConfig.Application a : c.applications) {
            usage += a.get("usage_percentage");
        }
        if (Math.abs(usage - 100) > 1e-6) {
            throw new EcsImportException(c.dir.resolve(apps).toString(), "<usage_percentage>",
                    "the applications' shares add up to " + num(usage) + "; EdgeCloudSim leaves devices above the "
                            + "sum without an application, Offload needs exactly 100");
        }
        out.append("applications:\n");
        List<String> cloudSelection = new ArrayList<>();
        for (EcsConfig.Application a : c.applications) {
            String src = apps + ": <application name=\"" + a.name() + "\">/";
            out.append("  - name: ").append(a.name()).append('\n');
            line(4, "usage_percent", num(a.get("usage_percentage")), src + "<usage_percentage>");
            line(4, "arrival", "{process: poisson, mean_interarrival_s: " + num(a.get("poisson_interarrival"))
                    + ", active_s: " + num(a.get("active_period")) + ", idle_s: " + num(a.get("idle_period"))
                    + ", on_off: idle_active}", src + "<poisson_interarrival>, <active_period>, <idle_period>");
            line(4, "distribution", "exponential", "IdleActiveLoadGenerator draws length and sizes exponentially");
            line(4, "task_length_mi", num(a.get("task_length")), src + "<task_length>");
            line(4, "upload_kb", num(a.get("data_upload")), src + "<data_upload>");
            line(4, "download_kb", num(a.get("data_download")), src + "<data_download>");
            line(4, "delay_sensitivity", num(a.get("delay_sensitivity")), src + "<delay_sensitivity>");
            if (a.values().containsKey(EcsConfig.MAX_DELAY) && a.get(EcsConfig.MAX_DELAY) > 0) {
                line(4, "max_delay_s", num(a.get(EcsConfig.MAX_DELAY)), src + "<max_delay_requirement>");
            } else {
                line(4, "max_delay_s", num(durationS), "no deadline in EdgeCloudSim: the simulation time, so it "
                        + "never binds");
            }
            StringBuilder util = new StringBuilder("{edge: " + num(a.get("vm_utilization_on_edge")) + ", cloud: "
                    + num(a.get("vm_utilization_on_cloud")));
            if (c.number("core_for_mobile_vm", 0) > 0 && c.number("mips_for_mobile_vm", 0) > 0) {
                util.append(", local: ").append(num(a.get("vm_utilization_on_mobile")));
            }
            line(4, "vm_utilization", util + "}", src + "<vm_utilization_on_edge/cloud/mobile>");
            if (a.get("required_core") != 1) {
                warn(src + "<required_core>", num(a.get("required_core")) + " cores: Offload tasks claim a VM share "
                        + "(vm_utilization), not cores; ignored");
            }
            if (a.get("prob_cloud_selection") > 0) {
                cloudSelection.add(a.name());
            }
        }
        if (!cloudSelection.isEmpty()) {
            warn(apps + ": <prob_cloud_selection> (" + String.join(", ", cloudSelection) + ")",
                    "read only by some EdgeCloudSim orchestrators (not sample_app4's); no Offload equivalent, ignored");
        }
        out.append('\n');
    }

    private void edge() {
        List<EcsConfig.Datacenter> dcs = c.datacenters;
        EcsConfig.Datacenter first = dcs.get(0);
        EcsConfig.Machine vm = first.vms().get(0).get(0);
        int hosts = first.hosts().size();
        int vms = first.vms().get(0).size();
        boolean uniform = true;
        for (EcsConfig.Datacenter dc : dcs) {
            uniform &= dc.hosts().size() == hosts;
            for (List<EcsConfig.Machine> hostVms : dc.vms()) {
                uniform &= hostVms.size() == vms;
                for (EcsConfig.Machine m : hostVms) {
                    uniform &= m.core() == vm.core() && m.mips() == vm.mips() && m.ram() == vm.ram();
                }
            }
        }
        if (!uniform) {
            warn(edges, "datacenters differ in hosts, VMs or VM size; Offload's edge sites are identical, so every "
                    + "site gets the first datacenter's (" + hosts + " hosts x " + vms + " VMs of " + num(vm.core())
                    + " x " + num(vm.mips()) + " MIPS)");
        }
        out.append("edge:\n");
        line(2, "sites", Integer.toString(dcs.size()), edges + ": number of <datacenter> (one WLAN each)");
        double[] area = area();
        line(2, "placement", "{type: grid, area_m: [" + num(area[0]) + ", " + num(area[1]) + "]}",
                "SUBSTITUTE: grid; <x_pos>/<y_pos> are not imported (see the warning)");
        line(2, "hosts_per_site", Integer.toString(hosts), edges + ": <datacenter>/<hosts>/<host>");
        line(2, "vms_per_host", Integer.toString(vms), edges + ": <host>/<VMs>/<VM>");
        line(2, "vm", "{cores: " + num(vm.core()) + ", mips: " + num(vm.mips()) + ", memory_mb: " + num(vm.ram())
                + "}", edges + ": <VM>/<core>, <mips> (per core), <ram>");
        line(2, "coverage_m", "0", "a device attaches to the site it stands at (its wlan_id)");
        out.append('\n');
        warn(edges + ": <x_pos>/<y_pos>", "site positions are not imported (Offload places sites on a grid); with "
                + "nomadic mobility devices stand at sites, so only distances used by other models would differ");
        warn(edges + ": <costPer*>, <host> capacities, <storage>", "costs, host capacities beyond their VMs and "
                + "storage are not modelled; ignored");
    }

    private void cloud() {
        out.append("cloud:\n");
        line(2, "hosts", num(c.number("number_of_host_on_cloud_datacenter", 0)),
                props + ": number_of_host_on_cloud_datacenter");
        line(2, "vms_per_host", num(c.number("number_of_vm_on_cloud_host", 0)), props + ": number_of_vm_on_cloud_host");
        line(2, "vm", "{cores: " + num(c.number("core_for_cloud_vm", 0)) + ", mips: "
                + num(c.number("mips_for_cloud_vm", 0)) + ", memory_mb: " + num(c.number("ram_for_cloud_vm", 0))
                + "}", props + ": core_for_cloud_vm, mips_for_cloud_vm (per core), ram_for_cloud_vm");
        out.append('\n');
    }

    private void network() {
        double wlan = c.number("wlan_bandwidth", 0);
        double wan = c.number("wan_bandwidth", 0);
        double man = c.number("man_bandwidth", 0);
        out.append("network:\n");
        line(2, "model", "mm1", "SUBSTITUTE for EdgeCloudSim's network model classes (see the warning)");
        warn("network", "EdgeCloudSim's network is a Java class per sample app (sample_app4: empirical WLAN/WAN "
                + "rates by concurrent users, MAN M/M/1); Offload's `ecs` network model is not available yet, so "
                + "the scenario uses Offload's mm1 model with the capacities below");
        line(2, "wlan", "{bandwidth_mbps: " + num(wlan > 0 ? wlan : SAMPLE_APP4_WLAN_MBPS) + "}", wlan > 0
                ? props + ": wlan_bandwidth (Mbit/s)"
                : props + ": wlan_bandwidth = 0 (empirical); sample_app4's one-client 802.11ac rate");
        line(2, "man", "{bandwidth_mbps: " + num(man > 0 ? man : SAMPLE_APP4_MAN_MBPS) + ", propagation_s: "
                + num(c.number("lan_internal_delay", 0)) + "}", (man > 0 ? props + ": man_bandwidth"
                : "man_bandwidth absent: sample_app4's MAN_BW 1300x1024 kbit/s") + "; lan_internal_delay");
        double wanDelay = c.number("wan_propagation_delay", 0);
        line(2, "wan", "{bandwidth_mbps: " + num(wan > 0 ? wan : SAMPLE_APP4_WAN_MBPS) + ", propagation_s: "
                + num(wanDelay) + "}", (wan > 0 ? props + ": wan_bandwidth"
                : props + ": wan_bandwidth = 0 (empirical); sample_app4's one-client WAN rate")
                + "; wan_propagation_delay");
        out.append('\n');
        if (wanDelay > 0 && wan == 0) {
            warn(props + ": wan_propagation_delay", "imported as the WAN's propagation delay, but sample_app4's "
                    + "network model (FuzzyExperimentalNetworkModel) never adds it; set network.wan.propagation_s=0 "
                    + "for its semantics");
        }
        if (c.has("wan_propogation_delay")) {
            warn(props + ": wan_propogation_delay", "misspelt: EdgeCloudSim's SimSettings reads "
                    + "wan_propagation_delay, so EdgeCloudSim itself runs with 0 s; imported as 0");
        }
        for (String key : List.of("gsm_bandwidth", "gsm_propagation_delay", "gsm_propogation_delay")) {
            if (c.number(key, 0) > 0) {
                warn(props + ": " + key, "Offload has no cellular (GSM) link; ignored");
            }
        }
        if (c.number("wlan_range", 0) > 0) {
            warn(props + ": wlan_range", "devices attach to the site they stand at; the range is not imported");
        }
    }

    private void sweep(List<String> policies) {
        int min = (int) c.number("min_number_of_mobile_devices", 0);
        int max = (int) c.number("max_number_of_mobile_devices", 0);
        int step = (int) c.number("mobile_device_counter_size", 0);
        out.append("sweep:\n");
        String devices = step > 0 && max >= min && min > 0 ? min + ".." + max + ":" + step : Integer.toString(
                Math.max(1, min));
        line(2, "devices", "\"" + devices + "\"",
                props + ": min/max_number_of_mobile_devices, mobile_device_counter_size");
        if (!policies.isEmpty()) {
            line(2, "policies", "[" + String.join(", ", policies) + "]", props + ": orchestrator_policies");
        }
        line(2, "replications", "3", "SUBSTITUTE: EdgeCloudSim's run scripts set the iterations, not its config");
        out.append('\n');
        String scenarios = c.text("simulation_scenarios");
        for (String s : scenarios.split(",")) {
            String name = s.strip();
            if (!name.isEmpty() && !name.equals("TWO_TIER_WITH_EO")) {
                warn(props + ": simulation_scenarios: " + name, "Offload always simulates device, edge and cloud "
                        + "tiers with an orchestrator (TWO_TIER_WITH_EO); choose policies (edge-only, local-only, ...) "
                        + "to restrict tiers");
            }
        }
        if (policies.contains("ecs-hybrid")) {
            warn(props + ": orchestrator_policies: HYBRID", "imported as ecs-hybrid, sample_app4's HYBRID rule; "
                    + "other sample apps define their own HYBRID");
        }
    }

    private void other() {
        for (String key : List.of("northern_bound", "southern_bound", "eastern_bound", "western_bound")) {
            if (c.number(key, 0) != 0) {
                warn(props + ": " + key, "geographic bounds (sample_app5's vehicular map) are not imported");
            }
        }
        if (c.number("storage_for_cloud_vm", 0) > 0) {
            warn(props + ": storage_for_cloud_vm", "storage is not modelled; ignored");
        }
        out.append("# Read but not applicable (EdgeCloudSim logging): vm_load_check_interval, location_check_interval,\n");
        out.append("# ap_delay_check_interval, file_log_enabled, deep_file_log_enabled.\n");
    }
}
