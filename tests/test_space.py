"""Properties of the search-space module (skopt_lite.space).

Most tests are hypothesis properties over randomly built dimensions; the few
hand-written expectations are derived in comments, not copied from output.
"""

import copy
import inspect
import math
import pickle
from itertools import product

import numpy as np
import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import ParameterGrid

from skopt_lite import _checkpoint
from skopt_lite.space import (
    Categorical,
    Integer,
    Real,
    Space,
    check_dimension,
    skopt_range_lists,
    skopt_range_message,
)

# ---------------------------------------------------------------------------
# strategies
# ---------------------------------------------------------------------------
PRIORS = ["uniform", "log-uniform"]
MAX_INT = 2**52


@st.composite
def reals(draw, prior=None):
    """A valid Real; log-uniform ranges stay within normal (not subnormal) floats."""
    prior = draw(st.sampled_from(PRIORS)) if prior is None else prior
    if prior == "log-uniform":
        bound = st.floats(1e-300, 1e300)
    else:
        bound = st.floats(-1e300, 1e300)
    low, high = sorted([draw(bound), draw(bound)])
    assume(low < high and math.isfinite(high - low))
    # Bounds whose logarithms are equal are rejected (a case of test_bad_input.py).
    assume(prior != "log-uniform" or math.log(high) > math.log(low))
    return Real(low, high, prior=prior)


@st.composite
def integers(draw, prior=None, max_abs=MAX_INT):
    prior = draw(st.sampled_from(PRIORS)) if prior is None else prior
    lo = 1 if prior == "log-uniform" else -max_abs
    bound = st.integers(lo, max_abs)
    low, high = sorted([draw(bound), draw(bound)])
    assume(low < high)
    assume(prior != "log-uniform" or math.log(high) > math.log(low))
    return Integer(low, high, prior=prior)


def _key(value):
    """Identity of a category as Categorical sees it: type, then equality."""
    try:
        hash(value)
    except TypeError:
        return (type(value).__name__, repr(value))
    return (type(value).__name__, value)


ESTIMATORS = [LogisticRegression(C=0.1), LogisticRegression(C=10.0)]

hashable_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-1000, 1000),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.text(max_size=5),
    # hidden_layer_sizes-like tuples
    st.tuples(st.integers(1, 100)),
    st.tuples(st.integers(1, 100), st.integers(1, 100)),
)
# Unhashable categories hold strings only, so that their repr identifies them.
unhashable_values = st.one_of(
    st.dictionaries(st.text(max_size=3), st.text(max_size=3), max_size=2),
    st.lists(st.text(max_size=3), max_size=2),
)
category_values = st.one_of(
    hashable_values, unhashable_values, st.sampled_from(ESTIMATORS)
)


@st.composite
def categoricals(draw, with_prior=None, values=category_values):
    cats = draw(st.lists(values, min_size=1, max_size=6, unique_by=_key))
    with_prior = draw(st.booleans()) if with_prior is None else with_prior
    prior = None
    if with_prior:
        weights = draw(st.lists(st.integers(1, 10), min_size=len(cats), max_size=len(cats)))
        prior = [w / sum(weights) for w in weights]
    return Categorical(cats, prior=prior)


dimensions = st.one_of(reals(), integers(), categoricals())
finite_dimensions = st.one_of(
    integers(max_abs=20), categoricals()
)


@st.composite
def spaces(draw, dims=dimensions, max_dims=3):
    n = draw(st.integers(1, max_dims))
    names = draw(st.lists(st.text("abcdefgh_", min_size=1, max_size=4),
                          min_size=n, max_size=n, unique=True))
    return Space({name: draw(dims) for name in names})


def same(a, b):
    """Same type and equal value (what a round trip must preserve)."""
    return type(a) is type(b) and (a is b or a == b)


def assert_native(value, dim):
    if isinstance(dim, Real):
        assert type(value) is float
    elif isinstance(dim, Integer):
        assert type(value) is int
    else:
        assert any(same(value, c) for c in dim.categories)
        assert not isinstance(value, np.generic)


# ---------------------------------------------------------------------------
# sampling, membership, native types
# ---------------------------------------------------------------------------
@given(space=spaces(), n=st.integers(1, 20), seed=st.integers(0, 2**32 - 1))
def test_samples_lie_in_space_and_are_native(space, n, seed):
    points = space.rvs(n, random_state=seed)
    assert len(points) == n
    for point in points:
        assert point in space
        assert space.to_dict(point) in space
        for value, dim in zip(point, space.dimensions):
            assert value in dim
            assert_native(value, dim)
    # reproducible for a fixed seed
    assert space.rvs(n, random_state=seed) == points


@given(dim=dimensions, seed=st.integers(0, 2**32 - 1))
def test_dimension_rvs_single_value_and_list(dim, seed):
    one = dim.rvs(random_state=seed)
    many = dim.rvs(5, random_state=seed)
    assert one in dim
    assert_native(one, dim)
    assert isinstance(many, list) and len(many) == 5
    for v in many:
        assert v in dim
        assert_native(v, dim)


