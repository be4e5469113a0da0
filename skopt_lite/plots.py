"""Plots of searches and optimisation results (matplotlib, the ``plots`` extra).

The functions and keywords of scikit-optimize's ``skopt.plots``, with the
same names, order and defaults:

* :func:`plot_convergence` -- the best value so far against the number of
  evaluations, for one or several searches, results or groups of results;
* :func:`plot_regret` -- the cumulative regret against a known optimum;
* :func:`plot_gaussian_process` -- the surrogate of a 1-D space with its
  confidence band, the observations and the acquisition function beneath;
* :func:`plot_objective` -- partial dependence of the surrogate, one panel per
  dimension and one per pair, with the evaluated points and a colour bar;
* :func:`plot_objective_2D` -- the partial dependence along one pair;
* :func:`plot_evaluations` -- where a search sampled: a histogram per
  dimension and a scatter per pair, coloured by evaluation order;
* :func:`plot_histogram` -- the histogram of one dimension;
* :func:`partial_dependence`, :func:`partial_dependence_1D`,
  :func:`partial_dependence_2D` -- the numbers behind the partial dependence.

Which way is better
    A fitted search is plotted in **scores** (``mean_test_score``, or the
    refit metric's column; higher is better), as its ``cv_results_`` gives
    them. An :class:`~skopt_lite.OptimizeResult` is plotted in the values the
    optimiser **minimised** (``func_vals``), as scikit-optimize plotted them; for
    a ``BayesSearchCV`` those are the negated scores, so
    ``plot_convergence(search.optimizer_results_[0])`` draws what
    scikit-optimize drew.

Dimensions with a single possible value (``Categorical([SVC()])``) are left
out of the grids of :func:`plot_objective` and :func:`plot_evaluations`, as
scikit-optimize leaves out its constant dimensions.

matplotlib is imported only when a function is called: ``import
skopt_lite.plots`` works without it, and calling a function without it
raises an ImportError that says how to install it
(``pip install "skopt_lite[plots]"``).

Examples
--------
>>> from skopt_lite import Optimizer
>>> from skopt_lite.plots import plot_convergence, plot_objective
>>> opt = Optimizer([(-2.0, 2.0), (0, 5)], n_initial_points=5, random_state=0)
>>> for _ in range(8):
...     x = opt.ask()
...     result = opt.tell(x, (x[0] - 0.5) ** 2 + (x[1] - 2) ** 2)
>>> ax = plot_convergence(result)
>>> len(ax.lines[0].get_xdata())
8
>>> axes = plot_objective(result, n_points=10)
>>> axes.shape
(2, 2)
>>> import matplotlib.pyplot as plt
>>> plt.close("all")
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

import numpy as np
from sklearn.utils import check_random_state

from . import _plot_utils as pu
from ._validation import InvalidParameterError, check_choice, check_int, check_real, is_int
from .optimizer._encoding import SpaceEncoder
from .optimizer._threads import single_threaded
from .optimizer.acquisition import (
    SurrogateView,
    expected_improvement,
    lower_confidence_bound,
    max_value_entropy,
    probability_of_improvement,
)
from .space import Integer, Space

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "partial_dependence",
    "partial_dependence_1D",
    "partial_dependence_2D",
    "plot_convergence",
    "plot_evaluations",
    "plot_gaussian_process",
    "plot_histogram",
    "plot_objective",
    "plot_objective_2D",
    "plot_regret",
]

# plot_gaussian_process marks each integer of a range of at most this many values.
_MAX_DOTS = 60


def _new_axes(ax: Axes | None) -> Axes:
    return ax if ax is not None else pu.pyplot().figure().add_subplot()


def _legend_if_labelled(ax: Axes) -> None:
    if any(line.get_label() and not line.get_label().startswith("_") for line in ax.lines):
        ax.legend(loc="best")


def _integer_x(ax: Axes) -> None:
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))


# -- plot_convergence and plot_regret ---------------------------------------------------------
def plot_convergence(
    *args: Any,
    true_minimum: float | None = None,
    yscale: str | None = None,
    ax: Axes | None = None,
    x: str = "evaluations",
) -> Axes:
    """Plot the best value found so far against the number of evaluations.

    Parameters
    ----------
    *args : search, OptimizeResult, list of them, or tuple ``(label, obj)``
        One trace per argument, on one axes. A fitted search (anything with
        ``cv_results_``: :class:`~skopt_lite.BayesSearchCV`,
        :class:`~skopt_lite.RandomSearchCV`, :class:`~skopt_lite.GridSearchCV`,
        :class:`~skopt_lite.ExhaustiveSearchCV`, or scikit-learn's) is drawn as
        the best ``mean_test_score`` so far (for several metrics, the column of
        the ``refit`` metric), in the order of ``cv_results_``: higher is
        better. An :class:`~skopt_lite.OptimizeResult` is drawn as the minimum
        of ``func_vals`` so far, as scikit-optimize drew it. A list of them
        (say, several runs with different seeds) is drawn as one faint line
        per run and their mean as the trace; at each number of evaluations the
        mean is over the runs that reached it. Searches and results cannot be
        mixed on one axes (scores and minimised values run in opposite
        directions). Failed evaluations (nan) are skipped. A tuple gives the
        trace's label; several traces without labels are labelled by their
        class name.
    true_minimum : float or None, default=None
        A known optimum, drawn as a dashed horizontal line (a score for
        searches, a value of the objective for results).
    yscale : str or None, default=None
        Scale of the y axis (``"linear"``, ``"log"``, ...); None keeps
        matplotlib's default.
    ax : matplotlib Axes or None, default=None
        Axes to draw on; None draws on a new figure.
    x : {"evaluations", "compute"}, default="evaluations"
        What the x axis counts: evaluations, or the compute spent so far by a
        halving search (:class:`~skopt_lite.HalvingBayesSearchCV` or
        scikit-learn's): the sum over its fits of the resource each used,
        ``cumsum(cv_results_["n_resources"]) * n_splits_``.

    Returns
    -------
    ax : matplotlib Axes
        Each trace has one point per evaluation, at ``x = 1, 2, ..., n`` (or
        at the compute spent when it ended; a group's mean at the mean
        compute of its runs).

    Raises
    ------
    ImportError
        If matplotlib is not installed.
    TypeError
        For an argument that is neither a search nor an OptimizeResult (nor a
        list or labelled tuple of them).
    ValueError
        For no argument, an empty list, an unfitted search, a mix of searches
        and results, a multi-metric search whose ``refit`` names no metric,
        or ``x="compute"`` with anything but halving searches.

    Examples
    --------
    >>> from sklearn.datasets import load_iris
    >>> from sklearn.svm import SVC
    >>> from skopt_lite import RandomSearchCV, Real
    >>> from skopt_lite.plots import plot_convergence
    >>> X, y = load_iris(return_X_y=True)
    >>> search = RandomSearchCV(
    ...     SVC(), {"C": Real(1e-2, 1e2, prior="log-uniform")}, n_iter=5, cv=3, random_state=0
    ... ).fit(X, y)
    >>> ax = plot_convergence(("random", search))
    >>> ax.get_legend_handles_labels()[1]
    ['random']
    >>> ax.figure.clf()
    """
    pu.pyplot()
    x = check_choice(x, "x", ("evaluations", "compute"))
    entries = pu.traces(args, "plot_convergence")
    xs = None
    if x == "compute":
        xs = [[pu.compute_spent(obj) for obj in e.objs] for e in entries]
    maximise = entries[0].kind == "search"
    ax = _new_axes(ax)
    if maximise:
        keys = {e.key for e in entries}
        key = keys.pop() if len(keys) == 1 else "mean_test_score"
        metric = key[len("mean_test_") :]
        ylabel = "best mean test score so far"
        if metric != "score":
            ylabel = f"best mean test {metric} so far"
    else:
        ylabel = "min f(x) after n evaluations"
    curves = [[pu.best_so_far(v, maximise) for v in e.runs] for e in entries]
    pu.draw_traces(ax, entries, curves, xs)
    if true_minimum is not None:
        ax.axhline(true_minimum, linestyle="--", color="r", lw=1, label="true minimum")
    if yscale is not None:
        ax.set_yscale(yscale)
    ax.set_title("Convergence plot")
    ax.set_xlabel("number of evaluations" if x == "evaluations" else "compute (resource x fits)")
    ax.set_ylabel(ylabel)
    ax.grid(True, alpha=0.3)
    _integer_x(ax)
    _legend_if_labelled(ax)
    return ax


def plot_regret(
    *args: Any,
    ax: Axes | None = None,
    true_minimum: float | None = None,
    yscale: str | None = None,
) -> Axes:
    """Plot the cumulative regret against the number of evaluations.

    The regret of an evaluation is how far its value is from the optimum:
    ``f(x_i) - true_minimum`` for an :class:`~skopt_lite.OptimizeResult`,
    ``true_minimum - score_i`` for a fitted search (where ``true_minimum`` is
    the best score possible). After ``n`` evaluations the cumulative regret is
    the sum over the first ``n``; it grows ever more slowly as a search
    settles on the optimum.

    Parameters
    ----------
    *args : search, OptimizeResult, list of them, or tuple ``(label, obj)``
        One trace per argument, as in :func:`plot_convergence`: a list is
        drawn as one faint line per run and their mean (at each ``n``, over the
        runs that reached it). Failed evaluations (nan or inf) add nothing.
    ax : matplotlib Axes or None, default=None
        Axes to draw on; None draws on a new figure.
    true_minimum : float or None, default=None
        The optimum; None takes the best value of all the traces (the
        smallest value, or the highest score), as scikit-optimize does.
    yscale : str or None, default=None
        Scale of the y axis; None keeps matplotlib's default.

    Returns
    -------
    ax : matplotlib Axes
        Each trace has one point per evaluation, at ``x = 1, 2, ..., n``.

    Raises
    ------
    ImportError
        If matplotlib is not installed.
    TypeError
        For an argument that is neither a search nor an OptimizeResult (nor a
        list or labelled tuple of them).
    ValueError
        As :func:`plot_convergence`, and when ``true_minimum`` is None and no
        value is finite.

    Examples
    --------
    >>> from skopt_lite import Optimizer
    >>> from skopt_lite.plots import plot_regret
    >>> opt = Optimizer([(-2.0, 2.0)], n_initial_points=3, random_state=0)
    >>> for _ in range(4):
    ...     x = opt.ask()
    ...     result = opt.tell(x, x[0] ** 2)
    >>> ax = plot_regret(result, true_minimum=0.0)
    >>> bool(abs(ax.lines[0].get_ydata()[-1] - result.func_vals.sum()) < 1e-12)
    True
    >>> ax.figure.clf()
    """
    pu.pyplot()
    entries = pu.traces(args, "plot_regret")
    maximise = entries[0].kind == "search"
    if true_minimum is None:
        finite = [v[np.isfinite(v)] for e in entries for v in e.runs]
        finite = np.concatenate(finite) if finite else np.array([])
        if not finite.size:
            raise ValueError(
                "plot_regret: no evaluation has a finite value; pass true_minimum= to set"
                " the optimum."
            )
        optimum = float(finite.max() if maximise else finite.min())
    else:
        optimum = check_real(true_minimum, "true_minimum")
    curves = []
    for e in entries:
        runs = []
        for v in e.runs:
            gap = (optimum - v) if maximise else (v - optimum)
            runs.append(np.cumsum(np.where(np.isfinite(gap), gap, 0.0)))
        curves.append(runs)
    ax = _new_axes(ax)
    pu.draw_traces(ax, entries, curves)
    if yscale is not None:
        ax.set_yscale(yscale)
    ax.set_title("Cumulative regret plot")
    ax.set_xlabel("number of evaluations")
    ax.set_ylabel(
        "cumulative regret (best score - score)"
        if maximise
        else "cumulative regret (f(x) - minimum)"
    )
    ax.grid(True, alpha=0.3)
    _integer_x(ax)
    _legend_if_labelled(ax)
    return ax


# -- plot_gaussian_process ------------------------------------------------------------------
def plot_gaussian_process(
    res: Any,
    ax: Axes | None = None,
    n_calls: int = -1,
    objective: Any = None,
    n_points: int = 1000,
    noise_level: float = 0,
    show_legend: bool = True,
    show_title: bool = True,
    show_acq_func: bool = False,
    show_next_point: bool = False,
    show_observations: bool = True,
    show_mu: bool = True,
    *,
    subspace: int = 0,
) -> Axes:
    """Plot the surrogate model of a 1-D optimisation, and the acquisition function.

    The surrogate's prediction (the GP's mean) is drawn as a dashed green line
    with its 95% band (``mean +- 1.96 std``), the evaluated points as red dots,
    and optionally the true objective as a dashed red line with its noise
    band. With ``show_acq_func=True`` the acquisition function is drawn on a
    second axes beneath (sharing the x axis), with the point it would pick next.

    The model is fit on transformed values (see
    :mod:`skopt_lite.optimizer.targets`); its prediction and band are mapped
    back to the objective's units, so they line up with the observations. The
    map is increasing but not linear, so the band may be asymmetric (it is the
    2.5% and 97.5% quantiles of the prediction).

    Parameters
    ----------
    res : OptimizeResult or BayesSearchCV
        A result whose space has one dimension (or one dimension with more
        than one possible value; the others are held at their value). A fitted
        :class:`~skopt_lite.BayesSearchCV` is drawn from
        ``optimizer_results_[subspace]``, in scores (higher is better).
    ax : matplotlib Axes or None, default=None
        Axes to draw on; None draws on a new figure. With ``show_acq_func``,
        its area is split: the upper three quarters for the model, the rest
        for the acquisition function.
    n_calls : int, default=-1
        Which model to draw: ``res.models[n_calls]`` (-1, the last), with the
        points it was fit on. An :class:`~skopt_lite.Optimizer` keeps its latest
        model only, so only -1 and 0 select a model of its results.
    objective : callable or None, default=None
        The true objective, drawn if given. It is called with each point, a
        list of one value per dimension (as the function of ``gp_minimize``),
        and must return a number in the units plotted (a score for a search).
    n_points : int, default=1000
        Points at which a ``Real`` dimension is drawn (evenly spread in the
        prior's scale); an ``Integer`` is drawn at every integer (at most
        ``n_points`` of them), a ``Categorical`` at every category.
    noise_level : float, default=0
        Standard deviation of the objective's noise: the band
        ``objective +- 1.96 noise_level`` around the true objective.
    show_legend : bool, default=True
        Draw a legend.
    show_title : bool, default=True
        Title with the best point and its value.
    show_acq_func : bool, default=False
        Draw the acquisition function beneath: the one the result's ``specs``
        record (``"EI"`` for ``"gp_hedge"`` or without ``specs``), with its
        ``xi`` and ``kappa``. EI, PI and MES are drawn in the model's
        standardised units (larger is better; MES with its ``n_min_samples``
        samples of the minimum, seeded 0); LCB in the objective's units
        (smaller is better).
    show_next_point : bool, default=False
        Mark the best point of the acquisition function on the drawn grid.
    show_observations : bool, default=True
        Draw the evaluated points.
    show_mu : bool, default=True
        Draw the surrogate's prediction and band.
    subspace : int, default=0
        For a BayesSearchCV: which subspace's result to plot.

    Returns
    -------
    ax : matplotlib Axes
        The axes of the model. The acquisition function's axes, when drawn,
        has the label ``"acquisition"`` (``ax.figure.axes`` holds it).

    Raises
    ------
    ImportError
        If matplotlib is not installed.
    TypeError
        For an object that is neither a result nor a BayesSearchCV.
    ValueError
        For a space with more than one dimension to draw, a result without a
        model, an ``n_calls`` selecting no model, or other bad arguments.

    Examples
    --------
    >>> from skopt_lite import Optimizer
    >>> from skopt_lite.plots import plot_gaussian_process
    >>> opt = Optimizer([(-2.0, 2.0)], n_initial_points=4, random_state=0)
    >>> for _ in range(6):
    ...     x = opt.ask()
    ...     result = opt.tell(x, (x[0] - 0.5) ** 2)
    >>> ax = plot_gaussian_process(result, objective=lambda x: (x[0] - 0.5) ** 2,
    ...                            show_acq_func=True, n_points=50)
    >>> [line.get_label() for line in ax.lines]
    ['true objective', 'surrogate mean', 'observations']
    >>> ax.figure.clf()
    """
    plt = pu.pyplot()
    func = "plot_gaussian_process"
    result, is_search = pu.result_of(res, subspace, func)
    space = result.space
    labels = pu.space_labels(space)
    free = [i for i, dim in enumerate(space.dimensions) if not pu.is_fixed(dim)]
    if len(free) != 1:
        raise ValueError(
            f"{func} draws a space of one dimension; this one has {len(free)} dimensions"
            f" with more than one value ({[labels[i] for i in free]}). Use plot_objective"
            " for several dimensions."
        )
    (d,) = free
    dim = space.dimensions[d]
    n_points = check_int(n_points, "n_points", low=2)
    noise_level = check_real(noise_level, "noise_level", low=0.0)
    if not is_int(n_calls):
        raise InvalidParameterError(f"n_calls must be an int, got n_calls={n_calls!r}.")
    models = list(getattr(result, "models", None) or [])
    if models and not -len(models) <= n_calls < len(models):
        raise ValueError(
            f"{func}: n_calls={n_calls} selects no model; the result keeps {len(models)}"
            f" model(s) (res.models), so n_calls must be in [{-len(models)}, {len(models) - 1}]."
        )
    if objective is not None and not callable(objective):
        raise InvalidParameterError(
            f"objective must be a callable or None, got objective={objective!r}."
        )
    sur = pu.surrogate(result, func, index=int(n_calls))
    encoder = SpaceEncoder(space)
    sign = -1.0 if is_search else 1.0

    # Where the model is drawn: native values, plot positions, full points.
    values = pu.pd_grid(dim, n_points)
    spec = pu.spec_of_dimension(dim, labels[d] if space.names[d] is not None else "x")
    xs = spec.positions(values)
    held = [pu.fixed_value(other) if k != d else None for k, other in enumerate(space.dimensions)]
    points = [held[:d] + [v] + held[d + 1 :] for v in values]
    Z = encoder.encode(encoder.to_unit(points), valid=True)
    mean_z, std_z = SurrogateView(sur.model).predict(Z)
    n_seen = len(sur.func_vals)
    seen_x = [p[d] for p in result.x_iters[:n_seen]]
    seen_y = np.asarray(result.func_vals[:n_seen], dtype=float)
    ok = np.isfinite(seen_y)

    if ax is None:
        fig = plt.figure(layout="constrained", figsize=(6.4, 4.8 if show_acq_func else 4.0))
        ax = fig.add_subplot()
    acq_ax = None
    if show_acq_func:
        ax, acq_ax = pu.split_below(ax)
        acq_ax.set_label("acquisition")
    # Categories as markers; integers with a dot each, while the dots stay apart.
    dotted = isinstance(dim, Integer) and len(xs) <= _MAX_DOTS
    marker = "o" if spec.categorical else ("." if dotted else None)
    linestyle = "none" if spec.categorical else "--"

    if objective is not None:
        fx = np.asarray([float(objective(p)) for p in points], dtype=float)
        ax.plot(xs, fx, color="r", linestyle=linestyle, marker=marker, label="true objective")
        if noise_level > 0:
            pu.band(ax, xs, fx - 1.96 * noise_level, fx + 1.96 * noise_level, "r", spec)
    band = []
    if show_mu:
        mu = sur.values(mean_z) * sign
        lo = sur.values(mean_z - 1.96 * std_z) * sign
        hi = sur.values(mean_z + 1.96 * std_z) * sign
        lo, hi = np.minimum(lo, hi), np.maximum(lo, hi)
        # The band of a bounded target transform may run off to infinity: cut it
        # far beyond what is drawn (the y limits are set from the finite values).
        y_lo, y_hi = pu.span([mu, seen_y[ok] * sign])
        far = 100.0 * (y_hi - y_lo)
        lo = np.clip(np.nan_to_num(lo, nan=y_lo - far), y_lo - far, y_hi + far)
        hi = np.clip(np.nan_to_num(hi, nan=y_hi + far), y_lo - far, y_hi + far)
        ax.plot(xs, mu, color="g", linestyle=linestyle, marker=marker, label="surrogate mean")
        pu.band(ax, xs, lo, hi, "g", spec, label="95% band")
        band = [lo, hi]
    if show_observations:
        ax.plot(
            spec.positions(seen_x)[ok],
            seen_y[ok] * sign,
            "r.",
            markersize=8,
            label="observations",
        )
    pu.limit_y(ax, [seen_y[ok] * sign] + [line.get_ydata() for line in ax.lines], band)
    spec.apply(ax, "x", labels=acq_ax is None)
    ax.set_ylabel("score" if is_search else "f(x)")
    ax.grid(True, alpha=0.3)
    if show_title and result.x is not None:
        if is_search:
            ax.set_title(
                f"best {spec.label} = {pu.format_value(result.x[d])},"
                f" score = {pu.format_value(-float(result.fun))}"
            )
        else:
            ax.set_title(
                f"x* = {pu.format_value(result.x[d])}, f(x*) = {pu.format_value(float(result.fun))}"
            )

    if acq_ax is not None:
        name, xi, kappa, n_min_samples = pu.acquisition_settings(result)
        z, _, y_std = sur.targets()
        y_best = float(np.min(z[np.isfinite(sur.func_vals)]))
        if name == "LCB":
            acq = sur.values(lower_confidence_bound(mean_z, std_z, kappa)) * sign
            best = int(np.argmin(acq) if sign > 0 else np.argmax(acq))
            acq_label = "LCB(x)" if sign > 0 else "UCB(x) (score)"
        elif name == "PI":
            acq = probability_of_improvement(mean_z, std_z, y_best, xi / y_std)
            best, acq_label = int(np.argmax(acq)), "PI(x)"
        elif name == "MES":
            # Seeded, so that the same result draws the same curve.
            rng = np.random.RandomState(0)
            acq = max_value_entropy(mean_z, std_z, rng, n_min_samples)
            best, acq_label = int(np.argmax(acq)), "MES(x)"
        else:
            acq = expected_improvement(mean_z, std_z, y_best, xi / y_std)
            best, acq_label = int(np.argmax(acq)), "EI(x)"
        acq_ax.plot(
            xs,
            acq,
            color="b",
            linestyle="none" if spec.categorical else "-",
            marker=marker,
            label=acq_label,
        )
        if name != "LCB" and not spec.categorical:
            acq_ax.fill_between(xs, 0.0, acq, color="b", alpha=0.2, lw=0)
        if show_next_point:
            acq_ax.plot([xs[best]], [acq[best]], "bo", markersize=6, label="next query point")
        acq_ax.set_ylabel(acq_label)
        acq_ax.grid(True, alpha=0.3)
        spec.apply(acq_ax, "x")
        if show_legend:
            acq_ax.legend(loc="best", fontsize="small", numpoints=1)
    if show_legend:
        ax.legend(loc="best", fontsize="small", numpoints=1)
    return ax


# -- plot_objective and plot_objective_2D -------------------------------------------------------
def plot_objective(
    result: Any,
    levels: int = 10,
    n_points: int = 40,
    n_samples: int = 250,
    size: float = 2,
    wspace: float = 0.35,
    hspace: float = 0.35,
    zscale: str = "linear",
    dimensions: list | None = None,
    sample_source: str | list = "random",
    minimum: str | list = "result",
    n_minimum_search: int | None = None,
    plot_dims: list | None = None,
    show_points: bool = True,
    cmap: Any = "viridis_r",
    ax: Axes | None = None,
    *,
    subspace: int = 0,
    random_state: Any = 0,
    fig: Figure | None = None,
) -> np.ndarray:
    """Plot the partial dependence of the surrogate model, per dimension and per pair.

    The surrogate is the last model of the result (``result.models[-1]``),
    the Gaussian process the optimiser fitted to the evaluations. The partial
    dependence along one dimension is its prediction averaged over
    ``n_samples`` points drawn by the priors of the space, with that dimension
    set to each of ``n_points`` values; along a pair, with both set. It shows
    how each hyperparameter matters on average over the others. The model's
    outputs are mapped back to the objective's units (see
    :mod:`skopt_lite.optimizer.targets`).

    The panels form a lower-triangular grid: the partial dependence along
    dimension ``i`` on the diagonal (a line, with the evaluated values of
    ``i`` as ticks along the bottom and the ``minimum`` as a dashed red line),
    and the partial dependence along ``(j, i)`` below it at row ``i``, column
    ``j`` (filled contours, or cells when a dimension is categorical), with
    the evaluated points as black dots and the ``minimum`` as a red star. The
    diagonal panels share one value axis and the pair panels one colour
    scale, shown by one colour bar, so effects compare across panels.
    Categorical dimensions are drawn at positions ``0, 1, ...`` labelled with
    the categories; log-uniform ranges on log axes.

    Parameters
    ----------
    result : OptimizeResult or BayesSearchCV
        An :class:`~skopt_lite.OptimizeResult` (from
        :meth:`~skopt_lite.Optimizer.get_result` or ``gp_minimize``) is drawn in
        the values it minimised. A fitted :class:`~skopt_lite.BayesSearchCV` is
        drawn in scores (the negated surrogate, higher is better) from
        ``optimizer_results_[subspace]``.
    levels : int, default=10
        Contour levels of the pair panels.
    n_points : int, default=40
        Values per ``Real`` dimension (and per ``Integer`` range with more
        values than this); every category of a ``Categorical``, every integer
        of a smaller ``Integer``.
    n_samples : int, default=250
        Points drawn by the priors to average the prediction over (with
        ``sample_source="random"``).
    size : float, default=2
        Height and width of each panel, in inches (new figures only).
    wspace, hspace : float, default=0.35
        Space between the panels, as a share of a panel's width and height
        (constrained layout on a new figure adds room for the labels first, so
        there it is a quarter of that).
    zscale : {"linear", "log"}, default="linear"
        Scale of the colours of the pair panels; ``"log"`` needs positive
        values.
    dimensions : list of str or None, default=None
        Labels of the plotted dimensions, one per plotted dimension, in plot
        order; None uses the names (``x{i}`` for an unnamed dimension at
        position ``i``). A list naming the plotted dimensions in another order
        is refused: that is ``plot_dims``' job.
    sample_source : str or list, default="random"
        What the prediction is averaged over: ``"random"``, ``n_samples``
        points drawn by the priors (the partial dependence); ``"result"``, the
        best evaluated point only (a slice of the model through it);
        ``"expected_minimum"`` or ``"expected_minimum_random"``, the minimum
        of the surrogate only (see ``minimum``); a list, that point only.
    minimum : str or list, default="result"
        The point marked by the red stars and dashed lines: ``"result"``, the
        best evaluated point; ``"expected_minimum"``, the minimum of the
        surrogate's prediction, from ``n_minimum_search`` starts (default 20)
        refined by L-BFGS-B along the ``Real`` dimensions (categorical
        dimensions too, unlike scikit-optimize); ``"expected_minimum_random"``,
        the best of ``n_minimum_search`` points drawn by the priors (default
        ``10 ** n_dims``, at most 100000); a list, that point.
    n_minimum_search : int or None, default=None
        Starts or samples of the ``"expected_minimum*"`` searches; unused
        otherwise.
    plot_dims : list of str or int, or None, default=None
        Names (or positions in the space) of the dimensions to plot, in panel
        order; None plots every dimension with more than one possible value
        (a one-category ``Categorical`` is left out). The others are still
        averaged over.
    show_points : bool, default=True
        Draw the evaluated points (black dots, and the ticks of the diagonal).
    cmap : str or Colormap, default="viridis_r"
        Colormap of the pair panels, for minimised values (bright is low).
        For a search, drawn in scores, it is reversed, so each colour means
        what it means in the plot of ``optimizer_results_[subspace]``.
    ax : matplotlib Axes or None, default=None
        A subplot whose area holds the grid of panels (the subplot itself is
        hidden); None draws on ``fig`` or a new figure.
    subspace : int, default=0
        For a search: which subspace's result to plot.
    random_state : int, RandomState instance or None, default=0
        Seed of the sampled points (0: the same plot every time).
    fig : matplotlib Figure or None, default=None
        Figure to draw the grid on; None makes a new one (unless ``ax``).

    Returns
    -------
    axes : ndarray of shape (n_dims, n_dims) of matplotlib Axes
        ``n_dims`` is the number of plotted dimensions. Panels above the
        diagonal are hidden. The colour bar (with two dimensions or more) is
        another axes of the figure, labelled with what the colours show.

    Raises
    ------
    ImportError
        If matplotlib is not installed.
    TypeError
        For a search without a surrogate (not a BayesSearchCV).
    ValueError
        If the result has no fitted model (fewer evaluations than
        ``n_initial_points``), or for bad arguments.

    Examples
    --------
    >>> from skopt_lite import Optimizer
    >>> from skopt_lite.plots import plot_objective
    >>> opt = Optimizer([(1e-3, 1e3, "log-uniform"), ["a", "b"]], n_initial_points=4,
    ...                 random_state=0)
    >>> for _ in range(6):
    ...     x = opt.ask()
    ...     result = opt.tell(x, abs(x[0] - 1.0) + (x[1] == "b"))
    >>> axes = plot_objective(result, n_points=8)
    >>> [t.get_text() for t in axes[1, 0].get_yticklabels()]
    ['a', 'b']
    >>> axes[0, 0].figure.clf()
    """
    func = "plot_objective"
    pu.pyplot()
    res, is_search, n_points, n_samples, levels, zscale, n_minimum_search, sur, rng = (
        pu.partial_dependence_setup(
            result,
            subspace,
            func,
            n_points,
            n_samples,
            levels,
            zscale,
            n_minimum_search,
            random_state,
        )
    )
    size = check_real(size, "size", low=0.0, include_low=False)
    wspace = check_real(wspace, "wspace", low=0.0)
    hspace = check_real(hspace, "hspace", low=0.0)
    space = res.space
    encoder = SpaceEncoder(space)
    labels = pu.space_labels(space)
    cols = pu.select(labels, plot_dims, [pu.is_fixed(d) for d in space.dimensions], func)
    names = pu.panel_labels(dimensions, labels, cols, func)
    sign = -1.0 if is_search else 1.0
    zlabel = "score" if is_search else "objective"
    cm = pu.colormap(cmap, reverse=is_search)
    samples, best = pu.samples_and_minimum(
        res, sur, encoder, sample_source, minimum, n_samples, n_minimum_search, rng, func
    )

    grids = {i: pu.pd_grid(space.dimensions[i], n_points) for i in cols}
    units = {i: pu.unit_column(encoder, i, grids[i]) for i in cols}
    specs = [pu.spec_of_dimension(space.dimensions[i], name) for i, name in zip(cols, names)]
    x_iters = list(res.x_iters)

    # Many small products: one BLAS thread is several times faster (as in the optimiser).
    with single_threaded(SimpleNamespace()):
        pds = {}
        for a, i in enumerate(cols):
            pds[i, i] = pu.partial_dependence_values(sur.model, encoder, samples, [i], [units[i]])
            for j in cols[:a]:
                pds[i, j] = pu.partial_dependence_values(
                    sur.model, encoder, samples, [i, j], [units[i], units[j]]
                )
    pds = {key: sur.values(value) * sign for key, value in pds.items()}
    # One scale for all lines and one for all pairs: effects compare across panels.
    ylim = pu.span([pds[i, i] for i in cols], margin=0.05)
    pairs = [pds[i, j] for a, i in enumerate(cols) for j in cols[:a]]
    norm, contour_levels = (None, None)
    if pairs:
        norm, contour_levels = pu.color_scale(pairs, levels, zscale, func)

    n = len(cols)
    fig, axes = pu.grid_figure(n, fig, ax, size, wspace, hspace, colorbar=bool(pairs))
    for a, i in enumerate(cols):
        panel = axes[a, a]
        spec = specs[a]
        x = spec.positions(grids[i])
        discrete = spec.categorical or (spec.integer and len(x) < n_points)
        panel.plot(x, pds[i, i], color="C0", lw=1.5, marker="." if discrete else None)
        if show_points:
            evaluated = spec.positions([p[i] for p in x_iters])
            panel.scatter(
                evaluated,
                np.full(len(evaluated), 0.03),
                transform=panel.get_xaxis_transform(),
                marker="|",
                s=40,
                c="k",
                alpha=0.6,
                gid="evaluations",
                lw=1,
            )
        if best is not None:
            panel.axvline(spec.position(best[i]), linestyle="--", color="r", lw=1)
        panel.set_ylim(*ylim)
        # With pairs, the colour bar says what is plotted; the short label fits a panel.
        ylabel = f"partial dependence ({zlabel})" if n == 1 else "partial dependence"
        pu.diagonal_y_right(panel, ylabel, a == 0 or a == n - 1)
    mappable = None
    for a, i in enumerate(cols):
        for b, j in enumerate(cols[:a]):
            panel = axes[a, b]
            values = pds[i, j]
            xs, ys = specs[b].positions(grids[j]), specs[a].positions(grids[i])
            discrete = specs[a].categorical or specs[b].categorical or min(values.shape) < 2
            drawn = pu.draw_pair(panel, xs, ys, values, discrete, cm, norm, contour_levels)
            if mappable is None or not discrete:
                mappable = drawn
            if show_points:
                panel.scatter(
                    specs[b].positions([p[j] for p in x_iters]),
                    specs[a].positions([p[i] for p in x_iters]),
                    c="k",
                    s=10,
                    lw=0,
                    alpha=0.8,
                    gid="evaluations",
                )
            if best is not None:
                panel.scatter(
                    [specs[b].position(best[j])],
                    [specs[a].position(best[i])],
                    c="r",
                    s=120,
                    marker="*",
                    lw=0,
                    zorder=3,
                    gid="best",
                )
    pu.label_grid(axes, specs, [None] * n)
    if mappable is not None:
        visible = [p for p in axes.ravel() if p.get_visible()]
        pu.add_colorbar(fig, mappable, visible, f"partial dependence ({zlabel})")
    return axes


def plot_objective_2D(
    result: Any,
    dimension_identifier1: str | int,
    dimension_identifier2: str | int,
    n_points: int = 40,
    n_samples: int = 250,
    levels: int = 10,
    zscale: str = "linear",
    sample_source: str | list = "random",
    minimum: str | list = "result",
    n_minimum_search: int | None = None,
    ax: Axes | None = None,
    *,
    subspace: int = 0,
    random_state: Any = 0,
    cmap: Any = "viridis_r",
) -> Axes:
    """Plot the partial dependence of the surrogate along one pair of dimensions.

    One panel of :func:`plot_objective`, larger: filled contours (cells when
    a dimension is categorical) of the partial dependence along
    ``dimension_identifier1`` (x axis) and ``dimension_identifier2`` (y
    axis), the evaluated points as black dots, the ``minimum`` as a red star,
    and a colour bar labelled with what the colours show.

    Parameters
    ----------
    result : OptimizeResult or BayesSearchCV
        As in :func:`plot_objective`.
    dimension_identifier1, dimension_identifier2 : str or int
        Name or position in the space of the dimension on the x and y axes.
    n_points : int, default=40
        As in :func:`plot_objective`.
    n_samples : int, default=250
        As in :func:`plot_objective`.
    levels : int, default=10
        Contour levels.
    zscale : {"linear", "log"}, default="linear"
        Scale of the colours; ``"log"`` needs positive values.
    sample_source : str or list, default="random"
        As in :func:`plot_objective`.
    minimum : str or list, default="result"
        As in :func:`plot_objective`.
    n_minimum_search : int or None, default=None
        As in :func:`plot_objective`.
    ax : matplotlib Axes or None, default=None
        Axes to draw on; None draws on a new figure.
    subspace : int, default=0
        For a search: which subspace's result to plot.
    random_state : int, RandomState instance or None, default=0
        Seed of the sampled points.
    cmap : str or Colormap, default="viridis_r"
        As in :func:`plot_objective` (scikit-optimize always used ``"viridis_r"``).

    Returns
    -------
    ax : matplotlib Axes

    Raises
    ------
    ImportError
        If matplotlib is not installed.
    TypeError
        For a search without a surrogate (not a BayesSearchCV).
    ValueError
        If the result has no fitted model, the two identifiers name the same
        dimension, or for other bad arguments.

    Examples
    --------
    >>> from skopt_lite import Optimizer
    >>> from skopt_lite.plots import plot_objective_2D
    >>> opt = Optimizer([(-2.0, 2.0), (0, 5)], n_initial_points=4, random_state=0)
    >>> for _ in range(6):
    ...     x = opt.ask()
    ...     result = opt.tell(x, (x[0] - 0.5) ** 2 + (x[1] - 2) ** 2)
    >>> ax = plot_objective_2D(result, 0, 1, n_points=10)
    >>> ax.get_xlabel(), ax.get_ylabel()
    ('x0', 'x1')
    >>> ax.figure.clf()
    """
    func = "plot_objective_2D"
    plt = pu.pyplot()
    res, is_search, n_points, n_samples, levels, zscale, n_minimum_search, sur, rng = (
        pu.partial_dependence_setup(
            result,
            subspace,
            func,
            n_points,
            n_samples,
            levels,
            zscale,
            n_minimum_search,
            random_state,
        )
    )
    space = res.space
    encoder = SpaceEncoder(space)
    labels = pu.space_labels(space)
    i1 = pu.dimension_index(labels, dimension_identifier1, "dimension_identifier1", func)
    i2 = pu.dimension_index(labels, dimension_identifier2, "dimension_identifier2", func)
    if i1 == i2:
        raise ValueError(
            f"{func}: dimension_identifier1 and dimension_identifier2 name the same"
            f" dimension ({labels[i1]!r}); pass two different dimensions."
        )
    sign = -1.0 if is_search else 1.0
    zlabel = "score" if is_search else "objective"
    cm = pu.colormap(cmap, reverse=is_search)
    samples, best = pu.samples_and_minimum(
        res, sur, encoder, sample_source, minimum, n_samples, n_minimum_search, rng, func
    )
    g1, g2 = (pu.pd_grid(space.dimensions[i], n_points) for i in (i1, i2))
    u1, u2 = pu.unit_column(encoder, i1, g1), pu.unit_column(encoder, i2, g2)
    with single_threaded(SimpleNamespace()):
        # Rows along the y dimension, columns along the x dimension.
        values = pu.partial_dependence_values(sur.model, encoder, samples, [i2, i1], [u2, u1])
    values = sur.values(values) * sign
    norm, contour_levels = pu.color_scale([values], levels, zscale, func)
    s1, s2 = (pu.spec_of_dimension(space.dimensions[i], labels[i]) for i in (i1, i2))
    if ax is None:
        ax = plt.figure(layout="constrained").add_subplot()
    discrete = s1.categorical or s2.categorical or min(values.shape) < 2
    drawn = pu.draw_pair(
        ax, s1.positions(g1), s2.positions(g2), values, discrete, cm, norm, contour_levels
    )
    ax.scatter(
        s1.positions([p[i1] for p in res.x_iters]),
        s2.positions([p[i2] for p in res.x_iters]),
        c="k",
        s=10,
        lw=0,
        alpha=0.8,
        gid="evaluations",
    )
    if best is not None:
        ax.scatter(
            [s1.position(best[i1])],
            [s2.position(best[i2])],
            c="r",
            s=150,
            marker="*",
            lw=0,
            zorder=3,
            gid="best",
        )
    s1.apply(ax, "x")
    s2.apply(ax, "y")
    pu.add_colorbar(ax.figure, drawn, [ax], f"partial dependence ({zlabel})")
    return ax


# -- plot_evaluations and plot_histogram --------------------------------------------------------
def plot_evaluations(
    result: Any,
    bins: int = 20,
    dimensions: list | None = None,
    plot_dims: list | None = None,
    size: float = 2,
    wspace: float = 0.35,
    hspace: float = 0.35,
    cmap: Any = "viridis",
    ax: Axes | None = None,
    *,
    subspace: int = 0,
    fig: Figure | None = None,
) -> np.ndarray:
    """Plot where a search sampled: a histogram per dimension, a scatter per pair.

    The panels form a lower-triangular grid: a histogram of the values of
    dimension ``i`` on the diagonal, and the points evaluated in the pair
    ``(j, i)`` below it at row ``i``, column ``j``, coloured by evaluation
    order (dark first, bright last) with the best point as a red star.
    Categorical values are drawn at positions ``0, 1, ...`` labelled with the
    categories (one bar per category); log-uniform ranges on log axes;
    integers in bins centred on them.

    Parameters
    ----------
    result : fitted search or OptimizeResult
        An :class:`~skopt_lite.OptimizeResult`, or a
        :class:`~skopt_lite.BayesSearchCV` drawn from
        ``optimizer_results_[subspace]`` (the space gives the axes). Other
        searches (:class:`~skopt_lite.RandomSearchCV`,
        :class:`~skopt_lite.GridSearchCV`, :class:`~skopt_lite.ExhaustiveSearchCV`,
        or scikit-learn's) are drawn from ``cv_results_["params"]``: numeric
        parameters on a log axis when declared with a log-uniform prior (or a
        ``loguniform`` distribution), or when undeclared, positive and spanning
        a factor of 100 or more, else on a linear axis; other parameters as
        categories. A candidate without a parameter (a list of grids) is left
        out of that parameter's panels. The best point is ``best_params_`` (or
        the best score of ``cv_results_``).
    bins : int, default=20
        Bins of the numeric histograms. Integers get one bin per integer when
        the range has at most ``bins`` values, else ``bins`` groups of
        consecutive integers; the bin edges lie half-way between integers.
    dimensions : list of str or None, default=None
        Labels of the plotted dimensions, one per plotted dimension (see
        :func:`plot_objective`).
    plot_dims : list of str or int, or None, default=None
        Names (or positions) of the dimensions to plot, in panel order; None
        plots every dimension with more than one possible value (a
        one-category ``Categorical``, or a parameter a search declared with a
        single value, is left out). For searches without a space, the
        positions are those of the sorted parameter names.
    size : float, default=2
        Height and width of each panel, in inches (new figures only).
    wspace, hspace : float, default=0.35
        Space between the panels (see :func:`plot_objective`).
    cmap : str or Colormap, default="viridis"
        Colormap of the evaluation order.
    ax : matplotlib Axes or None, default=None
        A subplot whose area holds the grid of panels (the subplot itself is
        hidden); None draws on ``fig`` or a new figure.
    subspace : int, default=0
        For a BayesSearchCV: which subspace's result to plot.
    fig : matplotlib Figure or None, default=None
        Figure to draw the grid on; None makes a new one (unless ``ax``).

    Returns
    -------
    axes : ndarray of shape (n_dims, n_dims) of matplotlib Axes
        Panels above the diagonal are hidden.

    Raises
    ------
    ImportError
        If matplotlib is not installed.
    TypeError
        For an object that is neither a search nor an OptimizeResult.
    ValueError
        For an unfitted search or bad arguments.

    Examples
    --------
    >>> from sklearn.datasets import load_iris
    >>> from sklearn.svm import SVC
    >>> from skopt_lite import GridSearchCV
    >>> from skopt_lite.plots import plot_evaluations
    >>> X, y = load_iris(return_X_y=True)
    >>> search = GridSearchCV(
    ...     SVC(), {"C": [0.1, 1, 10, 100], "kernel": ["linear", "rbf"]}, cv=3
    ... ).fit(X, y)
    >>> axes = plot_evaluations(search)
    >>> axes[0, 0].get_xscale(), [t.get_text() for t in axes[1, 0].get_yticklabels()]
    ('log', ['linear', 'rbf'])
    >>> axes[0, 0].figure.clf()
    """
    func = "plot_evaluations"
    pu.pyplot()
    bins = check_int(bins, "bins", low=1)
    size = check_real(size, "size", low=0.0, include_low=False)
    wspace = check_real(wspace, "wspace", low=0.0)
    hspace = check_real(hspace, "hspace", low=0.0)
    ev = pu.evaluations(result, subspace, func)
    cols = pu.select(ev.labels, plot_dims, ev.fixed, func)
    names = pu.panel_labels(dimensions, ev.labels, cols, func)
    specs = [pu.with_label(ev.specs[i], name, pad=pu.PAD) for i, name in zip(cols, names)]
    coords = [ev.coords(i) for i in cols]
    present = [ev.present(i) for i in cols]
    best_values = [ev.best[i] for i in cols]
    order = np.arange(ev.n_evals)

    n = len(cols)
    fig, axes = pu.grid_figure(n, fig, ax, size, wspace, hspace)
    for a, spec in enumerate(specs):
        panel = axes[a, a]
        pu.draw_histogram(panel, spec, coords[a][present[a]], bins)
        ok, value = best_values[a]
        if ok:
            panel.axvline(spec.position(value), linestyle="--", color="r", lw=1)
        pu.diagonal_y_right(panel, "number of evaluations", a == 0 or a == n - 1, integer=True)
    for a in range(n):
        for b in range(a):
            panel = axes[a, b]
            mask = present[a] & present[b]
            panel.scatter(
                coords[b][mask],
                coords[a][mask],
                c=order[mask],
                cmap=cmap,
                vmin=0,
                vmax=max(ev.n_evals - 1, 1),
                s=14,
                lw=0,
                alpha=0.85,
                gid="evaluations",
            )
            (ok_a, va), (ok_b, vb) = best_values[a], best_values[b]
            if ok_a and ok_b:
                panel.scatter(
                    [specs[b].position(vb)],
                    [specs[a].position(va)],
                    c="r",
                    s=120,
                    marker="*",
                    lw=0,
                    zorder=3,
                    gid="best",
                )
    pu.label_grid(axes, specs, [c[m] for c, m in zip(coords, present)])
    return axes


def plot_histogram(
    result: Any,
    dimension_identifier: str | int,
    bins: int = 20,
    rotate_labels: float = 0,
    ax: Axes | None = None,
    *,
    subspace: int = 0,
) -> Axes:
    """Plot the histogram of the values a search evaluated along one dimension.

    Parameters
    ----------
    result : fitted search or OptimizeResult
        As in :func:`plot_evaluations`.
    dimension_identifier : str or int
        Name or position of the dimension (for searches without a space,
        position among the sorted parameter names).
    bins : int, default=20
        Bins of a numeric histogram (equal in log for a log-uniform prior).
        Integers get one bin per integer when the range has at most ``bins``
        values, else ``bins`` groups of consecutive integers; the bin edges lie
        half-way between integers, so each bin is centred on its integers.
    rotate_labels : float, default=0
        Rotation of the x tick labels, in degrees (for long category names).
    ax : matplotlib Axes or None, default=None
        Axes to draw on; None draws on a new figure.
    subspace : int, default=0
        For a BayesSearchCV: which subspace's result to plot.

    Returns
    -------
    ax : matplotlib Axes
        A categorical dimension has one bar per category (in the order of the
        dimension, unsampled categories included), at positions ``0, 1, ...``.

    Raises
    ------
    ImportError
        If matplotlib is not installed.
    TypeError
        For an object that is neither a search nor an OptimizeResult.
    ValueError
        For an unknown dimension or bad arguments.

    Examples
    --------
    >>> from skopt_lite import Optimizer
    >>> from skopt_lite.plots import plot_histogram
    >>> opt = Optimizer([(0, 5)], n_initial_points=4, random_state=0)
    >>> for _ in range(4):
    ...     x = opt.ask()
    ...     result = opt.tell(x, float(x[0]))
    >>> ax = plot_histogram(result, 0)
    >>> [float(p.get_x() + p.get_width() / 2) for p in ax.patches]  # centred on the integers
    [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]
    >>> ax.figure.clf()
    """
    func = "plot_histogram"
    pu.pyplot()
    bins = check_int(bins, "bins", low=1)
    rotate_labels = check_real(rotate_labels, "rotate_labels")
    ev = pu.evaluations(result, subspace, func)
    i = pu.dimension_index(ev.labels, dimension_identifier, "dimension_identifier", func)
    spec = ev.specs[i]
    data = ev.coords(i)[ev.present(i)]
    ax = _new_axes(ax)
    pu.draw_histogram(ax, spec, data, bins)
    spec.apply(ax, "x", data if len(data) else None)
    if spec.categorical or rotate_labels:
        for tick in ax.get_xticklabels():
            tick.set_rotation(rotate_labels)
            tick.set_horizontalalignment("center" if not rotate_labels else "right")
    from matplotlib.ticker import MaxNLocator

    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel("number of evaluations")
    return ax


# -- the numbers behind the partial dependence ----------------------------------------------
def partial_dependence_1D(
    space: Space,
    model: Any,
    i: int | str,
    samples: Any,
    n_points: int = 40,
    *,
    func_vals: Any = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Partial dependence of a model along one dimension.

    The model's prediction averaged over ``samples``, with dimension ``i`` set
    to each of ``n_points`` values.

    Parameters
    ----------
    space : Space
        The space the model was fit on (``result.space``).
    model : fitted regressor
        A surrogate of the result (``result.models[-1]``).
    i : int or str
        Position or name of the dimension.
    samples : array-like of shape (n_samples, n_dims)
        Unit-cube points to average over, as ``space.transform(space.rvs(n))``
        gives them (snapped to valid points).
    n_points : int, default=40
        Values of a ``Real`` dimension (evenly spread in the prior's scale:
        geometric for a log-uniform prior, where scikit-optimize spreads them
        linearly); an ``Integer`` gets every integer (up to ``n_points``), a
        ``Categorical`` every category.
    func_vals : array-like of shape (n,) or None, default=None
        The told values the model was fit on (``result.func_vals``): the
        output is then in the objective's units. None returns the model's own
        outputs, which for skopt_lite's optimiser are standardised,
        power-transformed values (scikit-optimize's models predicted in
        objective units).

    Returns
    -------
    xi : ndarray of shape (n_values,)
        The values of dimension ``i`` (category positions ``0, 1, ...`` for a
        ``Categorical``).
    yi : ndarray of shape (n_values,)
        The average prediction at each value.

    Examples
    --------
    >>> from skopt_lite import Optimizer
    >>> from skopt_lite.plots import partial_dependence_1D
    >>> opt = Optimizer([(-2.0, 2.0), ["a", "b"]], n_initial_points=4, random_state=0)
    >>> for _ in range(6):
    ...     x = opt.ask()
    ...     result = opt.tell(x, x[0] ** 2 + (x[1] == "b"))
    >>> space = result.space
    >>> samples = space.transform(space.rvs(50, random_state=0))
    >>> xi, yi = partial_dependence_1D(space, result.models[-1], 1, samples,
    ...                                func_vals=result.func_vals)
    >>> xi.tolist(), bool(yi[1] > yi[0])
    ([0.0, 1.0], True)
    """
    func = "partial_dependence_1D"
    encoder, (i,) = pu.pd_inputs(space, model, [i], ["i"], func)
    n_points = check_int(n_points, "n_points", low=2)
    samples = pu.pd_samples(encoder, samples, func)
    grid, xi = pu.pd_axis(space.dimensions[i], n_points)
    unit = pu.unit_column(encoder, i, grid)
    with single_threaded(SimpleNamespace()):
        yi = pu.partial_dependence_values(model, encoder, samples, [i], [unit])
    return xi, pu.pd_output(yi, func_vals)


