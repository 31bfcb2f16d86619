"""A random agent on the multi-agent AIGC environment (PettingZoo Parallel API), one episode per seed.

    /usr/bin/python3 python/examples/aigc_random.py [--devices 10] [--episodes 3]
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

import offload_gym  # noqa: E402


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--devices", type=int, default=10)
    p.add_argument("--episodes", type=int, default=3)
    args = p.parse_args(argv)
    env = offload_gym.make_aigc("aigc", devices=args.devices)
    for seed in range(args.episodes):
        for i, agent in enumerate(env.possible_agents):
            env.action_space(agent).seed(1000 * seed + i)
        env.reset(seed=seed)
        total, met, tasks = 0.0, 0, 0
        while env.agents:
            actions = {a: env.action_space(a).sample() for a in env.agents}
            _, rewards, _, _, infos = env.step(actions)
            total += sum(rewards.values())
            met += sum(i["deadline_met"] for i in infos.values())
            tasks += len(infos)
        print(f"episode {seed}: mean reward per task {total / tasks:.4f}, deadlines met {met / tasks:.1%}")


if __name__ == "__main__":
    main()
