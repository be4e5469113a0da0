"""Run scikit-optimize 0.10's example gallery with ``skopt`` and with ``skopt_lite``, timed.

Issue 13's acceptance check: every example of scikit-optimize 0.10.2's
``examples/`` folder, unchanged except ``skopt`` -> ``skopt_lite`` in its
import lines, runs to the end under today's scikit-learn, in less time than
scikit-optimize takes. The examples are not copied into this repository (they
are scikit-optimize's); point ``--examples`` at a checkout of its source::

    git clone https://github.com/holgern/scikit-optimize /tmp/skopt-src
    git -C /tmp/skopt-src checkout 328525d   # "Prepare 0.10.2"
    /work/bench-venv/bin/python benchmarks/skopt_examples.py \\
        --examples /tmp/skopt-src/examples --library skopt skopt_lite

Each example runs in its own process (``MPLBACKEND=Agg``, one BLAS thread),
in a fresh copy of the folder (the examples import ``utils.py`` beside them
and write files), with its working directory the example's folder. For
``skopt_lite`` every line ``from skopt... import`` / ``import skopt...`` has
``skopt`` replaced by ``skopt_lite``; nothing else changes. The library's own
checkout (this repository) is put first on ``PYTHONPATH``, so both libraries
run with the same NumPy, SciPy and scikit-learn.

One example downloads a data set (``fetch_california_housing``, which
replaced the Boston data set in 0.10). This machine has no network:
``--offline`` (on by default) makes that fetch, and only that one, return
``make_regression`` data of the same shape (20640 x 8), for both libraries
alike; the report marks the example.

Runs are cached in ``results/skopt_examples.jsonl``, keyed by library,
versions, the example's SHA-1 and (for skopt_lite) a hash of its source.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import RESULTS, ROOT, RunCache, source_hash

CACHE = RESULTS / "skopt_examples.jsonl"
IMPORT = re.compile(r"^(\s*)(from|import)(\s+)skopt\b", re.M)
FETCHES = ("fetch_california_housing",)

# Put on sys.path (as sitecustomize) with --offline: the one download the gallery makes
# returns synthetic data of the same shape instead.
_OFFLINE = '''
import sklearn.datasets as _d
from sklearn.utils import Bunch as _Bunch


def _california(*args, return_X_y=False, as_frame=False, **kwargs):
    from sklearn.datasets import make_regression
    X, y = make_regression(n_samples=20640, n_features=8, noise=10.0, random_state=0)
    names = ["MedInc", "HouseAge", "AveRooms", "AveBedrms", "Population", "AveOccup",
             "Latitude", "Longitude"]
    if return_X_y:
        return X, y
    return _Bunch(data=X, target=y, feature_names=names, target_names=["MedHouseVal"],
                  DESCR="synthetic stand-in (no network)")


_d.fetch_california_housing = _california
'''


def examples_in(folder: Path) -> list[Path]:
    """The gallery's scripts, relative to ``folder`` (``utils.py`` is a helper module)."""
    return sorted(
        p.relative_to(folder) for p in folder.rglob("*.py") if p.name != "utils.py"
    )


def to_skopt_lite(text: str) -> str:
    """``text`` with ``skopt`` replaced by ``skopt_lite`` in its import lines only."""
    return IMPORT.sub(r"\1\2\3skopt_lite", text)


