"""The machinery of :mod:`skopt_lite.plots`, which holds the public functions.

* what was passed: fitted searches, OptimizeResults, and lists of them;
* how a parameter is drawn (:class:`AxisSpec`), which dimensions are drawn
  (single-valued ones are left out) and under which labels;
* the grids of panels and their colour bars;
* the evaluated points of a search or result, and histogram bins;
* the surrogate model of a result, mapped back to objective units, its
  partial dependence, and the points it predicts best;
* the pieces of the public functions: traces of runs, the acquisition settings
  a result records, bands and limits, arguments of the partial dependence.

matplotlib is imported only inside functions (through :func:`pyplot`).
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import numpy as np
from sklearn.utils import check_random_state

from ._sklearn import BaseSearchCV
from ._validation import InvalidParameterError, check_choice, check_int, is_int, is_real
from .optimizer._encoding import SpaceEncoder
from .optimizer.acquisition import SurrogateView, refine
from .optimizer.targets import model_targets, values_of_targets
from .space import Categorical, Integer, Real, Space, check_dimension

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

INSTALL_HINT = 'pip install "skopt_lite[plots]"'
# Numeric parameters of a search without a declared prior are drawn on a log
# axis when all are positive and the largest is at least this many times the smallest.
LOG_RATIO = 100.0
# Share of a numeric range added on both sides of plot_evaluations' axes.
PAD = 0.04
# Longest category label drawn in full.
MAX_LABEL = 24
# Rows predicted at once when computing partial dependence (bounds the memory).
PD_ROWS = 100_000
# minimum="expected_minimum": L-BFGS-B starts (scikit-optimize's default) and iterations.
MIN_STARTS = 20
MIN_ITER = 50
# minimum="expected_minimum_random": scikit-optimize draws 10 ** n_dims points by
# default; here at most this many.
MAX_MIN_SAMPLES = 100_000
MINIMUM_SOURCES = ("result", "expected_minimum", "expected_minimum_random")
ZSCALES = ("linear", "log")
# The acquisition functions plot_gaussian_process can draw; gp_hedge draws EI.
ACQ_DRAWN = ("EI", "PI", "LCB", "MES")


def pyplot():
    """matplotlib.pyplot, or an ImportError that says how to install it."""
    try:
        import matplotlib.pyplot as plt
    except ImportError as exc:
        raise ImportError(
            "skopt_lite.plots needs matplotlib, which is not installed; install it with"
            f" {INSTALL_HINT} (or pip install matplotlib)."
        ) from exc
    return plt


# -- what was passed -----------------------------------------------------------------------
def is_search(obj: Any) -> bool:
    return isinstance(obj, BaseSearchCV) or hasattr(obj, "cv_results_")


def is_result(obj: Any) -> bool:
    return hasattr(obj, "func_vals") and hasattr(obj, "x_iters")


def check_fitted(search: Any, func: str) -> None:
    if not hasattr(search, "cv_results_"):
        raise ValueError(
            f"{func}: this {type(search).__name__} is not fitted yet; call fit(X, y) first."
        )


def score_key(search: Any) -> str:
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


def best_so_far(values: np.ndarray, maximise: bool) -> np.ndarray:
    """Running best, ignoring nan (nan until the first finite value)."""
    values = np.asarray(values, dtype=float)
    with np.errstate(invalid="ignore"):
        return (np.fmax if maximise else np.fmin).accumulate(values)


def result_of(obj: Any, subspace: int, func: str):
    """The OptimizeResult to plot: ``obj`` itself or a BayesSearchCV's subspace result.

    Returns ``(result, is_search)``.
    """
    if is_result(obj):
        return obj, False
    if is_search(obj):
        check_fitted(obj, func)
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


@dataclass
class Trace:
    """One argument of plot_convergence / plot_regret: one run, or a group of runs."""

    label: str | None
    kind: str  # "search" (scores, higher is better) or "result" (minimised values)
    runs: list  # one ndarray of values per run
    group: bool
    key: str | None  # the score column of searches
    name: str  # class name, for unlabelled lines
    objs: list = field(default_factory=list)  # the search or result of each run


def _values_of(obj: Any, func: str):
    """``(kind, key, values)`` of one search or result."""
    if is_search(obj):
        check_fitted(obj, func)
        key = score_key(obj)
        return "search", key, np.asarray(obj.cv_results_[key], dtype=float)
    if is_result(obj):
        return "result", None, np.asarray(obj.func_vals, dtype=float)
    return None


def traces(args: tuple, func: str) -> list[Trace]:
    """Read the arguments of plot_convergence / plot_regret (all of one kind)."""
    if not args:
        raise ValueError(f"{func} needs at least one search or OptimizeResult.")
    out = []
    for arg in args:
        label = None
        if isinstance(arg, tuple):
            if len(arg) != 2 or not isinstance(arg[0], str):
                raise TypeError(
                    f"{func}: a tuple argument must be (label, search_or_result), or"
                    f" (label, list of them), got {arg!r}."
                )
            label, arg = arg
        single = _values_of(arg, func)
        if single is not None:
            kind, key, values = single
            out.append(Trace(label, kind, [values], False, key, type(arg).__name__, [arg]))
            continue
        if isinstance(arg, (str, bytes, Mapping)) or not isinstance(arg, Iterable):
            raise TypeError(
                f"{func} expects fitted searches, OptimizeResults, lists of them or"
                f" (label, ...) tuples, got {type(arg).__name__}."
            )
        items = list(arg)
        if not items:
            raise ValueError(f"{func}: an empty list has no run to draw.")
        read = [_values_of(item, func) for item in items]
        if any(r is None for r in read):
            bad = next(item for item, r in zip(items, read) if r is None)
            raise TypeError(
                f"{func}: a list must hold fitted searches or OptimizeResults only, got"
                f" a {type(bad).__name__} in it."
            )
        kinds = {r[0] for r in read}
        keys = {r[1] for r in read}
        if len(kinds) > 1:
            raise ValueError(_MIXED.format(func=func))
        out.append(
            Trace(
                label,
                kinds.pop(),
                [r[2] for r in read],
                True,
                keys.pop() if len(keys) == 1 else "mean_test_score",
                type(items[0]).__name__,
                items,
            )
        )
    if len({t.kind for t in out}) > 1:
        raise ValueError(_MIXED.format(func=func))
    return out


_MIXED = (
    "{func} cannot draw searches (scores, higher is better) and OptimizeResults"
    " (minimised values) on one axes; pass a BayesSearchCV's optimizer_results_[0] to"
    " compare it with other results."
)


def mean_trace(traces_: list) -> np.ndarray:
    """Mean of ragged traces: at each position, over the runs that reached it (nan skipped)."""
    n = max(len(t) for t in traces_)
    stack = np.full((len(traces_), n), np.nan)
    for row, t in zip(stack, traces_):
        row[: len(t)] = t
    ok = np.isfinite(stack)
    counts = ok.sum(axis=0)
    sums = np.where(ok, stack, 0.0).sum(axis=0)
    return np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)


# -- axes of the grids -----------------------------------------------------------------------
@dataclass
class AxisSpec:
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

    def range(self, data: np.ndarray | None = None) -> tuple[float, float]:
        """``(low, high)`` of a numeric axis: from the space, else from the data."""
        if self.limits is not None:
            return float(self.limits[0]), float(self.limits[1])
        data = np.asarray(data, dtype=float)
        return float(np.min(data)), float(np.max(data))

    def lims(self, data: np.ndarray | None = None, padded: bool = True) -> tuple[float, float]:
        """Axis limits: the range (from the space, else the data), padded by ``pad``.

        Integers get half a step on both sides, so bars centred on them fit.
        """
        if self.categories is not None:
            return -0.5, len(self.categories) - 0.5
        lo, hi = self.range(data)
        if self.integer:
            return lo - 0.5, hi + 0.5
        if lo == hi:  # a single value: widen around it
            return (lo / 2, hi * 2) if self.log else (lo - 0.5, hi + 0.5)
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
            axis.set_ticklabels([category_label(c) for c in self.categories])
            if which == "x":
                for tick in axis.get_ticklabels():
                    tick.set_rotation(45)
                    tick.set_horizontalalignment("right")
        elif not self.log:
            from matplotlib.ticker import MaxNLocator

            axis.set_major_locator(MaxNLocator(nbins=4, integer=self.integer))
        if labels:
            (ax.set_xlabel if which == "x" else ax.set_ylabel)(self.label)
        elif which == "x":
            ax.tick_params(axis="x", labelbottom=False)
        else:
            ax.tick_params(axis="y", labelleft=False)


def category_label(value: Any) -> str:
    text = str(value)
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "…"


def spec_of_dimension(dim, label: str, pad: float = 0.0) -> AxisSpec:
    if isinstance(dim, Categorical):
        return AxisSpec(label, categories=list(dim.categories))
    return AxisSpec(
        label,
        log=dim.prior == "log-uniform",
        limits=(dim.low, dim.high),
        integer=isinstance(dim, Integer),
        pad=pad,
    )


def space_labels(space: Space) -> list[str]:
    """Dimension names; ``x{i}`` (``i`` its position in the space) for unnamed ones."""
    return [name if name is not None else f"x{i}" for i, name in enumerate(space.names)]


def is_fixed(dim: Any) -> bool:
    """Whether a dimension has a single possible value (nothing to plot along it)."""
    if isinstance(dim, Categorical):
        return dim.size == 1
    low, high = getattr(dim, "low", None), getattr(dim, "high", None)
    return low is not None and low == high


def fixed_value(dim: Any) -> Any:
    """The one value of a dimension with a single possible value."""
    return dim.categories[0] if isinstance(dim, Categorical) else dim.low


def dimension_index(labels: list[str], identifier: Any, name: str, func: str) -> int:
    """Position of the dimension ``identifier`` names (a name, or an index into ``labels``)."""
    if isinstance(identifier, str):
        if identifier not in labels:
            raise ValueError(
                f"{func}: unknown dimension {identifier!r} in {name}; the names are {labels}."
            )
        if labels.count(identifier) > 1:
            raise ValueError(
                f"{func}: {labels.count(identifier)} dimensions are named {identifier!r}"
                f" ({name}); give the dimension's index instead."
            )
        return labels.index(identifier)
    if is_int(identifier):
        if not -len(labels) <= identifier < len(labels):
            raise ValueError(
                f"{func}: {name} index {identifier} is out of range for {len(labels)} dimensions."
            )
        return int(identifier) % len(labels)
    raise InvalidParameterError(
        f"{func}: {name} must hold dimension names or indices, got {identifier!r}."
    )


def select(labels: list[str], plot_dims: Any, fixed: list[bool], func: str) -> list[int]:
    """Positions of the dimensions to plot.

    ``plot_dims=None`` is every dimension with more than one possible value;
    otherwise the dimensions it names (by name or position), in its order.
    """
    if plot_dims is None:
        out = [i for i in range(len(labels)) if not fixed[i]]
        if not out:
            raise ValueError(
                f"{func}: every dimension of the space ({labels}) has a single possible"
                " value; there is nothing to plot."
            )
        return out
    if isinstance(plot_dims, (str, numbers.Integral)):
        plot_dims = [plot_dims]
    out = [dimension_index(labels, d, "plot_dims", func) for d in plot_dims]
    if not out:
        raise ValueError(f"{func}: plot_dims must name at least one dimension.")
    if len(set(out)) != len(out):
        raise ValueError(f"{func}: plot_dims repeats a dimension in {plot_dims!r}.")
    return out


def panel_labels(dimensions: Any, labels: list[str], cols: list[int], func: str) -> list[str]:
    """Labels of the plotted dimensions: ``dimensions`` (one per plotted dimension) or names."""
    names = [labels[i] for i in cols]
    if dimensions is None:
        return names
    if isinstance(dimensions, str) or not isinstance(dimensions, Iterable):
        raise InvalidParameterError(
            f"{func}: dimensions must be a list of {len(cols)} labels, one per plotted"
            f" dimension ({names}), got dimensions={dimensions!r}."
        )
    given = list(dimensions)
    if not all(isinstance(d, str) for d in given):
        raise InvalidParameterError(
            f"{func}: dimensions must be a list of str labels, one per plotted dimension"
            f" ({names}), got dimensions={dimensions!r}; to choose the dimensions to plot,"
            " pass plot_dims=."
        )
    if len(given) != len(cols):
        raise ValueError(
            f"{func}: dimensions gives the labels of the plotted dimensions, one each:"
            f" {len(cols)} ({names}), got {len(given)} labels {given!r}; to choose the"
            " dimensions to plot, pass plot_dims=."
        )
    if given != names and sorted(given) == sorted(names):
        raise ValueError(
            f"{func}: dimensions={given!r} relabels the plotted dimensions {names} with"
            " each other's names; to choose or reorder the dimensions to plot, pass"
            " plot_dims=."
        )
    return given


def grid_figure(
    n: int,
    fig: Figure | None,
    ax: Axes | None,
    size: float,
    wspace: float,
    hspace: float,
    colorbar: bool = False,
):
    """An ``(n, n)`` array of Axes, upper triangle hidden.

    On a new figure (constrained layout), on ``fig``, or in the area of the
    subplot ``ax`` (which is hidden).
    """
    plt = pyplot()
    if fig is not None and ax is not None:
        raise ValueError("Pass fig or ax, not both: the panels go on one of them.")
    gaps = {"wspace": wspace, "hspace": hspace}
    if ax is not None:
        spec = ax.get_subplotspec()
        if spec is None:
            raise ValueError(
                "ax must be a subplot (from plt.subplots or fig.add_subplot): the panels"
                " are laid out in its area."
            )
        fig = ax.figure
        sub = spec.subgridspec(n, n, **gaps)
        axes = np.empty((n, n), dtype=object)
        for i in range(n):
            for j in range(n):
                axes[i, j] = fig.add_subplot(sub[i, j])
        ax.set_axis_off()
    else:
        if fig is None:
            extra = 0.9 if colorbar else 0.0
            fig = plt.figure(figsize=(size * n + 0.8 + extra, size * n + 0.6), layout="constrained")
            # scikit-optimize's gaps are shares of a panel; constrained layout's of the figure.
            engine = fig.get_layout_engine()
            if n > 1:
                engine.set(
                    wspace=(n - 1) * wspace / (n + (n - 1) * wspace) / 4,
                    hspace=(n - 1) * hspace / (n + (n - 1) * hspace) / 4,
                )
            axes = fig.subplots(n, n, squeeze=False)
        else:
            axes = fig.subplots(n, n, squeeze=False, gridspec_kw=gaps)
    for i in range(n):
        for j in range(i + 1, n):
            axes[i, j].set_visible(False)
    return fig, axes


def label_grid(axes: np.ndarray, specs: list[AxisSpec], data: list) -> None:
    """Scales, limits and labels of a lower-triangular grid (diagonal y axes excepted)."""
    n = len(specs)
    for i in range(n):
        for j in range(i + 1):
            ax = axes[i, j]
            specs[j].apply(ax, "x", data[j], labels=i == n - 1)
            if i != j:
                specs[i].apply(ax, "y", data[i], labels=j == 0)


def diagonal_y_right(ax: Axes, label: str, show_label: bool, integer: bool = False) -> None:
    from matplotlib.ticker import MaxNLocator

    ax.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=integer))
    ax.ticklabel_format(axis="y", useOffset=False)
    ax.yaxis.tick_right()
    ax.yaxis.set_label_position("right")
    if show_label:
        ax.set_ylabel(label)


def colormap(cmap: Any, reverse: bool):
    """The Colormap ``cmap`` names (or is), reversed if asked."""
    import matplotlib

    cm = matplotlib.colormaps[cmap] if isinstance(cmap, str) else cmap
    if not hasattr(cm, "reversed"):
        raise InvalidParameterError(
            f"cmap must be a colormap name or a matplotlib Colormap, got cmap={cmap!r}."
        )
    return cm.reversed() if reverse else cm


def color_scale(values: list, levels: int, zscale: str, func: str):
    """Norm and contour levels of pair panels sharing one colour scale."""
    from matplotlib.colors import LogNorm, Normalize

    lo, hi = span(values)
    if zscale == "log":
        if not lo > 0:
            raise ValueError(
                f"{func}: zscale='log' needs positive values, but the partial dependence"
                f" reaches {lo:.4g}; use zscale='linear'."
            )
        return LogNorm(lo, hi), np.geomspace(lo, hi, levels + 1)
    return Normalize(lo, hi), np.linspace(lo, hi, levels + 1)


def draw_pair(ax: Axes, xs, ys, values, discrete: bool, cmap, norm, levels):
    """Filled contours of ``values`` (rows along ``ys``), or cells when ``discrete``."""
    if discrete:
        return ax.pcolormesh(xs, ys, values, shading="nearest", cmap=cmap, norm=norm)
    return ax.contourf(xs, ys, values, levels=levels, cmap=cmap, norm=norm, extend="both")


def add_colorbar(fig: Figure, mappable, axes: list, label: str):
    """One colour bar for ``axes`` (beside them), labelled with what the colours show."""
    from matplotlib.colors import LogNorm
    from matplotlib.ticker import LogLocator, MaxNLocator

    bar = fig.colorbar(mappable, ax=axes, shrink=0.8 if len(axes) > 1 else 1.0, label=label)
    # Round ticks within the scale, not the contour levels.
    lo, hi = mappable.norm.vmin, mappable.norm.vmax
    locator = LogLocator() if isinstance(mappable.norm, LogNorm) else MaxNLocator(6)
    ticks = [t for t in locator.tick_values(lo, hi) if lo <= t <= hi]
    if len(ticks) >= 2:
        bar.set_ticks(ticks)
    bar.ax.set_gid("colorbar")
    return bar


# -- evaluated points ------------------------------------------------------------------------
def _declarations(search: Any) -> dict:
    """Every declaration of each parameter in the search's space(s), in order."""
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
                out.setdefault(name, []).append(_declared_dimension(value, name))
    return out


