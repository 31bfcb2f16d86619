"""PPO in plain PyTorch (CPU, one thread) on the discrete-event default scenario, with masked actions.

The agent is an actor-critic: a masked categorical policy (infeasible actions are masked out of the softmax) and a
state-value head. Each decision's reward is its own task's outcome, which arrives some steps later; like
des_reinforce.py the agent uses the exact credit the environment reports (info["credited_decisions"]), so a
decision's return is exactly its own reward and the advantage is that reward minus the value head's estimate for
the decision's state. Generalised advantage estimation (GAE) over a trajectory is therefore not needed: with each
decision's reward its own task's outcome there is nothing to bootstrap from the next decision (each decision is a
contextual bandit, as in des_reinforce.py; the load a decision leaves for later tasks is not credited to it, the
same simplification). The update is PPO's: the clipped surrogate objective, a value loss and an entropy bonus,
several epochs of shuffled minibatches over each rollout (``rollout_size`` credited decisions, or the rest of the
episode). A decision still waiting for its outcome at an update keeps the log-probability it was sampled with, so
its ratio is taken against the policy that acted.
Afterwards it compares the trained policy (argmax) with the same network untrained (its ablation), the random agent
and fixed-preference rules, on held-out evaluation seeds (des_reinforce.py's helpers, imported).

    /usr/bin/python3 python/examples/des_ppo.py [--episodes 4] [--devices 200] [--duration 300]
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # for des_reinforce

import torch  # noqa: E402
from torch import nn  # noqa: E402

from des_reinforce import Policy, credited_batches, normalise_from, run_example  # noqa: E402


class ActorCritic(Policy):
    """des_reinforce's masked policy plus a state-value head on the same standardised features."""

    def __init__(self, inputs, actions, hidden=64):
        super().__init__(inputs, actions, hidden)
        self.value_net = nn.Sequential(nn.Linear(inputs, hidden), nn.Tanh(), nn.Linear(hidden, 1))

    def value(self, obs):
        return self.value_net((obs - self.mean) / self.std).squeeze(-1)


def ppo_update(net, opt, x, m, acts, old_logp, r, epochs, minibatch, clip, ent_coef, vf_coef, gen):
    """PPO's clipped update over one rollout of credited decisions (x: observations, m: masks, r: rewards)."""
    with torch.no_grad():
        adv = r - net.value(x)
        adv = (adv - adv.mean()) / (adv.std() + 1e-8) if len(adv) > 1 else adv
    n = len(r)
    for _ in range(epochs):
        for idx in torch.randperm(n, generator=gen).split(minibatch):
            dist = torch.distributions.Categorical(logits=net.logits(x[idx], m[idx]))
            ratio = torch.exp(dist.log_prob(acts[idx]) - old_logp[idx])
            surrogate = torch.min(ratio * adv[idx], torch.clamp(ratio, 1 - clip, 1 + clip) * adv[idx])
            # Entropy over the feasible actions only (masked logits carry ~zero probability).
            p = dist.probs
            entropy = -(p * torch.log(p.clamp_min(1e-12))).sum(-1)
            loss = (-surrogate.mean() + vf_coef * ((net.value(x[idx]) - r[idx]) ** 2).mean()
                    - ent_coef * entropy.mean())
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(net.parameters(), 0.5)
            opt.step()


def train(env, episodes, seed, lr=3e-3, rollout_size=2048, epochs=4, minibatch=256, clip=0.2, ent_coef=0.01,
          vf_coef=0.5, log=print):
    """Trains for ``episodes`` episodes (seeds 1000 * seed + k); one PPO update per ``rollout_size`` credited
    decisions (and at an episode's end)."""
    torch.manual_seed(seed)
    gen = torch.Generator().manual_seed(seed)
    net = ActorCritic(env.observation_space.shape[0], env.action_space.n)
    normalise_from(env, net, seed)
    if episodes == 0:
        return net
    opt = torch.optim.Adam(net.parameters(), lr=lr)

    def sample(obs, mask):
        with torch.no_grad():
            dist = torch.distributions.Categorical(logits=net.logits(torch.from_numpy(obs), torch.from_numpy(mask)))
            a = dist.sample()
        return int(a), float(dist.log_prob(a))

    for k in range(episodes):
        total, n = 0.0, 0
        for x, m, acts, old_logp, r in credited_batches(env, 1000 * seed + k, sample, rollout_size):
            ppo_update(net, opt, x, m, acts, torch.tensor(old_logp), r, epochs, minibatch, clip, ent_coef, vf_coef,
                       gen)
            total, n = total + float(r.sum()), n + len(r)
        if log:
            log(f"episode {k + 1}/{episodes}: mean reward per decision {total / max(n, 1):.4f}, "
                f"failure rate {env.result()['failure_rate']:.3f}")
    return net


def main(argv=None):
    return run_example(argv, train, __doc__.splitlines()[0], episodes=4)


if __name__ == "__main__":
    main()
