"""The multi-agent AIGC environment (offload-aigc's ``AigcEnv``) in PettingZoo's Parallel API style."""

from __future__ import annotations

import numpy as np

from . import _jvm
from .spaces import Box, MultiDiscrete

try:  # pragma: no cover - depends on the machine
    from pettingzoo import ParallelEnv as _Base

    HAVE_PETTINGZOO = True
except ImportError:
    _Base = object
    HAVE_PETTINGZOO = False

WHERE = ("local", "edge", "relay", "cloud")  # SlotOutcome.Where, by ordinal


class AigcParallelEnv(_Base):
    """Every device is an agent (``device_0`` .. ``device_{N-1}``); all act at once each slot.

    Observation of an agent: float32 vector, the device's normalised local features (``observation_names``).
    Action of an agent: ``MultiDiscrete([J + 1, ratio_levels, 2])`` = (target: edge server 0..J-1 or J = cloud,
    offloading ratio level: ratio = level / (ratio_levels - 1), download the model on a miss: 0/1).
    Reward: the device's reward as the scenario's ``reward.sharing`` says. An episode lasts the scenario's
    ``slots_per_episode`` slots and then every agent is *truncated* (a time limit; no state is terminal).
    Info per agent: ``latency_s``, ``energy_j``, ``deadline_met``, ``where`` (local/edge/relay/cloud).
    """

    metadata = {"name": "offload_aigc_v0", "render_modes": [], "is_parallelizable": True}

    def __init__(self, scenario: str = "aigc", devices: int | None = None, overrides=(), ratio_levels: int = 11,
                 model_aware: bool = True, coordination: bool = True, device_id: bool = False,
                 render_mode=None):
        if render_mode is not None:
            raise ValueError(f"render_mode {render_mode!r} is not supported (no rendering); use None")
        self.render_mode = None
        jpype = _jvm.start()
        sets = [str(o) for o in overrides]
        if devices is not None:
            if int(devices) < 1:
                raise ValueError(f"devices must be >= 1, got {devices}")
            sets.append(f"devices.count={int(devices)}")
        cls = jpype.JClass("org.offload.aigc.AigcArrayEnv")
        with _jvm.java_errors(f"scenario {scenario!r}", ValueError):
            self._java = cls.load(None if scenario == "aigc" else str(scenario), jpype.JArray(jpype.JString)(sets),
                                  bool(model_aware), bool(coordination), bool(device_id), int(ratio_levels))
        n = int(self._java.agents())
        d = int(self._java.observationSize())
        self._n = n
        self.observation_names = [str(s) for s in self._java.observationNames()]
        self.possible_agents = [f"device_{i}" for i in range(n)]
        self._index = {a: i for i, a in enumerate(self.possible_agents)}
        self.agents = []
        self._nvec = np.array([int(self._java.targets()), int(ratio_levels), 2], dtype=np.int64)
        self._obs_spaces = {a: Box(-np.inf, np.inf, shape=(d,), dtype=np.float32) for a in self.possible_agents}
        self._act_spaces = {a: MultiDiscrete(self._nvec) for a in self.possible_agents}
        # Shared memory: Java writes observations, rewards and info, and reads actions, in these arrays.
        self._obs = np.zeros((n, d), dtype=np.float32)
        self._act = np.zeros((n, 3), dtype=np.int32)
        self._rew = np.zeros(n, dtype=np.float64)
        self._info = np.zeros((n, 4), dtype=np.float64)
        nio = jpype.nio.convertToDirectBuffer
        self._java.bind(nio(self._obs), nio(self._act), nio(self._rew), nio(self._info))
        self._done = True

    # --- PettingZoo Parallel API -------------------------------------------------------------------------
    def observation_space(self, agent):
        return self._obs_spaces[self._agent(agent)]

    def action_space(self, agent):
        return self._act_spaces[self._agent(agent)]

    @property
    def observation_spaces(self):
        return dict(self._obs_spaces)

    @property
    def action_spaces(self):
        return dict(self._act_spaces)

    @property
    def num_agents(self):
        return len(self.agents)

    @property
    def max_num_agents(self):
        return len(self.possible_agents)

    def reset(self, seed: int | None = None, options=None):
        """Starts an episode; ``seed=None`` draws one from NumPy's entropy (not reproducible)."""
        obs = self.reset_array(seed)
        self.agents = list(self.possible_agents)
        return {a: obs[i] for i, a in enumerate(self.agents)}, {a: {} for a in self.agents}

    def step(self, actions: dict):
        """One slot: ``actions`` maps every live agent to its action (see the class doc)."""
        if self._done:
            raise _jvm.OffloadError("the episode is over (or never started); call reset()")
        if not isinstance(actions, dict):
            raise TypeError(f"actions must be a dict keyed by agent, got {type(actions).__name__}")
        for agent in actions:
            if agent not in self._index:
                raise ValueError(f"action for unknown agent {agent!r}; agents are device_0 .. device_{self._n - 1}")
        missing = [a for a in self.agents if a not in actions]
        if missing:
            raise ValueError(f"no action for agent(s) {', '.join(missing[:5])}{' ...' if len(missing) > 5 else ''}; "
                             "every live agent acts each slot")
        batch = np.empty((self._n, 3), dtype=np.int32)
        for agent, a in actions.items():
            batch[self._index[agent]] = self._check_action(agent, a)
        obs, rew, done, info = self._step_checked(batch)
        agents = self.agents
        observations = {a: obs[i] for i, a in enumerate(agents)}
        rewards = {a: float(rew[i]) for i, a in enumerate(agents)}
        terminations = {a: False for a in agents}
        truncations = {a: done for a in agents}
        infos = {a: {"latency_s": float(info[i, 0]), "energy_j": float(info[i, 1]),
                     "deadline_met": bool(info[i, 2]), "where": WHERE[int(info[i, 3])]}
                 for i, a in enumerate(agents)}
        if done:
            self.agents = []
        return observations, rewards, terminations, truncations, infos

    def render(self):
        return None

    def close(self):
        self._done = True
        self.agents = []

    def state(self):
        """The global state is not exposed yet (AigcObservation.global); use the agents' observations."""
        raise NotImplementedError("state() is not available: the critics' global features are not bridged yet")

    # --- array API: one call per slot, no dicts ----------------------------------------------------------
    def reset_array(self, seed: int | None = None) -> np.ndarray:
        """Starts an episode; returns a copy of the ``(agents, features)`` float32 observation matrix."""
        if seed is None:
            seed = int(np.random.SeedSequence().entropy % (1 << 63))
        with _jvm.java_errors("reset"):
            self._java.reset(int(seed))
        self._done = False
        return self._obs.copy()

    def step_array(self, actions: np.ndarray):
        """One slot from an ``(agents, 3)`` integer array; returns (observations, rewards, done, info) arrays
        (copies): observations ``(agents, features)``, rewards ``(agents,)``, done bool, info ``(agents, 4)``
        = latency s, energy J, deadline met, where (index into ``WHERE``)."""
        if self._done:
            raise _jvm.OffloadError("the episode is over (or never started); call reset()")
        a = np.asarray(actions)
        if a.shape != (self._n, 3):
            raise ValueError(f"actions must have shape ({self._n}, 3), got {a.shape}")
        if not np.issubdtype(a.dtype, np.integer):
            raise ValueError(f"actions must be integers (target, ratio level, download), got dtype {a.dtype}")
        bad = np.nonzero(np.any((a < 0) | (a >= self._nvec), axis=1))[0]
        if bad.size:
            i = int(bad[0])
            raise ValueError(f"action of {self.possible_agents[i]} is {a[i].tolist()}, outside "
                             f"MultiDiscrete({self._nvec.tolist()})")
        return self._step_checked(a)

    def _step_checked(self, batch):
        self._act[:] = batch
        with _jvm.java_errors("step"):
            done = bool(self._java.step())
        self._done = done
        return self._obs.copy(), self._rew.copy(), done, self._info.copy()

    def _agent(self, agent):
        if agent not in self._index:
            raise ValueError(f"unknown agent {agent!r}; agents are device_0 .. device_{self._n - 1}")
        return agent

    def _check_action(self, agent, a):
        arr = np.asarray(a)
        if arr.shape != (3,):
            raise ValueError(f"action for {agent} must have shape (3,) = (target, ratio level, download), "
                             f"got shape {arr.shape}")
        if not np.issubdtype(arr.dtype, np.integer):
            raise ValueError(f"action for {agent} must be integers, got dtype {arr.dtype}")
        if np.any(arr < 0) or np.any(arr >= self._nvec):
            raise ValueError(f"action for {agent} is {arr.tolist()}, outside MultiDiscrete({self._nvec.tolist()})")
        return arr

    @property
    def java(self):
        """The Java ``AigcArrayEnv`` (its ``env()`` is the raw ``AigcEnv``), for inspection and tests."""
        return self._java

    @property
    def unwrapped(self):
        return self
