"""With plain scikit-learn input the searches must behave exactly as scikit-learn's.

Hypothesis builds small parameter grids (a dict or a list of dicts; mixed value
types) and seeds; each search and its scikit-learn counterpart are fitted on the
same data with the same folds, and their ``cv_results_`` and ``best_*`` are
compared. The estimator is a cheap deterministic stand-in whose score is a hash
of its parameter values plus a function of the data, so that hundreds of fits
take well under a second and ties in the ranking do occur.
"""

import math
import warnings
import zlib

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.model_selection import GridSearchCV as SkGridSearchCV
from sklearn.model_selection import RandomizedSearchCV

from skopt_lite import ExhaustiveSearchCV, GridSearchCV, RandomSearchCV

X = np.random.RandomState(0).normal(size=(30, 3))
Y = np.arange(30) % 2
NAMES = ["a", "b", "c"]


def native(value):
    """NumPy scalars as Python objects; everything else unchanged."""
    return value.item() if isinstance(value, np.generic) else value


class HashScorer(ClassifierMixin, BaseEstimator):
    """Accepts any values for ``a``, ``b``, ``c``; its score is a hash of them.

    The score depends on the parameter *values* (a NumPy scalar and the equal
    Python number score the same; ``1``, ``1.0`` and ``True`` do not) and on
    the data, so that folds differ.
    """

    def __init__(self, a=None, b=None, c=None):
        self.a = a
        self.b = b
        self.c = c

    def fit(self, X, y):
        self.classes_ = np.unique(y)
        self.center_ = float(np.mean(X))
        return self

    def predict(self, X):
        return np.full(len(X), self.classes_[0])

    def token(self):
        return repr([(type(native(v)).__name__, native(v)) for v in (self.a, self.b, self.c)])

    def score(self, X, y=None, sample_weight=None):
        # five levels only: ties in the ranking are common
        level = (zlib.crc32(self.token().encode()) % 5) / 5
        return level + round(float(np.mean(X)) - self.center_, 9)


# ---------------------------------------------------------------------------
# strategies
# ---------------------------------------------------------------------------
def _key(value):
    return (type(value).__name__, value)


values = st.one_of(
    st.integers(-5, 5),
    st.floats(-10, 10, allow_nan=False),
    st.sampled_from([0.1, 1.0, 1e-3, math.inf]),
    st.text("xyz", max_size=3),
    st.none(),
    st.booleans(),
    st.tuples(st.integers(1, 50)),
    st.tuples(st.integers(1, 50), st.integers(1, 50)),
)
value_lists = st.lists(values, min_size=1, max_size=4, unique_by=_key)
distributions = st.one_of(
    st.builds(stats.uniform, st.floats(-5, 5), st.floats(0.1, 5)),
    st.builds(stats.loguniform, st.floats(1e-3, 1), st.floats(2, 1e3)),
    st.builds(stats.randint, st.integers(-5, 0), st.integers(1, 10)),
    st.builds(stats.norm, st.floats(-1, 1), st.floats(0.1, 2)),
)


def grids(entry):
    """A dict of 1-3 parameters, or a list of 1-3 such dicts."""
    one = st.dictionaries(st.sampled_from(NAMES), entry, min_size=1, max_size=3)
    return st.one_of(one, st.lists(one, min_size=1, max_size=3))


seeds = st.integers(0, 2**32 - 1)
# Each example costs a few milliseconds: afford more than the profile's default.
more_examples = settings(max_examples=max(settings.default.max_examples, 100))
cvs = st.sampled_from([2, 3])


# ---------------------------------------------------------------------------
# comparison
# ---------------------------------------------------------------------------
def same_value(a, b):
    a, b = native(a), native(b)
    return type(a) is type(b) and (a == b or (a != a and b != b))


def same_params(p, q):
    return p.keys() == q.keys() and all(same_value(p[k], q[k]) for k in p)


def fitted_attributes(search):
    """The public attributes ``fit`` set (trailing underscore), by name."""
    return sorted(k for k in vars(search) if k.endswith("_") and not k.startswith("_"))


