"""Every kind of bad input, its error type, and a message that says what is wrong.

Each row gives the input, the expected exception class and the fragments its
message must contain: the parameter's name and, where it helps, the bad value.
Errors in a search's own parameters or its search space must surface at
``fit``, never in ``__init__`` (scikit-learn's convention, which ``clone`` and
``set_params`` rely on).
"""

import math

import numpy as np
import pytest
from scipy import stats
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import ParameterGrid, ParameterSampler

from skopt_lite import Categorical, ExhaustiveSearchCV, GridSearchCV, Integer, RandomSearchCV, Real
from skopt_lite.space import Space, check_dimension

X = np.random.RandomState(0).normal(size=(20, 2))
Y = np.arange(20) % 2


def assert_message(excinfo, fragments):
    message = str(excinfo.value)
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in {message!r}"


# ---------------------------------------------------------------------------
# dimensions: checked when the user builds them
# ---------------------------------------------------------------------------
DIMENSION_CASES = [
    # low >= high
    (lambda: Real(1, 1, name="C"), ValueError, ["'C'", "low", "high", "low=1.0", "high=1.0"]),
    (lambda: Real(2.5, 1, name="C"), ValueError, ["'C'", "low=2.5", "high=1.0"]),
    (lambda: Integer(5, 5, name="k"), ValueError, ["'k'", "low=5", "high=5"]),
    (lambda: Integer(7, 3), ValueError, ["Integer", "low=7", "high=3"]),
    # non-finite bounds
    (lambda: Real(0, math.inf, name="C"), ValueError, ["'C'", "high", "inf"]),
    (lambda: Real(-math.inf, 0, name="C"), ValueError, ["'C'", "low", "-inf"]),
    (lambda: Real(math.nan, 1, name="C"), ValueError, ["'C'", "low", "nan"]),
    (lambda: Integer(0, math.inf, name="k"), ValueError, ["'k'", "high", "inf"]),
    (lambda: Real(-1e308, 1e308, name="C"), ValueError, ["'C'", "too wide"]),
    (lambda: Integer(0, 2**60, name="k"), ValueError, ["'k'", "high=", "2**52"]),
    # bounds of the wrong type
    (lambda: Real("0", 1, name="C"), TypeError, ["'C'", "low", "'0'"]),
    (lambda: Real(0, None, name="C"), TypeError, ["'C'", "high", "None"]),
    (lambda: Real(True, 2, name="C"), TypeError, ["'C'", "low", "True"]),
    (lambda: Integer(0.5, 3, name="k"), ValueError, ["'k'", "low", "0.5", "Real"]),
    (lambda: Integer("a", 3, name="k"), TypeError, ["'k'", "low", "'a'"]),
    # log prior with low <= 0
    (lambda: Real(0, 1, prior="log-uniform", name="C"), ValueError,
     ["'C'", "log-uniform", "low=0.0"]),
    (lambda: Real(-1, 1, prior="log-uniform", name="C"), ValueError, ["'C'", "low=-1.0"]),
    (lambda: Integer(0, 10, prior="log-uniform", name="k"), ValueError, ["'k'", "low=0"]),
    # log prior on bounds whose logarithms are equal in floating point
    (lambda: Integer(2**52 - 1, 2**52, prior="log-uniform", name="k"), ValueError,
     ["'k'", "too close", "prior='uniform'"]),
    # unknown prior, bad base
    (lambda: Real(0, 1, prior="loguniform", name="C"), ValueError,
     ["'C'", "prior", "'loguniform'", "log-uniform"]),
    (lambda: Integer(0, 1, prior=None, name="k"), ValueError, ["'k'", "prior=None"]),
    (lambda: Real(1, 10, base=1, name="C"), ValueError, ["'C'", "base=1"]),
    (lambda: Real(1, 10, base=-2, name="C"), ValueError, ["'C'", "base=-2"]),
    # categories
    (lambda: Categorical([], name="kernel"), ValueError, ["'kernel'", "empty"]),
    (lambda: Categorical("rbf", name="kernel"), TypeError, ["'kernel'", "'rbf'"]),
    (lambda: Categorical(5, name="kernel"), TypeError, ["'kernel'", "categories=5"]),
    (lambda: Categorical(np.zeros((2, 2)), name="kernel"), ValueError, ["'kernel'", "(2, 2)"]),
    # priors that do not sum to 1, of the wrong length, negative, or not numbers
    (lambda: Categorical(["a", "b"], prior=[0.5, 0.6], name="kernel"), ValueError,
     ["'kernel'", "sum to 1", "[0.5, 0.6]"]),
    (lambda: Categorical(["a", "b"], prior=[1.5, -0.5], name="kernel"), ValueError,
     ["'kernel'", "non-negative", "[1.5, -0.5]"]),
    (lambda: Categorical(["a", "b"], prior=[1.0], name="kernel"), ValueError,
     ["'kernel'", "one probability per category", "[1.0]"]),
    (lambda: Categorical(["a", "b"], prior=[0.5, "x"], name="kernel"), TypeError,
     ["'kernel'", "prior", "'x'"]),
    (lambda: Categorical(["a", "b"], prior=[0.5, math.nan], name="kernel"), ValueError,
     ["'kernel'", "nan"]),
]