def _declared_dimension(value: Any, name: str):
    """The Dimension a search read from its declaration, or None if it cannot be read."""
    if value is None:
        return None
    try:
        return check_dimension(value, name, allow_distributions=True)
    except (TypeError, ValueError):
        return None


def _spec_of_values(name: str, values: list, dim: Any) -> AxisSpec:
    """Axis of a parameter of a search without a Space: its declaration and values."""
    if values and all(is_real(v) for v in values):
        arr = np.asarray(values, dtype=float)
        lo, hi = float(arr.min()), float(arr.max())
        if isinstance(dim, (Real, Integer)):
            log = dim.prior == "log-uniform"
            lo, hi = min(lo, float(dim.low)), max(hi, float(dim.high))
        elif getattr(getattr(dim, "dist", None), "dist", None) is not None:
            log = dim.dist.dist.name in ("loguniform", "reciprocal")
        else:
            log = bool(lo > 0 and hi >= LOG_RATIO * lo)
        integer = all(isinstance(v, numbers.Integral) for v in values)
        return AxisSpec(name, log=log, limits=(lo, hi), integer=integer)
    if isinstance(dim, Categorical) and all(v in dim for v in values):
        return AxisSpec(name, categories=list(dim.categories))
    cats: list = []
    for v in values:
        if not cats or v not in Categorical(cats):
            cats.append(v)
    return AxisSpec(name, categories=cats)


