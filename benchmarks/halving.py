"""Halving searches at equal compute, on problems of 20 000 rows.

Methods, on the same data, cross-validation splits and seeds (one process, n_jobs=1):

* ``halving_bayes``: skopt_lite's HalvingBayesSearchCV, two rounds of
  Hyperband's brackets (one for SVC, the slowest problem);
* ``halving_random``: scikit-learn's HalvingRandomSearchCV (one bracket), with
  as many first-iteration candidates as keep its compute at most
  HalvingBayesSearchCV's;
* ``bayes_1x`` and ``bayes_3x``: skopt_lite's BayesSearchCV at full resource,
  with three times HalvingBayesSearchCV's compute (``bayes_3x``) and its best
  candidate among the first third of the evaluations (``bayes_1x``, equal
  compute);
* ``smac``: SMAC3's MultiFidelityFacade (Hyperband with a random-forest model)
  through ask and tell, stopped once its compute reaches HalvingBayesSearchCV's.

Compute is the sum over fits of the resource each used (iterations, trees or
samples), refits not counted. Every method's best candidate is refit on the
whole training set at full resource and scored on a held-out test set of
5 000 rows. Seed k drives only the searches' randomness.

Problems (each 20 000 rows of scikit-learn's generators: 15 000 to train on, a
held-out test set of 5 000; 3-fold CV; factor 3):

* ``hgb``: HistGradientBoostingRegressor on make_regression, 5 parameters,
  resource ``max_iter`` 3, 9, 27;
* ``sgd``: StandardScaler + SGDClassifier on make_classification, 6 parameters,
  resource ``max_iter`` (epochs) 1, 3, 9, 27;
* ``rf``: RandomForestClassifier on make_classification, 5 parameters,
  resource ``n_estimators`` 2, 6, 18;
* ``svc``: StandardScaler + SVC on make_classification, 3 parameters,
  resource ``n_samples`` 1 666, 4 998, 14 994.

The sizes are at the lower end of the issue's (20 000 rows) and the largest
resources small, so that one seed of all four problems and five methods takes
about twenty minutes on one shared core and ten seeds a few hours;
BayesSearchCV at three times the compute costs most of it.

On ``sgd``, ``rf`` and ``svc`` even BayesSearchCV at three times the compute
does not beat HalvingRandomSearchCV, so they cannot show a better proposal
rule. ``CANDIDATES`` holds problems screened to replace them (``--screen``:
admitted when BayesSearchCV-3x beats HalvingRandomSearchCV by two paired
standard errors, a rule that never reads HalvingBayesSearchCV's runs);
``ADMITTED`` lists those that passed, with ``hgb``, and is what runs and is
reported by default. ``HELD_OUT`` holds three problems written after the
proposal rule was chosen, for a held-out check of it (``docs/benchmarks.rst``).

Each run is a line of benchmarks/results/halving.jsonl, keyed by method,
problem, seed and versions (a hash of the skopt_lite sources its method
runs), so a rerun computes only what is missing.

Usage::

    python benchmarks/halving.py --seeds 10               # everything missing
    python benchmarks/halving.py --problems sgd --seeds 1 --methods halving_bayes
    python benchmarks/halving.py --report-only            # the Markdown tables
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import platform
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

import _common  # noqa: E402
from _common import NOT_RUN_BY_BAYES  # noqa: E402
from sklearn.base import clone  # noqa: E402
from sklearn.datasets import (  # noqa: E402
    make_classification,
    make_friedman1,
    make_friedman2,
    make_friedman3,
    make_regression,
)
from sklearn.ensemble import (  # noqa: E402
    ExtraTreesRegressor,
    GradientBoostingRegressor,
    HistGradientBoostingClassifier,
    HistGradientBoostingRegressor,
    RandomForestClassifier,
    RandomForestRegressor,
)
from sklearn.feature_selection import SelectKBest, f_classif  # noqa: E402
from sklearn.linear_model import SGDClassifier, SGDRegressor  # noqa: E402
from sklearn.model_selection import (  # noqa: E402
    KFold,
    StratifiedKFold,
    cross_val_score,
    train_test_split,
)
from sklearn.neighbors import KNeighborsClassifier  # noqa: E402
from sklearn.neural_network import MLPRegressor  # noqa: E402
from sklearn.pipeline import Pipeline  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402
from sklearn.svm import SVC  # noqa: E402

from skopt_lite import Categorical, Integer, Real  # noqa: E402
from skopt_lite.halving_search import halving_schedule  # noqa: E402

RESULTS = HERE / "results" / "halving.jsonl"
RESULTS_PATH = [RESULTS]  # --results replaces it
METHODS = ("halving_bayes", "halving_random", "bayes", "smac")
VARIANTS = ("halving_bayes", "halving_random", "bayes_1x", "bayes_3x", "smac")
LABELS = {
    "halving_bayes": "skopt_lite HalvingBayesSearchCV",
    "halving_random": "sklearn HalvingRandomSearchCV",
    "bayes_1x": "skopt_lite BayesSearchCV, full resource, same compute",
    "bayes_3x": "skopt_lite BayesSearchCV, full resource, 3x compute",
    "smac": "SMAC3 MultiFidelityFacade (Hyperband)",
}
N_SPLITS = 3


# -- problems --------------------------------------------------------------------------------
@dataclass
class Problem:
    name: str
    make_data: object  # () -> X, y
    estimator: object
    space: dict  # skopt_lite dimensions
    resource: str
    min_resources: int
    max_resources: int
    factor: int = 3
    rounds: int = 2  # rounds of Hyperband for HalvingBayesSearchCV
    classifier: bool = True
    data: tuple = field(default=None, repr=False)

    def split(self):
        if self.data is None:
            X, y = self.make_data()
            strat = y if self.classifier else None
            self.data = train_test_split(X, y, test_size=5000, random_state=0, stratify=strat)
        return self.data

    @property
    def scoring(self) -> str:
        return "accuracy" if self.classifier else "r2"

    @property
    def cv(self):
        kind = StratifiedKFold if self.classifier else KFold
        return kind(N_SPLITS, shuffle=True, random_state=0)

    def schedule(self, n_candidates=None):
        n = self.max_resources // self.min_resources if n_candidates is None else n_candidates
        return halving_schedule(n, self.min_resources, self.max_resources, self.factor)

    def n_brackets(self) -> int:
        return self.rounds * self.schedule().n_iterations

    def hb_compute(self) -> int:
        """HalvingBayesSearchCV's compute (sum over fits of the resource)."""
        s = self.schedule()
        total = 0
        for b in range(self.n_brackets()):
            first = s.first_iteration(b)
            total += sum(n * s.n_resources[first + i] for i, n in enumerate(s.counts(b)))
        return total * N_SPLITS

    def fingerprint(self) -> str:
        text = repr((self.estimator, sorted(self.space.items()), self.resource,
                     self.min_resources, self.max_resources, self.factor, self.rounds))
        return hashlib.sha1(text.encode()).hexdigest()[:10]


