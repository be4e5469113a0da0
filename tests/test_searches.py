"""The three searches used the way a scikit-learn user uses a search estimator.

Where scikit-learn has a counterpart (GridSearchCV for ExhaustiveSearchCV and
GridSearchCV, RandomizedSearchCV for RandomSearchCV) the results are compared
with it rather than with numbers written down here.
"""

import copy
import pickle
import warnings

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.datasets import make_classification
from sklearn.exceptions import FitFailedWarning
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV as SkGridSearchCV
from sklearn.model_selection import GroupKFold, RandomizedSearchCV, cross_val_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

from skopt_lite import (
    Categorical,
    ExhaustiveSearchCV,
    GridSearchCV,
    Integer,
    RandomSearchCV,
    Real,
    Space,
)

X, Y = make_classification(n_samples=60, n_features=4, random_state=0)
N_ITER = 4


def ours(kind, estimator, space, **kw):
    """One of the three searches; RandomSearchCV with a fixed seed."""
    if kind == "exhaustive":
        return ExhaustiveSearchCV(estimator, space, **kw)
    if kind == "grid":
        return GridSearchCV(estimator, space, **kw)
    kw.setdefault("n_iter", N_ITER)
    kw.setdefault("random_state", 0)
    return RandomSearchCV(estimator, space, **kw)


def theirs(kind, estimator, space, **kw):
    """scikit-learn's counterpart of ``ours(kind, ...)``."""
    if kind in ("exhaustive", "grid"):
        return SkGridSearchCV(estimator, space, **kw)
    kw.setdefault("n_iter", N_ITER)
    kw.setdefault("random_state", 0)
    return RandomizedSearchCV(estimator, space, **kw)


KINDS = ["exhaustive", "grid", "random"]
kinds = pytest.mark.parametrize("kind", KINDS)


def assert_same_results(a, b):
    """Same candidates, scores and ranks (timings aside)."""
    ra, rb = a.cv_results_, b.cv_results_
    assert ra["params"] == rb["params"]
    keys = sorted(k for k in rb if "_test_" in k or "_train_" in k)
    assert keys == sorted(k for k in ra if "_test_" in k or "_train_" in k)
    for k in keys:
        np.testing.assert_allclose(ra[k], rb[k], rtol=1e-12, err_msg=k)


class Spy(ClassifierMixin, BaseEstimator):
    """A cheap classifier that accepts anything for ``a``..``d``.

    ``fit`` checks that every parameter is a native Python object (never a
    NumPy scalar), and fails on purpose when ``fail`` is True. Its score
    depends on ``a`` (the larger the better when it is a number) and on
    whether training and test rows share a group (the first feature holds the
    group id): 0 if they do, so leaking groups shows in the scores.
    """

    def __init__(self, a=None, b=None, c=None, d=None, fail=False):
        self.a = a
        self.b = b
        self.c = c
        self.d = d
        self.fail = fail

    def fit(self, X, y):
        for name, value in self.get_params().items():
            if isinstance(value, np.generic):
                raise TypeError(f"{name}={value!r} is a NumPy scalar")
        if self.fail:
            raise ValueError("deliberate failure")
        self.classes_ = np.unique(y)
        self.train_groups_ = set(np.asarray(X)[:, 0].tolist())
        return self

    def predict(self, X):
        return np.full(len(X), self.classes_[0])

    def score(self, X, y=None, sample_weight=None):
        if set(np.asarray(X)[:, 0].tolist()) & self.train_groups_:
            return 0.0
        return float(self.a) if isinstance(self.a, (int, float)) else 1.0


def distinct_rows(n=30):
    """Data whose first column is unique per row (so no row 'leaks')."""
    rng = np.random.RandomState(0)
    return np.column_stack([np.arange(n), rng.normal(size=n)]), np.arange(n) % 2


