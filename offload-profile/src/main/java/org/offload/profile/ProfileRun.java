package org.offload.profile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.offload.learn.Djl;
import org.offload.profile.measure.Affinity;
import org.offload.profile.measure.EnergyMeter;
import org.offload.profile.measure.Grid;
import org.offload.profile.measure.HardwareProfile;
import org.offload.profile.measure.Host;
import org.offload.profile.measure.ImageCost;
import org.offload.profile.measure.ProfileRow;
import org.offload.profile.measure.Profiler;

/** {@code offload profile}: measures a grid, writes the data set (CSV + metadata) and its two charts. */
public final class ProfileRun {
    /** Images whose decode and preprocessing cost is measured: VGA and 1080p-ish. */
    static final int[][] IMAGE_SIZES = {{320, 240}, {640, 480}, {1280, 960}};

    private ProfileRun() {
    }

    /** What a run produced. */
    public record Result(List<ProfileRow> rows, List<ImageCost.Row> images, ObjectNode metadata) {
    }

    public static Result run(Grid grid, List<HardwareProfile> hardware, double budgetS, long seed, Path out,
                             Profiler.Listener listener) throws IOException {
        Instant start = Instant.now();
        double[] loadBefore = Host.loadAverage();
        boolean full = grid.name().equals("full");
        Profiler p = new Profiler(grid, hardware, budgetS, full ? 3 : 2, 3, full ? 50 : 30, seed);
        List<ProfileRow> rows = p.run(listener);
        List<ImageCost.Row> images = ImageCost.measure(grid.name().equals("tiny") ? new int[][] {{320, 240}}
                : IMAGE_SIZES, grid.name().equals("tiny") ? 3 : 20, seed);
        double[] loadAfter = Host.loadAverage();
        ObjectNode meta = ProfileDataset.JSON.createObjectNode();
        meta.put("generator", "offload profile");
        meta.put("grid", grid.name());
        meta.put("seed", seed);
        meta.put("budget_s_per_configuration", budgetS);
        meta.put("started", start.truncatedTo(ChronoUnit.SECONDS).toString());
        meta.put("wall_time_s", Math.round((Instant.now().toEpochMilli() - start.toEpochMilli()) / 100.0) / 10.0);
        ObjectNode host = meta.putObject("host");
        host.put("cpu_model", Host.cpuModel());
        host.put("cores", Host.cores());
        host.put("bogomips_per_core", Host.bogomips());
        host.put("memory_mb", Math.round(Host.memoryMb()));
        host.put("os", Host.os());
        host.put("jvm", Host.jvm());
        host.put("device", Djl.device().toString());
        host.put("gpus", Djl.engine().getGpuCount());
        host.put("affinity_available", Affinity.available());
        ArrayNode lb = host.putArray("load_average_before");
        ArrayNode la = host.putArray("load_average_after");
        for (int i = 0; i < 3; i++) {
            lb.add(loadBefore[i]);
            la.add(loadAfter[i]);
        }
        ObjectNode libs = meta.putObject("libraries");
        libs.put("djl", ai.djl.engine.Engine.getDjlVersion());
        libs.put("pytorch", Djl.engine().getVersion());
        libs.put("engine", Djl.engine().getEngineName());
        libs.put("smile", smileVersion());
        ObjectNode en = meta.putObject("energy");
        en.put("source", p.energyMeter().source());
        en.put("model", p.energyMeter().rapl() ? "RAPL package counters (whole package, other processes included)"
                : "ESTIMATED: " + EnergyMeter.WATTS_PER_BUSY_CORE + " W per busy core x process CPU seconds "
                + "(co-runner excluded); /sys/class/powercap has no readable RAPL counter here");
        meta.put("reference_gflops_1_thread", p.referenceGflops());
        ArrayNode hws = meta.putArray("hardware_profiles");
        for (HardwareProfile.Measured m : p.hardwareMeasured()) {
            ObjectNode h = hws.addObject();
            h.put("name", m.profile().name());
            h.put("description", m.profile().description());
            h.put("threads", m.profile().threads());
            h.put("cpus", m.profile().cpus() == null ? "all" : m.profile().cpus());
            h.put("pinned", m.pinned());
            h.put("contended", m.profile().contended());
            h.put("gflops_per_thread", m.gflopsPerThread());
            h.put("core_speed", m.coreSpeed());
            h.put("core_mips", m.coreMips(Host.bogomips()));
        }
        ArrayNode notes = meta.putArray("notes");
        p.notes().forEach(notes::add);
        meta.put("rows", rows.size());
        ProfileDataset.write(out, rows, images, meta);
        Plots.latencyVsFlops(rows, hardware.get(0).name(), out.resolve("latency-vs-flops.png"));
        Plots.memoryVsParams(rows, out.resolve("memory-vs-params.png"));
        return new Result(rows, images, meta);
    }

    /**
     * Runs a grid without the CLI: {@code ProfileRun GRID OUT [BUDGET_S] [WAIT_LOAD] [WAIT_MAX_S]} (used to build the
     * shipped data set; {@code offload profile} is the normal entry point).
     */
    public static void main(String[] args) throws Exception {
        Grid g = Grid.named(args[0]);
        Path out = Path.of(args[1]);
        double budget = args.length > 2 ? Double.parseDouble(args[2]) : 1.0;
        double waitLoad = args.length > 3 ? Double.parseDouble(args[3]) : 0;
        double waitMax = args.length > 4 ? Double.parseDouble(args[4]) : 600;
        long deadline = System.nanoTime() + (long) (waitMax * 1e9);
        while (waitLoad > 0 && Host.loadAverage()[0] >= waitLoad && System.nanoTime() < deadline) {
            System.err.println("load " + Host.loadAverage()[0] + " >= " + waitLoad + ", waiting");
            Thread.sleep(20_000);
        }
        Result r = run(g, HardwareProfile.defaults(Host.cores()), budget, 1, out,
                (d, t, l) -> System.err.println(d + "/" + t + " " + l));
        System.err.println("rows " + r.rows().size() + ", metadata " + r.metadata());
    }

    static String smileVersion() {
        Package pkg = smile.regression.RandomForest.class.getPackage();
        String v = pkg == null ? null : pkg.getImplementationVersion();
        return v != null ? v : "3.1.1";
    }
}