@dataclass
class Evaluations:
    """The evaluated points of a search or result, one column per dimension."""

    labels: list[str]
    specs: list[AxisSpec]
    columns: list[list[tuple[bool, Any]]]  # per dimension: (present, value) per evaluation
    best: list[tuple[bool, Any]]  # per dimension: (present, value) of the best point
    fixed: list[bool]  # per dimension: a single possible value
    n_evals: int

    def coords(self, i: int) -> np.ndarray:
        """Plot coordinates of dimension ``i`` per evaluation (nan where absent)."""
        pos = np.full(self.n_evals, np.nan)
        present = self.present(i)
        if present.any():
            pos[present] = self.specs[i].positions([v for ok, v in self.columns[i] if ok])
        return pos

    def present(self, i: int) -> np.ndarray:
        return np.array([ok for ok, _ in self.columns[i]], dtype=bool)


def evaluations(result: Any, subspace: int, func: str) -> Evaluations:
    """Where a fitted search or a result sampled, and its best point."""
    if is_search(result) and not hasattr(result, "optimizer_results_"):
        check_fitted(result, func)
        params = list(result.cv_results_["params"])
        labels: list[str] = sorted({k for p in params for k in p})
        declared = _declarations(result)
        specs, columns, fixed = [], [], []
        for name in labels:
            present = [p[name] for p in params if name in p]
            dims = declared.get(name, [None])
            specs.append(_spec_of_values(name, present, dims[0]))
            columns.append([(True, p[name]) if name in p else (False, None) for p in params])
            single = all(d is not None and is_fixed(d) for d in dims)
            fixed.append(single and all(_same(v, present[0]) for v in present))
        best_index = getattr(result, "best_index_", None)
        if best_index is None:
            try:
                scores = np.asarray(result.cv_results_[score_key(result)], dtype=float)
                best_index = int(np.nanargmax(scores)) if np.isfinite(scores).any() else None
            except ValueError:
                best_index = None
        best = None if best_index is None else params[best_index]
        best_values = [
            (best is not None and name in best, None if best is None else best.get(name))
            for name in labels
        ]
        return Evaluations(labels, specs, columns, best_values, fixed, len(params))
    res, _ = result_of(result, subspace, func)
    space = res.space
    labels = space_labels(space)
    specs = [spec_of_dimension(dim, label) for dim, label in zip(space.dimensions, labels)]
    columns = [[(True, p[i]) for p in res.x_iters] for i in range(space.n_dims)]
    best = [(res.x is not None, None if res.x is None else res.x[i]) for i in range(space.n_dims)]
    fixed = [is_fixed(dim) for dim in space.dimensions]
    return Evaluations(labels, specs, columns, best, fixed, len(res.x_iters))