def _hgb_data():
    return make_regression(
        n_samples=20_000, n_features=20, n_informative=10, noise=30.0, random_state=1
    )


def _sgd_data():
    return make_classification(
        n_samples=20_000, n_features=50, n_informative=10, n_redundant=10,
        n_clusters_per_class=2, class_sep=0.6, flip_y=0.05, random_state=2,
    )


def _rf_data():
    return make_classification(
        n_samples=20_000, n_features=20, n_informative=8, n_redundant=4,
        n_clusters_per_class=4, class_sep=0.6, flip_y=0.02, random_state=3,
    )


def _svc_data():
    return make_classification(
        n_samples=20_000, n_features=10, n_informative=6, n_redundant=2,
        n_clusters_per_class=2, class_sep=1.0, flip_y=0.02, random_state=4,
    )


PROBLEMS = {
    "hgb": Problem(
        "hgb",
        _hgb_data,
        HistGradientBoostingRegressor(early_stopping=False, random_state=0),
        {
            "learning_rate": Real(0.01, 1.0, prior="log-uniform"),
            "max_leaf_nodes": Integer(4, 128, prior="log-uniform"),
            "min_samples_leaf": Integer(1, 200, prior="log-uniform"),
            "l2_regularization": Real(1e-4, 10.0, prior="log-uniform"),
            "max_features": Real(0.2, 1.0),
        },
        "max_iter",
        3,
        27,
        classifier=False,
    ),
    "sgd": Problem(
        "sgd",
        _sgd_data,
        Pipeline(
            [("scale", StandardScaler()), ("sgd", SGDClassifier(tol=None, random_state=0))]
        ),
        {
            "sgd__alpha": Real(1e-7, 1.0, prior="log-uniform"),
            "sgd__loss": Categorical(["hinge", "log_loss", "modified_huber"]),
            "sgd__penalty": Categorical(["l2", "l1", "elasticnet"]),
            "sgd__l1_ratio": Real(0.0, 1.0),
            "sgd__learning_rate": Categorical(["optimal", "invscaling", "adaptive", "constant"]),
            "sgd__eta0": Real(1e-5, 1.0, prior="log-uniform"),
        },
        "sgd__max_iter",
        1,
        27,
    ),
    "rf": Problem(
        "rf",
        _rf_data,
        RandomForestClassifier(random_state=0),
        {
            "max_depth": Integer(2, 40, prior="log-uniform"),
            "min_samples_leaf": Integer(1, 64, prior="log-uniform"),
            "max_features": Real(0.05, 1.0),
            "max_samples": Real(0.1, 1.0),
            "criterion": Categorical(["gini", "entropy"]),
        },
        "n_estimators",
        2,
        18,
    ),
    "svc": Problem(
        "svc",
        _svc_data,
        Pipeline([("scale", StandardScaler()), ("svc", SVC())]),
        {
            "svc__C": Real(1e-2, 1e2, prior="log-uniform"),
            "svc__gamma": Real(1e-3, 1e1, prior="log-uniform"),
            "svc__tol": Real(1e-4, 1e-1, prior="log-uniform"),
        },
        "n_samples",
        15_000 // 9,
        15_000,
        rounds=1,
    ),
}


