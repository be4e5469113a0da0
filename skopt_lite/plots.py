"""Plots of searches and optimisation results (matplotlib, the ``plots`` extra).

* :func:`plot_convergence` -- the best value so far against the number of
  evaluations, for one or several searches or results on one axes;
* :func:`plot_objective` -- partial dependence of the surrogate model of a
  :class:`~skopt_lite.BayesSearchCV` or an :class:`~skopt_lite.OptimizeResult`,
  one panel per dimension and one per pair, with the evaluated points;
* :func:`plot_evaluations` -- where a search sampled: a histogram per
  dimension and a scatter per pair, coloured by evaluation order.

Which way is better
    A fitted search is plotted in **scores** (``mean_test_score``, or the
    refit metric's column; higher is better), as its ``cv_results_`` gives
    them. An :class:`~skopt_lite.OptimizeResult` is plotted in the values the
    optimiser **minimised** (``func_vals``), as scikit-optimize plotted them; for
    a ``BayesSearchCV`` those are the negated scores, so
    ``plot_convergence(search.optimizer_results_[0])`` draws what
    scikit-optimize drew.

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

import numbers
from dataclasses import dataclass
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

import numpy as np
from sklearn.utils import check_random_state

from ._sklearn import BaseSearchCV
from ._validation import InvalidParameterError, check_int, is_int, is_real
from .optimizer._encoding import SpaceEncoder
from .optimizer._threads import single_threaded
from .optimizer.targets import model_targets
from .space import Categorical, Integer, Real, Space, check_dimension

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["plot_convergence", "plot_evaluations", "plot_objective"]

_INSTALL_HINT = 'pip install "skopt_lite[plots]"'
# Numeric parameters of a search without a declared prior are drawn on a log
# axis when all are positive and the largest is at least this many times the smallest.
_LOG_RATIO = 100.0
# Share of a numeric range added on both sides of plot_evaluations' axes.
_PAD = 0.04
# Longest category label drawn in full.
_MAX_LABEL = 24
# Rows predicted at once when computing partial dependence (bounds the memory).
_PD_ROWS = 100_000


def _pyplot():
    """matplotlib.pyplot, or an ImportError that says how to install it."""
    try:
        import matplotlib.pyplot as plt
    except ImportError as exc:
        raise ImportError(
            "skopt_lite.plots needs matplotlib, which is not installed; install it with"
            f" {_INSTALL_HINT} (or pip install matplotlib)."
        ) from exc
    return plt


# -- what was passed -----------------------------------------------------------------------
def _is_search(obj: Any) -> bool:
    return isinstance(obj, BaseSearchCV) or hasattr(obj, "cv_results_")


def _is_result(obj: Any) -> bool:
    return hasattr(obj, "func_vals") and hasattr(obj, "x_iters")


def _check_fitted(search: Any, func: str) -> None:
    if not hasattr(search, "cv_results_"):
        raise ValueError(
            f"{func}: this {type(search).__name__} is not fitted yet; call fit(X, y) first."
        )


def _score_key(search: Any) -> str:
    """The ``cv_results_`` column of the score that picks the best candidate."""
    results = search.cv_results_
    if "mean_test_score" in results:
        return "mean_test_score"
    refit = getattr(search, "refit", None)
    if isinstance(refit, str) and f"mean_test_{refit}" in results:
        return f"mean_test_{refit}"
    metrics = sorted(k[len("mean_test_") :] for k in results if k.startswith("mean_test_"))
    raise ValueError(
        f"{type(search).__name__} was fitted with several metrics {metrics} and"
        f" refit={refit!r}; set refit to the name of the metric to plot."
    )


def _best_so_far(values: np.ndarray, maximise: bool) -> np.ndarray:
    """Running best, ignoring nan (nan until the first finite value)."""
    values = np.asarray(values, dtype=float)
    with np.errstate(invalid="ignore"):
        return (np.fmax if maximise else np.fmin).accumulate(values)


def _result_of(obj: Any, subspace: int, func: str):
    """The OptimizeResult to plot: ``obj`` itself or a BayesSearchCV's subspace result."""
    if _is_result(obj):
        return obj, False
    if _is_search(obj):
        _check_fitted(obj, func)
        results = getattr(obj, "optimizer_results_", None)
        if results is None:
            raise TypeError(
                f"{func} needs a BayesSearchCV or an OptimizeResult; a"
                f" {type(obj).__name__} has no surrogate model (plot_evaluations shows"
                " where it sampled)."
            )
        if not is_int(subspace) or not -len(results) <= subspace < len(results):
            raise InvalidParameterError(
                f"subspace must be an int indexing optimizer_results_ (the search has"
                f" {len(results)} subspaces), got subspace={subspace!r}."
            )
        return results[subspace], True
    raise TypeError(
        f"{func} expects a fitted BayesSearchCV or an OptimizeResult, got {type(obj).__name__}."
    )