def partial_dependence_2D(
    space: Space,
    model: Any,
    i: int | str,
    j: int | str,
    samples: Any,
    n_points: int = 40,
    *,
    func_vals: Any = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Partial dependence of a model along two dimensions.

    Parameters
    ----------
    space, model, samples, n_points, func_vals
        As in :func:`partial_dependence_1D`.
    i, j : int or str
        Positions or names of the two dimensions: ``i`` along the rows (the y
        axis of a contour plot), ``j`` along the columns (the x axis).

    Returns
    -------
    xi : ndarray of shape (n_j,)
        The values of dimension ``j``.
    yi : ndarray of shape (n_i,)
        The values of dimension ``i``.
    zi : ndarray of shape (n_i, n_j)
        The average prediction at each pair ``(yi[r], xi[c])``: ready for
        ``contourf(xi, yi, zi)``.
    """
    func = "partial_dependence_2D"
    encoder, (i, j) = pu.pd_inputs(space, model, [i, j], ["i", "j"], func)
    if i == j:
        raise ValueError(f"{func}: i and j name the same dimension; pass two dimensions.")
    n_points = check_int(n_points, "n_points", low=2)
    samples = pu.pd_samples(encoder, samples, func)
    grid_i, yi = pu.pd_axis(space.dimensions[i], n_points)
    grid_j, xi = pu.pd_axis(space.dimensions[j], n_points)
    ui, uj = pu.unit_column(encoder, i, grid_i), pu.unit_column(encoder, j, grid_j)
    with single_threaded(SimpleNamespace()):
        zi = pu.partial_dependence_values(model, encoder, samples, [i, j], [ui, uj])
    return xi, yi, pu.pd_output(zi, func_vals)


def partial_dependence(
    space: Space,
    model: Any,
    i: int | str,
    j: int | str | None = None,
    sample_points: Any = None,
    n_samples: int = 250,
    n_points: int = 40,
    x_eval: list | None = None,
    *,
    random_state: Any = None,
    func_vals: Any = None,
):
    """Partial dependence of a model along one dimension, or two.

    Parameters
    ----------
    space, model, n_points, func_vals
        As in :func:`partial_dependence_1D`.
    i : int or str
        The (first) dimension.
    j : int, str or None, default=None
        The second dimension; None for the partial dependence along ``i`` alone.
    sample_points : array-like of shape (n, n_dims) or None, default=None
        Unit-cube points to average over; None draws ``n_samples`` points by
        the priors (or uses ``x_eval``).
    n_samples : int, default=250
        Points drawn when neither ``sample_points`` nor ``x_eval`` is given.
    x_eval : list or None, default=None
        A point (native values): the model is evaluated with the other
        dimensions set to it instead of averaged (a slice through it). Used
        only when ``sample_points`` is None.
    random_state : int, RandomState instance or None, default=None
        Seed of the drawn points.

    Returns
    -------
    xi, yi : ndarray
        For one dimension, as :func:`partial_dependence_1D`.
    xi, yi, zi : ndarray
        For two, as :func:`partial_dependence_2D`.
    """
    func = "partial_dependence"
    encoder, _ = pu.pd_inputs(space, model, [i], ["i"], func)
    if sample_points is None:
        if x_eval is None:
            n_samples = check_int(n_samples, "n_samples", low=1)
            sample_points = encoder.sample(n_samples, check_random_state(random_state))
        else:
            try:
                sample_points = encoder.to_unit([encoder.canonical(x_eval)])
            except ValueError as exc:
                raise ValueError(f"{func}: x_eval is not a point of the space: {exc}") from exc
    if j is None:
        return partial_dependence_1D(space, model, i, sample_points, n_points, func_vals=func_vals)
    return partial_dependence_2D(space, model, i, j, sample_points, n_points, func_vals=func_vals)