# ---------------------------------------------------------------------------
# scikit-learn workflows
# ---------------------------------------------------------------------------
PIPE_SPACE = {"clf__C": [0.01, 1.0, 100.0], "scale__with_mean": [True, False]}


def pipeline():
    return Pipeline([("scale", StandardScaler()), ("clf", LogisticRegression())])


@kinds
def test_pipeline_step_parameters(kind):
    search = ours(kind, pipeline(), PIPE_SPACE, cv=3).fit(X, Y)
    reference = theirs(kind, pipeline(), PIPE_SPACE, cv=3).fit(X, Y)
    assert_same_results(search, reference)
    assert search.best_params_ == reference.best_params_
    best = search.best_estimator_
    assert best.named_steps["clf"].C == search.best_params_["clf__C"]
    assert best.named_steps["scale"].with_mean == search.best_params_["scale__with_mean"]
    np.testing.assert_array_equal(search.predict(X), reference.predict(X))


@pytest.mark.parametrize(
    "kind, space, plain",
    [
        # Integer(50, 52) is 50, 51, 52
        (
            "exhaustive",
            {"clf__max_iter": Integer(50, 52), "clf__C": Categorical([0.1, 10.0])},
            {"clf__max_iter": [50, 51, 52], "clf__C": [0.1, 10.0]},
        ),
        # three log-spaced points over four decades: 1e-2, 1, 1e2
        (
            "grid",
            {"clf__C": Real(1e-2, 1e2, prior="log-uniform"), "scale__with_std": [True, False]},
            {"clf__C": [0.01, 1.0, 100.0], "scale__with_std": [True, False]},
        ),
    ],
)
def test_pipeline_with_skopt_dimensions(kind, space, plain):
    search = ours(kind, pipeline(), space, cv=2, **({"n_points": 3} if kind == "grid" else {}))
    reference = theirs(kind, pipeline(), plain, cv=2)
    assert_same_results(search.fit(X, Y), reference.fit(X, Y))
    best = search.best_estimator_.named_steps["clf"]
    assert best.C == search.best_params_["clf__C"] == reference.best_params_["clf__C"]


def test_random_pipeline_with_skopt_dimensions():
    space = {"clf__C": Real(1e-2, 1e2, prior="log-uniform"), "clf__max_iter": Integer(50, 60)}
    search = RandomSearchCV(pipeline(), space, n_iter=5, random_state=0, cv=2).fit(X, Y)
    params = search.cv_results_["params"]
    assert len(params) == 5
    assert all(p in Space(space) for p in params)
    assert [type(p["clf__C"]) for p in params] == [float] * 5
    best = search.best_estimator_.named_steps["clf"]
    assert (best.C, best.max_iter) == (
        search.best_params_["clf__C"], search.best_params_["clf__max_iter"]
    )


@kinds
def test_nested_in_cross_val_score(kind):
    space = {"C": [0.01, 0.1, 1.0, 100.0]}
    scores = cross_val_score(ours(kind, LogisticRegression(), space, cv=2), X, Y, cv=3)
    expected = cross_val_score(theirs(kind, LogisticRegression(), space, cv=2), X, Y, cv=3)
    assert scores.shape == (3,)
    np.testing.assert_allclose(scores, expected)


@kinds
def test_clone(kind):
    space = {"C": [0.1, 1.0], "fit_intercept": [True, False]}
    search = ours(kind, LogisticRegression(), space, cv=2)
    cloned = clone(search)
    assert type(cloned) is type(search) and cloned is not search
    params, cloned_params = search.get_params(deep=False), cloned.get_params(deep=False)
    assert params.keys() == cloned_params.keys()
    for key, value in params.items():
        if key != "estimator":
            other = cloned_params[key]
            assert other == value or (value != value and other != other), key  # nan
    assert cloned.estimator.get_params() == search.estimator.get_params()
    # a clone of a fitted search is unfitted
    search.fit(X, Y)
    assert not hasattr(clone(search), "cv_results_")


