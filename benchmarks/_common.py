"""Plumbing shared by the benchmark scripts: run cache, versions, environment, scores.

* :class:`RunCache` -- runs as JSON Lines, one run a line: ``{"key": {...},
  "result": {...}}``. A run is appended with a single ``write`` under an
  ``fcntl`` lock, so concurrent processes never interleave lines and a process
  killed with ``kill -9`` loses at most the run it was computing; a truncated
  last line is skipped on loading. :meth:`RunCache.prune` rewrites the file
  without stale keys, atomically (temporary file, then ``os.replace``).
* :func:`versions` and :func:`source_hash` -- what a cached run depends on.
* :func:`environment` -- CPU, cores, Python, BLAS libraries and their threads.
* :func:`bayesmark_score`, :func:`mean_se`, :func:`paired` -- Bayesmark's
  normalised score and paired statistics over problems and seeds.
"""

from __future__ import annotations

import ast
import fcntl
import hashlib
import json
import os
import platform
import sys
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = ROOT / "docs" / "_static" / "benchmarks"
RESULTS = HERE / "results"


# -- run cache ------------------------------------------------------------------------------
def key_string(fields: dict) -> str:
    """The canonical text of a run's key fields (sorted keys, no spaces)."""
    return json.dumps(fields, sort_keys=True, separators=(",", ":"))


class RunCache:
    """Runs stored as JSON Lines in ``path``, each line holding its key fields and result.

    Parameters
    ----------
    path : str or Path
        The ``.jsonl`` file; a sibling ``<name>.lock`` serialises writers.
    """

    def __init__(self, path):
        self.path = Path(path)
        self._lock_path = self.path.with_name(self.path.name + ".lock")
        self.runs: dict[str, dict] = {}
        self.reload()

    @contextmanager
    def _locked(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self._lock_path, "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _read(self) -> dict[str, dict]:
        """Every well-formed line of the file, the last one of each key winning."""
        runs = {}
        if not self.path.exists():
            return runs
        with open(self.path, encoding="utf-8") as f:
            for line in f:
                try:
                    rec = json.loads(line)
                    runs[key_string(rec["key"])] = rec
                except (json.JSONDecodeError, KeyError, TypeError):
                    continue  # a line cut short by a killed writer
        return runs

    def reload(self) -> None:
        """Read the file again (other processes may have appended runs)."""
        self.runs = self._read()

    def keys(self) -> list[dict]:
        """The key fields of every cached run."""
        return [rec["key"] for rec in self.runs.values()]

    def __contains__(self, fields: dict) -> bool:
        return key_string(fields) in self.runs

    def get(self, fields: dict):
        """The cached result for ``fields``, or None."""
        rec = self.runs.get(key_string(fields))
        return None if rec is None else rec["result"]

    def append(self, fields: dict, result: dict) -> None:
        """Add one run: a single ``write`` of one line, under the lock."""
        line = json.dumps({"key": fields, "result": result}, sort_keys=True) + "\n"
        data = line.encode("utf-8")
        with self._locked():
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            try:
                size = os.fstat(fd).st_size
                if size and _last_byte(self.path, size) != b"\n":
                    data = b"\n" + data  # leave a truncated line on its own line
                os.write(fd, data)
            finally:
                os.close(fd)
        self.runs[key_string(fields)] = {"key": fields, "result": result}

    def prune(self, keep) -> int:
        """Rewrite the file with only the runs whose key ``keep`` accepts.

        ``keep`` is applied to the runs in the file, read again under the lock,
        not to this process's view of them: a run appended by another process
        since this one loaded the file is judged like any other, never lost.

        Parameters
        ----------
        keep : callable
            ``keep(fields) -> bool`` on a run's key fields.

        Returns
        -------
        int
            The number of runs removed.
        """
        with self._locked():
            runs = self._read()
            kept = {k: r for k, r in runs.items() if keep(r["key"])}
            tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
            with open(tmp, "w", encoding="utf-8") as f:
                for rec in kept.values():
                    f.write(json.dumps(rec, sort_keys=True) + "\n")
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path)
        self.runs = kept
        return len(runs) - len(kept)


