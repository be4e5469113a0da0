"""Resuming a Bayesian search: exactly the uninterrupted run, and only the search it was for."""

import numpy as np
import pytest
from conftest import Quadratic
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold

from skopt_lite import BayesSearchCV, Categorical, Integer, Real
from skopt_lite.callbacks import CheckpointSaver

X, Y = make_classification(n_samples=40, n_features=4, random_state=0)
FAST = {"n_initial_points": 3, "acq_optimizer_kwargs": {"n_points": 200}}
COMPARED = ("params", "mean_test_score", "std_test_score", "rank_test_score")


SPACES = {
    "real": {"x": Real(-1, 1)},
    "mixed": {"x": Real(-1, 1), "k": Integer(0, 6), "c": Categorical(["a", "b", (1, 2)])},
    "subspaces": [({"x": Real(-1, 1), "c": ["a", "b"]}, 5), {"k": Integer(0, 6)}],
}


def _search(space, n_points, n_iter=10, cv=2, **kw):
    return BayesSearchCV(
        Quadratic(),
        space,
        n_iter=n_iter,
        n_points=n_points,
        cv=cv,
        random_state=0,
        optimizer_kwargs=FAST,
        **kw,
    )


class _StopAfter:
    """A callback that ends the search after ``n`` batches, by returning True or raising."""

    def __init__(self, n, how):
        self.n, self.how, self.calls = n, how, 0

    def __call__(self, result):
        self.calls += 1
        if self.calls < self.n:
            return False
        if self.how == "raise":
            raise KeyboardInterrupt("stopped by the test")
        return True


def _interrupted_then_resumed(tmp_path, space, n_points, n_batches, how):
    path = tmp_path / "ckpt.json"
    path.unlink(missing_ok=True)
    first = _search(space, n_points)
    callbacks = [CheckpointSaver(path), _StopAfter(n_batches, how)]
    if how == "raise":
        with pytest.raises(KeyboardInterrupt):
            first.fit(X, Y, callback=callbacks)
    else:
        first.fit(X, Y, callback=callbacks)
    return _search(space, n_points).fit(X, Y, callback=CheckpointSaver(path), resume_from=path)


def _assert_same_search(resumed, whole):
    for key in COMPARED:
        if key == "params":
            assert resumed.cv_results_[key] == whole.cv_results_[key]
        else:
            np.testing.assert_array_equal(resumed.cv_results_[key], whole.cv_results_[key])
    assert resumed.best_params_ == whole.best_params_
    assert resumed.best_index_ == whole.best_index_