# Candidates for replacing problems where no search beats random halving (issue 14). A
# candidate is admitted only if BayesSearchCV at three times the compute beats
# HalvingRandomSearchCV on it by at least two paired standard errors (--screen), a rule
# that reads those two methods' runs only, never HalvingBayesSearchCV's.
def _sgdreg_data():
    return make_regression(
        n_samples=20_000, n_features=40, n_informative=15, noise=25.0, random_state=5
    )


def _hgbc_data():
    return make_classification(
        n_samples=20_000, n_features=30, n_informative=12, n_redundant=6,
        n_clusters_per_class=3, class_sep=0.8, flip_y=0.03, random_state=6,
    )


def _knn_data():
    return make_classification(
        n_samples=20_000, n_features=40, n_informative=6, n_redundant=0,
        n_clusters_per_class=3, class_sep=1.0, flip_y=0.02, random_state=7,
    )


def _mlp_data():
    return make_friedman1(n_samples=20_000, n_features=10, noise=1.0, random_state=8)


def _rfreg_data():
    return make_friedman1(n_samples=20_000, n_features=20, noise=1.0, random_state=9)


def _hgbn_data():
    return make_friedman1(n_samples=20_000, n_features=20, noise=2.0, random_state=10)


CANDIDATES = {
    "sgdreg": Problem(
        "sgdreg",
        _sgdreg_data,
        Pipeline(
            [("scale", StandardScaler()), ("sgd", SGDRegressor(tol=None, random_state=0))]
        ),
        {
            "sgd__alpha": Real(1e-7, 1.0, prior="log-uniform"),
            "sgd__eta0": Real(1e-5, 1.0, prior="log-uniform"),
            "sgd__learning_rate": Categorical(["constant", "invscaling", "adaptive"]),
            "sgd__power_t": Real(0.05, 1.0),
            "sgd__loss": Categorical(["squared_error", "huber", "epsilon_insensitive"]),
            "sgd__epsilon": Real(1e-3, 10.0, prior="log-uniform"),
            "sgd__penalty": Categorical(["l2", "l1", "elasticnet"]),
        },
        "sgd__max_iter",
        1,
        27,
        classifier=False,
    ),
    "hgbc": Problem(
        "hgbc",
        _hgbc_data,
        HistGradientBoostingClassifier(early_stopping=False, random_state=0),
        {
            "learning_rate": Real(0.005, 0.5, prior="log-uniform"),
            "max_leaf_nodes": Integer(4, 256, prior="log-uniform"),
            "min_samples_leaf": Integer(1, 400, prior="log-uniform"),
            "l2_regularization": Real(1e-4, 10.0, prior="log-uniform"),
            "max_features": Real(0.1, 1.0),
        },
        "max_iter",
        9,
        81,
    ),
    # hgb at larger budgets: twice the brackets, or a fourth resource level (81 iterations)
    "hgb4": replace(PROBLEMS["hgb"], name="hgb4", rounds=4),
    "hgb81": replace(PROBLEMS["hgb"], name="hgb81", max_resources=81),
    "knn": Problem(
        "knn",
        _knn_data,
        Pipeline(
            [
                ("scale", StandardScaler()),
                ("select", SelectKBest(f_classif)),
                ("knn", KNeighborsClassifier()),
            ]
        ),
        {
            "select__k": Integer(1, 40),
            "knn__n_neighbors": Integer(1, 200, prior="log-uniform"),
            "knn__weights": Categorical(["uniform", "distance"]),
            "knn__p": Categorical([1, 2]),
        },
        "n_samples",
        15_000 // 9,
        15_000,
    ),
    "mlp": Problem(
        "mlp",
        _mlp_data,
        Pipeline([("scale", StandardScaler()), ("mlp", MLPRegressor(random_state=0))]),
        {
            "mlp__hidden_layer_sizes": Integer(4, 64, prior="log-uniform"),
            "mlp__alpha": Real(1e-6, 1.0, prior="log-uniform"),
            "mlp__learning_rate_init": Real(1e-4, 0.3, prior="log-uniform"),
            "mlp__batch_size": Integer(32, 512, prior="log-uniform"),
            "mlp__activation": Categorical(["relu", "tanh"]),
        },
        "mlp__max_iter",
        1,
        27,
        classifier=False,
    ),
    # the other two kinds of resource: trees of a forest, and a share of the samples
    "rfreg": Problem(
        "rfreg",
        _rfreg_data,
        RandomForestRegressor(random_state=0),
        {
            "max_depth": Integer(2, 40, prior="log-uniform"),
            "min_samples_leaf": Integer(1, 200, prior="log-uniform"),
            "max_features": Real(0.02, 1.0),
            "max_samples": Real(0.05, 1.0),
        },
        "n_estimators",
        2,
        18,
        classifier=False,
    ),
    "hgbn": Problem(
        "hgbn",
        _hgbn_data,
        HistGradientBoostingRegressor(max_iter=100, early_stopping=False, random_state=0),
        {
            "learning_rate": Real(0.01, 1.0, prior="log-uniform"),
            "max_leaf_nodes": Integer(4, 128, prior="log-uniform"),
            "min_samples_leaf": Integer(1, 200, prior="log-uniform"),
            "l2_regularization": Real(1e-4, 10.0, prior="log-uniform"),
            "max_features": Real(0.2, 1.0),
        },
        "n_samples",
        15_000 // 9,
        15_000,
        classifier=False,
    ),
}


