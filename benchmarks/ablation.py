"""Ablations: skopt_lite's BayesSearchCV with one thing changed, on the tuning tasks.

A variant is an ``optimizer_kwargs`` entry, a git revision of the library, or
both. A revision's ``skopt_lite/`` is extracted (``git archive REV skopt_lite``)
into a temporary folder and run there in a subprocess (``PYTHONPATH`` pointing
at it); a variant without a revision runs the library checkout this script
lives in. To measure a changed constant, commit it on a branch and name that
revision. Every run uses the tasks, CV splits, seeds and budget of
``tuning.py``; seed k drives only the optimiser's random_state.

Scores are normalised as in ``tuning.py`` and against the same references:
r is the median best score of scikit-learn's RandomizedSearchCV (from
``benchmarks/results/tuning.jsonl``, so run ``tuning.py`` first), and top is
the known optimum or the best score any run of any method or variant found.

Runs are cached in ``benchmarks/results/ablation.jsonl`` (see
``_common.RunCache``) under (optimizer_kwargs, hash of the variant's
skopt_lite source, task and its fingerprint, seed, budget, versions): two
revisions with the same source share their runs. The default variant reuses
``tuning.py``'s skopt_lite runs when they are cached.

Usage::

    python benchmarks/ablation.py --seeds 10                       # every variant
    python benchmarks/ablation.py --variants default,EI --seeds 10
    python benchmarks/ablation.py --report-only --seeds 10
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common  # noqa: E402
import bench_tasks  # noqa: E402
import tuning  # noqa: E402

RESULTS = tuning.HERE / "results" / "ablation.jsonl"
OUT = tuning.OUT
# name -> (what it changes, settings); settings may hold "optimizer_kwargs" and "revision".
VARIANTS = {
    "default": ("the defaults, as in tuning.py", {}),
    "EI": ("acq_func='EI' instead of 'gp_hedge'", {"optimizer_kwargs": {"acq_func": "EI"}}),
    "n_initial_points=5": (
        "5 initial design points instead of 10",
        {"optimizer_kwargs": {"n_initial_points": 5}},
    ),
    "no local candidates": (
        "the library at commit 7eec7d4: every candidate is a prior sample (L-BFGS-B still"
        " refines the best ones); the default from that commit until 8087c4d",
        {"revision": "7eec7d4"},
    ),
    "local on every proposal": (
        "the library at commit 8087c4d: 25% of the candidates of every proposal (not every"
        " second one) are perturbations of the best points; the default until 83a1ec3",
        {"revision": "8087c4d"},
    ),
}


# -- the library at a revision ---------------------------------------------------------------
@contextmanager
def library(revision: str | None):
    """A folder holding ``skopt_lite/`` at ``revision`` (None: this checkout), and its hash."""
    if revision is None:
        yield tuning.ROOT, _common.source_hash(tuning.ROOT / "skopt_lite")
        return
    with tempfile.TemporaryDirectory(prefix="skopt_lite-") as tmp:
        archive = subprocess.Popen(
            ["git", "-C", str(tuning.ROOT), "archive", revision, "skopt_lite"],
            stdout=subprocess.PIPE,
        )
        subprocess.run(["tar", "-x", "-C", tmp], stdin=archive.stdout, check=True)
        archive.stdout.close()
        if archive.wait() != 0:
            raise SystemExit(f"git archive {revision} failed")
        yield Path(tmp), _common.source_hash(Path(tmp) / "skopt_lite")


def source_hash(settings: dict) -> str:
    with library(settings.get("revision")) as (_, src):
        return src


def run_in_subprocess(folder: Path, jobs: list[dict]):
    """Run ``jobs`` with the skopt_lite in ``folder``; yield (job, result) as each ends."""
    env = dict(os.environ, PYTHONPATH=str(folder))
    proc = subprocess.Popen(
        [sys.executable, __file__, "--worker"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=env,
        text=True,
    )
    proc.stdin.write(json.dumps(jobs))
    proc.stdin.close()
    for line in proc.stdout:
        out = json.loads(line)
        yield jobs[out["job"]], out["result"]
    if proc.wait() != 0:
        raise SystemExit(f"the worker failed (exit code {proc.returncode})")


def worker() -> None:
    """Run the jobs read from stdin with the skopt_lite on PYTHONPATH; one JSON line each."""
    folder = Path(os.environ["PYTHONPATH"]).resolve()
    _common.import_skopt_lite(folder)
    tasks = bench_tasks.make_tasks()
    for i, job in enumerate(json.loads(sys.stdin.read())):
        res = run_variant(job["optimizer_kwargs"], tasks[job["task"]], job["seed"], job["budget"])
        print(json.dumps({"job": i, "result": res}), flush=True)


def run_variant(optimizer_kwargs: dict | None, task, seed: int, budget: int) -> dict:
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
        optimizer_kwargs=optimizer_kwargs or None,
    )
    t0 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        search.fit(X, y)
    wall = time.perf_counter() - t0
    scores = [round(float(s), 10) for s in search.cv_results_["mean_test_score"]]
    return {"scores": scores, "wall": wall}


def make_job(settings: dict, task, seed: int, budget: int) -> dict:
    """One run for the worker to do."""
    kwargs = settings.get("optimizer_kwargs")
    return {"task": task.name, "seed": seed, "budget": budget, "optimizer_kwargs": kwargs}


def key(settings: dict, src: str, task, seed, budget) -> dict:
    return {
        "optimizer_kwargs": settings.get("optimizer_kwargs", {}),
        "skopt_lite_src": src,
        "task": task.name,
        "fingerprint": task.fingerprint(),
        "seed": seed,
        "budget": budget,
        "versions": _common.versions(),
    }


# -- report -------------------------------------------------------------------------------------
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
            v = _common.bayesmark_score(-b, -r, -top)
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


def tuning_references(tasks, seeds, budget) -> dict:
    """tuning.py's cached runs of every method at today's versions: {(method, task, seed): run}."""
    cache = _common.RunCache(tuning.RESULTS)
    out = {}
    for m in tuning.METHODS:
        vers = tuning.versions(m)
        for task in tasks:
            for seed in seeds:
                res = cache.get(tuning.cache_key(m, task, seed, budget, vers))
                if res is not None:
                    out[(m, task.name, seed)] = res
    return out


# -- main -----------------------------------------------------------------------------------------
def collect(names, tasks, seeds, budget, run: bool) -> dict:
    """Every variant's runs, from the caches, computing the missing ones when ``run``."""
    cache = _common.RunCache(RESULTS)
    tuning_cache = _common.RunCache(tuning.RESULTS)
    vers = tuning.versions("skopt_lite")
    runs = {}
    for n in names:
        settings = VARIANTS[n][1]
        with library(settings.get("revision")) as (folder, src):
            todo = []
            for task in tasks:
                for seed in seeds:
                    k = key(settings, src, task, seed, budget)
                    k_tuning = tuning.cache_key("skopt_lite", task, seed, budget, vers)
                    reuse = not settings.get("optimizer_kwargs") and src == vers["skopt_lite_src"]
                    if reuse and k_tuning in tuning_cache:
                        runs[(n, task.name, seed)] = tuning_cache.get(k_tuning)
                    elif k in cache:
                        runs[(n, task.name, seed)] = cache.get(k)
                    else:
                        todo.append(make_job(settings, task, seed, budget))
            if not (run and todo):
                continue
            for job, res in run_in_subprocess(folder, todo):
                task = next(t for t in tasks if t.name == job["task"])
                cache.append(key(settings, src, task, job["seed"], budget), res)
                runs[(n, task.name, job["seed"])] = res
                best = tuning.best_trace(res["scores"])[-1]
                print(f"{n:28s} {task.name:18s} seed {job['seed']}: best {best:.5g}", flush=True)
    if run:
        cache.prune(lambda k: is_current(k, current_variants()))
    return runs


