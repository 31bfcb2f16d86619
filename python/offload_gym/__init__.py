"""Offload's simulators as reinforcement-learning environments, in-process over JPype.

``make_aigc("aigc", devices=10)`` gives the multi-agent AIGC environment in PettingZoo's Parallel API style.
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