# A held-out check of the adopted proposal rule (issue 14): problems written after every rule
# above was chosen, never run by any method before the check's rule was committed to
# docs/benchmarks.rst. Screened as CANDIDATES are; HalvingBayesSearchCV's runs are read only
# after the screen.
def _etreg_data():
    return make_friedman1(n_samples=20_000, n_features=15, noise=1.5, random_state=11)


def _gbr_data():
    return make_friedman2(n_samples=20_000, noise=120.0, random_state=12)


def _mlp3_data():
    return make_friedman3(n_samples=20_000, noise=0.15, random_state=13)


HELD_OUT = {
    # rfreg's space and resource with extremely randomised trees, on other data
    "etreg": replace(
        CANDIDATES["rfreg"],
        name="etreg",
        make_data=_etreg_data,
        estimator=ExtraTreesRegressor(bootstrap=True, random_state=0),
        data=None,
    ),
    "gbr": Problem(
        "gbr",
        _gbr_data,
        GradientBoostingRegressor(random_state=0),
        {
            "learning_rate": Real(0.01, 1.0, prior="log-uniform"),
            "max_depth": Integer(1, 10),
            "min_samples_leaf": Integer(1, 200, prior="log-uniform"),
            "subsample": Real(0.1, 1.0),
            "max_features": Real(0.25, 1.0),
        },
        "n_estimators",
        3,
        27,
        classifier=False,
    ),
    # mlp's estimator and space on other data
    "mlp3": replace(CANDIDATES["mlp"], name="mlp3", make_data=_mlp3_data, data=None),
}
ALL_PROBLEMS = {**PROBLEMS, **CANDIDATES, **HELD_OUT}
# Passed --screen over 10 seeds (sgd, rf, svc, sgdreg, hgbc, knn and hgbn did not; of
# HELD_OUT, mlp3 did not). etreg and gbr joined after the held-out check.
ADMITTED = ("hgb", "hgb4", "hgb81", "mlp", "rfreg", "etreg", "gbr")


def _estimator(problem: Problem, params: dict | None = None, n_resources: int | None = None):
    est = clone(problem.estimator)
    if params:
        est.set_params(**params)
    if n_resources is not None and problem.resource != "n_samples":
        est.set_params(**{problem.resource: int(n_resources)})
    return est


# -- versions and the cache ------------------------------------------------------------------
def _src_hash(skip: tuple = (), root: Path = ROOT) -> str:
    """A hash of skopt_lite's code that the searches run, docstrings and comments left out.

    Files named in ``skip`` are left out too (BayesSearchCV's runs do not
    depend on ``_common.NOT_RUN_BY_BAYES``, so changing those keeps them
    cached). ``root`` is the checkout holding ``skopt_lite/`` (default: this
    one).
    """
    h = hashlib.sha1()
    for path in sorted((root / "skopt_lite").rglob("*.py")):
        if path.name in ("plots.py", "demo.py", *skip):
            continue
        code = _common.code_dump(path.read_text(encoding="utf-8"))
        h.update(path.name.encode() + code.encode())
    return h.hexdigest()[:10]


def versions(method: str) -> dict:
    import numpy
    import sklearn

    v = {"sklearn": sklearn.__version__, "numpy": numpy.__version__}
    if method == "halving_bayes":
        v["skopt_lite_src"] = _src_hash()
    elif method == "bayes":
        v["skopt_lite_src"] = _src_hash(skip=NOT_RUN_BY_BAYES)
    if method == "smac":
        from importlib.metadata import version

        v["smac"] = version("smac")
        v["ConfigSpace"] = version("ConfigSpace")
    return v


