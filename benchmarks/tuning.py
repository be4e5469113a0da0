"""Search quality: skopt_lite's BayesSearchCV against scikit-optimize, Optuna and random search.

Every method runs on the same tasks, CV splits and seeds, in this one process
(n_jobs=1). Seed k drives only the optimiser's random_state. Each run is one
line of benchmarks/results/tuning.jsonl (see ``_common.RunCache``), keyed by
(method, task, task fingerprint, seed, budget, versions; for skopt_lite a hash
of its source files), so a rerun computes only what changed; runs whose versions
or task definitions are no longer current are pruned after a run. skopt_lite is
imported from this checkout (the parent of this folder), not from site-packages.

Score per run (Bayesmark-style): 100 * (best - r) / (top - r), where r is the
median best score of scikit-learn's RandomizedSearchCV over the seeds at the
same budget and top is the known optimum (synthetic functions) or the best
score any run found (ML tasks). 0 is random search, 100 is the optimum.

Usage::

    python benchmarks/tuning.py                      # everything (cached runs reused)
    python benchmarks/tuning.py --tasks branin,svr-diabetes --seeds 3 --methods skopt_lite
    python benchmarks/tuning.py --report-only        # tables and plot from the cache
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import _common  # noqa: E402
import bench_tasks  # noqa: E402

RESULTS = HERE / "results" / "tuning.jsonl"
OUT = ROOT / "docs" / "_static" / "benchmarks"
METHODS = ("skopt_lite", "skopt", "optuna", "sklearn_random", "skopt_lite_random")
# Run order: the slow scikit-optimize last, so the fast methods' results come first.
RUN_ORDER = ("sklearn_random", "skopt_lite_random", "optuna", "skopt_lite", "skopt")
# knn-diabetes and camel are defined but not run by default: random search is already
# near their optimum (they separate nothing) and scikit-optimize's time is better spent.
DEFAULT_TASKS = (
    "tree-digits",
    "forest-digits",
    "svr-diabetes",
    "logreg_l1-wine",
    "mlp-breast_cancer",
    "gbr-diabetes",
    "branin",
    "hartmann3",
    "hartmann6",
    "mixed",
)
LABELS = {
    "skopt_lite": "skopt_lite BayesSearchCV",
    "skopt": "scikit-optimize BayesSearchCV",
    "optuna": "Optuna OptunaSearchCV (TPE)",
    "sklearn_random": "sklearn RandomizedSearchCV",
    "skopt_lite_random": "skopt_lite RandomSearchCV",
}


# -- versions and cache keys ----------------------------------------------------------------
# The distributions each method's runs depend on, besides numpy, scipy and scikit-learn.
DISTS = {
    "skopt": ("scikit-optimize",),
    "optuna": ("optuna", "optuna-integration"),
    "sklearn_random": (),
}


def versions(method: str) -> dict:
    """What ``method``'s runs depend on; for skopt_lite, a hash of its source files."""
    if method in ("skopt_lite", "skopt_lite_random"):
        _, src = _common.import_skopt_lite(ROOT)
        return {**_common.versions(), "skopt_lite_src": src}
    return _common.versions(*DISTS[method])


def cache_key(method, task, seed, budget, vers) -> dict:
    return {
        "method": method,
        "task": task.name,
        "fingerprint": task.fingerprint(),
        "seed": seed,
        "budget": budget,
        "versions": vers,
    }


def is_current(key: dict, tasks: dict, vers: dict) -> bool:
    """Whether a cached run's task definition and versions are today's.

    A method whose packages are not installed here cannot tell: its runs stay.
    """
    current = vers.get(key["method"])
    if current is None or None in current.values():
        return True
    task = tasks.get(key["task"])
    return (
        task is not None
        and key["fingerprint"] == task.fingerprint()
        and key["versions"] == vers.get(key["method"])
    )


# -- one run ---------------------------------------------------------------------------------
def make_search(method, task, seed, budget):
    est = task.make_estimator()
    space = bench_tasks.space_for(method, task.space)
    warnings.filterwarnings("ignore", message=".*experimental.*")
    common = {"cv": task.cv, "n_jobs": 1, "refit": False, "error_score": np.nan}
    if method == "skopt_lite":
        from skopt_lite import BayesSearchCV

        return BayesSearchCV(est, space, n_iter=budget, random_state=seed, **common)
    if method == "skopt":
        from skopt import BayesSearchCV

        return BayesSearchCV(est, space, n_iter=budget, random_state=seed, **common)
    if method == "optuna":
        import optuna
        from optuna_integration import OptunaSearchCV

        optuna.logging.set_verbosity(optuna.logging.WARNING)
        return OptunaSearchCV(est, space, n_trials=budget, random_state=seed, **common)
    if method == "sklearn_random":
        from sklearn.model_selection import RandomizedSearchCV

        return RandomizedSearchCV(est, space, n_iter=budget, random_state=seed, **common)
    if method == "skopt_lite_random":
        from skopt_lite import RandomSearchCV

        return RandomSearchCV(est, space, n_iter=budget, random_state=seed, **common)
    raise ValueError(method)


