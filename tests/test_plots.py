"""skopt_lite.plots: the figures hold the panels, lines and points the data implies."""

from __future__ import annotations

import importlib
import inspect
import re
import sys
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("matplotlib")

import matplotlib  # noqa: E402

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from matplotlib.collections import PathCollection, PolyCollection, QuadMesh  # noqa: E402
from sklearn.datasets import load_iris  # noqa: E402
from sklearn.svm import SVC  # noqa: E402

import skopt_lite.plots as plots  # noqa: E402
from skopt_lite import (  # noqa: E402
    BayesSearchCV,
    Categorical,
    ExhaustiveSearchCV,
    GridSearchCV,
    Integer,
    Optimizer,
    OptimizeResult,
    RandomSearchCV,
    Real,
    Space,
)
from skopt_lite.optimizer.targets import model_targets, values_of_targets  # noqa: E402
from skopt_lite.plots import (  # noqa: E402
    partial_dependence,
    partial_dependence_1D,
    partial_dependence_2D,
    plot_convergence,
    plot_evaluations,
    plot_gaussian_process,
    plot_histogram,
    plot_objective,
    plot_objective_2D,
    plot_regret,
)

ROOT = Path(__file__).resolve().parents[1]
N_BAYES = 12
BAYES_SPACE = {
    "C": Real(1e-2, 1e3, prior="log-uniform"),
    "gamma": Real(1e-4, 1.0, prior="log-uniform"),
    "kernel": Categorical(["linear", "rbf"]),
}


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def iris():
    return load_iris(return_X_y=True)


@pytest.fixture(scope="module")
def bayes(iris):
    return BayesSearchCV(SVC(), BAYES_SPACE, n_iter=N_BAYES, cv=3, random_state=0).fit(*iris)


@pytest.fixture(scope="module")
def random_search(iris):
    return RandomSearchCV(SVC(), BAYES_SPACE, n_iter=8, cv=3, random_state=0).fit(*iris)


def quadratic_result(n_calls=20, n_initial_points=8, seed=0):
    """An OptimizeResult of f(x, k, c) = (x - 0.5)^2 + 0.01 k + [c == 'b'] on a mixed space."""
    opt = Optimizer(
        [Real(-2.0, 2.0, name="x"), Integer(0, 3, name="k"), Categorical(["a", "b"], name="c")],
        n_initial_points=n_initial_points,
        random_state=seed,
    )
    result = None
    for _ in range(n_calls):
        x, k, c = opt.ask()
        result = opt.tell([x, k, c], (x - 0.5) ** 2 + 0.01 * k + (c == "b"))
    return result


@pytest.fixture(scope="module")
def result():
    return quadratic_result()


def scatters(ax):
    """The evaluated points, then the best point (if drawn) of a panel."""
    points = [c for c in ax.collections if c.get_gid() == "evaluations"]
    best = [c for c in ax.collections if c.get_gid() == "best"]
    assert all(isinstance(c, PathCollection) for c in points + best)
    return points + best


def ticklabels(axis):
    return [t.get_text() for t in axis.get_ticklabels()]


def visible(axes):
    return [ax for ax in axes.ravel() if ax.get_visible()]


# -- plot_convergence ---------------------------------------------------------------------
def test_convergence_of_a_search_is_the_running_best_score(bayes):
    ax = plot_convergence(bayes)
    assert isinstance(ax, plt.Axes)
    (line,) = ax.lines
    x, y = line.get_xdata(), line.get_ydata()
    scores = bayes.cv_results_["mean_test_score"]
    np.testing.assert_array_equal(x, np.arange(1, N_BAYES + 1))
    assert np.all(np.diff(y) >= 0)
    np.testing.assert_allclose(y, np.maximum.accumulate(scores))
    assert y[-1] == pytest.approx(bayes.best_score_)
    assert "score" in ax.get_ylabel()


def test_convergence_of_a_result_is_the_running_minimum(result):
    ax = plot_convergence(result)
    (line,) = ax.lines
    y = line.get_ydata()
    assert len(y) == len(result.func_vals)
    assert np.all(np.diff(y) <= 0)
    np.testing.assert_allclose(y, np.minimum.accumulate(result.func_vals))
    assert y[-1] == pytest.approx(result.fun)
    # scikit-optimize's plot of a BayesSearchCV: the negated scores, minimised.
    bayes_like = plot_convergence(("r", result)).lines[0].get_ydata()
    np.testing.assert_allclose(bayes_like, y)


def test_convergence_of_two_searches_draws_two_labelled_lines(bayes, random_search):
    ax = plot_convergence(("bayes", bayes), ("random", random_search))
    assert [line.get_label() for line in ax.lines] == ["bayes", "random"]
    assert [len(line.get_xdata()) for line in ax.lines] == [N_BAYES, 8]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["bayes", "random"]
    # Without labels, several lines are labelled by class name.
    ax = plot_convergence(bayes, random_search)
    assert [line.get_label() for line in ax.lines] == ["BayesSearchCV", "RandomSearchCV"]


def test_convergence_on_given_axes_with_reference_and_scale(result):
    fig, ax = plt.subplots()
    assert plot_convergence(result, ax=ax, true_minimum=0.0, yscale="symlog") is ax
    assert ax.get_yscale() == "symlog"
    ref = [line for line in ax.lines if line.get_label() == "true minimum"]
    assert len(ref) == 1 and np.all(np.asarray(ref[0].get_ydata()) == 0.0)


def test_convergence_skips_failed_evaluations():
    opt = Optimizer([Real(0.0, 1.0)], n_initial_points=10, random_state=0)
    values = [np.nan, 3.0, np.nan, 2.0, 5.0, np.inf, 1.0]
    for v in values:
        opt.tell(opt.ask(), v)
    y = plot_convergence(opt.get_result()).lines[0].get_ydata()
    np.testing.assert_array_equal(y, [np.nan, 3.0, 3.0, 2.0, 2.0, 2.0, 1.0])


def test_convergence_of_a_multimetric_search_uses_the_refit_metric(iris):
    scoring = {"acc": "accuracy", "bal": "balanced_accuracy"}
    space = {"C": [0.01, 0.1, 1.0, 10.0]}
    search = GridSearchCV(SVC(), space, scoring=scoring, refit="bal", cv=3).fit(*iris)
    ax = plot_convergence(search)
    scores = search.cv_results_["mean_test_bal"]
    np.testing.assert_allclose(ax.lines[0].get_ydata(), np.maximum.accumulate(scores))
    assert "bal" in ax.get_ylabel()
    search = GridSearchCV(SVC(), space, scoring=scoring, refit=False, cv=3).fit(*iris)
    with pytest.raises(ValueError, match="several metrics.*refit"):
        plot_convergence(search)