@given(dim=reals())
def test_real_membership(dim):
    assert dim.low in dim and dim.high in dim
    assert np.float64(dim.high) in dim
    assert (dim.low + dim.high) / 2 in dim
    assert np.nextafter(dim.low, -math.inf) not in dim
    assert np.nextafter(dim.high, math.inf) not in dim
    assert True not in dim and "0.5" not in dim and None not in dim


@given(dim=integers())
def test_integer_membership(dim):
    assert dim.low in dim and dim.high in dim
    assert np.int64(dim.low) in dim
    assert float(dim.low) in dim  # an integral float is the same number
    assert dim.low - 1 not in dim and dim.high + 1 not in dim
    assert dim.low + 0.5 not in dim
    assert "1" not in dim and None not in dim
    if dim.low <= 1 <= dim.high:
        assert True not in dim  # booleans are not integers here


def test_one_float_and_true_are_distinct_categories():
    dim = Categorical([1, 1.0, True, None, "1"])
    u = dim.transform([1, 1.0, True, None, "1"])
    # five categories sit at the centres of five equal bins of [0, 1]
    np.testing.assert_allclose(u, [0.1, 0.3, 0.5, 0.7, 0.9])
    back = dim.inverse_transform(u)
    assert [type(v) for v in back] == [int, float, bool, type(None), str]
    assert [dim.index(v) for v in (True, 1.0, 1)] == [2, 1, 0]
    assert 0 not in Categorical([False])
    assert False in Categorical([False])
    assert np.int64(1) in Categorical([1]) and np.int64(1) not in Categorical([True])


def test_any_object_can_be_a_category():
    est = LogisticRegression()
    unhashable = {"penalty": "l2"}
    cats = [None, True, (10,), (10, 10), est, unhashable, [1, 2], "rbf"]
    dim = Categorical(cats)
    back = dim.inverse_transform(dim.transform(cats))
    assert all(b is c for b, c in zip(back, cats))  # the very objects come back
    assert all(c in dim for c in cats)
    assert (10, 11) not in dim and LogisticRegression() not in dim
    space = Space({"x": cats})
    assert [p[0] for p in space] == cats
    drawn = [p[0] for p in space.rvs(60, random_state=0)]
    assert all(any(d is c for c in cats) for d in drawn)  # the objects themselves
    assert len({id(d) for d in drawn}) == len(cats)  # 60 draws reach all 8
    assert pickle.loads(pickle.dumps(dim)).categories[:4] == tuple(cats[:4])


def test_numpy_categories_are_unwrapped():
    dim = Categorical(np.array([1.5, 2.5]))
    assert [type(v) for v in dim.categories] == [float, float]
    dim = Categorical(np.array(["a", "b"]))
    assert [type(v) for v in dim.categories] == [str, str]
    assert Categorical([np.int64(3)]).categories == (3,)
    assert type(Categorical([np.int64(3)]).categories[0]) is int


# ---------------------------------------------------------------------------
# the unit interval
# ---------------------------------------------------------------------------
def _inside(dim):
    """Values of ``dim`` to transform: ends, midpoint-ish, samples."""
    if isinstance(dim, Categorical):
        return list(dim.categories)
    mid = (dim.low + dim.high) / 2
    vals = [dim.low, dim.high, mid, *dim.rvs(10, random_state=0)]
    if isinstance(dim, Integer):
        vals = [int(round(v)) for v in vals]
    return vals


# Uniform integers use the whole +-2**52 range. Log-uniform integers stop at
# 2**40: beyond about 1e14 neighbouring integers share a float64 coordinate
# (see test_log_integer_round_trip_is_exact_where_float64_resolves_it).
round_trip_dims = st.one_of(
    reals(),
    integers(prior="uniform"),
    integers(prior="log-uniform", max_abs=2**40),
    categoricals(),
)


@given(dim=round_trip_dims)
@example(dim=Real(-1e300, 1e300))
@example(dim=Real(1e-300, 1e300, prior="log-uniform"))
@example(dim=Integer(-(2**52), 2**52))
@example(dim=Integer(1, 2**40, prior="log-uniform"))
def test_transform_in_unit_interval_and_round_trip(dim):
    values = _inside(dim)
    u = dim.transform(values)
    assert isinstance(u, np.ndarray) and u.shape == (len(values),)
    assert np.all((u >= 0) & (u <= 1))
    back = dim.inverse_transform(u)
    if isinstance(dim, Real):
        assert all(type(b) is float for b in back)
        # An affine (or log-affine) map onto [0, 1] keeps precision relative
        # to the span for a uniform prior and relative to the value for a
        # log-uniform prior.
        for v, b in zip(values, back):
            scale = abs(v) if dim.prior == "log-uniform" else max(abs(v), dim.high - dim.low)
            assert abs(b - v) <= 1e-12 * scale
        assert back[0] == dim.low and back[1] == dim.high  # ends are exact
    else:
        assert all(same(b, v) for b, v in zip(back, values))


