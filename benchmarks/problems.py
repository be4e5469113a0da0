"""The problems of the held-out benchmark (issue 11): Bayesmark-style models and test functions.

A problem is a name, a search space written once in a neutral form, and an
objective: the loss ``-cross_val_score(estimator, X, y, cv, scoring).mean()``,
exactly the number scikit-learn reports as ``-mean_test_score``.

Neutral space (a dict of parameter name -> spec, or for a conditional problem
a list of such dicts, one per branch):

* ``("real", low, high, scale)``, scale ``"linear"``, ``"log"`` or ``"logit"``;
* ``("int", low, high, scale)``, scale ``"linear"`` or ``"log"``;
* ``("cat", [choices])``.

Logit-scaled reals (shares in (0, 1) such as ``beta_1`` or ``l1_ratio``) are
searched, as Bayesmark does, as a uniform real over ``[logit(low),
logit(high)]``: the problem's estimator is wrapped in :class:`Logit`, which
maps the value back with the logistic function before it reaches the model.
Every method therefore sees the same estimator and the same space in search
coordinates (:meth:`Problem.search_space`).

ML problems (``<model>-<dataset>-<metric>``): nine model families (kNN, SVM,
decision tree, random forest, MLP with adam and with sgd, AdaBoost and
gradient boosting, L1 and L2 linear models, ElasticNet) on scikit-learn's
bundled datasets, with a fixed splitter (``StratifiedKFold`` or ``KFold``,
5 folds, shuffled with ``random_state=0``; 3 folds on digits, for cost) and
fixed model ``random_state``. Metrics: nll (log-loss), acc (accuracy), auc
(ROC AUC), mse, mae (negated by scikit-learn's scorers). The six ML problems
of the old suite keep their definitions from ``bench_tasks.py`` (3-fold CV,
the estimator's own score: accuracy or R²). Test functions are
wrapped as :class:`Function`, an estimator whose ``score`` is ``-f(params)``
on dummy data, so that every method goes through the same interface.

The split, decided once by this rule in code (:func:`split`): the ten
problems of the old suite (``tuning.DEFAULT_TASKS``, on which skopt_lite's
defaults were tuned) are development problems. The others are ordered, within
each kind (ML, function), by the SHA-256 of their name; the first ones are
added to the development half until it holds half of that kind (rounded
down), the rest are held out. Defaults are tuned on development problems only.

``python benchmarks/problems.py`` prints the problems and the split;
``--timing`` measures the cost of one evaluation (random points).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

import numpy as np
from scipy.special import expit
from sklearn.base import BaseEstimator, MetaEstimatorMixin, clone

OLD_SUITE = (
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
METRICS = {
    "nll": "neg_log_loss",
    "acc": "accuracy",
    "auc": "roc_auc",
    "mse": "neg_mean_squared_error",
    "mae": "neg_mean_absolute_error",
}


# -- test functions -------------------------------------------------------------------------
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


def branin(x):
    b, c, t = 5.1 / (4 * math.pi**2), 5 / math.pi, 1 / (8 * math.pi)
    x0, x1 = x
    return (x1 - b * x0**2 + c * x0 - 6) ** 2 + 10 * (1 - t) * math.cos(x0) + 10


def hartmann(x, A, P):
    x = np.asarray(x, dtype=float)
    return float(-np.sum(_ALPHA * np.exp(-np.sum(A * (x - P) ** 2, axis=1))))


def ackley(x):
    x = np.asarray(x, dtype=float)
    d = len(x)
    s1 = -0.2 * np.sqrt(np.sum(x**2) / d)
    s2 = np.sum(np.cos(2 * np.pi * x)) / d
    return float(-20 * np.exp(s1) - np.exp(s2) + 20 + np.e)


def levy(x):
    w = 1 + (np.asarray(x, dtype=float) - 1) / 4
    head = np.sin(np.pi * w[0]) ** 2
    mid = np.sum((w[:-1] - 1) ** 2 * (1 + 10 * np.sin(np.pi * w[:-1] + 1) ** 2))
    tail = (w[-1] - 1) ** 2 * (1 + np.sin(2 * np.pi * w[-1]) ** 2)
    return float(head + mid + tail)


def rosenbrock(x):
    x = np.asarray(x, dtype=float)
    return float(np.sum(100 * (x[1:] - x[:-1] ** 2) ** 2 + (1 - x[:-1]) ** 2))


def styblinski_tang(x):
    x = np.asarray(x, dtype=float)
    return float(0.5 * np.sum(x**4 - 16 * x**2 + 5 * x))


def styblinski_tang_min_1d() -> float:
    """The minimum of one term of Styblinski-Tang: at the smallest root of 4x^3 - 32x + 5."""
    x = min(r.real for r in np.roots([4, 0, -32, 5]) if abs(r.imag) < 1e-12)
    return styblinski_tang([x])


_LEVY_CAT = {"a": -7.0, "b": -2.0, "c": 1.0, "d": 3.0, "e": 6.0}
_MIXED_OFFSETS = {"a": 1.0, "b": 0.0, "c": 2.0, "d": 0.5}
_COND_OFFSET = 4.0  # hartmann3 + 4 has its minimum 0.137 below Branin's 0.398


def _xs(p, n, start=0):
    return [p[f"x{i}"] for i in range(start, start + n)]


def _ks(p, n):
    return [p[f"k{i}"] for i in range(n)]


FUNCTIONS: dict[str, Callable[[dict], float]] = {
    "branin": lambda p: branin(_xs(p, 2)),
    "hartmann3": lambda p: hartmann(_xs(p, 3), _H3_A, _H3_P),
    "hartmann6": lambda p: hartmann(_xs(p, 6), _H6_A, _H6_P),
    "mixed": lambda p: branin(_xs(p, 2)) + 0.5 * (p["k0"] - 7) ** 2 + _MIXED_OFFSETS[p["c0"]],
    "ackley5": lambda p: ackley(_xs(p, 5)),
    "ackley_int4": lambda p: ackley(_xs(p, 2) + _ks(p, 2)),
    "levy6": lambda p: levy(_xs(p, 6)),
    "levy_cat5": lambda p: levy(_xs(p, 4) + [_LEVY_CAT[p["c0"]]]),
    "rosenbrock2": lambda p: rosenbrock(_xs(p, 2)),
    "rosenbrock4": lambda p: rosenbrock(_xs(p, 4)),
    "rosenbrock_int4": lambda p: rosenbrock(_ks(p, 4)),
    "styblinski_tang10": lambda p: styblinski_tang(_xs(p, 10)),
    "styblinski_tang_int6": lambda p: styblinski_tang(_ks(p, 6)),
    "branin_or_hartmann3": lambda p: (
        branin(_xs(p, 2))
        if p["branch"] == "branin"
        else hartmann(_xs(p, 3, start=2), _H3_A, _H3_P) + _COND_OFFSET
    ),
}


class Function(BaseEstimator):
    """A test function as an estimator: ``fit`` does nothing, ``score`` is ``-f(params)``.

    Parameters
    ----------
    function : str
        A key of :data:`FUNCTIONS`.
    x0, ..., x9 : float
        Real arguments.
    k0, ..., k5 : int
        Integer arguments.
    c0 : str
        A categorical argument.
    branch : str
        The branch of a conditional function.
    """

    def __init__(
        self,
        function="branin",
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
        k2=0,
        k3=0,
        k4=0,
        k5=0,
        c0="a",
        branch="branin",
    ):
        self.function = function
        self.x0, self.x1, self.x2, self.x3, self.x4 = x0, x1, x2, x3, x4
        self.x5, self.x6, self.x7, self.x8, self.x9 = x5, x6, x7, x8, x9
        self.k0, self.k1, self.k2, self.k3, self.k4, self.k5 = k0, k1, k2, k3, k4, k5
        self.c0, self.branch = c0, branch

    def fit(self, X, y=None):
        return self

    def predict(self, X):
        return np.zeros(len(X))

    def score(self, X, y=None):
        params = self.get_params()
        return -float(FUNCTIONS[params.pop("function")](params))


# -- the logit wrapper ----------------------------------------------------------------------
class Logit(MetaEstimatorMixin, BaseEstimator):
    """``estimator`` whose parameters in ``names`` are given on the logit scale.

    ``set_params(name=u)`` sets ``name`` of ``estimator`` to ``1 / (1 + exp(-u))``
    for ``name`` in ``names``; any other parameter passes through unchanged.

    Parameters
    ----------
    estimator : estimator object
        The model.
    names : tuple of str
        The parameters searched on the logit scale.
    """

    def __init__(self, estimator, names=()):
        self.estimator = estimator
        self.names = names

    def set_params(self, **params):
        for own in ("estimator", "names"):
            if own in params:
                setattr(self, own, params.pop(own))
        inner = {k: float(expit(v)) if k in self.names else v for k, v in params.items()}
        if inner:
            self.estimator.set_params(**inner)
        return self

    def fit(self, X, y=None):
        self.estimator_ = clone(self.estimator).fit(X, y)
        if hasattr(self.estimator_, "classes_"):
            self.classes_ = self.estimator_.classes_
        return self

    def predict(self, X):
        return self.estimator_.predict(X)

    def predict_proba(self, X):
        return self.estimator_.predict_proba(X)

    def decision_function(self, X):
        return self.estimator_.decision_function(X)

    def score(self, X, y=None):
        return self.estimator_.score(X, y)

    def __sklearn_tags__(self):
        return self.estimator.__sklearn_tags__()


# -- problems -------------------------------------------------------------------------------
@dataclass
class Problem:
    """One benchmark problem.

    Attributes
    ----------
    name : str
        ``<model>-<dataset>-<metric>`` or the function's name.
    kind : {"ml", "function"}
    space : dict or list of dict
        The neutral space (a list: one subspace per branch of a conditional problem).
    make_estimator : callable
        Returns a fresh estimator (fixed ``random_state``).
    load : callable
        Returns ``(X, y)``.
    cv : splitter
        Fixed folds.
    scoring : str or None
        A scikit-learn scorer name (None: the estimator's ``score``).
    optimum : float or None
        The known minimum of the loss (functions only).
    """

    name: str
    kind: str
    space: dict | list
    make_estimator: Callable
    load: Callable
    cv: object
    scoring: str | None = None
    optimum: float | None = None
    notes: dict = field(default_factory=dict)

    @property
    def subspaces(self) -> list[dict]:
        return self.space if isinstance(self.space, list) else [self.space]

    def logit_names(self) -> tuple[str, ...]:
        return tuple(
            sorted({n for s in self.subspaces for n, spec in s.items() if spec[-1] == "logit"})
        )

    def estimator(self):
        """The estimator every method tunes (wrapped in :class:`Logit` when needed)."""
        est = self.make_estimator()
        names = self.logit_names()
        return Logit(est, names) if names else est

    def search_space(self) -> dict | list:
        """The neutral space in search coordinates: logit reals become linear reals."""

        def coords(spec):
            if spec[0] == "real" and spec[3] == "logit":
                lo, hi = spec[1], spec[2]
                return ("real", math.log(lo / (1 - lo)), math.log(hi / (1 - hi)), "linear")
            return spec

        spaces = [{n: coords(s) for n, s in sub.items()} for sub in self.subspaces]
        return spaces if isinstance(self.space, list) else spaces[0]

    def fingerprint(self) -> str:
        """Changes when the problem's definition changes (invalidates cached runs)."""
        desc = {
            "space": self.space,
            "estimator": repr(self.estimator()),
            "cv": repr(self.cv),
            "scoring": self.scoring,
            "optimum": self.optimum,
        }
        return hashlib.sha1(json.dumps(desc, default=repr).encode()).hexdigest()[:10]

    def data(self):
        return self.load()

    def loss(self, params: dict, X=None, y=None) -> float:
        """``-cross_val_score(...).mean()`` at ``params`` (search coordinates); nan on failure."""
        from sklearn.model_selection import cross_val_score

        if X is None:
            X, y = self.data()
        est = clone(self.estimator()).set_params(**params)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            scores = cross_val_score(
                est, X, y, cv=self.cv, scoring=self.scoring, n_jobs=1, error_score=np.nan
            )
        return -float(scores.mean())


# -- datasets -------------------------------------------------------------------------------
@cache
def dataset(name: str):
    from sklearn import datasets

    if name == "dummy":
        return np.zeros((4, 1)), np.zeros(4)
    return getattr(datasets, f"load_{name}")(return_X_y=True)


def _loader(name):
    return lambda: dataset(name)


CLASSIFICATION = ("breast_cancer", "digits", "iris", "wine")


def _splitter(data: str, folds: int):
    from sklearn.model_selection import KFold, StratifiedKFold

    cls = StratifiedKFold if data in CLASSIFICATION else KFold
    return cls(folds, shuffle=True, random_state=0)


# -- model families: (estimator factory, space) for classification and regression -----------
def _scaled(est):
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return make_pipeline(StandardScaler(), est)


def knn(clf: bool):
    from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor

    cls = KNeighborsClassifier if clf else KNeighborsRegressor
    p = cls.__name__.lower() + "__"
    space = {
        p + "n_neighbors": ("int", 1, 40, "log"),
        p + "weights": ("cat", ["uniform", "distance"]),
        p + "p": ("int", 1, 3, "linear"),
    }
    return lambda: _scaled(cls()), space


def svm(clf: bool):
    from sklearn.svm import SVC, SVR

    if clf:
        space = {
            "svc__C": ("real", 1e-2, 1e3, "log"),
            "svc__gamma": ("real", 1e-4, 1e1, "log"),
            "svc__tol": ("real", 1e-5, 1e-1, "log"),
        }
        return lambda: _scaled(SVC(random_state=0)), space
    space = {
        "svr__C": ("real", 1e-1, 1e4, "log"),
        "svr__gamma": ("real", 1e-4, 1e1, "log"),
        "svr__epsilon": ("real", 1e-2, 1e2, "log"),
    }
    return lambda: _scaled(SVR()), space


def _tree_space(criteria):
    return {
        "max_depth": ("int", 1, 20, "linear"),
        "min_samples_split": ("int", 2, 64, "log"),
        "min_samples_leaf": ("int", 1, 32, "log"),
        "max_features": ("real", 0.05, 0.99, "logit"),
        "criterion": ("cat", criteria),
    }


def tree(clf: bool):
    from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

    if clf:
        return lambda: DecisionTreeClassifier(random_state=0), _tree_space(["gini", "entropy"])
    crit = ["squared_error", "poisson"]
    return lambda: DecisionTreeRegressor(random_state=0), _tree_space(crit)


def forest(clf: bool):
    from sklearn.ensemble import RandomForestClassifier, RandomForestRegressor

    if clf:
        space = _tree_space(["gini", "entropy"])
        make = lambda: RandomForestClassifier(n_estimators=10, random_state=0, n_jobs=1)  # noqa: E731
    else:
        space = _tree_space(["squared_error", "poisson"])
        make = lambda: RandomForestRegressor(n_estimators=10, random_state=0, n_jobs=1)  # noqa: E731
    space["bootstrap"] = ("cat", [True, False])
    return make, space


def mlp_adam(clf: bool):
    from sklearn.compose import TransformedTargetRegressor
    from sklearn.neural_network import MLPClassifier, MLPRegressor
    from sklearn.preprocessing import StandardScaler

    names = {
        "hidden_layer_sizes": ("int", 8, 128, "log"),
        "alpha": ("real", 1e-5, 1e1, "log"),
        "batch_size": ("int", 32, 256, "log"),
        "learning_rate_init": ("real", 1e-4, 1e-1, "log"),
        "beta_1": ("real", 0.5, 0.99, "logit"),
        "beta_2": ("real", 0.9, 0.9999, "logit"),
    }
    if clf:
        space = {"mlpclassifier__" + k: v for k, v in names.items()}
        return lambda: _scaled(MLPClassifier(max_iter=20, random_state=0)), space
    # The target is standardised too (diabetes' is in the hundreds).
    space = {"regressor__mlpregressor__" + k: v for k, v in names.items()}
    return (
        lambda: TransformedTargetRegressor(
            _scaled(MLPRegressor(max_iter=20, random_state=0)), transformer=StandardScaler()
        ),
        space,
    )


def mlp_sgd(clf: bool):
    from sklearn.neural_network import MLPClassifier

    assert clf, "sgd MLPs diverge on raw regression targets: classification only"
    space = {
        "mlpclassifier__hidden_layer_sizes": ("int", 8, 128, "log"),
        "mlpclassifier__alpha": ("real", 1e-5, 1e1, "log"),
        "mlpclassifier__batch_size": ("int", 32, 256, "log"),
        "mlpclassifier__learning_rate_init": ("real", 1e-4, 3e-1, "log"),
        "mlpclassifier__momentum": ("real", 0.01, 0.99, "logit"),
        "mlpclassifier__nesterovs_momentum": ("cat", [True, False]),
        "mlpclassifier__learning_rate": ("cat", ["constant", "invscaling", "adaptive"]),
    }
    return lambda: _scaled(MLPClassifier(solver="sgd", max_iter=20, random_state=0)), space


def ada(clf: bool):
    from sklearn.ensemble import AdaBoostClassifier, AdaBoostRegressor

    space = {
        "n_estimators": ("int", 5, 50, "log"),
        "learning_rate": ("real", 1e-2, 1e1, "log"),
    }
    if clf:
        return lambda: AdaBoostClassifier(random_state=0), space
    space["loss"] = ("cat", ["linear", "square", "exponential"])
    return lambda: AdaBoostRegressor(random_state=0), space


def gb(clf: bool):
    from sklearn.ensemble import GradientBoostingClassifier, GradientBoostingRegressor

    space = {
        "n_estimators": ("int", 5, 50, "log"),
        "learning_rate": ("real", 1e-3, 1.0, "log"),
        "max_depth": ("int", 1, 6, "linear"),
        "subsample": ("real", 0.1, 0.99, "logit"),
        "min_samples_leaf": ("int", 1, 32, "log"),
        "max_features": ("real", 0.1, 0.99, "logit"),
    }
    cls = GradientBoostingClassifier if clf else GradientBoostingRegressor
    return lambda: cls(random_state=0), space


def logreg(l1: bool):
    from sklearn.linear_model import LogisticRegression

    space = {
        "logisticregression__C": ("real", 1e-4, 1e2, "log"),
        "logisticregression__tol": ("real", 1e-5, 1e-1, "log"),
        "logisticregression__fit_intercept": ("cat", [True, False]),
        "logisticregression__class_weight": ("cat", [None, "balanced"]),
    }
    if l1:
        space["logisticregression__intercept_scaling"] = ("real", 1e-2, 1e2, "log")
        make = lambda: LogisticRegression(solver="liblinear", l1_ratio=1.0, random_state=0)  # noqa: E731
    else:
        space["logisticregression__max_iter"] = ("int", 5, 200, "log")
        make = lambda: LogisticRegression(random_state=0)  # noqa: E731
    return lambda: _scaled(make()), space


def lasso():
    from sklearn.linear_model import Lasso

    space = {
        "alpha": ("real", 1e-4, 1e1, "log"),
        "tol": ("real", 1e-5, 1e-1, "log"),
        "max_iter": ("int", 10, 1000, "log"),
        "selection": ("cat", ["cyclic", "random"]),
        "fit_intercept": ("cat", [True, False]),
    }
    return lambda: Lasso(random_state=0), space


def ridge():
    from sklearn.linear_model import Ridge

    space = {
        "alpha": ("real", 1e-4, 1e3, "log"),
        "solver": ("cat", ["svd", "cholesky", "lsqr", "sparse_cg"]),
        "tol": ("real", 1e-5, 1e-1, "log"),
        "fit_intercept": ("cat", [True, False]),
    }
    return lambda: Ridge(random_state=0), space


def enet():
    from sklearn.linear_model import ElasticNet

    space = {
        "alpha": ("real", 1e-4, 1e1, "log"),
        "l1_ratio": ("real", 0.01, 0.99, "logit"),
        "tol": ("real", 1e-5, 1e-1, "log"),
        "selection": ("cat", ["cyclic", "random"]),
        "fit_intercept": ("cat", [True, False]),
    }
    return lambda: ElasticNet(random_state=0), space


def sgd_enet():
    from sklearn.linear_model import SGDClassifier

    space = {
        "sgdclassifier__alpha": ("real", 1e-6, 1e0, "log"),
        "sgdclassifier__l1_ratio": ("real", 0.01, 0.99, "logit"),
        "sgdclassifier__eta0": ("real", 1e-4, 1e0, "log"),
        "sgdclassifier__learning_rate": ("cat", ["optimal", "invscaling", "adaptive", "constant"]),
        "sgdclassifier__max_iter": ("int", 5, 200, "log"),
    }
    return (
        lambda: _scaled(
            SGDClassifier(loss="log_loss", penalty="elasticnet", random_state=0, tol=1e-4)
        ),
        space,
    )


# (name, family factory, dataset, metric, folds)
ML = [
    ("knn-wine-nll", lambda: knn(True), "wine", "nll", 5),
    ("knn-iris-nll", lambda: knn(True), "iris", "nll", 5),
    ("knn-breast_cancer-acc", lambda: knn(True), "breast_cancer", "acc", 5),
    ("knn-diabetes-mae", lambda: knn(False), "diabetes", "mae", 5),
    ("svc-breast_cancer-auc", lambda: svm(True), "breast_cancer", "auc", 5),
    ("svc-wine-acc", lambda: svm(True), "wine", "acc", 5),
    ("svr-diabetes-mae", lambda: svm(False), "diabetes", "mae", 5),
    ("tree-wine-nll", lambda: tree(True), "wine", "nll", 5),
    ("tree-diabetes-mse", lambda: tree(False), "diabetes", "mse", 5),
    ("forest-breast_cancer-nll", lambda: forest(True), "breast_cancer", "nll", 5),
    ("forest-diabetes-mse", lambda: forest(False), "diabetes", "mse", 5),
    ("mlp_adam-wine-nll", lambda: mlp_adam(True), "wine", "nll", 5),
    ("mlp_adam-digits-nll", lambda: mlp_adam(True), "digits", "nll", 3),
    ("mlp_adam-diabetes-mse", lambda: mlp_adam(False), "diabetes", "mse", 5),
    ("mlp_sgd-breast_cancer-nll", lambda: mlp_sgd(True), "breast_cancer", "nll", 5),
    ("mlp_sgd-iris-nll", lambda: mlp_sgd(True), "iris", "nll", 5),
    ("ada-breast_cancer-nll", lambda: ada(True), "breast_cancer", "nll", 5),
    ("ada-diabetes-mae", lambda: ada(False), "diabetes", "mae", 5),
    ("gb-wine-nll", lambda: gb(True), "wine", "nll", 5),
    ("gb-breast_cancer-nll", lambda: gb(True), "breast_cancer", "nll", 5),
    ("lasso-diabetes-mse", lasso, "diabetes", "mse", 5),
    ("logreg_l1-breast_cancer-nll", lambda: logreg(True), "breast_cancer", "nll", 5),
    ("logreg_l2-digits-nll", lambda: logreg(False), "digits", "nll", 3),
    ("logreg_l2-wine-nll", lambda: logreg(False), "wine", "nll", 5),
    ("ridge-diabetes-mae", ridge, "diabetes", "mae", 5),
    ("enet-diabetes-mse", enet, "diabetes", "mse", 5),
    ("sgd_enet-breast_cancer-nll", sgd_enet, "breast_cancer", "nll", 5),
]


def ml_problems() -> list[Problem]:
    out = []
    for name, family, data, metric, folds in ML:
        make, space = family()
        out.append(
            Problem(name, "ml", space, make, _loader(data), _splitter(data, folds), METRICS[metric])
        )
    return out


def old_suite_problems() -> list[Problem]:
    """The six ML problems of ``bench_tasks`` (the old suite), as they were defined there."""
    import bench_tasks

    scale = {True: "log", False: "linear"}
    out = []
    for name, task in bench_tasks.make_tasks().items():
        if task.kind != "ml" or name not in OLD_SUITE:
            continue
        space = {
            n: s if s[0] == "cat" else (s[0], s[1], s[2], scale[s[3]])
            for n, s in task.space.items()
        }
        out.append(Problem(name, "ml", space, task.make_estimator, task.load, task.cv))
    return out


def _reals(n, lo, hi, start=0):
    return {f"x{i}": ("real", lo, hi, "linear") for i in range(start, start + n)}


def _ints(n, lo, hi):
    return {f"k{i}": ("int", lo, hi, "linear") for i in range(n)}


def function_spaces() -> dict[str, tuple[dict | list, float]]:
    """name -> (space, known minimum)."""
    h3 = -3.86278
    st = styblinski_tang_min_1d()
    st_int = min(styblinski_tang([k]) for k in range(-5, 6))
    branin_space = {"x0": ("real", -5.0, 10.0, "linear"), "x1": ("real", 0.0, 15.0, "linear")}
    return {
        "branin": (branin_space, 0.397887),
        "hartmann3": (_reals(3, 0.0, 1.0), h3),
        "hartmann6": (_reals(6, 0.0, 1.0), -3.32237),
        "mixed": (
            {**branin_space, "k0": ("int", 0, 20, "linear"), "c0": ("cat", ["a", "b", "c", "d"])},
            0.397887,
        ),
        "ackley5": (_reals(5, -32.768, 32.768), 0.0),
        "ackley_int4": ({**_reals(2, -5.0, 10.0), **_ints(2, -5, 10)}, 0.0),
        "levy6": (_reals(6, -10.0, 10.0), 0.0),
        "levy_cat5": ({**_reals(4, -10.0, 10.0), "c0": ("cat", list(_LEVY_CAT))}, 0.0),
        "rosenbrock2": (_reals(2, -5.0, 10.0), 0.0),
        "rosenbrock4": (_reals(4, -5.0, 10.0), 0.0),
        "rosenbrock_int4": (_ints(4, -5, 10), 0.0),
        "styblinski_tang10": (_reals(10, -5.0, 5.0), 10 * st),
        "styblinski_tang_int6": (_ints(6, -5, 5), 6 * st_int),
        "branin_or_hartmann3": (
            [
                {"branch": ("cat", ["branin"]), **branin_space},
                {"branch": ("cat", ["hartmann3"]), **_reals(3, 0.0, 1.0, start=2)},
            ],
            h3 + _COND_OFFSET,
        ),
    }


def function_problems() -> list[Problem]:
    from sklearn.model_selection import KFold

    return [
        Problem(
            name,
            "function",
            space,
            lambda name=name: Function(function=name),
            _loader("dummy"),
            KFold(2),
            None,
            optimum,
        )
        for name, (space, optimum) in function_spaces().items()
    ]


# -- the split ------------------------------------------------------------------------------
def _hash(name: str) -> str:
    return hashlib.sha256(name.encode()).hexdigest()


def split(problems: list[Problem]) -> dict[str, str]:
    """name -> "dev" or "heldout", by the rule in the module docstring."""
    half = {}
    for kind in ("ml", "function"):
        names = [p.name for p in problems if p.kind == kind]
        dev = [n for n in names if n in OLD_SUITE]
        rest = sorted((n for n in names if n not in OLD_SUITE), key=_hash)
        n_dev = max(len(names) // 2 - len(dev), 0)
        for n in dev + rest[:n_dev]:
            half[n] = "dev"
        for n in rest[n_dev:]:
            half[n] = "heldout"
    return half


@cache
def all_problems() -> dict[str, Problem]:
    """Every problem by name, in a fixed order (ML first, then functions)."""
    probs = old_suite_problems() + ml_problems() + function_problems()
    halves = split(probs)
    for p in probs:
        p.notes["half"] = halves[p.name]
    return {p.name: p for p in probs}


def select(text: str) -> list[Problem]:
    """Problems named in ``text``: comma-separated names, ``dev``, ``heldout`` or ``all``."""
    probs = all_problems()
    out = []
    for item in (t for t in text.split(",") if t):
        if item == "all":
            out += list(probs.values())
        elif item in ("dev", "heldout"):
            out += [p for p in probs.values() if p.notes["half"] == item]
        elif item in probs:
            out.append(probs[item])
        else:
            raise KeyError(f"unknown problem {item!r}; choose from {list(probs)}")
    return list({p.name: p for p in out}.values())


# -- sampling and timing --------------------------------------------------------------------
def sample(space: dict | list, rng) -> dict:
    """A random point of ``space`` (search coordinates; a random branch of a list)."""
    if isinstance(space, list):
        space = space[rng.integers(len(space))]
    out = {}
    for name, spec in space.items():
        if spec[0] == "cat":
            out[name] = spec[1][rng.integers(len(spec[1]))]
        elif spec[3] == "log":
            v = math.exp(rng.uniform(math.log(spec[1]), math.log(spec[2])))
            out[name] = min(max(round(v), spec[1]), spec[2]) if spec[0] == "int" else v
        elif spec[0] == "int":
            out[name] = int(rng.integers(spec[1], spec[2] + 1))
        else:
            out[name] = float(rng.uniform(spec[1], spec[2]))
    return out


def timing(problems, n: int = 5) -> dict[str, float]:
    """Median seconds of one evaluation of each problem at ``n`` random points."""
    rng = np.random.default_rng(0)
    out = {}
    for p in problems:
        X, y = p.data()
        times = []
        for _ in range(n):
            params = sample(p.search_space(), rng)
            t0 = time.perf_counter()
            p.loss(params, X, y)
            times.append(time.perf_counter() - t0)
        out[p.name] = float(np.median(times))
    return out


def describe(p: Problem) -> str:
    dims = sorted({n for s in p.subspaces for n in s})
    kinds = sorted(
        {s[0] + ("/" + s[3] if s[0] != "cat" else "") for sp in p.subspaces for s in sp.values()}
    )
    opt = f", optimum {p.optimum:.6g}" if p.optimum is not None else ""
    return f"{len(dims)}-D ({', '.join(kinds)}){opt}"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--timing", action="store_true", help="time one evaluation")
    parser.add_argument("--problems", default="all")
    args = parser.parse_args(argv)
    probs = select(args.problems)
    times = timing(probs) if args.timing else {}
    for half in ("dev", "heldout"):
        chosen = [p for p in probs if p.notes["half"] == half]
        print(f"## {half}: {len(chosen)} problems")
        for p in chosen:
            t = f"  {times[p.name] * 1000:7.1f} ms" if p.name in times else ""
            print(f"{p.name:30s} {p.kind:8s} {describe(p)}{t}")
    if times:
        ml = [times[p.name] for p in probs if p.kind == "ml"]
        print(
            f"median evaluation: {np.median(list(times.values())) * 1000:.1f} ms overall,"
            f" {np.median(ml) * 1000:.1f} ms ML, max {max(times.values()):.2f} s"
        )


if __name__ == "__main__":
    main()
