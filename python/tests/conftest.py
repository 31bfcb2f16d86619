"""Shared fixtures. Tests that need the JVM skip, saying why, when JPype or NumPy is missing; a missing jar is
an error (the Maven build runs these tests after packaging it)."""

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "python"))

HAVE_NUMPY = importlib.util.find_spec("numpy") is not None
HAVE_JPYPE = importlib.util.find_spec("jpype") is not None

needs_numpy = pytest.mark.skipif(not HAVE_NUMPY, reason="NumPy is missing: apt-get install python3-numpy")
needs_jvm = pytest.mark.skipif(not (HAVE_NUMPY and HAVE_JPYPE),
                               reason="JPype or NumPy is missing: apt-get install python3-jpype python3-numpy")


def run_python(code: str, **env) -> subprocess.CompletedProcess:
    """Runs ``code`` in a fresh interpreter (a JVM starts once per process) with extra environment variables."""
    e = dict(os.environ, PYTHONPATH=str(ROOT / "python"), **env)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=e, timeout=120)
