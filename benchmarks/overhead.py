"""Overhead: the optimisers' own time per iteration, memory, and the sampling searches' wall time.

Parts (all sequential, n_jobs=1, zero-cost estimators unless said):

* ``asktell``: time per iteration of each Bayesian optimiser (skopt_lite
  Optimizer, scikit-optimize Optimizer -- what their BayesSearchCV call --
  and Optuna's TPE sampler, as OptunaSearchCV uses it) after warming up to
  n = 50, 100, 200 observations: n random points are told at once, then the
  next k = 10 ask/tell iterations are timed (mean per iteration).
* ``search``: the same through the searches (BayesSearchCV, BayesSearchCV,
  OptunaSearchCV) with a zero-cost estimator: a 60-iteration search, the mean
  time of iterations 50-59 (callback time stamps), so scikit-learn's CV
  machinery is included.
* ``scaling``: skopt_lite's BayesSearchCV for 200 iterations on a 6-D space
  and 500 iterations on a 10-D space: time per iteration against n, resident
  memory (RSS) along the way, and tracemalloc's traced peak (in a second,
  traced run of the 6-D search).
* ``walltime``: ExhaustiveSearchCV, GridSearchCV and RandomSearchCV against
  scikit-learn's GridSearchCV / RandomizedSearchCV on the same candidates
  (a cheap real model and a zero-cost one), alternating, repeated; medians of
  the per-pair ratio, and each search's own time (its ``_run_search`` outside
  the evaluation of the candidates, the only code the two classes do not share).

The thread setting is whatever the environment says; run it twice::

    python benchmarks/overhead.py --label default
    OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 \\
        python benchmarks/overhead.py --label pinned
    python benchmarks/overhead.py --report-only      # the markdown table from both

Each part of each label is one line of benchmarks/results/overhead.jsonl (see
``_common.RunCache``; key: label and part, result: the measurements and the
environment they were made in); a rerun of a part replaces its line. The table
goes to docs/_static/benchmarks/overhead.md. skopt_lite is imported from this
checkout (the parent of this folder).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import time
import tracemalloc
import warnings
from functools import partial
from inspect import signature
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import _common  # noqa: E402
import bench_tasks  # noqa: E402

RESULTS = HERE / "results" / "overhead.jsonl"
PARTS = ("asktell", "search", "scaling", "walltime")
OUT = ROOT / "docs" / "_static" / "benchmarks"
SIZES = (50, 100, 200)
K = 10  # timed iterations per size (their mean is reported)
QUICK = False

# A 6-D mixed space (3 reals, one of them log; 2 integers, one log; a category)
# and a 10-D one, both over the zero-cost estimator's parameters.
SPACE6 = {
    "x0": ("real", 0.0, 1.0, False),
    "x1": ("real", 0.0, 1.0, False),
    "x2": ("real", 1e-3, 1.0, True),
    "k0": ("int", 0, 20, False),
    "k1": ("int", 1, 100, True),
    "c0": ("cat", ["a", "b", "c", "d"]),
}
SPACE10 = {f"x{i}": ("real", 0.0, 1.0, False) for i in range(8)}
SPACE10.update({"k0": ("int", 0, 20, False), "c0": ("cat", ["a", "b", "c", "d"])})


def objective(p: dict) -> float:
    """A cheap smooth value to minimise, so the models have something to learn."""
    v = 0.0
    for name, val in p.items():
        if name.startswith("x"):
            v += (float(val) - 0.3) ** 2
        elif name == "k0":
            v += ((val - 7) / 20) ** 2
        elif name == "k1":
            v += (np.log10(val) - 1) ** 2 / 4
        elif name == "c0":
            v += {"a": 0.1, "b": 0.0, "c": 0.2, "d": 0.05}[val]
    return v


bench_tasks.FUNCTIONS["bowl"] = lambda **p: objective(
    {k: v for k, v in p.items() if k in CURRENT_SPACE}
)
CURRENT_SPACE: dict = {}


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def random_points(space: dict, n: int, rng) -> list[dict]:
    out = []
    for _ in range(n):
        p = {}
        for name, spec in space.items():
            if spec[0] == "cat":
                p[name] = spec[1][rng.randint(len(spec[1]))]
            elif spec[0] == "real":
                lo, hi = spec[1], spec[2]
                if spec[3]:
                    p[name] = float(np.exp(rng.uniform(np.log(lo), np.log(hi))))
                else:
                    p[name] = float(rng.uniform(lo, hi))
            else:
                p[name] = int(rng.randint(spec[1], spec[2] + 1))
        out.append(p)
    return out


# -- part 1: ask/tell ----------------------------------------------------------------------
def asktell(method: str, space: dict, n: int, k: int, seed: int = 0) -> list[float]:
    rng = np.random.RandomState(1000 + n)
    warm = random_points(space, n, rng)
    names = list(space)
    if method in ("skopt_lite", "skopt"):
        if method == "skopt_lite":
            from skopt_lite import Optimizer
        else:
            from skopt import Optimizer
        dims = list(bench_tasks.space_for(method, space).values())
        opt = Optimizer(dims, random_state=seed)
        X = [[p[nm] for nm in names] for p in warm]
        opt.tell(X, [objective(p) for p in warm])
        times = []
        for _ in range(k):
            t0 = time.perf_counter()
            x = opt.ask()
            opt.tell(x, objective(dict(zip(names, x))))
            times.append(time.perf_counter() - t0)
        return times
    import optuna
    from optuna.trial import create_trial

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    dists = bench_tasks.space_for("optuna", space)
    study = optuna.create_study(sampler=optuna.samplers.TPESampler(seed=seed))
    study.add_trials(
        [create_trial(params=p, distributions=dists, value=objective(p)) for p in warm]
    )
    times = []
    for _ in range(k):
        t0 = time.perf_counter()
        trial = study.ask(dists)
        study.tell(trial, objective(trial.params))
        times.append(time.perf_counter() - t0)
    return times


def part_asktell() -> dict:
    out = {}
    for method in ("skopt_lite", "skopt", "optuna"):
        for n in SIZES:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                t = asktell(method, SPACE6, n, K)
            out[f"{method}/{n}"] = float(np.mean(t))
            print(f"asktell {method:10s} n={n:3d}: {1000 * np.mean(t):8.1f} ms/iter", flush=True)
    return out


# -- part 2: through the searches --------------------------------------------------------
def search_iteration_times(method: str, space: dict, n_iter: int) -> list[float]:
    global CURRENT_SPACE
    CURRENT_SPACE = space
    from sklearn.model_selection import KFold

    X, y = np.zeros((4, 1)), np.zeros(4)
    est = bench_tasks.Synthetic(function="bowl")
    sp = bench_tasks.space_for(method, space)
    stamps = []

    def cb(*_):
        stamps.append(time.perf_counter())

    common = {"cv": KFold(2), "n_jobs": 1, "refit": False}
    if method == "skopt_lite":
        from skopt_lite import BayesSearchCV

        s = BayesSearchCV(est, sp, n_iter=n_iter, random_state=0, **common)
        fit_kw = {"callback": cb}
    elif method == "skopt":
        from skopt import BayesSearchCV

        s = BayesSearchCV(est, sp, n_iter=n_iter, random_state=0, **common)
        fit_kw = {"callback": cb}
    else:
        import optuna
        from optuna_integration import OptunaSearchCV

        optuna.logging.set_verbosity(optuna.logging.WARNING)
        s = OptunaSearchCV(est, sp, n_trials=n_iter, random_state=0, callbacks=[cb], **common)
        fit_kw = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t0 = time.perf_counter()
        s.fit(X, y, **fit_kw)
    return list(np.diff([t0, *stamps]))


def part_search() -> dict:
    out = {}
    for method in ("skopt_lite", "skopt", "optuna"):
        t = search_iteration_times(method, SPACE6, 20 if QUICK else 60)
        out[f"{method}/50"] = float(np.mean(t[-10:]))
        out[f"{method}/total60"] = float(np.sum(t))
        print(f"search  {method:10s} n=50: {1000 * out[f'{method}/50']:8.1f} ms/iter", flush=True)
    return out


# -- part 3: scaling and memory -------------------------------------------------------------
def bayes_run(space: dict, n_iter: int, traced: bool = False) -> dict:
    global CURRENT_SPACE
    CURRENT_SPACE = space
    from sklearn.model_selection import KFold

    from skopt_lite import BayesSearchCV

    X, y = np.zeros((4, 1)), np.zeros(4)
    sp = bench_tasks.space_for("skopt_lite", space)
    s = BayesSearchCV(
        bench_tasks.Synthetic(function="bowl"),
        sp,
        n_iter=n_iter,
        random_state=0,
        cv=KFold(2),
        n_jobs=1,
        refit=False,
    )
    stamps, rss, traced_mb = [], [], []

    def cb(res):
        stamps.append(time.perf_counter())
        rss.append(rss_mb())
        if traced:
            traced_mb.append(tracemalloc.get_traced_memory()[0] / 2**20)

    gc.collect()
    if traced:
        tracemalloc.start()
    rss0 = rss_mb()
    t0 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        s.fit(X, y, callback=cb)
    out = {"times": list(np.diff([t0, *stamps])), "rss": rss, "rss0": rss0}
    if traced:
        out["traced"] = traced_mb
        out["traced_peak"] = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    out["peak_rss"] = peak_rss_mb()
    out["best"] = float(s.best_score_)
    return out


def part_scaling() -> dict:
    out = {}
    n6, n10 = (30, 60) if QUICK else (200, 500)
    r6 = bayes_run(SPACE6, n6)
    out["d6"] = r6
    print(f"scaling 6-D: {np.sum(r6['times']):.1f} s, rss {r6['rss'][0]:.0f}->{r6['rss'][-1]:.0f}")
    r6t = bayes_run(SPACE6, n6, traced=True)
    out["d6_traced"] = {k: r6t[k] for k in ("traced", "traced_peak", "rss")}
    print(f"scaling 6-D traced: peak {r6t['traced_peak']:.1f} MB", flush=True)
    r10 = bayes_run(SPACE10, n10)
    out["d10"] = r10
    print(
        f"scaling 10-D: {np.sum(r10['times']):.1f} s, rss {r10['rss'][0]:.0f}->{r10['rss'][-1]:.0f}"
    )
    return out


# -- part 4: the enumerating and sampling searches --------------------------------------------
def _instrument(search) -> dict:
    """Time ``search``'s own work: its ``_run_search`` minus the candidates' evaluation.

    skopt_lite's searches and scikit-learn's share everything but
    ``_run_search`` (BaseSearchCV.fit, evaluate_candidates, the CV loop,
    refit), so the difference between their own times is the whole of the
    extra work one does. Turning the candidates into a list counts as own
    work for both: scikit-learn draws its RandomizedSearchCV candidates there.
    Returns a dict whose ``"own"`` entry is filled in by ``fit`` (seconds).
    """
    run_search = search._run_search
    takes_ctx = "callback_ctx" in signature(run_search).parameters
    acc = {"own": 0.0}

    def timed_run_search(evaluate_candidates, callback_ctx=None):
        evaluating = 0.0

        def timed_evaluate(candidate_params, *args, **kwargs):
            nonlocal evaluating
            candidate_params = list(candidate_params)
            t0 = time.perf_counter()
            result = evaluate_candidates(candidate_params, *args, **kwargs)
            evaluating += time.perf_counter() - t0
            return result

        t0 = time.perf_counter()
        if takes_ctx:
            run_search(timed_evaluate, callback_ctx=callback_ctx)
        else:
            run_search(timed_evaluate)
        acc["own"] += time.perf_counter() - t0 - evaluating

    search._run_search = timed_run_search
    return acc


def _median_interval(x, level=0.95, n_boot=4000) -> list[float]:
    """Percentile-bootstrap interval of the median of ``x``."""
    rng = np.random.default_rng(0)
    medians = np.median(rng.choice(x, size=(n_boot, len(x))), axis=1)
    return [float(q) for q in np.percentile(medians, [50 * (1 - level), 50 * (1 + level)])]


def part_walltime(repeats: int = 21, zero_cost_repeats: int = 31) -> dict:
    # One scheduler hiccup or frequency change on a shared machine moves a single
    # ratio by 5-10%, as much as the target, so each pair is repeated and three
    # things are reported: the median per-pair ratio with a bootstrap interval,
    # the ratio of the fastest times (the least disturbed runs), and the searches'
    # own time (see _instrument), the one part of the wall time that differs.
    repeats, zero_cost_repeats = (1, 1) if QUICK else (repeats, zero_cost_repeats)
    from scipy.stats import loguniform, randint, uniform
    from sklearn import model_selection as ms
    from sklearn.datasets import load_digits
    from sklearn.model_selection import KFold, StratifiedKFold
    from sklearn.tree import DecisionTreeClassifier

    import skopt_lite as sl

    global CURRENT_SPACE
    X, y = load_digits(return_X_y=True)
    tree_grid = {
        "max_depth": [2, 4, 8, None],
        "min_samples_leaf": [1, 2, 4, 8],
        "criterion": ["gini", "entropy"],
    }
    tree_dists = {
        "max_depth": randint(1, 20),
        "min_samples_leaf": randint(1, 20),
        "max_features": uniform(0.1, 0.9),
        "criterion": ["gini", "entropy"],
    }
    zero_grid = {
        "x0": list(np.linspace(0, 1, 10)),
        "k0": list(range(10)),
        "c0": ["a", "b", "c", "d"],
    }
    zero_dists = {
        "x0": uniform(0, 1),
        "x1": loguniform(1e-3, 1),
        "k0": randint(0, 20),
        "c0": ["a", "b", "c", "d"],
    }
    CURRENT_SPACE = {"x0": 0, "x1": 0, "k0": 0, "c0": 0}
    Xz, yz = np.zeros((4, 1)), np.zeros(4)
    cases = {
        "model": (
            DecisionTreeClassifier(random_state=0),
            X,
            y,
            StratifiedKFold(3, shuffle=True, random_state=0),
            tree_grid,
            tree_dists,
            32,
            repeats,
        ),
        "zero-cost": (
            bench_tasks.Synthetic(function="bowl"),
            Xz,
            yz,
            KFold(2),
            zero_grid,
            zero_dists,
            400,
            zero_cost_repeats,
        ),
    }
    out = {}
    for case, (est, Xc, yc, cv, grid, dists, n_iter, n_repeats) in cases.items():
        common = {"cv": cv, "n_jobs": 1}
        pairs = {
            "ExhaustiveSearchCV": (
                partial(sl.ExhaustiveSearchCV, est, grid, **common),
                partial(ms.GridSearchCV, est, grid, **common),
            ),
            "GridSearchCV": (
                partial(sl.GridSearchCV, est, grid, **common),
                partial(ms.GridSearchCV, est, grid, **common),
            ),
            "RandomSearchCV": (
                partial(sl.RandomSearchCV, est, dists, n_iter=n_iter, random_state=0, **common),
                partial(ms.RandomizedSearchCV, est, dists, n_iter=n_iter, random_state=0, **common),
            ),
        }
        for name, (mine, theirs) in pairs.items():
            ratios = []
            t = {mine: [], theirs: []}
            own = {mine: [], theirs: []}
            params = {}
            for make in (mine, theirs):  # warm-up: imports, caches, first-call costs
                make().fit(Xc, yc)
            for r in range(n_repeats):
                for make in (mine, theirs) if r % 2 == 0 else (theirs, mine):
                    s = make()
                    acc = _instrument(s)
                    gc.collect()
                    t0 = time.perf_counter()
                    s.fit(Xc, yc)
                    t[make].append(time.perf_counter() - t0)
                    own[make].append(acc["own"])
                    params[make] = s.cv_results_["params"]
                ratios.append(t[mine][-1] / t[theirs][-1])
            if params[mine] != params[theirs]:
                raise RuntimeError(f"{case}/{name}: the two searches tried different candidates")
            q1, q3 = np.percentile(ratios, [25, 75])
            lo, hi = _median_interval(ratios)
            own_mine, own_theirs = np.median(own[mine]), np.median(own[theirs])
            sk_time = np.median(t[theirs])
            out[f"{case}/{name}"] = {
                "ratio": float(np.median(ratios)),
                "ratio_iqr": [float(q1), float(q3)],
                "ratio_ci95": [lo, hi],
                "ratio_fastest": float(np.min(t[mine]) / np.min(t[theirs])),
                "repeats": n_repeats,
                "mine": float(np.median(t[mine])),
                "sklearn": float(sk_time),
                "own_mine": float(own_mine),
                "own_sklearn": float(own_theirs),
                "own_excess": float((own_mine - own_theirs) / sk_time),
                "n_candidates": len(params[mine]),
            }
            print(
                f"walltime {case:9s} {name:18s} ratio {np.median(ratios):.3f}"
                f" (95% {lo:.3f}-{hi:.3f}; fastest {np.min(t[mine]) / np.min(t[theirs]):.3f};"
                f" {np.median(t[mine]):.3f} s vs {sk_time:.3f} s; own"
                f" {own_mine * 1e3:.2f} ms vs {own_theirs * 1e3:.2f} ms)",
                flush=True,
            )
    return out


# -- report ------------------------------------------------------------------------------------
def environment() -> dict:
    _, src = _common.import_skopt_lite(ROOT)
    env = _common.versions("scikit-optimize", "optuna")
    env["skopt_lite_src"] = src
    env.update(_common.environment())
    env["load_average"] = os.getloadavg()
    return env


def load(labels) -> dict:
    """{label: {part: measurements, "env": environment}} of the cached parts of ``labels``."""
    cache = _common.RunCache(RESULTS)
    data = {}
    for label in labels:
        for part in PARTS:
            res = cache.get({"label": label, "part": part})
            if res is not None:
                data.setdefault(label, {})[part] = res["data"]
                data[label]["env"] = res["env"]
    return data


def _ms(x):
    return f"{1000 * x:.1f} ms"


def plot(labels, path) -> None:
    """Two panels: ask/tell time per iteration of each optimiser against n, and
    skopt_lite's BayesSearchCV time per iteration over its long searches."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    data = load(labels)
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 3.8))
    styles = dict(zip(labels, ["-", "--", ":"]))
    names = {"skopt_lite": "skopt_lite", "skopt": "scikit-optimize", "optuna": "Optuna TPE"}
    colors = {"skopt_lite": "C3", "skopt": "C0", "optuna": "C2"}
    for label, d in data.items():
        a = d.get("asktell") or {}
        for m in names:
            ns = sorted(int(k.split("/")[1]) for k in a if k.startswith(m + "/"))
            if ns:
                ax1.plot(
                    ns,
                    [1000 * a[f"{m}/{n}"] for n in ns],
                    styles[label],
                    marker="o",
                    color=colors[m],
                    label=f"{names[m]} ({label})",
                )
        sc = d.get("scaling") or {}
        for key, color in (("d6", "C3"), ("d10", "C1")):
            if key in sc:
                t = np.asarray(sc[key]["times"], dtype=float)
                k = 10
                smooth = np.convolve(t, np.ones(k) / k, mode="valid")
                n = np.arange(k, len(t) + 1)
                ax2.plot(
                    n, 1000 * smooth, styles[label], color=color, label=f"{key[1:]}-D ({label})"
                )
    if "d10" in (data.get(labels[0], {}).get("scaling") or {}):
        t = np.asarray(data[labels[0]]["scaling"]["d10"]["times"], dtype=float)
        n0 = 60
        base = 1000 * float(np.mean(t[n0 : n0 + 10]))
        n = np.arange(n0, len(t))
        ax2.plot(n, base * (n / n0) ** 3, color="0.6", lw=1, label="cubic growth from n = 60")
        ax2.set_ylim(0, 4 * 1000 * float(np.max(t[-20:])))
    ax1.set_yscale("log")
    ax1.set_xlabel("observations told (n)")
    ax1.set_ylabel("ask + tell, ms per iteration")
    ax1.set_title("Optimisers, 6-D mixed space", fontsize=10)
    ax2.set_xlabel("iteration (n)")
    ax2.set_ylabel("ms per iteration (mean of 10)")
    ax2.set_title("skopt_lite BayesSearchCV, zero-cost fits", fontsize=10)
    for ax in (ax1, ax2):
        ax.grid(alpha=0.3)
        ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)


