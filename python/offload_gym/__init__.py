"""Offload's simulators as reinforcement-learning environments, in-process over JPype.

``make("default", devices=200, seed=1)`` gives the discrete-event environment (Gymnasium's API),
``make_vec("default", num_envs=16)`` a batch of them stepped by one call, and ``make_aigc("aigc", devices=10)``
the multi-agent AIGC environment in PettingZoo's Parallel API style.
See docs/python.md."""

from __future__ import annotations

from ._jvm import JvmError, OffloadError
from .aigc import AigcParallelEnv
from .spaces import HAVE_GYMNASIUM, Box, Discrete, MultiDiscrete

__all__ = ["make_aigc", "AigcParallelEnv", "Box", "Discrete", "MultiDiscrete", "OffloadError", "JvmError",
           "HAVE_GYMNASIUM"]


def make_aigc(scenario: str = "aigc", devices: int | None = None, **kwargs) -> AigcParallelEnv:
    """The AIGC environment: ``scenario`` is "aigc" (the bundled scenarios/aigc.yaml) or a YAML file;
    ``devices`` overrides ``devices.count``; ``overrides`` is a list of ``key=value`` like ``offload aigc --set``;
    ``ratio_levels`` (default 11), ``model_aware``, ``coordination``, ``device_id`` select the action grid and
    the observation's feature groups (Features in offload-aigc)."""
    return AigcParallelEnv(scenario, devices=devices, **kwargs)


from .des import OffloadEnv, OffloadVecEnv  # noqa: E402

__all__ += ["make", "make_vec", "OffloadEnv", "OffloadVecEnv"]


def make(scenario: str = "default", devices: int | None = None, seed: int | None = None, **kwargs) -> OffloadEnv:
    """The discrete-event environment over ``scenario`` (a bundled name such as "default", or a YAML file):
    ``devices`` overrides ``devices.count``; ``seed`` seeds the first episode (then seed + 1, ...); ``overrides``
    are ``key=value`` like ``offload run --set``; ``actions`` "tier" or "tier-vm"; ``reward`` "outcome" or
    "estimate", ``failure_penalty``, ``energy_weight``; ``max_steps`` (0: run to the scenario's end);
    ``enforce_mask``; ``features`` (a subset of the tier features), ``vm_state``."""
    return OffloadEnv(scenario, devices=devices, seed=seed, **kwargs)


def make_vec(scenario: str = "default", num_envs: int = 16, devices: int | None = None, seed: int | None = None,
             **kwargs) -> OffloadVecEnv:
    """``num_envs`` discrete-event environments stepped together by one call (``threads`` Java threads);
    same options as ``make``."""
    return OffloadVecEnv(scenario, num_envs=num_envs, devices=devices, seed=seed, **kwargs)


if HAVE_GYMNASIUM:  # pragma: no cover - only where gymnasium is installed
    import gymnasium as _gymnasium

    if "offload_gym/Offload-v0" not in _gymnasium.registry:
        _gymnasium.register(id="offload_gym/Offload-v0", entry_point="offload_gym.des:OffloadEnv")