@given(
    dim=round_trip_dims,
    u=st.lists(st.floats(0, 1), min_size=1, max_size=20),
)
@example(dim=Integer(1, 2**52, prior="log-uniform"), u=[0.0, 1.0])
def test_points_from_inverse_transform_round_trip_exactly(dim, u):
    x = dim.inverse_transform(u)
    for v in x:
        assert v in dim
        assert_native(v, dim)
    again = dim.inverse_transform(dim.transform(x))
    assert all(same(a, b) for a, b in zip(again, x))


@given(dim=integers(prior="log-uniform", max_abs=10**12))
def test_log_integer_round_trip_is_exact_where_float64_resolves_it(dim):
    # Neighbouring integers k, k + 1 differ by about 1 / (k * log(high / low))
    # in the unit coordinate; up to 1e12 that is far above float resolution.
    values = sorted({dim.low, dim.low + 1, dim.high - 1, dim.high, *dim.rvs(10, random_state=1)})
    values = [v for v in values if v in dim]
    assert dim.inverse_transform(dim.transform(values)) == values


@given(space=spaces(max_dims=4), seed=st.integers(0, 1000))
def test_space_transform_shape_and_round_trip(space, seed):
    points = space.rvs(5, random_state=seed)
    U = space.transform(points)
    assert U.shape == (5, space.n_dims)
    assert np.all((U >= 0) & (U <= 1))
    back = space.inverse_transform(U)
    assert len(back) == 5
    for p, b in zip(points, back):
        for v, w, dim in zip(p, b, space.dimensions):
            if isinstance(dim, Real):
                assert w == pytest.approx(v, rel=1e-12, abs=1e-12 * (dim.high - dim.low))
            else:
                assert same(v, w)
    # unit-cube samples map into the space
    U = space.sample_unit(7, random_state=seed)
    assert U.shape == (7, space.n_dims) and np.all((U >= 0) & (U <= 1))
    assert all(p in space for p in space.inverse_transform(U))


# ---------------------------------------------------------------------------
# grids
# ---------------------------------------------------------------------------
def _assert_increasing_with_ends(grid, dim):
    assert grid[0] == dim.low and grid[-1] == dim.high
    assert all(a < b for a, b in zip(grid, grid[1:]))
    assert all(v in dim for v in grid)


@given(dim=reals(), n=st.integers(2, 30))
@example(dim=Real(1.0, float(np.nextafter(1.0, 2.0))), n=5)
def test_real_grid_increasing_with_both_ends(dim, n):
    grid = dim.grid(n_points=n)
    assert all(type(v) is float for v in grid)
    _assert_increasing_with_ends(grid, dim)
    assert len(grid) <= n
    if dim.prior == "log-uniform":
        # constant ratio, i.e. constant differences of logarithms
        log_ratios = np.diff(np.log(grid))
        if len(grid) == n:
            expected = (math.log(dim.high) - math.log(dim.low)) / (n - 1)
            np.testing.assert_allclose(log_ratios, expected, rtol=1e-9, atol=1e-12)
    else:
        diffs = np.diff(grid)
        if len(grid) == n and (dim.high - dim.low) > 1e-6 * max(abs(dim.low), abs(dim.high)):
            np.testing.assert_allclose(diffs, (dim.high - dim.low) / (n - 1), rtol=1e-6)


@given(dim=integers(), n=st.integers(2, 30))
def test_integer_grid_deduplicated(dim, n):
    grid = dim.grid(n_points=n)
    assert all(type(v) is int for v in grid)
    _assert_increasing_with_ends(grid, dim)
    if n >= dim.size:
        assert grid == list(range(dim.low, dim.high + 1))
    elif dim.prior == "uniform":
        # n evenly spaced points at least 1 apart round to n distinct integers
        assert len(grid) == n
    else:
        assert len(grid) <= n


def test_integer_log_grid_rounds_and_drops_duplicates():
    # geomspace(1, 10, 6) = 10**(k/5) = 1, 1.58, 2.51, 3.98, 6.31, 10 -> 1, 2, 3, 4, 6, 10
    assert Integer(1, 10, prior="log-uniform").grid(n_points=6) == [1, 2, 3, 4, 6, 10]
    # geomspace(1, 4, 10): 1, 1.17, 1.36, 1.59, 1.85, 2.16, 2.52, 2.94, 3.43, 4
    assert Integer(1, 4, prior="log-uniform").grid(n_points=10) == [1, 2, 3, 4]
    assert Integer(1, 1000, prior="log-uniform").grid(n_points=4) == [1, 10, 100, 1000]