def test_convergence_refuses_bad_input(bayes, result):
    with pytest.raises(ValueError, match="at least one"):
        plot_convergence()
    with pytest.raises(ValueError, match="cannot draw searches .* and OptimizeResults"):
        plot_convergence(bayes, result)
    with pytest.raises(TypeError, match="got str"):
        plot_convergence("result")
    with pytest.raises(TypeError, match="a list must hold .* got a int"):
        plot_convergence([result, 3])
    with pytest.raises(ValueError, match="empty list"):
        plot_convergence([])
    with pytest.raises(TypeError, match=r"\(label, search_or_result\)"):
        plot_convergence((result, "label"))
    with pytest.raises(ValueError, match="not fitted"):
        plot_convergence(RandomSearchCV(SVC(), {"C": [1.0]}))


# -- plot_objective -----------------------------------------------------------------------
def test_objective_of_a_3d_search_has_the_panels_lines_and_points(bayes):
    axes = plot_objective(bayes, n_points=15, n_samples=50)
    assert axes.shape == (3, 3)
    assert len(visible(axes)) == 6  # 3 diagonal + 3 below
    assert not any(axes[i, j].get_visible() for i in range(3) for j in range(i + 1, 3))
    res = bayes.optimizer_results_[0]
    n = len(res.x_iters)
    for a, expected_points in enumerate([15, 15, 2]):  # C, gamma: n_points; kernel: 2
        ax = axes[a, a]
        (line,) = ax.lines[:1]
        assert len(line.get_xdata()) == expected_points
        assert np.all(np.isfinite(line.get_ydata()))
        (rug,) = scatters(ax)
        assert len(rug.get_offsets()) == n
    for a, b in [(1, 0), (2, 0), (2, 1)]:
        dots, star = scatters(axes[a, b])
        assert len(dots.get_offsets()) == n
        assert len(star.get_offsets()) == 1
    # The best point: the star, and a dashed line on each diagonal panel.
    best = res.x
    star = scatters(axes[1, 0])[1].get_offsets()[0]
    np.testing.assert_allclose(star, [best[0], best[1]])
    kernel_star = scatters(axes[2, 0])[1].get_offsets()[0]
    assert kernel_star[1] == ["linear", "rbf"].index(best[2])
    # Log axes for log-uniform priors, category names on categorical axes.
    assert axes[2, 0].get_xscale() == "log" and axes[2, 1].get_xscale() == "log"
    assert axes[1, 0].get_yscale() == "log"
    assert ticklabels(axes[2, 0].yaxis) == ["linear", "rbf"]
    assert ticklabels(axes[2, 2].xaxis) == ["linear", "rbf"]
    assert axes[2, 0].get_xlabel() == "C" and axes[1, 0].get_ylabel() == "gamma"
    # Pairs with a categorical dimension are cells, one per category and value.
    (mesh,) = [c for c in axes[2, 0].collections if isinstance(c, QuadMesh)]
    assert mesh.get_array().size == 2 * 15


def test_objective_of_a_search_is_in_scores_and_of_a_result_in_values(bayes):
    res = bayes.optimizer_results_[0]
    axes = plot_objective(bayes, n_points=10, n_samples=30)
    by_search = axes[0, 0].lines[0].get_ydata()
    (bar,) = colorbars(axes[0, 0].figure)
    assert bar.get_ylabel() == "partial dependence (score)"
    by_result = plot_objective(res, n_points=10, n_samples=30)[0, 0].lines[0].get_ydata()
    np.testing.assert_allclose(by_search, -by_result)
    # The surrogate's averages live in the range of the evaluated scores.
    scores = bayes.cv_results_["mean_test_score"]
    assert scores.min() - 0.2 < by_search.min() <= by_search.max() < scores.max() + 0.2


def test_partial_dependence_finds_the_shape_of_the_objective(result):
    axes = plot_objective(result, n_points=41)
    assert axes.shape == (3, 3)
    x_line, k_line, c_line = (axes[a, a].lines[0] for a in range(3))
    # (x - 0.5)^2: the partial dependence is lowest near x = 0.5 and rises to both ends.
    x, y = x_line.get_xdata(), x_line.get_ydata()
    assert abs(x[np.argmin(y)] - 0.5) < 0.4
    assert y[0] > y.min() + 0.5 and y[-1] > y.min() + 0.5
    # An Integer range of 4 values is drawn at its 4 integers; c == "b" costs about 1.
    np.testing.assert_array_equal(k_line.get_xdata(), [0, 1, 2, 3])
    # The optimiser avoids c == "b" after a few tries, so the model estimates the
    # cost of "b" from few points: the right sign and order of magnitude.
    a_value, b_value = c_line.get_ydata()
    assert 0.5 < b_value - a_value < 2.0
    assert ticklabels(axes[2, 2].xaxis) == ["a", "b"]
    assert axes[0, 0].get_xscale() == "linear"


def test_objective_plot_dims_select_and_order_panels(bayes):
    axes = plot_objective(bayes, plot_dims=["kernel", "C"], n_points=8, n_samples=20)
    assert axes.shape == (2, 2)
    assert axes[1, 0].get_xlabel() == "kernel" and axes[1, 0].get_ylabel() == "C"
    assert axes[1, 0].get_yscale() == "log"
    assert len(plot_objective(bayes, plot_dims=[1], n_points=8, n_samples=20)) == 1
    with pytest.raises(ValueError, match="unknown dimension 'D'"):
        plot_objective(bayes, plot_dims=["D"])
    with pytest.raises(ValueError, match="repeats"):
        plot_objective(bayes, plot_dims=["C", 0])


def test_dimensions_are_labels_of_the_plotted_dimensions(bayes):
    axes = plot_objective(bayes, dimensions=["c", "g", "k"], n_points=5, n_samples=10)
    assert [axes[2, j].get_xlabel() for j in range(3)] == ["c", "g", "k"]
    axes = plot_evaluations(bayes, dimensions=["K", "C!"], plot_dims=["kernel", "C"])
    assert axes[1, 0].get_xlabel() == "K" and axes[1, 0].get_ylabel() == "C!"
    # A selection spelt the old way is refused, never drawn under the wrong names.
    with pytest.raises(ValueError, match="one each: 3.*plot_dims="):
        plot_evaluations(bayes, dimensions=["kernel", "C"])
    with pytest.raises(ValueError, match="each other's names.*plot_dims="):
        plot_evaluations(bayes, dimensions=["kernel", "C", "gamma"])
    with pytest.raises(TypeError, match="str labels.*plot_dims="):
        plot_evaluations(bayes, dimensions=[0, 1, 2])


def test_objective_needs_a_fitted_model_and_a_bayes_search(random_search):
    few = quadratic_result(n_calls=4, n_initial_points=10)
    assert not few.models
    with pytest.raises(ValueError, match="needs a fitted surrogate model"):
        plot_objective(few)
    with pytest.raises(TypeError, match="RandomSearchCV has no surrogate model"):
        plot_objective(random_search)
    with pytest.raises(ValueError, match="not fitted"):
        plot_objective(BayesSearchCV(SVC(), BAYES_SPACE))