# -- axes of the grids -----------------------------------------------------------------------
@dataclass
class _AxisSpec:
    """How one parameter is drawn: numeric (linear or log) or categorical (by index)."""

    label: str
    categories: list | None = None  # None for a numeric axis
    log: bool = False
    limits: tuple | None = None  # numeric: (low, high); None: from the data
    integer: bool = False
    pad: float = 0.0  # share of a numeric range added on both sides (so edge points show)

    @property
    def categorical(self) -> bool:
        return self.categories is not None

    def position(self, value: Any) -> float:
        """The plot coordinate of one native value."""
        if self.categories is None:
            return float(value)
        return float(Categorical(self.categories).index(value))

    def positions(self, values: list) -> np.ndarray:
        if self.categories is None:
            return np.asarray(values, dtype=float)
        cat = Categorical(self.categories)
        return np.asarray([cat.index(v) for v in values], dtype=float)

    def lims(self, data: np.ndarray | None = None, padded: bool = True) -> tuple[float, float]:
        """Axis limits: the range (from the space, else the data), padded by ``pad``."""
        if self.categories is not None:
            return -0.5, len(self.categories) - 0.5
        if self.limits is not None:
            lo, hi = map(float, self.limits)
        else:
            data = np.asarray(data, dtype=float)
            lo, hi = float(np.min(data)), float(np.max(data))
        if lo == hi:  # a single value: widen around it
            return (lo / 2, hi * 2) if self.log else (lo - 0.5, hi + 0.5)
        if self.integer and not self.log:
            return lo - 0.5, hi + 0.5
        if padded and self.pad:
            if self.log:
                lo, hi = np.log(lo), np.log(hi)
                d = (hi - lo) * self.pad
                return float(np.exp(lo - d)), float(np.exp(hi + d))
            d = (hi - lo) * self.pad
            return lo - d, hi + d
        return lo, hi

    def apply(self, ax: Axes, which: str, data: np.ndarray | None = None, labels=True) -> None:
        """Set the scale, limits and (for categories) ticks of the x or y axis."""
        set_scale = ax.set_xscale if which == "x" else ax.set_yscale
        set_lim = ax.set_xlim if which == "x" else ax.set_ylim
        axis = ax.xaxis if which == "x" else ax.yaxis
        if self.log:
            set_scale("log")
        set_lim(*self.lims(data))
        if self.categories is not None:
            axis.set_ticks(range(len(self.categories)))
            axis.set_ticklabels([_category_label(c) for c in self.categories])
            if which == "x":
                for tick in axis.get_ticklabels():
                    tick.set_rotation(45)
                    tick.set_horizontalalignment("right")
        elif not self.log:
            from matplotlib.ticker import MaxNLocator

            axis.set_major_locator(MaxNLocator(nbins=5, integer=self.integer))
        if labels:
            (ax.set_xlabel if which == "x" else ax.set_ylabel)(self.label)
        elif which == "x":
            ax.tick_params(axis="x", labelbottom=False)
        else:
            ax.tick_params(axis="y", labelleft=False)


def _category_label(value: Any) -> str:
    text = str(value)
    return text if len(text) <= _MAX_LABEL else text[: _MAX_LABEL - 1] + "…"


def _spec_of_dimension(dim, label: str, pad: float = 0.0) -> _AxisSpec:
    if isinstance(dim, Categorical):
        return _AxisSpec(label, categories=list(dim.categories))
    return _AxisSpec(
        label,
        log=dim.prior == "log-uniform",
        limits=(dim.low, dim.high),
        integer=isinstance(dim, Integer),
        pad=pad,
    )


def _labels(space: Space) -> list[str]:
    return [name if name is not None else f"x{i}" for i, name in enumerate(space.names)]


