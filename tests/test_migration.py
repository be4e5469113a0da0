"""scikit-optimize 0.10's example gallery, made with skopt_lite.

One test per example of scikit-optimize's ``examples/`` folder (named after
it): written here in this project's own words and with small budgets, but
making the calls the example makes, with the arguments it passes. The
examples themselves, unchanged but for their imports, are run and timed by
``benchmarks/skopt_examples.py`` (see ``docs/user_guide/migrating.rst``).
"""

from __future__ import annotations

from functools import partial

import numpy as np
import pytest

pytest.importorskip("matplotlib")

import matplotlib  # noqa: E402

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from joblib import Parallel, delayed  # noqa: E402
from sklearn.datasets import load_breast_cancer, load_iris  # noqa: E402
from sklearn.ensemble import GradientBoostingRegressor  # noqa: E402
from sklearn.model_selection import cross_val_score, train_test_split  # noqa: E402
from sklearn.pipeline import Pipeline  # noqa: E402
from sklearn.svm import SVC, LinearSVC  # noqa: E402
from sklearn.tree import DecisionTreeClassifier  # noqa: E402

from skopt_lite import (  # noqa: E402
    BayesSearchCV,
    Optimizer,
    dummy_minimize,
    dump,
    forest_minimize,
    gp_minimize,
    load,
)
from skopt_lite.benchmarks import branin, hart6  # noqa: E402
from skopt_lite.callbacks import CheckpointSaver  # noqa: E402
from skopt_lite.learning import GaussianProcessRegressor  # noqa: E402
from skopt_lite.learning.gaussian_process.kernels import (  # noqa: E402
    RBF,
    ConstantKernel,
    ExpSineSquared,
    Matern,
    RationalQuadratic,
)
from skopt_lite.plots import (  # noqa: E402
    plot_convergence,
    plot_evaluations,
    plot_gaussian_process,
    plot_histogram,
    plot_objective,
    plot_objective_2D,
)
from skopt_lite.sampler import Grid, Halton, Hammersly, Lhs, Sobol  # noqa: E402
from skopt_lite.space import Categorical, Integer, Real, Space  # noqa: E402
from skopt_lite.utils import (  # noqa: E402
    cook_initial_point_generator,
    point_asdict,
    use_named_args,
)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


NOISE = np.random.RandomState(0)


def wavy(x, noise_level=0.0):
    """The gallery's 1-D test function: a damped sine, with optional noise."""
    return float(np.sin(5 * x[0]) * (1 - np.tanh(x[0] ** 2)) + noise_level * NOISE.randn())


def noisy_branin(x, noise_level=0.0):
    return branin(x) + noise_level * NOISE.randn()


def acquisition_axes(fig):
    return [a for a in fig.axes if a.get_label() == "acquisition"]


# -- the top-level examples ------------------------------------------------------------------
def test_ask_and_tell():
    opt = Optimizer([(-2.0, 2.0)], acq_func="EI", acq_optimizer="sampling",
                    initial_point_generator="lhs", n_initial_points=5, random_state=0)
    x = opt.ask()
    opt.tell(x, wavy(x))
    for _ in range(6):
        x = opt.ask()
        res = opt.tell(x, wavy(x, noise_level=0.1))
    assert len(res.x_iters) == 7 and res.fun == min(res.func_vals)
    ax = plot_gaussian_process(res, objective=wavy, noise_level=0.1,
                               show_next_point=False, show_acq_func=True)
    assert len(acquisition_axes(ax.figure)) == 1


def test_bayesian_optimization():
    with pytest.warns(DeprecationWarning, match="n_random_starts"):
        res = gp_minimize(partial(wavy, noise_level=0.1), [(-2.0, 2.0)], acq_func="EI",
                          n_calls=8, n_random_starts=4, noise=0.1**2, random_state=1234)
    assert len(res.func_vals) == 8 and -2.0 <= res.x[0] <= 2.0
    ax = plot_convergence(res)
    assert ax.get_ylabel()
    for n_iter in range(3):  # the model after each of the first fits
        ax = plot_gaussian_process(res, n_calls=n_iter, objective=wavy, noise_level=0.1,
                                   show_legend=True, show_title=False, show_next_point=True,
                                   show_acq_func=True)
        assert len(acquisition_axes(ax.figure)) == 1


