"""Misbehaving estimators: the search records the failures (as scikit-learn does) or raises
the documented error, and BayesSearchCV keeps optimising around them.

Covered for the four searches wherever it applies: fits raising in part of the
space, everywhere, or on some folds only; scores raising, NaN, +-inf, NumPy
scalars, Python ints or not numbers at all; an estimator that cannot be
pickled for n_jobs=2. (Deadlines: test_bayes_search.py's timeout test.)
"""

import pickle
import threading
import warnings

import numpy as np
import pytest
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.exceptions import FitFailedWarning

from skopt_lite import (
    BayesSearchCV,
    ExhaustiveSearchCV,
    GridSearchCV,
    RandomSearchCV,
    Real,
)

X = np.arange(16, dtype=float).reshape(8, 2)
Y = np.arange(8) % 2
KINDS = ["exhaustive", "grid", "random", "bayes"]
XS = [0.1, 0.3, 0.6, 0.9]  # the candidates of the finite searches


class Moody(ClassifierMixin, BaseEstimator):
    """Scores ``-(x - 0.3)**2``; above ``x = 0.5`` it misbehaves as ``mode`` says.

    ``fail``: fit raises; ``fail_fold``: fit raises on the fold whose training
    rows include row 0 (never on the full data, so the refit works);
    ``score_raises``: score raises; ``nan``, ``inf``, ``-inf``: score is that;
    ``none``: score returns None. ``everywhere`` applies the mode to every x.
    ``kind`` sets the type of good scores: ``float``, ``int`` (Python int) or
    ``numpy`` (np.float32).
    """

    def __init__(self, x=0.0, mode="ok", everywhere=False, kind="float"):
        self.x = x
        self.mode = mode
        self.everywhere = everywhere
        self.kind = kind

    def _bad(self):
        return self.everywhere or self.x > 0.5

    def fit(self, X, y):
        if self._bad() and self.mode == "fail":
            raise RuntimeError("deliberate failure")
        if self._bad() and self.mode == "fail_fold" and len(X) < 8 and X[:, 0].min() == 0:
            raise KeyError("fails on one fold")
        self.classes_ = np.unique(y)
        return self

    def predict(self, X):
        return np.full(len(X), self.classes_[0])

    def score(self, X, y):
        if self._bad():
            if self.mode == "score_raises":
                raise ZeroDivisionError("deliberate scoring failure")
            if self.mode in ("nan", "inf", "-inf"):
                return float(self.mode)
            if self.mode == "none":
                return None
        value = -((self.x - 0.3) ** 2)
        if self.kind == "int":
            return int(round(value * 100))
        if self.kind == "numpy":
            return np.float32(value)
        return value


def _search(kind, estimator, **kw):
    kw.setdefault("cv", 2)
    if kind == "exhaustive":
        return ExhaustiveSearchCV(estimator, {"x": XS}, **kw)
    if kind == "grid":
        return GridSearchCV(estimator, {"x": Real(0.1, 0.9)}, n_points=5, **kw)
    space = {"x": Real(0.0, 1.0)}
    if kind == "random":
        return RandomSearchCV(estimator, space, n_iter=8, random_state=1, **kw)
    kw.setdefault("n_iter", 10)
    return BayesSearchCV(
        estimator, space, random_state=0, optimizer_kwargs={"n_initial_points": 4}, **kw
    )