def test_objective_subspace_of_a_search(iris):
    spaces = [({"C": Real(1e-2, 1e2, prior="log-uniform")}, 6), ({"degree": Integer(1, 4)}, 4)]
    search = BayesSearchCV(
        SVC(kernel="poly"), spaces, optimizer_kwargs={"n_initial_points": 3}, cv=3, random_state=0
    ).fit(*iris)
    axes = plot_objective(search, subspace=1, n_samples=20)
    assert axes.shape == (1, 1)
    assert axes[0, 0].get_xlabel() == "degree"
    np.testing.assert_array_equal(axes[0, 0].lines[0].get_xdata(), [1, 2, 3, 4])
    with pytest.raises(ValueError, match="subspace must be an int"):
        plot_objective(search, subspace=2)


def test_objective_with_default_settings_draws_40_points_per_dimension(bayes):
    axes = plot_objective(bayes)
    assert len(axes[0, 0].lines[0].get_xdata()) == 40


def test_objective_draws_on_a_given_figure(result):
    fig = plt.figure()
    axes = plot_objective(result, plot_dims=["x", "k"], n_points=5, n_samples=10, fig=fig)
    assert all(ax.figure is fig for ax in axes.ravel())
    assert len(fig.axes) == 5  # 2 x 2 panels and the colour bar


# -- plot_evaluations ---------------------------------------------------------------------
def histogram_total(ax):
    return sum(p.get_height() for p in ax.patches)


def test_evaluations_of_a_bayes_search(bayes):
    axes = plot_evaluations(bayes, bins=10)
    assert axes.shape == (3, 3) and len(visible(axes)) == 6
    res = bayes.optimizer_results_[0]
    n = len(res.x_iters)
    for a in range(3):
        assert histogram_total(axes[a, a]) == n
    assert len(axes[0, 0].patches) == 10
    assert len(axes[2, 2].patches) == 2  # one bar per category
    kernels = [p[2] for p in res.x_iters]
    assert [p.get_height() for p in axes[2, 2].patches] == [
        kernels.count("linear"),
        kernels.count("rbf"),
    ]
    for a, b in [(1, 0), (2, 0), (2, 1)]:
        dots, star = scatters(axes[a, b])
        assert len(dots.get_offsets()) == n
        # Coloured by evaluation order.
        np.testing.assert_array_equal(dots.get_array(), np.arange(n))
        assert len(star.get_offsets()) == 1
    np.testing.assert_allclose(
        scatters(axes[1, 0])[0].get_offsets()[:, 0], [p[0] for p in res.x_iters]
    )
    np.testing.assert_allclose(scatters(axes[1, 0])[1].get_offsets()[0], res.x[:2])
    assert axes[2, 0].get_xscale() == "log" and axes[1, 0].get_yscale() == "log"
    assert ticklabels(axes[2, 0].yaxis) == ["linear", "rbf"]
    assert ticklabels(axes[2, 2].xaxis) == ["linear", "rbf"]


def test_evaluations_of_a_result_with_an_integer_dimension(result):
    axes = plot_evaluations(result, plot_dims=["k", "x"])
    n = len(result.x_iters)
    assert histogram_total(axes[0, 0]) == n and histogram_total(axes[1, 1]) == n
    assert len(axes[0, 0].patches) == 4  # one bin per integer of 0..3
    assert axes[1, 0].get_xlabel() == "k" and axes[1, 0].get_ylabel() == "x"


def test_evaluations_of_a_random_search(random_search):
    axes = plot_evaluations(random_search)
    params = random_search.cv_results_["params"]
    assert axes.shape == (3, 3)
    assert [axes[2, j].get_xlabel() for j in range(3)] == ["C", "gamma", "kernel"]
    for a in range(3):
        assert histogram_total(axes[a, a]) == len(params)
    dots, star = scatters(axes[1, 0])
    np.testing.assert_allclose(dots.get_offsets(), [[p["C"], p["gamma"]] for p in params])
    best = random_search.best_params_
    np.testing.assert_allclose(star.get_offsets()[0], [best["C"], best["gamma"]])
    # Declared log-uniform priors give log axes; categories keep the declared order.
    assert axes[2, 0].get_xscale() == "log" and axes[1, 0].get_yscale() == "log"
    assert ticklabels(axes[2, 0].yaxis) == ["linear", "rbf"]


def test_evaluations_of_grid_and_exhaustive_searches(iris):
    grid = GridSearchCV(
        SVC(),
        {"C": Real(1e-2, 1e2, prior="log-uniform"), "kernel": ["rbf", "linear"]},
        step=1,
        cv=3,
    ).fit(*iris)
    axes = plot_evaluations(grid)
    assert histogram_total(axes[0, 0]) == 10 and histogram_total(axes[1, 1]) == 10
    assert axes[1, 0].get_xscale() == "log"
    assert ticklabels(axes[1, 0].yaxis) == ["rbf", "linear"]
    exhaustive = ExhaustiveSearchCV(
        SVC(kernel="poly"), {"degree": Integer(1, 3), "C": [1, 2, 3]}, cv=3
    ).fit(*iris)
    axes = plot_evaluations(exhaustive)
    assert [axes[1, j].get_xlabel() for j in range(2)] == ["C", "degree"]
    # Plain numbers are numeric: linear unless positive over a factor >= 100.
    assert axes[1, 0].get_xscale() == "linear" and axes[1, 0].get_yscale() == "linear"
    assert histogram_total(axes[0, 0]) == 9
    assert [p.get_height() for p in axes[1, 1].patches] == [3, 3, 3]


def test_evaluations_of_a_union_of_grids_leaves_out_missing_parameters(iris):
    grid = [{"kernel": ["linear"], "C": [0.1, 1.0, 10.0]}, {"kernel": ["rbf"], "gamma": [0.1, 1.0]}]
    search = GridSearchCV(SVC(), grid, cv=3).fit(*iris)
    axes = plot_evaluations(search)
    assert [axes[2, j].get_xlabel() for j in range(3)] == ["C", "gamma", "kernel"]
    assert histogram_total(axes[0, 0]) == 3  # C: only the linear grid
    assert histogram_total(axes[1, 1]) == 2
    assert histogram_total(axes[2, 2]) == 5
    assert len(scatters(axes[1, 0])[0].get_offsets()) == 0  # never both C and gamma
    assert len(scatters(axes[2, 0])[0].get_offsets()) == 3
    # Undeclared numbers: log when positive over a factor >= 100 (C), else linear (gamma).
    assert axes[2, 0].get_xscale() == "log" and axes[2, 1].get_xscale() == "linear"
    axes = plot_evaluations(search, plot_dims=["C"])
    assert axes.shape == (1, 1) and histogram_total(axes[0, 0]) == 3


def test_evaluations_refuses_bad_input():
    with pytest.raises(ValueError, match="not fitted"):
        plot_evaluations(GridSearchCV(SVC(), {"C": [1.0]}))
    with pytest.raises(TypeError, match="expects a fitted BayesSearchCV or an OptimizeResult"):
        plot_evaluations(object())
    with pytest.raises(ValueError, match="bins"):
        plot_evaluations(quadratic_result(n_calls=3), bins=0)