@pytest.mark.parametrize(
    "make, error, fragments",
    DIMENSION_CASES,
    ids=[f"dim{i}" for i in range(len(DIMENSION_CASES))],
)
def test_bad_dimension(make, error, fragments):
    with pytest.raises(error) as excinfo:
        make()
    assert_message(excinfo, fragments)


# ---------------------------------------------------------------------------
# plain values read by check_dimension / Space
# ---------------------------------------------------------------------------
CHECK_DIMENSION_CASES = [
    ("rbf", {}, TypeError, ["'C'", "string", "'rbf'", "['rbf']"]),
    ("rbf", {"tuple_is_range": True}, TypeError, ["'C'", "'rbf'"]),
    (1.0, {}, TypeError, ["'C'", "1.0", "[1.0]"]),
    (3, {}, TypeError, ["'C'", "3", "[3]"]),
    (None, {}, TypeError, ["'C'", "None"]),
    ({1, 2}, {}, TypeError, ["'C'", "set"]),
    ([], {}, ValueError, ["'C'", "empty"]),
    ((), {}, ValueError, ["'C'", "empty"]),
    (np.array([]), {}, ValueError, ["'C'", "empty"]),
    (np.ones((2, 2)), {}, ValueError, ["'C'", "one-dimensional", "(2, 2)"]),
    (stats.uniform(0, 1), {}, TypeError, ["'C'", "distribution", "Real"]),
    # a range shorthand (BayesSearchCV reads tuples as ranges) with bad bounds
    ((5, 1), {"tuple_is_range": True}, ValueError, ["'C'", "low=5", "high=1"]),
    ((0.0, 1.0, "log-uniform"), {"tuple_is_range": True}, ValueError, ["'C'", "low=0.0"]),
    ((1e-3, 1.0, "log"), {"tuple_is_range": True}, ValueError, ["'C'", "'log'"]),
    ((0.0, math.inf), {"tuple_is_range": True}, ValueError, ["'C'", "inf"]),
]


@pytest.mark.parametrize(
    "value, kwargs, error, fragments",
    CHECK_DIMENSION_CASES,
    ids=[f"value{i}" for i in range(len(CHECK_DIMENSION_CASES))],
)
def test_bad_plain_value(value, kwargs, error, fragments):
    with pytest.raises(error) as excinfo:
        check_dimension(value, "C", **kwargs)
    assert_message(excinfo, fragments)
    # the same through a Space, which names the parameter from the dict key
    with pytest.raises(error) as excinfo:
        Space({"C": value}, **kwargs)
    assert_message(excinfo, fragments)


@pytest.mark.parametrize("key", [1, None, ("a",), 2.5])
def test_parameter_names_must_be_strings(key):
    with pytest.raises(TypeError) as excinfo:
        Space({"C": [1.0], key: [1, 2]})
    assert_message(excinfo, ["names must be strings", repr(key)])


# ---------------------------------------------------------------------------
# searches: errors surface at fit
# ---------------------------------------------------------------------------
def _make(kind, space, **kw):
    cls = {"exhaustive": ExhaustiveSearchCV, "grid": GridSearchCV, "random": RandomSearchCV}[kind]
    return cls(LogisticRegression(), space, cv=2, **kw)