def _last_byte(path: Path, size: int) -> bytes:
    with open(path, "rb") as f:
        f.seek(size - 1)
        return f.read(1)


# -- versions ----------------------------------------------------------------------------
def dist_version(dist: str) -> str | None:
    """The installed version of distribution ``dist`` (None when not installed)."""
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def versions(*dists: str) -> dict:
    """numpy, scipy and scikit-learn versions, plus those of ``dists``."""
    out = {"numpy": dist_version("numpy"), "scipy": dist_version("scipy")}
    out["sklearn"] = dist_version("scikit-learn")
    out.update({d: dist_version(d) for d in dists})
    return out


# Modules that BayesSearchCV and the optimiser never run: leaving them out of a run's key
# keeps the cached runs of those searches when only these change.
NOT_RUN_BY_BAYES = ("halving_search.py", "_fidelity.py", "plots.py", "demo.py")


def code_dump(source: str, annotations: bool = True) -> str:
    """The dump of ``source``'s syntax tree with its docstrings left out.

    A string standing alone as the first statement of any block counts as a
    docstring: it is never run. Comments are never in the tree. With
    ``annotations=False`` the annotations of function arguments and returns are
    left out too (those of variables stay: a dataclass field's type is code).
    """
    tree = ast.parse(source)
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (
            isinstance(body, list)
            and body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
            and isinstance(body[0].value.value, str)
        ):
            node.body = body[1:] or [ast.Pass()]
        if not annotations and isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            node.returns = None
            a = node.args
            for arg in [*a.posonlyargs, *a.args, *a.kwonlyargs, a.vararg, a.kwarg]:
                if arg is not None:
                    arg.annotation = None
    return ast.dump(tree)


def source_hash(package_dir, skip: tuple = ()) -> str:
    """A hash of every ``.py`` file under ``package_dir`` (paths and contents).

    Files whose name is in ``skip`` are left out.
    """
    package_dir = Path(package_dir)
    h = hashlib.sha1()
    for path in sorted(package_dir.rglob("*.py")):
        if path.name in skip:
            continue
        h.update(path.relative_to(package_dir).as_posix().encode() + b"\0")
        h.update(path.read_bytes() + b"\0")
    return h.hexdigest()[:12]


def import_skopt_lite(checkout, skip: tuple = ()):
    """Import ``skopt_lite`` from the library checkout ``checkout`` (its repo root).

    ``skip`` names files left out of the hash (see :func:`source_hash`).

    Returns
    -------
    module, str
        The module and the hash of its source files.
    """
    checkout = Path(checkout).resolve()
    if str(checkout) not in sys.path:
        sys.path.insert(0, str(checkout))
    import skopt_lite

    where = Path(skopt_lite.__file__).resolve().parent
    if where != checkout / "skopt_lite":
        raise ImportError(f"skopt_lite came from {where}, not from {checkout}")
    return skopt_lite, source_hash(where, skip)


# -- environment -------------------------------------------------------------------------
def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def environment() -> dict:
    """CPU, cores, Python, BLAS libraries (with their thread counts) and thread variables."""
    env = {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpu": cpu_model(),
        "cores": os.cpu_count(),
        "thread_env": {
            k: os.environ.get(k)
            for k in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
        },
    }
    try:
        from threadpoolctl import threadpool_info

        env["blas"] = sorted(
            {
                f"{i.get('internal_api')} {i.get('version')} "
                f"({i.get('architecture')}, {i.get('num_threads')} threads)"
                for i in threadpool_info()
            }
        )
    except ImportError:
        env["blas"] = "threadpoolctl not installed"
    return env


