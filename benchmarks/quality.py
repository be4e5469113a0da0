"""Held-out benchmark (issue 11): skopt_lite against its peers on 47 problems, two budgets.

Problems and the development/held-out split are in ``problems.py``; one
adapter per method in ``adapters.py``. Every method runs one evaluation at a
time on the same estimator, splitter, scoring and space; seed k drives only
the optimiser (splitters and models keep ``random_state=0``).

Methods: ``skopt_lite`` (BayesSearchCV, n_points=1), ``skopt_lite_batch4``
(n_points=4), ``skopt_lite_random`` (RandomSearchCV), ``sklearn_random``
(RandomizedSearchCV), ``skopt`` (scikit-optimize BayesSearchCV), ``optuna_tpe``
and ``optuna_gp`` (Optuna's TPESampler and GPSampler), ``smac`` (SMAC3
HyperparameterOptimizationFacade), ``hebo`` (HEBO) and ``hyperopt`` (TPE), all
at their defaults. skopt_lite is imported from the library checkout given by
``--skopt-lite-path`` (default: the repository this script is in), never from
site-packages; the hash of its source files is part of its runs' keys, so a
changed library reruns skopt_lite and nothing else.

Each run is one line of ``benchmarks/results/quality.jsonl`` (``_common.RunCache``),
keyed by (method, problem, problem fingerprint, seed, budget, versions); a
rerun computes only what is missing, and runs whose versions or problem
definitions are no longer current are pruned once a run finishes.

Score (Bayesmark): per problem and run ``100 * (rand - best) / (rand - opt)``
on losses, ``rand`` the median best loss of ``sklearn_random`` over its seeds
at the same budget, ``opt`` the known optimum (test functions) or the best
loss any cached run found. 0 is random search's median, 100 the optimum;
every run scores 0 on a problem random search solves at that budget (its
median within a relative 1e-5 of ``opt``, ``_common.SOLVED_RTOL``).
Reported per half and budget: mean ± standard error over seeds per problem,
the mean over problems (its error combines the problems' errors), and paired
differences (by problem and seed) against the best peer and between every two
methods, as Markdown and CSV in ``docs/_static/benchmarks/`` with convergence
plots.

The environment (a separate venv; none of this is a dependency of skopt_lite)::

    python3.11 -m venv /work/bench-venv
    /work/bench-venv/bin/pip install torch==2.13.0        # the CPU wheel
    /work/bench-venv/bin/pip install -r benchmarks/requirements.txt
    /work/bench-venv/bin/pip install --no-deps hebo==0.3.6  # it pins numpy<1.25
    # SMAC needs no compiler here (its random forest is scikit-learn's); the
    # optional pyrfr does: apt-get install -y swig

Usage::

    python benchmarks/quality.py --methods sklearn_random --problems all --budget 30,100
    python benchmarks/quality.py --methods optuna_tpe,smac --problems heldout --seeds 10
    python benchmarks/quality.py --check --problems all      # objective = mean_test_score?
    python benchmarks/quality.py --report-only

``run_quality.sh`` runs the whole plan in order (resumable: cached runs are skipped).
Estimated time on the 2-core machine, one process (from the first 220 runs: a
mean evaluation costs 176 ms over all problems, 203 ms over the held-out ones;
optimiser overhead per evaluation from the smoke runs: TPE and hyperopt ~5 ms,
Optuna GP ~0.3 s, SMAC ~0.4-0.6 s, scikit-optimize ~1-1.5 s, HEBO ~4-6 s):

* random search on all problems: 0.7 h at budget 30, 2.3 h at 100;
* held-out, budget 30: Optuna GP and TPE, SMAC, hyperopt 3.0 h; scikit-optimize
  1.1 h; HEBO 4.0 h (5 seeds each for the last two);
* held-out, budget 100: the four fast peers 11.9 h, scikit-optimize 5.7 h, HEBO 20.7 h;

about 49 h in all, 11 h up to the end of the budget-30 runs.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import traceback
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import _common  # noqa: E402
import adapters  # noqa: E402
import problems as problems_mod  # noqa: E402

RESULTS = HERE / "results" / "quality.jsonl"
SKOPT_LITE = ("skopt_lite", "skopt_lite_batch4", "skopt_lite_random")
PEERS = ("sklearn_random", "optuna_gp", "optuna_tpe", "smac", "hyperopt", "skopt", "hebo")
METHODS = SKOPT_LITE + PEERS
REFERENCE = "sklearn_random"
HALVES = ("dev", "heldout")


# -- keys -----------------------------------------------------------------------------------
def method_versions(skopt_lite_path) -> dict:
    """What each method's runs depend on (skopt_lite: the hash of the source files it runs)."""
    _, src = _common.import_skopt_lite(skopt_lite_path, skip=_common.NOT_RUN_BY_BAYES)
    out = {m: {**_common.versions(), "skopt_lite_src": src} for m in SKOPT_LITE}
    out.update({m: _common.versions(*adapters.DISTS[m]) for m in PEERS})
    return out


