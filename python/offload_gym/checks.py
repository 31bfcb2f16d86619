"""API checkers that assert the contract of PettingZoo's ``parallel_api_test`` (and, for single-agent envs,
Gymnasium's ``check_env``) without needing those packages: written from their documented contract, plus two
checks this package's shared-memory design needs (returned arrays are not aliased to the bridge's buffers, and
the same seed and actions give the same trajectory). Each failed check raises ``AssertionError`` saying what."""

from __future__ import annotations

import numbers

import numpy as np


def _same(a, b) -> bool:
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return np.array_equal(np.asarray(a), np.asarray(b))
    if isinstance(a, (tuple, list)):
        return isinstance(b, (tuple, list)) and len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return a == b


def _rollout(env, seed, cycles):
    """One seeded episode (at most ``cycles`` steps) with actions sampled from seeded action spaces."""
    for i, agent in enumerate(env.possible_agents):
        env.action_space(agent).seed(seed + i)
    obs, _ = env.reset(seed=seed)
    trace = [{a: np.array(o, copy=True) for a, o in obs.items()}]
    for _ in range(cycles):
        if not env.agents:
            break
        actions = {a: env.action_space(a).sample() for a in env.agents}
        obs, rew, term, trunc, _ = env.step(actions)
        trace.append(({a: np.array(o, copy=True) for a, o in obs.items()}, dict(rew), dict(term), dict(trunc)))
    return trace


def check_parallel_env(env, cycles: int = 1000, seed: int = 0) -> None:
    """Asserts the PettingZoo Parallel API contract on ``env`` for two seeded episodes, then determinism."""
    possible = env.possible_agents
    assert isinstance(possible, list) and possible, "possible_agents must be a non-empty list"
    assert len(set(possible)) == len(possible), "possible_agents must be unique"
    for agent in possible:
        assert env.observation_space(agent) is env.observation_space(agent), \
            "observation_space(agent) must return the same space object every call"
        assert env.action_space(agent) is env.action_space(agent), \
            "action_space(agent) must return the same space object every call"
        for space in (env.observation_space(agent), env.action_space(agent)):
            assert hasattr(space, "sample") and hasattr(space, "contains"), f"{space!r} is not a space"
    assert env.max_num_agents == len(possible), "max_num_agents must equal len(possible_agents)"

    for episode in range(2):
        result = env.reset(seed=seed + episode)
        assert isinstance(result, tuple) and len(result) == 2, "reset(seed=...) must return (observations, infos)"
        obs, infos = result
        assert isinstance(obs, dict) and isinstance(infos, dict), "reset must return two dicts keyed by agent"
        assert set(obs) <= set(env.agents) and set(infos) <= set(env.agents), \
            "reset's observations and infos may only hold live agents"
        assert env.agents, "after reset some agent must be live"
        assert set(env.agents) <= set(possible), "agents must be a subset of possible_agents"
        assert env.num_agents == len(env.agents), "num_agents must equal len(agents)"
        for agent, o in obs.items():
            assert env.observation_space(agent).contains(o), f"reset's observation of {agent} is outside its space"
        live = list(env.agents)
        finished = set()
        previous = None
        for _ in range(cycles):
            actions = {a: env.action_space(a).sample() for a in live}
            for agent, a in actions.items():
                assert env.action_space(agent).contains(a), f"sampled action of {agent} is outside its space"
            result = env.step(actions)
            assert isinstance(result, tuple) and len(result) == 5, \
                "step must return (observations, rewards, terminations, truncations, infos)"
            obs, rew, term, trunc, info = result
            for name, d in zip(("observations", "rewards", "terminations", "truncations", "infos"), result):
                assert isinstance(d, dict), f"step's {name} must be a dict"
                assert set(d) == set(live), f"step's {name} must be keyed by exactly the agents live before the step"
            for agent in live:
                assert env.observation_space(agent).contains(obs[agent]), \
                    f"step's observation of {agent} is outside its space"
                assert isinstance(rew[agent], numbers.Real) and np.isfinite(rew[agent]), \
                    f"reward of {agent} must be a finite real number"
                assert isinstance(term[agent], (bool, np.bool_)), f"termination of {agent} must be a bool"
                assert isinstance(trunc[agent], (bool, np.bool_)), f"truncation of {agent} must be a bool"
                assert isinstance(info[agent], dict), f"info of {agent} must be a dict"
            if previous is not None:
                agent, before, copy = previous
                assert np.array_equal(before, copy), \
                    f"the observation returned for {agent} changed after the next step (aliased to a buffer)"
            first = live[0]
            previous = (first, obs[first], np.array(obs[first], copy=True))
            done = {a for a in live if term[a] or trunc[a]}
            for agent in env.agents:
                assert agent not in finished, f"{agent} came back after it was done"
            assert set(env.agents) == set(live) - done, \
                "after a step, agents must be the live agents less those terminated or truncated"
            assert set(env.agents) <= set(possible), "agents must be a subset of possible_agents"
            assert env.num_agents == len(env.agents), "num_agents must equal len(agents)"
            finished |= done
            live = list(env.agents)
            if not live:
                assert finished == set(possible), "the episode ended without every agent finishing"
                break

    a = _rollout(env, seed + 7, cycles)
    b = _rollout(env, seed + 7, cycles)
    assert len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b)), \
        "the same seed and actions must give the same trajectory"