def cache_key(method: str, problem: Problem, seed: int) -> str:
    return json.dumps([method, problem.name, problem.fingerprint(), seed, versions(method)])


def load_cache(path: Path | None = None) -> dict:
    path = RESULTS_PATH[0] if path is None else path
    cache = {}
    if path.exists():
        for line in path.read_text().splitlines():
            if line.strip():
                record = json.loads(line)
                cache[record["key"]] = record
    return cache


def append(record: dict, path: Path | None = None) -> None:
    path = RESULTS_PATH[0] if path is None else path
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as f:
        f.write(json.dumps(record, sort_keys=True) + "\n")


# -- evaluation helpers ----------------------------------------------------------------------
def _test_score(problem: Problem, params: dict) -> float:
    X, X_test, y, y_test = problem.split()
    est = _estimator(problem, params, problem.max_resources)
    est.fit(X, y)
    return float(est.score(X_test, y_test))


def _cv_score(problem: Problem, params: dict, n_resources: int, seed: int) -> float:
    """Mean CV score of a configuration at a resource (subsampled folds for n_samples)."""
    from skopt_lite._sklearn import subsample_splitter

    X, _, y, _ = problem.split()
    est = _estimator(problem, params, n_resources)
    cv = problem.cv
    if problem.resource == "n_samples":
        cv = _Splitter(subsample_splitter(cv, n_resources / len(X), seed))
    scores = cross_val_score(est, X, y, cv=cv, scoring=problem.scoring, error_score=np.nan)
    return float(np.mean(scores))


class _Splitter:
    """A splitter with get_n_splits around scikit-learn's subsampling splitter."""

    def __init__(self, inner):
        self.inner = inner

    def split(self, X, y=None, groups=None):
        return self.inner.split(X, y)

    def get_n_splits(self, X=None, y=None, groups=None):
        return N_SPLITS


# -- one run of each method ------------------------------------------------------------------
def _halving_kwargs(problem: Problem, seed: int) -> dict:
    return dict(
        resource=problem.resource,
        min_resources=problem.min_resources,
        max_resources=problem.max_resources,
        factor=problem.factor,
        cv=problem.cv,
        scoring=problem.scoring,
        random_state=seed,
        n_jobs=1,
        error_score=np.nan,
    )


def fit_halving_bayes(problem: Problem, seed: int):
    """HalvingBayesSearchCV fitted on the problem's training set, as this benchmark runs it."""
    from skopt_lite import HalvingBayesSearchCV

    X, _, y, _ = problem.split()
    return HalvingBayesSearchCV(
        clone(problem.estimator),
        problem.space,
        n_brackets=problem.n_brackets(),
        refit=False,
        **_halving_kwargs(problem, seed),
    ).fit(X, y)


def run_halving_bayes(problem: Problem, seed: int) -> list[dict]:
    search = fit_halving_bayes(problem, seed)
    res = search.cv_results_
    compute = int(np.sum(res["n_resources"])) * N_SPLITS
    params = _searched(problem, res["params"][search.best_index_])
    return [_record("halving_bayes", compute, search.best_score_, params, problem)]


def run_halving_random(problem: Problem, seed: int) -> list[dict]:
    from sklearn.experimental import enable_halving_search_cv  # noqa: F401
    from sklearn.model_selection import HalvingRandomSearchCV

    budget = problem.hb_compute()
    n = problem.max_resources // problem.min_resources
    while _schedule_compute(problem.schedule(n + 1)) <= budget:
        n += 1
    X, _, y, _ = problem.split()
    search = HalvingRandomSearchCV(
        clone(problem.estimator),
        problem.space,
        n_candidates=n,
        refit=False,
        return_train_score=False,
        **_halving_kwargs(problem, seed),
    ).fit(X, y)
    res = search.cv_results_
    compute = int(np.sum(res["n_resources"])) * N_SPLITS
    params = _searched(problem, res["params"][search.best_index_])
    return [_record("halving_random", compute, search.best_score_, params, problem)]


def _schedule_compute(schedule) -> int:
    counts = schedule.counts(0)
    return sum(n * r for n, r in zip(counts, schedule.n_resources)) * N_SPLITS