# -- matplotlib is optional ---------------------------------------------------------------
def test_calls_without_matplotlib_say_how_to_install_it(monkeypatch, result):
    for name in [m for m in sys.modules if m == "matplotlib" or m.startswith("matplotlib.")]:
        monkeypatch.setitem(sys.modules, name, None)
    calls = [
        lambda: plot_convergence(result),
        lambda: plot_regret(result),
        lambda: plot_objective(result),
        lambda: plot_objective_2D(result, 0, 1),
        lambda: plot_evaluations(result),
        lambda: plot_histogram(result, 0),
        lambda: plot_gaussian_process(result),
    ]
    for call in calls:
        with pytest.raises(ImportError, match=re.escape('pip install "skopt_lite[plots]"')):
            call()


def test_import_without_matplotlib(monkeypatch):
    """The module imports no matplotlib: it loads with matplotlib unavailable."""
    import skopt_lite

    for name in [m for m in sys.modules if m == "matplotlib" or m.startswith("matplotlib.")]:
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.delitem(sys.modules, "skopt_lite.plots")
    monkeypatch.setattr(skopt_lite, "plots", skopt_lite.plots)  # restored afterwards
    fresh = importlib.import_module("skopt_lite.plots")
    assert fresh.plot_evaluations is not plot_evaluations  # really imported anew
    with pytest.raises(ImportError, match=re.escape('pip install "skopt_lite[plots]"')):
        fresh.plot_evaluations(object())


# -- the documentation's plots are run by tests/test_docs.py -------------------------------
def test_plot_directives_in_the_docs_are_doctests():
    """tests/test_docs.py runs doctest paragraphs, so each ``.. plot::`` is written as one."""
    pages = [p for p in (ROOT / "docs").rglob("*.rst") if "_build" not in p.parts]
    found = 0
    for page in pages:
        lines = page.read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(lines):
            if re.match(r"^\s*\.\. plot::\s*$", line):
                body = [s for s in lines[i + 1 :] if s.strip() and not s.strip().startswith(":")]
                assert body and body[0].lstrip().startswith(">>>"), f"{page}:{i + 1}"
                found += 1
    assert found >= 3


# -- scikit-optimize 0.10's signatures ----------------------------------------------------------
# Read once from skopt/plots.py of scikit-optimize 0.10.2: (parameter, default) in order;
# None as the default of a parameter without one. "*args" marks the variadic functions,
# whose keywords are keyword-only.
NO_DEFAULT = object()
SKOPT_SIGNATURES = {
    "plot_convergence": ["*args", ("true_minimum", None), ("yscale", None), ("ax", None)],
    "plot_regret": ["*args", ("ax", None), ("true_minimum", None), ("yscale", None)],
    "plot_gaussian_process": [
        ("res", NO_DEFAULT),
        ("ax", None),
        ("n_calls", -1),
        ("objective", None),
        ("n_points", 1000),
        ("noise_level", 0),
        ("show_legend", True),
        ("show_title", True),
        ("show_acq_func", False),
        ("show_next_point", False),
        ("show_observations", True),
        ("show_mu", True),
    ],
    "plot_objective": [
        ("result", NO_DEFAULT),
        ("levels", 10),
        ("n_points", 40),
        ("n_samples", 250),
        ("size", 2),
        ("wspace", 0.35),
        ("hspace", 0.35),
        ("zscale", "linear"),
        ("dimensions", None),
        ("sample_source", "random"),
        ("minimum", "result"),
        ("n_minimum_search", None),
        ("plot_dims", None),
        ("show_points", True),
        ("cmap", "viridis_r"),
        ("ax", None),
    ],
    "plot_objective_2D": [
        ("result", NO_DEFAULT),
        ("dimension_identifier1", NO_DEFAULT),
        ("dimension_identifier2", NO_DEFAULT),
        ("n_points", 40),
        ("n_samples", 250),
        ("levels", 10),
        ("zscale", "linear"),
        ("sample_source", "random"),
        ("minimum", "result"),
        ("n_minimum_search", None),
        ("ax", None),
    ],
    "plot_evaluations": [
        ("result", NO_DEFAULT),
        ("bins", 20),
        ("dimensions", None),
        ("plot_dims", None),
        ("size", 2),
        ("wspace", 0.35),
        ("hspace", 0.35),
        ("cmap", "viridis"),
        ("ax", None),
    ],
    "plot_histogram": [
        ("result", NO_DEFAULT),
        ("dimension_identifier", NO_DEFAULT),
        ("bins", 20),
        ("rotate_labels", 0),
        ("ax", None),
    ],
    "partial_dependence": [
        ("space", NO_DEFAULT),
        ("model", NO_DEFAULT),
        ("i", NO_DEFAULT),
        ("j", None),
        ("sample_points", None),
        ("n_samples", 250),
        ("n_points", 40),
        ("x_eval", None),
    ],
    "partial_dependence_1D": [
        ("space", NO_DEFAULT),
        ("model", NO_DEFAULT),
        ("i", NO_DEFAULT),
        ("samples", NO_DEFAULT),
        ("n_points", 40),
    ],
    "partial_dependence_2D": [
        ("space", NO_DEFAULT),
        ("model", NO_DEFAULT),
        ("i", NO_DEFAULT),
        ("j", NO_DEFAULT),
        ("samples", NO_DEFAULT),
        ("n_points", 40),
    ],
}


@pytest.mark.parametrize("name", sorted(SKOPT_SIGNATURES))
def test_signature_is_scikit_optimizes(name):
    """Same names, order and defaults; skopt_lite's own keywords come after, keyword-only."""
    assert name in plots.__all__
    params = list(inspect.signature(getattr(plots, name)).parameters.values())
    expected = SKOPT_SIGNATURES[name]
    if expected[0] == "*args":
        assert params[0].kind is inspect.Parameter.VAR_POSITIONAL
        keywords = [(p.name, p.default) for p in params[1:]]
        assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in params[1:])
        # scikit-optimize's keywords (in any order), then skopt_lite's own
        assert dict(keywords[: len(expected) - 1]) == dict(expected[1:])
        return
    positional = [p for p in params if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD]
    assert [p.name for p in positional] == [n for n, _ in expected]
    for p, (_, default) in zip(positional, expected):
        assert p.default == (inspect.Parameter.empty if default is NO_DEFAULT else default)
    extra = params[len(positional) :]
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in extra)