def run_key(method, problem, seed, budget, vers) -> dict:
    return {
        "method": method,
        "problem": problem.name,
        "fingerprint": problem.fingerprint(),
        "seed": seed,
        "budget": budget,
        "versions": vers[method],
    }


def is_current(key: dict, probs: dict, vers: dict) -> bool:
    """Whether a cached run's problem definition and versions are today's.

    A method whose packages are not installed here cannot tell: its runs stay.
    """
    current = vers.get(key["method"])
    if current is None or None in current.values():
        return True
    p = probs.get(key["problem"])
    return p is not None and key["fingerprint"] == p.fingerprint() and key["versions"] == current


# -- running --------------------------------------------------------------------------------
def run_one(method, problem, seed, budget) -> dict:
    """One run, without the evaluated points (the cache keeps losses and times)."""
    res = adapters.ADAPTERS[method](problem, seed, budget)
    losses = [float(v) if np.isfinite(v) else float("nan") for v in res["losses"]]
    if len(losses) != budget:
        raise RuntimeError(f"{method} made {len(losses)} evaluations, not {budget}")
    return {
        "losses": [round(v, 12) for v in losses],
        "wall": round(res["wall"], 4),
        "fit_time": round(res["fit_time"], 4),
    }


def run_all(cache, methods, probs, seeds, budgets, vers) -> None:
    """Compute every missing run, method by method, appending each to the cache as it ends."""
    for method in methods:
        for budget in budgets:
            for p in probs:
                cache.reload()  # another process may have run some of these meanwhile
                for seed in seeds:
                    key = run_key(method, p, seed, budget, vers)
                    if key in cache:
                        continue
                    t0 = time.perf_counter()
                    try:
                        res = run_one(method, p, seed, budget)
                    except Exception:  # a failing peer must not stop the others' runs
                        traceback.print_exc()
                        print(f"FAILED {method} {p.name} seed {seed} budget {budget}", flush=True)
                        continue
                    cache.append(key, res)
                    best = np.nanmin(res["losses"]) if np.isfinite(res["losses"]).any() else np.nan
                    print(
                        f"{method:18s} {p.name:28s} b{budget:<4d} seed {seed}: best {best:.6g}"
                        f"  ({time.perf_counter() - t0:.1f} s, fits {res['fit_time']:.1f} s)",
                        flush=True,
                    )


def check(methods, probs, budget: int = 3) -> bool:
    """Run each method briefly; the losses must equal -mean_test_score of GridSearchCV."""
    from sklearn.model_selection import GridSearchCV

    ok = True
    for p in probs:
        X, y = p.data()
        for method in methods:
            res = adapters.ADAPTERS[method](p, 0, budget)
            made = [i for i, params in enumerate(res["params"]) if params is not None]
            grid = [{k: [v] for k, v in res["params"][i].items()} for i in made]
            gs = GridSearchCV(p.estimator(), grid, **adapters.search_kwargs(p))
            adapters.timed(lambda gs=gs, X=X, y=y: gs.fit(X, y))
            ref = -gs.cv_results_["mean_test_score"]
            got = np.asarray(res["losses"], dtype=float)[made]
            same = np.array_equal(got, ref, equal_nan=True)
            ok &= same
            print(f"{p.name:28s} {method:18s} {'ok' if same else 'DIFFERENT'} {got} {ref}")
    return ok


