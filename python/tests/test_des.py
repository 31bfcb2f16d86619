"""The discrete-event environment through Python: Gymnasium's contract, determinism, masking, vectorised equals
sequential, equality with the same episode run wholly in Java, and plain errors for bad input."""

import pytest

from conftest import needs_jvm, run_python

pytestmark = needs_jvm

# A short scenario: 20 devices for 300 simulated seconds (~1,000 decisions per episode).
SMALL = dict(devices=20, overrides=["duration_s=300", "warmup_s=0"])


@pytest.fixture(scope="module")
def env():
    import offload_gym
    return offload_gym.make("default", seed=1, **SMALL)


def random_episode(env, seed, steps=10**9):
    """Masked random actions from a seeded generator; the trajectory as (obs, reward, terminated, truncated)."""
    import numpy as np
    rng = np.random.default_rng(seed)
    obs, _ = env.reset(seed=seed)
    out = [obs]
    for _ in range(steps):
        obs, r, te, tr, info = env.step(int(rng.choice(np.flatnonzero(env.action_masks()))))
        out.append((obs, r, te, tr, info["credited_decisions"]))
        if te or tr:
            break
    return out


def same(a, b):
    import numpy as np
    if isinstance(a, tuple):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return np.array_equal(np.asarray(a), np.asarray(b))


def test_gymnasium_contract(env):
    from offload_gym.checks import check_env
    check_env(env, steps=300, seed=2)
    assert env.action_names == ["local-edge", "remote-edge", "cloud", "device", "reject"]
    assert env.observation_space.shape == (25,) and env.action_space.n == 5


def test_same_seed_and_actions_give_the_same_trajectory_to_the_end(env):
    a, b = random_episode(env, 5), random_episode(env, 5)
    assert len(a) > 500 and a[-1][2], "a whole episode, terminated"
    assert len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    assert not same(a[1], random_episode(env, 6, steps=1)[1])


def test_every_decision_is_credited_once_over_a_terminated_episode(env):
    import numpy as np
    trace = random_episode(env, 3)
    credited = np.concatenate([t[4] for t in trace[1:]])
    assert sorted(credited.tolist()) == list(range(len(trace) - 1))


def test_masks_are_enforced_and_reported(env):
    import numpy as np
    import offload_gym
    env.reset(seed=4)
    rng = np.random.default_rng(0)
    while env.action_masks().all():  # run until some action is infeasible
        _, _, te, tr, info = env.step(int(rng.choice(np.flatnonzero(env.action_masks()))))
        assert not (te or tr), "no masked action appeared in the episode"
    mask = env.action_masks()
    assert np.array_equal(mask, info["action_mask"])
    bad = int(np.flatnonzero(~mask)[0])
    with pytest.raises(ValueError, match="masked as infeasible"):
        env.step(bad)
    loose = offload_gym.make("default", seed=1, enforce_mask=False, **SMALL)
    loose.reset(seed=4)
    loose.step(4)  # reject is always allowed; the mask is advisory here
    assert loose.action_masks().any()


def test_vectorised_equals_sequential():
    import numpy as np
    import offload_gym
    n, seed = 3, 40
    vec = offload_gym.make_vec("default", num_envs=n, seed=seed, **SMALL)
    singles = [offload_gym.make("default", **SMALL) for _ in range(n)]
    obs, _ = vec.reset()
    for i, e in enumerate(singles):
        o, _ = e.reset(seed=seed + i)
        assert np.array_equal(obs[i], o)
    assert np.array_equal(vec.action_masks(), np.stack([e.action_masks() for e in singles]))
    rng = np.random.default_rng(1)
    ended = 0
    for _ in range(1500):
        acts = np.array([rng.choice(np.flatnonzero(m)) for m in vec.action_masks()])
        obs, rew, te, tr, _ = vec.step(acts)
        for i, e in enumerate(singles):
            o, r, t1, t2, _ = e.step(int(acts[i]))
            assert r == rew[i] and t1 == te[i] and t2 == tr[i]
            if t1 or t2:
                ended += 1
                o, _ = e.reset(seed=seed + i + n)  # env i's second episode (VectorEnv's seeds)
            assert np.array_equal(obs[i], o)
        assert np.array_equal(vec.action_masks(), np.stack([e.action_masks() for e in singles]))
    assert ended >= 1, "the comparison must cross an automatic reset"
    vec.close()


def test_python_episode_equals_the_java_episode(env):
    """Java's RandomAgent picks the actions in both: wholly in Java (RandomDrive.episode) and step by step
    through Python; the simulations' results are equal (all but the wall-clock fields)."""
    import jpype
    cfg = env.java.env().config()
    java = jpype.JClass("org.offload.rl.RandomDrive").episode(cfg, 8, 99)
    agent = jpype.JClass("org.offload.rl.RandomAgent")(99)
    env.reset(seed=8)
    done = False
    while not done:
        _, _, te, tr, _ = env.step(int(agent.act(env.java.env().actionMask())))
        done = te or tr
    py = env.result()["java"]
    assert py.overall().equals(java.overall())
    assert py.perTier().equals(java.perTier())
    assert py.deviceEnergyTotalJ() == java.deviceEnergyTotalJ()
    assert py.tasksGeneratedTotal() == java.tasksGeneratedTotal() and py.eventsProcessed() == java.eventsProcessed()


@pytest.mark.parametrize("action,message", [
    (1.0, "must be an integer"),
    (True, "got a bool"),
    ([0, 1], "single integer.*shape \\(2,\\)"),
    (7, "out of range: expected 0..4"),
])
def test_bad_actions_are_plain_python_errors(env, action, message):
    import numpy as np
    env.reset(seed=1)
    with pytest.raises(ValueError, match=message) as e:
        env.step(np.array(action) if isinstance(action, list) else action)
    assert e.value.__cause__ is None and "java" not in str(e.value)


def test_bad_vector_actions_step_after_end_and_bad_scenarios_are_plain_errors(env):
    import numpy as np
    import offload_gym
    vec = offload_gym.make_vec("default", num_envs=2, seed=1, **SMALL)
    vec.reset()
    with pytest.raises(ValueError, match="shape \\(2,\\)"):
        vec.step(np.zeros(3, dtype=np.int64))
    with pytest.raises(ValueError, match="integers"):
        vec.step(np.zeros(2))
    vec.close()
    short = offload_gym.make("default", seed=1, max_steps=3, **SMALL)
    short.reset()
    for _ in range(3):
        _, _, te, tr, _ = short.step(4)
    assert tr and not te
    with pytest.raises(offload_gym.OffloadError, match="call reset"):
        short.step(4)
    with pytest.raises(ValueError, match="neither a bundled scenario"):
        offload_gym.make("no-such-scenario")
    with pytest.raises(ValueError) as e:
        offload_gym.make("default", overrides=["devices.colour=3"])
    assert "colour" in str(e.value) and "java." not in str(e.value).lower() and e.value.__cause__ is None
    with pytest.raises(ValueError, match="tier-vm"):
        offload_gym.make("default", actions="tiers")
