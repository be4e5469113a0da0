"""The Gaussian-process surrogate: accuracy, gradients and numerical robustness."""

import pickle
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import approx_fprime

from skopt_lite.optimizer.gp import (
    GaussianProcess,
    _neg_log_marginal_likelihood,
    _neg_log_posterior,
)


def _data(n=25, d=2, seed=0):
    rng = np.random.RandomState(seed)
    X = rng.uniform(size=(n, d))
    y = np.sin(6 * X[:, 0]) + X[:, -1] ** 2
    return X, y


def test_interpolates_noise_free_training_points():
    X, y = _data()
    gp = GaussianProcess(random_state=0).fit(X, y)
    mean, std = gp.predict(X, return_std=True)
    np.testing.assert_allclose(mean, y, atol=1e-2 * np.ptp(y))
    assert np.all(std >= 0)
    assert np.max(std) < 0.05 * np.std(y)
    assert gp.noise_variance_ < 1e-2


def test_generalises_and_is_uncertain_away_from_data():
    X, y = _data(n=30, d=1)
    gp = GaussianProcess(random_state=0).fit(X, y)
    grid = np.linspace(0.05, 0.95, 50)[:, None]
    mean = gp.predict(grid)
    truth = np.sin(6 * grid[:, 0]) + grid[:, 0] ** 2
    assert np.max(np.abs(mean - truth)) < 0.1
    far = GaussianProcess(random_state=0).fit(X[X[:, 0] < 0.5], y[X[:, 0] < 0.5])
    _, std_near = far.predict([[0.25]], return_std=True)
    _, std_far = far.predict([[0.95]], return_std=True)
    assert std_far[0] > 5 * std_near[0]


def test_learns_noise_of_noisy_data():
    rng = np.random.RandomState(1)
    X = rng.uniform(size=(60, 1))
    y = np.sin(6 * X[:, 0]) + 0.3 * rng.normal(size=60)
    gp = GaussianProcess(random_state=0).fit(X, y)
    noise_sd = np.sqrt(gp.noise_variance_) * gp.y_std_
    assert 0.15 < noise_sd < 0.5