def test_exploration_vs_exploitation():
    plot_args = {"objective": wavy, "noise_level": 0.1, "show_legend": True,
                 "show_title": True, "show_next_point": False, "show_acq_func": True}
    for acq_func, kwargs in [("LCB", {"xi": 10000, "kappa": 10000}), ("EI", {"xi": 1e-6}),
                             ("PI", {"xi": 1e-6}), ("MES", {"n_min_samples": 150})]:
        opt = Optimizer([(-2.0, 2.0)], "GP", n_initial_points=3, acq_func=acq_func,
                        acq_optimizer="sampling", acq_func_kwargs=kwargs, random_state=0)
        res = opt.run(wavy, n_iter=5)
        assert len(res.x_iters) == 5
        plot_gaussian_process(opt.get_result(), **plot_args)
    # Changing kappa on the way, as the example does.
    opt.acq_func_kwargs = {"kappa": 100000}
    opt.update_next()
    assert len(opt.run(wavy, n_iter=2).x_iters) == 7


def test_hyperparameter_optimization():
    # The example tunes a gradient-boosting regressor on California housing
    # (downloaded); the diabetes data ships with scikit-learn.
    from sklearn.datasets import load_diabetes

    X, y = load_diabetes(return_X_y=True)
    reg = GradientBoostingRegressor(n_estimators=10, random_state=0)
    space = [Integer(1, 5, name="max_depth"),
             Real(10**-5, 10**0, "log-uniform", name="learning_rate"),
             Integer(1, X.shape[1], name="max_features"),
             Integer(2, 100, name="min_samples_split"),
             Integer(1, 100, name="min_samples_leaf")]

    @use_named_args(space)
    def objective(**params):
        reg.set_params(**params)
        return -np.mean(cross_val_score(reg, X, y, cv=3, scoring="neg_mean_absolute_error"))

    res_gp = gp_minimize(objective, space, n_calls=8, n_initial_points=5, random_state=0)
    assert res_gp.fun == min(res_gp.func_vals) and len(res_gp.x) == 5
    assert plot_convergence(res_gp) is not None


def test_interruptible_optimization(tmp_path):
    path = tmp_path / "checkpoint.pkl"
    saver = CheckpointSaver(str(path), compress=9)
    with pytest.warns(DeprecationWarning, match="n_random_starts"):
        gp_minimize(wavy, [(-20.0, 20.0)], x0=[-20.0], acq_func="LCB", n_calls=6,
                    n_random_starts=3, callback=[saver], random_state=777)
    res = load(str(path))
    assert len(res.x_iters) == 6 and res.fun == min(res.func_vals)
    with pytest.warns(DeprecationWarning, match="n_random_starts"):
        more = gp_minimize(wavy, [(-20.0, 20.0)],
                           base_estimator=res.specs["args"]["base_estimator"],
                           x0=res.x_iters, y0=res.func_vals, acq_func="LCB", n_calls=4,
                           n_random_starts=3, callback=[saver], random_state=res.random_state)
    assert more.x_iters[:6] == res.x_iters and len(more.x_iters) == 10
    assert len(load(str(path)).x_iters) == 10


