"""Benchmark problems shared by tuning.py and overhead.py.

A problem is an estimator, data, a fixed CV splitter and a search space written
once in a neutral form, then translated for each library:

* ``("real", low, high, log)``, ``("int", low, high, log)``: ranges;
* ``("cat", [choices])``: categories.

Synthetic test functions with known optima are wrapped as the estimator
:class:`Synthetic`, whose ``fit`` does nothing and whose ``score`` is
``-f(hyperparameters)``; with ``function="zero"`` it is the zero-cost
estimator of the overhead benchmark.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field

import numpy as np
from scipy import stats
from sklearn.base import BaseEstimator

# -- synthetic test functions ------------------------------------------------------------
_H3_A = np.array([[3.0, 10, 30], [0.1, 10, 35], [3.0, 10, 30], [0.1, 10, 35]])
_H3_P = 1e-4 * np.array(
    [[3689, 1170, 2673], [4699, 4387, 7470], [1091, 8732, 5547], [381, 5743, 8828]]
)
_H6_A = np.array(
    [
        [10, 3, 17, 3.5, 1.7, 8],
        [0.05, 10, 17, 0.1, 8, 14],
        [3, 3.5, 1.7, 10, 17, 8],
        [17, 8, 0.05, 10, 0.1, 14],
    ]
)
_H6_P = 1e-4 * np.array(
    [
        [1312, 1696, 5569, 124, 8283, 5886],
        [2329, 4135, 8307, 3736, 1004, 9991],
        [2348, 1451, 3522, 2883, 3047, 6650],
        [4047, 8828, 8732, 5743, 1091, 381],
    ]
)
_ALPHA = np.array([1.0, 1.2, 3.0, 3.2])


def branin(x0, x1, **_):
    b, c, t = 5.1 / (4 * math.pi**2), 5 / math.pi, 1 / (8 * math.pi)
    return (x1 - b * x0**2 + c * x0 - 6) ** 2 + 10 * (1 - t) * math.cos(x0) + 10


def camel(x0, x1, **_):
    return (4 - 2.1 * x0**2 + x0**4 / 3) * x0**2 + x0 * x1 + (-4 + 4 * x1**2) * x1**2


def _hartmann(x, A, P):
    x = np.asarray(x, dtype=float)
    return float(-np.sum(_ALPHA * np.exp(-np.sum(A * (x - P) ** 2, axis=1))))


def hartmann3(x0, x1, x2, **_):
    return _hartmann([x0, x1, x2], _H3_A, _H3_P)


def hartmann6(x0, x1, x2, x3, x4, x5, **_):
    return _hartmann([x0, x1, x2, x3, x4, x5], _H6_A, _H6_P)


_OFFSETS = {"a": 1.0, "b": 0.0, "c": 2.0, "d": 0.5}


def mixed(x0, x1, k0, c0, **_):
    """Branin plus an integer bowl and a categorical offset: minimum 0.397887."""
    return branin(x0, x1) + 0.5 * (k0 - 7) ** 2 + _OFFSETS[c0]


def zero(**_):
    return 0.0


FUNCTIONS = {
    "branin": branin,
    "camel": camel,
    "hartmann3": hartmann3,
    "hartmann6": hartmann6,
    "mixed": mixed,
    "zero": zero,
}


class Synthetic(BaseEstimator):
    """An estimator whose fit does nothing and whose score is ``-f(params)``."""

    def __init__(
        self,
        function="zero",
        x0=0.0,
        x1=0.0,
        x2=0.0,
        x3=0.0,
        x4=0.0,
        x5=0.0,
        x6=0.0,
        x7=0.0,
        x8=0.0,
        x9=0.0,
        k0=0,
        k1=0,
        c0="a",
        c1="a",
    ):
        self.function = function
        self.x0, self.x1, self.x2, self.x3, self.x4 = x0, x1, x2, x3, x4
        self.x5, self.x6, self.x7, self.x8, self.x9 = x5, x6, x7, x8, x9
        self.k0, self.k1, self.c0, self.c1 = k0, k1, c0, c1

    def fit(self, X, y=None):
        return self

    def predict(self, X):
        return np.zeros(len(X))

    def score(self, X, y=None):
        params = self.get_params()
        return -float(FUNCTIONS[params.pop("function")](**params))


# -- problems ---------------------------------------------------------------------------
@dataclass
class Task:
    name: str
    kind: str  # "ml" or "synthetic"
    space: dict
    make_estimator: object = None
    load: object = None
    cv: object = None
    optimum: float | None = None  # best achievable score (synthetic only)
    note: str = ""
    extra: dict = field(default_factory=dict)

    def fingerprint(self) -> str:
        """Changes when the task's definition changes (invalidates cached runs)."""
        desc = {
            "space": self.space,
            "estimator": repr(self.make_estimator()),
            "cv": repr(self.cv),
            "note": self.note,
        }
        return hashlib.sha1(json.dumps(desc, default=repr).encode()).hexdigest()[:10]

    def data(self):
        return self.load()


