"""Numerical edge cases of the optimiser and of BayesSearchCV, and long runs.

Constant objectives, values differing by 1e-12, values of magnitude 1e12 (and
near the float limit), duplicate points told, a single observation, one and
twenty dimensions, only categories, a single fixed value: never a
LinAlgError, a NaN proposal or a NumPy RuntimeWarning; proposals stay valid,
native and distinct, and the search still makes sense (it explores when it
has nothing to learn from, it still finds the optimum when the values are
tiny or huge). A long run keeps one surrogate, not one per iteration.
"""

import gc
import math
import warnings
import weakref
import zlib
from contextlib import contextmanager

import numpy as np
import pytest
from sklearn.base import BaseEstimator, ClassifierMixin

from skopt_lite import BayesSearchCV, Categorical, Integer, Optimizer, Real

NATIVE = (float, int, str, bool, type(None), tuple)


@contextmanager
def strict():
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        with np.errstate(divide="warn", over="warn", invalid="warn", under="ignore"):
            yield


SPACES = {
    "1d": lambda: [Real(0.0, 1.0)],
    "20d": lambda: [Real(0.0, 1.0) for _ in range(20)],
    "mixed": lambda: [Real(1e-6, 1e6, prior="log-uniform"), Integer(0, 50),
                      Categorical(["a", None, (1, 2)])],
    "categories": lambda: [Categorical(list("abcde")), Categorical([True, False]),
                           Categorical([None, 1, 1.0, "1"])],
    "fixed_and_real": lambda: [Categorical(["only"]), Real(-1.0, 1.0)],
}


def _base(point):
    """A smooth objective in [0, ~1] of any point, minimal near 0.3 of each range."""
    total = 0.0
    for v in point:
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            total += (len(repr(v)) % 3) / 3
        elif isinstance(v, float) and v > 0 and v > 1.5:  # the log range
            total += (math.log10(v) / 6 - 0.3) ** 2
        else:
            total += (v / (50 if isinstance(v, int) else 1) - 0.3) ** 2
    return total / len(point)


OBJECTIVES = {
    "constant": lambda p: 0.7,
    "differ_by_1e-12": lambda p: 1.0 + 1e-12 * _base(p),
    "magnitude_1e12": lambda p: 1e12 * _base(p) - 3e12,
    "near_float_max": lambda p: 1e307 * _base(p),
    "tiny": lambda p: 1e-300 * _base(p),
    "some_nan_and_inf": lambda p: [math.nan, math.inf, -math.inf, 1.0][
        zlib.crc32(repr(p).encode()) % 4
    ],
}


def _check_points(opt, points):
    for p in points:
        assert p in opt.space
        assert all(type(v) in NATIVE for v in p)
        assert all(math.isfinite(v) for v in p if isinstance(v, float))


@pytest.mark.parametrize("objective", list(OBJECTIVES))
@pytest.mark.parametrize("space", list(SPACES))
def test_edge_case_objectives_on_every_kind_of_space(space, objective):
    f = OBJECTIVES[objective]
    acq = ["gp_hedge", "EI", "PI", "LCB"][(len(space) + len(objective)) % 4]
    opt = Optimizer(SPACES[space](), n_initial_points=4, acq_func=acq, random_state=0,
                    acq_optimizer_kwargs={"n_points": 300, "n_restarts_optimizer": 2})
    asked = []
    with strict():
        for i in range(7):
            points = opt.ask(2) if i % 3 == 2 else ([opt.ask()] if not opt.exhausted else [])
            if not points:
                break
            _check_points(opt, points)
            asked += points
            opt.tell(points, [f(p) for p in points])
        if opt.models:  # the surrogate predicts finite values everywhere
            U = opt._encoder.sample(50, np.random.RandomState(0))
            mean, std = opt.models[0].predict(opt._encoder.encode(U), return_std=True)
            assert np.all(np.isfinite(mean)) and np.all(np.isfinite(std)) and np.all(std >= 0)
    keys = [opt._encoder.point_key(p) for p in asked]
    assert len(keys) == len(set(keys))  # never a repeat
    assert len(asked) == min(9, opt.space.size)
    assert len(opt.models) <= 1
    result = opt.get_result()
    assert result.func_vals.shape == (len(asked),)
    finite = result.func_vals[np.isfinite(result.func_vals)]
    if finite.size:
        assert result.x in asked and result.fun == finite.min()
    else:
        assert result.x is None and math.isnan(result.fun)