@kinds
def test_pickle_round_trip_of_fitted_search(kind):
    space = {"C": [0.01, 1.0, 100.0], "fit_intercept": [True, False]}
    search = ours(kind, LogisticRegression(), space, cv=2).fit(X, Y)
    restored = pickle.loads(pickle.dumps(search))
    np.testing.assert_array_equal(restored.predict(X), search.predict(X))
    np.testing.assert_array_equal(restored.predict_proba(X), search.predict_proba(X))
    assert restored.best_params_ == search.best_params_
    assert restored.cv_results_["params"] == search.cv_results_["params"]
    np.testing.assert_array_equal(
        restored.cv_results_["mean_test_score"], search.cv_results_["mean_test_score"]
    )


@kinds
def test_skopt_dimensions_survive_clone_and_pickle(kind):
    if kind == "exhaustive":
        space = {"a": Integer(1, 3), "b": Categorical(["x", (10, 10)])}
    else:
        space = {"a": Real(1, 3), "b": Categorical(["x", (10, 10)])}
    search = ours(kind, Spy(), space, cv=2)
    first = search.fit(*distinct_rows()).cv_results_["params"]
    again = clone(search).fit(*distinct_rows()).cv_results_["params"]
    restored = pickle.loads(pickle.dumps(search)).fit(*distinct_rows()).cv_results_["params"]
    assert first == again == restored


# ---------------------------------------------------------------------------
# scoring and refit
# ---------------------------------------------------------------------------
MULTI = {"acc": "accuracy", "nll": "neg_log_loss"}
SPACE_C = {"C": [0.01, 0.1, 1.0, 100.0]}


def last_of_best_acc(cv_results):
    """A refit callable: the *last* candidate ranked first on accuracy."""
    return int(np.flatnonzero(cv_results["rank_test_acc"] == 1)[-1])


@kinds
@pytest.mark.parametrize("refit", ["nll", "acc", last_of_best_acc, False])
def test_multimetric_scoring(kind, refit):
    kw = dict(scoring=MULTI, refit=refit, cv=3)
    search = ours(kind, LogisticRegression(), SPACE_C, **kw).fit(X, Y)
    reference = theirs(kind, LogisticRegression(), SPACE_C, **kw).fit(X, Y)
    assert search.multimetric_ and set(search.scorer_) == set(MULTI)
    assert_same_results(search, reference)
    for name in MULTI:
        assert f"rank_test_{name}" in search.cv_results_
    if refit is False:
        assert not hasattr(search, "best_estimator_")
        for fitted in (search, reference):  # as scikit-learn: no predict without refit
            with pytest.raises(AttributeError, match="predict"):
                fitted.predict(X)
        return
    assert search.best_index_ == reference.best_index_
    assert search.best_params_ == reference.best_params_
    if callable(refit):
        assert search.best_index_ == last_of_best_acc(search.cv_results_)
        assert not hasattr(search, "best_score_") and not hasattr(reference, "best_score_")
    else:
        ranks = search.cv_results_[f"rank_test_{refit}"]
        assert search.best_index_ == int(np.flatnonzero(ranks == 1)[0])  # first of ties
        assert search.best_score_ == search.cv_results_[f"mean_test_{refit}"][search.best_index_]
    np.testing.assert_array_equal(search.predict(X), reference.predict(X))


@kinds
def test_multimetric_needs_refit_to_name_a_metric(kind):
    search = ours(kind, LogisticRegression(), SPACE_C, scoring=MULTI, refit=True, cv=2)
    with pytest.raises(ValueError, match="refit"):
        search.fit(X, Y)


@kinds
def test_scoring_string_and_train_scores(kind):
    kw = dict(scoring="balanced_accuracy", return_train_score=True, cv=3)
    search = ours(kind, LogisticRegression(), SPACE_C, **kw).fit(X, Y)
    reference = theirs(kind, LogisticRegression(), SPACE_C, **kw).fit(X, Y)
    assert "mean_train_score" in search.cv_results_
    assert_same_results(search, reference)