def test_optimizer_with_different_base_estimator():
    kernels = [
        1.0 * RBF(length_scale=1.0, length_scale_bounds=(1e-1, 10.0)),
        1.0 * RationalQuadratic(length_scale=1.0, alpha=0.1),
        1.0 * ExpSineSquared(length_scale=1.0, periodicity=3.0,
                             length_scale_bounds=(0.1, 10.0), periodicity_bounds=(1.0, 10.0)),
        ConstantKernel(0.1, (0.01, 10.0)) * Matern(length_scale=1.0,
                                                    length_scale_bounds=(0.1, 10.0), nu=2.5),
    ]
    for kernel in [None, *kernels]:
        base = "GP" if kernel is None else GaussianProcessRegressor(
            kernel=kernel, alpha=0.1**2, normalize_y=True, noise="gaussian",
            n_restarts_optimizer=2)
        opt = Optimizer([(-2.0, 2.0)], base_estimator=base, n_initial_points=3,
                        acq_optimizer="sampling", random_state=42)
        for _ in range(5):
            x = opt.ask()
            res = opt.tell(x, wavy(x, noise_level=0.1))
        assert len(res.models) == 1
        plt.figure()
        ax = plot_gaussian_process(res, ax=plt.subplot(1, 2, 1), objective=wavy,
                                   noise_level=0.1, show_legend=True, show_title=True,
                                   show_next_point=False, show_acq_func=False)
        plot_gaussian_process(res, ax=plt.subplot(1, 2, 2), noise_level=0.1,
                              show_legend=False, show_title=False, show_next_point=True,
                              show_acq_func=True, show_observations=False, show_mu=False)
        assert ax.get_title()


def test_parallel_optimization():
    optimizer = Optimizer(dimensions=[Real(-5.0, 10.0), Real(0.0, 15.0)], random_state=1,
                          base_estimator="gp")
    for _ in range(4):
        x = optimizer.ask(n_points=4)
        y = Parallel(n_jobs=2)(delayed(branin)(v) for v in x)
        optimizer.tell(x, y)
    assert len(optimizer.yi) == 16 and len({tuple(p) for p in optimizer.Xi}) == 16
    assert min(optimizer.yi) < 10


def test_sklearn_gridsearchcv_replacement():
    X, y = load_iris(return_X_y=True)
    X_train, X_test, y_train, y_test = train_test_split(X, y, train_size=0.75, test_size=0.25,
                                                        random_state=0)
    with pytest.warns(UserWarning, match="degree"):  # [1, 8] would be a range in skopt
        BayesSearchCV(SVC(), {"C": (1e-6, 1e6, "log-uniform"), "degree": [1, 8]}, n_iter=2,
                      cv=2).fit(X_train, y_train)
    opt = BayesSearchCV(
        SVC(),
        {"C": (1e-6, 1e6, "log-uniform"), "gamma": (1e-6, 1e1, "log-uniform"),
         "degree": (1, 8), "kernel": ["linear", "poly", "rbf"]},
        n_iter=12, cv=3, random_state=0,
    )
    opt.fit(X_train, y_train)
    assert 0 <= opt.score(X_test, y_test) <= 1 and len(opt.cv_results_["params"]) == 12

    pipe = Pipeline([("model", SVC())])
    svc_search = {"model": Categorical([SVC()]),
                  "model__C": Real(1e-6, 1e6, prior="log-uniform"),
                  "model__gamma": Real(1e-6, 1e1, prior="log-uniform"),
                  "model__degree": Integer(1, 8),
                  "model__kernel": Categorical(["linear", "poly", "rbf"])}
    linsvc_search = {"model": [LinearSVC(max_iter=1000)],
                     "model__C": (1e-6, 1e6, "log-uniform")}
    opt = BayesSearchCV(pipe, [(svc_search, 12), (linsvc_search, 3)], cv=3, random_state=0)
    opt.fit(X_train, y_train)
    assert len(opt.optimizer_results_) == 2 and len(opt.cv_results_["params"]) == 15
    axes = plot_objective(opt.optimizer_results_[0],
                          dimensions=["C", "degree", "gamma", "kernel"], n_minimum_search=100)
    assert axes.shape == (4, 4)
    assert plot_histogram(opt.optimizer_results_[1], 1) is not None

    seen = []

    def on_step(optim_result):
        seen.append(-optim_result.fun)
        return -optim_result.fun >= 0.98  # stop once good enough

    searchcv = BayesSearchCV(SVC(gamma="scale"), search_spaces={"C": (0.01, 100.0, "log-uniform")},
                             n_iter=6, cv=3, random_state=0)
    searchcv.fit(X, y, callback=on_step)
    assert 1 <= len(seen) <= 6 and len(searchcv.cv_results_["params"]) == len(seen)

    searchcv = BayesSearchCV(SVC(), search_spaces=[({"C": (0.1, 1.0)}, 3), {"gamma": (0.1, 1.0)}],
                             n_iter=2, random_state=0)
    searchcv.fit(X, y)
    assert len(searchcv.cv_results_["params"]) == 5