def test_every_scikit_optimize_keyword_is_accepted(result):
    """Each keyword, given a value other than its default, draws without complaint."""
    fig, ax = plt.subplots()
    assert plot_convergence(result, true_minimum=0.0, yscale="log", ax=ax) is ax
    assert plot_regret(result, ax=ax, true_minimum=0.0, yscale="symlog") is ax
    axes = plot_objective(
        result,
        levels=4,
        n_points=6,
        n_samples=10,
        size=1.5,
        wspace=0.2,
        hspace=0.2,
        zscale="log",
        dimensions=["X", "C"],
        sample_source="expected_minimum_random",
        minimum="expected_minimum",
        n_minimum_search=5,
        plot_dims=["x", "c"],
        show_points=False,
        cmap="magma",
        ax=plt.figure().add_subplot(),
    )
    assert axes.shape == (2, 2) and axes[1, 0].get_xlabel() == "X"
    assert not [c for p in axes.ravel() for c in p.collections if c.get_gid() == "evaluations"]
    ax2 = plot_objective_2D(
        result,
        "x",
        dimension_identifier2=1,
        n_points=6,
        n_samples=10,
        levels=3,
        zscale="linear",
        sample_source=[0.5, 1, "a"],
        minimum=[0.0, 2, "b"],
        n_minimum_search=3,
        ax=plt.figure().add_subplot(),
    )
    assert ax2.get_xlabel() == "x" and ax2.get_ylabel() == "k"
    axes = plot_evaluations(
        result,
        bins=5,
        dimensions=["K"],
        plot_dims=[1],
        size=1.0,
        wspace=0.1,
        hspace=0.1,
        cmap="plasma",
        ax=plt.figure().add_subplot(),
    )
    assert axes.shape == (1, 1) and axes[0, 0].get_xlabel() == "K"
    ax3 = plot_histogram(
        result, dimension_identifier="c", bins=3, rotate_labels=30, ax=plt.figure().add_subplot()
    )
    assert [t.get_rotation() for t in ax3.get_xticklabels()] == [30.0, 30.0]


# -- colour bars ---------------------------------------------------------------------------------
def colorbars(fig):
    return [a for a in fig.axes if a.get_gid() == "colorbar"]


def test_objective_has_one_colour_bar_saying_what_is_plotted(result):
    axes = plot_objective(result, n_points=6, n_samples=10)
    (bar,) = colorbars(axes[0, 0].figure)
    assert bar.get_ylabel() == "partial dependence (objective)"
    # Every pair panel is drawn on the bar's scale.
    fills = [c for p in axes.ravel() for c in p.collections if c.get_gid() != "evaluations"]
    fills = [c for c in fills if c.get_gid() != "best"]
    assert len(fills) == 3
    for fill in fills:
        assert (fill.norm.vmin, fill.norm.vmax) == pytest.approx(bar.get_ylim())
    # One dimension: no pair, no colour bar; the diagonal names the units.
    axes = plot_objective(result, plot_dims=["x"], n_points=6, n_samples=10)
    assert colorbars(axes[0, 0].figure) == []
    assert axes[0, 0].get_ylabel() == "partial dependence (objective)"


def test_objective_2d_draws_contours_points_and_a_colour_bar(result):
    ax = plot_objective_2D(result, "x", "k", n_points=7, n_samples=10)
    (bar,) = colorbars(ax.figure)
    assert bar.get_ylabel() == "partial dependence (objective)"
    dots, star = scatters(ax)
    assert len(dots.get_offsets()) == len(result.x_iters)
    np.testing.assert_allclose(dots.get_offsets()[:, 0], [p[0] for p in result.x_iters])
    np.testing.assert_allclose(star.get_offsets()[0], [result.x[0], result.x[1]])
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("x", "k")
    # A categorical dimension: cells, one per category and value.
    ax = plot_objective_2D(result, "c", "x", n_points=7, n_samples=10)
    (mesh,) = [c for c in ax.collections if isinstance(c, QuadMesh)]
    assert mesh.get_array().size == 2 * 7
    assert ticklabels(ax.xaxis) == ["a", "b"]
    with pytest.raises(ValueError, match="same dimension"):
        plot_objective_2D(result, "x", 0)
    with pytest.raises(ValueError, match="unknown dimension 'z'"):
        plot_objective_2D(result, "x", "z")


def test_objective_zscale_and_sources_are_checked(result):
    with pytest.raises(ValueError, match="zscale must be one of"):
        plot_objective(result, zscale="cubic")
    shifted = OptimizeResult(result)
    shifted.func_vals = result.func_vals - 10.0  # negative values
    with pytest.raises(ValueError, match="zscale='log' needs positive values"):
        plot_objective(shifted, zscale="log", n_points=5, n_samples=5)
    with pytest.raises(ValueError, match="sample_source must be one of"):
        plot_objective(result, sample_source="best")
    with pytest.raises(ValueError, match="minimum is not a point of the space"):
        plot_objective(result, minimum=[0.0, 1])
    with pytest.raises(ValueError, match="n_minimum_search"):
        plot_objective(result, minimum="expected_minimum", n_minimum_search=0)


# -- histograms ----------------------------------------------------------------------------------
def made_result(dims, points, values=None):
    """An OptimizeResult of given points, without a model."""
    values = np.arange(len(points), dtype=float) if values is None else np.asarray(values)
    best = int(np.argmin(values))
    return OptimizeResult(
        x=list(points[best]),
        fun=float(values[best]),
        func_vals=values,
        x_iters=[list(p) for p in points],
        space=Space(dims),
        models=[],
    )


def bar_edges(ax):
    return sorted((p.get_x(), p.get_x() + p.get_width()) for p in ax.patches)


def test_integer_histograms_have_bins_centred_on_the_integers():
    ints = [0, 1, 1, 2, 3, 3, 3, 7, 12, 30, 30]
    res = made_result([Integer(0, 30, name="k")], [[k] for k in ints])
    for bins in (40, 31, 10, 7):
        ax = plot_histogram(res, "k", bins=bins)
        edges = bar_edges(ax)
        assert len(edges) <= bins
        assert sum(p.get_height() for p in ax.patches) == len(ints)
        for lo, hi in edges:  # edges half-way between integers
            assert lo + 0.5 == pytest.approx(round(lo + 0.5)) and hi - 0.5 == pytest.approx(
                round(hi - 0.5)
            )
        assert edges[0][0] == -0.5 and edges[-1][1] == 30.5
        widths = [hi - lo for lo, hi in edges]
        assert len(set(widths[:-1])) == 1  # equal groups, the last one possibly smaller
        ax.figure.clf()
    # At most `bins` values: one bar per integer, centred on it.
    ax = plot_histogram(res, "k", bins=31)
    centres = [(lo + hi) / 2 for lo, hi in bar_edges(ax)]
    assert centres == list(range(31))
    heights = {p.get_x() + p.get_width() / 2: p.get_height() for p in ax.patches}
    assert heights[3.0] == 3 and heights[30.0] == 2 and heights[4.0] == 0
    # Log-uniform integers: geometric groups, still bounded by half-integers.
    res = made_result([Integer(1, 1000, prior="log-uniform")], [[1], [2], [10], [999]])
    ax = plot_histogram(res, 0, bins=10)
    assert ax.get_xscale() == "log"
    assert all(lo + 0.5 == round(lo + 0.5) for lo, _ in bar_edges(ax))
    assert sum(p.get_height() for p in ax.patches) == 4


def test_evaluations_histograms_of_integers_are_centred_too(result):
    axes = plot_evaluations(result, plot_dims=["k"])
    centres = [p.get_x() + p.get_width() / 2 for p in axes[0, 0].patches]
    assert centres == [0.0, 1.0, 2.0, 3.0]