# ---------------------------------------------------------------------------
# failing fits
# ---------------------------------------------------------------------------
FAIL_SPACE = {"fail": [False, True], "a": [1, 2]}


@kinds
@pytest.mark.parametrize("error_score", [np.nan, -1.0])
@pytest.mark.filterwarnings("ignore:One or more of the test scores are non-finite")
def test_error_score_numeric(kind, error_score):
    Xd, yd = distinct_rows()
    search = ours(kind, Spy(), FAIL_SPACE, cv=2, error_score=error_score)
    with pytest.warns(FitFailedWarning, match="deliberate failure"):
        search.fit(Xd, yd)
    results = search.cv_results_
    failed = np.array([p["fail"] for p in results["params"]])
    assert failed.sum() == 2 and (~failed).sum() == 2
    for split in ("split0_test_score", "split1_test_score", "mean_test_score"):
        np.testing.assert_array_equal(results[split][failed], error_score)
        # the others scored a, from the Spy's score
        expected = [p["a"] for p in results["params"] if not p["fail"]]
        np.testing.assert_array_equal(results[split][~failed], expected)
    assert search.best_params_ == {"fail": False, "a": 2}
    assert results["rank_test_score"][failed].min() > results["rank_test_score"][~failed].max()


# ---------------------------------------------------------------------------
# groups, results as a DataFrame
# ---------------------------------------------------------------------------
@kinds
def test_groups_reach_the_splitter(kind):
    n = 30
    groups = np.arange(n) % 6  # six groups of five interleaved rows
    Xg = np.column_stack([groups, np.random.RandomState(0).normal(size=n)])
    yg = np.arange(n) % 2
    space = {"a": [1, 2, 3]}
    extra = {"n_iter": 3} if kind == "random" else {}
    search = ours(kind, Spy(), space, cv=GroupKFold(n_splits=3), **extra)
    search.fit(Xg, yg, groups=groups)
    # a fold that shared a group between training and test would score 0
    results = search.cv_results_
    expected = [p["a"] for p in results["params"]]
    for split in range(3):
        np.testing.assert_array_equal(results[f"split{split}_test_score"], expected)
    with pytest.raises(ValueError, match="groups"):
        clone(search).fit(Xg, yg)
    # the Spy does notice leaks: splitting rows without groups mixes them
    leaky = clone(search).set_params(cv=3).fit(Xg, yg)
    assert np.all(leaky.cv_results_["mean_test_score"] == 0)


@kinds
def test_cv_results_as_dataframe(kind):
    space = {"C": [0.1, 1.0], "fit_intercept": [True, False]}
    search = ours(kind, LogisticRegression(), space, cv=2, return_train_score=True).fit(X, Y)
    frame = pd.DataFrame(search.cv_results_)
    assert len(frame) == len(search.cv_results_["params"]) == 4
    for column in ("params", "param_C", "param_fit_intercept", "mean_test_score",
                   "rank_test_score", "mean_train_score", "mean_fit_time"):
        assert column in frame.columns
    assert frame["param_C"].tolist() == [p["C"] for p in frame["params"]]
    best = frame.loc[frame["rank_test_score"] == 1, "params"].iloc[0]
    assert best == search.best_params_


@kinds
def test_search_space_is_not_mutated(kind):
    real = Real(0.1, 10, prior="log-uniform") if kind != "exhaustive" else Integer(1, 3)
    values = [1, 2, (3, 4)]
    space = [{"a": real, "b": values}, {"c": ["x", "y"]}]
    snapshot = copy.deepcopy(space)
    ours(kind, Spy(), space, cv=2).fit(*distinct_rows())
    assert repr(space) == repr(snapshot)
    assert space[0]["a"] is real and real.name is None
    assert space[0]["b"] is values and values == [1, 2, (3, 4)]