@pytest.mark.parametrize("space", ["1d", "20d"])
def test_constant_objective_falls_back_to_exploring(space):
    opt = Optimizer(SPACES[space](), n_initial_points=3, random_state=1,
                    acq_optimizer_kwargs={"n_points": 300})
    with strict():
        for _ in range(12):
            opt.tell(opt.ask(), 0.5)
    U = opt.space.transform(opt.Xi[3:])  # the model-based proposals
    # nothing to exploit: the proposals spread out instead of piling up
    assert np.all(U.std(axis=0) > 0.05)
    dist = np.sqrt(((U[:, None, :] - U[None, :, :]) ** 2).sum(-1))[np.triu_indices(len(U), 1)]
    assert dist.min() > 1e-3


@pytest.mark.parametrize(
    "transform",
    [lambda y: y, lambda y: 1.0 + 1e-12 * y, lambda y: 1e12 * y + 1e12, lambda y: 1e-250 * y],
    ids=["plain", "differ_by_1e-12", "magnitude_1e12", "tiny"],
)
def test_tiny_differences_and_huge_magnitudes_still_find_the_optimum(transform):
    opt = Optimizer([Real(-1.0, 1.0)], n_initial_points=4, random_state=0)
    with strict():
        for _ in range(14):
            x = opt.ask()
            opt.tell(x, transform((x[0] - 0.3) ** 2))
    assert abs(opt.get_result().x[0] - 0.3) < 0.05


def test_duplicate_points_told_and_a_single_observation():
    opt = Optimizer([Real(0.0, 1.0), Integer(0, 3)], n_initial_points=1, random_state=0,
                    acq_optimizer_kwargs={"n_points": 300})
    with strict():
        opt.tell([0.5, 2], 1.0)  # one observation: the model is fitted on it
        assert len(opt.models) == 1
        first = opt.ask()
        _check_points(opt, [first])
        assert first != [0.5, 2]
        # the same point again and again, with contradicting values
        for y in (0.0, 2.0, 1.0, 1.0, np.float64(1.0), 3):
            opt.tell([0.5, 2], y)
        opt.tell([[0.5, 2], [0.5, 2]], [0.5, 1.5])
        batch = opt.ask(4)
    _check_points(opt, batch)
    keys = {opt._encoder.point_key(p) for p in batch + [first]}
    assert len(keys) == 5 and (0.5, 2) not in keys
    assert opt.Xi.count([0.5, 2]) == 9 and len(opt.yi) == 9
    assert opt.get_result().fun == 0.0


def test_an_only_fixed_value_space():
    for fixed in (["only"], [None], [np.nan], [{"a": [1]}], [np.array([1, 2])]):
        opt = Optimizer([Categorical(fixed)], random_state=0)
        point = opt.ask()
        assert point[0] is opt.space.dimensions[0].categories[0]
        assert opt.exhausted and opt.ask(2) == []
        with pytest.raises(ValueError, match="exhausted"):
            opt.ask()
        result = opt.tell(point, 1.0)
        assert result.x == point and result.models == []  # nothing to model


# ---------------------------------------------------------------------------
# the same through BayesSearchCV
# ---------------------------------------------------------------------------
class Scored(ClassifierMixin, BaseEstimator):
    """Score ``offset + scale * -(x - 0.3)**2`` (plus ``c``'s share)."""

    def __init__(self, x=0.0, c="a", k=0, scale=1.0, offset=0.0):
        self.x, self.c, self.k = x, c, k
        self.scale, self.offset = scale, offset

    def fit(self, X, y):
        self.classes_ = np.unique(y)
        return self

    def score(self, X, y):
        base = -((self.x - 0.3) ** 2) - (self.c != "b") / 10 - abs(self.k - 1) / 20
        return self.offset + self.scale * base


X = np.arange(16, dtype=float).reshape(8, 2)
Y = np.arange(8) % 2