def run_one(folder: Path, example: Path, library: str, python: str, offline: bool,
            timeout: float) -> dict:
    """Run one example in a fresh copy of ``folder``; returns status, seconds, last line."""
    with tempfile.TemporaryDirectory(prefix="skopt-example-") as tmp:
        work = Path(tmp) / "examples"
        shutil.copytree(folder, work)
        if library == "skopt_lite":
            for path in work.rglob("*.py"):
                path.write_text(to_skopt_lite(path.read_text()))
        env = dict(os.environ, MPLBACKEND="Agg", OPENBLAS_NUM_THREADS="1",
                   OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
        paths = [str(ROOT)] if library == "skopt_lite" else []
        if offline:
            site = Path(tmp) / "site"
            site.mkdir()
            (site / "sitecustomize.py").write_text(_OFFLINE)
            paths.insert(0, str(site))
        env["PYTHONPATH"] = os.pathsep.join(paths + [env.get("PYTHONPATH", "")]).rstrip(
            os.pathsep
        )
        script = work / example
        start = time.perf_counter()
        try:
            proc = subprocess.run(
                [python, script.name], cwd=script.parent, env=env, capture_output=True,
                text=True, timeout=timeout,
            )
            status = "ok" if proc.returncode == 0 else "error"
            lines = (proc.stderr or proc.stdout).strip().splitlines()
            last = lines[-1] if lines and status == "error" else ""
        except subprocess.TimeoutExpired:
            status, last = "timeout", f"over {timeout:.0f} s"
        seconds = time.perf_counter() - start
    return {"status": status, "seconds": round(seconds, 2), "error": last[:300]}


def library_version(python: str, library: str) -> str:
    if library == "skopt_lite":
        return "source " + source_hash(ROOT / "skopt_lite")
    code = "from importlib.metadata import version; print(version('scikit-optimize'))"
    return subprocess.run([python, "-c", code], capture_output=True, text=True).stdout.strip()


def stack_versions(python: str) -> dict:
    code = (
        "import json, numpy, scipy, sklearn, sys; print(json.dumps({'python':"
        " sys.version.split()[0], 'numpy': numpy.__version__, 'scipy': scipy.__version__,"
        " 'sklearn': sklearn.__version__}))"
    )
    return json.loads(subprocess.run([python, "-c", code], capture_output=True,
                                     text=True, check=True).stdout)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--examples", type=Path, required=True,
                        help="scikit-optimize 0.10.2's examples/ folder")
    parser.add_argument("--library", nargs="+", default=["skopt", "skopt_lite"],
                        choices=["skopt", "skopt_lite"])
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--only", nargs="*", default=None, help="example names to run")
    parser.add_argument("--timeout", type=float, default=1800.0)
    parser.add_argument("--no-offline", dest="offline", action="store_false")
    parser.add_argument("--rerun", action="store_true", help="ignore cached runs")
    args = parser.parse_args(argv)

    folder = args.examples.resolve()
    examples = examples_in(folder)
    if args.only:
        examples = [e for e in examples if e.stem in args.only or str(e) in args.only]
    cache = RunCache(CACHE)
    stack = stack_versions(args.python)
    print(f"# {stack}; examples from {folder}")
    table = {}
    for library in args.library:
        version = library_version(args.python, library)
        for example in examples:
            text = (folder / example).read_text()
            key = {"library": library, "version": version, **stack, "example": str(example),
                   "sha1": hashlib.sha1(text.encode()).hexdigest()[:12],
                   "offline": args.offline and any(f in text for f in FETCHES)}
            result = None if args.rerun else cache.get(key)
            if result is None:
                result = run_one(folder, example, library, args.python, args.offline,
                                 args.timeout)
                cache.append(key, result)
            table[library, str(example)] = (result, key["offline"])
            print(f"{library:10s} {str(example):55s} {result['status']:7s}"
                  f" {result['seconds']:7.1f} s  {result['error']}", flush=True)
    print()
    print(report(table, [str(e) for e in examples], args.library))
    return 0


def report(table: dict, examples: list[str], libraries: list[str]) -> str:
    """A reST table: one row per example, status and seconds per library."""
    head = ["example"] + [f"{lib}" for lib in libraries]
    rows = []
    for ex in examples:
        row = [ex + (" (*)" if any(table.get((lib, ex), ({}, False))[1]
                                    for lib in libraries) else "")]
        for lib in libraries:
            result = table.get((lib, ex), ({}, False))[0]
            if not result:
                row.append("")
            elif result["status"] == "ok":
                row.append(f"{result['seconds']:.1f} s")
            else:
                row.append(f"{result['status']} ({result['seconds']:.0f} s)")
        rows.append(row)
    ok = [sum(table.get((lib, ex), ({}, 0))[0].get("status") == "ok" for ex in examples)
          for lib in libraries]
    rows.append(["runs to the end"] + [f"{n} of {len(examples)}" for n in ok])
    widths = [max(len(r[i]) for r in rows + [head]) for i in range(len(head))]
    rule = "  ".join("=" * w for w in widths)
    lines = [rule, "  ".join(h.ljust(w) for h, w in zip(head, widths)), rule]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)) for r in rows]
    lines.append(rule)
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