ALL = ("exhaustive", "grid", "random")
OK = {"C": [0.1, 1.0]}
RANGE = {"C": Real(0.1, 1.0)}

SEARCH_CASES = [
    # the search space, for every search
    *[
        (kind, space, {}, error, fragments)
        for kind in ALL
        for space, error, fragments in [
            # scikit-learn's errors (see test_refused_values_raise_sklearns_errors)
            ({"C": "rbf"}, TypeError, ["'C'", "'rbf'", "wrapped in a list"]),
            ({"C": None}, TypeError, ["'C'", "None"]),
            ({"C": []}, ValueError, ["'C'", "empty"]),
            # skopt_lite's own
            ({"C": [0.1], 1: [1, 2]}, TypeError, ["names must be strings", "1"]),
            ([{"C": [0.1]}, {("C",): [1]}], TypeError, ["names must be strings", "('C',)"]),
            ([{"C": [0.1]}, "C"], TypeError, ["[1]", "dict", "'C'"]),
            ([{"C": "rbf"}], TypeError, ["'C'", "'rbf'"]),
            ("C", TypeError, ["param_", "'C'"]),
            ((OK,), TypeError, ["param_"]),
        ]
    ],
    # a single value: scikit-learn's ParameterGrid and ParameterSampler errors
    ("exhaustive", {"C": 1.0}, {}, TypeError, ["'C'", "1.0", "wrapped in a list"]),
    ("grid", {"C": 1.0}, {}, TypeError, ["'C'", "1.0", "wrapped in a list"]),
    ("random", {"C": 1.0}, {}, TypeError, ["'C'", "value=1.0", "distribution"]),
    ("exhaustive", [], {}, ValueError, ["param_grid", "empty"]),
    ("grid", [], {}, ValueError, ["param_grid", "empty"]),
    ("random", [], {}, ValueError, ["param_distributions", "empty"]),
    # distributions only for RandomSearchCV, ranges not for ExhaustiveSearchCV
    ("exhaustive", {"C": stats.uniform(0, 1)}, {}, TypeError, ["'C'", "distribution"]),
    ("grid", {"C": stats.uniform(0, 1)}, {}, TypeError, ["'C'", "distribution"]),
    ("exhaustive", RANGE, {}, TypeError, ["'C'", "GridSearchCV"]),
    # ExhaustiveSearchCV(max_candidates=...)
    ("exhaustive", OK, {"max_candidates": 0}, ValueError, ["max_candidates", "Got 0"]),
    ("exhaustive", OK, {"max_candidates": -5}, ValueError, ["max_candidates", "-5"]),
    ("exhaustive", OK, {"max_candidates": "10"}, TypeError, ["max_candidates", "'10'"]),
    ("exhaustive", OK, {"max_candidates": 1.5}, TypeError, ["max_candidates", "1.5"]),
    ("exhaustive", OK, {"max_candidates": 1}, ValueError, ["2 candidates", "max_candidates=1"]),
    # RandomSearchCV(n_iter=..., random_state=...)
    ("random", OK, {"n_iter": 0}, ValueError, ["n_iter", "Got 0"]),
    ("random", OK, {"n_iter": -3}, ValueError, ["n_iter", "-3"]),
    ("random", OK, {"n_iter": "10"}, TypeError, ["n_iter", "'10'"]),
    ("random", OK, {"n_iter": 2.5}, TypeError, ["n_iter", "2.5"]),
    ("random", OK, {"n_iter": None}, TypeError, ["n_iter", "None"]),
    ("random", OK, {"random_state": "seed"}, TypeError, ["random_state", "'seed'"]),
    ("random", OK, {"random_state": 1.5}, TypeError, ["random_state", "1.5"]),
    ("random", OK, {"random_state": -1}, ValueError, ["random_state", "-1"]),
    # GridSearchCV(n_points=..., step=...), global
    ("grid", RANGE, {"n_points": 1}, ValueError, ["n_points", "Got 1"]),
    ("grid", RANGE, {"n_points": "5"}, TypeError, ["n_points", "'5'"]),
    ("grid", RANGE, {"n_points": 2.5}, TypeError, ["n_points", "2.5"]),
    ("grid", RANGE, {"n_points": None}, TypeError, ["n_points", "None"]),
    ("grid", RANGE, {"step": 0}, ValueError, ["step", "Got 0"]),
    ("grid", RANGE, {"step": -0.5}, ValueError, ["step", "-0.5"]),
    ("grid", RANGE, {"step": math.inf}, ValueError, ["step", "inf"]),
    ("grid", RANGE, {"step": math.nan}, ValueError, ["step", "nan"]),
    ("grid", RANGE, {"step": "1"}, TypeError, ["step", "'1'"]),
    ("grid", RANGE, {"step": True}, TypeError, ["'C'", "step=True"]),
    # ... and per parameter
    ("grid", RANGE, {"n_points": {"C": 1}}, ValueError, ["'C'", "n_points=1"]),
    ("grid", RANGE, {"n_points": {"C": "3"}}, TypeError, ["'C'", "n_points='3'"]),
    ("grid", RANGE, {"n_points": {"C": 2.5}}, TypeError, ["'C'", "n_points=2.5"]),
    ("grid", RANGE, {"step": {"C": 0}}, ValueError, ["'C'", "step=0"]),
    ("grid", RANGE, {"step": {"C": -1.0}}, ValueError, ["'C'", "step=-1.0"]),
    ("grid", RANGE, {"step": {"C": "x"}}, TypeError, ["'C'", "step='x'"]),
    # per-parameter settings naming unknown parameters
    ("grid", RANGE, {"n_points": {"gamma": 3}}, ValueError,
     ["n_points", "not in param_grid", "'gamma'", "'C'"]),
    ("grid", RANGE, {"step": {"gamma": 1.0}}, ValueError,
     ["step", "not in param_grid", "'gamma'"]),
    ("grid", RANGE, {"n_points": {"C": 3, 1: 3}}, ValueError, ["n_points", "[1]"]),
    ("grid", [RANGE, {"gamma": [1.0]}], {"step": {"alpha": 1.0}}, ValueError,
     ["step", "'alpha'", "['C', 'gamma']"]),
]