# -- scores ---------------------------------------------------------------------------------
def best_loss(run: dict, budget: int) -> float:
    return float(_common.best_so_far(run["losses"][:budget])[-1])


def collect(cache, probs, seeds, budgets, vers) -> dict:
    """{(method, problem, budget): {seed: run}} of every current cached run."""
    out = {}
    for method in METHODS:
        for budget in budgets:
            for p in probs:
                for seed in seeds:
                    run = cache.get(run_key(method, p, seed, budget, vers))
                    if run is not None:
                        out.setdefault((method, p.name, budget), {})[seed] = run
    return out


def references(runs: dict, probs, budget: int) -> dict:
    """{problem: (rand, opt)} at ``budget``, for the problems random search has runs of."""
    refs = {}
    for p in probs:
        rand_runs = runs.get((REFERENCE, p.name, budget))
        if not rand_runs:
            continue
        rand = float(np.median([best_loss(r, budget) for r in rand_runs.values()]))
        found = [
            best_loss(r, len(r["losses"]))
            for (m, name, b), by_seed in runs.items()
            if name == p.name
            for r in by_seed.values()
        ]
        opt = p.optimum if p.optimum is not None else min(found)
        refs[p.name] = (rand, opt)
    return refs


def scores(runs: dict, refs: dict, budget: int) -> dict:
    """{method: {problem: {seed: score}}} at ``budget``."""
    out = {}
    for (method, name, b), by_seed in runs.items():
        if b != budget or name not in refs:
            continue
        rand, opt = refs[name]
        out.setdefault(method, {})[name] = {
            s: float(_common.bayesmark_score(best_loss(r, budget), rand, opt))
            for s, r in by_seed.items()
        }
    return out


# -- report ---------------------------------------------------------------------------------
def _fmt(mean, se, n=None) -> str:
    if not np.isfinite(mean):
        return "–"
    err = f" ± {se:.1f}" if np.isfinite(se) else ""
    return f"{mean:.1f}{err}" + (f" ({n})" if n is not None else "")


def best_peer(sc: dict, names: list[str]) -> str | None:
    """The peer with the highest mean score among those with runs on every problem."""
    full = [m for m in PEERS if m in sc and set(names) <= set(sc[m])]
    if not full:
        return None
    return max(full, key=lambda m: _common.summary({n: sc[m][n] for n in names})[1][0])


def score_table(sc: dict, names: list[str], methods: list[str]) -> list[str]:
    lines = ["| problem | " + " | ".join(methods) + " |", "|---" * (len(methods) + 1) + "|"]
    per = {m: _common.summary({n: sc[m][n] for n in names if n in sc[m]}) for m in methods}
    for n in names:
        cells = [_fmt(*per[m][0][n]) if n in per[m][0] else "–" for m in methods]
        lines.append(f"| {n} | " + " | ".join(cells) + " |")
    cells = [f"**{_fmt(*per[m][1])}** ({len(per[m][0])})" for m in methods]
    lines.append("| **mean over problems** | " + " | ".join(cells) + " |")
    return lines


def paired_tables(sc: dict, names: list[str], methods: list[str], ref: str) -> list[str]:
    sub = {m: {n: sc[m][n] for n in names if n in sc[m]} for m in methods}
    others = [m for m in methods if m != ref]
    lines = [
        f"Paired differences against the best peer, **{ref}** (method − {ref}; mean ± paired"
        " standard error over seeds; the mean over problems combines them):",
        "",
        "| problem | " + " | ".join(others) + " |",
        "|---" * (len(others) + 1) + "|",
    ]
    diffs = {m: _common.paired(sub[m], sub[ref]) for m in others}
    for n in names:
        cells = [_fmt(*diffs[m][0][n][:2]) if n in diffs[m][0] else "–" for m in others]
        lines.append(f"| {n} | " + " | ".join(cells) + " |")
    lines.append("| **mean** | " + " | ".join(f"**{_fmt(*diffs[m][1])}**" for m in others) + " |")
    lines += ["", "Every pair (row − column, mean over the problems both ran):", ""]
    lines += ["| | " + " | ".join(methods) + " |", "|---" * (len(methods) + 1) + "|"]
    for a in methods:
        cells = ["" if a == b else _fmt(*_common.paired(sub[a], sub[b])[1]) for b in methods]
        lines.append(f"| {a} | " + " | ".join(cells) + " |")
    return lines


