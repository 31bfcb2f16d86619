"""Observation and action spaces: Gymnasium's own types when ``gymnasium`` is installed (subclassed, so
``isinstance(space, gymnasium.spaces.Box)`` holds and Gymnasium's checkers accept them), else minimal
equivalents with the same constructor arguments and the methods the environments and agents use: ``sample``,
``contains``, ``seed``, ``shape``, ``dtype`` (and ``low``/``high``, ``n``/``start``, ``nvec``)."""

from __future__ import annotations

import numpy as np

try:  # pragma: no cover - depends on the machine
    import gymnasium as _gym

    HAVE_GYMNASIUM = True
except ImportError:
    _gym = None
    HAVE_GYMNASIUM = False

__all__ = ["Box", "Discrete", "MultiDiscrete", "HAVE_GYMNASIUM"]


if HAVE_GYMNASIUM:  # pragma: no cover - exercised only where gymnasium is installed

    class Box(_gym.spaces.Box):
        """Gymnasium's Box."""

    class Discrete(_gym.spaces.Discrete):
        """Gymnasium's Discrete."""

    class MultiDiscrete(_gym.spaces.MultiDiscrete):
        """Gymnasium's MultiDiscrete."""

else:

    class _Space:
        def __init__(self, shape, dtype, seed=None):
            self._shape = tuple(shape)
            self.dtype = np.dtype(dtype)
            self._np_random = None
            if seed is not None:
                self.seed(seed)

        @property
        def shape(self):
            return self._shape

        @property
        def np_random(self) -> np.random.Generator:
            if self._np_random is None:
                self.seed(None)
            return self._np_random

        def seed(self, seed=None):
            """Seeds the space's own generator (``sample``); returns ``[seed]`` as Gymnasium does."""
            self._np_random = np.random.default_rng(seed)
            return [seed]

        def __contains__(self, x) -> bool:
            return self.contains(x)

    class Box(_Space):
        """Real vectors in ``[low, high]`` (bounds may be infinite), Gymnasium's ``Box`` contract."""

        def __init__(self, low, high, shape=None, dtype=np.float32, seed=None):
            dtype = np.dtype(dtype)
            if shape is None:
                shape = np.shape(low) if np.ndim(low) else np.shape(high)
            shape = tuple(shape)
            super().__init__(shape, dtype, seed)
            self.low = np.broadcast_to(np.asarray(low, dtype=dtype), shape).copy()
            self.high = np.broadcast_to(np.asarray(high, dtype=dtype), shape).copy()
            if np.any(self.low > self.high):
                raise ValueError("Box: low must not exceed high")

        def contains(self, x) -> bool:
            if not isinstance(x, np.ndarray):
                try:
                    x = np.asarray(x, dtype=self.dtype)
                except (ValueError, TypeError):
                    return False
            return bool(
                x.shape == self.shape
                and np.can_cast(x.dtype, self.dtype)
                and np.all(x >= self.low)
                and np.all(x <= self.high)
            )

        def sample(self):
            """Uniform where both bounds are finite, normal where both are infinite, shifted exponential
            where one is (Gymnasium's rule)."""
            r = self.np_random
            low = self.low.astype(np.float64)
            high = self.high.astype(np.float64)
            out = np.empty(self.shape, dtype=np.float64)
            both = np.isfinite(low) & np.isfinite(high)
            none = ~np.isfinite(low) & ~np.isfinite(high)
            lower = np.isfinite(low) & ~np.isfinite(high)
            upper = ~np.isfinite(low) & np.isfinite(high)
            out[both] = r.uniform(low[both], high[both])
            out[none] = r.normal(size=int(none.sum()))
            out[lower] = low[lower] + r.exponential(size=int(lower.sum()))
            out[upper] = high[upper] - r.exponential(size=int(upper.sum()))
            return out.astype(self.dtype)

        def __repr__(self):
            return f"Box({self.low.min()}, {self.high.max()}, {self.shape}, {self.dtype})"

        def __eq__(self, other):
            return (isinstance(other, Box) and self.shape == other.shape and self.dtype == other.dtype
                    and np.array_equal(self.low, other.low) and np.array_equal(self.high, other.high))

        __hash__ = None

    class Discrete(_Space):
        """Integers ``start .. start + n - 1``."""

        def __init__(self, n, seed=None, start=0):
            if int(n) < 1:
                raise ValueError("Discrete: n must be >= 1")
            super().__init__((), np.int64, seed)
            self.n = np.int64(n)
            self.start = np.int64(start)

        def contains(self, x) -> bool:
            if isinstance(x, (int, np.integer)) and not isinstance(x, bool):
                v = int(x)
            elif isinstance(x, np.ndarray) and x.shape == () and np.issubdtype(x.dtype, np.integer):
                v = int(x)
            else:
                return False
            return bool(self.start <= v < self.start + self.n)

        def sample(self):
            return np.int64(self.start + self.np_random.integers(self.n))

        def __repr__(self):
            return f"Discrete({self.n})" if self.start == 0 else f"Discrete({self.n}, start={self.start})"

        def __eq__(self, other):
            return isinstance(other, Discrete) and self.n == other.n and self.start == other.start

        __hash__ = None

    class MultiDiscrete(_Space):
        """Integer vectors whose element k is in ``0 .. nvec[k] - 1``."""

        def __init__(self, nvec, dtype=np.int64, seed=None):
            self.nvec = np.asarray(nvec, dtype=dtype)
            if np.any(self.nvec < 1):
                raise ValueError("MultiDiscrete: every nvec entry must be >= 1")
            super().__init__(self.nvec.shape, dtype, seed)

        def contains(self, x) -> bool:
            if isinstance(x, (list, tuple)):
                x = np.asarray(x)
            return bool(
                isinstance(x, np.ndarray)
                and x.shape == self.shape
                and x.dtype != object
                and np.issubdtype(x.dtype, np.integer)
                and np.all(x >= 0)
                and np.all(x < self.nvec)
            )

        def sample(self):
            return self.np_random.integers(self.nvec).astype(self.dtype)

        def __repr__(self):
            return f"MultiDiscrete({self.nvec.tolist()})"

        def __eq__(self, other):
            return isinstance(other, MultiDiscrete) and np.array_equal(self.nvec, other.nvec)

        __hash__ = None
