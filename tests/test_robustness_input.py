"""Hostile input, fuzzed: every input either works (and the result is right) or is refused.

A refusal is a ValueError or TypeError whose message names the parameter at
fault; never an internal error (IndexError, KeyError, OverflowError,
LinAlgError...) and never a NumPy RuntimeWarning. When the input works, the
result is checked: candidates lie in the space, are native Python values, and
come in the right number.

test_bad_input.py lists the known bad inputs one by one; here hypothesis
combines arbitrary values (NaN and infinite bounds, ranges from 1e-300 to
1e300, integer ranges of 1e12 values, one-value ranges, duplicated,
unhashable and mixed-type categories, empty dicts and lists, settings of the
wrong type).
"""

import math
import warnings
from contextlib import contextmanager

import numpy as np
import pytest
from hypothesis import event, example, given, settings
from hypothesis import strategies as st
from scipy import stats
from sklearn.base import BaseEstimator, ClassifierMixin

from skopt_lite import (
    BayesSearchCV,
    Categorical,
    ExhaustiveSearchCV,
    GridSearchCV,
    Integer,
    Optimizer,
    RandomSearchCV,
    Real,
)
from skopt_lite._base import as_subspaces
from skopt_lite.space import Dimension, Space, check_dimension

X = np.arange(16, dtype=float).reshape(8, 2)
Y = np.arange(8) % 2
NAMES = ("a", "b")