def test_categorical_histogram_has_one_bar_per_category():
    cats = Categorical(["low", "mid", "high"], name="level")
    res = made_result([cats], [["high"], ["low"], ["high"], ["high"]])
    ax = plot_histogram(res, "level")
    assert [p.get_height() for p in ax.patches] == [1, 0, 3]  # unsampled "mid" too
    assert ticklabels(ax.xaxis) == ["low", "mid", "high"]
    assert ax.get_xlabel() == "level" and ax.get_ylabel() == "number of evaluations"


def test_histogram_of_a_search_and_of_a_real_dimension(random_search, result):
    ax = plot_histogram(random_search, "C", bins=6)
    assert ax.get_xscale() == "log" and len(ax.patches) == 6
    assert sum(p.get_height() for p in ax.patches) == len(random_search.cv_results_["params"])
    ax = plot_histogram(result, "x", bins=8)
    assert len(ax.patches) == 8 and ax.get_xlim() == (-2.0, 2.0)
    with pytest.raises(ValueError, match="unknown dimension 'nope'"):
        plot_histogram(result, "nope")
    with pytest.raises(ValueError, match="out of range"):
        plot_histogram(result, 3)
    with pytest.raises(ValueError, match="bins"):
        plot_histogram(result, 0, bins=0)


# -- dimensions with a single value ----------------------------------------------------------------
@pytest.fixture(scope="module")
def with_fixed():
    """A result over (x, kernel=["only"], k): the middle dimension has one value."""
    opt = Optimizer(
        [Real(-1.0, 1.0, name="x"), Categorical(["only"], name="kernel"), Integer(0, 4)],
        n_initial_points=6,
        random_state=0,
    )
    for _ in range(9):
        x, kernel, k = opt.ask()
        res = opt.tell([x, kernel, k], x**2 + 0.1 * k)
    return res


def test_single_valued_dimensions_are_left_out(with_fixed):
    axes = plot_objective(with_fixed, n_points=6, n_samples=10)
    assert axes.shape == (2, 2)
    # Labels keep the dimensions' own names and positions (x2: the third dimension).
    assert [axes[1, j].get_xlabel() for j in range(2)] == ["x", "x2"]
    axes = plot_evaluations(with_fixed)
    assert axes.shape == (2, 2)
    assert [axes[1, j].get_xlabel() for j in range(2)] == ["x", "x2"]
    # dimensions= labels the remaining dimensions; plot_dims= indexes the whole space.
    axes = plot_evaluations(with_fixed, dimensions=["a", "b"])
    assert [axes[1, j].get_xlabel() for j in range(2)] == ["a", "b"]
    axes = plot_objective(with_fixed, plot_dims=[2, 0], dimensions=["K", "X"], n_points=5)
    assert axes[1, 0].get_xlabel() == "K" and axes[1, 0].get_ylabel() == "X"
    np.testing.assert_array_equal(axes[0, 0].lines[0].get_xdata(), [0, 1, 2, 3, 4])
    with pytest.raises(ValueError, match="one each: 2"):
        plot_evaluations(with_fixed, dimensions=["a", "b", "c"])
    # Asked for by name, a single-valued dimension is drawn.
    axes = plot_evaluations(with_fixed, plot_dims=["x", "kernel"])
    assert axes.shape == (2, 2) and ticklabels(axes[1, 0].yaxis) == ["only"]


def test_single_valued_parameters_of_a_grid_are_left_out(iris):
    grid = {"C": [0.1, 1.0, 10.0], "kernel": ["rbf"], "gamma": [0.1, 1.0]}
    search = GridSearchCV(SVC(), grid, cv=2).fit(*iris)
    axes = plot_evaluations(search)
    assert axes.shape == (2, 2)
    assert [axes[1, j].get_xlabel() for j in range(2)] == ["C", "gamma"]
    # A parameter with one value in each grid, but different values, is drawn.
    grids = [{"C": [1.0], "kernel": ["rbf"]}, {"C": [1.0], "kernel": ["linear"]}]
    axes = plot_evaluations(GridSearchCV(SVC(), grids, cv=2).fit(*iris))
    assert axes.shape == (1, 1) and axes[0, 0].get_xlabel() == "kernel"
    with pytest.raises(ValueError, match="single possible value"):
        plot_evaluations(GridSearchCV(SVC(), {"C": [1.0]}, cv=2).fit(*iris))


# -- plot_gaussian_process ---------------------------------------------------------------------
def wave(point):
    return float(np.sin(3 * point[0]) + 0.3 * point[0] ** 2)


@pytest.fixture(scope="module")
def one_d():
    opt = Optimizer([Real(-2.0, 2.0, name="x")], n_initial_points=4, acq_func="EI", random_state=1)
    for _ in range(9):
        x = opt.ask()
        res = opt.tell(x, wave(x))
    return res


def lines_by_label(ax):
    return {line.get_label(): line for line in ax.lines}


def test_gaussian_process_draws_model_band_observations_and_objective(one_d):
    ax = plot_gaussian_process(one_d, objective=wave, n_points=200, noise_level=0.1)
    lines = lines_by_label(ax)
    assert set(lines) == {"true objective", "surrogate mean", "observations"}
    mean = lines["surrogate mean"]
    assert len(mean.get_xdata()) == 200
    np.testing.assert_allclose(
        lines["true objective"].get_ydata(), [wave([x]) for x in mean.get_xdata()]
    )
    obs = lines["observations"]
    np.testing.assert_allclose(obs.get_xdata(), [p[0] for p in one_d.x_iters])
    np.testing.assert_allclose(obs.get_ydata(), one_d.func_vals)
    # In the objective's units: the mean passes near the observations it was fit on.
    at_obs = np.interp(obs.get_xdata(), mean.get_xdata(), mean.get_ydata())
    spread = np.ptp(one_d.func_vals)
    assert np.max(np.abs(at_obs - obs.get_ydata())) < 0.1 * spread
    # Two bands: the model's (around its mean) and the noise's (around the objective).
    bands = [c for c in ax.collections if isinstance(c, PolyCollection)]
    assert len(bands) == 2
    assert ax.get_title().startswith("x* = ") and ax.get_ylabel() == "f(x)"
    assert ax.get_xlabel() == "x" and ax.get_legend() is not None
    assert [a for a in ax.figure.axes if a.get_label() == "acquisition"] == []


def test_gaussian_process_draws_the_acquisition_beneath(one_d):
    ax = plot_gaussian_process(one_d, show_acq_func=True, show_next_point=True, n_points=300)
    (acq_ax,) = [a for a in ax.figure.axes if a.get_label() == "acquisition"]
    assert acq_ax.get_position().y1 <= ax.get_position().y0 + 1e-9  # beneath
    lines = lines_by_label(acq_ax)
    ei = lines["EI(x)"].get_ydata()
    assert np.all(ei >= 0) and ei.max() > 0
    (x_next,), (y_next,) = lines["next query point"].get_data()
    assert y_next == ei.max()
    assert x_next == lines["EI(x)"].get_xdata()[np.argmax(ei)]
    assert acq_ax.get_xlabel() == "x"
    # On given axes: its area is split between the model and the acquisition.
    fig, (left, right) = plt.subplots(1, 2)
    out = plot_gaussian_process(
        one_d, ax=right, show_acq_func=True, show_legend=False, show_title=False, n_points=50
    )
    assert out is right and right.get_legend() is None and right.get_title() == ""
    (acq_ax,) = [a for a in fig.axes if a.get_label() == "acquisition"]
    assert acq_ax.get_position().x0 == pytest.approx(right.get_position().x0)


