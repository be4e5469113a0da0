"""Speed-up of BayesSearchCV with n_jobs=2 when fits cost real time.

With ``n_points=k`` every batch holds ``k`` candidates, so ``k * n_splits``
fits can run at once. This tunes a random forest on the digits data with
``n_points=4`` and 3-fold CV, once with ``n_jobs=1`` and once with
``n_jobs=2``, and prints both wall times and their ratio.

Run: ``python benchmarks/parallel_speedup.py [--repeats 3]``
"""

from __future__ import annotations

import argparse
import os
import time

from sklearn.datasets import load_digits
from sklearn.ensemble import RandomForestClassifier

from skopt_lite import BayesSearchCV, Integer


def run(n_jobs: int, n_iter: int = 16, n_points: int = 4) -> float:
    X, y = load_digits(return_X_y=True)
    search = BayesSearchCV(
        RandomForestClassifier(n_estimators=60, random_state=0, n_jobs=1),
        {"max_depth": Integer(2, 30), "min_samples_leaf": Integer(1, 20)},
        n_iter=n_iter,
        n_points=n_points,
        cv=3,
        n_jobs=n_jobs,
        random_state=0,
    )
    start = time.perf_counter()
    search.fit(X, y)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    print(f"cores: {os.cpu_count()}")
    run(2, n_iter=4)  # start the worker processes once, outside the timings
    times = {1: [], 2: []}
    for _ in range(args.repeats):
        for n_jobs in (1, 2):
            times[n_jobs].append(run(n_jobs))
    best = {k: min(v) for k, v in times.items()}
    print(f"| n_jobs | wall time (best of {args.repeats}) |")
    print("|---|---|")
    for k in (1, 2):
        print(f"| {k} | {best[k]:.1f} s |")
    print(f"speed-up with n_jobs=2: {best[1] / best[2]:.2f}x")


if __name__ == "__main__":
    main()