def window(times, n, k=10):
    """Mean time of iterations n+1 .. n+k (so occasional hyperparameter fits count)."""
    t = times[n : n + k]
    return float(np.mean(t)) if len(t) else float("nan")


def report(labels) -> str:
    data = load(labels)
    lines = []
    # ask/tell
    lines += ["### Optimiser time per iteration (ask + tell), 6-D mixed space", ""]
    lines += [
        "| threads | n | skopt_lite | scikit-optimize | Optuna TPE |"
        " skopt ÷ skopt_lite | skopt_lite ÷ TPE |",
        "|---|---|---|---|---|---|---|",
    ]
    for label, d in data.items():
        a = d.get("asktell")
        if not a:
            continue
        for n in sorted({int(k.split("/")[1]) for k in a}):
            sl_, sk, op = a[f"skopt_lite/{n}"], a[f"skopt/{n}"], a[f"optuna/{n}"]
            lines.append(
                f"| {label} | {n} | {_ms(sl_)} | {_ms(sk)} | {_ms(op)} |"
                f" {sk / sl_:.0f}× | {sl_ / op:.2f}× |"
            )
    lines += [
        "",
        "### Through the searches (zero-cost fits), iterations 50–59, 6-D mixed space",
        "",
    ]
    lines += [
        "| threads | skopt_lite BayesSearchCV | scikit-optimize BayesSearchCV |"
        " OptunaSearchCV | skopt ÷ skopt_lite | skopt_lite ÷ Optuna |",
        "|---|---|---|---|---|---|",
    ]
    for label, d in data.items():
        s = d.get("search")
        if not s:
            continue
        sl_, sk, op = s["skopt_lite/50"], s["skopt/50"], s["optuna/50"]
        lines.append(
            f"| {label} | {_ms(sl_)} | {_ms(sk)} | {_ms(op)} | {sk / sl_:.0f}× | {sl_ / op:.2f}× |"
        )
    lines += ["", "### skopt_lite BayesSearchCV: time per iteration and memory against n", ""]
    lines += [
        "| threads | space | n | time/iter (mean of next 10) | ratio to previous n | RSS |",
        "|---|---|---|---|---|---|",
    ]
    for label, d in data.items():
        sc = d.get("scaling")
        if not sc:
            continue
        for key, ns in (("d6", (25, 50, 100, 190)), ("d10", (60, 120, 240, 480))):
            r = sc[key]
            prev = prev_n = None
            for n in ns:
                t = window(r["times"], n)
                ratio = f"{t / prev:.2f} (cubic: {(n / prev_n) ** 3:.1f})" if prev else ""
                lines.append(
                    f"| {label} | {key[1:]}-D | {n} | {_ms(t)} | {ratio} |"
                    f" {r['rss'][min(n, len(r['rss']) - 1)]:.0f} MB |"
                )
                prev, prev_n = t, n
        tr = sc["d6_traced"]
        q = tr["traced"]
        lines.append(
            f"| {label} | 6-D traced | 200 | tracemalloc current "
            f"{q[len(q) // 4 - 1]:.2f} / {q[len(q) // 2 - 1]:.2f} / {q[-1]:.2f} MB"
            f" at n/4, n/2, n | peak {tr['traced_peak']:.1f} MB |  |"
        )
    lines += ["", "### Wall time against scikit-learn on the same candidates", ""]
    lines += [
        "Pairs run alternately after one warm-up run each; times are medians over the"
        " pairs. *ratio* is the median of the per-pair ratios (95% bootstrap interval in"
        " brackets); *fastest* is the ratio of the two fastest times, the runs least"
        " disturbed by other work on the machine. *own* is the time each search spends in"
        " its `_run_search` outside the evaluation of its candidates (median, both"
        " classes share every other line of `fit`); *excess* is the difference of the two"
        " own times as a share of scikit-learn's wall time.",
        "",
        "| threads | case | search | candidates | pairs | skopt_lite | scikit-learn |"
        " ratio | fastest | own, skopt_lite | own, scikit-learn | excess |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for label, d in data.items():
        w = d.get("walltime")
        if not w:
            continue
        for key, v in w.items():
            case, name = key.split("/")
            ci = v.get("ratio_ci95")
            spread = f" ({ci[0]:.3f}–{ci[1]:.3f})" if ci else ""
            own = (
                f" {v['own_mine'] * 1e3:.2f} ms | {v['own_sklearn'] * 1e3:.2f} ms |"
                f" {100 * v['own_excess']:+.2f}% |"
                if "own_excess" in v
                else " – | – | – |"
            )
            lines.append(
                f"| {label} | {case} | {name} | {v['n_candidates']} | {v.get('repeats', 7)} |"
                f" {v['mine']:.3f} s | {v['sklearn']:.3f} s | {v['ratio']:.3f}{spread} |"
                f" {v['ratio_fastest']:.3f} |{own}"
            )
    lines += [""]
    for label, d in data.items():
        lines.append(f"- {label}: {json.dumps(d['env'])}")
    return "\n".join(lines) + "\n"


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--label", default="default", help="name of this thread setting")
    p.add_argument("--parts", default="asktell,search,scaling,walltime")
    p.add_argument("--report-only", action="store_true")
    p.add_argument("--quick", action="store_true", help="tiny sizes: a smoke test of the script")
    p.add_argument("--labels", default="default,pinned", help="settings in the report")
    args = p.parse_args(argv)
    if args.quick:
        global SIZES, QUICK
        SIZES, QUICK = (12, 20), True
        args.label, args.labels = "quick", "quick"
    cache = _common.RunCache(RESULTS)
    cache.prune(lambda k: k["label"] != "quick" and k["part"] in PARTS)
    if not args.report_only:
        environment()  # skopt_lite from this checkout before any part imports it
        for part in _common.choose(p, args.parts, PARTS, "part"):
            data = globals()[f"part_{part}"]()
            # The environment after the part: its BLAS libraries are loaded by now.
            cache.append({"label": args.label, "part": part}, {"data": data, "env": environment()})
    OUT.mkdir(parents=True, exist_ok=True)
    text = report(args.labels.split(","))
    (OUT / "overhead.md").write_text(text)
    bench_tasks.write_csv_tables(text, OUT, "overhead")
    plot(args.labels.split(","), OUT / "overhead.png")
    print(text)


if __name__ == "__main__":
    main()