def test_gaussian_process_reads_the_acquisition_from_specs(one_d):
    res = OptimizeResult(one_d)
    res.specs = {"args": {"acq_func": "LCB", "kappa": 3.0}, "function": "gp_minimize"}
    ax = plot_gaussian_process(res, show_acq_func=True, n_points=100)
    (acq_ax,) = [a for a in ax.figure.axes if a.get_label() == "acquisition"]
    lcb = lines_by_label(acq_ax)["LCB(x)"].get_ydata()
    mean = lines_by_label(ax)["surrogate mean"].get_ydata()
    assert np.all(lcb <= mean + 1e-9)  # a lower bound, in the objective's units
    res.specs = {"args": {"acq_func": "PI"}}
    ax = plot_gaussian_process(res, show_acq_func=True, n_points=100)
    (acq_ax,) = [a for a in ax.figure.axes if a.get_label() == "acquisition"]
    pi = lines_by_label(acq_ax)["PI(x)"].get_ydata()
    assert np.all((0 <= pi) & (pi <= 1))
    res.specs = {"args": {"acq_func": "MES", "acq_func_kwargs": {"n_min_samples": 50}}}
    curves = []
    for _ in range(2):  # seeded: the same curve every time
        ax = plot_gaussian_process(res, show_acq_func=True, n_points=100)
        (acq_ax,) = [a for a in ax.figure.axes if a.get_label() == "acquisition"]
        curves.append(lines_by_label(acq_ax)["MES(x)"].get_ydata())
    np.testing.assert_array_equal(*curves)
    assert np.all(curves[0] >= 0) and curves[0].max() > 0


def test_gaussian_process_options_and_models(one_d):
    ax = plot_gaussian_process(one_d, show_mu=False, show_observations=False, show_legend=False)
    assert len(ax.lines) == 0 and len(ax.collections) == 0
    # n_calls selects a model of res.models; an Optimizer keeps only its latest.
    assert len(plot_gaussian_process(one_d, n_calls=0, n_points=20).lines) == 2
    with pytest.raises(ValueError, match="n_calls=3 selects no model.*1 model"):
        plot_gaussian_process(one_d, n_calls=3)
    # A result that keeps a model per fit (gp_minimize's): n_calls=k is the k-th, drawn
    # with the points it was fit on.
    opt = Optimizer([Real(-2.0, 2.0)], n_initial_points=3, random_state=0)
    models = []
    for _ in range(6):
        x = opt.ask()
        res = opt.tell(x, wave(x))
        models += res.models[-1:]
    res = OptimizeResult(res)
    res.models = models  # fit on 3, 4, 5 and 6 points
    assert len(models) == 4
    for n_calls, n_fit in [(0, 3), (2, 5), (-1, 6)]:
        ax = plot_gaussian_process(res, n_calls=n_calls, n_points=20)
        obs = lines_by_label(ax)["observations"].get_ydata()
        np.testing.assert_allclose(obs, res.func_vals[:n_fit])
    with pytest.raises(ValueError, match="n_calls must be an int"):
        plot_gaussian_process(one_d, n_calls=1.0)
    with pytest.raises(TypeError, match="objective must be a callable"):
        plot_gaussian_process(one_d, objective=3.0)


def test_gaussian_process_of_one_dimension_among_single_valued_ones(with_fixed):
    opt = Optimizer(
        [Categorical(["svc"], name="model"), Integer(1, 6, name="depth")],
        n_initial_points=3,
        random_state=0,
    )
    for _ in range(5):
        m, depth = opt.ask()
        res = opt.tell([m, depth], (depth - 3) ** 2)
    ax = plot_gaussian_process(res, objective=lambda p: (p[1] - 3) ** 2, n_points=100)
    lines = lines_by_label(ax)
    np.testing.assert_array_equal(lines["surrogate mean"].get_xdata(), [1, 2, 3, 4, 5, 6])
    np.testing.assert_array_equal(lines["true objective"].get_ydata(), [4, 1, 0, 1, 4, 9])
    assert ax.get_xlabel() == "depth"
    with pytest.raises(ValueError, match="one dimension; this one has 2 .*'x', 'x2'"):
        plot_gaussian_process(with_fixed)


def test_gaussian_process_of_a_bayes_search_is_in_scores(iris):
    search = BayesSearchCV(
        SVC(),
        {"C": Real(1e-3, 1e2, prior="log-uniform")},
        n_iter=6,
        optimizer_kwargs={"n_initial_points": 3},
        cv=2,
        random_state=0,
    ).fit(*iris)
    ax = plot_gaussian_process(search, n_points=50)
    obs = lines_by_label(ax)["observations"]
    np.testing.assert_allclose(obs.get_ydata(), search.cv_results_["mean_test_score"])
    assert ax.get_xscale() == "log" and ax.get_ylabel() == "score"
    assert ax.get_xlabel() == "C" and "score = " in ax.get_title()


# -- plot_regret and groups of runs --------------------------------------------------------------
def test_regret_is_the_cumulative_gap_to_the_optimum(result):
    ax = plot_regret(result)
    (line,) = ax.lines
    gaps = result.func_vals - result.func_vals.min()
    np.testing.assert_allclose(line.get_ydata(), np.cumsum(gaps))
    np.testing.assert_array_equal(line.get_xdata(), np.arange(1, len(gaps) + 1))
    ax = plot_regret(("r", result), true_minimum=-1.0)
    np.testing.assert_allclose(ax.lines[0].get_ydata(), np.cumsum(result.func_vals + 1.0))
    assert ax.get_title() == "Cumulative regret plot"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["r"]


def test_regret_of_a_search_and_failed_evaluations(bayes):
    ax = plot_regret(bayes)
    y = ax.lines[0].get_ydata()
    scores = bayes.cv_results_["mean_test_score"]
    np.testing.assert_allclose(y, np.cumsum(scores.max() - scores))
    assert np.all(np.diff(y) >= 0) and "score" in ax.get_ylabel()
    res = made_result([Real(0.0, 1.0)], [[0.1], [0.2], [0.3], [0.4]], [2.0, np.nan, 1.0, np.inf])
    np.testing.assert_allclose(plot_regret(res).lines[0].get_ydata(), [1.0, 1.0, 1.0, 1.0])
    nothing = made_result([Real(0.0, 1.0)], [[0.1]], [np.nan])
    with pytest.raises(ValueError, match="pass true_minimum"):
        plot_regret(nothing)