def scores_in_order(method, search) -> list[float]:
    """Mean CV score of every evaluation, in the order evaluated (nan for failures)."""
    if method == "optuna":
        trials = sorted(search.study_.trials, key=lambda t: t.number)
        return [float("nan") if t.value is None else float(t.value) for t in trials]
    return [float(s) for s in search.cv_results_["mean_test_score"]]


def run_one(method, task, seed, budget) -> dict:
    X, y = task.data()
    search = make_search(method, task, seed, budget)
    t0 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        search.fit(X, y)
    wall = time.perf_counter() - t0
    scores = scores_in_order(method, search)
    if method == "optuna":
        n_splits = task.cv.get_n_splits()
        fit_time = sum(
            n_splits
            * (t.user_attrs.get("mean_fit_time", 0) + t.user_attrs.get("mean_score_time", 0))
            for t in search.study_.trials
        )
    else:
        cv = search.cv_results_
        n_splits = task.cv.get_n_splits()
        fit_time = float(
            np.nansum(cv["mean_fit_time"]) * n_splits + np.nansum(cv["mean_score_time"]) * n_splits
        )
    return {"scores": [round(s, 10) for s in scores], "wall": wall, "fit_time": fit_time}


# -- scoring ---------------------------------------------------------------------------------
def best_trace(scores) -> np.ndarray:
    """The best score so far after each evaluation (failures count as -inf)."""
    return -_common.best_so_far(-np.asarray(scores, dtype=float))


def normalised(results: dict, tasks, methods, seeds, budget) -> dict:
    """{task: {method: array over seeds}} of normalised scores; plus refs."""
    out, refs = {}, {}
    for task in tasks:
        runs = {
            m: [results[(m, task.name, s)] for s in seeds if (m, task.name, s) in results]
            for m in methods
        }
        bests = {
            m: np.array([best_trace(r["scores"][:budget])[-1] for r in rs])
            for m, rs in runs.items()
            if rs
        }
        if "sklearn_random" not in bests:
            continue
        r = float(np.median(bests["sklearn_random"]))
        top = (
            task.optimum
            if task.optimum is not None
            else max(float(b.max()) for b in bests.values())
        )
        refs[task.name] = (r, top)
        # Scores are maximised: Bayesmark's score on the losses -score.
        out[task.name] = {m: _common.bayesmark_score(-b, -r, -top) for m, b in bests.items()}
    return out, refs


def report(results, tasks, methods, seeds, budget, env) -> str:
    norm, refs = normalised(results, tasks, methods, seeds, budget)
    present = [m for m in methods if any(m in v for v in norm.values())]
    lines = []
    head = "| task | " + " | ".join(LABELS[m] for m in present) + " |"
    lines += [head, "|" + "---|" * (len(present) + 1)]
    per_method = {m: [] for m in present}
    for task in tasks:
        if task.name not in norm:
            continue
        cells = []
        for m in present:
            v = norm[task.name].get(m)
            if v is None or len(v) == 0:
                cells.append("–")
                continue
            per_method[m].append(v)
            q1, q3 = np.percentile(v, [25, 75])
            cells.append(
                f"{np.mean(v):.1f} ± {np.std(v) / np.sqrt(len(v)):.1f} "
                f"(med {np.median(v):.1f}, IQR {q1:.0f}–{q3:.0f})"
            )
        lines.append(f"| {task.name} | " + " | ".join(cells) + " |")
    # The mean over tasks, and its spread over seeds (std error of the per-seed task mean).
    cells = []
    for m in present:
        vs = per_method[m]
        if not vs:
            cells.append("–")
            continue
        n = min(len(v) for v in vs)
        per_seed = np.mean([v[:n] for v in vs], axis=0)
        cells.append(
            f"**{per_seed.mean():.1f}** ± {per_seed.std() / np.sqrt(n):.1f} ({len(vs)} tasks)"
        )
    lines.append("| **mean** | " + " | ".join(cells) + " |")
    # Timing
    cells = []
    for m in present:
        walls = [
            results[(m, t.name, s)]["wall"]
            for t in tasks
            for s in seeds
            if (m, t.name, s) in results
        ]
        fits = [
            results[(m, t.name, s)]["fit_time"]
            for t in tasks
            for s in seeds
            if (m, t.name, s) in results
        ]
        cells.append(f"{np.mean(walls):.1f} s ({np.mean(walls) - np.mean(fits):.1f} s)")
    lines.append("| wall time per run (outside fit+score) | " + " | ".join(cells) + " |")
    ref_lines = ["", "| task | r (median best of RandomizedSearchCV) | top |", "|---|---|---|"]
    for name, (r, top) in refs.items():
        ref_lines.append(f"| {name} | {r:.6g} | {top:.6g} |")
    text = "\n".join(lines + ref_lines)
    return text


