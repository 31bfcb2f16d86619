"""Runs an Offload sweep and loads its tables into pandas: a notebook-friendly starting point.

    /usr/bin/python3 python/examples/sweep_pandas.py [--out DIR] [--policies greedy,least-utilised]
        [--devices 100..400:100] [--replications 3] [--duration 300] [--metric failure_rate]

The sweep runs in a child JVM (``java -jar offload.jar sweep ...``, the same jar ``offload_gym`` uses: ``$OFFLOAD_JAR``
or ``offload-cli/target/offload.jar``); its ``sweep.csv`` (a row per run) and ``aggregate.csv`` (mean and 95%
confidence interval per policy and device count) are read with pandas, and one metric is plotted against the device
count with its interval band (matplotlib). In a notebook: ``frames = run_sweep(...)``, then
``plot(frames["aggregate"], "service_time_mean_s")``. Needs pandas and matplotlib (Debian: python3-pandas,
python3-matplotlib; elsewhere pip install pandas matplotlib).
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from offload_gym._jvm import offload_jar  # noqa: E402


def run_sweep(out, policies="greedy,least-utilised", devices="100..400:100", replications=3, duration=300,
              warmup=30, extra=()):
    """Runs ``offload sweep`` into ``out`` and returns {"runs": sweep.csv, "aggregate": aggregate.csv} as DataFrames."""
    import pandas as pd

    java = shutil.which("java") or "java"
    cmd = [java, "-jar", str(offload_jar()), "sweep", "--policies", policies, "--devices", devices,
           "--replications", str(replications), "--duration", str(duration), "--warmup", str(warmup),
           "--no-report", "--quiet", "--out", str(out), *extra]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"offload sweep exited {done.returncode}: {done.stderr.strip()}")
    out = Path(out)
    return {"runs": pd.read_csv(out / "sweep.csv"), "aggregate": pd.read_csv(out / "aggregate.csv")}


def plot(aggregate, metric, path=None):
    """``metric`` (an aggregate.csv column stem, e.g. failure_rate) against devices, one line and 95% band per policy."""
    import matplotlib
    if path is not None:
        matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    mean, low, high = metric + "_mean", metric + "_ci95_low", metric + "_ci95_high"
    missing = [c for c in (mean, low, high) if c not in aggregate.columns]
    if missing:
        stems = sorted({c[:-5] for c in aggregate.columns if c.endswith("_mean")})
        raise KeyError(f"aggregate.csv has no {missing}; metrics: {', '.join(stems)}")
    fig, ax = plt.subplots(figsize=(6, 4))
    for policy, g in aggregate.sort_values("devices").groupby("policy", sort=False):
        ax.plot(g["devices"], g[mean], marker="o", label=policy)
        ax.fill_between(g["devices"], g[low], g[high], alpha=0.2)
    ax.set_xlabel("devices")
    ax.set_ylabel(metric)
    ax.legend()
    fig.tight_layout()
    if path is not None:
        fig.savefig(path)
        plt.close(fig)
    return fig


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--out", help="sweep folder (default: a temporary one)")
    p.add_argument("--policies", default="greedy,least-utilised")
    p.add_argument("--devices", default="100..400:100")
    p.add_argument("--replications", type=int, default=3)
    p.add_argument("--duration", type=float, default=300)
    p.add_argument("--warmup", type=float, default=30)
    p.add_argument("--metric", default="failure_rate")
    a = p.parse_args(argv)
    out = Path(a.out) if a.out else Path(tempfile.mkdtemp(prefix="offload-sweep-"))
    frames = run_sweep(out, a.policies, a.devices, a.replications, a.duration, a.warmup)
    agg = frames["aggregate"]
    cols = ["policy", "devices", "n", a.metric + "_mean", a.metric + "_ci95_low", a.metric + "_ci95_high"]
    print(agg[cols].to_string(index=False))
    png = out / f"{a.metric}.png"
    plot(agg, a.metric, png)
    print(f"{len(frames['runs'])} runs; chart: {png}")
    return frames


if __name__ == "__main__":
    main()