def test_store_and_load_results(tmp_path):
    with pytest.warns(DeprecationWarning, match="n_random_starts"):
        res = gp_minimize(wavy, [(-2.0, 2.0)], x0=[0.0], acq_func="LCB", n_calls=6,
                          n_random_starts=3, random_state=777)
    dump(res, tmp_path / "result.pkl")
    loaded = load(tmp_path / "result.pkl")
    assert loaded.x_iters == res.x_iters and loaded.fun == res.fun
    dump(res, tmp_path / "result.gz", compress=9)
    dump(res, tmp_path / "result_without_objective.pkl", store_objective=False)
    without = load(tmp_path / "result_without_objective.pkl")
    assert "func" in res.specs["args"] and "func" not in without.specs["args"]


def test_strategy_comparison():
    func = partial(noisy_branin, noise_level=2.0)
    bounds = [(-5.0, 10.0), (0.0, 15.0)]

    def run(minimizer, n_iter=2):
        return [minimizer(func, bounds, n_calls=12, random_state=n) for n in range(n_iter)]

    results = [("dummy_minimize", run(dummy_minimize)), ("gp_minimize", run(gp_minimize)),
               ("forest_minimize('rf')", run(partial(forest_minimize, base_estimator="RF"))),
               ("forest_minimize('et')", run(partial(forest_minimize, base_estimator="ET")))]
    ax = plot_convergence(*results, true_minimum=0.397887, yscale="log")
    assert ax.get_yscale() == "log"
    assert [t.get_text() for t in ax.get_legend().get_texts()][:4] == [n for n, _ in results]


# -- plots/ ------------------------------------------------------------------------------------
def test_partial_dependence_plot():
    def funny_func(x):
        return sum(x[i] ** 2 * (i + 1) for i in range(len(x)))

    bounds = [(-1.0, 1.0)] * 3
    result = forest_minimize(funny_func, bounds, n_calls=15, base_estimator="ET", random_state=4)
    for kwargs in [{}, {"minimum": "expected_minimum"}, {"sample_source": "result"},
                   {"sample_source": "expected_minimum", "minimum": "expected_minimum"},
                   {"sample_source": [1, -0.5, 0.5], "minimum": [1, -0.5, 0.5]}]:
        axes = plot_objective(result, n_points=5, **kwargs)
        assert axes.shape == (3, 3)


def test_partial_dependence_plot_2D():
    dimensions = [Real(name="learning_rate", low=1e-6, high=1e-2, prior="log-uniform"),
                  Integer(name="num_dense_layers", low=1, high=5),
                  Integer(name="num_dense_nodes", low=5, high=512),
                  Categorical(name="activation", categories=["relu", "sigmoid"])]
    default_parameters = [1e-4, 1, 64, "relu"]

    def model_fitness(x):  # a stand-in for the example's Keras model
        rate, layers, nodes, activation = x
        return (np.log10(rate) + 4) ** 2 + 0.1 * layers + abs(nodes - 200) / 500 + (
            activation == "sigmoid")

    search_result = gp_minimize(func=model_fitness, dimensions=dimensions, n_calls=12,
                                x0=default_parameters, random_state=123)
    space = search_result.space
    search_space = {name: space[name][1] for name in space.dimension_names}
    assert point_asdict(search_space, default_parameters)["activation"] == 1e-4  # sorted names
    ax = plot_histogram(result=search_result, dimension_identifier="learning_rate", bins=20)
    assert ax.get_xlabel() == "learning_rate"
    ax = plot_objective_2D(result=search_result, dimension_identifier1="learning_rate",
                           dimension_identifier2="num_dense_nodes")
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("learning_rate", "num_dense_nodes")
    axes = plot_objective(result=search_result, plot_dims=["num_dense_layers", "num_dense_nodes"])
    assert axes.shape == (2, 2)


