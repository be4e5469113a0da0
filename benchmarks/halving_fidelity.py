"""How much HalvingBayesSearchCV's model says each resource level agrees with the full one.

A diagnostic for issue 14 (see "A diagnostic, not a rule" in docs/benchmarks.rst).
For each problem of ``halving.py`` and seed, it runs HalvingBayesSearchCV as
``halving.py`` does, then fits the model HalvingBayesSearchCV proposes from (one
surrogate of every evaluation, the log-scaled resource as a last input in
``[0, 1]``) to the evaluations of the first round of brackets and of the whole run.
For each level it prints:

* the correlation the fitted Matérn-5/2 kernel implies between one candidate's
  scores at that level and at the full resource (its fidelity length scale
  alone decides it);
* the Spearman rank correlation, measured, between consecutive levels over the
  candidates evaluated at both (and how many there are).

Usage::

    OMP_NUM_THREADS=1 python benchmarks/halving_fidelity.py --seeds 3 \
        --problems hgb,hgb81,mlp,rfreg
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

import numpy as np
from scipy.stats import spearmanr

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import halving  # noqa: E402

from skopt_lite.optimizer._fidelity import FidelityOptimizer, fidelity  # noqa: E402
from skopt_lite.optimizer.gp import _matern  # noqa: E402
from skopt_lite.space import Space  # noqa: E402


def _implied(res: dict, names: list, space: Space, rows: list, levels: list) -> list:
    """Correlation with the full level implied by a model of the evaluations ``rows``."""
    lo, hi = levels[0], levels[-1]
    points = [
        [*(res["params"][i][k] for k in names), fidelity(res["n_resources"][i], lo, hi)]
        for i in rows
    ]
    opt = FidelityOptimizer(space, lambda point: False, random_state=0, n_initial_points=1)
    opt.tell(points, [-float(res["mean_test_score"][i]) for i in rows])
    length = float(opt.models[-1].length_scale_[-1])  # the fidelity is the last input
    r2 = np.array([((1.0 - fidelity(n, lo, hi)) / length) ** 2 for n in levels])
    return list(_matern(r2, 1.0))  # the surrogate's own kernel, unit variance


def _measured(res: dict, names: list, rows: list, levels: list) -> list:
    """(pairs, Spearman) between consecutive levels, on candidates evaluated at both."""
    scores: dict = {}
    for i in rows:
        key = (res["bracket"][i], tuple(res["params"][i][k] for k in names))
        scores.setdefault(key, {})[res["n_resources"][i]] = res["mean_test_score"][i]
    out = []
    for a, b in zip(levels, levels[1:]):
        pairs = [(s[a], s[b]) for s in scores.values() if a in s and b in s]
        rho = spearmanr(*zip(*pairs))[0] if len(pairs) > 2 else float("nan")
        out.append((len(pairs), rho))
    return out


def diagnose(name: str, seed: int) -> list[str]:
    """Markdown rows for one problem and seed: after the first round, and at the end."""
    problem = halving.ALL_PROBLEMS[name]
    res = halving.fit_halving_bayes(problem, seed).cv_results_
    names = sorted(problem.space)
    space = Space([problem.space[k] for k in names])
    levels = sorted(set(int(n) for n in res["n_resources"]))
    lines = []
    for label, last in (("round 1", len(levels) - 1), ("end", problem.n_brackets() - 1)):
        rows = [i for i in range(len(res["params"])) if res["bracket"][i] <= last]
        implied = ", ".join(f"{c:.2f}" for c in _implied(res, names, space, rows, levels))
        measured = ", ".join(f"{rho:.2f} ({n})" for n, rho in _measured(res, names, rows, levels))
        lines.append(f"| {name} | {seed} | {label} | {len(rows)} | {implied} | {measured} |")
    return lines


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--problems", default="hgb,hgb81,mlp,rfreg")
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--first-seed", type=int, default=0)
    args = parser.parse_args(argv)
    print(
        "| problem | seed | evaluations of | n | implied correlation with the full level, "
        "level by level | Spearman between consecutive levels (pairs) |"
    )
    print("|---|---|---|---|---|---|")
    for name in args.problems.split(","):
        for seed in range(args.first_seed, args.first_seed + args.seeds):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                rows = diagnose(name, seed)
            print("\n".join(rows), flush=True)


if __name__ == "__main__":
    main()