def assert_same_search(ours, theirs, *, native_params=True):
    r, s = ours.cv_results_, theirs.cv_results_
    assert len(r["params"]) == len(s["params"])
    assert all(same_params(p, q) for p, q in zip(r["params"], s["params"]))
    if native_params:
        assert all(
            not isinstance(v, np.generic) for p in r["params"] for v in p.values()
        )
    compared = [k for k in s if k.endswith("_score") and not k.endswith("time")]
    assert sorted(k for k in r if k in compared) == sorted(compared)
    for key in compared:
        np.testing.assert_array_equal(r[key], s[key], err_msg=key)
    assert sorted(k for k in r if k.startswith("param_")) == sorted(
        k for k in s if k.startswith("param_")
    )
    assert ours.best_index_ == theirs.best_index_
    assert same_params(ours.best_params_, theirs.best_params_)
    assert ours.best_score_ == theirs.best_score_
    assert same_params(ours.best_estimator_.get_params(), theirs.best_estimator_.get_params())


# ---------------------------------------------------------------------------
# the tests
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("search_cls", [ExhaustiveSearchCV, GridSearchCV])
@more_examples
@given(grid=grids(value_lists), cv=cvs, train=st.booleans())
def test_grid_searches_match_sklearn_grid_search(search_cls, grid, cv, train):
    kw = dict(cv=cv, return_train_score=train)
    theirs = SkGridSearchCV(HashScorer(), grid, **kw).fit(X, Y)
    ours = search_cls(HashScorer(), grid, **kw).fit(X, Y)
    assert_same_search(ours, theirs)
    assert fitted_attributes(ours) == fitted_attributes(theirs)


def _fit_random(search, catch):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        search.fit(X, Y)
    return [str(w.message) for w in caught if catch in str(w.message)]


@more_examples
@given(
    grid=grids(value_lists),
    n_iter=st.integers(1, 12),
    seed=seeds,
    as_instance=st.booleans(),
    cv=cvs,
)
def test_random_search_matches_sklearn_on_lists(grid, n_iter, seed, as_instance, cv):
    """All lists: sampled without replacement, warning when the grid is small."""

    def rs():
        return np.random.RandomState(seed) if as_instance else seed

    kw = dict(n_iter=n_iter, cv=cv)
    theirs = RandomizedSearchCV(HashScorer(), grid, random_state=rs(), **kw)
    ours = RandomSearchCV(HashScorer(), grid, random_state=rs(), **kw)
    warned_theirs = _fit_random(theirs, "smaller than n_iter")
    warned_ours = _fit_random(ours, "smaller than n_iter")
    assert len(warned_ours) == len(warned_theirs) <= 1
    assert_same_search(ours, theirs)
    assert fitted_attributes(ours) == fitted_attributes(theirs)


@pytest.mark.filterwarnings("ignore:The total space of parameters")  # drew lists only
@more_examples
@given(
    grid=grids(st.one_of(value_lists, distributions)),
    n_iter=st.integers(1, 12),
    seed=seeds,
    cv=cvs,
)
def test_random_search_matches_sklearn_with_distributions(grid, n_iter, seed, cv):
    """scipy.stats distributions and lists: the same random stream, value for value."""
    kw = dict(n_iter=n_iter, cv=cv, random_state=seed)
    theirs = RandomizedSearchCV(HashScorer(), grid, **kw).fit(X, Y)
    ours = RandomSearchCV(HashScorer(), grid, **kw).fit(X, Y)
    assert_same_search(ours, theirs)


def test_hash_scorer_distinguishes_equal_values_of_other_types():
    # guards the comparisons above: the score is a function of value and type,
    # and a NumPy scalar counts as the equal Python number
    values = {"1": 1, "1.0": 1.0, "True": True, "int64": np.int64(1)}
    tokens = {k: HashScorer(a=v).token() for k, v in values.items()}
    assert tokens["int64"] == tokens["1"]
    assert len({tokens["1"], tokens["1.0"], tokens["True"]}) == 3