def plot(results, tasks, methods, seeds, budget, path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    tasks = [t for t in tasks if any((m, t.name, s) in results for m in methods for s in seeds)]
    ncol = 4
    nrow = int(np.ceil(len(tasks) / ncol))
    fig, axes = plt.subplots(nrow, ncol, figsize=(4 * ncol, 3.1 * nrow), squeeze=False)
    colors = dict(zip(METHODS, ["C3", "C0", "C2", "C7", "C1"]))
    x = np.arange(1, budget + 1)
    for ax, task in zip(axes.flat, tasks):
        for m in methods:
            runs = [results[(m, task.name, s)] for s in seeds if (m, task.name, s) in results]
            if not runs:
                continue
            traces = np.array([best_trace(r["scores"][:budget]) for r in runs])
            if task.optimum is not None:
                traces = np.maximum(task.optimum - traces, 1e-6)  # regret
            q1, med, q3 = np.percentile(traces, [25, 50, 75], axis=0)
            ax.plot(x, med, color=colors[m], label=LABELS[m], lw=1.5)
            ax.fill_between(x, q1, q3, color=colors[m], alpha=0.15)
        if task.optimum is not None:
            ax.set_yscale("log")
            ax.set_ylabel("regret (optimum − best)")
        else:
            ax.set_ylabel("best CV score")
            lo = np.percentile(
                [
                    best_trace(results[(m, task.name, s)]["scores"][:budget])[9]
                    for m in methods
                    for s in seeds
                    if (m, task.name, s) in results
                ],
                10,
            )
            hi = max(
                best_trace(results[(m, task.name, s)]["scores"][:budget])[-1]
                for m in methods
                for s in seeds
                if (m, task.name, s) in results
            )
            ax.set_ylim(lo - 0.05 * (hi - lo), hi + 0.05 * (hi - lo))
        ax.set_title(task.name, fontsize=10)
        ax.set_xlabel("evaluations")
        ax.grid(alpha=0.3)
    for ax in list(axes.flat)[len(tasks) :]:
        ax.axis("off")
    handles, labels = axes.flat[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=len(labels), fontsize=9)
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    fig.savefig(path, dpi=90)
    plt.close(fig)


def environment() -> dict:
    env = {m: versions(m) for m in METHODS}
    env.update(_common.environment())
    return env


def main(argv=None):
    all_tasks = bench_tasks.make_tasks()
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument(
        "--tasks",
        default=",".join(DEFAULT_TASKS),
        help=f"comma-separated, from {', '.join(all_tasks)}",
    )
    p.add_argument("--methods", default=",".join(METHODS), help="comma-separated methods")
    p.add_argument("--seeds", type=int, default=15, help="seeds 0..N-1")
    p.add_argument("--budget", type=int, default=30, help="evaluations per run")
    p.add_argument("--report-only", action="store_true", help="use cached runs only")
    p.add_argument("--out", default=str(OUT), help="where tables and plots go")
    args = p.parse_args(argv)
    tasks = [all_tasks[t] for t in _common.choose(p, args.tasks, all_tasks, "task")]
    methods = _common.choose(p, args.methods, METHODS, "method")
    seeds = list(range(args.seeds))
    cache = _common.RunCache(RESULTS)
    results = {}
    vers = {m: versions(m) for m in METHODS}
    for m, v in vers.items():
        if None in v.values():
            print(
                f"warning: {m}'s packages are not all installed here; its runs are left out"
                " (run in the benchmark venv, see requirements.txt)",
                file=sys.stderr,
            )
    # Every method is read from the cache for the report (sklearn_random is the reference).
    for m in RUN_ORDER:
        for task in tasks:
            for seed in seeds:
                key = cache_key(m, task, seed, args.budget, vers[m])
                if key in cache:
                    results[(m, task.name, seed)] = cache.get(key)
                elif not args.report_only and m in methods:
                    t0 = time.perf_counter()
                    res = run_one(m, task, seed, args.budget)
                    cache.append(key, res)
                    results[(m, task.name, seed)] = res
                    best = best_trace(res["scores"])[-1]
                    print(
                        f"{m:18s} {task.name:18s} seed {seed}: best {best:.5g}"
                        f"  ({time.perf_counter() - t0:.1f} s)",
                        flush=True,
                    )
    if not args.report_only:
        cache.prune(lambda k: is_current(k, all_tasks, vers))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    shown = [m for m in METHODS if any(k[0] == m for k in results)]
    table = report(results, tasks, shown, seeds, args.budget, None)
    header = (
        f"Budget {args.budget} evaluations, seeds 0–{len(seeds) - 1}; entries are the mean"
        " normalised score ± its standard error over seeds (median and interquartile range"
        " in brackets). 100 = optimum, 0 = median of RandomizedSearchCV.\n\n"
    )
    (out / "tuning.md").write_text(header + table + "\n")
    bench_tasks.write_csv_tables(table, out, "tuning")
    if not args.report_only:  # the environment of the runs, not of a later report
        env = environment()
        (out / "tuning_env.json").write_text(json.dumps(env, indent=1, sort_keys=True) + "\n")
    plot(results, tasks, shown, seeds, args.budget, out / "tuning_convergence.png")
    print(table)


if __name__ == "__main__":
    main()