def timing_table(runs: dict, names: list[str], methods: list[str], budget: int) -> list[str]:
    lines = [
        "| method | runs | wall per run | fits per run | overhead per evaluation |",
        "|---|---|---|---|---|",
    ]
    for m in methods:
        rs = [r for n in names for r in runs.get((m, n, budget), {}).values()]
        if not rs:
            continue
        wall = np.mean([r["wall"] for r in rs])
        fit = np.mean([r["fit_time"] for r in rs])
        lines.append(
            f"| {m} | {len(rs)} | {wall:.1f} s | {fit:.1f} s |"
            f" {1000 * (wall - fit) / budget:.0f} ms |"
        )
    return lines


def section(runs, probs, half, budget) -> tuple[str, dict]:
    """The Markdown of one half and budget, and its scores."""
    chosen = [p for p in probs if p.notes["half"] == half]
    refs = references(runs, chosen, budget)
    names = [p.name for p in chosen if p.name in refs]
    sc = scores(runs, refs, budget)
    methods = [m for m in METHODS if m in sc and any(n in sc[m] for n in names)]
    title = f"## {half} half, budget {budget} ({len(names)} of {len(chosen)} problems)"
    if not names:
        return title + "\n\nNo runs of the reference (sklearn_random) yet.\n", sc
    ref = best_peer(sc, names)
    lines = [title, ""] + score_table(sc, names, methods) + [""]
    if ref is not None and len(methods) > 1:
        lines += paired_tables(sc, names, methods, ref) + [""]
    lines += timing_table(runs, names, methods, budget) + [""]
    lines += ["| problem | rand (median best loss of sklearn_random) | opt |", "|---|---|---|"]
    lines += [f"| {n} | {refs[n][0]:.6g} | {refs[n][1]:.6g} |" for n in names]
    return "\n".join(lines) + "\n", sc


def eval_cost(runs: dict, probs) -> str:
    """Median over problems of the mean time of one evaluation (random search runs)."""
    per = {}
    for p in probs:
        rs = [r for b in (30, 100) for r in runs.get((REFERENCE, p.name, b), {}).values()]
        if rs:
            per[p.name] = np.sum([r["fit_time"] for r in rs]) / np.sum(
                [len(r["losses"]) for r in rs]
            )
    if not per:
        return ""
    ml = [v for n, v in per.items() if problems_mod.all_problems()[n].kind == "ml"]
    slow = max(per, key=per.get)
    return (
        f"Evaluation cost (fits and scoring, from the random-search runs): median"
        f" {1000 * np.median(list(per.values())):.0f} ms over {len(per)} problems,"
        f" {1000 * np.median(ml):.0f} ms over the ML ones; slowest {slow}"
        f" ({1000 * per[slow]:.0f} ms).\n"
    )