def current_variants() -> set[str]:
    """(optimizer_kwargs, source hash) of every variant, as canonical text."""
    return {
        _common.key_string([s.get("optimizer_kwargs", {}), source_hash(s)])
        for _, s in VARIANTS.values()
    }


def is_current(k: dict, variants: set[str]) -> bool:
    """Whether a cached run belongs to a variant, task definition and versions of today."""
    tasks = bench_tasks.make_tasks()
    task = tasks.get(k["task"])
    return (
        _common.key_string([k["optimizer_kwargs"], k["skopt_lite_src"]]) in variants
        and task is not None
        and k["fingerprint"] == task.fingerprint()
        and k["versions"] == _common.versions()
    )


def main(argv=None):
    if argv is None and sys.argv[1:] == ["--worker"]:
        return worker()
    all_tasks = bench_tasks.make_tasks()
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--tasks", default=",".join(tuning.DEFAULT_TASKS))
    p.add_argument("--variants", default=",".join(VARIANTS), help=f"from {', '.join(VARIANTS)}")
    p.add_argument("--seeds", type=int, default=10, help="seeds 0..N-1")
    p.add_argument("--budget", type=int, default=30)
    p.add_argument("--report-only", action="store_true")
    args = p.parse_args(argv)
    tasks = [all_tasks[t] for t in _common.choose(p, args.tasks, all_tasks, "task")]
    names = _common.choose(p, args.variants, VARIANTS, "variant")
    seeds = list(range(args.seeds))
    runs = collect(names, tasks, seeds, args.budget, run=not args.report_only)
    tuning_runs = tuning_references(tasks, seeds, args.budget)
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