def _fit(search):
    """Fit with NumPy's RuntimeWarnings as errors; return the other warnings' categories."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        warnings.simplefilter("error", RuntimeWarning)
        # scikit-learn's FitFailedWarning subclasses RuntimeWarning: it is expected
        warnings.simplefilter("always", FitFailedWarning)
        search.fit(X, Y)
    return {w.category for w in caught}


def _xs(search):
    return np.array([p["x"] for p in search.cv_results_["params"]])


# ---------------------------------------------------------------------------
# failures recorded as scikit-learn records them
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("mode", ["fail", "score_raises", "nan"])
def test_failures_in_part_of_the_space_are_recorded(kind, mode):
    search = _search(kind, Moody(mode=mode))
    categories = _fit(search)
    res = search.cv_results_
    xs = _xs(search)
    bad = xs > 0.5
    assert bad.any() and (~bad).any()
    np.testing.assert_array_equal(np.isnan(res["mean_test_score"]), bad)
    np.testing.assert_allclose(res["mean_test_score"][~bad], -((xs[~bad] - 0.3) ** 2))
    assert search.best_params_["x"] <= 0.5 and np.isfinite(search.best_score_)
    assert np.all(res["rank_test_score"][bad] > res["rank_test_score"][~bad].max())
    if mode == "fail":
        assert FitFailedWarning in categories
    if mode != "nan":
        # scikit-learn's own warning about the failures, not a numpy one
        assert categories & {FitFailedWarning, UserWarning}
    assert search.best_estimator_.x == search.best_params_["x"]


@pytest.mark.parametrize("kind", KINDS)
def test_failures_on_some_folds_only_make_the_mean_nan(kind):
    search = _search(kind, Moody(mode="fail_fold"))
    _fit(search)
    res = search.cv_results_
    bad = _xs(search) > 0.5
    assert bad.any() and (~bad).any()
    # KFold(2): the second fold trains on rows 0-3 and is the one that fails
    assert np.all(np.isfinite(res["split0_test_score"]))
    np.testing.assert_array_equal(np.isnan(res["split1_test_score"]), bad)
    np.testing.assert_array_equal(np.isnan(res["mean_test_score"]), bad)
    assert search.best_params_["x"] <= 0.5


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("mode", ["fail", "fail_fold"])
def test_every_fit_failing_raises_or_records_like_sklearn(kind, mode):
    search = _search(kind, Moody(mode=mode, everywhere=True))
    if mode == "fail":
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FitFailedWarning)
            warnings.simplefilter("ignore", UserWarning)
            with pytest.raises(ValueError, match=r"All the \d+ fits failed"):
                search.fit(X, Y)
        assert not hasattr(search, "best_params_")
        return
    # Half the fits of every candidate fail: recorded, the search finishes.
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        warnings.simplefilter("ignore", FitFailedWarning)
        warnings.simplefilter("ignore", UserWarning)
        search.fit(X, Y)
    res = search.cv_results_
    assert np.all(np.isnan(res["mean_test_score"]))
    assert np.all(np.isfinite(res["split0_test_score"]))
    assert hasattr(search, "best_estimator_")


@pytest.mark.parametrize("kind", KINDS)
def test_error_score_raise_surfaces_the_estimators_own_error(kind):
    search = _search(kind, Moody(mode="fail"), error_score="raise")
    with pytest.raises(RuntimeError, match="deliberate failure"):
        search.fit(X, Y)
    search = _search(kind, Moody(mode="score_raises"), error_score="raise")
    with pytest.raises(ZeroDivisionError, match="deliberate scoring failure"):
        search.fit(X, Y)


@pytest.mark.parametrize("kind", KINDS)
def test_a_score_that_is_not_a_number_raises_sklearns_error(kind):
    search = _search(kind, Moody(mode="none"))
    with pytest.raises(ValueError, match="scoring must return a number"):
        search.fit(X, Y)


# ---------------------------------------------------------------------------
# odd score values
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("mode", ["inf", "-inf"])
def test_infinite_scores_are_kept_without_numpy_warnings(kind, mode):
    search = _search(kind, Moody(mode=mode))
    categories = _fit(search)  # RuntimeWarnings are errors in here
    assert UserWarning in categories  # sklearn: "One or more of the test scores are non-finite"
    res = search.cv_results_
    bad = _xs(search) > 0.5
    assert bad.any() and (~bad).any()
    assert np.all(res["mean_test_score"][bad] == float(mode))
    assert np.all(np.isnan(res["std_test_score"][bad]))  # inf - inf: undefined, as in sklearn
    assert np.all(np.isfinite(res["mean_test_score"][~bad]))
    if mode == "inf":
        assert search.best_score_ == np.inf and search.best_params_["x"] > 0.5
    else:
        assert np.isfinite(search.best_score_) and search.best_params_["x"] <= 0.5


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("score_kind", ["int", "numpy"])
def test_integer_and_numpy_scores(kind, score_kind):
    search = _search(kind, Moody(kind=score_kind))
    _fit(search)
    res = search.cv_results_
    assert res["mean_test_score"].dtype == np.float64
    expected = -((_xs(search) - 0.3) ** 2)
    if score_kind == "int":
        expected = np.round(expected * 100)
    np.testing.assert_allclose(res["mean_test_score"], expected, rtol=1e-6, atol=1e-7)
    assert search.best_score_ == np.max(res["mean_test_score"])
    if kind == "bayes":
        # the optimiser was told plain floats, equal to the reported scores
        result = search.optimizer_results_[0]
        assert result.func_vals.dtype == np.float64
        np.testing.assert_array_equal(result.func_vals, -res["mean_test_score"])


def test_bayes_keeps_optimising_around_minus_inf_and_failing_folds():
    for mode in ("-inf", "fail_fold", "score_raises"):
        search = _search("bayes", Moody(mode=mode), n_iter=16)
        _fit(search)
        xs = _xs(search)
        assert len(xs) == 16 and len(set(xs)) == 16
        # after the 4 design points the optimiser mostly stays where scores are finite
        assert np.mean(xs[4:] > 0.5) <= 0.25, (mode, xs)
        assert abs(search.best_params_["x"] - 0.3) < 0.1
        result = search.optimizer_results_[0]
        assert np.isfinite(result.fun) and result.fun == -search.best_score_


# ---------------------------------------------------------------------------
# an estimator that cannot be pickled, with n_jobs=2
# ---------------------------------------------------------------------------
class Unpicklable(Moody):
    """Holds a lock: fine in one process, cannot be sent to a worker."""

    def __init__(self, x=0.0, mode="ok", everywhere=False, kind="float"):
        super().__init__(x=x, mode=mode, everywhere=everywhere, kind=kind)
        self._lock = threading.Lock()


@pytest.mark.parametrize("kind", KINDS)
def test_an_unpicklable_estimator_with_two_jobs_fails_fast_and_clearly(kind):
    with pytest.raises(TypeError):
        pickle.dumps(Unpicklable())
    search = _search(kind, Unpicklable(), n_jobs=2)
    outcome = {}

    def run():
        try:
            search.fit(X, Y)
        except BaseException as exc:  # noqa: BLE001 - reported to the test thread
            outcome["error"] = exc

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(timeout=60)
    assert not worker.is_alive(), "the search hangs instead of failing"
    error = outcome.get("error")
    assert isinstance(error, pickle.PicklingError), repr(error)
    assert "pickle" in str(error)
    assert not hasattr(search, "cv_results_")
    # the same estimator works in one process
    assert len(_search(kind, Unpicklable(), n_jobs=1).fit(X, Y).cv_results_["params"]) >= 4