# ---------------------------------------------------------------------------
# native values
# ---------------------------------------------------------------------------
NATIVE_SPACES = {
    "exhaustive": {
        "a": np.array([1, 2]),
        "b": Integer(1, 2),
        "c": np.array([0.5, 1.5]),
        "d": np.array(["x", "y"]),
    },
    "grid": {
        "a": np.arange(2),
        "b": Real(0.1, 1, prior="log-uniform"),
        "c": Integer(1, 5),
        "d": np.array([True, False]),
    },
    "random": {
        "a": np.arange(3),
        "b": stats.uniform(0, 1),
        "c": stats.randint(1, 5),
        "d": Real(0, 1),
    },
}


@kinds
def test_estimators_get_native_python_values(kind):
    space = NATIVE_SPACES[kind]
    # Spy.fit raises TypeError for a NumPy scalar; "raise" makes that fatal
    search = ours(kind, Spy(), space, cv=2, error_score="raise").fit(*distinct_rows())
    for params in search.cv_results_["params"] + [search.best_params_]:
        assert set(params) == {"a", "b", "c", "d"}
        assert not any(isinstance(v, np.generic) for v in params.values())
    types = {k: type(v) for k, v in search.cv_results_["params"][0].items()}
    if kind == "random":
        assert types == {"a": int, "b": float, "c": int, "d": float}
    else:
        assert types["a"] is int and types["b"] in (int, float)


# ---------------------------------------------------------------------------
# GridSearchCV: cutting ranges into grids
# ---------------------------------------------------------------------------
def grid_values(search, name):
    return sorted({p[name] for p in search.cv_results_["params"]})


DECADES = [1e-2, 1e-1, 1.0, 1e1, 1e2]


@pytest.mark.parametrize(
    "n_points, step, expected_a, expected_b",
    [
        # a: log-uniform over 4 decades; b: uniform on [0, 1]
        # 5 points: one per decade for a, quarters for b
        (5, None, DECADES, [0.0, 0.25, 0.5, 0.75, 1.0]),
        (3, None, [1e-2, 1.0, 1e2], [0.0, 0.5, 1.0]),
        # a global step: in decades for a (log prior), in units for b
        (5, 2, [1e-2, 1.0, 1e2], [0.0, 1.0]),
        (5, 0.5, [10 ** (k / 2) for k in range(-4, 5)], [0.0, 0.5, 1.0]),
        # per parameter; ranges a dict does not name get 5 points
        ({"a": 3}, None, [1e-2, 1.0, 1e2], [0.0, 0.25, 0.5, 0.75, 1.0]),
        ({"a": 2, "b": 3}, None, [1e-2, 1e2], [0.0, 0.5, 1.0]),
        (3, {"b": 0.25}, [1e-2, 1.0, 1e2], [0.0, 0.25, 0.5, 0.75, 1.0]),
        ({"b": 2}, {"a": 1}, DECADES, [0.0, 1.0]),
        # a per-parameter n_points wins over a global step
        ({"b": 3}, 2, [1e-2, 1.0, 1e2], [0.0, 0.5, 1.0]),
    ],
)
def test_grid_n_points_and_step(n_points, step, expected_a, expected_b):
    space = {"a": Real(1e-2, 1e2, prior="log-uniform"), "b": Real(0, 1), "c": ["x", "y"]}
    search = GridSearchCV(Spy(), space, n_points=n_points, step=step, cv=2)
    search.fit(*distinct_rows())
    a, b = grid_values(search, "a"), grid_values(search, "b")
    assert a == pytest.approx(expected_a, rel=1e-12)
    assert b == pytest.approx(expected_b, rel=1e-12, abs=1e-15)
    assert grid_values(search, "c") == ["x", "y"]
    assert len(search.cv_results_["params"]) == len(a) * len(b) * 2
    # the log prior gives a log-spaced grid: a constant ratio
    ratios = np.array(a[1:]) / np.array(a[:-1])
    np.testing.assert_allclose(ratios, ratios[0], rtol=1e-9)