@contextmanager
def strict():
    """NumPy RuntimeWarnings are errors; the searches' UserWarnings are not checked here."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        warnings.simplefilter("error", RuntimeWarning)
        with np.errstate(divide="warn", over="warn", invalid="warn", under="ignore"):
            yield


class Cheap(ClassifierMixin, BaseEstimator):
    """Accepts any value for ``a`` and ``b``; records their types; scores by a cheap rule."""

    def __init__(self, a=None, b=None):
        self.a = a
        self.b = b

    def fit(self, X, y):
        for name in NAMES:
            value = getattr(self, name)
            if isinstance(value, np.generic):
                raise AssertionError(f"{name}={value!r} is a NumPy scalar")
        self.classes_ = np.unique(y)
        return self

    def predict(self, X):
        return np.full(len(X), self.classes_[0])

    def score(self, X, y):
        return float(len(repr(self.a)) % 5 + len(repr(self.b)) % 3)


def _equal(a, b):
    """The reference notion of equal categories: the same object, or equal values of one type."""
    if a is b:
        return True
    if type(a) is not type(b):
        return False
    try:
        if isinstance(a, np.ndarray):
            return bool(np.array_equal(a, b))
        return bool(a == b)
    except Exception:
        return False


def _has_duplicates(categories):
    return any(
        _equal(categories[j], categories[i])
        for i in range(len(categories))
        for j in range(i)
    )


def _assert_names(exc, fragments):
    event(f"refused: {type(exc).__name__}")
    message = str(exc)
    assert any(f in message for f in fragments), f"none of {fragments} in {message!r}"


# ---------------------------------------------------------------------------
# strategies
# ---------------------------------------------------------------------------
SPECIAL_NUMBERS = [
    0, 1, -1, 2, 10, 0.0, -0.0, 0.5, 1.0, 5e-324, 1e-300, 1e-12, 1e12, 1e300,
    1.7976931348623157e308, -1e308, math.nan, math.inf, -math.inf,
    2**52, 2**52 + 1, 2**53, 10**12, -(10**12), 2**63, 10**400,
]
numbers_any = st.one_of(
    st.sampled_from(SPECIAL_NUMBERS),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(-(2**60), 2**60),
    st.sampled_from([np.float64(1.5), np.int64(3), np.float32(2.0), np.int8(-1)]),
)
junk = st.sampled_from([None, "1", b"1", "", [], {}, (), [1.0], True, False, object()])
bounds = st.one_of(numbers_any, junk)


@st.composite
def range_args(draw):
    """(low, high): anything at all, or a well-formed range of any width and magnitude."""
    if draw(st.integers(0, 2)) == 2:
        return draw(bounds), draw(bounds)
    integer = draw(st.booleans())
    if integer:
        low = draw(st.integers(-(2**52), 2**52 - 1))
        width = draw(st.sampled_from([1, 2, 7, 1000, 10**12, 2**52]))
        return low, min(low + width, 2**52)
    low = draw(st.sampled_from([5e-324, 1e-300, 1e-12, 0.5, 1.0, 3.0, 1e12, -1e300, -5.0]))
    high = draw(st.sampled_from([float(np.nextafter(low, math.inf)), low + 1e-12, low * 10,
                                 low + 1.0, 1e300, 1.7976931348623157e308]))
    return low, high


@st.composite
def mostly(draw, valid, invalid):
    """Four times in five a valid value, so that most ranges get built and exercised."""
    return draw(invalid) if draw(st.integers(0, 4)) == 4 else draw(valid)


priors = mostly(st.sampled_from(["uniform", "log-uniform"]),
                st.sampled_from(["loguniform", None, 1]))
bases = mostly(st.sampled_from([10, 2, math.e]),
               st.sampled_from([1, 0, -2, math.nan, math.inf, "10", True]))

# Category values: atoms of every kind, nested in lists, tuples and dicts, plus arrays.
atoms = st.one_of(
    st.integers(-2, 2),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=2),
    st.none(),
    st.booleans(),
    st.just(math.nan),  # one shared object: repeated, it is a duplicate
    st.sampled_from([np.float64(1.0), np.int64(1), np.bool_(True), np.str_("a")]),
)
values = st.recursive(
    atoms,
    lambda inner: st.one_of(
        st.lists(inner, max_size=2),
        st.tuples(inner, inner),
        st.dictionaries(st.text(max_size=1), inner, max_size=2),
    ),
    max_leaves=4,
) | st.builds(np.array, st.lists(st.integers(0, 2), min_size=1, max_size=3))
category_lists = st.lists(values, min_size=0, max_size=6)


# ---------------------------------------------------------------------------
# Real, Integer
# ---------------------------------------------------------------------------
def _check_range(dim):
    kind = float if isinstance(dim, Real) else int
    assert type(dim.low) is kind and type(dim.high) is kind
    assert dim.low < dim.high
    draws = dim.rvs(20, random_state=0)
    assert all(type(v) is kind and v in dim for v in draws)
    U = dim.transform(draws)
    assert U.shape == (20,) and np.all(np.isfinite(U)) and np.all((U >= 0) & (U <= 1))
    back = dim.inverse_transform(U)
    assert all(type(v) is kind and v in dim for v in back)
    if isinstance(dim, Real):
        assert back == draws  # values drawn by the dimension map back exactly
    ends = dim.inverse_transform([0.0, 1.0])
    assert ends == [dim.low, dim.high]
    for grid in (dim.grid(n_points=5), dim.grid(step=_step(dim))):
        assert grid[0] == dim.low and grid[-1] == dim.high
        assert all(type(v) is kind and v in dim for v in grid)
        assert all(x < y for x, y in zip(grid, grid[1:]))
        assert 2 <= len(grid) <= 6


def _step(dim):
    """A step cutting the range into about three pieces."""
    if dim.prior == "log-uniform":
        span = math.log(dim.high, dim.base) - math.log(dim.low, dim.base)
    else:
        span = float(dim.high) - float(dim.low)
    if isinstance(dim, Integer) and dim.prior == "uniform":
        return max(span / 3, 1.0)
    return span / 3 or span  # a span of a few subnormals cannot be divided


@settings(max_examples=200, deadline=None)
@given(cls=st.sampled_from([Real, Integer]), args=range_args(), prior=priors, base=bases)
@example(cls=Real, args=(0, 10**400), prior="uniform", base=10)  # no float holds it
@example(cls=Integer, args=(-(10**5000), 0), prior="uniform", base=10)  # nor a repr
@example(cls=Real, args=(281474955313543, 281474955313544), prior="log-uniform", base=10)
@example(cls=Real, args=(5e-324, 1.7976931348623157e308), prior="uniform", base=10)
@example(cls=Real, args=(5e-324, 1.7976931348623157e308), prior="log-uniform", base=10)
@example(cls=Real, args=(5e-324, 1.7976931348623157e308), prior="log-uniform", base=2)
@example(cls=Integer, args=(np.int8(-1), 10**12), prior="uniform", base=10)
def test_range_dimensions_are_built_and_work_or_refused_by_name(cls, args, prior, base):
    low, high = args
    with strict():
        try:
            dim = cls(low, high, prior=prior, base=base, name="p")
        except (TypeError, ValueError) as exc:
            _assert_names(exc, ["'p'"])
            return
        event(f"{cls.__name__} worked")
        _check_range(dim)
        space = Space([dim])
        assert space.size == (math.inf if cls is Real else int(high) - int(low) + 1)
        if cls is Integer:
            assert space.point_at(space.size - 1) == [dim.high]


# ---------------------------------------------------------------------------
# Categorical and the optimiser over it
# ---------------------------------------------------------------------------
@settings(max_examples=120, deadline=None)
@given(categories=category_lists, seed=st.integers(0, 3))
def test_any_categories_work_and_the_optimiser_refuses_only_duplicates(categories, seed):
    with strict():
        try:
            dim = Categorical(categories, name="p")
        except ValueError as exc:
            assert categories == []
            _assert_names(exc, ["'p'"])
            return
        cats = dim.categories
        assert dim.size == len(categories) and not any(isinstance(c, np.generic) for c in cats)
        for c in cats:
            j = dim.index(c)
            assert _equal(cats[j], c)
            assert dim.inverse_transform(dim.transform([c]))[0] is cats[j]
        assert all(v in dim for v in dim.rvs(10, random_state=seed))
        assert [p[0] for p in Space([dim])] == list(cats)
        assert dim == Categorical(categories, name="p")
        hash(dim)

        try:
            opt = Optimizer([dim], n_initial_points=2, random_state=seed)
        except ValueError as exc:
            assert _has_duplicates(cats)
            _assert_names(exc, ["'p'"])
            assert "distinct" in str(exc)
            return
        assert not _has_duplicates(cats)
        asked = []
        for i in range(len(cats) + 1):
            batch = opt.ask(2) if i % 2 else [opt.ask()] if not opt.exhausted else []
            asked += batch
            if batch:
                opt.tell(batch, [float(k % 3) for k in range(len(batch))])
        # every category exactly once, then nothing: never a repeat, never stuck
        assert sorted(dim.index(p[0]) for p in asked) == list(range(len(cats)))
        assert opt.exhausted and opt.ask(3) == []


# ---------------------------------------------------------------------------
# check_dimension: whatever a user writes for one parameter
# ---------------------------------------------------------------------------
entries = st.one_of(
    bounds,
    category_lists,
    st.tuples(numbers_any, numbers_any),
    st.tuples(numbers_any, numbers_any, st.sampled_from(["log-uniform", "uniform", "log", ""])),
    st.tuples(numbers_any, numbers_any, numbers_any, numbers_any),
    st.builds(lambda v: np.array(v, dtype=object), category_lists),
    st.builds(np.arange, st.integers(0, 4)),
    st.builds(range, st.integers(-1, 4)),
    st.sampled_from([{1, 2}, frozenset(), {"a": 1}, stats.uniform(0, 1), np.zeros((2, 2)),
                     iter([1, 2]), Real(0, 1), Integer(0, 3), Categorical([1])]),
)


@settings(max_examples=200, deadline=None)
@given(value=entries, tuple_is_range=st.booleans(), allow_distributions=st.booleans())
def test_check_dimension_reads_anything_or_names_the_parameter(
    value, tuple_is_range, allow_distributions
):
    with strict():
        try:
            dim = check_dimension(
                value, "p", tuple_is_range=tuple_is_range, allow_distributions=allow_distributions
            )
        except (TypeError, ValueError) as exc:
            _assert_names(exc, ["'p'"])
            return
    assert isinstance(dim, Dimension) and dim.name == "p"
    if isinstance(value, Dimension):
        assert dim == value._with_name("p")
    elif isinstance(dim, Categorical):
        assert dim.size == len(value)
    elif isinstance(dim, (Real, Integer)):
        assert tuple_is_range and isinstance(value, tuple) and dim.low < dim.high
    else:
        assert allow_distributions and hasattr(value, "rvs")


# ---------------------------------------------------------------------------
# the four searches, fuzzed
# ---------------------------------------------------------------------------
good_entries = st.one_of(
    st.lists(values, min_size=1, max_size=4),
    st.builds(lambda a: Real(*a), st.sampled_from([(1e-300, 1e300), (0.0, 5e-324), (-1.0, 1.0)])),
    st.builds(
        lambda a: Real(*a, prior="log-uniform"),
        st.sampled_from([(1e-300, 1e300), (5e-324, 1.0), (1.0, float(np.nextafter(1.0, 2.0)))]),
    ),
    st.sampled_from([Integer(0, 10**12), Integer(1, 10**12, prior="log-uniform"),
                     Integer(-(2**52), 2**52), Integer(3, 4)]),
    st.sampled_from([Categorical([np.nan]), Categorical([{}]), Categorical([[]]), ["only"]]),
    st.sampled_from([range(3), np.arange(2), (1e-3, 1e3, "log-uniform"), (0, 10**12), (2, 3)]),
)
space_entries = mostly(good_entries, st.one_of(st.tuples(numbers_any, numbers_any), junk))
single_spaces = st.dictionaries(st.sampled_from(NAMES), space_entries, min_size=1, max_size=2)
search_spaces = mostly(
    single_spaces,
    st.one_of(st.lists(single_spaces | st.just({}), min_size=0, max_size=2), junk),
)

n_iters = mostly(st.integers(1, 5), st.sampled_from([0, -1, 2.5, "3", None, np.int64(3), True]))
random_states = mostly(
    st.one_of(st.integers(0, 3), st.builds(np.random.RandomState, st.integers(0, 3))),
    st.one_of(
        st.sampled_from([None, -1, 2**32, 1.5, "0", np.int64(2)]),
        st.builds(np.random.default_rng, st.integers(0, 3)),
    ),
)
max_candidates = mostly(st.sampled_from([1, 3, 100, 10**6]),
                        st.sampled_from([0, -1, 2.5, "10", np.int64(50), True]))
grid_n_points = mostly(st.sampled_from([2, 3, 5, {"a": 3}]),
                       st.sampled_from([1, 0, "5", 2.5, None, True, {"zzz": 2}, {"a": 1}, 10**7]))
# (steps that keep the grids small: 1e-300..1e300 by powers of 10 would be 601 points)
grid_steps = mostly(st.sampled_from([None, 50.0, {"a": 100.0}]),
                    st.sampled_from([0, -1, math.nan, math.inf, "x", 1e-300, {"zzz": 1.0},
                                     {"a": 0}]))
batch_sizes = mostly(st.sampled_from([1, 2, 3]),
                     st.sampled_from([0, -1, "2", 1.5, None, np.int64(2)]))
optimizer_kwargs = mostly(
    st.sampled_from([None, {}, {"acq_func": "EI"},
                     {"acq_func": "LCB", "initial_point_generator": "sobol"},
                     {"acq_optimizer": "lbfgs"}, {"initial_point_generator": "grid"}]),
    st.sampled_from([
        {"bogus": 1}, {"random_state": 0}, {"dimensions": []}, {1: 2}, "EI",
        [("acq_func", "EI")], {"n_initial_points": "2"}, {"n_initial_points": 0},
        {"acq_func_kwargs": {"xi": math.nan}}, {"acq_optimizer_kwargs": {"n_points": 0}},
        {"base_estimator": "XGB"},
    ]),
)


def _make(kind, space, data):
    common = dict(cv=2, error_score="raise")
    if kind == "exhaustive":
        return ExhaustiveSearchCV(
            Cheap(), space, max_candidates=data.draw(max_candidates), **common
        )
    if kind == "grid":
        return GridSearchCV(
            Cheap(), space, n_points=data.draw(grid_n_points), step=data.draw(grid_steps),
            **common,
        )
    if kind == "random":
        return RandomSearchCV(
            Cheap(), space, n_iter=data.draw(n_iters), random_state=data.draw(random_states),
            **common,
        )
    kwargs = data.draw(optimizer_kwargs)
    if isinstance(kwargs, dict) and not (set(kwargs) & {"n_initial_points", "acq_optimizer"}):
        # keep the fuzzing fast: a short design and few acquisition candidates
        kwargs = {"n_initial_points": 2, "acq_optimizer_kwargs": {"n_points": 100}, **kwargs}
    return BayesSearchCV(
        Cheap(), space, optimizer_kwargs=kwargs, n_iter=data.draw(n_iters),
        n_points=data.draw(batch_sizes), random_state=data.draw(random_states), **common,
    )


def _subspaces(kind, space):
    """The spaces a search reads from ``space`` (as lists of (Space, n_iter) for Bayes)."""
    if kind != "bayes":
        return as_subspaces(space, "x", allow_distributions=kind == "random")
    subs = space if isinstance(space, list) else [space]
    return [as_subspaces(s, "x", tuple_is_range=True)[0] for s in subs]


def _fragments(search, space):
    names = list(search.get_params(deep=False)) + [repr(n) for n in NAMES]
    kwargs = getattr(search, "optimizer_kwargs", None)
    if isinstance(kwargs, dict):
        names += [str(k) for k in kwargs]
    return names


def _point_key(space, params):
    """Identity of a candidate: category positions and range values."""
    return tuple(
        d.index(params[d.name]) if isinstance(d, Categorical) else params[d.name]
        for d in space.dimensions
    )


@settings(max_examples=100, deadline=None)
@given(kind=st.sampled_from(["exhaustive", "grid", "random", "bayes"]), space=search_spaces,
       data=st.data())
def test_searches_work_or_refuse_by_name(kind, space, data):
    search = _make(kind, space, data)
    with strict():
        try:
            search.fit(X, Y)
        except (TypeError, ValueError) as exc:
            _assert_names(exc, _fragments(search, space))
            assert not hasattr(search, "cv_results_")
            return
    event(f"{kind} worked")
    params = search.cv_results_["params"]
    subspaces = _subspaces(kind, space)
    # every candidate is a point of one subspace, made of native values
    for p in params:
        assert not any(isinstance(v, np.generic) for v in p.values())
        assert any(set(p) == set(s.names) and p in s for s in subspaces), p
    sizes = [s.size for s in subspaces]
    if kind == "exhaustive":
        assert len(params) == sum(sizes)
    elif kind == "grid":
        grids = [s.grid(n_points=search.n_points, step=search.step) for s in subspaces]
        assert len(params) == sum(len(list(g)) for g in grids) >= 1
    elif kind == "random":
        finite = (
            all(math.isfinite(n) for n in sizes)
            and all(d.prior in (None, "uniform") for s in subspaces for d in s.dimensions)
            and sum(sizes) <= np.iinfo(np.int64).max
        )
        n_iter = int(search.n_iter)
        assert len(params) == (min(n_iter, sum(sizes)) if finite else n_iter)
    else:
        n_iter = int(search.n_iter)
        assert 1 <= len(params) <= n_iter * len(subspaces)
        counts = [len(r.x_iters) for r in search.optimizer_results_]
        assert sum(counts) == len(params)
        start = 0
        for s, n in zip(subspaces, counts):  # the subspaces are searched in turn
            mine = [_point_key(s, p) for p in params[start : start + n]]
            assert len(mine) == len(set(mine)) <= min(n_iter, s.size)
            start += n
    assert np.all(np.isfinite(search.cv_results_["mean_test_score"]))
    assert search.best_params_ is params[search.best_index_]


# ---------------------------------------------------------------------------
# checkpoints: crafted files are data, never code; categories come from the user
# ---------------------------------------------------------------------------
class _Payload:
    """Unpickling this creates ``path``: proof that a pickle was executed."""

    def __init__(self, path):
        self.path = str(path)

    def __reduce__(self):
        return (open, (self.path, "w"))


class _Model(ClassifierMixin, BaseEstimator):
    def __init__(self, x=0.0, c=None):
        self.x = x
        self.c = c

    def fit(self, X, y):
        self.classes_ = np.unique(y)
        return self

    def score(self, X, y):
        return -abs(self.x - 0.4) - len(repr(self.c)) / 100


def _bayes(space, n_iter):
    return BayesSearchCV(_Model(), space, n_iter=n_iter, n_points=2, cv=2, random_state=0,
                         optimizer_kwargs={"n_initial_points": 2})


def _crafted(state, how, payload_b64, payload_text):
    """The checkpoint ``state`` with a payload planted as ``how`` says."""
    reduce_like = {"__reduce__": ["os.system", ["touch pwned"]], "py/object": "os.system",
                   "__class__": "subprocess.Popen", "pickle": payload_b64}
    first = state["evaluations"][0]
    if how == "extra_key":
        state["pickle"] = payload_b64
        state["__reduce__"] = reduce_like
    elif how == "fit_error":
        first["out"][0]["fit_error"] = payload_text
    elif how == "fold_extra_keys":
        first["out"][0].update(reduce_like)
    elif how == "fold_replaced":
        first["out"] = [reduce_like, reduce_like]
    elif how == "score":
        first["out"][0]["test_scores"] = payload_b64
    elif how == "category_index":
        first["point"][0] = payload_b64
    elif how == "point_object":
        first["point"] = reduce_like
    elif how == "rng":
        state["optimizers"][0]["rng"][0] = payload_text
    elif how == "space":
        state["spaces"][0][0][2][0] = payload_text
    elif how == "evaluations":
        state["evaluations"] = reduce_like
    return state


CRAFTED = ["extra_key", "fit_error", "fold_extra_keys", "fold_replaced", "score",
           "category_index", "point_object", "rng", "space", "evaluations"]


@pytest.mark.parametrize("how", CRAFTED)
def test_a_crafted_checkpoint_is_read_as_data_and_nothing_runs(tmp_path, how):
    import base64
    import json
    import pickle

    from skopt_lite.callbacks import CheckpointSaver

    marker = tmp_path / "executed"
    payload = pickle.dumps(_Payload(marker))
    pickle.loads(payload).close()  # the payload is live: loading it creates the file
    assert marker.exists()
    marker.unlink()

    space = {"c": Categorical(["a", (1, 2), None]), "x": Real(0.0, 1.0)}
    path = tmp_path / "ckpt.json"
    _bayes(space, 4).fit(X, Y, callback=CheckpointSaver(path))
    state = json.loads(path.read_text())
    b64 = base64.b64encode(payload).decode("ascii")
    path.write_text(json.dumps(_crafted(state, how, b64, payload.decode("latin-1"))))

    search = _bayes(space, 6)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            search.fit(X, Y, resume_from=path)
    except ValueError as exc:  # refused, naming the file
        assert "resume_from" in str(exc) and str(path) in str(exc)
        assert how not in ("extra_key", "fit_error", "fold_extra_keys")
    else:  # read as plain data: extra keys and strings are just kept or ignored
        assert how in ("extra_key", "fit_error", "fold_extra_keys")
        assert len(search.cv_results_["params"]) == 6
        assert all(p in Space(space) for p in search.cv_results_["params"])
    assert not marker.exists()
    assert not (tmp_path / "pwned").exists()


def test_resumed_categories_are_the_users_own_objects(tmp_path):
    import json

    from sklearn.svm import SVC

    from skopt_lite.callbacks import CheckpointSaver

    mine = [SVC(C=2.0), (1, 2), {"k": [1]}, None, [3, 4]]
    space = {"c": Categorical(mine), "x": Real(0.0, 1.0)}
    path = tmp_path / "ckpt.json"
    first = _bayes(space, 4).fit(X, Y, callback=CheckpointSaver(path))
    text = path.read_text()
    for e in json.loads(text)["evaluations"]:
        assert type(e["point"][0]) is int  # an index, never the object
    assert "SVC" not in text.replace(repr(mine[0]), "")  # only in the space description

    resumed = _bayes(space, 6).fit(X, Y, resume_from=path)
    params = resumed.cv_results_["params"]
    assert len(params) == 6
    assert [p["x"] for p in params[:4]] == [p["x"] for p in first.cv_results_["params"]]
    for p in params:
        assert any(p["c"] is obj for obj in mine), p  # the very objects, not copies
    assert resumed.best_params_["c"] is params[resumed.best_index_]["c"]