def test_partial_dependence_plot_with_categorical():
    X, y = load_breast_cancer(return_X_y=True)
    SPACE = [Integer(1, 20, name="max_depth"), Integer(2, 100, name="min_samples_split"),
             Integer(5, 30, name="min_samples_leaf"), Integer(1, 30, name="max_features"),
             Categorical(list("abc"), name="dummy"),
             Categorical(["gini", "entropy"], name="criterion"),
             Categorical(list("def"), name="dummy")]

    def objective(params):
        clf = DecisionTreeClassifier(
            random_state=0, **{d.name: v for d, v in zip(SPACE, params) if d.name != "dummy"})
        return -np.mean(cross_val_score(clf, X, y, cv=3))

    result = gp_minimize(objective, SPACE, n_calls=11, random_state=0)
    for kwargs in [{}, {"sample_source": "result"},
                   {"sample_source": "expected_minimum_random",
                    "minimum": "expected_minimum_random", "n_minimum_search": 1000},
                   {"sample_source": [15, 4, 7, 15, "b", "entropy", "e"],
                    "minimum": [15, 4, 7, 15, "b", "entropy", "e"]}]:
        axes = plot_objective(result, n_points=5, n_samples=20, **kwargs)
        assert axes.shape == (7, 7)


def test_visualizing_results():
    bounds = [(-5.0, 10.0), (0.0, 15.0)]
    forest_res = forest_minimize(branin, bounds, n_calls=12, n_jobs=1, base_estimator="ET",
                                 random_state=4)
    assert plot_evaluations(forest_res, bins=10).shape == (2, 2)
    assert plot_objective(forest_res, n_samples=10, n_points=5).shape == (2, 2)
    dummy_res = dummy_minimize(branin, bounds, n_calls=12, random_state=4)
    assert plot_evaluations(dummy_res, bins=10).shape == (2, 2)
    bounds = [(0.0, 1.0)] * 6
    forest_res = forest_minimize(hart6, bounds, n_calls=12, n_jobs=1, base_estimator="ET",
                                 random_state=4)
    assert plot_evaluations(forest_res).shape == (6, 6)


# -- sampler/ ----------------------------------------------------------------------------------
@pytest.mark.parametrize("dims", [[(-5.0, 10.0), (0.0, 15.0)], [(0, 5), (0, 5)]],
                         ids=["initial-sampling-method", "initial-sampling-method-integer"])
def test_initial_sampling_method(dims):
    space = Space(dims)
    n_samples = 10
    assert len(space.rvs(n_samples)) == n_samples
    generators = [Sobol(), Lhs(lhs_type="classic", criterion=None),
                  Lhs(lhs_type="centered", criterion=None),
                  Lhs(criterion="maximin", iterations=100),
                  Lhs(criterion="correlation", iterations=100),
                  Lhs(criterion="ratio", iterations=100), Halton(), Hammersly(),
                  Grid(border="include", use_full_layout=False)]
    for generator in generators:
        x = generator.generate(space.dimensions, n_samples)
        assert len(x) == n_samples and all(p in space for p in x)


def test_sampling_comparison():
    func = partial(noisy_branin, noise_level=2.0)
    bounds = [(-5.0, 10.0), (0.0, 15.0)]
    lhs = cook_initial_point_generator("lhs", lhs_type="classic", criterion=None)
    lhs2 = cook_initial_point_generator("lhs", criterion="maximin")
    sobol = cook_initial_point_generator("sobol", randomize=False, min_skip=1, max_skip=100)

    def run(generator, n_initial_points=6):
        return [gp_minimize(func, bounds, n_initial_points=n_initial_points,
                            initial_point_generator=generator, n_calls=8, random_state=n)
                for n in range(2)]

    results = [(name, run(gen)) for name, gen in [("random", "random"), ("lhs", lhs),
                                                 ("lhs_maximin", lhs2), ("sobol'", sobol),
                                                 ("halton", "halton"), ("hammersly", "hammersly"),
                                                 ("grid", "grid")]]
    ax = plot_convergence(*results, true_minimum=0.397887)
    assert len(ax.get_legend().get_texts()) >= len(results)