def test_grid_integer_ranges_and_list_of_dicts():
    space = [
        {"a": Integer(1, 100, prior="log-uniform"), "b": Integer(0, 3)},
        {"a": Real(0, 1), "c": [None]},
    ]
    search = GridSearchCV(Spy(), space, n_points=3, cv=2).fit(*distinct_rows())
    params = search.cv_results_["params"]
    first = [p for p in params if "b" in p]
    second = [p for p in params if "c" in p]
    assert params == first + second  # subspaces in the user's order
    # Integer(1, 100, log) with 3 points: 1, 10, 100; Integer(0, 3) with 3: 0, 2 (1.5 -> 2), 3
    assert sorted({p["a"] for p in first}) == [1, 10, 100]
    assert sorted({p["b"] for p in first}) == [0, 2, 3]
    assert [p["a"] for p in second] == [0.0, 0.5, 1.0]
    assert len(params) == 9 + 3


def test_grid_plain_lists_ignore_n_points():
    space = {"a": [1, 2, 3, 4, 5, 6, 7], "b": Categorical(["x", "y", "z"])}
    search = GridSearchCV(Spy(), space, n_points=2, cv=2).fit(*distinct_rows())
    assert len(search.cv_results_["params"]) == 21


# ---------------------------------------------------------------------------
# ExhaustiveSearchCV: finite spaces only, and not too many candidates
# ---------------------------------------------------------------------------
class Untouchable(Spy):
    def fit(self, X, y):
        raise AssertionError("no fit may happen")


def test_exhaustive_refuses_a_real_range():
    search = ExhaustiveSearchCV(Untouchable(), {"a": Real(0, 1), "b": [1, 2]}, cv=2)
    with pytest.raises(TypeError, match=r"'a'.*GridSearchCV"):
        search.fit(*distinct_rows())


def test_exhaustive_refuses_too_many_candidates_before_any_fit():
    space = {"a": Integer(1, 1000), "b": Integer(1, 1000)}
    search = ExhaustiveSearchCV(Untouchable(), space, cv=2)  # default limit 100_000
    with pytest.raises(ValueError, match=r"1000000 candidates.*max_candidates=100000"):
        search.fit(*distinct_rows())
    # the limit counts the union of subspaces
    space = [{"a": [1, 2]}, {"b": [1, 2, 3]}]
    with pytest.raises(ValueError, match="5 candidates.*max_candidates=4"):
        ExhaustiveSearchCV(Untouchable(), space, max_candidates=4, cv=2).fit(*distinct_rows())
    search = ExhaustiveSearchCV(Spy(), space, max_candidates=5, cv=2).fit(*distinct_rows())
    assert len(search.cv_results_["params"]) == 5
    search = ExhaustiveSearchCV(Spy(), space, max_candidates=None, cv=2).fit(*distinct_rows())
    assert len(search.cv_results_["params"]) == 5


def test_exhaustive_enumerates_integer_and_categorical():
    space = {"a": Integer(1, 3), "b": Categorical([None, (5,)]), "c": range(2)}
    search = ExhaustiveSearchCV(Spy(), space, cv=2).fit(*distinct_rows())
    plain = {"a": [1, 2, 3], "b": [None, (5,)], "c": [0, 1]}
    reference = SkGridSearchCV(Spy(), plain, cv=2).fit(*distinct_rows())
    assert search.cv_results_["params"] == reference.cv_results_["params"]
    assert len(search.cv_results_["params"]) == 12


