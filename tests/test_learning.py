"""skopt_lite.learning (scikit-optimize's regressors) and the tree surrogates of the Optimizer."""

import inspect

import numpy as np
import pytest
from conftest import X_SMALL, Y_SMALL, Quadratic
from sklearn.base import clone
from sklearn.ensemble import GradientBoostingRegressor

from skopt_lite import BayesSearchCV, Categorical, Integer, Optimizer, Real
from skopt_lite._validation import InvalidParameterError
from skopt_lite.learning import (
    ExtraTreesRegressor,
    GaussianProcessRegressor,
    GradientBoostingQuantileRegressor,
    RandomForestRegressor,
    default_estimator,
)
from skopt_lite.learning.gaussian_process import kernels

RNG = np.random.RandomState(0)
X = RNG.uniform(size=(40, 3))
Y = np.sin(4 * X[:, 0]) + X[:, 1] ** 2

# scikit-optimize 0.10.2's constructor parameters and defaults (read from its source).
SKOPT_FOREST = [
    "n_estimators", "criterion", "max_depth", "min_samples_split", "min_samples_leaf",
    "min_weight_fraction_leaf", "max_features", "max_leaf_nodes", "min_impurity_decrease",
    "bootstrap", "oob_score", "n_jobs", "random_state", "verbose", "warm_start", "min_variance",
]
SKOPT_KERNELS = [
    "ConstantKernel", "DotProduct", "ExpSineSquared", "Exponentiation", "HammingKernel",
    "Kernel", "Matern", "Product", "RBF", "RationalQuadratic", "Sum", "WhiteKernel",
]


@pytest.mark.parametrize("cls, bootstrap", [(RandomForestRegressor, True),
                                            (ExtraTreesRegressor, False)])
def test_forests_take_scikit_optimizes_parameters_and_defaults(cls, bootstrap):
    params = inspect.signature(cls).parameters
    assert list(params)[: len(SKOPT_FOREST)] == SKOPT_FOREST
    defaults = {k: p.default for k, p in params.items()}
    assert defaults["n_estimators"] == 10 and defaults["min_samples_leaf"] == 1
    assert defaults["max_features"] is None and defaults["n_jobs"] == 1
    assert defaults["bootstrap"] is bootstrap and defaults["min_variance"] == 0.0
    assert clone(cls(min_variance=0.5)).get_params()["min_variance"] == 0.5


@pytest.mark.parametrize("cls", [RandomForestRegressor, ExtraTreesRegressor])
def test_forest_std_is_the_mixtures_and_never_zero(cls):
    model = cls(n_estimators=30, min_samples_leaf=3, random_state=0).fit(X, Y)
    mean, std = model.predict(X, return_std=True)
    np.testing.assert_allclose(mean, model.predict(X))
    per_tree = np.array([t.predict(X.astype(np.float32)) for t in model.estimators_])
    assert np.all(std >= per_tree.std(axis=0) - 1e-12)  # the trees' spread, and more
    # One leaf per tree: every tree predicts the mean, the std is that of y.
    flat = cls(n_estimators=4, min_samples_leaf=len(X), bootstrap=False, random_state=0)
    flat.fit(X, Y)
    np.testing.assert_allclose(flat.predict(X, return_std=True)[1], Y.std(), rtol=1e-5)
    # Identical trees with pure leaves: only the floor is left, never zero.
    pure = cls(n_estimators=4, bootstrap=False, random_state=0).fit(X, Y)
    if cls is RandomForestRegressor:
        np.testing.assert_allclose(pure.predict(X, return_std=True)[1], 1e-6 * Y.std())
    constant = cls(n_estimators=5, random_state=0).fit(X, np.full(len(X), 3.0))
    assert np.all(constant.predict(X, return_std=True)[1] > 0)
    floored = cls(n_estimators=5, min_variance=0.25, random_state=0).fit(X, Y)
    assert np.all(floored.predict(X, return_std=True)[1] >= 0.5)
    two = cls(n_estimators=5, random_state=0).fit(X, np.c_[Y, -Y])
    assert [a.shape for a in two.predict(X, return_std=True)] == [(40, 2), (40, 2)]
    with pytest.raises(ValueError, match="X has 2 features"):
        model.predict(X[:, :2], return_std=True)


