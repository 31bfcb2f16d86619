"""The discrete-event environment (offload-rl's ``OffloadEnv``, ``VectorEnv``) in Gymnasium's API style."""

from __future__ import annotations

import numpy as np

from . import _jvm
from .spaces import HAVE_GYMNASIUM, Box, Discrete, MultiDiscrete

if HAVE_GYMNASIUM:  # pragma: no cover - depends on the machine
    import gymnasium as _gym

    _EnvBase = _gym.Env
else:
    _EnvBase = object

SCALARS = 8
CREDIT_CAPACITY = 4096


def _config(jpype, scenario, devices, overrides, actions, reward, failure_penalty, energy_weight, max_steps,
            enforce_mask, features, vm_state):
    """The Java EnvConfig: the scenario loaded as ``offload run`` loads it (a bundled name or a YAML file)."""
    sets = [str(o) for o in overrides]
    if devices is not None:
        if int(devices) < 1:
            raise ValueError(f"devices must be >= 1, got {devices}")
        sets.append(f"devices.count={int(devices)}")
    J = jpype.JClass
    loader = J("org.offload.io.ScenarioLoader")()
    jsets = jpype.java.util.ArrayList()
    for s in sets:
        jsets.add(s)
    with _jvm.java_errors(f"scenario {scenario!r}", ValueError):
        bundled = [str(n) for n in J("org.offload.io.ScenarioLoader").bundledScenarios()]
        if str(scenario) in bundled:
            sc = loader.loadResource(f"{scenario}.yaml", jsets)
        else:
            import os
            if not os.path.isfile(str(scenario)):
                raise ValueError(f"scenario {scenario!r} is neither a bundled scenario ({', '.join(bundled)}) "
                                 "nor a file")
            sc = loader.load(J("java.nio.file.Path").of(str(scenario), []), jsets)
    with _jvm.java_errors("environment options", ValueError):
        space = J("org.offload.rl.ActionSpace").parse(str(actions))
        cfg = J("org.offload.rl.EnvConfig").of(sc).withActions(space)
        if features is not None or vm_state is not None:
            names = jpype.java.util.ArrayList()
            default = cfg.observation()
            for f in (features if features is not None else [str(x) for x in default.tierFeatures()]):
                names.add(str(f))
            cfg = cfg.withObservation(J("org.offload.rl.ObservationSpec")(
                names, bool(default.vmState() if vm_state is None else vm_state)))
        spec = J("org.offload.rl.RewardSpec")
        cfg = cfg.withReward(spec(spec.mode(str(reward)), float(failure_penalty), float(energy_weight)))
        cfg = cfg.withMaxSteps(int(max_steps)).withEnforcedMask(bool(enforce_mask))
    return cfg


def _check_action(action, n):
    if isinstance(action, (bool, np.bool_)):
        raise ValueError(f"action must be an integer in 0..{n - 1} (Discrete({n})), got a bool")
    if isinstance(action, np.ndarray):
        if action.shape != ():
            raise ValueError(f"action must be a single integer (Discrete({n})), got an array of shape {action.shape}")
        action = action[()]
    if not isinstance(action, (int, np.integer)):
        raise ValueError(f"action must be an integer in 0..{n - 1} (Discrete({n})), got {type(action).__name__} "
                         f"{action!r}")
    a = int(action)
    if not 0 <= a < n:
        raise ValueError(f"action {a} is out of range: expected 0..{n - 1} (Discrete({n}))")
    return a