@pytest.mark.parametrize(
    "scale, offset",
    [(0.0, 0.8), (1e-12, 1.0), (1e12, -5e12), (1e300, 0.0)],
    ids=["constant", "differ_by_1e-12", "magnitude_1e12", "near_float_max"],
)
def test_bayes_search_with_degenerate_scores(scale, offset):
    space = {"x": Real(0.0, 1.0), "c": ["a", "b", "c"], "k": Integer(0, 3)}
    search = BayesSearchCV(Scored(scale=scale, offset=offset), space, n_iter=12, n_points=2,
                           cv=2, random_state=0, optimizer_kwargs={"n_initial_points": 4})
    with strict():
        search.fit(X, Y)
    params = search.cv_results_["params"]
    assert len({(p["x"], p["c"], p["k"]) for p in params}) == 12
    assert all(type(p["x"]) is float and type(p["k"]) is int for p in params)
    scores = search.cv_results_["mean_test_score"]
    assert np.all(np.isfinite(scores)) and search.best_score_ == scores.max()
    result = search.optimizer_results_[0]
    np.testing.assert_array_equal(result.func_vals, -scores)  # told exactly what was scored
    assert result.fun == -search.best_score_
    assert dict(zip(result.space.names, result.x)) == search.best_params_
    if scale == 0.0:
        assert np.all(scores == offset)
    else:
        assert len(set(scores)) > 6  # differences of 1e-12 are not lost


def test_bayes_search_decisions_do_not_depend_on_the_units_of_the_score():
    space = {"x": Real(0.0, 1.0), "c": ["a", "b", "c"], "k": Integer(0, 3)}
    runs = []
    for scale, offset in [(1e12, -5e12), (1e300, 0.0), (1e8, 7.0)]:
        search = BayesSearchCV(Scored(scale=scale, offset=offset), space, n_iter=10,
                               cv=2, random_state=3, optimizer_kwargs={"n_initial_points": 4})
        with strict():
            search.fit(X, Y)
        runs.append(search.cv_results_["params"])
    # scores are standardised before the model sees them (xi=0.01 is negligible here).
    # The scaled scores themselves round differently (1e12 * s - 5e12 keeps ~4 fewer
    # digits), so L-BFGS-B may stop a little elsewhere: seen up to 1.2e-3 apart with
    # SciPy 1.9; a different decision would be far more than 1e-2 away.
    for params in runs[1:]:
        assert [(p["c"], p["k"]) for p in params] == [(p["c"], p["k"]) for p in runs[0]]
        np.testing.assert_allclose([p["x"] for p in params], [p["x"] for p in runs[0]],
                                   atol=1e-2)


def test_bayes_search_over_fixed_values_only():
    space = {"c": Categorical(["b"]), "k": [1]}
    search = BayesSearchCV(Scored(), space, n_iter=5, cv=2, random_state=0)
    with strict(), pytest.warns(UserWarning, match="all were evaluated"):
        search.fit(X, Y)
    assert search.cv_results_["params"] == [{"c": "b", "k": 1}]
    assert search.best_params_ == {"c": "b", "k": 1}


# ---------------------------------------------------------------------------
# long runs: no state that grows per iteration
# ---------------------------------------------------------------------------
def _sizes(opt):
    sizes = {}
    for name, value in vars(opt).items():
        if isinstance(value, (list, dict, set, tuple, np.ndarray)):
            sizes[name] = len(value)
    return sizes


def test_a_long_run_keeps_one_surrogate_and_no_per_iteration_state():
    opt = Optimizer([Real(-1.0, 1.0) for _ in range(10)], n_initial_points=10, random_state=0)
    early_model = None
    with strict():
        for i in range(70):
            x = opt.ask()
            result = opt.tell(x, float(np.sum(np.square(np.asarray(x) - 0.2))))
            assert len(result.models) <= 1 and len(opt.models) <= 1
            if i == 20:
                early_model = weakref.ref(opt.models[0])
                early_sizes = _sizes(opt)
    late_sizes = _sizes(opt)
    grown = {k for k in late_sizes if late_sizes[k] != early_sizes.get(k)}
    # only the told points (and their unit-cube rows and keys) grow
    assert grown <= {"Xi", "yi", "_told_U", "_told_keys"}, grown
    assert len(opt.Xi) == len(opt.yi) == len(opt._told_U) == 70
    assert opt._pending == {}
    assert len(opt.models[0].X_train_) == 70
    del result
    gc.collect()
    assert early_model() is None  # the surrogate of iteration 20 is gone
    # still learning: well below the best point of the initial design. Not a fixed
    # value: about one seed in sixteen keeps a poor GP fit for tens of steps (a warm
    # start with length scales at their bound) and ends at 0.1-0.5 of that best
    # instead of near 0.002, and which seed does depends on BLAS rounding (this one
    # under OpenBLAS 0.3.20's generic kernels; docs/benchmarks.rst, exp-isostart).
    result = opt.get_result()
    assert result.fun < 0.6 * np.min(result.func_vals[:10])
