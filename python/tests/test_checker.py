"""The API checker itself must be able to fail: each broken environment below breaks one rule of the contract."""

import pytest

from conftest import needs_numpy

pytestmark = needs_numpy


def make_toy(**broken):
    """A tiny pure-Python parallel env (3 agents, 4 steps), with one rule optionally broken."""
    import numpy as np
    from offload_gym import Box, Discrete

    class Toy:
        metadata = {"name": "toy"}

        def __init__(self):
            self.possible_agents = ["a", "b", "c"]
            self.agents = []
            self._obs = {a: Box(0, 1, shape=(2,), dtype=np.float32) for a in self.possible_agents}
            self._act = {a: Discrete(2) for a in self.possible_agents}
            self._buf = np.zeros(2, dtype=np.float32)

        def observation_space(self, agent):
            return Box(0, 1, shape=(2,), dtype=np.float32) if broken.get("new_space") else self._obs[agent]

        def action_space(self, agent):
            return self._act[agent]

        @property
        def num_agents(self):
            return len(self.agents)

        @property
        def max_num_agents(self):
            return len(self.possible_agents)

        def _o(self):
            self._buf[:] = self.rng.random(2)
            if broken.get("out_of_space"):
                self._buf[0] = 2.0
            return self._buf if broken.get("aliased") else self._buf.copy()

        def reset(self, seed=None, options=None):
            self.rng = np.random.default_rng(None if broken.get("ignores_seed") else seed)
            self.t = 0
            self.agents = list(self.possible_agents)
            return {a: self._o() for a in self.agents}, {a: {} for a in self.agents}

        def step(self, actions):
            self.t += 1
            done = self.t >= 4
            live = list(self.agents)
            obs = {a: self._o() for a in live}
            rew = {a: float(actions[a]) for a in live}
            if broken.get("missing_reward"):
                rew.pop(live[-1])
            term = {a: False for a in live}
            trunc = {a: done for a in live}
            if not (done and broken.get("keeps_agents")):
                self.agents = [] if done else live
            return obs, rew, term, trunc, {a: {} for a in live}

    return Toy()


def test_checker_passes_a_correct_env():
    from offload_gym.checks import check_parallel_env
    check_parallel_env(make_toy())


@pytest.mark.parametrize("rule,message", [
    ("new_space", "same space object"),
    ("out_of_space", "outside its space"),
    ("missing_reward", "rewards must be keyed"),
    ("keeps_agents", "less those terminated"),
    ("aliased", "aliased"),
    ("ignores_seed", "same seed"),
])
def test_checker_fails_a_broken_env(rule, message):
    from offload_gym.checks import check_parallel_env
    with pytest.raises(AssertionError, match=message):
        check_parallel_env(make_toy(**{rule: True}))


def make_single_toy(**broken):
    """A tiny single-agent env (5 steps, 3 actions, action 2 masked on odd steps), one rule optionally broken."""
    import numpy as np
    from offload_gym import Box, Discrete

    class Toy:
        def __init__(self):
            self.observation_space = Box(0, 1, shape=(2,), dtype=np.float32)
            self.action_space = Discrete(3)
            self._buf = np.zeros(2, dtype=np.float32)

        def _o(self):
            self._buf[:] = self.rng.random(2)
            if broken.get("wrong_dtype"):
                return self._buf.astype(np.float64)
            return self._buf if broken.get("aliased") else self._buf.copy()

        def reset(self, seed=None, options=None):
            self.rng = np.random.default_rng(None if broken.get("ignores_seed") else seed)
            self.t = 0
            return self._o(), {}

        def action_masks(self):
            m = np.array([True, True, self.t % 2 == 0])
            return m.astype(np.int8) if broken.get("int_mask") else m

        def step(self, action):
            self.t += 1
            reward = True if broken.get("int_reward_bool") else float(action)
            return self._o(), reward, self.t >= 5, False, {}

    return Toy()


def test_single_checker_passes_a_correct_env():
    from offload_gym.checks import check_env
    check_env(make_single_toy(), steps=20)


@pytest.mark.parametrize("rule,message", [
    ("wrong_dtype", "dtype"),
    ("aliased", "aliased"),
    ("ignores_seed", "same seed"),
    ("int_mask", "bool array"),
    ("int_reward_bool", "reward must be a finite real"),
])
def test_single_checker_fails_a_broken_env(rule, message):
    from offload_gym.checks import check_env
    with pytest.raises(AssertionError, match=message):
        check_env(make_single_toy(**{rule: True}), steps=20)