class OffloadEnv(_EnvBase):
    """One simulation; every task is a decision. Gymnasium's API: ``reset(seed=...) -> (obs, info)``,
    ``step(a) -> (obs, reward, terminated, truncated, info)``, ``action_masks()``.

    Observation: float32, the raw tier features of the waiting task and the system (``observation_names``;
    seconds, GB, Mbit/s, shares: normalise them), plus the VMs' state for ``actions="tier-vm"``. Action:
    ``Discrete(n)``: tiers (local-edge, remote-edge, cloud, device, reject) or device, one per VM, reject.
    Reward: ``outcome`` (default; a task's reward arrives with the step during which it ends: ``info``'s
    ``credited_decisions`` / ``credited_rewards`` say whose) or ``estimate`` (at the decision). ``terminated``:
    the simulation ran to its end; ``truncated``: ``max_steps`` decisions were taken. See docs/python.md, docs/rl.md.
    """

    metadata = {"render_modes": []}

    def __init__(self, scenario: str = "default", devices: int | None = None, seed: int | None = None,
                 overrides=(), actions: str = "tier", reward: str = "outcome", failure_penalty: float = 2.0,
                 energy_weight: float = 0.0, max_steps: int = 0, enforce_mask: bool = True, features=None,
                 vm_state=None, render_mode=None):
        if render_mode is not None:
            raise ValueError(f"render_mode {render_mode!r} is not supported (no rendering); use None")
        self.render_mode = None
        jpype = _jvm.start()
        cfg = _config(jpype, scenario, devices, overrides, actions, reward, failure_penalty, energy_weight,
                      max_steps, enforce_mask, features, vm_state)
        with _jvm.java_errors("environment", ValueError):
            self._java = jpype.JClass("org.offload.rl.BufferEnv")(cfg)
        env = self._java.env()
        self.observation_names = [str(s) for s in env.observationNames()]
        self.action_names = [str(s) for s in env.actionNames()]
        d, self._n = len(self.observation_names), len(self.action_names)
        self.observation_space = Box(-np.inf, np.inf, shape=(d,), dtype=np.float32)
        self.action_space = Discrete(self._n)
        self._obs = np.zeros(d, dtype=np.float32)
        self._mask = np.zeros(self._n, dtype=np.int8)
        self._scalars = np.zeros(SCALARS, dtype=np.float64)
        self._ids = np.zeros(CREDIT_CAPACITY, dtype=np.int64)
        self._rewards = np.zeros(CREDIT_CAPACITY, dtype=np.float64)
        nio = jpype.nio.convertToDirectBuffer
        self._java.bind(nio(self._obs), nio(self._mask), nio(self._scalars), nio(self._ids), nio(self._rewards))
        self._step = self._java.step
        self._jexception = jpype.JException
        self._enforce = bool(enforce_mask)
        self._next_seed = seed
        self._done = True

    def reset(self, *, seed: int | None = None, options=None):
        """Starts an episode: with ``seed``, or else the next of the seed given to make (seed, seed + 1, ...), or
        else a fresh random seed."""
        if seed is None:
            seed = self._next_seed if self._next_seed is not None else int(np.random.SeedSequence().entropy % (1 << 62))
        self._next_seed = int(seed) + 1
        if HAVE_GYMNASIUM:  # pragma: no cover
            super().reset(seed=int(seed))
        with _jvm.java_errors("reset"):
            self._java.reset(int(seed))
        self._done = bool(self._scalars[1] or self._scalars[2])
        return self._obs.copy(), self._info()

    def step(self, action):
        if self._done:
            raise _jvm.OffloadError("the episode is over (or never started); call reset()")
        a = _check_action(action, self._n)
        if self._enforce and not self._mask[a]:
            feasible = [f"{i} {self.action_names[i]}" for i in np.flatnonzero(self._mask)]
            raise ValueError(f"action {a} ({self.action_names[a]}) is masked as infeasible for this task; "
                             f"feasible: {', '.join(feasible)}")
        try:
            self._step(a)
        except self._jexception as e:
            raise _jvm.plain(e, "step", ValueError) from _jvm.debug_cause(e)
        s = self._scalars
        terminated, truncated = bool(s[1]), bool(s[2])
        self._done = terminated or truncated
        return self._obs.copy(), float(s[0]), terminated, truncated, self._info()

    def _info(self):
        s = self._scalars
        k = int(s[6])
        if k <= CREDIT_CAPACITY:
            ids, rewards = self._ids[:k].copy(), self._rewards[:k].copy()
        else:  # rare: more tasks ended in one step than the buffers hold
            env = self._java.env()
            ids = np.array([env.creditedDecision(i) for i in range(k)], dtype=np.int64)
            rewards = np.array([env.creditedReward(i) for i in range(k)], dtype=np.float64)
        return {"time_s": float(s[3]), "decided": int(s[4]), "next": int(s[5]), "credited_decisions": ids,
                "credited_rewards": rewards, "action_mask": self._mask.astype(bool)}

    def action_masks(self) -> np.ndarray:
        """Which actions are feasible for the waiting task (bool, one per action; all False once done)."""
        return self._mask.astype(bool)

    def result(self) -> dict:
        """Headline numbers of the simulation once the episode has terminated, as ``offload run`` measures them
        (tasks generated after the warm-up, failure rate, mean service time); ``java`` is the whole
        ``SimulationResult``."""
        with _jvm.java_errors("result", _jvm.OffloadError):
            r = self._java.env().result()
        o = r.overall()
        return {"generated": int(o.generated()), "completed": int(o.completed()), "failed": int(o.failed()),
                "failure_rate": float(o.failureRate()), "service_time_mean_s": float(o.serviceTimeS().mean()),
                "tasks_generated_total": int(r.tasksGeneratedTotal()), "java": r}

    def render(self):
        return None

    def close(self):
        self._done = True

    @property
    def java(self):
        """The Java ``BufferEnv`` (``env()`` is the ``OffloadEnv``), for inspection and tests."""
        return self._java

    @property
    def unwrapped(self):
        return self


