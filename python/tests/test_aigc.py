"""The AIGC environment through Python: API contract, determinism, equality with the same episode in Java,
and plain errors for bad input."""

import pytest

from conftest import needs_jvm, run_python

pytestmark = needs_jvm

DEVICES = 6


@pytest.fixture(scope="module")
def env():
    import offload_gym
    return offload_gym.make_aigc("aigc", devices=DEVICES)


def test_parallel_api_contract(env):
    from offload_gym.checks import check_parallel_env
    check_parallel_env(env, cycles=100, seed=3)
    assert env.possible_agents == [f"device_{i}" for i in range(DEVICES)]
    assert env.action_space("device_0").nvec.tolist() == [4, 11, 2]  # 3 edge servers + cloud, 11 ratio levels
    assert env.observation_space("device_0").shape == (len(env.observation_names),)


def episode(env, seed, action_seed):
    import numpy as np
    rng = np.random.default_rng(action_seed)
    obs, _ = env.reset(seed=seed)
    trace = [np.stack([obs[a] for a in env.possible_agents])]
    while env.agents:
        actions = {a: rng.integers(env.action_space(a).nvec) for a in env.agents}
        obs, rew, term, trunc, info = env.step(actions)
        trace.append((np.stack([obs[a] for a in env.possible_agents]), [rew[a] for a in env.possible_agents],
                      [info[a]["latency_s"] for a in env.possible_agents]))
    return trace


def same(a, b):
    import numpy as np
    if isinstance(a, tuple):
        return all(same(x, y) for x, y in zip(a, b))
    return np.array_equal(np.asarray(a), np.asarray(b))


def test_same_seed_and_actions_give_the_same_trajectory(env):
    a, b = episode(env, 11, 1), episode(env, 11, 1)
    assert len(a) == 31 and all(same(x, y) for x, y in zip(a, b))
    c = episode(env, 12, 1)
    assert not same(a[0], c[0]), "another seed must give another episode"


def test_array_api_equals_dict_api(env):
    import numpy as np
    rng = np.random.default_rng(5)
    acts = [rng.integers(env.action_space("device_0").nvec, size=(DEVICES, 3)) for _ in range(30)]
    first = env.reset_array(9)
    arrays = [env.step_array(a) for a in acts]
    obs, _ = env.reset(seed=9)
    assert np.array_equal(first, np.stack([obs[a] for a in env.possible_agents]))
    for a, (o, r, done, info) in zip(acts, arrays):
        obs, rew, _, trunc, inf = env.step({agent: a[i] for i, agent in enumerate(env.possible_agents)})
        assert np.array_equal(o, np.stack([obs[x] for x in env.possible_agents]))
        assert r.tolist() == [rew[x] for x in env.possible_agents]
        assert done == trunc["device_0"]


def test_python_episode_equals_the_java_episode(env):
    """Greedy (the Java policy) run wholly in Java by EpisodeStats.run vs the same policy's actions stepped through
    Python's dict API: every metric equal to the last bit."""
    import jpype
    AigcEnv = jpype.JClass("org.offload.aigc.AigcEnv")
    Greedy = jpype.JClass("org.offload.aigc.GreedyPolicy")
    EpisodeStats = jpype.JClass("org.offload.aigc.EpisodeStats")
    java = EpisodeStats.run(AigcEnv(env.java.env().scenario()), Greedy(), 21)

    levels = int(env.java.ratioLevels())
    greedy = Greedy()
    env.reset(seed=21)
    tasks, latency, energy, met, where = 0, 0.0, 0.0, 0, [0, 0, 0, 0]
    while env.agents:
        acts = greedy.act(env.java.env().observation())
        actions = {agent: [int(acts[i].target()), round(float(acts[i].ratio()) * (levels - 1)),
                           int(acts[i].download())] for i, agent in enumerate(env.possible_agents)}
        _, _, _, _, info = env.step({a: __import__("numpy").array(v) for a, v in actions.items()})
        for agent in env.possible_agents:
            tasks += 1
            latency += info[agent]["latency_s"]
            energy += info[agent]["energy_j"]
            met += info[agent]["deadline_met"]
            where[("local", "edge", "relay", "cloud").index(info[agent]["where"])] += 1
    assert tasks == java.tasks()
    assert latency / tasks == java.latencyS()
    assert energy / tasks == java.energyJ()
    assert met / tasks == java.completion()
    assert [w / tasks for w in where] == [java.localShare(), java.edgeShare(), java.relayShare(), java.cloudShare()]