def _select(labels: list[str], dimensions, func: str) -> list[int]:
    """Positions of the dimensions to plot (all when None)."""
    if dimensions is None:
        return list(range(len(labels)))
    if isinstance(dimensions, (str, numbers.Integral)):
        dimensions = [dimensions]
    out = []
    for d in dimensions:
        if isinstance(d, str):
            if d not in labels:
                raise ValueError(f"{func}: unknown dimension {d!r}; the names are {labels}.")
            out.append(labels.index(d))
        elif is_int(d):
            if not -len(labels) <= d < len(labels):
                raise ValueError(
                    f"{func}: dimension index {d} is out of range for {len(labels)} dimensions."
                )
            out.append(int(d) % len(labels))
        else:
            raise TypeError(
                f"{func}: dimensions must be names or indices, got {d!r} in {dimensions!r}."
            )
    if not out:
        raise ValueError(f"{func}: dimensions must name at least one dimension.")
    if len(set(out)) != len(out):
        raise ValueError(f"{func}: dimensions repeat in {dimensions!r}.")
    return out


def _grid_figure(n: int, fig: Figure | None, size: float):
    """An ``(n, n)`` array of Axes on a new figure (or ``fig``), upper triangle hidden."""
    plt = _pyplot()
    if size <= 0:
        raise ValueError(f"size must be positive, got size={size!r}.")
    if fig is None:
        fig = plt.figure(figsize=(size * n + 0.8, size * n + 0.6), layout="constrained")
    axes = fig.subplots(n, n, squeeze=False)
    for i in range(n):
        for j in range(i + 1, n):
            axes[i, j].set_visible(False)
    return fig, axes


def _label_grid(axes: np.ndarray, specs: list[_AxisSpec], data: list) -> None:
    """Scales, limits and labels of a lower-triangular grid (diagonal y axes excepted)."""
    n = len(specs)
    for i in range(n):
        for j in range(i + 1):
            ax = axes[i, j]
            specs[j].apply(ax, "x", data[j], labels=i == n - 1)
            if i != j:
                specs[i].apply(ax, "y", data[i], labels=j == 0)


def _diagonal_y_right(ax: Axes, label: str, show_label: bool, integer: bool = False) -> None:
    from matplotlib.ticker import MaxNLocator

    ax.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=integer))
    ax.ticklabel_format(axis="y", useOffset=False)
    ax.yaxis.tick_right()
    ax.yaxis.set_label_position("right")
    if show_label:
        ax.set_ylabel(label)


