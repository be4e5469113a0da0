"""The minimize functions: skopt_lite against scikit-optimize 0.10 on the same problems and seeds.

* ``gp_minimize`` on Branin, Hartmann-3 and Hartmann-6 (50 calls): final
  regret (best value found minus the known minimum) and wall time per run;
* ``forest_minimize`` with ``"RF"`` and ``"ET"`` on problems with categorical
  and integer dimensions: ``mixed`` (Branin plus an integer bowl and a
  categorical offset), ``cat-hartmann6`` (Hartmann-6 with three coordinates
  restricted to six levels, given as categories), and ``svc-digits`` (the
  cross-validated error of an SVC, with the kernel and shrinking as
  categories). The first two have known minima (regret); for ``svc-digits``
  the table shows the best error found.

Every method gets ``random_state=seed`` and its library's defaults otherwise.
Each run is one line of ``benchmarks/results/minimize.jsonl``, keyed by method,
problem, seed, ``n_calls`` and the version of the code run (a hash of
skopt_lite's sources, or scikit-optimize's version), so a rerun computes only
what changed. Runs need scikit-optimize 0.10.2 (``benchmarks/requirements.txt``),
e.g. in the benchmark venv::

    OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 nice -n 10 \\
        /work/bench-venv/bin/python benchmarks/minimize.py --seeds 10
    python benchmarks/minimize.py --report-only      # the table from the cache

Options: ``--problems branin,mixed``, ``--methods skopt_lite-gp,skopt-gp``,
``--seeds N`` (seeds 0..N-1), ``--n-calls N``.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import math
import sys
import time
import warnings
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))  # this checkout's skopt_lite, whatever is installed

RESULTS = HERE / "results" / "minimize.jsonl"
N_CALLS = 50

# -- problems -----------------------------------------------------------------------------
_H3_A = np.array([[3.0, 10, 30], [0.1, 10, 35], [3.0, 10, 30], [0.1, 10, 35]])
_H3_P = 1e-4 * np.array(
    [[3689, 1170, 2673], [4699, 4387, 7470], [1091, 8732, 5547], [381, 5743, 8828]]
)
_H_ALPHA = np.array([1.0, 1.2, 3.0, 3.2])
_OFFSETS = {"a": 1.0, "b": 0.0, "c": 2.0, "d": 0.5}
_LEVELS = ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"]


def _branin(x):
    from skopt_lite.benchmarks import branin

    return branin(x)


def _hartmann3(x):
    x = np.asarray(x, dtype=float)
    return float(-np.sum(_H_ALPHA * np.exp(-np.sum(_H3_A * (x - _H3_P) ** 2, axis=1))))


def _hartmann6(x):
    from skopt_lite.benchmarks import hart6

    return hart6(x)


def _mixed(x):
    x0, x1, k0, c0 = x
    return _branin([x0, x1]) + 0.5 * (int(k0) - 7) ** 2 + _OFFSETS[c0]


def _cat_hartmann6(x):
    return _hartmann6([float(x[0]), float(x[1]), float(x[2]), *x[3:]])


def _cat_hartmann6_minimum() -> float:
    """The minimum over the category levels, the three real coordinates by L-BFGS-B."""
    from scipy.optimize import minimize

    rng = np.random.RandomState(0)
    best = math.inf
    for levels in itertools.product([float(v) for v in _LEVELS], repeat=3):
        for start in rng.uniform(size=(4, 3)):
            res = minimize(
                lambda z, lv=levels: _hartmann6([*lv, *z]),
                start,
                method="L-BFGS-B",
                bounds=[(0.0, 1.0)] * 3,
            )
            best = min(best, float(res.fun))
    return best


class _SVCDigits:
    """1 - cross-validated accuracy of an SVC on 600 digits (3 shuffled folds)."""

    def __init__(self):
        from sklearn.datasets import load_digits
        from sklearn.model_selection import StratifiedKFold

        X, y = load_digits(return_X_y=True)
        idx = np.random.RandomState(0).permutation(len(y))[:600]
        self.X, self.y = X[idx] / 16.0, y[idx]
        self.cv = StratifiedKFold(3, shuffle=True, random_state=0)

    def __call__(self, x):
        from sklearn.model_selection import cross_val_score
        from sklearn.svm import SVC

        C, gamma, kernel, degree, shrinking = x
        model = SVC(
            C=C, gamma=gamma, kernel=kernel, degree=int(degree), shrinking=shrinking == "yes"
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return 1.0 - float(np.mean(cross_val_score(model, self.X, self.y, cv=self.cv)))


def problems() -> dict:
    """name -> (group, dimension spec, function, known minimum or None)."""
    unit = [("real", 0.0, 1.0)]
    return {
        "branin": ("gp", [("real", -5.0, 10.0), ("real", 0.0, 15.0)], _branin, 0.397887),
        "hartmann3": ("gp", unit * 3, _hartmann3, -3.86278),
        "hartmann6": ("gp", unit * 6, _hartmann6, -3.32237),
        "mixed": (
            "forest",
            [("real", -5.0, 10.0), ("real", 0.0, 15.0), ("int", 0, 15), ("cat", list("abcd"))],
            _mixed,
            0.397887,
        ),
        "cat-hartmann6": (
            "forest",
            [("cat", _LEVELS)] * 3 + unit * 3,
            _cat_hartmann6,
            "computed",
        ),
        "svc-digits": (
            "forest",
            [
                ("real", 1e-3, 1e3, "log-uniform"),
                ("real", 1e-5, 1.0, "log-uniform"),
                ("cat", ["linear", "poly", "rbf", "sigmoid"]),
                ("int", 1, 4),
                ("cat", ["yes", "no"]),
            ],
            _SVCDigits,
            None,
        ),
    }


def _dimensions(spec, lib):
    out = []
    for d in spec:
        if d[0] == "real":
            out.append(lib.Real(d[1], d[2], prior=d[3] if len(d) > 3 else "uniform"))
        elif d[0] == "int":
            out.append(lib.Integer(d[1], d[2]))
        else:
            out.append(lib.Categorical(d[1]))
    return out


# -- methods ------------------------------------------------------------------------------
METHODS = {
    # name: (library, function, keyword arguments, problem groups); skopt_lite's GP also
    # runs on the forest problems, to say when to prefer which surrogate.
    "skopt_lite-gp": ("skopt_lite", "gp_minimize", {}, ("gp", "forest")),
    "skopt-gp": ("skopt", "gp_minimize", {}, ("gp",)),
    "skopt_lite-RF": ("skopt_lite", "forest_minimize", {"base_estimator": "RF"}, ("forest",)),
    "skopt-RF": ("skopt", "forest_minimize", {"base_estimator": "RF"}, ("forest",)),
    "skopt_lite-ET": ("skopt_lite", "forest_minimize", {"base_estimator": "ET"}, ("forest",)),
    "skopt-ET": ("skopt", "forest_minimize", {"base_estimator": "ET"}, ("forest",)),
}


def _version(library: str) -> str:
    if library == "skopt":
        import skopt

        return f"scikit-optimize {skopt.__version__}"
    h = hashlib.sha1()
    for path in sorted((ROOT / "skopt_lite").rglob("*.py")):
        if path.name not in ("plots.py", "demo.py"):
            h.update(path.read_bytes())
    return f"skopt_lite {h.hexdigest()[:10]}"


def _space_lib(library: str):
    if library == "skopt":
        import skopt.space as lib
    else:
        import skopt_lite.space as lib
    return lib


def run_one(method: str, problem: str, seed: int, n_calls: int, minimum) -> dict:
    library, function, kwargs, _ = METHODS[method]
    module = __import__(library)
    minimize = getattr(module, function)
    _, spec, make, _ = problems()[problem]
    func = make() if isinstance(make, type) else make
    dims = _dimensions(spec, _space_lib(library))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t0 = time.perf_counter()
        result = minimize(func, dims, n_calls=n_calls, random_state=seed, **kwargs)
        seconds = time.perf_counter() - t0
    values = np.asarray(result.func_vals, dtype=float)
    trace = np.minimum.accumulate(values).tolist()
    best = float(np.min(values))
    return {
        "best": best,
        "regret": None if minimum is None else best - minimum,
        "seconds": seconds,
        "trace": trace,
        "n_evaluations": len(values),
    }


# -- cache and report -----------------------------------------------------------------------
def _key(method, problem, seed, n_calls, version) -> str:
    return json.dumps([method, problem, seed, n_calls, version])


def load_cache(path: Path) -> dict:
    out = {}
    if path.exists():
        for line in path.read_text().splitlines():
            if line.strip():
                row = json.loads(line)
                out[row["key"]] = row
    return out


def report(rows: list[dict], n_calls: int) -> str:
    lines = [
        f"Median over seeds at {n_calls} calls (regret = best value found - known minimum;"
        " svc-digits: best 1 - accuracy).",
        "",
        "| problem | method | median regret | quartiles | median seconds / run | seeds |",
        "|---|---|---|---|---|---|",
    ]
    order = list(problems())
    by = {}
    for r in rows:
        by.setdefault((r["problem"], r["method"]), []).append(r)
    for (problem, method), runs in sorted(
        by.items(), key=lambda kv: (order.index(kv[0][0]), list(METHODS).index(kv[0][1]))
    ):
        values = np.array([r["regret"] if r["regret"] is not None else r["best"] for r in runs])
        q1, med, q3 = np.percentile(values, [25, 50, 75])
        secs = np.median([r["seconds"] for r in runs])
        lines.append(
            f"| {problem} | {method} | {med:.4g} | {q1:.3g} - {q3:.3g} | {secs:.2f} |"
            f" {len(runs)} |"
        )
    lines += ["", "Paired by seed, skopt_lite minus scikit-optimize (negative: skopt_lite"
              " lower); mean +- standard error, and wins / ties / losses:", ""]
    for problem in order:
        for kind in ("gp", "RF", "ET"):
            ours = {r["seed"]: r for r in by.get((problem, f"skopt_lite-{kind}"), [])}
            theirs = {r["seed"]: r for r in by.get((problem, f"skopt-{kind}"), [])}
            seeds = sorted(set(ours) & set(theirs))
            if len(seeds) < 2:
                continue
            value = lambda r: r["regret"] if r["regret"] is not None else r["best"]  # noqa: E731
            diff = np.array([value(ours[s]) - value(theirs[s]) for s in seeds])
            se = diff.std(ddof=1) / np.sqrt(len(diff))
            wins, ties = int(np.sum(diff < 0)), int(np.sum(diff == 0))
            lines.append(
                f"- {problem}, {kind}: {diff.mean():+.3g} +- {se:.2g} over {len(seeds)} seeds"
                f" ({wins} / {ties} / {len(seeds) - wins - ties})"
            )
    return "\n".join(lines)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--problems", default=",".join(problems()))
    parser.add_argument("--methods", default=",".join(METHODS))
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--n-calls", type=int, default=N_CALLS)
    parser.add_argument("--report-only", action="store_true")
    parser.add_argument("--results", type=Path, default=RESULTS, help="the JSON Lines cache")
    args = parser.parse_args(argv)
    wanted_problems = args.problems.split(",")
    wanted_methods = args.methods.split(",")
    cache = load_cache(args.results)
    all_problems = problems()
    if args.report_only:
        # The latest run of each (method, problem, seed), whatever the versions.
        latest = {}
        for row in cache.values():
            if (
                row["n_calls"] == args.n_calls
                and row["seed"] < args.seeds
                and row["problem"] in wanted_problems
                and row["method"] in wanted_methods
            ):
                latest[(row["method"], row["problem"], row["seed"])] = row
        print(report(list(latest.values()), args.n_calls))
        return
    versions = {}
    minima = {}
    rows = []
    for problem in wanted_problems:
        group, _, _, minimum = all_problems[problem]
        for method in wanted_methods:
            library, _, _, method_groups = METHODS[method]
            if group not in method_groups:
                continue
            if library not in versions:
                versions[library] = _version(library)
            for seed in range(args.seeds):
                key = _key(method, problem, seed, args.n_calls, versions[library])
                if key in cache:
                    rows.append(cache[key])
                    continue
                if minimum == "computed" and problem not in minima:
                    minima[problem] = _cat_hartmann6_minimum()
                known = minima.get(problem, minimum) if minimum == "computed" else minimum
                result = run_one(method, problem, seed, args.n_calls, known)
                row = {
                    "key": key,
                    "method": method,
                    "problem": problem,
                    "seed": seed,
                    "n_calls": args.n_calls,
                    "version": versions[library],
                    "minimum": known,
                    **result,
                }
                args.results.parent.mkdir(exist_ok=True)
                with open(args.results, "a") as f:
                    f.write(json.dumps(row) + "\n")
                cache[key] = row
                rows.append(row)
                print(
                    f"{problem:14s} {method:15s} seed {seed}: best {row['best']:.6g}"
                    f" in {row['seconds']:.1f} s",
                    flush=True,
                )
    print()
    print(report(rows, args.n_calls))


if __name__ == "__main__":
    main()
