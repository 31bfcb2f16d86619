"""Steps per second of a random agent driving Offload's environments from Python vs the same agent wholly in Java,
in one process (one JVM), alternating, so the ratios are measured under the same machine load.

    /usr/bin/python3 python/bench_speed.py [--devices 200] [--steps 20000] [--repeats 3]

Python's agents pick uniformly among the feasible actions (action_masks()) with NumPy; Java's are
org.offload.rl.RandomAgent (RandomDrive) and AigcArrayEnv.driveRandom.
"""

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import numpy as np  # noqa: E402

import offload_gym  # noqa: E402


def python_single(env, steps, seed):
    rng = np.random.default_rng(seed)
    u = rng.random(steps)
    env.reset(seed=seed)
    start = time.perf_counter()
    for t in range(steps):
        feasible = np.flatnonzero(env.action_masks())
        _, _, te, tr, _ = env.step(int(feasible[int(u[t] * len(feasible))]))
        if te or tr:
            env.reset()
    return steps / (time.perf_counter() - start)


def python_vector(vec, batches, seed):
    rng = np.random.default_rng(seed)
    vec.reset(seed=seed)
    start = time.perf_counter()
    for _ in range(batches):
        vec.step((rng.random(vec.action_masks().shape) * vec.action_masks()).argmax(axis=1))
    return batches * vec.num_envs / (time.perf_counter() - start)


def python_aigc(env, slots, seed, arrays):
    rng = np.random.default_rng(seed)
    nvec = env.action_space(env.possible_agents[0]).nvec
    n = len(env.possible_agents)
    start = time.perf_counter()
    done, episode = True, seed
    for _ in range(slots):
        if done:
            episode += 1
            env.reset_array(episode) if arrays else env.reset(seed=episode)
            done = False
        a = rng.integers(nvec, size=(n, 3))
        if arrays:
            done = env.step_array(a)[2]
        else:
            done = env.step({agent: a[i] for i, agent in enumerate(env.possible_agents)})[3]["device_0"]
    return slots / (time.perf_counter() - start)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--devices", type=int, default=200)
    p.add_argument("--steps", type=int, default=20000)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--aigc-devices", type=int, default=10)
    args = p.parse_args(argv)
    import jpype
    env = offload_gym.make("default", devices=args.devices, seed=1)  # starts the JVM
    drive = jpype.JClass("org.offload.rl.RandomDrive")
    cfg = env.java.env().config()
    vecs = {n: offload_gym.make_vec("default", num_envs=n, devices=args.devices, seed=1) for n in (16, 64)}
    aigc = offload_gym.make_aigc("aigc", devices=args.aigc_devices)
    slots = max(1, args.steps // 10)
    rows = []
    for r in range(-1, args.repeats):  # round -1 warms the JIT up and is not reported
        scale = 4 if r < 0 else 1
        row = {}
        row["single py"] = python_single(env, args.steps // scale, 10 + r)
        row["single java"] = args.steps // scale / (drive.single(cfg, 10 + r, args.steps // scale) / 1e9)
        for n, vec in vecs.items():
            b = max(1, args.steps // n // scale)
            row[f"vec{n} py"] = python_vector(vec, b, 20 + r)
            row[f"vec{n} java"] = b * n / (drive.vector(cfg, n, 1, 20 + r, b) / 1e9)
        row["aigc dict py"] = python_aigc(aigc, slots // scale, 30 + r, arrays=False)
        row["aigc array py"] = python_aigc(aigc, slots // scale, 30 + r, arrays=True)
        t0 = time.perf_counter()
        aigc.java.driveRandom(30 + r, slots // scale)
        row["aigc java"] = slots // scale / (time.perf_counter() - t0)
        if r >= 0:
            rows.append(row)
            print(f"repeat {r + 1}: " + ", ".join(f"{k} {v:,.0f}" for k, v in row.items()), flush=True)
            print("  python/java: " + ", ".join(
                f"{k} {row[k + ' py'] / row[k + ' java']:.2f}" for k in ["single"] + [f"vec{n}" for n in vecs])
                + f", aigc dict {row['aigc dict py'] / row['aigc java']:.2f}"
                + f", aigc array {row['aigc array py'] / row['aigc java']:.2f}", flush=True)
    for v in vecs.values():
        v.close()
    return rows


if __name__ == "__main__":
    main()
