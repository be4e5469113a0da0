"""skopt_lite.plots: the figures hold the panels, lines and points the data implies."""

from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("matplotlib")

import matplotlib  # noqa: E402

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.collections import PathCollection, QuadMesh  # noqa: E402
from sklearn.datasets import load_iris  # noqa: E402
from sklearn.svm import SVC  # noqa: E402

from skopt_lite import (  # noqa: E402
    BayesSearchCV,
    Categorical,
    ExhaustiveSearchCV,
    GridSearchCV,
    Integer,
    Optimizer,
    RandomSearchCV,
    Real,
)
from skopt_lite.plots import plot_convergence, plot_evaluations, plot_objective  # noqa: E402

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
    with pytest.raises(TypeError, match="got list"):
        plot_convergence([result])
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
    by_search = plot_objective(bayes, n_points=10, n_samples=30)[0, 0].lines[0].get_ydata()
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


def test_objective_dimensions_select_and_order_panels(bayes):
    axes = plot_objective(bayes, dimensions=["kernel", "C"], n_points=8, n_samples=20)
    assert axes.shape == (2, 2)
    assert axes[1, 0].get_xlabel() == "kernel" and axes[1, 0].get_ylabel() == "C"
    assert axes[1, 0].get_yscale() == "log"
    assert len(plot_objective(bayes, dimensions=[1], n_points=8, n_samples=20)) == 1
    with pytest.raises(ValueError, match="unknown dimension 'D'"):
        plot_objective(bayes, dimensions=["D"])
    with pytest.raises(ValueError, match="repeat"):
        plot_objective(bayes, dimensions=["C", 0])


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
    axes = plot_objective(result, dimensions=["x", "k"], n_points=5, n_samples=10, fig=fig)
    assert all(ax.figure is fig for ax in axes.ravel())
    assert len(fig.axes) == 4


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
    axes = plot_evaluations(result, dimensions=["k", "x"])
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
    axes = plot_evaluations(search, dimensions=["C"])
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
    for func in (plot_convergence, plot_objective, plot_evaluations):
        with pytest.raises(ImportError, match=re.escape('pip install "skopt_lite[plots]"')):
            func(result)


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