def _same(a: Any, b: Any) -> bool:
    try:
        return bool(a == b) or a is b
    except Exception:  # objects whose == is not a bool (arrays)
        return a is b


def hist_bins(spec: AxisSpec, data: np.ndarray, bins: int) -> np.ndarray:
    """Bin edges of a numeric histogram.

    Integers: edges at half-integers, so each bin is centred on its integers;
    one bin per integer when the range has at most ``bins`` values, else at
    most ``bins`` groups of consecutive integers: of equal size (the last one
    possibly smaller), or growing geometrically on a log axis. Reals: ``bins``
    equal bins (equal in log for a log axis).
    """
    lo, hi = spec.range(data)
    if spec.integer:
        lo, hi = round(lo), round(hi)
        if hi - lo + 1 <= bins:
            starts = np.arange(lo, hi + 2, dtype=float)
        elif spec.log:
            starts = np.unique(np.round(np.geomspace(lo, hi + 1, bins + 1)))
        else:  # groups of `step` integers, the last one possibly smaller
            step = -(-(hi - lo + 1) // bins)
            starts = np.append(np.arange(lo, hi + 1, step, dtype=float), hi + 1)
        return starts - 0.5
    lo, hi = spec.lims(data, padded=False)
    if spec.log:
        return np.geomspace(lo, hi, bins + 1)
    return np.linspace(lo, hi, bins + 1)


def draw_histogram(ax: Axes, spec: AxisSpec, data: np.ndarray, bins: int) -> None:
    """One bar per category, or a histogram of numeric values."""
    if spec.categorical:
        counts = np.bincount(data.astype(int), minlength=len(spec.categories))
        ax.bar(np.arange(len(counts)), counts, width=0.8, color="C0", ec="white", lw=0.5)
    else:
        ax.hist(data, bins=hist_bins(spec, data, bins), color="C0", ec="white", lw=0.5)


# -- the surrogate ---------------------------------------------------------------------------
@dataclass
class Surrogate:
    """A fitted model of a result, and the values it was fit on."""

    model: Any
    func_vals: np.ndarray  # the told values the model was fit on

    def values(self, z) -> np.ndarray:
        """Model outputs (any shape) in objective units (the inverse target transform)."""
        z = np.asarray(z, dtype=float)
        return values_of_targets(z.reshape(-1), self.func_vals).reshape(z.shape)

    def targets(self) -> tuple[np.ndarray, float, float]:
        """:func:`model_targets` of the values the model was fit on."""
        return model_targets(self.func_vals)


def surrogate(result: Any, func: str, index: int = -1) -> Surrogate:
    """Model ``index`` of the result (the last by default) and what it was fit on.

    A model is fit on the first ``n`` told points: ``len(model.X_train_)`` for
    skopt_lite's GP, else as if one model was fit per told point after the
    first ones.
    """
    models = list(getattr(result, "models", None) or [])
    if not models:
        raise ValueError(
            f"{func} needs a fitted surrogate model, but the result has none: the optimiser"
            " fits one only once n_initial_points (default 10) values are told and one of"
            " them is finite. Evaluate more points (a larger n_iter)."
        )
    position = index % len(models)
    model = models[position]
    func_vals = np.asarray(result.func_vals, dtype=float)
    n_seen = len(func_vals) - (len(models) - 1 - position)
    train = getattr(model, "X_train_", None)
    if train is not None and 0 < len(train) <= len(func_vals):
        n_seen = len(train)
    n_seen = min(max(n_seen, 1), len(func_vals))
    seen = func_vals[:n_seen]
    if not np.isfinite(seen).any():  # pragma: no cover - models are fit on a finite value
        seen = func_vals
    return Surrogate(model, seen)


def span(arrays: list, margin: float = 0.0) -> tuple[float, float]:
    """Common (low, high) of the finite values of some arrays, widened by ``margin``."""
    finite = [np.asarray(a, dtype=float)[np.isfinite(a)] for a in arrays]
    finite = [a for a in finite if a.size]
    if not finite:
        return 0.0, 1.0
    lo = min(float(np.min(a)) for a in finite)
    hi = max(float(np.max(a)) for a in finite)
    if not hi > lo:
        d = max(abs(lo), 1.0) * 1e-3
        return lo - d, hi + d
    d = (hi - lo) * margin
    return lo - d, hi + d


def unit_column(encoder: SpaceEncoder, i: int, values: list) -> np.ndarray:
    """Valid unit coordinates of dimension ``i`` for native ``values``."""
    dim = encoder.dims[i]
    U = np.full((len(values), encoder.n_dims), 0.5)
    U[:, i] = dim.transform(values)
    return encoder.snap(U)[:, i]


def pd_grid(dim, n_points: int) -> list:
    """Native values at which the partial dependence along ``dim`` is computed.

    Every category; every integer of a range of at most ``n_points`` values,
    else ``n_points`` evenly spread (in the prior's scale) and rounded; for a
    ``Real``, ``n_points`` evenly spread in the prior's scale (geometric for
    a log-uniform prior).
    """
    if isinstance(dim, Categorical):
        return list(dim.categories)
    if isinstance(dim, Integer):
        if dim.size <= n_points:
            return dim.values()
        ints = dim.inverse_transform(np.linspace(0.0, 1.0, n_points))
        return sorted(set(int(v) for v in ints))
    return list(dim.inverse_transform(np.linspace(0.0, 1.0, n_points)))


def predict_mean(model, encoder: SpaceEncoder, U: np.ndarray) -> np.ndarray:
    out = np.empty(len(U))
    for start in range(0, len(U), PD_ROWS):
        Z = encoder.encode(U[start : start + PD_ROWS], valid=True)
        out[start : start + PD_ROWS] = np.asarray(model.predict(Z), dtype=float).reshape(-1)
    return out


def partial_dependence_values(model, encoder, samples, cols, grids) -> np.ndarray:
    """Mean prediction over ``samples`` with dimensions ``cols`` set to grid values.

    Parameters
    ----------
    samples : ndarray of shape (n_samples, n_dims)
        Valid unit-cube rows.
    cols : list of 1 or 2 int
    grids : list of 1 or 2 ndarray
        Valid unit coordinates of each dimension of ``cols``.

    Returns
    -------
    values : ndarray of shape ``(len(grids[0]),)`` or ``(len(grids[0]), len(grids[1]))``
        In the model's output units.
    """
    n_samples, d = samples.shape
    if len(cols) == 1:
        (i,), (ui,) = cols, grids
        U = np.repeat(samples[None], len(ui), axis=0)
        U[:, :, i] = ui[:, None]
        return predict_mean(model, encoder, U.reshape(-1, d)).reshape(len(ui), n_samples).mean(1)
    (i, j), (ui, uj) = cols, grids
    out = np.empty((len(ui), len(uj)))
    for a, value in enumerate(ui):
        U = np.repeat(samples[None], len(uj), axis=0)
        U[:, :, i] = value
        U[:, :, j] = uj[:, None]
        out[a] = predict_mean(model, encoder, U.reshape(-1, d)).reshape(len(uj), n_samples).mean(1)
    return out


# -- points the plots mark or average around ---------------------------------------------------
def check_n_minimum_search(value: Any) -> int | None:
    if value is None:
        return None
    return check_int(value, "n_minimum_search", low=1)


def point_of(
    source: Any,
    name: str,
    result: Any,
    model: Any,
    encoder: SpaceEncoder,
    n_minimum_search: int | None,
    rng: np.random.RandomState,
    func: str,
) -> list | None:
    """The point ``source`` names, as scikit-optimize reads ``minimum`` and ``sample_source``.

    ``"result"``: the best evaluated point (None if none is finite);
    ``"expected_minimum"``: the surrogate's minimum, from ``n_minimum_search``
    (default 20) starts refined by L-BFGS-B along the ``Real`` dimensions;
    ``"expected_minimum_random"``: the best of ``n_minimum_search`` points
    drawn by the priors (default ``10 ** n_dims``, at most 100000); a list:
    that point.
    """
    if isinstance(source, str):
        if source not in MINIMUM_SOURCES:
            raise InvalidParameterError(
                f"{func}: {name} must be one of {MINIMUM_SOURCES} or a point (a list of"
                f" one value per dimension), got {name}={source!r}."
            )
        if source == "result":
            return None if result.x is None else list(result.x)
        if source == "expected_minimum_random":
            n = n_minimum_search or min(10**encoder.n_dims, MAX_MIN_SAMPLES)
            U = encoder.sample(n, rng)
            return encoder.to_points(U[[int(np.argmin(predict_mean(model, encoder, U)))]])[0]
        return _expected_minimum(result, model, encoder, n_minimum_search or MIN_STARTS, rng)
    if isinstance(source, (list, tuple, np.ndarray)):
        try:
            return encoder.canonical(list(source))
        except ValueError as exc:
            raise ValueError(f"{func}: {name} is not a point of the space: {exc}") from exc
    raise InvalidParameterError(
        f"{func}: {name} must be one of {MINIMUM_SOURCES} or a point (a list of one value"
        f" per dimension), got {name}={source!r}."
    )


def _expected_minimum(result, model, encoder: SpaceEncoder, n_starts: int, rng) -> list:
    """Minimum of the surrogate's mean: the best starts, refined along ``Real`` dimensions."""
    U = encoder.sample(max(10 * n_starts, 100), rng)
    if result.x_iters:
        U = np.vstack([U, encoder.to_unit(result.x_iters)])
    mean = predict_mean(model, encoder, U)
    starts = np.argsort(mean, kind="stable")[:n_starts]
    U, mean = U[starts], mean[starts]
    if len(encoder.real_dims):
        Z = encoder.encode(U, valid=True)
        # LCB with kappa = 0 is the mean: refine maximises minus the mean.
        Zr, u = refine(
            SurrogateView(model), Z, encoder.real_features, "LCB", 0.0, 0.0, 0.0, maxiter=MIN_ITER
        )
        U = U.copy()
        U[:, encoder.real_dims] = Zr[:, encoder.real_features]
        mean = -u
    return encoder.to_points(U[[int(np.argmin(mean))]])[0]


def with_label(spec: AxisSpec, label: str, pad: float | None = None) -> AxisSpec:
    return replace(spec, label=label) if pad is None else replace(spec, label=label, pad=pad)


# -- helpers of the public functions ----------------------------------------------------------
def draw_traces(ax: Axes, entries: list, curves: list, xs: list | None = None) -> None:
    """One line per trace (runs of a group faint, their mean bold), in colours C0, C1, ...

    ``xs`` holds the x coordinates of each run, shaped like ``curves``; None
    draws run values at ``1, 2, ..., n``. A group's mean is drawn at the mean
    of its runs' x coordinates, over the runs that reached each position.
    """
    many = len(entries) > 1
    if xs is None:
        xs = [[np.arange(1, len(run) + 1) for run in runs] for runs in curves]
    for index, (entry, runs, run_xs) in enumerate(zip(entries, curves, xs)):
        color = f"C{index % 10}"
        label = entry.label
        if label is None and many:
            label = entry.name if not entry.group else f"{entry.name} (mean of {len(runs)})"
        if entry.group:
            for run, x in zip(runs, run_xs):
                ax.plot(x, run, color=color, alpha=0.25, lw=1)
            line, line_x = mean_trace(runs), mean_trace(run_xs)
        else:
            line, line_x = runs[0], run_xs[0]
        ax.plot(
            line_x,
            line,
            color=color,
            marker=".",
            markersize=8,
            lw=1.5,
            label=label,
        )


def compute_spent(obj: Any) -> np.ndarray:
    """The compute a halving search had spent after each row of its ``cv_results_``.

    The sum over its fits of the resource each used:
    ``cumsum(cv_results_["n_resources"]) * n_splits_``.

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


def acquisition_settings(result: Any) -> tuple[str, float, float, int]:
    """Acquisition function, ``xi``, ``kappa`` and ``n_min_samples`` the result's ``specs``
    record (else EI and the defaults)."""
    specs = getattr(result, "specs", None)
    args = specs.get("args", {}) if isinstance(specs, dict) else {}
    args = args if isinstance(args, dict) else {}
    name = args.get("acq_func", "EI")
    if name not in ACQ_DRAWN:  # gp_hedge, or one of skopt's per-second variants
        name = "EI"
    kwargs = args.get("acq_func_kwargs") or {}
    kwargs = kwargs if isinstance(kwargs, dict) else {}
    xi = kwargs.get("xi", args.get("xi", 0.01))
    kappa = kwargs.get("kappa", args.get("kappa", 1.96))
    n_min_samples = kwargs.get("n_min_samples", 1000)
    return name, float(xi), float(kappa), int(n_min_samples)


def split_below(ax: Axes) -> tuple[Axes, Axes]:
    """``ax`` shrunk to the upper three quarters of its area, and an axes beneath it."""
    spec = ax.get_subplotspec()
    if spec is not None:
        sub = spec.subgridspec(2, 1, height_ratios=[3, 1], hspace=0.08)
        ax.set_subplotspec(sub[0])
        below = ax.figure.add_subplot(sub[1], sharex=ax)
    else:
        below = ax.inset_axes([0.0, -0.55, 1.0, 0.35], sharex=ax)
    return ax, below


def format_value(value: Any) -> str:
    if isinstance(value, (float, np.floating)):
        return f"{value:.4g}"
    return str(value)


def band(ax: Axes, xs, lo, hi, color: str, spec, label: str | None = None) -> None:
    """A shaded band between ``lo`` and ``hi`` (error bars for categories)."""
    lo = np.asarray(lo, dtype=float)
    hi = np.asarray(hi, dtype=float)
    if spec.categorical:
        mid = np.where(np.isfinite(lo + hi), (lo + hi) / 2, np.nan)
        ax.errorbar(
            xs,
            mid,
            yerr=[mid - lo, hi - mid],
            fmt="none",
            ecolor=color,
            alpha=0.4,
            elinewidth=6,
            label=label,
        )
        return
    ax.fill_between(xs, lo, hi, color=color, alpha=0.2, lw=0, label=label)


def limit_y(ax: Axes, arrays: list, band: list) -> None:
    """y limits around the drawn lines, and the band up to half their range beyond them.

    A band of a bounded target transform may be huge where the model knows
    little; showing all of it would flatten the lines.
    """
    lo, hi = span(arrays)
    reach = 0.5 * (hi - lo)
    if band:
        lo = max(min(lo, float(np.min(band[0]))), lo - reach)
        hi = min(max(hi, float(np.max(band[1]))), hi + reach)
    margin = 0.05 * (hi - lo)
    ax.set_ylim(lo - margin, hi + margin)


def partial_dependence_setup(
    result, subspace, func, n_points, n_samples, levels, zscale, n_minimum_search, random_state
):
    res, is_search = result_of(result, subspace, func)
    n_points = check_int(n_points, "n_points", low=2)
    n_samples = check_int(n_samples, "n_samples", low=1)
    levels = check_int(levels, "levels", low=1)
    zscale = check_choice(zscale, "zscale", ZSCALES)
    n_minimum_search = check_n_minimum_search(n_minimum_search)
    sur = surrogate(res, func)
    rng = check_random_state(random_state)
    return res, is_search, n_points, n_samples, levels, zscale, n_minimum_search, sur, rng


def samples_and_minimum(
    res, sur, encoder, sample_source, minimum, n_samples, n_minimum_search, rng, func
):
    """Unit rows to average the model over, and the point marked as the minimum."""
    if isinstance(sample_source, str) and sample_source == "random":
        samples = encoder.sample(n_samples, rng)
    else:
        point = point_of(
            sample_source, "sample_source", res, sur.model, encoder, n_minimum_search, rng, func
        )
        if point is None:
            raise ValueError(
                f"{func}: sample_source='result' needs a best point, but no evaluation of"
                " the result has a finite value."
            )
        samples = encoder.to_unit([point])
    best = point_of(minimum, "minimum", res, sur.model, encoder, n_minimum_search, rng, func)
    return samples, best


def pd_inputs(space: Any, model: Any, ids: list, names: list, func: str):
    if not isinstance(space, Space):
        raise InvalidParameterError(
            f"{func}: space must be a skopt_lite Space (result.space), got {type(space).__name__}."
        )
    if not hasattr(model, "predict"):
        raise InvalidParameterError(
            f"{func}: model must be a fitted regressor (result.models[-1]), got {model!r}."
        )
    labels = space_labels(space)
    out = [dimension_index(labels, i, name, func) for i, name in zip(ids, names)]
    return SpaceEncoder(space), out


def pd_samples(encoder: SpaceEncoder, samples: Any, func: str) -> np.ndarray:
    samples = np.asarray(samples, dtype=float)
    if samples.ndim != 2 or samples.shape[1] != encoder.n_dims or not len(samples):
        raise ValueError(
            f"{func}: samples must be unit-cube points of shape (n, {encoder.n_dims})"
            f" (space.transform(space.rvs(n))), got an array of shape {samples.shape}."
        )
    return encoder.snap(samples)


def pd_output(values: np.ndarray, func_vals: Any) -> np.ndarray:
    if func_vals is None:
        return values
    return Surrogate(None, np.asarray(func_vals, dtype=float)).values(values)


def pd_axis(dim, n_points: int) -> tuple[list, np.ndarray]:
    grid = pd_grid(dim, n_points)
    if isinstance(dim, Categorical):
        return grid, np.arange(len(grid), dtype=float)
    return grid, np.asarray(grid, dtype=float)
