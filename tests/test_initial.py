"""Initial designs: reproducible, valid, distinct points of the space."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skopt_lite.optimizer.initial import INITIAL_POINT_GENERATORS, initial_design
from skopt_lite.space import Categorical, Integer, Real, Space


def _mixed_space():
    return Space(
        [
            Real(1e-3, 1e2, prior="log-uniform"),
            Real(-1.0, 1.0),
            Integer(1, 6),
            Categorical(["a", "b", None]),
        ]
    )


@st.composite
def spaces(draw):
    dims = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["real", "int", "cat"]))
        if kind == "real":
            dims.append(Real(0.0, draw(st.floats(0.5, 100.0))))
        elif kind == "int":
            low = draw(st.integers(-5, 5))
            dims.append(Integer(low, low + draw(st.integers(1, 6))))
        else:
            dims.append(Categorical(list(range(draw(st.integers(1, 4))))))
    return Space(dims)


@pytest.mark.parametrize("method", INITIAL_POINT_GENERATORS)
def test_design_is_reproducible_valid_and_distinct(method):
    space = _mixed_space()
    U = initial_design(space, 12, method, random_state=3)
    assert U.shape == (12, 4)
    np.testing.assert_array_equal(U, initial_design(space, 12, method, random_state=3))
    assert np.all((U >= 0) & (U <= 1))
    points = space.inverse_transform(U)
    assert all(p in space for p in points)
    keys = {(p[0], p[1], p[2], p[3]) for p in points}
    assert len(keys) == 12
    # Valid points: a round trip through the space leaves them where they are.
    np.testing.assert_allclose(space.transform(points), U, atol=1e-12)


@pytest.mark.parametrize("method", ["sobol", "halton", "lhs", "grid"])
def test_designs_differ_between_seeds(method):
    space = Space([Real(0, 1), Real(0, 1)])
    a = initial_design(space, 8, method, random_state=0)
    b = initial_design(space, 8, method, random_state=1)
    assert not np.array_equal(a, b)


@pytest.mark.parametrize("method", INITIAL_POINT_GENERATORS)
def test_small_finite_space_is_covered_without_duplicates(method):
    space = Space([Categorical(["x", "y", "z"]), Integer(0, 1)])
    U = initial_design(space, 10, method, random_state=0)
    points = space.inverse_transform(U)
    assert len(points) == 6
    assert sorted(map(tuple, points)) == sorted(map(tuple, space))


def test_sobol_prefix_raises_no_balance_warning():
    space = Space([Real(0, 1), Real(0, 1), Real(0, 1)])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        U = initial_design(space, 10, "sobol", random_state=0)
    assert U.shape == (10, 3)


def test_qmc_designs_spread_better_than_one_random_draw_per_cell():
    # A scrambled Sobol' design of 16 points puts one point in each of the 16
    # cells of a 4 x 4 grid (it is a (0, m, 2)-net).
    space = Space([Real(0, 1), Real(0, 1)])
    U = initial_design(space, 16, "sobol", random_state=0)
    cells = {(int(u[0] * 4), int(u[1] * 4)) for u in U}
    assert len(cells) == 16


def test_grid_design_takes_cell_centres():
    space = Space([Real(0, 1), Real(0, 1)])
    U = initial_design(space, 9, "grid", random_state=0)
    centres = np.round([1 / 6, 0.5, 5 / 6], 12)
    expected = {(a, b) for a in centres for b in centres}
    assert set(map(tuple, np.round(U, 12))) == expected


def test_zero_points_and_bad_arguments():
    space = _mixed_space()
    assert initial_design(space, 0, "sobol", random_state=0).shape == (0, 4)
    with pytest.raises(ValueError, match="method"):
        initial_design(space, 3, "maximin")
    with pytest.raises(ValueError, match="n_points"):
        initial_design(space, -1)
    with pytest.raises(ValueError, match="n_points"):
        initial_design(space, 2.5)


def test_random_design_follows_the_prior():
    space = Space([Categorical(["a", "b"], prior=[0.9, 0.1]), Real(0, 1)])
    points = space.inverse_transform(initial_design(space, 200, "random", random_state=0))
    share_a = np.mean([p[0] == "a" for p in points])
    assert 0.8 < share_a < 0.97


@settings(max_examples=25, deadline=None)
@given(space=spaces(), n=st.integers(0, 15), method=st.sampled_from(INITIAL_POINT_GENERATORS),
       seed=st.integers(0, 2**16))
def test_any_design_is_in_the_space_and_distinct(space, n, method, seed):
    U = initial_design(space, n, method, random_state=seed)
    expected = min(n, space.size)
    assert U.shape == (expected, space.n_dims)
    points = space.inverse_transform(U)
    assert all(p in space for p in points)
    assert len({repr(p) for p in points}) == expected


def test_grid_design_in_many_dimensions_stays_small():
    # 2**30 cells: the design picks 10 of them without building the grid.
    space = Space([Real(0, 1)] * 30)
    U = initial_design(space, 10, "grid", random_state=0)
    assert U.shape == (10, 30)
    assert set(np.unique(U)) <= {0.25, 0.75}
    assert len({tuple(u) for u in U}) == 10
