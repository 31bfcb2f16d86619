import pytest

from conftest import needs_numpy

pytestmark = needs_numpy


def test_box_contains_and_sample_stay_in_bounds():
    import numpy as np
    from offload_gym import Box
    box = Box(0.0, 1.0, shape=(3,), dtype=np.float32, seed=4)
    for _ in range(100):
        assert box.contains(box.sample())
    assert not box.contains(np.array([0.5, 0.5, 1.5], dtype=np.float32))
    assert not box.contains(np.zeros(2, dtype=np.float32))
    assert not box.contains(np.array([0.5, np.nan, 0.5], dtype=np.float32))
    free = Box(-np.inf, np.inf, shape=(2,))
    assert free.contains(free.sample())


def test_multidiscrete_rejects_floats_and_out_of_range():
    import numpy as np
    from offload_gym import MultiDiscrete
    space = MultiDiscrete([4, 11, 2])
    assert space.contains(np.array([3, 10, 1]))
    assert not space.contains(np.array([4, 0, 0]))
    assert not space.contains(np.array([0.0, 1.0, 1.0]))
    assert not space.contains(np.array([0, 1]))
    draws = np.array([space.sample() for _ in range(2000)])
    assert draws.min(axis=0).tolist() == [0, 0, 0] and draws.max(axis=0).tolist() == [3, 10, 1]


def test_seeded_spaces_repeat():
    import numpy as np
    from offload_gym import Discrete, MultiDiscrete
    a, b = MultiDiscrete([5, 5], seed=3), MultiDiscrete([5, 5], seed=3)
    assert all(np.array_equal(a.sample(), b.sample()) for _ in range(20))
    d = Discrete(3, start=1, seed=1)
    assert all(d.contains(d.sample()) for _ in range(50)) and not d.contains(0) and not d.contains(1.0)