@pytest.mark.parametrize(
    "dim, step, expected",
    [
        # low, low + step, ... and high appended when the steps miss it
        (Real(0, 1), 0.25, [0.0, 0.25, 0.5, 0.75, 1.0]),
        (Real(0, 1), 0.3, [0.0, 0.3, 0.6, 0.9, 1.0]),
        (Real(0.1, 0.7), 0.1, [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]),
        (Real(-1, 1), 2, [-1.0, 1.0]),
        (Real(0, 1), 5, [0.0, 1.0]),
        (Integer(1, 10), 3, [1, 4, 7, 10]),
        (Integer(0, 10), 4, [0, 4, 8, 10]),
        (Integer(0, 3), 0.4, [0, 1, 2, 3]),
        # log prior: the step counts powers of base
        (Real(1e-3, 1e3, prior="log-uniform"), 1, [1e-3, 1e-2, 1e-1, 1.0, 10.0, 100.0, 1e3]),
        (Real(1e-2, 10**2.5, prior="log-uniform"), 1, [1e-2, 1e-1, 1.0, 10.0, 100.0, 10**2.5]),
        (Real(1, 256, prior="log-uniform", base=2), 2, [1.0, 4.0, 16.0, 64.0, 256.0]),
        # 10**0.5 = 3.16 -> 3, 10**1.5 = 31.6 -> 32, 10**2.5 = 316.2 -> 316
        (Integer(1, 1000, prior="log-uniform"), 0.5, [1, 3, 10, 32, 100, 316, 1000]),
    ],
)
def test_grid_by_step(dim, step, expected):
    grid = dim.grid(step=step)
    assert grid == pytest.approx(expected, rel=1e-12)
    assert grid[0] == dim.low and grid[-1] == dim.high
    assert all(type(v) is type(dim.low) for v in grid)


@given(dim=st.one_of(reals(prior="uniform"), integers(prior="uniform", max_abs=10**6)),
       frac=st.floats(0.01, 1.5))
def test_uniform_grid_by_step_properties(dim, frac):
    span = dim.high - dim.low
    assume(span > 1e-6 * max(abs(dim.low), abs(dim.high), 1e-300))
    step = frac * span / 4 if isinstance(dim, Real) else max(1, round(frac * span / 4))
    grid = dim.grid(step=step)
    _assert_increasing_with_ends(grid, dim)
    diffs = np.diff(grid)
    if isinstance(dim, Real):
        # every gap is one step, except a shorter last one when high is appended
        np.testing.assert_allclose(diffs[:-1], step, rtol=1e-6)
        assert diffs[-1] <= step * (1 + 1e-6)
    else:
        assert all(d == step for d in diffs[:-1]) and 0 < diffs[-1] <= step


@given(dim=reals(prior="log-uniform"), step=st.floats(0.05, 3))
def test_log_grid_by_step_is_geometric(dim, step):
    assume(math.log10(dim.high / dim.low) / step < 500)
    grid = dim.grid(step=step)
    _assert_increasing_with_ends(grid, dim)
    ratios = np.array(grid[1:]) / np.array(grid[:-1])
    np.testing.assert_allclose(ratios[:-1], 10**step, rtol=1e-9)
    assert ratios[-1] <= 10**step * (1 + 1e-9)


def test_categorical_grid_is_all_categories():
    dim = Categorical(["a", None, (1, 2)])
    assert dim.grid(n_points=2) == ["a", None, (1, 2)]
    assert dim.grid(step=0.5) == ["a", None, (1, 2)]


@given(space=spaces(), n=st.integers(2, 4))
def test_space_grid_is_product_of_axes(space, n):
    axes = [
        d.values() if isinstance(d, Categorical) else d.grid(n_points=n)
        for d in space.dimensions
    ]
    assert list(space.grid(n_points=n)) == [list(p) for p in product(*axes)]


def test_space_grid_per_dimension_settings():
    space = Space({"a": Real(0, 1), "b": Integer(0, 10), "c": ["x", "y"]})
    axes = dict(zip(space.names, zip(*space.grid(n_points={"a": 3}, step={"b": 5}))))
    assert sorted(set(axes["a"])) == [0.0, 0.5, 1.0]
    assert sorted(set(axes["b"])) == [0, 5, 10]
    assert sorted(set(axes["c"])) == ["x", "y"]
    # a global step applies to every range; per-name n_points overrides it
    axes = dict(zip(space.names, zip(*space.grid(n_points={"b": 2}, step=0.5))))
    assert sorted(set(axes["a"])) == [0.0, 0.5, 1.0]
    assert sorted(set(axes["b"])) == [0, 10]
    # ranges a mapping does not name get 5 points
    axes = dict(zip(space.names, zip(*space.grid(n_points={"a": 2}))))
    assert sorted(set(axes["b"])) == [0, 2, 5, 8, 10]  # round(0, 2.5, 5, 7.5, 10), half to even


