"""REINFORCE in plain PyTorch (CPU) on the multi-agent AIGC environment: independent learners, each device
learning from its own reward, sharing one small policy network (parameter sharing; the device's one-hot id is
in its observation). Three categorical heads pick the target, the offloading-ratio level and the download bit.
Afterwards it evaluates the trained policy (argmax decoding) on the same evaluation seeds against its ablation
(the same network untrained), random, all-local and all-cloud agents, and the Java heuristics.

    /usr/bin/python3 python/examples/aigc_reinforce.py [--episodes 300] [--devices 10] [--seed 1]
"""

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

import numpy as np  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402

import offload_gym  # noqa: E402

EVAL_SEEDS = range(5)


class Policy(nn.Module):
    def __init__(self, inputs, heads, hidden=64):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(inputs, hidden), nn.Tanh(), nn.Linear(hidden, hidden), nn.Tanh())
        self.heads = nn.ModuleList(nn.Linear(hidden, h) for h in heads)

    def forward(self, x):
        z = self.body(x)
        return [torch.distributions.Categorical(logits=h(z)) for h in self.heads]


def act(policy, obs, sample=True):
    """Actions (agents, 3) and their summed log-probabilities and entropies for an (agents, features) matrix."""
    dists = policy(torch.from_numpy(obs))
    picks = [d.sample() if sample else d.probs.argmax(-1) for d in dists]
    logp = sum(d.log_prob(p) for d, p in zip(dists, picks))
    entropy = sum(d.entropy() for d in dists)
    return torch.stack(picks, -1).numpy().astype(np.int32), logp, entropy


def run_episode(env, seed, choose):
    """Runs one episode with ``choose(obs) -> (agents, 3) actions``; returns the rewards (slots, agents)."""
    obs = env.reset_array(seed)
    rewards, done = [], False
    while not done:
        obs, r, done, _ = env.step_array(choose(obs))
        rewards.append(r)
    return np.array(rewards)


def train(env, episodes, seed, gamma=0.9, lr=3e-3, entropy_weight=0.01, log=print):
    torch.manual_seed(seed)
    n = len(env.possible_agents)
    policy = Policy(env.observation_space(env.possible_agents[0]).shape[0],
                    env.action_space(env.possible_agents[0]).nvec.tolist())
    opt = torch.optim.Adam(policy.parameters(), lr=lr)
    steps, start = 0, time.perf_counter()
    for k in range(episodes):
        obs = env.reset_array(1000 + seed * 100000 + k)
        logps, ents, rewards, done = [], [], [], False
        while not done:
            a, logp, ent = act(policy, obs)
            obs, r, done, _ = env.step_array(a)
            logps.append(logp)
            ents.append(ent)
            rewards.append(r)
            steps += n
        rewards = np.array(rewards)
        returns = np.zeros_like(rewards)
        g = np.zeros(n)
        for t in range(len(rewards) - 1, -1, -1):
            g = rewards[t] + gamma * g
            returns[t] = g
        adv = torch.from_numpy((returns - returns.mean(axis=1, keepdims=True)) / (returns.std() + 1e-8)).float()
        loss = -(torch.stack(logps) * adv).mean() - entropy_weight * torch.stack(ents).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        if log and (k + 1) % max(1, episodes // 10) == 0:
            log(f"episode {k + 1}/{episodes}: mean reward {rewards.mean():.4f}, "
                f"{steps / (time.perf_counter() - start):.0f} agent-steps/s")
    return policy


def evaluate(env, policy, untrained):
    """Mean reward per task over the evaluation seeds: the trained policy, its ablation (the same network
    untrained), constant and random agents, and the Java heuristics (Greedy, the paper's; greedy-cost, ours and
    the strongest simple one), run wholly in Java."""
    import jpype
    n = len(env.possible_agents)
    nvec = env.action_space(env.possible_agents[0]).nvec
    rng = np.random.default_rng(0)
    cloud = np.tile(np.array([nvec[0] - 1, nvec[1] - 1, 0], dtype=np.int32), (n, 1))

    def mean(choose):
        return float(np.mean([run_episode(env, s, choose).mean() for s in EVAL_SEEDS]))

    out = {}
    with torch.no_grad():
        out["reinforce"] = mean(lambda o: act(policy, o, sample=False)[0])
        out["untrained net"] = mean(lambda o: act(untrained, o, sample=False)[0])
    out["random"] = mean(lambda o: rng.integers(nvec, size=(n, 3)).astype(np.int32))
    out["all local"] = mean(lambda o: np.zeros((n, 3), dtype=np.int32))
    out["all cloud"] = mean(lambda o: cloud)
    AigcEnv = jpype.JClass("org.offload.aigc.AigcEnv")
    stats = jpype.JClass("org.offload.aigc.EpisodeStats")
    scenario = env.java.env().scenario()
    for name, make in (("greedy (Java)", lambda: jpype.JClass("org.offload.aigc.GreedyPolicy")()),
                       ("greedy-cost (Java)", lambda: jpype.JClass("org.offload.aigc.GreedyCostPolicy")(scenario))):
        out[name] = float(np.mean([stats.run(AigcEnv(scenario), make(), s).reward() for s in EVAL_SEEDS]))
    return out


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--episodes", type=int, default=300)
    p.add_argument("--devices", type=int, default=10)
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args(argv)
    torch.set_num_threads(1)
    env = offload_gym.make_aigc("aigc", devices=args.devices, device_id=True)
    untrained = train(env, 0, args.seed, log=None)
    policy = train(env, args.episodes, args.seed)
    results = evaluate(env, policy, untrained)
    for name, value in results.items():
        print(f"{name:>14}: mean reward per task {value:.4f} (evaluation seeds {list(EVAL_SEEDS)})")
    return results


if __name__ == "__main__":
    main()
