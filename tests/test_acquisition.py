"""Acquisition functions, gp_hedge and the maximiser's building blocks."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import norm
from sklearn.gaussian_process import GaussianProcessRegressor
from sklearn.gaussian_process.kernels import Matern

from skopt_lite.optimizer._encoding import SpaceEncoder
from skopt_lite.optimizer.acquisition import (
    PORTFOLIO,
    GPHedge,
    SurrogateView,
    _minimum_samples,
    candidate_points,
    expected_improvement,
    lower_confidence_bound,
    max_value_entropy,
    probability_of_improvement,
    refine,
    utility,
)
from skopt_lite.optimizer.gp import GaussianProcess
from skopt_lite.space import Categorical, Integer, Real, Space


def test_closed_forms():
    mean = np.array([-1.0, 0.0, 0.5, 2.0])
    std = np.array([0.5, 1.0, 0.2, 3.0])
    y_best, xi = 0.1, 0.05
    z = (y_best - xi - mean) / std
    ei = (y_best - xi - mean) * norm.cdf(z) + std * norm.pdf(z)
    np.testing.assert_allclose(expected_improvement(mean, std, y_best, xi), ei)
    np.testing.assert_allclose(probability_of_improvement(mean, std, y_best, xi), norm.cdf(z))
    np.testing.assert_allclose(lower_confidence_bound(mean, std, kappa=2.0), mean - 2.0 * std)


def test_zero_std_reduces_to_the_improvement():
    mean = np.array([-1.0, 1.0])
    std = np.zeros(2)
    np.testing.assert_allclose(expected_improvement(mean, std, 0.0, xi=0.0), [1.0, 0.0])
    np.testing.assert_allclose(probability_of_improvement(mean, std, 0.0, xi=0.0), [1.0, 0.0])


def test_ei_prefers_lower_mean_and_higher_uncertainty():
    ei = expected_improvement([0.0, -0.5, 0.0], [1.0, 1.0, 2.0], y_best=0.0)
    assert ei[1] > ei[0] and ei[2] > ei[0]
    assert np.all(ei >= 0)


def test_minimum_samples_match_the_quartiles_of_the_minimum():
    mean, std = np.array([0.0, 0.5, 1.0]), np.array([1.0, 0.5, 2.0])
    samples = _minimum_samples(mean, std, np.random.RandomState(0), 200_000)

    def survival(y):  # P(min > y) for independent normals
        return np.prod(norm.sf(y, loc=mean, scale=std))

    for p, q in zip((0.25, 0.5, 0.75), np.quantile(samples, [0.25, 0.5, 0.75])):
        assert survival(q) == pytest.approx(1 - p, abs=0.01)


def test_max_value_entropy_is_the_papers_formula_on_the_same_samples():
    mean, std = np.array([0.3, -0.2, 1.5, 0.0]), np.array([0.4, 0.1, 1.0, 0.0])
    u = max_value_entropy(mean, std, np.random.RandomState(3), n_min_samples=500)
    s = np.maximum(std, 1e-10)
    m = _minimum_samples(mean, s, np.random.RandomState(3), 500)
    g = (mean[:, None] - m) / s[:, None]
    with np.errstate(all="ignore"):  # the plain formula fails where std is 0
        expected = np.mean(g * norm.pdf(g) / (2 * norm.cdf(g)) - norm.logcdf(g), axis=1)
    np.testing.assert_allclose(u[:3], expected[:3], rtol=1e-9)
    assert np.all(u >= 0) and np.all(np.isfinite(u))
    # Lower means and wider posteriors tell more about the minimum.
    u = max_value_entropy([0.0, -0.5, 0.0], [0.5, 0.5, 1.0], np.random.RandomState(0))
    assert u[1] > u[0] and u[2] > u[0]
    far = max_value_entropy([0.0, 1e6], [1.0, 1.0], np.random.RandomState(0))
    assert np.all(np.isfinite(far)) and far[1] < 1e-12


@settings(max_examples=40, deadline=None)
@given(
    mean=st.floats(-30, 30),
    std=st.floats(1e-6, 10),
    y_best=st.floats(-5, 5),
    name=st.sampled_from(PORTFOLIO),
)
def test_utility_is_finite_monotone_and_its_gradient_is_right(mean, std, y_best, name):
    m, s = np.array([mean]), np.array([std])
    u, du_dm, du_ds = utility(name, m, s, y_best, 0.01, 1.96, grad=True)
    assert np.isfinite(u[0]) and np.isfinite(du_dm[0]) and np.isfinite(du_ds[0])
    # Same ordering as the plain functions where those do not underflow.
    if name == "EI":
        plain = expected_improvement(m, s, y_best, 0.01)[0]
        if plain > 1e-250:
            assert u[0] == pytest.approx(np.log(plain), rel=1e-6, abs=1e-9)
    # A lower mean is always better.
    assert du_dm[0] <= 0
    # Central differences, with steps that move z by at most 1e-6.
    h = 1e-6 * max(std, 1e-3)

    def diff(dm, ds):
        up = utility(name, m + dm, s + ds, y_best, 0.01, 1.96)
        down = utility(name, m - dm, s - ds, y_best, 0.01, 1.96)
        return (up - down)[0] / (2 * h)

    assert du_dm[0] == pytest.approx(diff(h, 0.0), rel=1e-4, abs=1e-6)
    assert du_ds[0] == pytest.approx(diff(0.0, h), rel=1e-4, abs=1e-6)


def test_log_ei_ranks_where_plain_ei_underflows():
    mean = np.array([40.0, 45.0])
    std = np.array([1.0, 1.0])
    assert np.all(expected_improvement(mean, std, 0.0) == 0.0)
    u = utility("EI", mean, std, 0.0, 0.01, 1.96)
    assert np.all(np.isfinite(u)) and u[0] > u[1]


def test_hedge_probabilities_choice_and_update():
    hedge = GPHedge(eta=1.0)
    np.testing.assert_allclose(hedge.probabilities(), 1 / 3)
    hedge.update([-10.0, 0.0, 0.0])  # EI proposed the point with the lowest mean
    p = hedge.probabilities()
    assert p.sum() == pytest.approx(1.0)
    assert p[0] > 0.7 and p[1] >= hedge.floor / 3 - 1e-12
    a = [GPHedge().choose(np.random.RandomState(s)) for s in range(50)]
    b = [GPHedge().choose(np.random.RandomState(s)) for s in range(50)]
    assert a == b and set(a) == {0, 1, 2}
    picks = [hedge.choose(np.random.RandomState(s)) for s in range(200)]
    assert 0.7 < np.mean(np.array(picks) == 0) < 0.95


def _space():
    return Space(
        [Real(0, 1), Integer(1, 4), Categorical(["a", "b", "c"]), Real(1e-3, 1, "log-uniform")]
    )


def test_candidate_points_are_valid_and_some_are_local():
    space = _space()
    enc = SpaceEncoder(space)
    best = enc.to_unit([[0.5, 2, "b", 0.01]])
    U = candidate_points(enc, 400, np.random.RandomState(0), best=best, local_fraction=0.5)
    assert U.shape == (400, 4)
    points = space.inverse_transform(U)
    assert all(p in space for p in points)
    np.testing.assert_array_equal(enc.snap(U), U)
    local = U[200:]
    close = np.abs(local[:, 0] - 0.5) < 0.1
    assert close.mean() > 0.5


def test_encoding_snaps_integers_and_one_hot_encodes_categories():
    space = _space()
    enc = SpaceEncoder(space)
    Z = enc.encode(np.array([[0.3, 0.55, 0.5, 0.2], [0.3, 0.6, 0.9, 0.2]]))
    assert enc.n_features == 1 + 1 + 3 + 1
    # Integer(1, 4): 0.55 and 0.6 are both nearest to 3 (unit coordinate 2/3).
    np.testing.assert_allclose(Z[:, 1], 2 / 3)
    np.testing.assert_array_equal(Z[:, 2:5], [[0, 1, 0], [0, 0, 1]])
    np.testing.assert_array_equal(enc.real_features, [0, 5])


def test_refine_improves_utility_within_bounds_and_keeps_discrete_columns():
    rng = np.random.RandomState(0)
    X = rng.uniform(size=(15, 3))
    X[:, 2] = rng.randint(2, size=15)
    y = (X[:, 0] - 0.3) ** 2 + (X[:, 1] - 0.7) ** 2 + 0.5 * X[:, 2]
    view = SurrogateView(GaussianProcess(random_state=0).fit(X, y))
    Z0 = rng.uniform(size=(4, 3))
    Z0[:, 2] = [0, 1, 0, 1]
    cols = np.array([0, 1])
    mean, std = view.predict(Z0)
    for name in PORTFOLIO:
        u0 = utility(name, mean, std, y.min(), 0.01, 1.96)
        Z, u = refine(view, Z0, cols, name, y.min(), 0.01, 1.96)
        assert np.all(u >= u0) and np.any(u > u0 + 1e-6)
        assert np.all((Z >= 0) & (Z <= 1))
        np.testing.assert_array_equal(Z[:, 2], Z0[:, 2])
        m, s = view.predict(Z)
        np.testing.assert_allclose(utility(name, m, s, y.min(), 0.01, 1.96), u)


def test_finite_difference_view_of_a_custom_regressor():
    rng = np.random.RandomState(0)
    X = rng.uniform(size=(12, 2))
    y = np.sin(4 * X[:, 0]) + X[:, 1]
    gpr = GaussianProcessRegressor(Matern(0.5, nu=2.5), optimizer=None, normalize_y=True)
    gpr.fit(X, y)
    view = SurrogateView(gpr)
    Z = rng.uniform(0.2, 0.8, size=(3, 2))
    mean, std, dmean, dstd = view.predict_grad(Z, np.array([0, 1]))
    m0, s0 = gpr.predict(Z, return_std=True)
    np.testing.assert_allclose(mean, m0)
    h = 1e-4
    Zh = Z.copy()
    Zh[:, 1] += h
    np.testing.assert_allclose(dmean[:, 1], (gpr.predict(Zh) - m0) / h, rtol=1e-2, atol=1e-3)
    assert dstd.shape == (3, 2)


def test_regressor_without_return_std_is_reported():
    class NoStd:
        def predict(self, X):
            return np.zeros(len(X))

    with pytest.raises(TypeError, match="return_std"):
        SurrogateView(NoStd()).predict(np.zeros((2, 1)))