def _synthetic_data():
    X = np.zeros((4, 1))
    return X, np.zeros(4)


def _synthetic(name, space, optimum):
    from sklearn.model_selection import KFold

    return Task(
        name=name,
        kind="synthetic",
        space=space,
        make_estimator=lambda: Synthetic(function=name),
        load=_synthetic_data,
        cv=KFold(2),
        optimum=-optimum,
    )


def _digits():
    from sklearn.datasets import load_digits

    return load_digits(return_X_y=True)


def _diabetes():
    from sklearn.datasets import load_diabetes

    return load_diabetes(return_X_y=True)


def _wine():
    from sklearn.datasets import load_wine

    return load_wine(return_X_y=True)


def _breast_cancer():
    from sklearn.datasets import load_breast_cancer

    return load_breast_cancer(return_X_y=True)


def _tree():
    from sklearn.tree import DecisionTreeClassifier

    return DecisionTreeClassifier(random_state=0)


def _forest():
    from sklearn.ensemble import RandomForestClassifier

    return RandomForestClassifier(n_estimators=10, random_state=0, n_jobs=1)


def _svr():
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    from sklearn.svm import SVR

    return make_pipeline(StandardScaler(), SVR())


def _logreg():
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier

    # liblinear is binary only: one-vs-rest, as Bayesmark's L1 logistic regression.
    # liblinear shuffles the data with random_state: fixed, so that the objective is a
    # fixed function of the hyperparameters (with None, two runs of one setting differ).
    return OneVsRestClassifier(
        LogisticRegression(solver="liblinear", l1_ratio=1.0, random_state=0)
    )


def _mlp():
    from sklearn.neural_network import MLPClassifier
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return make_pipeline(StandardScaler(), MLPClassifier(max_iter=15, random_state=0))


def _knn():
    from sklearn.neighbors import KNeighborsRegressor
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return make_pipeline(StandardScaler(), KNeighborsRegressor())


def _gbr():
    from sklearn.ensemble import GradientBoostingRegressor

    return GradientBoostingRegressor(random_state=0)


def make_tasks() -> dict[str, Task]:
    from sklearn.model_selection import KFold, StratifiedKFold

    skf = StratifiedKFold(3, shuffle=True, random_state=0)
    kf = KFold(3, shuffle=True, random_state=0)
    tasks = [
        Task(
            "tree-digits",
            "ml",
            {
                "max_depth": ("int", 1, 30, False),
                "min_samples_split": ("int", 2, 64, True),
                "min_samples_leaf": ("int", 1, 32, True),
                "max_features": ("real", 0.05, 1.0, False),
                "criterion": ("cat", ["gini", "entropy"]),
            },
            _tree,
            _digits,
            skf,
        ),
        Task(
            "forest-digits",
            "ml",
            {
                "max_depth": ("int", 2, 30, False),
                "max_features": ("real", 0.01, 1.0, True),
                "min_samples_split": ("int", 2, 32, True),
                "min_samples_leaf": ("int", 1, 16, True),
                "criterion": ("cat", ["gini", "entropy"]),
                "bootstrap": ("cat", [True, False]),
            },
            _forest,
            _digits,
            skf,
        ),
        Task(
            "svr-diabetes",
            "ml",
            {
                "svr__C": ("real", 1e-1, 1e4, True),
                "svr__gamma": ("real", 1e-4, 1e1, True),
                "svr__epsilon": ("real", 1e-2, 1e2, True),
            },
            _svr,
            _diabetes,
            kf,
        ),
        Task(
            "logreg_l1-wine",
            "ml",
            {
                "estimator__C": ("real", 1e-3, 1e2, True),
                "estimator__intercept_scaling": ("real", 1e-2, 1e2, True),
                "estimator__tol": ("real", 1e-5, 1e-1, True),
                "estimator__class_weight": ("cat", [None, "balanced"]),
            },
            _logreg,
            _wine,
            skf,
        ),
        Task(
            "mlp-breast_cancer",
            "ml",
            {
                "mlpclassifier__hidden_layer_sizes": ("int", 4, 64, True),
                "mlpclassifier__alpha": ("real", 1e-6, 1e1, True),
                "mlpclassifier__learning_rate_init": ("real", 1e-5, 1e-1, True),
                "mlpclassifier__batch_size": ("int", 32, 256, True),
                "mlpclassifier__beta_1": ("real", 0.5, 0.99, False),
            },
            _mlp,
            _breast_cancer,
            skf,
        ),
        Task(
            "knn-diabetes",
            "ml",
            {
                "kneighborsregressor__n_neighbors": ("int", 1, 100, True),
                "kneighborsregressor__weights": ("cat", ["uniform", "distance"]),
                "kneighborsregressor__p": ("int", 1, 3, False),
            },
            _knn,
            _diabetes,
            kf,
        ),
        Task(
            "gbr-diabetes",
            "ml",
            {
                "n_estimators": ("int", 5, 60, True),
                "learning_rate": ("real", 1e-3, 1.0, True),
                "max_depth": ("int", 1, 8, False),
                "min_samples_split": ("int", 2, 64, True),
                "min_samples_leaf": ("int", 1, 64, True),
                "subsample": ("real", 0.3, 1.0, False),
                "max_features": ("real", 0.1, 1.0, False),
                "loss": ("cat", ["squared_error", "absolute_error", "huber"]),
            },
            _gbr,
            _diabetes,
            kf,
        ),
        _synthetic(
            "branin",
            {"x0": ("real", -5.0, 10.0, False), "x1": ("real", 0.0, 15.0, False)},
            0.397887,
        ),
        _synthetic(
            "camel",
            {"x0": ("real", -3.0, 3.0, False), "x1": ("real", -2.0, 2.0, False)},
            -1.031628,
        ),
        _synthetic("hartmann3", {f"x{i}": ("real", 0.0, 1.0, False) for i in range(3)}, -3.86278),
        _synthetic("hartmann6", {f"x{i}": ("real", 0.0, 1.0, False) for i in range(6)}, -3.32237),
        _synthetic(
            "mixed",
            {
                "x0": ("real", -5.0, 10.0, False),
                "x1": ("real", 0.0, 15.0, False),
                "k0": ("int", 0, 20, False),
                "c0": ("cat", ["a", "b", "c", "d"]),
            },
            0.397887,
        ),
    ]
    return {t.name: t for t in tasks}