def _case_id(case):
    kind, space, kw, error, _ = case
    what = ",".join(f"{k}={v!r}" for k, v in kw.items()) or repr(space)
    return f"{kind}-{error.__name__}-{what}"


@pytest.mark.parametrize(
    "kind, space, kwargs, error, fragments", SEARCH_CASES, ids=[_case_id(c) for c in SEARCH_CASES]
)
def test_bad_search_input_fails_at_fit(kind, space, kwargs, error, fragments):
    search = _make(kind, space, **kwargs)  # __init__ only stores
    params = search.get_params(deep=False)
    assert all(params[k] is v for k, v in kwargs.items())
    with pytest.raises(error) as excinfo:
        search.fit(X, Y)
    assert_message(excinfo, fragments)
    assert not hasattr(search, "cv_results_")


# What scikit-learn's searches refuse in a parameter's values.
SKLEARN_REFUSED = [1, 1.0, None, "rbf", "1,2,3", [], (), np.array([]), np.ones((3, 2)), {1, 2}]


@pytest.mark.parametrize("kind", ALL)
@pytest.mark.parametrize("value", SKLEARN_REFUSED, ids=repr)
def test_refused_values_raise_sklearns_errors(kind, value):
    """The drop-ins raise scikit-learn's exception, type and message, for its refusals."""
    space = [{"kernel": ["rbf"]}, {"C": value}]  # the second subspace is bad
    with pytest.raises((TypeError, ValueError)) as theirs:
        if kind == "random":  # RandomizedSearchCV samples lists as a ParameterGrid
            list(ParameterSampler(space, n_iter=1, random_state=0))
        else:
            ParameterGrid(space)
    search = _make(kind, space)
    with pytest.raises(theirs.type) as ours:
        search.fit(X, Y)
    assert type(ours.value) is theirs.type
    assert str(ours.value) == str(theirs.value)
    assert not hasattr(search, "cv_results_")


@pytest.mark.parametrize("kind", ALL)
def test_multimetric_without_a_refit_metric(kind):
    search = _make(kind, OK, scoring=["accuracy", "f1"])
    with pytest.raises(ValueError) as excinfo:
        search.fit(X, Y)
    assert_message(excinfo, ["refit"])