def _masked_sample(env, rng):
    if hasattr(env, "action_masks"):
        return int(rng.choice(np.flatnonzero(env.action_masks())))
    return env.action_space.sample()


def _single_rollout(env, seed, steps):
    rng = np.random.default_rng(seed)
    obs, _ = env.reset(seed=seed)
    trace = [np.array(obs, copy=True)]
    for _ in range(steps):
        obs, r, term, trunc, _ = env.step(_masked_sample(env, rng))
        trace.append((np.array(obs, copy=True), r, term, trunc))
        if term or trunc:
            break
    return trace


def check_env(env, steps: int = 200, seed: int = 0) -> None:
    """Asserts Gymnasium's single-agent contract (what ``gymnasium.utils.env_checker.check_env`` checks: spaces,
    reset and step signatures and types, observations inside the space with its dtype, seeded resets repeat),
    plus action masks (``action_masks()``: one bool per action, some True, the masked-sampled action accepted),
    same seed and actions giving the same trajectory, and returned observations not aliased to buffers."""
    obs_space, act_space = env.observation_space, env.action_space
    for space in (obs_space, act_space):
        assert hasattr(space, "sample") and hasattr(space, "contains"), f"{space!r} is not a space"
    result = env.reset(seed=seed)
    assert isinstance(result, tuple) and len(result) == 2, "reset(seed=...) must return (observation, info)"
    obs, info = result
    assert isinstance(info, dict), "reset's info must be a dict"
    assert isinstance(obs, np.ndarray) and obs.dtype == obs_space.dtype, \
        f"reset's observation must be an ndarray of the space's dtype {obs_space.dtype}"
    assert obs_space.contains(obs), "reset's observation is outside the observation space"
    again, _ = env.reset(seed=seed)
    assert np.array_equal(obs, again), "reset with the same seed must give the same observation"
    rng = np.random.default_rng(seed)
    previous = None
    for _ in range(steps):
        if hasattr(env, "action_masks"):
            mask = env.action_masks()
            assert isinstance(mask, np.ndarray) and mask.dtype == np.bool_, "action_masks() must be a bool array"
            assert mask.shape == (act_space.n,), "action_masks() must hold one entry per action"
            assert mask.any(), "action_masks() must allow some action while the episode runs"
        action = _masked_sample(env, rng)
        assert act_space.contains(action), "the sampled action is outside the action space"
        result = env.step(action)
        assert isinstance(result, tuple) and len(result) == 5, \
            "step must return (observation, reward, terminated, truncated, info)"
        obs, reward, term, trunc, info = result
        assert isinstance(obs, np.ndarray) and obs.dtype == obs_space.dtype, \
            f"step's observation must be an ndarray of the space's dtype {obs_space.dtype}"
        assert obs_space.contains(obs), "step's observation is outside the observation space"
        assert isinstance(reward, numbers.Real) and not isinstance(reward, bool) and np.isfinite(reward), \
            "the reward must be a finite real number"
        assert isinstance(term, (bool, np.bool_)) and isinstance(trunc, (bool, np.bool_)), \
            "terminated and truncated must be bools"
        assert isinstance(info, dict), "step's info must be a dict"
        if previous is not None:
            assert np.array_equal(previous[0], previous[1]), \
                "an observation returned earlier changed after the next step (aliased to a buffer)"
        previous = (obs, np.array(obs, copy=True))
        if term or trunc:
            env.reset(seed=seed + 1)
            previous = None
    a = _single_rollout(env, seed + 7, steps)
    b = _single_rollout(env, seed + 7, steps)
    assert len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b)), \
        "the same seed and actions must give the same trajectory"