# ---------------------------------------------------------------------------
# enumeration
# ---------------------------------------------------------------------------
@given(space=spaces(dims=finite_dimensions))
def test_enumeration_size_order_and_point_at(space):
    points = list(space)
    sizes = [d.size for d in space.dimensions]
    assert space.size == math.prod(sizes) == len(points) == len(space)
    # the last dimension varies fastest, as itertools.product
    values = [d.values() for d in space.dimensions]
    assert points == [list(p) for p in product(*values)]
    for i in {0, len(points) - 1, len(points) // 2, len(points) // 3}:
        assert space.point_at(i) == points[i]
    with pytest.raises(IndexError):
        space.point_at(len(points))


@given(grid=st.dictionaries(
    st.text("abcxyz_", min_size=1, max_size=3),
    st.lists(hashable_values, min_size=1, max_size=3),
    min_size=1, max_size=3,
))
def test_enumeration_matches_sklearn_parameter_grid(grid):
    space = Space(grid)
    assert [space.to_dict(p) for p in space] == list(ParameterGrid(grid))


def test_point_at_huge_space_without_enumerating():
    n = 2**52 + 1  # Integer(0, 2**52) holds 2**52 + 1 values
    space = Space({"a": Integer(0, 2**52), "b": Integer(0, 2**52), "c": ["x", "y", "z"]})
    assert space.size == n * n * 3
    # mixed radix, the last dimension fastest: i = (a * n + b) * 3 + c
    a, b = 123_456_789_012, 2**52 - 5
    assert space.point_at((a * n + b) * 3 + 2) == [a, b, "z"]
    assert space.point_at(space.size - 1) == [2**52, 2**52, "z"]
    assert all(type(v) is int for v in space.point_at(12345)[:2])


def test_continuous_space_cannot_be_enumerated():
    space = Space({"C": Real(0, 1), "k": [1, 2]})
    assert not space.is_finite and space.size == math.inf
    for action in (lambda: list(space), lambda: len(space), lambda: space.point_at(0)):
        with pytest.raises(TypeError, match="'C'.*GridSearchCV"):
            action()


# ---------------------------------------------------------------------------
# the user's objects are never changed
# ---------------------------------------------------------------------------
def test_user_dimensions_and_lists_are_not_mutated():
    real = Real(1e-3, 1, prior="log-uniform")
    integer = Integer(1, 5)
    cats = ["a", "b", [1, 2]]
    cat = Categorical(cats)
    grid = {"x": real, "y": integer, "z": cat, "w": cats}
    snapshot = copy.deepcopy(grid)
    space = Space(grid)
    assert space.names == ["w", "x", "y", "z"]
    named = dict(zip(space.names, space.dimensions))
    for name, dim in (("x", real), ("y", integer), ("z", cat)):
        assert dim.name is None  # the user's object keeps no name
        assert named[name] is not dim and named[name].name == name
    assert cats == ["a", "b", [1, 2]] and cats[2] == [1, 2]
    assert list(grid) == ["x", "y", "z", "w"]  # dict order untouched
    assert repr(grid) == repr(snapshot)
    # a named dimension whose name already matches is used as is
    same_name = Real(0, 1, name="q")
    assert Space([same_name]).dimensions[0] is same_name
    assert Space({"q": same_name}).dimensions[0] is same_name
    assert Space({"r": same_name}).dimensions[0].name == "r" and same_name.name == "q"


# Estimator instances are equal only to themselves, so they are left out here.
@given(dim=st.one_of(reals(), integers(), categoricals(values=hashable_values | unhashable_values)))
def test_equality_hash_and_pickle(dim):
    clone = pickle.loads(pickle.dumps(dim))
    assert clone == dim and hash(clone) == hash(dim)
    renamed = check_dimension(dim, "other")
    assert renamed != dim and renamed.name == "other" and dim.name is None


# ---------------------------------------------------------------------------
# reading plain values
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "value, expected",
    [
        ((1, 5), Integer(1, 5, name="p")),
        ((np.int64(1), 5), Integer(1, 5, name="p")),
        ((1, 5.0), Real(1.0, 5.0, name="p")),
        ((0.5, 2.5), Real(0.5, 2.5, name="p")),
        ((1e-3, 1.0, "log-uniform"), Real(1e-3, 1.0, prior="log-uniform", name="p")),
        ((1, 100, "log-uniform"), Integer(1, 100, prior="log-uniform", name="p")),
        ((1, 5, "uniform"), Integer(1, 5, name="p")),
        # not a (low, high[, prior]) shape: choices
        ((1, 2, 3), Categorical([1, 2, 3], name="p")),
        (("a", "b"), Categorical(["a", "b"], name="p")),
        ((True, False), Categorical([True, False], name="p")),
        (((10,), (10, 10)), Categorical([(10,), (10, 10)], name="p")),
    ],
)
def test_check_dimension_tuple_is_range(value, expected):
    assert check_dimension(value, "p", tuple_is_range=True) == expected


@pytest.mark.parametrize(
    "value",
    [(1, 5), (1, 5.0), (1e-3, 1.0, "log-uniform"), (1, 2, 3), ("a", "b"), ((10,), (20,))],
)
def test_check_dimension_tuples_are_choices_by_default(value):
    dim = check_dimension(value, "p")
    assert dim == Categorical(list(value), name="p")
    assert check_dimension(value, "p", tuple_is_range=False) == dim


