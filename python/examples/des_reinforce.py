"""A masked policy-gradient agent in plain PyTorch (CPU) on the discrete-event default scenario.

Each decision's reward is its own task's outcome, which arrives some steps later; the agent uses the exact credit
the environment reports (info["credited_decisions"]) and, since a task's outcome is its own, learns each decision
as a contextual bandit (REINFORCE with a running-mean baseline, no discounting across tasks). Infeasible actions
are masked out of the softmax. Afterwards it compares the trained policy (argmax) with the same network untrained
(its ablation), the random agent and fixed-preference rules, on the same evaluation seeds.

    /usr/bin/python3 python/examples/des_reinforce.py [--episodes 6] [--devices 200] [--duration 300]
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

import numpy as np  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402

import offload_gym  # noqa: E402

EVAL_SEEDS = (101, 102)


class Policy(nn.Module):
    def __init__(self, inputs, actions, hidden=64):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(inputs, hidden), nn.Tanh(), nn.Linear(hidden, actions))
        self.register_buffer("mean", torch.zeros(inputs))
        self.register_buffer("std", torch.ones(inputs))

    def logits(self, obs, mask):
        z = self.net((obs - self.mean) / self.std)
        return z.masked_fill(~mask, -1e9)


def normalise_from(env, policy, seed, steps=2000):
    """Observation mean and std from a random-agent run (the network sees standardised features)."""
    rng = np.random.default_rng(seed)
    env.reset(seed=seed)
    xs = []
    for _ in range(steps):
        obs, _, te, tr, _ = env.step(int(rng.choice(np.flatnonzero(env.action_masks()))))
        xs.append(obs)
        if te or tr:
            env.reset()
    x = np.array(xs)
    policy.mean[:] = torch.from_numpy(x.mean(0))
    policy.std[:] = torch.from_numpy(x.std(0) + 1e-6)


def credited_batches(env, seed, sample, batch):
    """Runs one episode (``env.reset(seed=seed)``), choosing each action with ``sample(obs, mask) -> (action,
    extra)``, and yields each decision once its task's outcome is credited, in batches of ``batch`` (and the rest at
    the episode's end): stacked observations, masks, actions, the extras (a list) and the rewards, as tensors."""
    obs, _ = env.reset(seed=seed)
    pending = {}  # decision index -> (observation, mask, action, extra), until its reward arrives
    decided, rewards = [], []
    done = False
    while not done:
        mask = env.action_masks()
        a, extra = sample(obs, mask)
        decided_obs = obs
        obs, _, te, tr, info = env.step(a)
        pending[info["decided"]] = (decided_obs, mask, a, extra)
        for d, r in zip(info["credited_decisions"], info["credited_rewards"]):
            decided.append(pending.pop(int(d)))
            rewards.append(float(r))
        done = te or tr
        if len(rewards) >= batch or (done and rewards):
            yield (torch.from_numpy(np.stack([b[0] for b in decided])),
                   torch.from_numpy(np.stack([b[1] for b in decided])),
                   torch.tensor([b[2] for b in decided]), [b[3] for b in decided], torch.tensor(rewards))
            decided, rewards = [], []


def train(env, episodes, seed, lr=3e-3, batch=256, log=print):
    torch.manual_seed(seed)
    policy = Policy(env.observation_space.shape[0], env.action_space.n)
    normalise_from(env, policy, seed)
    if episodes == 0:
        return policy
    opt = torch.optim.Adam(policy.parameters(), lr=lr)
    baseline = 0.0

    def sample(obs, mask):
        with torch.no_grad():
            logits = policy.logits(torch.from_numpy(obs), torch.from_numpy(mask))
        return int(torch.distributions.Categorical(logits=logits).sample()), None

    for k in range(episodes):
        total, n = 0.0, 0
        for x, m, acts, _, r in credited_batches(env, 1000 * seed + k, sample, batch):
            logp = torch.distributions.Categorical(logits=policy.logits(x, m)).log_prob(acts)
            loss = -(logp * (r - baseline)).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
            baseline = 0.9 * baseline + 0.1 * float(r.mean())
            total, n = total + float(r.sum()), n + len(r)
        if log:
            log(f"episode {k + 1}/{episodes}: mean reward per decision {total / max(n, 1):.4f}, "
                f"failure rate {env.result()['failure_rate']:.3f}")
    return policy


def run(env, seed, choose):
    obs, _ = env.reset(seed=seed)
    total, n, done = 0.0, 0, False
    while not done:
        obs, r, te, tr, _ = env.step(choose(obs, env.action_masks()))
        total, n, done = total + r, n + 1, te or tr
    return total / n, env.result()["failure_rate"]


def evaluate(env, policy, untrained):
    rng = np.random.default_rng(0)

    def greedy(net):
        def choose(obs, mask):
            with torch.no_grad():
                return int(net.logits(torch.from_numpy(obs), torch.from_numpy(mask)).argmax())
        return choose

    def prefer(order):
        return lambda obs, mask: next(a for a in order if mask[a])

    agents = {"trained": greedy(policy), "untrained net": greedy(untrained),
              "random": lambda obs, mask: int(rng.choice(np.flatnonzero(mask))),
              "prefer local-edge": prefer([0, 1, 2, 3, 4]), "prefer cloud": prefer([2, 0, 1, 3, 4]),
              "prefer device": prefer([3, 0, 1, 2, 4])}
    out = {}
    for name, choose in agents.items():
        runs = [run(env, s, choose) for s in EVAL_SEEDS]
        out[name] = (float(np.mean([r for r, _ in runs])), float(np.mean([f for _, f in runs])))
    return out


def main(argv=None):
    return run_example(argv, train, __doc__.splitlines()[0], episodes=6)


def run_example(argv, train_fn, description, episodes):
    """The examples' command line: trains with ``train_fn(env, episodes, seed)`` on the default scenario, then
    prints and returns ``evaluate``'s table (shared with des_ppo.py)."""
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--episodes", type=int, default=episodes)
    p.add_argument("--devices", type=int, default=200)
    p.add_argument("--duration", type=float, default=300)
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args(argv)
    torch.set_num_threads(1)
    env = offload_gym.make("default", devices=args.devices,
                           overrides=[f"duration_s={args.duration}", "warmup_s=0"])
    untrained = train_fn(env, 0, args.seed, log=None)
    policy = train_fn(env, args.episodes, args.seed)
    results = evaluate(env, policy, untrained)
    for name, (reward, failed) in results.items():
        print(f"{name:>18}: mean reward per decision {reward:.4f}, failure rate {failed:.3f} "
              f"(evaluation seeds {list(EVAL_SEEDS)})")
    return results


if __name__ == "__main__":
    main()