# -- plot_convergence ---------------------------------------------------------------------
def plot_convergence(
    *args: Any,
    ax: Axes | None = None,
    true_minimum: float | None = None,
    yscale: str | None = None,
    x: str = "evaluations",
) -> Axes:
    """Plot the best value found so far against the number of evaluations.

    Parameters
    ----------
    *args : fitted search, OptimizeResult, or tuple ``(label, obj)``
        One line per argument, on one axes. A fitted search (anything with
        ``cv_results_``: :class:`~skopt_lite.BayesSearchCV`,
        :class:`~skopt_lite.RandomSearchCV`, :class:`~skopt_lite.GridSearchCV`,
        :class:`~skopt_lite.ExhaustiveSearchCV`, or scikit-learn's) is drawn as
        the best ``mean_test_score`` so far (for several metrics, the column of
        the ``refit`` metric), in the order of ``cv_results_``: higher is
        better. An :class:`~skopt_lite.OptimizeResult` is drawn as the minimum
        of ``func_vals`` so far, as scikit-optimize drew it. Searches and
        results cannot be mixed on one axes (scores and minimised values run
        in opposite directions). Failed evaluations (nan) are skipped. A
        tuple gives the line's label; several arguments without labels are
        labelled by their class name.
    ax : matplotlib Axes or None, default=None
        Axes to draw on; None draws on a new figure.
    true_minimum : float or None, default=None
        A known optimum, drawn as a dashed horizontal line (a score for
        searches, a value of the objective for results).
    yscale : str or None, default=None
        Scale of the y axis (``"linear"``, ``"log"``, ...); None keeps
        matplotlib's default.
    x : {"evaluations", "compute"}, default="evaluations"
        What the x axis counts: evaluations, or the compute spent so far by a
        halving search (:class:`~skopt_lite.HalvingBayesSearchCV` or
        scikit-learn's): the sum over its fits of the resource each used,
        ``cumsum(cv_results_["n_resources"]) * n_splits_``.

    Returns
    -------
    ax : matplotlib Axes
        Each line has one point per evaluation, at ``x = 1, 2, ..., n`` (or
        at the compute spent when it ended).

    Raises
    ------
    ImportError
        If matplotlib is not installed.
    TypeError
        For an argument that is neither a search nor an OptimizeResult.
    ValueError
        For no argument, an unfitted search, a mix of searches and results, or
        a multi-metric search whose ``refit`` names no metric.

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
    plt = _pyplot()
    if not args:
        raise ValueError("plot_convergence needs at least one search or OptimizeResult.")
    if x not in ("evaluations", "compute"):
        raise InvalidParameterError(
            f"x must be 'evaluations' or 'compute', got x={x!r}."
        )
    entries = []
    for arg in args:
        label = None
        if isinstance(arg, tuple):
            if len(arg) != 2 or not isinstance(arg[0], str):
                raise TypeError(
                    "plot_convergence: a tuple argument must be (label, search_or_result),"
                    f" got {arg!r}."
                )
            label, arg = arg
        if _is_search(arg):
            _check_fitted(arg, "plot_convergence")
            key = _score_key(arg)
            values = np.asarray(arg.cv_results_[key], dtype=float)
            entries.append(("search", label, arg, key, values))
        elif _is_result(arg):
            values = np.asarray(arg.func_vals, dtype=float)
            entries.append(("result", label, arg, None, values))
        else:
            raise TypeError(
                "plot_convergence expects fitted searches, OptimizeResults or"
                f" (label, search_or_result) tuples, got {type(arg).__name__}."
            )
    kinds = {e[0] for e in entries}
    if len(kinds) > 1:
        raise ValueError(
            "plot_convergence cannot draw searches (scores, higher is better) and"
            " OptimizeResults (minimised values) on one axes; pass a BayesSearchCV's"
            " optimizer_results_[0] to compare it with other results."
        )
    if ax is None:
        ax = plt.figure().add_subplot()
    maximise = kinds == {"search"}
    keys = {e[3] for e in entries}
    if maximise:
        key = keys.pop() if len(keys) == 1 else "mean_test_score"
        metric = key[len("mean_test_") :]
        ylabel = "best mean test score so far"
        if metric != "score":
            ylabel = f"best mean test {metric} so far"
    else:
        ylabel = "min f(x) after n evaluations"
    many = len(entries) > 1
    for _, label, obj, _, values in entries:
        if label is None and many:
            label = type(obj).__name__
        best = _best_so_far(values, maximise)
        ax.plot(
            np.arange(1, len(best) + 1) if x == "evaluations" else _compute_spent(obj),
            best,
            marker=".",
            markersize=8,
            lw=1.5,
            label=label,
        )
    if true_minimum is not None:
        ax.axhline(true_minimum, linestyle="--", color="r", lw=1, label="true minimum")
    if yscale is not None:
        ax.set_yscale(yscale)
    ax.set_title("Convergence plot")
    ax.set_xlabel("number of evaluations" if x == "evaluations" else "compute (resource x fits)")
    ax.set_ylabel(ylabel)
    ax.grid(True, alpha=0.3)
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    if any(line.get_label() and not line.get_label().startswith("_") for line in ax.lines):
        ax.legend(loc="best")
    return ax


def _compute_spent(obj: Any) -> np.ndarray:
    """The compute a halving search had spent after each row of its ``cv_results_``.

    Raises
    ------
    ValueError
        For anything without an ``n_resources`` column in ``cv_results_``.
    """
    results = getattr(obj, "cv_results_", None)
    if results is None or "n_resources" not in results:
        raise ValueError(
            "plot_convergence(x='compute') needs halving searches, whose cv_results_"
            f" have an n_resources column; {type(obj).__name__} has none. Use"
            " x='evaluations'."
        )
    n_resources = np.asarray(results["n_resources"], dtype=float)
    return np.cumsum(n_resources) * getattr(obj, "n_splits_", 1)


# -- plot_objective -------------------------------------------------------------------------
def _surrogate(result, func: str):
    """The result's last model, and the affine map from its outputs to ``func_vals`` units."""
    models = list(getattr(result, "models", None) or [])
    if not models:
        raise ValueError(
            f"{func} needs a fitted surrogate model, but the result has none: the optimiser"
            " fits one only once n_initial_points (default 10) values are told and one of"
            " them is finite. Evaluate more points (a larger n_iter)."
        )
    model = models[-1]
    func_vals = np.asarray(result.func_vals, dtype=float)
    n_seen = len(func_vals)
    train = getattr(model, "X_train_", None)
    if train is not None and 0 < len(train) <= n_seen:
        n_seen = len(train)
    # The optimiser fits its model on standardised targets (failures penalised);
    # model_targets gives that standardisation for the values the model saw.
    _, mean, std = model_targets(func_vals[:n_seen])
    return model, mean, std