@pytest.mark.parametrize("tuple_is_range", [False, True])
def test_check_dimension_lists_ranges_arrays_and_dimensions(tuple_is_range):
    kw = dict(tuple_is_range=tuple_is_range)
    assert check_dimension([1, 5], "p", **kw) == Categorical([1, 5], name="p")
    assert check_dimension(range(3), "p", **kw) == Categorical([0, 1, 2], name="p")
    assert check_dimension(np.array([0.5, 1.5]), "p", **kw) == Categorical([0.5, 1.5], name="p")
    real = Real(0, 1)
    assert check_dimension(real, "p", **kw) == Real(0, 1, name="p")
    assert check_dimension(real, **kw) is real


def test_check_dimension_distributions():
    from scipy.stats import uniform

    dist = uniform(0, 1)
    with pytest.raises(TypeError, match="'p'.*distribution"):
        check_dimension(dist, "p")
    dim = check_dimension(dist, "p", allow_distributions=True)
    assert 0 <= dim.rvs(random_state=0) <= 1
    assert type(dim.rvs(random_state=0)) is float  # unwrapped from numpy
    with pytest.raises(TypeError, match="'p'.*sampled"):
        dim.grid()


@pytest.mark.parametrize(
    "dim",
    [
        Integer(1, 2**52, prior="log-uniform"),
        Integer(-(2**52), 2**52),
        Integer(3, 2**52 - 7, prior="log-uniform"),
        Real(1e-300, 1e300, prior="log-uniform"),
        Real(-1e300, 1e300),
    ],
)
def test_ends_of_the_unit_interval_map_to_the_bounds(dim):
    # exp(log(x)) is not exactly x for large x; the ends must still be exact
    assert dim.inverse_transform([0.0, 1.0]) == [dim.low, dim.high]
    assert dim.inverse_transform(dim.transform([dim.low, dim.high])) == [dim.low, dim.high]
    assert dim.rvs(random_state=0) in dim


def test_scikit_optimizes_space_predicates_and_distance():
    space = Space([Real(0, 1), Categorical([2]), Categorical(["a", "b"]), Integer(1, 9)])
    assert space.distance([0.2, 2, "a", 3], [0.7, 2, "b", 1]) == pytest.approx(3.5)
    assert space.n_constant_dimensions == 1 and space.is_partly_categorical
    assert not space.is_real and not space.is_categorical
    assert Space([Real(0, 1)]).is_real and Space([Categorical([1, 2])]).is_categorical
    assert [d.is_constant for d in space.dimensions] == [False, True, False, False]
    with pytest.raises(ValueError, match="not a value of Integer"):
        Integer(1, 9).distance(0, 3)
    with pytest.raises(ValueError, match="both points need 4 values"):
        space.distance([0.2], [0.3])


def test_a_list_of_dimensions_may_repeat_a_name_but_lookups_by_it_fail():
    # scikit-optimize's plot example labels two dimensions "dummy"
    space = Space([Real(0, 1, name="a"), Integer(0, 3, name="a"), Integer(0, 3, name="b")])
    assert space.n_dims == 3 and space.dimension_names == ["a", "a", "b"]
    assert space["b"] == (2, space.dimensions[2])
    assert space[["b"]] == [(2, space.dimensions[2])]
    with pytest.raises(KeyError, match="2 dimensions are named 'a'"):
        space["a"]
    with pytest.raises(KeyError, match="No dimension of the space is named 'c'"):
        space["c"]
    assert Space([Real(0, 1), Real(0, 2)]).n_dims == 2  # unnamed dimensions are fine


# ---------------------------------------------------------------------------
# scikit-optimize's keywords: transform (ignored), dtype, constraint
# ---------------------------------------------------------------------------
SKOPT_SIGNATURES = {
    # scikit-optimize 0.10's parameters, in order
    Real: ["low", "high", "prior", "base", "transform", "name", "dtype"],
    Integer: ["low", "high", "prior", "base", "transform", "name", "dtype"],
    Categorical: ["categories", "prior", "transform", "name"],
}


@pytest.mark.parametrize("cls", list(SKOPT_SIGNATURES))
def test_dimensions_take_skopt_parameters_in_skopt_order(cls):
    assert list(inspect.signature(cls).parameters) == SKOPT_SIGNATURES[cls]


def test_skopt_calls_by_position_and_keyword():
    real = Real(1e-3, 1.0, "log-uniform", 2, "normalize", "lr", float)
    assert real == Real(1e-3, 1.0, prior="log-uniform", base=2, name="lr")
    integer = Integer(1, 8, "uniform", 10, "identity", "k", np.int64)
    assert (integer.name, integer.dtype, integer.transform_) == ("k", np.int64, "identity")
    cat = Categorical(["a", "b"], [0.25, 0.75], "label", "c")
    assert cat == Categorical(["a", "b"], prior=[0.25, 0.75], name="c")
    assert cat.transform_ == "label"
    # scikit-optimize's defaults, for code that reads the attribute
    assert Real(0, 1).transform_ == "identity" and Categorical(["a"]).transform_ == "onehot"
    assert check_dimension(dimension=(1, 5), transform="normalize", tuple_is_range=True) == (
        Integer(1, 5)
    )
    assert check_dimension(["a", "b"], transform="onehot") == Categorical(["a", "b"])
    assert Space([Real(0, 1)], None).n_dims == 1
    assert list(inspect.signature(Space).parameters)[:2] == ["dimensions", "constraint"]


