"""Starts the JVM in this process (JPype) with Offload's shaded jar, and turns Java exceptions into plain
Python ones.

The jar is ``$OFFLOAD_JAR`` when set, else ``offload-cli/target/offload.jar`` of the repository this package
lives in. JPype's own ``org.jpype.jar`` must be on the class path too: ``$OFFLOAD_JPYPE_JAR``, the one beside
the ``jpype`` package (pip), or Debian's ``/usr/share/java/org.jpype.jar`` (python3-jpype).
Set ``OFFLOAD_GYM_DEBUG=1`` to keep Java stack traces in the errors."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

BUILD_COMMAND = "mvn -B -q -pl offload-cli -am install -DskipTests (or ./offload policies) in the repository root"

_REPO = Path(__file__).resolve().parents[2]


class OffloadError(Exception):
    """An Offload error with a plain message (bad scenario, missing jar or JVM, misuse)."""


class JvmError(OffloadError):
    """The JVM or Offload's jar cannot be found or started."""


def offload_jar() -> Path:
    """The Offload jar to load, or a JvmError naming the command that builds it."""
    env = os.environ.get("OFFLOAD_JAR")
    jar = Path(env) if env else _REPO / "offload-cli" / "target" / "offload.jar"
    if not jar.is_file():
        where = "OFFLOAD_JAR=" + env if env else str(jar)
        raise JvmError(f"Offload's jar is not built: {where} does not exist. Build it with {BUILD_COMMAND}, "
                       "or set OFFLOAD_JAR to an offload.jar")
    return jar


def _jpype_jar(jpype) -> Path | None:
    env = os.environ.get("OFFLOAD_JPYPE_JAR")
    candidates = [Path(env)] if env else []
    here = Path(jpype.__file__).resolve().parent
    candidates += [here.parent / "org.jpype.jar", here / "org.jpype.jar", Path("/usr/share/java/org.jpype.jar")]
    return next((c for c in candidates if c.is_file()), None)


def _import_jpype():
    try:
        import jpype
        import jpype.imports  # noqa: F401  (Java packages as Python modules)
        import jpype.nio  # noqa: F401
    except ImportError as e:
        raise JvmError("JPype is not installed: apt-get install python3-jpype (Debian) or pip install jpype1") from e
    return jpype


def start():
    """Starts the JVM once per process (JPype cannot restart it) and returns the ``jpype`` module."""
    jpype = _import_jpype()
    if jpype.isJVMStarted():
        _check_classes(jpype)
        return jpype
    jar = offload_jar()
    classpath = [str(jar)]
    extra = _jpype_jar(jpype)
    if extra is not None:
        classpath.append(str(extra))
    jvm = _jvm_path(jpype)
    try:
        jpype.startJVM(jvm, "-Xss8m", classpath=classpath, convertStrings=True)
    except Exception as e:
        raise JvmError(f"the JVM at {jvm} did not start with class path {classpath}: {e}") from None
    _check_classes(jpype)
    return jpype


def _jvm_path(jpype) -> str:
    """libjvm of ``$JAVA_HOME`` when set (an error if it has none, rather than silently another Java), else
    JPype's default search."""
    home = os.environ.get("JAVA_HOME")
    if home:
        for rel in ("lib/server/libjvm.so", "jre/lib/server/libjvm.so", "jre/lib/amd64/server/libjvm.so",
                    "lib/server/libjvm.dylib", "bin/server/jvm.dll"):
            if (Path(home) / rel).is_file():
                return str(Path(home) / rel)
        raise JvmError(f"no Java runtime at JAVA_HOME={home} (no lib/server/libjvm.so there); point JAVA_HOME at a "
                       "Java 17+ installation or unset it")
    try:
        return jpype.getDefaultJVMPath()
    except Exception as e:  # JVMNotFoundException and friends
        raise JvmError(f"no Java runtime found ({e}); install Java 17+ (apt-get install openjdk-17-jre-headless) "
                       "or set JAVA_HOME") from None


def _check_classes(jpype):
    try:
        jpype.JClass("org.offload.aigc.AigcArrayEnv")
    except Exception:
        raise JvmError("the running JVM has no Offload classes (org.offload.aigc.AigcArrayEnv): it was started "
                       f"before offload_gym without {offload_jar()} on its class path") from None


def java_message(e) -> str:
    """A Java exception's message (its class name when it has none), with the causes' messages."""
    parts = []
    seen = 0
    while e is not None and seen < 5:
        msg = e.getMessage()
        parts.append(str(msg) if msg is not None else e.getClass().getSimpleName())
        e = e.getCause()
        seen += 1
    out = []
    for p in parts:
        if not any(p in q for q in out):
            out.append(p)
    return ": ".join(out)


def plain(e, what: str, kind=OffloadError) -> Exception:
    """``kind(what + ': ' + the Java exception's message)``; raise it ``from debug_cause(e)``."""
    return kind(f"{what}: {java_message(e)}")


def debug_cause(e):
    """``e`` when OFFLOAD_GYM_DEBUG=1 (the Java stack trace is kept), else None (a plain message only)."""
    return e if os.environ.get("OFFLOAD_GYM_DEBUG") else None


@contextlib.contextmanager
def java_errors(what: str, kind=OffloadError):
    """Runs Java calls; a Java exception becomes ``kind(what + ': ' + its message)`` without the Java stack trace
    (kept as the cause when OFFLOAD_GYM_DEBUG=1)."""
    jpype = _import_jpype()
    try:
        yield
    except jpype.JException as e:
        raise plain(e, what, kind) from debug_cause(e)