def run_bayes(problem: Problem, seed: int) -> list[dict]:
    from skopt_lite import BayesSearchCV

    per_eval = problem.max_resources * N_SPLITS
    n_iter = max(3, round(3 * problem.hb_compute() / per_eval))
    X, _, y, _ = problem.split()
    est = clone(problem.estimator)
    if problem.resource != "n_samples":
        est.set_params(**{problem.resource: problem.max_resources})
    search = BayesSearchCV(
        est,
        problem.space,
        n_iter=n_iter,
        cv=problem.cv,
        scoring=problem.scoring,
        random_state=seed,
        n_jobs=1,
        refit=False,
        error_score=np.nan,
    ).fit(X, y)
    scores = np.asarray(search.cv_results_["mean_test_score"], dtype=float)
    out = []
    for name, k in (("bayes_1x", max(1, round(n_iter / 3))), ("bayes_3x", n_iter)):
        first = np.where(np.isfinite(scores[:k]), scores[:k], -np.inf)
        best = int(np.argmax(first))
        params = _searched(problem, search.cv_results_["params"][best])
        out.append(_record(name, k * per_eval, float(scores[best]), params, problem))
    return out


def run_smac(problem: Problem, seed: int) -> list[dict]:
    from ConfigSpace import Categorical as CSCategorical
    from ConfigSpace import ConfigurationSpace, Float
    from ConfigSpace import Integer as CSInteger
    from smac import MultiFidelityFacade, Scenario
    from smac.runhistory.dataclasses import TrialValue

    cs = ConfigurationSpace(seed=seed)
    for name, dim in problem.space.items():
        if isinstance(dim, Categorical):
            cs.add(CSCategorical(name, list(dim.categories)))
        elif isinstance(dim, Integer):
            cs.add(CSInteger(name, (dim.low, dim.high), log=dim.prior == "log-uniform"))
        else:
            cs.add(Float(name, (dim.low, dim.high), log=dim.prior == "log-uniform"))
    budget = problem.hb_compute()
    compute = 0
    with tempfile.TemporaryDirectory() as tmp:
        scenario = Scenario(
            cs,
            deterministic=True,
            n_trials=100_000,
            min_budget=problem.min_resources,
            max_budget=problem.max_resources,
            seed=seed,
            output_directory=Path(tmp) / "smac",
        )

        def train(config, seed=0, budget=None):  # called through ask and tell only
            raise RuntimeError("unused")

        smac = MultiFidelityFacade(
            scenario,
            train,
            intensifier=MultiFidelityFacade.get_intensifier(scenario, eta=problem.factor),
            overwrite=True,
            logging_level=40,
        )
        best = {}
        while compute < budget:
            info = smac.ask()
            r = int(round(info.budget))
            params = dict(info.config)
            score = _cv_score(problem, params, r, seed)
            smac.tell(info, TrialValue(cost=-score if np.isfinite(score) else 1e10))
            compute += r * N_SPLITS
            if r == problem.max_resources and np.isfinite(score):
                best[json.dumps(params, sort_keys=True, default=str)] = score
        incumbent = dict(smac.intensifier.get_incumbent())
    cv_best = best.get(json.dumps(incumbent, sort_keys=True, default=str), float("nan"))
    return [_record("smac", compute, cv_best, incumbent, problem)]


def _searched(problem: Problem, params: dict) -> dict:
    """The searched parameters of a candidate (the resource dropped)."""
    return {k: _native(v) for k, v in params.items() if k in problem.space}


def _native(value):
    return value.item() if isinstance(value, np.generic) else value


def _record(variant, compute, cv_score, params, problem) -> dict:
    return {
        "variant": variant,
        "compute": int(compute),
        "cv_score": None if not np.isfinite(cv_score) else float(cv_score),
        "test_score": _test_score(problem, params),
        "params": params,
    }


RUNNERS = {
    "halving_bayes": run_halving_bayes,
    "halving_random": run_halving_random,
    "bayes": run_bayes,
    "smac": run_smac,
}


def run(method: str, problem: Problem, seed: int, cache: dict) -> None:
    key = cache_key(method, problem, seed)
    if key in cache or key in load_cache():  # or another process ran it meanwhile
        return
    t0 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        variants = RUNNERS[method](problem, seed)
    record = {
        "key": key,
        "method": method,
        "problem": problem.name,
        "seed": seed,
        "seconds": round(time.perf_counter() - t0, 1),
        "versions": versions(method),
        "machine": platform.machine(),
        "variants": variants,
    }
    append(record)
    cache[key] = record
    scores = ", ".join(f"{v['variant']} {v['test_score']:.4f}" for v in variants)
    print(f"{problem.name} seed {seed} {method}: {scores} ({record['seconds']} s)", flush=True)


# -- report ----------------------------------------------------------------------------------
def _latest(cache: dict) -> dict:
    """(problem, variant, seed) -> record variant, from the runs of the current versions."""
    out = {}
    for record in cache.values():
        problem = ALL_PROBLEMS.get(record["problem"])
        if problem is None or record["key"] != cache_key(record["method"], problem, record["seed"]):
            continue
        for v in record["variants"]:
            out[(record["problem"], v["variant"], record["seed"])] = v
    return out