@pytest.mark.parametrize(
    "make, match",
    [
        (lambda: Real(0, 1, transform="onehot"), "transform"),
        # skopt_lite's old position of name: the error says where name went
        (lambda: Real(0, 1, "uniform", 10, "lr"), "pass name='lr'"),
        (lambda: Integer(0, 5, transform="label"), "transform"),
        (lambda: Categorical(["a"], transform="bogus"), "transform"),
        (lambda: Categorical(["a"], transform=1), "transform"),
        (lambda: check_dimension([1, 2], transform="bogus"), "transform"),
        (lambda: check_dimension((1, 2), transform="onehot", tuple_is_range=True), "transform"),
        (lambda: Real(0, 1, dtype=int), "dtype"),
        (lambda: Real(0, 1, dtype="float128"), "dtype"),
        (lambda: Integer(0, 5, dtype=float), "dtype"),
        (lambda: Integer(0, 5, dtype="int128"), "dtype"),
        (lambda: Integer(0, 5, dtype=[1]), "dtype"),
        (lambda: Integer(0, 300, dtype="int8"), "int8"),
        (lambda: Integer(-1, 5, dtype=np.uint16), "uint16"),
        (lambda: Real(0, 1e6, dtype="float16"), "float16"),
        # float32 values near 1 are 2**-23 apart: none lies strictly inside
        (lambda: Real(1 + 2**-30, 1 + 2**-29, dtype=np.float32), "no float32 value"),
        (lambda: Space([Real(0, 1)], lambda point: True), "constraint"),
    ],
)
def test_bad_skopt_keyword_values_are_refused(make, match):
    with pytest.raises(ValueError, match=match):
        make()


@given(
    dim=st.one_of(reals(), integers(), categoricals()),
    seed=st.integers(0, 2**32 - 1),
)
def test_transform_changes_nothing(dim, seed):
    accepted = ("onehot", "label", "string") if isinstance(dim, Categorical) else ("normalize",)
    for transform in accepted + ("identity",):
        if isinstance(dim, Categorical):
            other = Categorical(dim.categories, dim.prior, transform)
        else:
            other = type(dim)(dim.low, dim.high, dim.prior, dim.base, transform)
        assert other == dim and hash(other) == hash(dim) and repr(other) == repr(dim)
        assert other.rvs(7, random_state=seed) == dim.rvs(7, random_state=seed)
        u = np.linspace(0, 1, 11)
        assert other.inverse_transform(u) == dim.inverse_transform(u)
        space, other_space = Space({"p": dim}), Space({"p": other})
        assert other_space.rvs(5, random_state=seed) == space.rvs(5, random_state=seed)
        assert _checkpoint.describe_space(other_space) == _checkpoint.describe_space(space)


@pytest.mark.parametrize("dtype", [int, "int", None])
def test_integer_dtype_int_gives_native_ints(dtype):
    dim = Integer(1, 8, dtype=dtype)
    assert dim == Integer(1, 8) and repr(dim) == "Integer(1, 8)"
    assert all(type(v) is int for v in dim.rvs(10, random_state=0))


@pytest.mark.parametrize(
    "dtype, numpy_type",
    [("int32", np.int32), (np.int64, np.int64), (np.dtype("uint8"), np.uint8)],
)
def test_integer_numpy_dtype_is_honoured_everywhere(dtype, numpy_type):
    dim = Integer(1, 8, dtype=dtype)
    native = Integer(1, 8)
    handed_out = {
        "rvs": dim.rvs(20, random_state=0),
        "rvs one": [dim.rvs(random_state=0)],
        "inverse_transform": dim.inverse_transform(np.linspace(0, 1, 9)),
        "values": dim.values(),
        "grid": dim.grid(n_points=4),
        "iter": [p[0] for p in Space({"k": dim})],
        "point_at": [Space({"k": dim}).point_at(3)[0]],
    }
    for where, values in handed_out.items():
        assert all(type(v) is numpy_type for v in values), where
    # the same numbers as with native ints, for the same seed
    assert dim.rvs(20, random_state=0) == native.rvs(20, random_state=0)
    assert dim.inverse_transform(dim.transform(dim.values())) == dim.values()