# ---------------------------------------------------------------------------
# RandomSearchCV: sampling
# ---------------------------------------------------------------------------
def test_random_small_finite_space_sampled_without_replacement():
    space = {"a": Integer(1, 3), "b": Categorical(["x", "y"])}
    search = RandomSearchCV(Spy(), space, n_iter=10, random_state=3, cv=2)
    with pytest.warns(UserWarning, match="total space of parameters 6 is smaller than n_iter=10"):
        search.fit(*distinct_rows())
    params = search.cv_results_["params"]
    assert sorted((p["a"], p["b"]) for p in params) == [
        (a, b) for a in (1, 2, 3) for b in ("x", "y")
    ]
    # a uniform Integer range is drawn as the list of its values would be
    plain = {"a": [1, 2, 3], "b": ["x", "y"]}
    for n_iter in (10, 4):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            reference = RandomizedSearchCV(Spy(), plain, n_iter=n_iter, random_state=3, cv=2)
            search = RandomSearchCV(Spy(), space, n_iter=n_iter, random_state=3, cv=2)
            reference.fit(*distinct_rows())
            search.fit(*distinct_rows())
        assert search.cv_results_["params"] == reference.cv_results_["params"]
    assert len({tuple(p.items()) for p in search.cv_results_["params"]}) == 4


@pytest.mark.parametrize("high", [10**9, 2**52])
def test_random_samples_wide_integer_ranges_quickly(high):
    # 10**18 points: sampled without replacement by index; 2**156 points (more
    # than an int64 index holds): drawn dimension by dimension
    space = {"a": Integer(0, high), "b": Integer(0, high), "c": Integer(0, high)}
    if high == 10**9:
        space = {"a": Integer(0, high), "b": Integer(0, high)}
    search = RandomSearchCV(Spy(), space, n_iter=6, random_state=0, cv=2)
    params = search.fit(*distinct_rows()).cv_results_["params"]
    assert len({tuple(p.values()) for p in params}) == 6
    assert all(p in Space(space) for p in params)
    assert all(type(v) is int for p in params for v in p.values())


def test_random_samples_dimensions_by_their_priors():
    space = {
        "a": Real(1e-4, 1e4, prior="log-uniform"),
        "b": Integer(1, 1000, prior="log-uniform"),
        "c": Categorical(["x", "y"], prior=[0.9, 0.1]),
        "d": Real(0, 1000),
    }
    n = 300
    search = RandomSearchCV(Spy(), space, n_iter=n, random_state=0, cv=2)
    params = search.fit(*distinct_rows()).cv_results_["params"]
    assert len(params) == n
    a = np.array([p["a"] for p in params])
    b = np.array([p["b"] for p in params])
    c = np.array([p["c"] for p in params])
    d = np.array([p["d"] for p in params])
    assert all(p in Space(space) for p in params)
    # log-uniform on [1e-4, 1e4]: half below 1 (a uniform prior would put 0.01% there)
    assert 0.4 < np.mean(a < 1) < 0.6
    # log-uniform integers on [1, 1000]: about log(32) / log(1001) = 0.50 are <= 31
    assert 0.4 < np.mean(b <= 31) < 0.6
    assert 0.85 < np.mean(c == "x") < 0.95
    # uniform on [0, 1000]: half below 500, about 0.1% below 1
    assert 0.4 < np.mean(d < 500) < 0.6 and np.mean(d < 1) < 0.02


@pytest.mark.parametrize("seed", [0, 7])
def test_random_sampling_is_reproducible(seed):
    space = [
        {"a": Real(1e-3, 1, prior="log-uniform"), "b": Integer(1, 10**6)},
        {"a": stats.loguniform(1e-3, 1), "c": Categorical(["x", "y", "z"])},
    ]

    def draw(random_state):
        search = RandomSearchCV(Spy(), space, n_iter=8, random_state=random_state, cv=2)
        return search.fit(*distinct_rows()).cv_results_["params"]

    first = draw(seed)
    assert draw(seed) == first
    assert draw(np.random.RandomState(seed)) == first
    assert draw(seed + 1) != first
    assert {frozenset(p) for p in first} == {frozenset("ab"), frozenset("ac")}