# -- scores and paired statistics ------------------------------------------------------------
def best_so_far(losses) -> np.ndarray:
    """The running minimum of ``losses`` (nan, a failed evaluation, counts as +inf)."""
    x = np.asarray(losses, dtype=float)
    return np.minimum.accumulate(np.where(np.isnan(x), np.inf, x))


# Random search's median within this (relative) of the optimum: the problem is solved at
# that budget, and every run scores 0 (see bayesmark_score).
SOLVED_RTOL = 1e-5


def bayesmark_score(best, rand, opt):
    """Bayesmark's normalised score on losses: ``100 * (rand - best) / (rand - opt)``.

    Parameters
    ----------
    best : float or array
        The best loss a run found.
    rand : float
        The median best loss of random search at the same budget.
    opt : float
        The known optimum, or the best loss any run found.

    Returns
    -------
    float or array
        100 at the optimum, 0 at random search's median; 0 for every run when
        random search's median is the optimum up to ``SOLVED_RTOL`` (relative
        to the losses' magnitude, at least 1): random search has solved the
        problem at that budget, and a gap of rounding (cross-validated
        accuracies differing in the sixth digit, for folds of unequal size)
        would scale a one-sample miss to thousands of points.
    """
    best = np.asarray(best, dtype=float)
    gap = rand - opt
    if not gap > SOLVED_RTOL * max(1.0, abs(rand), abs(opt)):
        return np.zeros_like(best)
    return 100.0 * (rand - best) / gap


def mean_se(values) -> tuple[float, float, int]:
    """Mean, standard error of the mean and count of the finite ``values``."""
    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v)]
    if len(v) == 0:
        return float("nan"), float("nan"), 0
    se = float(np.std(v, ddof=1) / np.sqrt(len(v))) if len(v) > 1 else float("nan")
    return float(np.mean(v)), se, len(v)


def combine(per_problem) -> tuple[float, float]:
    """The mean over problems of per-problem ``(mean, se, n)`` and its standard error.

    Problems are fixed and seeds independent, so the error of the mean over
    ``P`` problems is ``sqrt(sum se_p**2) / P``.
    """
    rows = [r for r in per_problem if r[2] > 0]
    if not rows:
        return float("nan"), float("nan")
    means = np.array([r[0] for r in rows])
    ses = np.array([r[1] for r in rows])  # nan (one seed) makes the total nan
    return float(means.mean()), float(np.sqrt(np.sum(ses**2)) / len(rows))


def paired(a: dict, b: dict) -> tuple[dict, tuple[float, float]]:
    """Mean difference ``a - b`` paired by problem and seed, with paired standard errors.

    Parameters
    ----------
    a, b : dict
        ``{problem: {seed: score}}``.

    Returns
    -------
    per_problem : dict
        ``{problem: (mean difference, paired standard error, number of pairs)}``
        for the problems both have seeds of.
    overall : (float, float)
        The mean over those problems and its standard error (see :func:`combine`).
    """
    per = {}
    for problem in a.keys() & b.keys():
        seeds = sorted(a[problem].keys() & b[problem].keys())
        if seeds:
            per[problem] = mean_se([a[problem][s] - b[problem][s] for s in seeds])
    return per, combine(per.values())


def summary(scores: dict) -> tuple[dict, tuple[float, float]]:
    """Per problem ``(mean, se, n)`` of ``{problem: {seed: score}}``, and their combination."""
    per = {p: mean_se(list(s.values())) for p, s in scores.items() if s}
    return per, combine(per.values())


# -- command line ---------------------------------------------------------------------------
def choose(parser, text: str, allowed, what: str) -> list[str]:
    """The comma-separated names in ``text``; a usage error names any not in ``allowed``."""
    names = [n for n in text.split(",") if n]
    for n in names:
        if n not in allowed:
            parser.error(f"unknown {what} {n!r}; choose from {list(allowed)}")
    return names