def report(cache: dict, problems) -> str:
    rows = _latest(cache)
    lines = []
    for name in problems:
        seeds = sorted({s for (p, v, s) in rows if p == name and v == "halving_bayes"})
        if not seeds:
            continue
        hb_compute = rows[(name, "halving_bayes", seeds[0])]["compute"]
        lines += [
            f"### {name} ({ALL_PROBLEMS[name].scoring}, {ALL_PROBLEMS[name].resource})",
            "",
            "| method | seeds | compute / HalvingBayes | test score (mean ± se) |"
            " HalvingBayes − method (mean ± paired se) | ≥ 2 se |",
            "|---|---|---|---|---|---|",
        ]
        for variant in VARIANTS:
            paired = [s for s in seeds if (name, variant, s) in rows]
            if not paired:
                continue
            vals = np.array([rows[(name, variant, s)]["test_score"] for s in paired])
            mine = np.array([rows[(name, "halving_bayes", s)]["test_score"] for s in paired])
            computes = [rows[(name, variant, s)]["compute"] for s in paired]
            ratio = np.mean(computes) / hb_compute
            mean, se = vals.mean(), _se(vals)
            diff = mine - vals
            if variant == "halving_bayes":
                cmp, sig = "", ""
            else:
                d, dse = diff.mean(), _se(diff)
                cmp = f"{d:+.4f} ± {dse:.4f}"
                sig = "yes" if len(paired) > 1 and d >= 2 * dse and d > 0 else "no"
            lines.append(
                f"| {LABELS[variant]} | {len(paired)} | {ratio:.2f} | {mean:.4f} ± {se:.4f}"
                f" | {cmp} | {sig} |"
            )
        lines.append("")
    lines += _pooled_report(rows, problems)
    return "\n".join(lines)


def _normalised(rows: dict, problems) -> dict:
    """(problem, variant, seed) -> test score on a common scale.

    Per problem, 0 is HalvingRandomSearchCV's median test score and 1 the
    standard deviation of every run's test score there, so that the problems
    weigh alike (a range such as Bayesmark's, to the best run, is too narrow
    on problems where every method ends within the test set's noise).
    """
    out = {}
    for name in problems:
        mine = {k: v["test_score"] for k, v in rows.items() if k[0] == name}
        random = [v for (p, var, s), v in mine.items() if var == "halving_random"]
        spread = float(np.std(list(mine.values()), ddof=1)) if len(mine) > 1 else 0.0
        if not random or spread == 0.0:
            continue
        center = float(np.median(random))
        for key, value in mine.items():
            out[key] = (value - center) / spread
    return out


def _pooled_report(rows: dict, problems) -> list[str]:
    """One table over all problems: normalised test scores, paired by problem and seed."""
    scores = _normalised(rows, problems)
    pairs = sorted({(p, s) for (p, v, s) in scores if v == "halving_bayes"})
    if not pairs:
        return []
    lines = [
        "### All problems (test scores less HalvingRandomSearchCV's median, in standard"
        " deviations of the problem's test scores)",
        "",
        "| method | runs | score (mean ± se) | HalvingBayes − method (mean ± paired se) | ≥ 2 se |",
        "|---|---|---|---|---|",
    ]
    for variant in VARIANTS:
        paired = [(p, s) for p, s in pairs if (p, variant, s) in scores]
        if not paired:
            continue
        vals = np.array([scores[(p, variant, s)] for p, s in paired])
        diff = np.array([scores[(p, "halving_bayes", s)] for p, s in paired]) - vals
        if variant == "halving_bayes":
            cmp, sig = "", ""
        else:
            d, dse = diff.mean(), _se(diff)
            cmp = f"{d:+.2f} ± {dse:.2f}"
            sig = "yes" if len(paired) > 1 and d >= 2 * dse and d > 0 else "no"
        lines.append(
            f"| {LABELS[variant]} | {len(paired)} | {vals.mean():+.2f} ± {_se(vals):.2f}"
            f" | {cmp} | {sig} |"
        )
    lines.append("")
    return lines


def screen_report(cache: dict, problems) -> str:
    """BayesSearchCV at 3x less HalvingRandomSearchCV per problem, paired by seed.

    A problem where the best search here does not beat random halving by two
    paired standard errors cannot show a better proposal rule either.
    """
    rows = _latest(cache)
    lines = [
        "| problem | seeds | BayesSearchCV 3x − HalvingRandom (mean ± paired se) | room |",
        "|---|---|---|---|",
    ]
    for name in problems:
        seeds = sorted(
            s for (p, v, s) in rows
            if p == name and v == "bayes_3x" and (p, "halving_random", s) in rows
        )
        if len(seeds) < 2:
            continue
        diff = np.array(
            [rows[(name, "bayes_3x", s)]["test_score"]
             - rows[(name, "halving_random", s)]["test_score"] for s in seeds]
        )
        d, se = diff.mean(), _se(diff)
        room = "yes" if d >= 2 * se and d > 0 else "no"
        lines.append(f"| {name} | {len(seeds)} | {d:+.4f} ± {se:.4f} | {room} |")
    return "\n".join(lines)