@given(
    low=st.floats(-1e30, 1e30), width=st.floats(1e-6, 1e30), seed=st.integers(0, 1000)
)
@example(low=0.1, width=0.2, seed=0)  # float32(0.3) > 0.3: the top is moved down
def test_real_float32_values_are_float32_inside_the_range(low, width, seed):
    high = low + width
    # some float32 lies in [low, high]: the one above float32(low) at least
    assume(float(np.nextafter(np.float32(low), np.float32(np.inf))) <= high)
    dim = Real(low, high, dtype="float32")
    values = dim.rvs(20, random_state=seed) + dim.inverse_transform([0.0, 1.0])
    values += dim.grid(n_points=5)
    assert all(type(v) is np.float32 and v in dim for v in values)
    assert dim.inverse_transform(dim.transform(values)) == values
    # the same draws as native floats, rounded
    native = Real(low, high).rvs(20, random_state=seed)
    np.testing.assert_allclose(np.float32(native), values[:20], rtol=2**-23)


def test_dtype_is_part_of_identity_and_survives_pickle():
    a, b = Real(0, 1, dtype=np.float32), Real(0, 1, dtype="float32")
    assert a == b and hash(a) == hash(b) and a != Real(0, 1)
    assert repr(a) == "Real(0.0, 1.0, dtype='float32')"
    assert eval(repr(a)) == a  # noqa: S307 - the repr is a constructor call
    assert Integer(0, 5, dtype="int16") != Integer(0, 5)
    for dim in (a, Integer(0, 5, dtype="int16")):
        clone = pickle.loads(pickle.dumps(dim))
        assert clone == dim and clone.dtype is dim.dtype
    cat = Categorical(["a"], transform="label")
    assert pickle.loads(pickle.dumps(cat)).transform_ == "label"


def test_dimensions_pickled_before_the_skopt_keywords_still_load():
    for dim in (Real(0, 1), Integer(0, 5), Categorical(["a", "b"])):
        old = copy.copy(dim)
        for attr in ("dtype", "transform_"):
            old.__dict__.pop(attr, None)
        clone = pickle.loads(pickle.dumps(old))
        assert clone == dim and clone.rvs(5, random_state=0) == dim.rvs(5, random_state=0)


def test_checkpoint_description_holds_dtype_only_when_not_native():
    space = Space({"a": Real(0, 1, transform="normalize"), "b": Integer(1, 5)})
    # the description checkpoints written before dtype existed hold
    assert _checkpoint.describe_space(space) == [
        ["a", "Real", 0.0, 1.0, "uniform", 10],
        ["b", "Integer", 1, 5, "uniform", 10],
    ]
    typed = Space({"a": Real(0, 1, dtype="float32"), "b": Integer(1, 5, dtype=np.int8)})
    described = _checkpoint.describe_space(typed)
    assert described[0][-1] == {"dtype": "float32"} and described[1][-1] == {"dtype": "int8"}
    point = typed.rvs(1, random_state=0)[0]
    encoded = _checkpoint.encode_point(typed, point)
    assert [type(v) for v in encoded] == [float, int]  # plain JSON numbers
    decoded = _checkpoint.decode_point(typed, encoded)
    assert decoded == point and [type(v) for v in decoded] == [np.float32, np.int8]


@pytest.mark.parametrize(
    "value, expected",
    [
        ((1e-3, 1.0, "log-uniform", 2), Real(1e-3, 1.0, "log-uniform", 2, name="p")),
        ((1, 64, "log-uniform", 2), Integer(1, 64, "log-uniform", 2, name="p")),
        ((1, 64, "log-uniform", "2"), Categorical([1, 64, "log-uniform", "2"], name="p")),
    ],
)
def test_check_dimension_reads_skopt_four_tuples(value, expected):
    assert check_dimension(value, "p", tuple_is_range=True) == expected


# ---------------------------------------------------------------------------
# lists that scikit-optimize read as ranges
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "value, reported",
    [
        ([1, 10], True),
        ([0.1, 1.0], True),
        ([1, 10.0], True),
        ([np.int64(1), np.float64(2.5)], True),
        ([10, 1], False),  # not a valid range in scikit-optimize either
        ((1, 10), False),
        (Categorical([1, 10]), False),
        (Integer(1, 10), False),
        ([1, 5, 10], False),
        ([1], False),
        (["a", "b"], False),
        ([True, False], False),
        ([False, True], False),
        ([0, True], False),
        ([None, 1], False),
        (np.array([1, 10]), False),
    ],
)
def test_skopt_range_lists_reports_two_number_lists_only(value, reported):
    assert skopt_range_lists({"p": value, "q": ["x"]}) == (["p"] if reported else [])
    assert skopt_range_lists([["x"], value]) == ([1] if reported else [])


def test_skopt_range_message_shows_both_ways_to_write_it():
    message = skopt_range_message([("search_spaces['C']", [1, 10]), ("dimensions[2]", [0.5, 2])])
    assert "search_spaces['C'] = [1, 10]" in message
    assert "Integer(1, 10) or (1, 10)" in message and "Categorical([1, 10])" in message
    assert "dimensions[2] = [0.5, 2]" in message and "Real(0.5, 2) or (0.5, 2)" in message
    assert "Categorical([0.5, 2])" in message