def test_gbrt_predicts_quantiles_and_a_floored_std():
    small = GradientBoostingRegressor(loss="quantile", n_estimators=20)
    model = GradientBoostingQuantileRegressor(base_estimator=small, random_state=0).fit(X, Y)
    assert model.quantiles is None and model.quantiles_ == (0.16, 0.5, 0.84)
    q = model.predict(X, return_quantiles=True)
    assert q.shape == (40, 3)
    mean, std = model.predict(X, return_std=True)
    np.testing.assert_allclose(mean, q[:, 1])
    np.testing.assert_allclose(std, np.maximum((q[:, 2] - q[:, 0]) / 2, 1e-6 * Y.std()))
    assert np.all(std > 0)
    again = GradientBoostingQuantileRegressor(base_estimator=small, random_state=0, n_jobs=2)
    again.fit(X, Y)
    np.testing.assert_allclose(again.predict(X), mean)
    template = GradientBoostingRegressor(loss="quantile", n_estimators=5)
    GradientBoostingQuantileRegressor(base_estimator=template, random_state=0).fit(X, Y)
    assert template.get_params()["alpha"] == 0.9  # the template is never modified


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"base_estimator": GradientBoostingRegressor()}, "loss='quantile'"),
        ({"base_estimator": RandomForestRegressor()}, "must be a GradientBoostingRegressor"),
        ({"quantiles": [0.5, 1.5]}, "quantiles must be numbers in \\(0, 1\\)"),
    ],
)
def test_gbrt_refuses_bad_parameters(kwargs, message):
    with pytest.raises(ValueError, match=message):
        GradientBoostingQuantileRegressor(**kwargs).fit(X, Y)


def test_gbrt_std_needs_its_quantiles():
    small = GradientBoostingRegressor(loss="quantile", n_estimators=5)
    model = GradientBoostingQuantileRegressor([0.5, 0.9], small, random_state=0).fit(X, Y)
    assert model.predict(X).shape == (40,)
    with pytest.raises(ValueError, match="needs the quantiles"):
        model.predict(X, return_std=True)


def test_default_estimators_are_scikit_optimizes():
    rf, et, gbrt = (default_estimator(n, random_state=3, n_jobs=2) for n in ("RF", "ET", "GBRT"))
    for forest in (rf, et):
        assert forest.n_estimators == 100 and forest.min_samples_leaf == 3
        assert forest.random_state == 3 and forest.n_jobs == 2
    assert isinstance(et, ExtraTreesRegressor) and isinstance(rf, RandomForestRegressor)
    assert gbrt.base_estimator.n_estimators == 30 and gbrt.base_estimator.loss == "quantile"
    with pytest.raises(ValueError, match="name must be one of"):
        default_estimator("GP")


def test_gaussian_process_regressor_learns_noise_and_predicts_without_it():
    noisy = Y + 0.3 * RNG.randn(len(Y))
    kernel = kernels.ConstantKernel() * kernels.Matern(length_scale=[1.0] * 3, nu=2.5)
    gpr = GaussianProcessRegressor(kernel, noise="gaussian", normalize_y=True, random_state=0)
    mean, std = gpr.fit(X, noisy).predict(X, return_std=True)
    assert gpr.kernel is kernel  # not modified
    assert gpr.noise_ > 0.01
    assert not any(isinstance(k, kernels.WhiteKernel) for k in gpr.kernel_.get_params().values())
    assert np.all(std**2 < gpr.noise_ * noisy.var())  # the noise-free function's std
    fixed = GaussianProcessRegressor(kernel, noise=0.1, random_state=0).fit(X, noisy)
    assert fixed.noise_ == 0.1
    plain = GaussianProcessRegressor(random_state=0).fit(X, Y)
    assert plain.noise_ is None
    with pytest.raises(ValueError, match="noise must be 'gaussian'"):
        GaussianProcessRegressor(noise="poisson").fit(X, Y)


def test_kernels_module_has_scikit_optimizes_names():
    assert set(SKOPT_KERNELS) <= set(kernels.__all__)
    hamming = kernels.HammingKernel(length_scale=[0.5, 2.0])
    A = np.array([[0, 1], [0, 2], [1, 1]])
    K = hamming(A)
    assert K[0, 1] == pytest.approx(np.exp(-2.0)) and K[0, 2] == pytest.approx(np.exp(-0.5))
    K, grad = hamming(A, eval_gradient=True)
    # the gradient is with respect to the log length scales: check by finite differences
    h = 1e-6
    for j in range(2):
        theta = hamming.theta.copy()
        theta[j] += h
        numeric = (hamming.clone_with_theta(theta)(A) - K) / h
        np.testing.assert_allclose(grad[:, :, j], numeric, atol=1e-5)
    with pytest.raises(ValueError, match="X has 3 features"):
        hamming(np.zeros((2, 3)))
    iso = kernels.HammingKernel()
    assert iso(A, A[:1]).shape == (3, 1) and "length_scale=1" in repr(iso)
    gpr = GaussianProcessRegressor(kernels.HammingKernel([1.0, 1.0]), noise="gaussian",
                                   normalize_y=True).fit(A, [0.0, 1.0, 0.5])
    assert gpr.predict(A).shape == (3,)