def test_lists_of_results_draw_each_run_and_their_mean():
    runs = [
        made_result([Real(0.0, 1.0)], [[0.1]] * 3, [3.0, 1.0, 2.0]),
        made_result([Real(0.0, 1.0)], [[0.1]] * 4, [2.0, 2.0, 0.0, 5.0]),
    ]
    ax = plot_convergence(("two runs", runs), runs[0])
    faint, mean, single = ax.lines[0:2], ax.lines[2], ax.lines[3]
    np.testing.assert_allclose(faint[0].get_ydata(), [3.0, 1.0, 1.0])
    np.testing.assert_allclose(faint[1].get_ydata(), [2.0, 2.0, 0.0, 0.0])
    # The mean is over the runs that reached each number of evaluations.
    np.testing.assert_allclose(mean.get_ydata(), [2.5, 1.5, 0.5, 0.0])
    assert mean.get_label() == "two runs" and single.get_label() == "OptimizeResult"
    assert all(line.get_alpha() < 1 for line in faint)
    ax = plot_regret(runs, true_minimum=0.0)
    np.testing.assert_allclose(ax.lines[-1].get_ydata(), [2.5, 4.0, 5.0, 9.0])


# -- the partial dependence functions ---------------------------------------------------------
def test_partial_dependence_functions_give_what_plot_objective_draws(result):
    space, model = result.space, result.models[-1]
    axes = plot_objective(result, n_points=9, n_samples=30)
    xi, yi = partial_dependence(
        space, model, 0, n_samples=30, n_points=9, random_state=0, func_vals=result.func_vals
    )
    np.testing.assert_allclose(axes[0, 0].lines[0].get_xdata(), xi)
    np.testing.assert_allclose(axes[0, 0].lines[0].get_ydata(), yi)
    xi, yi, zi = partial_dependence(
        space, model, "c", "x", n_samples=30, n_points=9, random_state=0, func_vals=result.func_vals
    )
    assert xi.shape == (9,) and yi.tolist() == [0.0, 1.0] and zi.shape == (2, 9)
    (mesh,) = [c for c in axes[2, 0].collections if isinstance(c, QuadMesh)]
    np.testing.assert_allclose(np.asarray(mesh.get_array()).reshape(2, 9), zi)
    samples = space.transform(space.rvs(20, random_state=1))
    # Without func_vals: the model's own (standardised) outputs; with: objective units.
    _, raw = partial_dependence_1D(space, model, "x", samples, n_points=5)
    _, units = partial_dependence_1D(
        space, model, "x", samples, n_points=5, func_vals=result.func_vals
    )
    np.testing.assert_allclose(units, values_of_targets(raw, result.func_vals))
    # A slice through a point: x_eval.
    _, through = partial_dependence(
        space, model, 0, x_eval=result.x, n_points=5, func_vals=result.func_vals
    )
    slice_plot = plot_objective(result, sample_source="result", plot_dims=["x"], n_points=5)
    np.testing.assert_allclose(slice_plot[0, 0].lines[0].get_ydata(), through)


def test_partial_dependence_refuses_bad_input(result):
    space, model = result.space, result.models[-1]
    with pytest.raises(ValueError, match=r"samples must be unit-cube points of shape \(n, 3\)"):
        partial_dependence_1D(space, model, 0, np.zeros((4, 2)))
    with pytest.raises(TypeError, match="space must be a skopt_lite Space"):
        partial_dependence_1D([(0.0, 1.0)], model, 0, np.zeros((4, 1)))
    with pytest.raises(ValueError, match="same dimension"):
        partial_dependence_2D(space, model, 0, "x", np.zeros((4, 3)))
    with pytest.raises(ValueError, match="x_eval is not a point"):
        partial_dependence(space, model, 0, x_eval=[9.0, 1, "a"])


def test_expected_minimum_marks_the_minimum_of_the_model(one_d):
    axes = plot_objective(one_d, minimum="expected_minimum", n_points=401)
    line = axes[0, 0].lines[0]
    marked = [ln for ln in axes[0, 0].lines if ln.get_linestyle() == "--"][0].get_xdata()[0]
    # In one dimension the partial dependence is the model: its lowest point is marked.
    grid_min = line.get_xdata()[np.argmin(line.get_ydata())]
    assert abs(marked - grid_min) <= 4.0 / 400 + 1e-9
    axes = plot_objective(
        one_d, minimum="expected_minimum_random", n_minimum_search=2000, n_points=401
    )
    marked = [ln for ln in axes[0, 0].lines if ln.get_linestyle() == "--"][0].get_xdata()[0]
    assert abs(marked - grid_min) < 0.05


@given(
    st.lists(
        st.floats(-1e6, 1e6, allow_nan=False) | st.sampled_from([np.nan, np.inf]),
        min_size=1,
        max_size=30,
    )
)
def test_values_of_targets_inverts_model_targets(y):
    """The map the plots use from model outputs back to objective units."""
    y = np.asarray(y, dtype=float)
    if not np.isfinite(y).any():
        return
    z, _, _ = model_targets(y)
    back = values_of_targets(z, y)
    finite = np.isfinite(y)
    scale = max(1.0, float(np.max(np.abs(y[finite]))))
    np.testing.assert_allclose(back[finite], y[finite], atol=1e-6 * scale)
    assert np.all(back[~finite] >= y[finite].max() - 1e-6 * scale)  # failures: worst
    # Increasing, so quantiles map to quantiles.
    values = values_of_targets(np.linspace(z.min() - 1, z.max() + 1, 50), y)
    assert np.all(values[1:] >= values[:-1])  # beyond a bounded transform: +inf


def test_grid_in_the_area_of_a_given_subplot(result):
    fig, (left, right) = plt.subplots(1, 2, figsize=(8, 4))
    axes = plot_evaluations(result, ax=right)
    assert not right.axison
    box = right.get_position()
    for panel in visible(axes):
        pos = panel.get_position()
        assert pos.x0 >= box.x0 - 1e-9 and pos.x1 <= box.x1 + 1e-9
    with pytest.raises(ValueError, match="fig or ax, not both"):
        plot_evaluations(result, ax=left, fig=fig)


def test_repeated_dimension_names_plot_but_cannot_be_looked_up_by_name():
    # scikit-optimize's categorical example labels two dimensions "dummy"
    dims = [
        Real(0, 1, name="x"),
        Categorical(list("ab"), name="d"),
        Categorical(list("cd"), name="d"),
    ]
    opt = Optimizer(dims, n_initial_points=4, random_state=0)
    result = opt.run(lambda p: p[0] ** 2 + (p[1] == "a"), n_iter=6)
    axes = plot_objective(result, n_points=4, n_samples=10)
    assert [axes[i, 0].get_ylabel() for i in (1, 2)] == ["d", "d"]
    assert plot_histogram(result, dimension_identifier=2, ax=plt.figure().add_subplot())
    with pytest.raises(ValueError, match="2 dimensions are named 'd'.*give the dimension's index"):
        plot_histogram(result, dimension_identifier="d")
