"""Ablations: skopt_lite's BayesSearchCV with one setting changed, on the tuning tasks.

Each variant changes one thing against the defaults: an ``optimizer_kwargs``
entry, or one of the private constants of ``skopt_lite.optimizer`` that the
defaults are built from (set for the duration of the variant's runs, then
restored). Every run uses the tasks, CV splits, seeds and budget of
``tuning.py``; seed k drives only the optimiser's random_state.

Scores are normalised as in ``tuning.py`` and against the same references:
r is the median best score of scikit-learn's RandomizedSearchCV (from
``benchmarks/results/tuning.json``, so run ``tuning.py`` first), and top is
the known optimum or the best score any run of any method or variant found.

Runs are cached in ``benchmarks/results/ablation.json`` under (variant
settings, task, seed, budget, versions and a hash of skopt_lite's optimiser
source). Concurrent processes may share the cache (e.g. one per variant).

Usage::

    python benchmarks/ablation.py --seeds 10                       # every variant
    python benchmarks/ablation.py --variants default,EI --seeds 10
    python benchmarks/ablation.py --report-only --seeds 10
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_tasks  # noqa: E402
import tuning  # noqa: E402

RESULTS = tuning.HERE / "results" / "ablation.json"
OUT = tuning.OUT
_OPT = "skopt_lite.optimizer._optimizer"
_ACQ = "skopt_lite.optimizer.acquisition"
_GP = "skopt_lite.optimizer.gp"
# name -> (what it changes, settings); settings hold "optimizer_kwargs" and/or
# "constants" ({"module.NAME": value}).
VARIANTS = {
    "default": ("the defaults, as in tuning.py", {}),
    "EI": ("acq_func='EI' instead of 'gp_hedge'", {"optimizer_kwargs": {"acq_func": "EI"}}),
    "n_initial_points=5": (
        "5 initial design points instead of 10",
        {"optimizer_kwargs": {"n_initial_points": 5}},
    ),
    "no power transform": (
        "the GP learns the standardised scores, without the Yeo-Johnson transform",
        {"constants": {f"{_OPT}._POWER_TRANSFORM": False}},
    ),
    "no local candidates": (
        "every candidate is a prior sample (L-BFGS-B still refines the best ones);"
        " the default from commit 7eec7d4 until it was undone",
        {"constants": {f"{_OPT}._LOCAL_FRACTION": 0.0}},
    ),
    "local on every proposal": (
        "25% of the candidates of every proposal (not every second one) are perturbations"
        " of the best points; the default until local candidates alternated",
        {"constants": {f"{_OPT}._LOCAL_EVERY": 1}},
    ),
    "local 10%": (
        "10% of the candidates of every proposal are perturbations of the best points"
        " (scales 0.01, 0.05, 0.2)",
        {
            "constants": {
                f"{_OPT}._LOCAL_FRACTION": 0.1,
                f"{_OPT}._LOCAL_EVERY": 1,
                f"{_ACQ}._LOCAL_SCALES": [0.01, 0.05, 0.2],
            }
        },
    ),
    "local 25% at scales 0.05 and 0.2": (
        "25% of the candidates of every proposal are perturbations of the best points,"
        " without the smallest scale",
        {
            "constants": {
                f"{_OPT}._LOCAL_FRACTION": 0.25,
                f"{_OPT}._LOCAL_EVERY": 1,
                f"{_ACQ}._LOCAL_SCALES": [0.05, 0.2],
            }
        },
    ),
    "GP priors": (
        "maximum a posteriori GP hyperparameters: BoTorch's dimension-scaled log-normal"
        " prior on the length scales and a log-normal prior on the noise",
        {"constants": {f"{_GP}._PRIORS": True}},
    ),
    "GP noise prior": (
        "maximum a posteriori GP hyperparameters: the log-normal prior on the noise only",
        {"constants": {f"{_GP}._PRIORS": True, f"{_GP}._LS_PRIOR_SCALE": 1e6}},
    ),
}


@contextmanager
def constants(settings: dict):
    """Set module constants ``{"module.NAME": value}`` and restore them afterwards."""
    saved = []
    try:
        for path, value in settings.items():
            module, name = path.rsplit(".", 1)
            mod = importlib.import_module(module)
            saved.append((mod, name, getattr(mod, name)))
            setattr(mod, name, np.asarray(value) if isinstance(value, list) else value)
        yield
    finally:
        for mod, name, value in reversed(saved):
            setattr(mod, name, value)


def run_variant(settings: dict, task, seed: int, budget: int) -> dict:
    import warnings

    from skopt_lite import BayesSearchCV

    X, y = task.data()
    space = bench_tasks.space_for("skopt_lite", task.space)
    search = BayesSearchCV(
        task.make_estimator(),
        space,
        n_iter=budget,
        random_state=seed,
        cv=task.cv,
        n_jobs=1,
        refit=False,
        error_score=np.nan,
        optimizer_kwargs=settings.get("optimizer_kwargs"),
    )
    t0 = time.perf_counter()
    with constants(settings.get("constants", {})), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        search.fit(X, y)
    wall = time.perf_counter() - t0
    scores = [round(float(s), 10) for s in search.cv_results_["mean_test_score"]]
    return {"scores": scores, "wall": wall}


def key(name, task, seed, budget, vers) -> str:
    return json.dumps(
        [VARIANTS[name][1], task.name, task.fingerprint(), seed, budget, vers], sort_keys=True
    )


def report(runs: dict, tuning_runs: dict, tasks, names, seeds, budget) -> str:
    """Markdown table: mean normalised score per variant and task (and over tasks)."""
    lines = [
        "| variant | " + " | ".join(t.name for t in tasks) + " | mean |",
        "|" + "---|" * (len(tasks) + 2),
    ]
    cells = {n: [] for n in names}
    per_seed = {n: [] for n in names}
    for task in tasks:
        rand = [
            tuning.best_trace(tuning_runs[("sklearn_random", task.name, s)]["scores"][:budget])[-1]
            for s in seeds
            if ("sklearn_random", task.name, s) in tuning_runs
        ]
        if not rand:
            raise SystemExit(f"no RandomizedSearchCV runs of {task.name}: run tuning.py first")
        r = float(np.median(rand))
        found = [
            tuning.best_trace(v["scores"][:budget])[-1]
            for k, v in list(tuning_runs.items()) + list(runs.items())
            if k[1] == task.name
        ]
        top = task.optimum if task.optimum is not None else max(found)
        for n in names:
            b = np.array(
                [
                    tuning.best_trace(runs[(n, task.name, s)]["scores"][:budget])[-1]
                    for s in seeds
                    if (n, task.name, s) in runs
                ]
            )
            v = 100.0 * (b - r) / (top - r) if top > r else np.zeros_like(b)
            cells[n].append(f"{v.mean():.1f} ± {v.std() / np.sqrt(len(v)):.1f}" if len(v) else "–")
            per_seed[n].append(v if len(v) == len(seeds) else None)
    for n in names:
        full = [v for v in per_seed[n] if v is not None]
        if len(full) == len(tasks):
            m = np.mean(full, axis=0)
            mean = f"**{m.mean():.1f}** ± {m.std() / np.sqrt(len(m)):.1f}"
        else:
            mean = "–"
        lines.append(f"| {n} | " + " | ".join(cells[n]) + f" | {mean} |")
    return "\n".join(lines)


def main(argv=None):
    all_tasks = bench_tasks.make_tasks()
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--tasks", default=",".join(tuning.DEFAULT_TASKS))
    p.add_argument("--variants", default=",".join(VARIANTS), help=f"from {', '.join(VARIANTS)}")
    p.add_argument("--seeds", type=int, default=10, help="seeds 0..N-1")
    p.add_argument("--budget", type=int, default=30)
    p.add_argument("--report-only", action="store_true")
    args = p.parse_args(argv)
    tasks = [all_tasks[t] for t in tuning.choose(p, args.tasks, all_tasks, "task")]
    names = tuning.choose(p, args.variants, VARIANTS, "variant")
    seeds = list(range(args.seeds))
    vers = tuning.versions("skopt_lite")
    cache = tuning.load_cache(RESULTS)
    tuning_cache = tuning.load_cache()
    runs = {}
    for n in names:
        for task in tasks:
            for seed in seeds:
                k = key(n, task, seed, args.budget, vers)
                # The defaults are tuning.py's skopt_lite runs: reuse them when cached.
                k_tuning = tuning.cache_key("skopt_lite", task, seed, args.budget, vers)
                if not VARIANTS[n][1] and k_tuning in tuning_cache:
                    runs[(n, task.name, seed)] = tuning_cache[k_tuning]
                elif k in cache:
                    runs[(n, task.name, seed)] = cache[k]
                elif not args.report_only:
                    res = run_variant(VARIANTS[n][1], task, seed, args.budget)
                    cache[k] = res
                    runs[(n, task.name, seed)] = res
                    tuning.save_cache(cache, RESULTS)
                    print(
                        f"{n:28s} {task.name:18s} seed {seed}: best"
                        f" {tuning.best_trace(res['scores'])[-1]:.5g}",
                        flush=True,
                    )
    tuning_vers = {}
    for m in tuning.METHODS:
        try:
            tuning_vers[m] = tuning.versions(m)
        except ImportError:  # a peer not installed: its runs do not count towards top
            pass
    tuning_runs = {}
    for m in tuning_vers:
        for task in tasks:
            for seed in seeds:
                k = tuning.cache_key(m, task, seed, args.budget, tuning_vers[m])
                if k in tuning_cache:
                    tuning_runs[(m, task.name, seed)] = tuning_cache[k]
    table = report(runs, tuning_runs, tasks, names, seeds, args.budget)
    legend = "\n".join(f"- **{n}**: {VARIANTS[n][0]}" for n in names)
    header = (
        f"Budget {args.budget} evaluations, seeds 0–{len(seeds) - 1}; mean normalised score"
        " ± its standard error over seeds (0 = median of RandomizedSearchCV, 100 = optimum).\n\n"
    )
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "ablation.md").write_text(header + table + "\n\n" + legend + "\n")
    bench_tasks.write_csv_tables(table, OUT, "ablation")
    print(table)
    print(legend)


if __name__ == "__main__":
    main()