# -- tree surrogates in the Optimizer ----------------------------------------------------------
SPACE = [Real(-1.0, 1.0), Integer(0, 5), Categorical(["a", "b", "c"])]


def _f(p):
    return (p[0] - 0.3) ** 2 + 0.1 * (p[1] - 2) ** 2 + {"a": 0.5, "b": 0.0, "c": 1.0}[p[2]]


def _run(opt, n):
    for _ in range(n):
        x = opt.ask()
        opt.tell(x, _f(x))
    return opt


@pytest.mark.parametrize(
    "base, acq_func", [("RF", "EI"), ("et", "PI"), ("GbRt", "LCB"), ("ET", "gp_hedge")]
)
def test_tree_surrogates_with_every_acquisition(base, acq_func):
    opt = Optimizer(SPACE, base_estimator=base, acq_func=acq_func, n_initial_points=2,
                    random_state=1, acq_optimizer_kwargs={"n_points": 100})
    _run(opt, 4)
    assert not opt._refine  # "auto" is sampling for trees
    assert opt.base_estimator == base.upper() and len(opt.models) == 1
    batch = opt.ask(2)
    assert len({repr(p) for p in batch + opt.Xi}) == 6


def test_tree_surrogates_are_seeded_from_random_state():
    a, b = (
        _run(Optimizer(SPACE, base_estimator="ET", n_initial_points=2, random_state=1,
                       acq_optimizer_kwargs={"n_points": 100}), 4)
        for _ in range(2)
    )
    assert a.Xi == b.Xi
    assert a.models[0].random_state == b.models[0].random_state is not None


@pytest.mark.parametrize("base", ["RF", "GBRT", RandomForestRegressor(), "dummy"])
def test_lbfgs_is_refused_for_piecewise_constant_surrogates(base):
    with pytest.raises(InvalidParameterError, match="acq_optimizer='lbfgs' needs a smooth"):
        Optimizer(SPACE, base_estimator=base, acq_optimizer="lbfgs")


def test_dummy_samples_at_random_and_fits_nothing():
    opt = _run(Optimizer(SPACE, base_estimator="DUMMY", n_initial_points=2, random_state=0), 6)
    assert opt.models == [] and len({repr(p) for p in opt.Xi}) == 6


@pytest.mark.parametrize("size, expected", [(None, 4), (2, 2), (1, 1)])
def test_model_queue_size(size, expected):
    opt = Optimizer(SPACE, n_initial_points=3, model_queue_size=size, random_state=0,
                    acq_optimizer_kwargs={"n_points": 100})
    _run(opt, 6)
    assert len(opt.models) == expected
    assert [len(m.X_train_) for m in opt.models] == list(range(7 - expected, 7))


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"model_queue_size": 0}, "model_queue_size must be an integer >= 1"),
        ({"n_jobs": 0}, "n_jobs must be None or a non-zero integer"),
        ({"space_constraint": "x > 0"}, "space_constraint must be None or a callable"),
        ({"base_estimator": "XGB"}, "base_estimator must be one of"),
    ],
)
def test_bad_optimizer_keywords_are_named(kwargs, message):
    with pytest.raises(InvalidParameterError, match=message):
        Optimizer(SPACE, **kwargs)


def test_optimizer_keeps_scikit_optimizes_other_keywords():
    with pytest.warns(DeprecationWarning, match="n_random_starts"):
        opt = Optimizer(SPACE, n_random_starts=2, n_jobs=2, avoid_duplicates=False)
    assert opt.n_initial_points == 2
    assert opt.specs == {"args": {**opt.specs["args"]}, "function": "Optimizer"}
    assert opt.specs["args"]["n_jobs"] == 2 and opt.get_result().specs is opt.specs


def test_bayes_search_accepts_n_jobs_model_queue_size_and_tree_surrogates():
    search = BayesSearchCV(
        Quadratic(), {"x": Real(0, 1), "c": Categorical(["a", "b"])}, n_iter=5, cv=2,
        random_state=0,
        optimizer_kwargs={"n_jobs": 2, "model_queue_size": None, "base_estimator": "ET",
                          "n_initial_points": 3, "acq_optimizer_kwargs": {"n_points": 50}},
    ).fit(X_SMALL, Y_SMALL)
    assert len(search.optimizer_results_[0].models) == 3
    assert isinstance(search.optimizer_results_[0].models[0], ExtraTreesRegressor)
