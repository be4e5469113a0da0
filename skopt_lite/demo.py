"""Tune a support-vector classifier on scikit-learn's breast-cancer data with every search.

Run it with ``python -m skopt_lite.demo``. Each search tunes the same
Pipeline (standard scaling, then an RBF or linear SVC) with the same 5-fold
cross-validation, and one table compares them: candidates evaluated, best CV
accuracy, best parameters and wall time.
"""

from __future__ import annotations

import argparse
import time
import warnings

from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

from .bayes_search import BayesSearchCV
from .exhaustive_search import ExhaustiveSearchCV
from .grid_search import GridSearchCV
from .random_search import RandomSearchCV
from .space import Categorical, Real


def _searches(budget: int, random_state: int) -> list[tuple[str, object]]:
    """The four searches over comparable spaces, each allowed about ``budget`` fits."""
    model = make_pipeline(StandardScaler(), SVC())
    cv = StratifiedKFold(5, shuffle=True, random_state=0)
    C = Real(1e-2, 1e3, prior="log-uniform")
    gamma = Real(1e-4, 1e0, prior="log-uniform")
    common = {"cv": cv, "n_jobs": None}
    return [
        (
            "ExhaustiveSearchCV",
            ExhaustiveSearchCV(
                model,
                {
                    "svc__kernel": Categorical(["linear", "rbf"]),
                    "svc__C": [0.01, 0.1, 1, 10, 100, 1000],
                    "svc__gamma": ["scale", 1e-3],
                },
                **common,
            ),
        ),
        (
            "GridSearchCV",
            GridSearchCV(
                model,
                {"svc__C": C, "svc__gamma": gamma},
                n_points=max(2, int(round(budget**0.5))),
                **common,
            ),
        ),
        (
            "RandomSearchCV",
            RandomSearchCV(
                model,
                {"svc__C": C, "svc__gamma": gamma},
                n_iter=budget,
                random_state=random_state,
                **common,
            ),
        ),
        (
            "BayesSearchCV",
            BayesSearchCV(
                model,
                {"svc__C": C, "svc__gamma": gamma},
                n_iter=budget,
                random_state=random_state,
                **common,
            ),
        ),
    ]


def _format_params(params: dict) -> str:
    parts = []
    for key, value in params.items():
        key = key.split("__")[-1]
        parts.append(f"{key}={value:.4g}" if isinstance(value, float) else f"{key}={value!r}")
    return ", ".join(parts)


def run(budget: int = 25, random_state: int = 0) -> list[dict]:
    """Run every search and return one row per search.

    Parameters
    ----------
    budget : int, default=25
        Candidates for the random and Bayesian searches; the grid has about
        as many points.
    random_state : int, default=0
        Seed of the random and Bayesian searches.

    Returns
    -------
    rows : list of dict
        Keys ``search``, ``candidates``, ``best_score``, ``best_params``, ``seconds``.
    """
    X, y = load_breast_cancer(return_X_y=True)
    rows = []
    for name, search in _searches(budget, random_state):
        start = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # convergence chatter of linear SVCs
            search.fit(X, y)
        rows.append(
            {
                "search": name,
                "candidates": len(search.cv_results_["params"]),
                "best_score": float(search.best_score_),
                "best_params": search.best_params_,
                "seconds": time.perf_counter() - start,
            }
        )
    return rows


def format_table(rows: list[dict]) -> str:
    """The rows of :func:`run` as a plain-text table."""
    header = ("search", "candidates", "best CV accuracy", "wall time", "best parameters")
    lines = [
        (
            r["search"],
            str(r["candidates"]),
            f"{r['best_score']:.4f}",
            f"{r['seconds']:.1f} s",
            _format_params(r["best_params"]),
        )
        for r in rows
    ]
    widths = [max(len(h), *(len(line[i]) for line in lines)) for i, h in enumerate(header)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    rule = "  ".join("-" * w for w in widths)
    table = [fmt.format(*header), rule, *(fmt.format(*line) for line in lines)]
    return "\n".join(line.rstrip() for line in table)


def main(argv: list[str] | None = None) -> None:
    """Entry point of ``python -m skopt_lite.demo``."""
    parser = argparse.ArgumentParser(prog="python -m skopt_lite.demo", description=__doc__)
    parser.add_argument("--budget", type=int, default=25, help="candidates per search")
    parser.add_argument("--seed", type=int, default=0, help="random_state of the searches")
    args = parser.parse_args(argv)
    print("Tuning SVC on load_breast_cancer (569 samples, 30 features), 5-fold CV.\n")
    print(format_table(run(args.budget, args.seed)))


if __name__ == "__main__":
    main()