def _span(arrays: list, margin: float = 0.0) -> tuple[float, float]:
    """Common (low, high) of some arrays, widened by ``margin`` of the range; never empty."""
    lo = min(float(np.min(a)) for a in arrays)
    hi = max(float(np.max(a)) for a in arrays)
    if not hi > lo:
        d = max(abs(lo), 1.0) * 1e-3
        return lo - d, hi + d
    d = (hi - lo) * margin
    return lo - d, hi + d


def _unit_column(encoder: SpaceEncoder, i: int, values: list) -> np.ndarray:
    """Valid unit coordinates of dimension ``i`` for native ``values``."""
    dim = encoder.dims[i]
    U = np.full((len(values), encoder.n_dims), 0.5)
    U[:, i] = dim.transform(values)
    return encoder.snap(U)[:, i]


def _pd_grid(dim, n_points: int) -> list:
    """Native values at which the partial dependence along ``dim`` is computed."""
    if isinstance(dim, Categorical):
        return list(dim.categories)
    if isinstance(dim, Integer):
        if dim.size <= n_points:
            return dim.values()
        ints = dim.inverse_transform(np.linspace(0.0, 1.0, n_points))
        return sorted(set(int(v) for v in ints))
    return list(dim.inverse_transform(np.linspace(0.0, 1.0, n_points)))


def _predict_mean(model, encoder: SpaceEncoder, U: np.ndarray) -> np.ndarray:
    out = np.empty(len(U))
    for start in range(0, len(U), _PD_ROWS):
        Z = encoder.encode(U[start : start + _PD_ROWS], valid=True)
        out[start : start + _PD_ROWS] = np.asarray(model.predict(Z), dtype=float).reshape(-1)
    return out


def _partial_dependence(model, encoder, samples, cols, grids) -> np.ndarray:
    """Mean prediction over ``samples`` with dimensions ``cols`` set to grid values.

    Returns an array of shape ``(len(grids[0]),)`` for one dimension and
    ``(len(grids[0]), len(grids[1]))`` for two.
    """
    n_samples, d = samples.shape
    if len(cols) == 1:
        (i,), (ui,) = cols, grids
        U = np.repeat(samples[None], len(ui), axis=0)
        U[:, :, i] = ui[:, None]
        return _predict_mean(model, encoder, U.reshape(-1, d)).reshape(len(ui), n_samples).mean(1)
    (i, j), (ui, uj) = cols, grids
    out = np.empty((len(ui), len(uj)))
    for a, value in enumerate(ui):
        U = np.repeat(samples[None], len(uj), axis=0)
        U[:, :, i] = value
        U[:, :, j] = uj[:, None]
        out[a] = _predict_mean(model, encoder, U.reshape(-1, d)).reshape(len(uj), n_samples).mean(1)
    return out


