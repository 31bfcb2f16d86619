package org.offload.profile.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One measured configuration: hardware profile (with its features), model (family, hyperparameters, counts),
 * input, batch, mode ({@code inference}, or {@code train} with an optimizer) and the measurements for one batch.
 * Energy per batch comes from RAPL or is estimated ({@code energySource}).
 */
public record ProfileRow(String hw, int hwThreads, double hwCoreSpeed, double hwCoreMips, boolean hwContended,
                         String device, String family, String model, int depth, double width, int input, int batch,
                         String mode, String optimizer, long params, long macs, int warmup, int repeats,
                         double latencyMeanMs, double latencyP50Ms, double latencyP95Ms, double memPeakAddedMb,
                         double rssMb, double cpuUtil, double energyJ, String energySource, double load1) {

    public static final List<String> COLUMNS = List.of("hw", "hw_threads", "hw_core_speed", "hw_core_mips",
            "hw_contended", "device", "family", "model", "depth", "width", "input", "batch", "mode", "optimizer",
            "params", "macs", "flops", "warmup", "repeats", "latency_mean_ms", "latency_p50_ms", "latency_p95_ms",
            "mem_peak_added_mb", "rss_mb", "cpu_util", "energy_j", "energy_source", "load1");

    public long flops() {
        return 2 * macs;
    }

    public boolean inference() {
        return mode.equals("inference");
    }

    public String toCsv() {
        List<String> f = new ArrayList<>(List.of(hw, String.valueOf(hwThreads), num(hwCoreSpeed, 4), num(hwCoreMips, 1),
                String.valueOf(hwContended), device, family, model, String.valueOf(depth), num(width, 4),
                String.valueOf(input), String.valueOf(batch), mode, optimizer, String.valueOf(params),
                String.valueOf(macs), String.valueOf(flops()), String.valueOf(warmup), String.valueOf(repeats),
                num(latencyMeanMs, 4), num(latencyP50Ms, 4), num(latencyP95Ms, 4), num(memPeakAddedMb, 2),
                num(rssMb, 1), num(cpuUtil, 3), num(energyJ, 6), energySource, num(load1, 2)));
        return String.join(",", f);
    }

    public static ProfileRow fromCsv(String line) {
        String[] f = line.split(",", -1);
        if (f.length != COLUMNS.size()) {
            throw new IllegalArgumentException("expected " + COLUMNS.size() + " fields, got " + f.length + ": " + line);
        }
        // Column 16 (flops) is derived from macs and not read back.
        return new ProfileRow(f[0], Integer.parseInt(f[1]), d(f[2]), d(f[3]), Boolean.parseBoolean(f[4]), f[5], f[6],
                f[7], Integer.parseInt(f[8]), d(f[9]), Integer.parseInt(f[10]), Integer.parseInt(f[11]), f[12], f[13],
                Long.parseLong(f[14]), Long.parseLong(f[15]), Integer.parseInt(f[17]), Integer.parseInt(f[18]),
                d(f[19]), d(f[20]), d(f[21]), d(f[22]), d(f[23]), d(f[24]), d(f[25]), f[26], d(f[27]));
    }

    private static double d(String s) {
        return s.isEmpty() || s.equals("NaN") ? Double.NaN : Double.parseDouble(s);
    }

    static String num(double v, int decimals) {
        if (!Double.isFinite(v)) {
            return "NaN";
        }
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }
}