@pytest.mark.parametrize("n_points", [1, 3])
def test_resume_after_any_stop_point_equals_the_uninterrupted_run(tmp_path, n_points):
    whole = _search(SPACES["mixed"], n_points).fit(X, Y)
    n_batches = -(-10 // n_points)
    for stop_after in range(1, n_batches):
        resumed = _interrupted_then_resumed(
            tmp_path, SPACES["mixed"], n_points, stop_after, how="return True"
        )
        _assert_same_search(resumed, whole)


@settings(max_examples=10)
@given(
    space=st.sampled_from(sorted(SPACES)),
    n_points=st.integers(1, 4),
    stop_after=st.integers(1, 9),
    how=st.sampled_from(["return True", "raise"]),
)
def test_property_resume_equals_the_uninterrupted_run(
    tmp_path_factory, space, n_points, stop_after, how
):
    stop_after = min(stop_after, _n_batches(SPACES[space], n_points) - 1)
    whole = _search(SPACES[space], n_points).fit(X, Y)
    tmp_path = tmp_path_factory.mktemp("resume")
    resumed = _interrupted_then_resumed(tmp_path, SPACES[space], n_points, stop_after, how)
    _assert_same_search(resumed, whole)


def _n_batches(space, n_points, n_iter=10):
    subspaces = space if isinstance(space, list) else [space]
    sizes = [sub[1] if isinstance(sub, tuple) else n_iter for sub in subspaces]
    return sum(-(-n // n_points) for n in sizes)


def test_resuming_a_finished_checkpoint_gives_the_same_results(tmp_path):
    path = tmp_path / "c.json"
    whole = _search(SPACES["real"], 2).fit(X, Y, callback=CheckpointSaver(path))
    again = _search(SPACES["real"], 2).fit(X, Y, resume_from=path)
    _assert_same_search(again, whole)


def test_a_checkpoint_with_more_evaluations_than_n_iter_says_so(tmp_path):
    path = tmp_path / "c.json"
    _search(SPACES["real"], 1, n_iter=6).fit(X, Y, callback=CheckpointSaver(path))
    with pytest.raises(ValueError, match="already holds 6 evaluations.*n_iter=4"):
        _search(SPACES["real"], 1, n_iter=4).fit(X, Y, resume_from=path)


def test_other_splits_are_named_even_when_n_iter_is_also_smaller(tmp_path):
    path = tmp_path / "c.json"
    _search(SPACES["real"], 1, n_iter=6).fit(X, Y, callback=CheckpointSaver(path))
    with pytest.raises(ValueError, match="cross-validation splits"):
        _search(SPACES["real"], 1, n_iter=4, cv=3).fit(X, Y, resume_from=path)


# -- checkpoints refuse the searches they were not made for --------------------------------
def _logistic(**kw):
    params = {"cv": KFold(3, shuffle=True, random_state=0), "scoring": "accuracy"}
    params.update(kw)
    return BayesSearchCV(
        LogisticRegression(max_iter=200),
        {"C": Real(1e-2, 1e2, prior="log-uniform")},
        n_iter=3,
        random_state=0,
        optimizer_kwargs={"n_initial_points": 2},
        **params,
    )


W = np.linspace(0.5, 1.5, len(Y))
CHANGES = {
    "scoring": (lambda: _logistic(scoring="roc_auc"), X, Y, {}, "the scoring"),
    "scorers": (
        lambda: _logistic(scoring=["accuracy", "roc_auc"], refit="accuracy"),
        X,
        Y,
        {},
        "the scoring",
    ),
    "train scores": (
        lambda: _logistic(return_train_score=True),
        X,
        Y,
        {},
        "return_train_score",
    ),
    "splits": (
        lambda: _logistic(cv=KFold(3, shuffle=True, random_state=1)),
        X,
        Y,
        {},
        "cross-validation splits",
    ),
    "fixed parameter": (
        lambda: _logistic().set_params(estimator=LogisticRegression(max_iter=200, tol=1e-2)),
        X,
        Y,
        {},
        r"parameters outside search_spaces differ in tol \(checkpoint: 0.0001; now: 0.01\)",
    ),
    "data": (_logistic, X * 2.0, Y, {}, "the data X"),
    "targets": (_logistic, X, 1 - Y, {}, "the targets y"),
    "fit parameters": (_logistic, X, Y, {"sample_weight": W}, "parameters passed to fit"),
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_a_checkpoint_refuses_another_search(tmp_path, change):
    path = tmp_path / "c.json"
    _logistic().fit(X, Y, callback=CheckpointSaver(path))
    make, X2, Y2, params, named = CHANGES[change]
    with pytest.raises(ValueError, match=named) as info:
        make().fit(X2, Y2, resume_from=path, **params)
    assert "start a new search" in str(info.value)


def test_the_same_search_on_the_same_data_resumes(tmp_path):
    path = tmp_path / "c.json"
    first = _logistic().fit(X, Y, callback=CheckpointSaver(path), sample_weight=W)
    again = _logistic().fit(X.copy(), Y.copy(), resume_from=path, sample_weight=W.copy())
    assert again.cv_results_["params"] == first.cv_results_["params"]


# -- nothing is left behind --------------------------------------------------------------------
class _Failing(Quadratic):
    def fit(self, X, y):
        if self.x > 0.5:
            raise RuntimeError("cannot fit")
        return super().fit(X, y)


def test_a_failed_fit_leaves_no_search_state_on_the_estimator():
    search = BayesSearchCV(
        _Failing(), {"x": Real(0.6, 1)}, n_iter=3, cv=2, error_score="raise", random_state=0
    )
    with pytest.raises(RuntimeError, match="cannot fit"):
        search.fit(X, Y)
    leftovers = {"_run", "_spaces", "_optimizers", "_last_failure", "_log", "_fit_callbacks"}
    assert not leftovers & set(vars(search))
    assert not any(isinstance(v, BaseException) for v in vars(search).values())