def plot_objective(
    result: Any,
    *,
    subspace: int = 0,
    dimensions: list | None = None,
    n_points: int = 40,
    n_samples: int = 250,
    levels: int = 10,
    size: float = 2.0,
    cmap: str | None = None,
    random_state: Any = 0,
    fig: Figure | None = None,
) -> np.ndarray:
    """Plot the partial dependence of the surrogate model, per dimension and per pair.

    The surrogate is the last model of the result (``result.models[-1]``),
    the Gaussian process the optimiser fitted to the evaluations. The partial
    dependence along one dimension is its prediction averaged over
    ``n_samples`` points drawn by the priors of the space, with that dimension
    set to each of ``n_points`` values; along a pair, with both set. It shows
    how each hyperparameter matters on average over the others.

    The panels form a lower-triangular grid: the partial dependence along
    dimension ``i`` on the diagonal (a line, with the evaluated values of
    ``i`` as ticks along the bottom and the best point as a dashed red line),
    and the partial dependence along ``(j, i)`` below it at row ``i``, column
    ``j`` (filled contours, or cells when a dimension is categorical), with
    the evaluated points as black dots and the best point as a red star.
    The diagonal panels share one value axis and the pair panels one colour
    scale, so effects compare across panels. Categorical dimensions are
    drawn at positions ``0, 1, ...`` labelled with the categories;
    log-uniform ranges on log axes.

    Parameters
    ----------
    result : BayesSearchCV or OptimizeResult
        A fitted :class:`~skopt_lite.BayesSearchCV` is drawn in scores (the
        negated surrogate, higher is better) from ``optimizer_results_[subspace]``;
        an :class:`~skopt_lite.OptimizeResult` in the values it minimised.
    subspace : int, default=0
        For a search: which subspace's result to plot.
    dimensions : list of str or int, or None, default=None
        Names (or positions) of the dimensions to plot, in panel order; None
        plots all. The others are still averaged over.
    n_points : int, default=40
        Values per ``Real`` dimension (and per ``Integer`` range with more
        values than this); every category of a ``Categorical``, every integer
        of a smaller ``Integer``.
    n_samples : int, default=250
        Points drawn by the priors to average the prediction over.
    levels : int, default=10
        Contour levels of the pair panels.
    size : float, default=2.0
        Height and width of each panel, in inches (new figures only).
    cmap : str or None, default=None
        Colormap of the pair panels; None is ``"viridis"`` for scores and
        ``"viridis_r"`` for minimised values, so bright is good in both.
    random_state : int, RandomState instance or None, default=0
        Seed of the sampled points (0: the same plot every time).
    fig : matplotlib Figure or None, default=None
        Figure to draw the grid on; None makes a new one.

    Returns
    -------
    axes : ndarray of shape (n_dims, n_dims) of matplotlib Axes
        ``n_dims`` is the number of plotted dimensions. Panels above the
        diagonal are hidden.

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
    _pyplot()
    res, is_search = _result_of(result, subspace, "plot_objective")
    n_points = check_int(n_points, "n_points", low=2)
    n_samples = check_int(n_samples, "n_samples", low=1)
    model, mean, std = _surrogate(res, "plot_objective")
    space = res.space
    encoder = SpaceEncoder(space)
    labels = _labels(space)
    cols = _select(labels, dimensions, "plot_objective")
    sign = -1.0 if is_search else 1.0
    to_plot = mean * sign, std * sign  # plotted = sign * (mean + std * prediction)
    zlabel = "score" if is_search else "objective"
    if cmap is None:
        cmap = "viridis" if is_search else "viridis_r"

    rng = check_random_state(random_state)
    samples = encoder.sample(int(n_samples), rng)
    grids = {i: _pd_grid(space.dimensions[i], int(n_points)) for i in cols}
    units = {i: _unit_column(encoder, i, grids[i]) for i in cols}
    specs = [_spec_of_dimension(space.dimensions[i], labels[i]) for i in cols]
    x_iters = list(res.x_iters)
    best = res.x

    # Many small products: one BLAS thread is several times faster (as in the optimiser).
    with single_threaded(SimpleNamespace()):
        pds = {}
        for a, i in enumerate(cols):
            pds[i, i] = _partial_dependence(model, encoder, samples, [i], [units[i]])
            for j in cols[:a]:
                pair = _partial_dependence(model, encoder, samples, [i, j], [units[i], units[j]])
                pds[i, j] = pair

    pds = {key: to_plot[0] + to_plot[1] * value for key, value in pds.items()}
    # One scale for all lines and one for all pairs: effects compare across panels.
    ylim = _span([pds[i, i] for i in cols], margin=0.05)
    pairs = [pds[i, j] for a, i in enumerate(cols) for j in cols[:a]]
    zlim = _span(pairs) if pairs else (0.0, 1.0)
    contour_levels = np.linspace(*zlim, int(levels) + 1)

    n = len(cols)
    fig, axes = _grid_figure(n, fig, size)
    for a, i in enumerate(cols):
        pd = pds[i, i]
        ax = axes[a, a]
        spec = specs[a]
        x = spec.positions(grids[i])
        discrete = spec.categorical or (spec.integer and len(x) < n_points)
        ax.plot(x, pd, color="C0", lw=1.5, marker="." if discrete else None)
        evaluated = spec.positions([p[i] for p in x_iters])
        ax.scatter(
            evaluated,
            np.full(len(evaluated), 0.03),
            transform=ax.get_xaxis_transform(),
            marker="|",
            s=40,
            c="k",
            alpha=0.6,
            gid="evaluations",
            lw=1,
        )
        if best is not None:
            ax.axvline(spec.position(best[i]), linestyle="--", color="r", lw=1)
        ax.set_ylim(*ylim)
        _diagonal_y_right(ax, f"partial dependence ({zlabel})", a == 0 or a == n - 1)
    for a, i in enumerate(cols):
        for b, j in enumerate(cols[:a]):
            ax = axes[a, b]
            pd = pds[i, j]
            xs, ys = specs[b].positions(grids[j]), specs[a].positions(grids[i])
            discrete = specs[a].categorical or specs[b].categorical or min(pd.shape) < 2
            if discrete:
                ax.pcolormesh(xs, ys, pd, shading="nearest", cmap=cmap, vmin=zlim[0], vmax=zlim[1])
            else:
                ax.contourf(xs, ys, pd, levels=contour_levels, cmap=cmap, extend="both")
            ax.scatter(
                specs[b].positions([p[j] for p in x_iters]),
                specs[a].positions([p[i] for p in x_iters]),
                c="k",
                s=10,
                lw=0,
                alpha=0.8,
                gid="evaluations",
            )
            if best is not None:
                ax.scatter(
                    [specs[b].position(best[j])],
                    [specs[a].position(best[i])],
                    c="r",
                    s=120,
                    marker="*",
                    lw=0,
                    zorder=3,
                    gid="best",
                )
    _label_grid(axes, specs, [None] * n)
    return axes


# -- plot_evaluations -----------------------------------------------------------------------
def _declared(search: Any) -> dict:
    """Each parameter's first declared dimension (or distribution) in the search's space."""
    spaces = None
    for attr in ("search_spaces", "param_grid", "param_distributions"):
        if hasattr(search, attr):
            spaces = getattr(search, attr)
            break
    if isinstance(spaces, dict):
        spaces = [spaces]
    out: dict = {}
    for sub in spaces if isinstance(spaces, (list, tuple)) else []:
        if isinstance(sub, tuple) and len(sub) == 2:  # BayesSearchCV's (dict, n_iter)
            sub = sub[0]
        if isinstance(sub, dict):
            for name, value in sub.items():
                out.setdefault(name, value)
    return out


def _declared_dimension(value: Any, name: str):
    """The Dimension a search read from its declaration, or None if it cannot be read."""
    if value is None:
        return None
    try:
        return check_dimension(value, name, allow_distributions=True)
    except (TypeError, ValueError):
        return None


def _spec_of_values(name: str, values: list, declared: Any, pad: float) -> _AxisSpec:
    """Axis of a parameter of a search without a Space: its declaration and values."""
    dim = _declared_dimension(declared, name)
    if all(is_real(v) for v in values):
        arr = np.asarray(values, dtype=float)
        lo, hi = float(arr.min()), float(arr.max())
        if isinstance(dim, (Real, Integer)):
            log = dim.prior == "log-uniform"
            lo, hi = min(lo, float(dim.low)), max(hi, float(dim.high))
        elif getattr(getattr(dim, "dist", None), "dist", None) is not None:
            log = dim.dist.dist.name in ("loguniform", "reciprocal")
        else:
            log = bool(lo > 0 and hi >= _LOG_RATIO * lo)
        integer = all(isinstance(v, numbers.Integral) for v in values)
        return _AxisSpec(name, log=log, limits=(lo, hi), integer=integer, pad=pad)
    if isinstance(dim, Categorical) and all(v in dim for v in values):
        return _AxisSpec(name, categories=list(dim.categories))
    cats: list = []
    for v in values:
        if not cats or v not in Categorical(cats):
            cats.append(v)
    return _AxisSpec(name, categories=cats)


def _hist_bins(spec: _AxisSpec, data: np.ndarray, bins: int):
    lo, hi = spec.lims(data, padded=False)
    if spec.integer and not spec.log and hi - lo <= bins:
        return np.arange(lo, hi + 0.5)  # one bin per integer (lims are +-0.5)
    if spec.log:
        return np.geomspace(lo, hi, bins + 1)
    return np.linspace(lo, hi, bins + 1)


def plot_evaluations(
    result: Any,
    *,
    bins: int = 20,
    dimensions: list | None = None,
    subspace: int = 0,
    size: float = 2.0,
    cmap: str = "viridis",
    fig: Figure | None = None,
) -> np.ndarray:
    """Plot where a search sampled: a histogram per dimension, a scatter per pair.

    The panels form a lower-triangular grid: a histogram of the values of
    dimension ``i`` on the diagonal, and the points evaluated in the pair
    ``(j, i)`` below it at row ``i``, column ``j``, coloured by evaluation
    order (dark first, bright last) with the best point as a red star.
    Categorical values are drawn at positions ``0, 1, ...`` labelled with the
    categories; log-uniform ranges on log axes.

    Parameters
    ----------
    result : fitted search or OptimizeResult
        A :class:`~skopt_lite.BayesSearchCV` is drawn from
        ``optimizer_results_[subspace]`` (its space gives the axes). Other
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
        Bins of the numeric histograms (an ``Integer`` range with fewer
        values gets one bin per integer; categories one bar each).
    dimensions : list of str or int, or None, default=None
        Names (or positions) of the parameters to plot, in panel order; None
        plots all (for searches without a space, in the order of
        ``cv_results_["params"]``' keys, sorted).
    subspace : int, default=0
        For a BayesSearchCV: which subspace's result to plot.
    size : float, default=2.0
        Height and width of each panel, in inches (new figures only).
    cmap : str, default="viridis"
        Colormap of the evaluation order.
    fig : matplotlib Figure or None, default=None
        Figure to draw the grid on; None makes a new one.

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
    _pyplot()
    bins = check_int(bins, "bins", low=1)
    if _is_search(result) and not hasattr(result, "optimizer_results_"):
        _check_fitted(result, "plot_evaluations")
        params = list(result.cv_results_["params"])
        labels: list[str] = sorted({k for p in params for k in p})
        cols = _select(labels, dimensions, "plot_evaluations")
        declared = _declared(result)
        specs, columns = [], []
        for i in cols:
            name = labels[i]
            present = [p[name] for p in params if name in p]
            specs.append(_spec_of_values(name, present, declared.get(name), _PAD))
            columns.append([(True, p[name]) if name in p else (False, None) for p in params])
        best_index = getattr(result, "best_index_", None)
        if best_index is None:
            try:
                scores = np.asarray(result.cv_results_[_score_key(result)], dtype=float)
                best_index = int(np.nanargmax(scores)) if np.isfinite(scores).any() else None
            except ValueError:
                best_index = None
        best = None if best_index is None else params[best_index]
        best_values = [
            (best is not None and labels[i] in best, None if best is None else best.get(labels[i]))
            for i in cols
        ]
    else:
        res, _ = _result_of(result, subspace, "plot_evaluations")
        space = res.space
        labels = _labels(space)
        cols = _select(labels, dimensions, "plot_evaluations")
        specs = [_spec_of_dimension(space.dimensions[i], labels[i], _PAD) for i in cols]
        columns = [[(True, p[i]) for p in res.x_iters] for i in cols]
        best_values = [(res.x is not None, None if res.x is None else res.x[i]) for i in cols]

    n_evals = len(columns[0])
    order = np.arange(n_evals)
    present = [np.array([ok for ok, _ in col], dtype=bool) for col in columns]
    coords = []
    for spec, col, mask in zip(specs, columns, present):
        pos = np.full(n_evals, np.nan)
        if mask.any():
            pos[mask] = spec.positions([v for ok, v in col if ok])
        coords.append(pos)

    n = len(cols)
    fig, axes = _grid_figure(n, fig, size)
    for a, spec in enumerate(specs):
        ax = axes[a, a]
        data = coords[a][present[a]]
        if spec.categorical:
            counts = np.bincount(data.astype(int), minlength=len(spec.categories))
            ax.bar(np.arange(len(counts)), counts, width=0.8, color="C0")
        else:
            ax.hist(data, bins=_hist_bins(spec, data, int(bins)), color="C0")
        ok, value = best_values[a]
        if ok:
            ax.axvline(spec.position(value), linestyle="--", color="r", lw=1)
        _diagonal_y_right(ax, "number of evaluations", a == 0 or a == n - 1, integer=True)
    for a in range(n):
        for b in range(a):
            ax = axes[a, b]
            mask = present[a] & present[b]
            ax.scatter(
                coords[b][mask],
                coords[a][mask],
                c=order[mask],
                cmap=cmap,
                vmin=0,
                vmax=max(n_evals - 1, 1),
                s=14,
                lw=0,
                alpha=0.85,
                gid="evaluations",
            )
            (ok_a, va), (ok_b, vb) = best_values[a], best_values[b]
            if ok_a and ok_b:
                ax.scatter(
                    [specs[b].position(vb)],
                    [specs[a].position(va)],
                    c="r",
                    s=120,
                    marker="*",
                    lw=0,
                    zorder=3,
                    gid="best",
                )
    _label_grid(axes, specs, [c[m] for c, m in zip(coords, present)])
    return axes