# -- one space, five libraries ------------------------------------------------------------
class _LogInt:
    """A log-uniform integer distribution for scikit-learn's ParameterSampler."""

    def __init__(self, low, high):
        self.low, self.high = low, high
        self._d = stats.loguniform(low - 0.5 if low > 0.5 else 0.5, high + 0.5)

    def rvs(self, random_state=None):
        return int(
            np.clip(round(float(self._d.rvs(random_state=random_state))), self.low, self.high)
        )

    def __repr__(self):
        return f"LogInt({self.low}, {self.high})"


def space_for(method: str, space: dict) -> dict:
    """The neutral space as ``method``'s library wants it."""
    out = {}
    for name, spec in space.items():
        kind = spec[0]
        if method in ("skopt_lite", "skopt_lite_random", "skopt"):
            if method == "skopt":
                from skopt.space import Categorical, Integer, Real
            else:
                from skopt_lite import Categorical, Integer, Real
            if kind == "cat":
                out[name] = Categorical(list(spec[1]))
            else:
                cls = Real if kind == "real" else Integer
                out[name] = cls(spec[1], spec[2], prior="log-uniform" if spec[3] else "uniform")
        elif method == "optuna":
            from optuna.distributions import (
                CategoricalDistribution,
                FloatDistribution,
                IntDistribution,
            )

            if kind == "cat":
                out[name] = CategoricalDistribution(list(spec[1]))
            elif kind == "real":
                out[name] = FloatDistribution(spec[1], spec[2], log=spec[3])
            else:
                out[name] = IntDistribution(spec[1], spec[2], log=spec[3])
        elif method == "sklearn_random":
            if kind == "cat":
                out[name] = list(spec[1])
            elif kind == "real":
                lo, hi = spec[1], spec[2]
                out[name] = stats.loguniform(lo, hi) if spec[3] else stats.uniform(lo, hi - lo)
            else:
                lo, hi = spec[1], spec[2]
                out[name] = _LogInt(lo, hi) if spec[3] else stats.randint(lo, hi + 1)
        else:
            raise ValueError(method)
    return out


# -- output --------------------------------------------------------------------------------
def write_csv_tables(markdown: str, out_dir, stem: str) -> list:
    """Write each pipe table of ``markdown`` as ``<stem>_<i>.csv`` (for Sphinx's csv-table)."""
    import csv
    import io
    from pathlib import Path

    tables, current = [], []
    for line in markdown.splitlines() + [""]:
        if line.startswith("|"):
            current.append(line)
        elif current:
            tables.append(current)
            current = []
    paths = []
    for i, rows in enumerate(tables):
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        for row in rows:
            cells = [c.strip() for c in row.strip().strip("|").split("|")]
            if all(set(c) <= set("-: ") for c in cells):
                continue  # the separator row
            writer.writerow(cells)
        path = Path(out_dir) / f"{stem}_{i}.csv"
        path.write_text(buf.getvalue())
        paths.append(path)
    return paths