def test_observations_and_rewards_equal_the_java_env_replayed_with_the_same_actions(env):
    import jpype
    import numpy as np
    rng = np.random.default_rng(8)
    acts = [rng.integers(env.action_space("device_0").nvec, size=(DEVICES, 3)) for _ in range(30)]
    first = env.reset_array(4)
    steps = [env.step_array(a) for a in acts]

    AigcEnv = jpype.JClass("org.offload.aigc.AigcEnv")
    Action = jpype.JClass("org.offload.aigc.AigcAction")
    Features = jpype.JClass("org.offload.aigc.Features")
    features = Features(True, True, False)  # make_aigc's defaults
    raw = AigcEnv(env.java.env().scenario())
    o = raw.reset(4)
    assert np.array_equal(first, np.array([list(o.local(i, features)) for i in range(DEVICES)], dtype=np.float32))
    for a, (obs, rew, done, _) in zip(acts, steps):
        r = raw.step(jpype.JArray(Action)([Action(int(t), int(k) / 10.0, bool(d)) for t, k, d in a]))
        expected = np.array([list(r.observation().local(i, features)) for i in range(DEVICES)], dtype=np.float32)
        assert np.array_equal(obs, expected)
        assert rew.tolist() == list(r.rewards())
        assert done == r.done()


@pytest.mark.parametrize("bad,message", [
    ({"device_0": [0, 0]}, "shape \\(3,\\)"),
    ({"device_0": [0.0, 1.0, 0.0]}, "must be integers"),
    ({"device_0": [9, 0, 0]}, "outside MultiDiscrete"),
    ({"robot_7": [0, 0, 0]}, "unknown agent 'robot_7'"),
])
def test_bad_actions_are_plain_python_errors(env, bad, message):
    import numpy as np
    env.reset(seed=1)
    actions = {a: np.zeros(3, dtype=np.int64) for a in env.agents}
    actions.update({k: np.array(v) for k, v in bad.items()})
    with pytest.raises(ValueError, match=message):
        env.step(actions)


def test_missing_action_step_after_end_and_bad_scenario_are_plain_errors(env):
    import numpy as np
    import offload_gym
    env.reset(seed=1)
    with pytest.raises(ValueError, match="no action for agent"):
        env.step({"device_0": np.zeros(3, dtype=np.int64)})
    with pytest.raises(ValueError, match="shape"):
        env.step_array(np.zeros((DEVICES, 2), dtype=np.int32))
    while env.agents:
        env.step({a: np.zeros(3, dtype=np.int64) for a in env.agents})
    with pytest.raises(offload_gym.OffloadError, match="call reset"):
        env.step({a: np.zeros(3, dtype=np.int64) for a in env.possible_agents})
    with pytest.raises(ValueError) as e:
        offload_gym.make_aigc("aigc", overrides=["devices.colour=3"])
    assert "colour" in str(e.value) and "java." not in str(e.value).lower()
    assert e.value.__cause__ is None


def test_missing_jar_names_the_build_command():
    r = run_python("import offload_gym; offload_gym.make_aigc()", OFFLOAD_JAR="/nonexistent/offload.jar")
    assert r.returncode != 0
    last = r.stderr.strip().splitlines()[-1]
    assert last.startswith("offload_gym._jvm.JvmError: Offload's jar is not built: OFFLOAD_JAR=/nonexistent")
    assert "mvn -B -q -pl offload-cli -am install" in last


def test_missing_java_runtime_is_a_plain_error():
    r = run_python("import offload_gym; offload_gym.make_aigc()", JAVA_HOME="/nonexistent-jdk")
    assert r.returncode != 0
    last = r.stderr.strip().splitlines()[-1]
    assert last.startswith("offload_gym._jvm.JvmError:") and "Java" in last, last