def plot(runs, probs, half, budget, path) -> None:
    """Mean score over the half's problems against evaluations, and one panel per problem."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    chosen = [p for p in probs if p.notes["half"] == half]
    refs = references(runs, chosen, budget)
    names = [p.name for p in chosen if p.name in refs]
    if not names:
        return
    methods = [m for m in METHODS if any((m, n, budget) in runs for n in names)]
    ncol = 6
    nrow = int(np.ceil((len(names) + 1) / ncol))
    fig, axes = plt.subplots(nrow, ncol, figsize=(3.2 * ncol, 2.5 * nrow), squeeze=False)
    colors = {m: f"C{i}" for i, m in enumerate(METHODS)}
    x = np.arange(1, budget + 1)

    def traces(m, n):
        rand, opt = refs[n]
        rs = runs.get((m, n, budget), {}).values()
        return np.array(
            [
                _common.bayesmark_score(_common.best_so_far(r["losses"][:budget]), rand, opt)
                for r in rs
            ]
        )

    for m in methods:
        per_problem = [traces(m, n).mean(axis=0) for n in names if (m, n, budget) in runs]
        if len(per_problem) == len(names):
            axes.flat[0].plot(x, np.mean(per_problem, axis=0), color=colors[m], label=m)
    axes.flat[0].set_title(f"mean over {len(names)} problems (complete methods)", fontsize=9)
    for ax, n in zip(axes.flat[1:], names):
        for m in methods:
            if (m, n, budget) in runs:
                ax.plot(x, np.median(traces(m, n), axis=0), color=colors[m], lw=1)
        ax.set_title(n, fontsize=8)
    for ax in axes.flat[: len(names) + 1]:
        ax.set_ylim(-50, 105)
        ax.grid(alpha=0.3)
        ax.tick_params(labelsize=7)
    for ax in list(axes.flat)[len(names) + 1 :]:
        ax.axis("off")
    handles = [Line2D([], [], color=colors[m], label=m) for m in methods]
    fig.legend(handles=handles, loc="lower center", ncol=len(handles), fontsize=8)
    fig.suptitle(f"{half} half, budget {budget}: score of the best so far (median over seeds)")
    fig.tight_layout(rect=(0, 0.04, 1, 0.97))
    fig.savefig(path, dpi=80)
    plt.close(fig)


def report(runs, probs, budgets, out: Path) -> str:
    from bench_tasks import write_csv_tables

    out.mkdir(parents=True, exist_ok=True)
    header = (
        "Scores: 100 · (rand − best) / (rand − opt) on losses; 0 = median of"
        " RandomizedSearchCV at the same budget, 100 = the optimum (or the best loss any"
        " run found). Entries: mean ± standard error over seeds (number of seeds).\n\n"
    )
    parts = [header + eval_cost(runs, probs)]
    for half in HALVES:
        for budget in budgets:
            text, _ = section(runs, probs, half, budget)
            write_csv_tables(text, out, f"quality_{half}_{budget}")
            plot(runs, probs, half, budget, out / f"quality_{half}_{budget}.png")
            parts.append(text)
    text = "\n".join(parts)
    (out / "quality.md").write_text(text)
    return text


# -- main -----------------------------------------------------------------------------------
def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--methods", default=",".join(PEERS), help=f"from {', '.join(METHODS)}")
    p.add_argument("--problems", default="all", help="names, or dev / heldout / all")
    p.add_argument("--seeds", type=int, default=10, help="N seeds: first-seed..first-seed+N-1")
    p.add_argument("--first-seed", type=int, default=0, help="the first seed (default 0)")
    p.add_argument("--budget", default="30", help="evaluations per run, e.g. 30 or 30,100")
    p.add_argument("--report-only", action="store_true", help="tables and plots from the cache")
    p.add_argument("--check", action="store_true", help="objective = mean_test_score, per problem")
    p.add_argument("--skopt-lite-path", default=str(HERE.parent), help="the library checkout")
    p.add_argument("--no-prune", action="store_true", help="keep runs of other versions")
    p.add_argument("--out", default=str(_common.OUT))
    args = p.parse_args(argv)
    methods = _common.choose(p, args.methods, METHODS, "method")
    try:
        probs = problems_mod.select(args.problems)
    except KeyError as e:
        p.error(str(e))
    budgets = [int(b) for b in args.budget.split(",")]
    vers = method_versions(args.skopt_lite_path)
    if args.check:
        sys.exit(0 if check(methods, probs) else 1)
    cache = _common.RunCache(RESULTS)
    if not args.report_only:
        print(json.dumps({m: vers[m] for m in methods}), flush=True)
        seeds = list(range(args.first_seed, args.first_seed + args.seeds))
        run_all(cache, methods, probs, seeds, budgets, vers)
        if not args.no_prune:
            every = problems_mod.all_problems()
            cache.prune(lambda k: is_current(k, every, vers))
        env = {"versions": vers, "environment": _common.environment()}
        Path(args.out).mkdir(parents=True, exist_ok=True)
        (Path(args.out) / "quality_env.json").write_text(json.dumps(env, indent=1) + "\n")
    every = list(problems_mod.all_problems().values())
    runs = collect(cache, every, range(max(args.seeds, 10)), (30, 100), vers)
    text = report(runs, every, (30, 100), Path(args.out))
    print(text if args.report_only else f"report written to {args.out}/quality.md", flush=True)


if __name__ == "__main__":
    main()