class OffloadVecEnv:
    """``num_envs`` independent simulations stepped by one call (offload-rl's ``VectorEnv``): actions an int array
    ``(num_envs,)``; observations ``(num_envs, features)`` float32; rewards, terminated, truncated ``(num_envs,)``.
    Env i's episodes use seeds ``seed + i + num_envs * episode``. An env whose episode ends is reset in the same
    step (Gymnasium's same-step autoreset): its observation is the next episode's first, and its reward,
    terminated and truncated belong to the episode that ended. ``threads > 1`` steps the envs on a Java pool;
    results do not depend on it."""

    metadata = {"render_modes": [], "autoreset_mode": "same-step"}

    def __init__(self, scenario: str = "default", num_envs: int = 16, devices: int | None = None,
                 seed: int | None = None, threads: int = 1, overrides=(), actions: str = "tier",
                 reward: str = "outcome", failure_penalty: float = 2.0, energy_weight: float = 0.0,
                 max_steps: int = 0, enforce_mask: bool = True, features=None, vm_state=None):
        jpype = _jvm.start()
        if int(num_envs) < 1:
            raise ValueError(f"num_envs must be >= 1, got {num_envs}")
        cfg = _config(jpype, scenario, devices, overrides, actions, reward, failure_penalty, energy_weight,
                      max_steps, enforce_mask, features, vm_state)
        with _jvm.java_errors("vector environment", ValueError):
            self._java = jpype.JClass("org.offload.rl.BufferVectorEnv")(cfg, int(num_envs), int(threads))
        vec = self._java.vector()
        env0 = vec.env(0)
        self.num_envs = n = int(num_envs)
        self.observation_names = [str(s) for s in env0.observationNames()]
        self.action_names = [str(s) for s in env0.actionNames()]
        d, a = len(self.observation_names), len(self.action_names)
        self._a = a
        self.single_observation_space = Box(-np.inf, np.inf, shape=(d,), dtype=np.float32)
        self.single_action_space = Discrete(a)
        self.observation_space = Box(-np.inf, np.inf, shape=(n, d), dtype=np.float32)
        self.action_space = MultiDiscrete(np.full(n, a))
        self._obs = np.zeros((n, d), dtype=np.float32)
        self._act = np.zeros(n, dtype=np.int32)
        self._rew = np.zeros(n, dtype=np.float64)
        self._flags = np.zeros((n, 2), dtype=np.int8)
        self._masks = np.zeros((n, a), dtype=np.int8)
        nio = jpype.nio.convertToDirectBuffer
        self._java.bind(nio(self._obs), nio(self._act), nio(self._rew), nio(self._flags), nio(self._masks))
        self._next_seed = seed
        self._started = False

    def reset(self, *, seed: int | None = None, options=None):
        if seed is None:
            seed = self._next_seed if self._next_seed is not None else int(np.random.SeedSequence().entropy % (1 << 62))
        self._next_seed = int(seed) + (1 << 20)
        with _jvm.java_errors("reset"):
            self._java.reset(int(seed))
        self._started = True
        return self._obs.copy(), {}

    def step(self, actions):
        if not self._started:
            raise _jvm.OffloadError("call reset() before step()")
        a = np.asarray(actions)
        if a.shape != (self.num_envs,):
            raise ValueError(f"actions must have shape ({self.num_envs},), one per env, got {a.shape}")
        if not np.issubdtype(a.dtype, np.integer) or a.dtype == np.bool_:
            raise ValueError(f"actions must be integers, got dtype {a.dtype}")
        if a.min() < 0 or a.max() >= self._a:
            i = int(np.flatnonzero((a < 0) | (a >= self._a))[0])
            raise ValueError(f"action of env {i} is {int(a[i])}: expected 0..{self._a - 1} (Discrete({self._a}))")
        self._act[:] = a
        with _jvm.java_errors("step", ValueError):
            self._java.step()
        return (self._obs.copy(), self._rew.copy(), self._flags[:, 0].astype(bool), self._flags[:, 1].astype(bool),
                {})

    def action_masks(self) -> np.ndarray:
        """``(num_envs, actions)`` bool: the feasible actions of each env's waiting task."""
        return self._masks.astype(bool)

    def close(self):
        self._java.close()

    @property
    def java(self):
        return self._java