def test_log_marginal_likelihood_gradient_matches_finite_differences():
    X, y = _data(n=20, d=3)
    y = (y - y.mean()) / y.std()
    theta = np.log([0.3, 0.8, 2.0, 1.5, 1e-2])
    _, grad = _neg_log_marginal_likelihood(theta, X, y)
    numeric = approx_fprime(theta, lambda t: _neg_log_marginal_likelihood(t, X, y)[0], 1e-6)
    np.testing.assert_allclose(grad, numeric, rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("theta", [[0.3, 0.8, 2.0, 1.5, 1e-2], [0.05, 5.0, 0.5, 0.2, 1e-5]])
def test_log_posterior_gradient_matches_finite_differences(theta):
    X, y = _data(n=20, d=3)
    y = (y - y.mean()) / y.std()
    theta = np.log(theta)
    value, grad = _neg_log_posterior(theta, X, y)
    numeric = approx_fprime(theta, lambda t: _neg_log_posterior(t, X, y)[0], 1e-6)
    np.testing.assert_allclose(grad, numeric, rtol=1e-4, atol=1e-4)
    # The priors are the difference from the likelihood alone.
    assert value != _neg_log_marginal_likelihood(theta, X, y)[0]


def test_mixture_is_the_moment_matched_average_of_the_two_fits():
    X, y = _data()
    gp = GaussianProcess(random_state=0).fit(X, y)
    assert gp.theta_map_ is not None and not np.array_equal(gp.theta_map_, gp.theta_)
    Z = np.random.RandomState(1).uniform(size=(40, 2))
    parts = [
        GaussianProcess(theta0=t, optimize=False, map_mixture=False)
        .fit(X, y)
        .predict(Z, return_std=True)
        for t in (gp.theta_, gp.theta_map_)
    ]
    mean = 0.5 * (parts[0][0] + parts[1][0])
    var = 0.5 * sum(s**2 + (m - mean) ** 2 for m, s in parts)
    m, s = gp.predict(Z, return_std=True)
    np.testing.assert_allclose(m, mean, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(s, np.sqrt(var), rtol=1e-8, atol=1e-12)
    # Where the fits disagree the mixture is less sure than either.
    assert np.all(s >= np.minimum(parts[0][1], parts[1][1]) - 1e-12)


def test_without_the_mixture_the_likelihood_fit_alone_predicts():
    X, y = _data()
    gp = GaussianProcess(random_state=0, map_mixture=False).fit(X, y)
    assert gp.theta_map_ is None
    fixed = GaussianProcess(theta0=gp.theta_, optimize=False, map_mixture=False).fit(X, y)
    Z = np.random.RandomState(2).uniform(size=(10, 2))
    np.testing.assert_array_equal(gp.predict(Z), fixed.predict(Z))
    # Conditioning on more data keeps the setting and the hyperparameters.
    more = gp._with_data(np.vstack([X, Z[:2]]), np.concatenate([y, [0.1, 0.2]]))
    assert more.theta_map_ is None and more._members == []
    mixed = GaussianProcess(random_state=0).fit(X, y)
    more = mixed._with_data(np.vstack([X, Z[:2]]), np.concatenate([y, [0.1, 0.2]]))
    np.testing.assert_array_equal(more.theta_map_, mixed.theta_map_)
    np.testing.assert_array_equal(more._members[0].theta_, mixed.theta_map_)


def test_prediction_gradients_match_finite_differences():
    X, y = _data(n=20, d=3)
    gp = GaussianProcess(random_state=0).fit(X, y)
    Z = np.random.RandomState(2).uniform(0.1, 0.9, size=(4, 3))
    mean, std, dmean, dstd = gp._predict_with_grad(Z)
    m0, s0 = gp.predict(Z, return_std=True)
    np.testing.assert_allclose(mean, m0, atol=1e-10)
    np.testing.assert_allclose(std, s0, atol=1e-10)
    h = 1e-6
    for j in range(3):
        Zh = Z.copy()
        Zh[:, j] += h
        mh, sh = gp.predict(Zh, return_std=True)
        np.testing.assert_allclose(dmean[:, j], (mh - m0) / h, rtol=1e-3, atol=1e-4)
        np.testing.assert_allclose(dstd[:, j], (sh - s0) / h, rtol=1e-3, atol=1e-4)


def test_fit_is_reproducible_and_warm_start_is_used():
    X, y = _data()
    a = GaussianProcess(random_state=0).fit(X, y)
    b = GaussianProcess(random_state=0).fit(X, y)
    np.testing.assert_array_equal(a.theta_, b.theta_)
    np.testing.assert_array_equal(a.theta_map_, b.theta_map_)
    # Both hyperparameter sets, given, rebuild the same mixture without a search.
    fixed = GaussianProcess(theta0=a.theta_, theta0_map=a.theta_map_, optimize=False).fit(X, y)
    np.testing.assert_array_equal(fixed.theta_, a.theta_)
    np.testing.assert_array_equal(fixed.theta_map_, a.theta_map_)
    np.testing.assert_allclose(fixed.predict(X), a.predict(X))
    # A warm start at the optimum stays there.
    warm = GaussianProcess(theta0=a.theta_, n_restarts=0).fit(X, y)
    assert warm.log_marginal_likelihood_value_ >= a.log_marginal_likelihood_value_ - 1e-6


def _assert_sane(gp, X, y):
    mean, std = gp.predict(X, return_std=True)
    assert np.all(np.isfinite(mean)) and np.all(np.isfinite(std))
    assert np.all(std >= 0)
    return mean, std


def test_constant_targets():
    X, _ = _data()
    y = np.full(len(X), 3.5)
    mean, _ = _assert_sane(GaussianProcess(random_state=0).fit(X, y), X, y)
    np.testing.assert_allclose(mean, 3.5)


def test_duplicate_inputs():
    X, y = _data(n=10)
    X = np.vstack([X, X, X])
    y = np.concatenate([y, y + 0.01, y - 0.01])
    mean, _ = _assert_sane(GaussianProcess(random_state=0).fit(X, y), X, y)
    np.testing.assert_allclose(mean[:10], y[:10], atol=0.05)


def test_duplicate_inputs_with_contradicting_targets_and_no_noise():
    X = np.array([[0.5, 0.5]] * 4 + [[0.1, 0.9]])
    y = np.array([0.0, 1.0, 0.0, 1.0, 2.0])
    gp = GaussianProcess(noise_bounds=(1e-12, 1e-12), random_state=0).fit(X, y)
    _assert_sane(gp, X, y)


def test_single_observation():
    X = np.array([[0.2, 0.7]])
    gp = GaussianProcess(random_state=0).fit(X, [1.5])
    mean, std = _assert_sane(gp, np.array([[0.2, 0.7], [0.9, 0.1]]), None)
    assert mean[0] == pytest.approx(1.5)
    assert std[1] >= std[0]


@pytest.mark.parametrize(
    "scale, offset", [(1e12, 0.0), (1e-3, 1e12), (1e-12, 1.0), (1e-300, 0.0), (1e-300, 1e-290)]
)
def test_extreme_target_scales(scale, offset):
    X, base = _data()
    y = offset + scale * base
    gp = GaussianProcess(random_state=0).fit(X, y)
    mean, std = _assert_sane(gp, X, y)
    # Accurate in the targets' own units (up to their float resolution).
    resolution = 10 * np.spacing(abs(offset))
    assert np.max(np.abs(mean - y)) <= 0.05 * scale * np.ptp(base) + resolution
    # The mixture of two fits may be a little less sure than either; never
    # far beyond the targets' own spread (a second moment summed in the
    # targets' units gave 1e4 here for a spread of 1e-3).
    assert np.max(std) <= 2 * scale * np.std(base)


def test_twenty_dimensions():
    rng = np.random.RandomState(0)
    X = rng.uniform(size=(40, 20))
    y = X[:, 0] - 2 * X[:, 1] + 0.1 * rng.normal(size=40)
    gp = GaussianProcess(random_state=0).fit(X, y)
    _assert_sane(gp, X, y)
    assert gp.theta_.shape == (22,)


def test_no_features():
    X = np.empty((3, 0))
    gp = GaussianProcess(random_state=0).fit(X, [1.0, 2.0, 3.0])
    mean, std = gp.predict(np.empty((2, 0)), return_std=True)
    np.testing.assert_allclose(mean, 2.0)
    assert np.all(std >= 0)


def test_bad_input_is_refused():
    gp = GaussianProcess()
    with pytest.raises(ValueError, match="finite"):
        gp.fit([[0.0], [np.nan]], [1.0, 2.0])
    with pytest.raises(ValueError, match="finite"):
        gp.fit([[0.0], [1.0]], [1.0, np.inf])
    with pytest.raises(ValueError, match="same number"):
        gp.fit([[0.0], [1.0]], [1.0])
    with pytest.raises(ValueError, match="2-dimensional"):
        gp.fit([0.0, 1.0], [1.0, 2.0])


def test_pickles():
    X, y = _data()
    gp = GaussianProcess(random_state=0).fit(X, y)
    clone = pickle.loads(pickle.dumps(gp))
    np.testing.assert_array_equal(clone.predict(X), gp.predict(X))
    clone.fit(X, y)  # the thread controller is rebuilt after unpickling


@settings(max_examples=15, deadline=None)
@given(
    n=st.integers(1, 12),
    d=st.integers(1, 4),
    seed=st.integers(0, 2**16),
    log_scale=st.floats(-12, 12),
    n_distinct_x=st.integers(1, 12),
)
def test_never_raises_and_stays_finite(n, d, seed, log_scale, n_distinct_x):
    rng = np.random.RandomState(seed)
    base = rng.uniform(size=(n_distinct_x, d))
    X = base[rng.randint(n_distinct_x, size=n)]
    y = 10.0**log_scale * rng.normal(size=n) + rng.choice([0.0, 10.0**log_scale])
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        gp = GaussianProcess(random_state=seed).fit(X, y)
        mean, std = gp.predict(rng.uniform(size=(5, d)), return_std=True)
    assert np.all(np.isfinite(mean)) and np.all(np.isfinite(std)) and np.all(std >= 0)