def revision_report(cache: dict, other: dict, problems) -> str:
    """Another revision's HalvingBayesSearchCV against this one's runs, paired by seed.

    ``other`` holds runs of any source hash (the other revision's); each
    (problem, seed) keeps its last run.
    """
    rows = _latest(cache)
    theirs = {}
    for record in other.values():
        for v in record["variants"]:
            if v["variant"] == "halving_bayes":
                theirs[(record["problem"], record["seed"])] = v["test_score"]
    lines = [
        "| problem | compared with | seeds | revision − method (mean ± paired se) |",
        "|---|---|---|---|",
    ]
    for name in problems:
        for variant in VARIANTS:
            seeds = sorted(s for (p, v, s) in rows if p == name and v == variant)
            seeds = [s for s in seeds if (name, s) in theirs]
            if len(seeds) < 2:
                continue
            diff = np.array(
                [theirs[(name, s)] - rows[(name, variant, s)]["test_score"] for s in seeds]
            )
            lines.append(
                f"| {name} | {LABELS[variant]} | {len(seeds)} |"
                f" {diff.mean():+.4f} ± {_se(diff):.4f} |"
            )
    # All problems, on the scale of _normalised: the revision's runs as one more variant.
    merged = dict(rows)
    for (name, seed), score in theirs.items():
        merged[(name, "revision", seed)] = {"test_score": score}
    scores = _normalised(merged, problems)
    for variant in VARIANTS:
        pairs = [(p, s) for (p, v, s) in scores if v == variant and (p, "revision", s) in scores]
        if len(pairs) < 2:
            continue
        diff = np.array([scores[(p, "revision", s)] - scores[(p, variant, s)] for p, s in pairs])
        lines.append(
            f"| all, in standard deviations | {LABELS[variant]} | {len(pairs)} |"
            f" {diff.mean():+.2f} ± {_se(diff):.2f} |"
        )
    return "\n".join(lines)


def _se(values: np.ndarray) -> float:
    return float(np.std(values, ddof=1) / math.sqrt(len(values))) if len(values) > 1 else 0.0


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--problems", default=",".join(ADMITTED))
    parser.add_argument("--methods", default=",".join(METHODS))
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--first-seed", type=int, default=0)
    parser.add_argument(
        "--reverse", action="store_true", help="last seed first (a second process from the end)"
    )
    parser.add_argument("--report-only", action="store_true")
    parser.add_argument("--results", type=Path, default=RESULTS, help="the JSON Lines cache")
    parser.add_argument(
        "--screen",
        action="store_true",
        help="whether each problem has room for a model (BayesSearchCV at 3x beating"
        " HalvingRandomSearchCV by 2 paired SE); use with --problems "
        + ",".join([*CANDIDATES, *HELD_OUT]),
    )
    parser.add_argument(
        "--revision",
        type=Path,
        help="a cache of HalvingBayesSearchCV runs made by another revision of skopt_lite"
        " (--results of this script in its checkout): compare them, paired by problem and"
        " seed, with this revision's runs (nothing is run)",
    )
    args = parser.parse_args(argv)
    RESULTS_PATH[0] = args.results
    problems = [p for p in args.problems.split(",") if p]
    methods = [m for m in args.methods.split(",") if m]
    for name in problems:
        if name not in ALL_PROBLEMS:
            parser.error(f"unknown problem {name!r}; choose from {sorted(ALL_PROBLEMS)}")
    for m in methods:
        if m not in RUNNERS:
            parser.error(f"unknown method {m!r}; choose from {sorted(RUNNERS)}")
    cache = load_cache()
    if not (args.report_only or args.screen) and args.revision is None:
        seeds = range(args.first_seed, args.first_seed + args.seeds)
        for seed in reversed(seeds) if args.reverse else seeds:
            for name in problems:
                for m in methods:
                    if m == "smac" and not _smac_available():
                        continue
                    run(m, ALL_PROBLEMS[name], seed, cache)
    if args.revision is not None:
        print(revision_report(cache, load_cache(args.revision), problems))
        return
    if args.screen:
        print(screen_report(cache, problems))
        return
    print(report(cache, problems))


def _smac_available() -> bool:
    try:
        import smac  # noqa: F401
    except ImportError:
        print("smac is not importable here: its runs are skipped", file=sys.stderr)
        return False
    return True


if __name__ == "__main__":
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    main()
