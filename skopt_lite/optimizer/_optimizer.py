"""The ask/tell Bayesian optimiser."""

from __future__ import annotations

import copy
import warnings
from collections.abc import Callable, Sequence
from itertools import chain

import numpy as np
from scipy.optimize import OptimizeResult as _ScipyResult
from sklearn.base import clone
from sklearn.ensemble import ExtraTreesRegressor, GradientBoostingRegressor, RandomForestRegressor
from sklearn.utils import check_random_state

from .._validation import InvalidParameterError, check_int
from .._validation import check_choice as _check_choice
from ..learning import TREE_ESTIMATORS, GradientBoostingQuantileRegressor, default_estimator
from ._checks import (
    ACQ_OPTIMIZERS,
    _check_acq_func_kwargs,
    _check_acq_optimizer_kwargs,
    _check_base_estimator,
    _check_model_queue_size,
    _check_n_jobs,
    _check_space,
    _check_space_constraint,
    _check_value,
    _is_array,
    _is_scalar,
)
from ._encoding import SpaceEncoder
from ._threads import drop_controller, single_threaded
from .acquisition import (
    ACQ_FUNCS,
    PORTFOLIO,
    GPHedge,
    SurrogateView,
    candidate_points,
    max_value_entropy,
    refine,
    utility,
)
from .gp import GaussianProcess
from .initial import INITIAL_POINT_GENERATORS, _is_generator, initial_design
from .targets import model_targets

__all__ = ["OptimizeResult", "Optimizer"]

# Candidates near the best points: how many best points, the share of the
# candidates drawn around them, and on which proposals (every _LOCAL_EVERY-th,
# counting pending points, so a batch alternates too). They are the only
# candidates that change the discrete coordinates of a good point one at a
# time (L-BFGS-B refines the Real ones). docs/benchmarks.rst records how these
# values were chosen.
_N_BEST = 5
_LOCAL_FRACTION = 0.25
_LOCAL_EVERY = 2
# The GP hyperparameter search starts from the previous optimum. It also tries
# a random start while at most _EARLY_RESTARTS points are told, then on every
# _RESTART_EVERY-th fit.
_EARLY_RESTARTS = 30
_RESTART_EVERY = 10
# The hyperparameters are re-optimised at every fit while at most
# _ALWAYS_OPTIMISE points are told, then whenever the number of told points has
# grown by _OPTIMISE_GROWTH since the last optimisation; in between the model
# is only conditioned on the new data (one Cholesky factorisation).
_ALWAYS_OPTIMISE = 50
_OPTIMISE_GROWTH = 0.05
# Regressors whose predictions are piecewise constant: their acquisition is
# maximised by sampling only (no gradient to follow), as in scikit-optimize.
_PIECEWISE_CONSTANT = (
    RandomForestRegressor,
    ExtraTreesRegressor,
    GradientBoostingRegressor,
    GradientBoostingQuantileRegressor,
)


class OptimizeResult(_ScipyResult):
    """The state of an optimisation: a dict whose keys are also attributes.

    Attributes
    ----------
    x : list or None
        Best point (smallest finite ``y``), native values; None when no finite
        value was told.
    fun : float
        Its value; nan when no finite value was told.
    func_vals : ndarray of shape (n_told,)
        Every told value, as told (may hold nan or inf).
    x_iters : list of list
        Every told point, native values.
    space : Space
    models : list
        The fitted surrogates, one per fit, oldest first (the last
        ``model_queue_size`` of them).
    random_state : RandomState
        The optimiser's generator.
    specs : dict or None
        How the result was made: ``{"args": {...}, "function": name}`` with
        the arguments of the call (the minimize functions) or of the
        :class:`Optimizer` constructor.
    """


class Optimizer:
    """Ask/tell Bayesian optimisation over a :class:`~skopt_lite.space.Space`.

    A Gaussian process (or any regressor with ``predict(X, return_std=True)``)
    models the told values; each proposal maximises an acquisition function
    over valid points of the space. Integer dimensions are modelled on their
    integer grid and categories as one-hot columns, so proposals are always
    valid points and are never repeated: a point already told, or asked and
    not yet told (pending), is never proposed again, and a finite space is
    eventually exhausted.

    Parameters
    ----------
    dimensions : Space or list
        The search space: a :class:`Space`, or a list of ``Real`` /
        ``Integer`` / ``Categorical`` or shorthands (a list of choices, a tuple
        ``(low, high)`` or ``(low, high, prior)`` read as a range). The
        categories of a dimension must be distinct (a ValueError otherwise).
    base_estimator : {"GP", "RF", "ET", "GBRT", "DUMMY"} or regressor, default="GP"
        The surrogate (strings in any case). ``"GP"`` is
        :class:`~skopt_lite.optimizer.gp.GaussianProcess` (ARD Matérn-5/2,
        learned noise, hyperparameters warm-started between fits); a
        ``GaussianProcess`` instance is used the same way, with its bounds.
        ``"RF"``, ``"ET"`` and ``"GBRT"`` are the tree ensembles of
        :mod:`skopt_lite.learning` with scikit-optimize's settings (see
        :func:`skopt_lite.learning.default_estimator`), seeded from
        ``random_state``. ``"DUMMY"`` fits no model: after the initial design,
        points are drawn at random. Any other regressor instance is cloned and
        fit on the encoded points and standardised targets; its ``predict``
        must accept ``return_std=True``.
    n_random_starts : int or None, default=None
        Deprecated alias of ``n_initial_points`` (it overrides it, with a
        DeprecationWarning), as in scikit-optimize.
    n_initial_points : int, default=10
        Number of points from the initial design before the model is used:
        while fewer points than this are told or pending, ``ask`` returns
        design points.
    initial_point_generator : {"random", "sobol", "halton", "hammersly", "lhs", "grid"} \
or generator, default="random"
        See :func:`~skopt_lite.optimizer.initial.initial_design`; a generator
        is an object with ``generate(dimensions, n_samples, random_state)``,
        such as ``skopt_lite.sampler.Lhs(criterion="maximin")``.
    n_jobs : int or None, default=1
        Threads used to fit the ``"RF"``, ``"ET"`` and ``"GBRT"`` surrogates
        (-1 for all cores). The Gaussian process ignores it.
    acq_func : {"gp_hedge", "EI", "PI", "LCB", "MES"}, default="gp_hedge"
        Acquisition function; ``"gp_hedge"`` picks one of EI, PI and LCB at
        every step by a softmax of their past gains. ``"MES"`` is max-value
        entropy search (:func:`~skopt_lite.optimizer.acquisition.max_value_entropy`),
        scored on the candidate points only (it has no gradient).
    acq_optimizer : {"auto", "lbfgs", "sampling"}, default="auto"
        ``"sampling"`` scores candidate points only; ``"lbfgs"`` also refines
        the best of them with L-BFGS-B over their ``Real`` coordinates;
        ``"auto"`` is ``"lbfgs"`` when the space has a ``Real`` dimension and
        the surrogate is smooth, ``"sampling"`` for tree ensembles (whose
        predictions are piecewise constant: ``"lbfgs"`` is refused for them).
    random_state : int, RandomState instance or None, default=None
        Seed or generator of all randomness. A RandomState is used as is.
    model_queue_size : int or None, default=1
        How many of the latest fitted surrogates ``models`` keeps (one is
        added per fit); None keeps them all, scikit-optimize's default. The
        default keeps only the latest, so that a long ask/tell loop does not
        grow in memory: a Gaussian process fit on ``n`` points holds an
        ``n x n`` factor. The minimize functions default to None.
    space_constraint : callable or None, default=None
        ``space_constraint(point) -> bool``: proposals (design points, random
        points and acquisition maximisers) are only points for which it is
        True. Told points are not checked. A finite space is exhausted once
        every point that satisfies it is told or pending (counted exactly for
        spaces of up to 20000 points).
    acq_func_kwargs : dict or None, default=None
        ``xi`` (default 0.01, EI and PI), ``kappa`` (default 1.96, LCB) and
        ``eta`` (default 0.1, gp_hedge: inverse temperature of the softmax over
        gains counted in standard deviations of ``y``). ``xi`` is in the units
        of ``y``, as in scikit-optimize. ``n_min_samples`` (default 1000,
        MES): samples of the minimum value.
    acq_optimizer_kwargs : dict or None, default=None
        ``n_points`` (default 2000): candidates scored per proposal;
        ``n_restarts_optimizer`` (default 5): candidates refined by L-BFGS-B.
        ``n_jobs`` is accepted for scikit-optimize compatibility and ignored
        (the refinement runs all its starts in one vectorised L-BFGS-B).
    avoid_duplicates : bool, default=True
        Accepted for scikit-optimize compatibility; changes nothing: a point
        told or pending is never proposed again, whatever its value.

    Attributes
    ----------
    space : Space
    rng : RandomState
        The generator of all randomness (checkpoint it with ``rng.get_state()``).
    Xi : list of list
        Told points, native values.
    yi : list of float
        Told values, as told (may hold nan or inf for failed evaluations).
    models : list
        The fitted surrogates, one per fit, oldest first; at most
        ``model_queue_size`` (empty before the first fit).
    specs : dict
        ``{"args": {...}, "function": "Optimizer"}``: the constructor's arguments.
    n_initial_points : int
    exhausted : bool
        Whether every point of a finite space is told or pending.

    Notes
    -----
    Told nan or infinite values are kept in ``yi`` but learned as slightly
    worse than the worst finite value, so the search moves away from
    failures. Until two different values are told (one of them finite),
    proposals are exploratory (initial design, then prior samples): a model
    of a constant has nothing to say, and it would pile its proposals up at
    the edges of the space.

    Examples
    --------
    >>> from skopt_lite.optimizer import Optimizer
    >>> from skopt_lite.space import Real, Integer
    >>> opt = Optimizer([Real(-2.0, 2.0), Integer(0, 5)], n_initial_points=3, random_state=0)
    >>> for _ in range(6):
    ...     x = opt.ask()
    ...     res = opt.tell(x, (x[0] - 0.5) ** 2 + (x[1] - 2) ** 2)
    >>> len(res.x_iters), isinstance(res.x[1], int)
    (6, True)
    """

    def __init__(
        self,
        dimensions,
        base_estimator="GP",
        n_random_starts: int | None = None,
        n_initial_points: int = 10,
        initial_point_generator="random",
        n_jobs: int | None = 1,
        acq_func: str = "gp_hedge",
        acq_optimizer: str = "auto",
        random_state=None,
        model_queue_size: int | None = 1,
        space_constraint=None,
        acq_func_kwargs: dict | None = None,
        acq_optimizer_kwargs: dict | None = None,
        avoid_duplicates: bool = True,
    ) -> None:
        args = dict(locals())
        del args["self"]
        self.specs = {"args": args, "function": "Optimizer"}
        self.space = _check_space(dimensions)
        self.base_estimator = _check_base_estimator(base_estimator)
        if n_random_starts is not None:
            warnings.warn(
                "n_random_starts is deprecated (as in scikit-optimize); use n_initial_points."
                " It overrides n_initial_points.",
                DeprecationWarning,
                stacklevel=2,
            )
            n_initial_points = n_random_starts
        self.n_initial_points = check_int(n_initial_points, "n_initial_points", low=0)
        if not _is_generator(initial_point_generator):
            initial_point_generator = _check_choice(
                initial_point_generator, "initial_point_generator", INITIAL_POINT_GENERATORS
            )
        self.initial_point_generator = initial_point_generator
        self.n_jobs = _check_n_jobs(n_jobs)
        self.acq_func = _check_choice(acq_func, "acq_func", ACQ_FUNCS)
        self.acq_optimizer = _check_choice(acq_optimizer, "acq_optimizer", ACQ_OPTIMIZERS)
        self.model_queue_size = _check_model_queue_size(model_queue_size)
        self.space_constraint = _check_space_constraint(space_constraint)
        self.acq_func_kwargs = _check_acq_func_kwargs(acq_func_kwargs)
        self.acq_optimizer_kwargs = _check_acq_optimizer_kwargs(acq_optimizer_kwargs)
        self.avoid_duplicates = avoid_duplicates
        try:
            self.rng = check_random_state(random_state)
        except ValueError as exc:
            raise ValueError(
                f"random_state must be None, an int or a RandomState, got"
                f" random_state={random_state!r}."
            ) from exc

        # The surrogate: our GP (self._gp, the template of its bounds), another
        # regressor (self._estimator, cloned at every fit) or none ("DUMMY").
        base = self.base_estimator
        self._gp = None
        self._estimator = None
        if base == "GP":
            self._gp = GaussianProcess()
        elif isinstance(base, GaussianProcess):
            self._gp = base
        elif base in TREE_ESTIMATORS:
            # One seed for every fit, drawn now: a resumed optimiser draws it again.
            seed = int(self.rng.randint(np.iinfo(np.int32).max))
            self._estimator = default_estimator(base, random_state=seed, n_jobs=self.n_jobs)
        elif base != "DUMMY":
            self._estimator = base
        smooth = not isinstance(self._estimator, _PIECEWISE_CONSTANT) and base != "DUMMY"
        if self.acq_optimizer == "lbfgs" and not smooth:
            raise InvalidParameterError(
                f"acq_optimizer='lbfgs' needs a smooth surrogate, but base_estimator={base!r}"
                " is piecewise constant (or none); use acq_optimizer='sampling' or 'auto'."
            )
        if self.acq_optimizer == "lbfgs" and self.acq_func == "MES":
            raise InvalidParameterError(
                "acq_optimizer='lbfgs' needs the acquisition's gradient, which acq_func='MES'"
                " does not have; use acq_optimizer='sampling' or 'auto'."
            )

        self.Xi: list[list] = []
        self.yi: list[float] = []
        self.models: list = []
        self._encoder = SpaceEncoder(self.space)
        self._refine = (
            smooth
            and self.acq_optimizer != "sampling"
            and self.acq_func != "MES"
            and len(self._encoder.real_dims) > 0
        )
        self._hedge = GPHedge(self.acq_func_kwargs["eta"]) if self.acq_func == "gp_hedge" else None
        self._hedge_points = None  # features of the last portfolio proposals
        self._told_U: list[np.ndarray] = []
        self._told_keys: set = set()
        self._pending: dict = {}  # key -> unit row, in the order asked
        self._seen = np.zeros(self._encoder.size, bool) if self._encoder.enumerable else None
        if self._seen is not None and self.space_constraint is not None:
            # Points that break the constraint are never proposed: mark them seen.
            self._seen |= ~self._feasible(self._encoder.grid)
        self._model_n_told = 0  # told points the current model has seen
        self._theta = None  # GP hyperparameters of the last fit (warm start)
        self._theta_map = None  # its maximum a posteriori hyperparameters (warm start)
        self._n_fits = 0
        self._n_optimised = 0  # told points at the last hyperparameter optimisation
        # The design is drawn now, so that a search resumed from a checkpoint
        # (same seed, then the saved rng state) sees the same design.
        self._design = initial_design(
            self.space,
            self.n_initial_points,
            self.initial_point_generator,
            self.rng,
            encoder=self._encoder,
        )
        self._design_pos = 0

    def __getstate__(self) -> dict:
        return drop_controller(self.__dict__)

    def __repr__(self) -> str:
        return (
            f"Optimizer({self.space!r}, acq_func={self.acq_func!r},"
            f" n_initial_points={self.n_initial_points}, n_told={len(self.yi)})"
        )

    # -- public API ---------------------------------------------------------------------
    @property
    def exhausted(self) -> bool:
        """Whether every point of a finite space (meeting the constraint) is told or pending."""
        if self._seen is not None:
            return bool(self._seen.all())
        return bool(self._encoder.finite and self._n_seen() >= self._encoder.size)

    def ask(self, n_points: int | None = None) -> list:
        """Propose the next point, or a batch of distinct points.

        Parameters
        ----------
        n_points : int or None, default=None
            None for one point; an int ``k >= 1`` for a list of up to ``k``
            points, chosen by the constant liar strategy (each pending point is
            learned as the best value so far, without refitting the model's
            hyperparameters).

        Returns
        -------
        point : list of native values, or list of such lists
            A batch has fewer than ``n_points`` points only when a finite
            space runs out (``[]`` when it is exhausted).

        Raises
        ------
        ValueError
            For ``n_points=None`` when the space is exhausted.
        """
        if n_points is not None:
            n_points = check_int(n_points, "n_points", low=1)
        self.update_next()
        with single_threaded(self):
            points = self._ask(1 if n_points is None else n_points)
        if n_points is not None:
            return points
        if not points:
            if self.exhausted:
                which = "" if self.space_constraint is None else " satisfying space_constraint"
                raise ValueError(
                    f"The search space is exhausted: every point{which} was told or is pending."
                )
            if self.space_constraint is not None:
                raise ValueError(
                    "No point satisfying space_constraint was found among many random"
                    " samples of the space (or all those found were told or pending)."
                )
            raise ValueError(
                "No point left that was not told or pending: the ranges of the space"
                " hold too few distinct floats."
            )
        return points[0]

    def tell(self, x, y, fit: bool = True) -> OptimizeResult:
        """Record evaluated points.

        Parameters
        ----------
        x : list of values, or list of such lists
            One point, or several (then ``y`` is a list of the same length).
        y : float or list of float
            Values to minimise. nan or +-inf mark failed evaluations: kept in
            ``yi`` as given, learned as worse than every finite value.
        fit : bool, default=True
            Refit the surrogate now (once ``n_initial_points`` values are
            told). Pass False to tell many points (e.g. when resuming) and fit
            once at the end, or at the next ``ask`` that needs the model.

        Returns
        -------
        result : OptimizeResult
        """
        points, values = self._check_told(x, y)
        # A told point's unit row is computed from the point itself, not taken
        # from its pending row (which may differ in the last bit): the model
        # then depends on the told values only, so an optimiser resumed from
        # a checkpoint fits the very same model.
        rows = self._encoder.to_unit(points) if points else []
        for point, value, row in zip(points, values, rows):
            key = self._encoder.point_key(point)
            self._pending.pop(key, None)
            if key not in self._told_keys:
                self._told_keys.add(key)
                if self._seen is not None:
                    self._seen[self._encoder.flat_index(row[None])[0]] = True
            self.Xi.append(point)
            self.yi.append(value)
            self._told_U.append(row)
        if fit and len(self.yi) >= self.n_initial_points:
            with single_threaded(self):
                self._fit()
        return self.get_result()

    def update_next(self) -> None:
        """Check and apply ``acq_func_kwargs`` and ``acq_optimizer_kwargs`` after a change.

        As in scikit-optimize, the two may be replaced between steps (for
        example ``opt.acq_func_kwargs = {"kappa": 100}``); keys left out take
        their defaults. ``ask`` calls this itself: proposals are computed
        when asked for, so the next one always uses the current settings.

        Raises
        ------
        ValueError, TypeError
            If a setting is unknown or invalid.
        """
        self.acq_func_kwargs = _check_acq_func_kwargs(self.acq_func_kwargs)
        self.acq_optimizer_kwargs = _check_acq_optimizer_kwargs(self.acq_optimizer_kwargs)
        if self._hedge is not None:
            self._hedge.eta = self.acq_func_kwargs["eta"]

    def copy(self, random_state=None) -> Optimizer:
        """An independent copy: same settings, told points, models and state.

        Parameters
        ----------
        random_state : int, RandomState instance or None, default=None
            Seed or generator of the copy; None gives it a copy of this one's
            generator (it then proposes what this optimiser would).

        Returns
        -------
        optimizer : Optimizer
        """
        new = copy.deepcopy(self)
        if random_state is not None:
            new.rng = check_random_state(random_state)  # a RandomState is used as is
        return new

    def run(self, func: Callable, n_iter: int = 1) -> OptimizeResult:
        """Ask, evaluate and tell ``n_iter`` times, one point at a time.

        Parameters
        ----------
        func : callable
            ``func(x) -> float``, ``x`` a list of values in the order of the
            space's dimensions.
        n_iter : int, default=1
            Number of points to evaluate.

        Returns
        -------
        result : OptimizeResult
            As :meth:`get_result`, after the last tell.
        """
        n_iter = check_int(n_iter, "n_iter", low=0)
        for _ in range(n_iter):
            x = self.ask()
            self.tell(x, func(x))
        return self.get_result()

    def get_result(self) -> OptimizeResult:
        """The best point so far and the history.

        Returns
        -------
        result : OptimizeResult
            ``x``, ``fun``, ``func_vals``, ``x_iters``, ``space``, ``models``,
            ``random_state``, ``specs``.
        """
        func_vals = np.asarray(self.yi, dtype=float)
        finite = np.isfinite(func_vals)
        x, fun = None, float("nan")
        if finite.any():
            best = int(np.flatnonzero(finite)[np.argmin(func_vals[finite])])
            x, fun = list(self.Xi[best]), float(func_vals[best])
        return OptimizeResult(
            x=x,
            fun=fun,
            func_vals=func_vals,
            x_iters=[list(p) for p in self.Xi],
            space=self.space,
            models=list(self.models),
            random_state=self.rng,
            specs=self.specs,
        )

    # -- checkpoints -------------------------------------------------------------------
    def _get_state(self) -> dict:
        """What the optimiser carries from one proposal to the next, beyond the told data.

        With :meth:`_set_state` it makes an optimiser resumed from a checkpoint
        propose what the original would have. Holds plain Python values, and
        the generator's state as ``RandomState.get_state()`` gives it.
        """
        if self._pending:
            raise RuntimeError("the state of an optimiser with pending points is not saved")
        return {
            "n_told": len(self.yi),
            "rng": self.rng.get_state(),
            "design_pos": self._design_pos,
            "theta": None if self._theta is None else [float(t) for t in self._theta],
            "theta_map": None if self._theta_map is None else [float(t) for t in self._theta_map],
            "n_fits": self._n_fits,
            "n_optimised": self._n_optimised,
            "model_n_told": self._model_n_told if self.models else None,
            "hedge_gains": None if self._hedge is None else self._hedge.gains_.tolist(),
        }

    def _set_state(self, state: dict) -> None:
        """Restore :meth:`_get_state` after the same points were told with ``fit=False``.

        The model is rebuilt at the saved hyperparameters (conditioned on the
        data, not optimised, drawing nothing from the generator), then the
        generator is restored.

        Raises
        ------
        ValueError
            If the state does not fit this optimiser's told points.
        """
        n = len(self.yi)
        if state["n_told"] != n or self._pending:
            raise ValueError(
                f"the saved optimiser state is for {state['n_told']} told points, not {n}"
            )
        theta = state["theta"]
        self._design_pos = int(state["design_pos"])
        self._theta = None if theta is None else np.asarray(theta, dtype=float)
        # Checkpoints written before the mixture have no theta_map.
        theta_map = state.get("theta_map")
        self._theta_map = None if theta_map is None else np.asarray(theta_map, dtype=float)
        self._n_fits = int(state["n_fits"])
        self._n_optimised = int(state["n_optimised"])
        if self._hedge is not None and state["hedge_gains"] is not None:
            self._hedge.gains_ = np.asarray(state["hedge_gains"], dtype=float)
        self._hedge_points = None
        self.models = []
        model_n_told = state["model_n_told"]
        if model_n_told is not None:
            if model_n_told != n:
                raise ValueError("the saved model was fit on other points than those told")
            with single_threaded(self):
                # Only the latest model can be rebuilt; earlier ones are not saved.
                self.models = [self._model(fit_hyperparameters=False)]
            self._model_n_told = n
        self.rng.set_state(tuple(state["rng"]))

    # -- telling -----------------------------------------------------------------------
    def _check_told(self, x, y) -> tuple[list, list]:
        many = not _is_scalar(y)
        if many:
            values = list(np.asarray(y, dtype=object).reshape(-1)) if _is_array(y) else list(y)
            if isinstance(x, (str, bytes)) or not isinstance(x, (Sequence, np.ndarray)):
                raise ValueError(f"x must be a list of points when y is a list, got x={x!r}.")
            points = list(x)
            if len(points) != len(values):
                raise ValueError(
                    f"x and y must have the same length, got {len(points)} points and"
                    f" {len(values)} values."
                )
        else:
            points, values = [x], [y]
        points = [self._encoder.canonical(p) for p in points]
        return points, [_check_value(v) for v in values]

    def _targets(self) -> tuple[np.ndarray, float, float]:
        """Told values as the model learns them; see :func:`.targets.model_targets`."""
        return model_targets(self.yi)

    def _fit(self) -> None:
        """Fit the surrogate on every told point (no-op without a finite value, or for DUMMY)."""
        if self.base_estimator == "DUMMY":
            return
        if not np.isfinite(np.asarray(self.yi, dtype=float)).any():
            return
        model = self._model(fit_hyperparameters=True)
        self.models.append(model)
        if self.model_queue_size is not None:
            del self.models[: max(len(self.models) - self.model_queue_size, 0)]
        self._n_fits += 1
        self._model_n_told = len(self.yi)
        if self._hedge is not None and self._hedge_points is not None:
            mean, _ = SurrogateView(model).predict(self._hedge_points)
            self._hedge.update(mean)
            self._hedge_points = None

    def _model(self, fit_hyperparameters: bool):
        """The surrogate fit on every told point.

        The GP's hyperparameters are optimised (warm-started from the last
        ones) when ``fit_hyperparameters`` is True and the schedule above
        calls for it; otherwise the GP is conditioned on the data at the last
        hyperparameters.
        """
        y, _, _ = self._targets()
        Z = self._encoder.encode(np.asarray(self._told_U), valid=True)
        if self._gp is None:
            return clone(self._estimator, safe=False).fit(Z, y)
        n = len(self.yi)
        optimise = self._theta is None or (
            fit_hyperparameters
            and (n <= _ALWAYS_OPTIMISE or n >= self._n_optimised * (1.0 + _OPTIMISE_GROWTH))
        )
        restarts = int(n <= _EARLY_RESTARTS or self._n_fits % _RESTART_EVERY == 0)
        gp = self._gp
        model = GaussianProcess(
            length_scale_bounds=gp.length_scale_bounds,
            signal_variance_bounds=gp.signal_variance_bounds,
            noise_bounds=gp.noise_bounds,
            theta0=self._theta,
            n_restarts=restarts,
            optimize=optimise,
            map_mixture=gp.map_mixture,
            theta0_map=self._theta_map,
            random_state=self.rng,
        )._fit(Z, y)
        if optimise:
            self._n_optimised = n
        self._theta = model.theta_
        self._theta_map = model.theta_map_
        return model

    # -- asking ------------------------------------------------------------------------
    def _n_seen(self) -> int:
        return len(self._told_keys) + len(self._pending)

    def _is_seen(self, key) -> bool:
        return key in self._told_keys or key in self._pending

    def _ask(self, n: int) -> list:
        out = []
        for _ in range(n):
            if self.exhausted:
                break
            if len(self.yi) + len(self._pending) < self.n_initial_points:
                row = self._next_design_point()
            elif self.base_estimator == "DUMMY" or not self._anything_to_learn():
                row = self._random_unseen()
            else:
                row = self._model_proposal(first=not out)
            if row is None:
                break
            point = self._encoder.to_points(row[None])[0]
            self._mark_pending(point, row)
            out.append(list(point))
        return out

    def _anything_to_learn(self) -> bool:
        """Whether the told values differ (with a finite one), so a model can rank points."""
        y = np.asarray(self.yi, dtype=float)
        finite = np.isfinite(y)
        if not finite.any():
            return False
        return not (finite.all() and np.all(y == y[0]))

    def _mark_pending(self, point, row) -> None:
        key = self._encoder.point_key(point)
        self._pending[key] = row
        if self._seen is not None:
            self._seen[self._encoder.flat_index(row[None])[0]] = True

    def _feasible(self, U: np.ndarray) -> np.ndarray:
        """Whether unit-cube rows satisfy ``space_constraint`` (all True without one)."""
        if self.space_constraint is None:
            return np.ones(len(U), dtype=bool)
        points = self._encoder.to_points(U)
        return np.array([bool(self.space_constraint(p)) for p in points], dtype=bool)

    def _next_design_point(self) -> np.ndarray | None:
        while self._design_pos < len(self._design):
            row = self._design[self._design_pos]
            self._design_pos += 1
            if not self._is_seen(self._encoder.keys(row[None])[0]) and self._feasible(row[None])[0]:
                return row
        return self._random_unseen()

    def _random_unseen(self) -> np.ndarray | None:
        """A prior sample not told or pending (uniform over the rest if rare).

        None only for a continuous space whose ranges hold so few floats that
        sampling keeps hitting told points, or whose constraint no sample met.
        """
        rounds, batch = (4, 32) if self.space_constraint is None else (16, 256)
        for _ in range(rounds):
            U = self._encoder.sample(batch, self.rng)
            U = U[self._feasible(U)]
            for row, key in zip(U, self._encoder.keys(U)):
                if not self._is_seen(key):
                    return row
        if self._seen is not None:
            free = np.flatnonzero(~self._seen)
            return self._encoder.grid[free[self.rng.randint(len(free))]]
        if not self._encoder.finite:
            return None
        # A large finite space that is nearly exhausted: walk it from a random start.
        size = self._encoder.size
        start = self.rng.randint(min(size, np.iinfo(np.int32).max))
        for i in range(size):
            point = self.space.point_at((start + i) % size)
            if not self._is_seen(self._encoder.point_key(point)):
                row = self._encoder.to_unit([point])[0]
                if self._feasible(row[None])[0]:
                    return row
        if self.space_constraint is not None:
            return None
        raise RuntimeError("no unseen point in a space that is not exhausted")  # pragma: no cover

    def _current_model(self):
        if not self.models or self._model_n_told != len(self.yi):
            self._fit()
        return self.models[-1]

    def _model_with_lies(self, model, y_told: np.ndarray):
        """The model conditioned on told and pending points (pending = best value)."""
        if not self._pending:
            return model
        U = np.vstack([np.asarray(self._told_U), np.asarray(list(self._pending.values()))])
        y = np.concatenate([y_told, np.full(len(self._pending), np.min(y_told))])
        Z = self._encoder.encode(U, valid=True)
        if isinstance(model, GaussianProcess):
            return model._with_data(Z, y)
        return clone(self._estimator, safe=False).fit(Z, y)

    def _candidates(self, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Unseen valid candidates and their features (``U``, ``Z``)."""
        enc = self._encoder
        if enc.enumerable:
            free = ~self._seen
            return enc.grid[free], enc.grid_features[free]
        finite = np.isfinite(np.asarray(self.yi, dtype=float))
        order = np.argsort(np.where(finite, y, np.inf), kind="stable")[:_N_BEST]
        best = np.asarray(self._told_U)[order[finite[order]]]
        # Counting pending points too makes a batch alternate within itself.
        local = (len(self.yi) + len(self._pending)) % _LOCAL_EVERY == 0
        U = candidate_points(
            enc,
            self.acq_optimizer_kwargs["n_points"],
            self.rng,
            best=best,
            local_fraction=_LOCAL_FRACTION if local else 0.0,
        )
        if enc.finite:
            keep = [not self._is_seen(k) for k in enc.keys(U)]
            U = U[np.asarray(keep, dtype=bool)]
        U = U[self._feasible(U)]
        return U, enc.encode(U, valid=True)

    def _model_proposal(self, first: bool) -> np.ndarray | None:
        """The acquisition maximiser among unseen valid points.

        ``first`` marks the first model-based proposal of an ``ask``, whose
        portfolio picks gp_hedge scores after the next fit.
        """
        model = self._current_model()
        y_told, _, y_scale = self._targets()
        finite = np.isfinite(np.asarray(self.yi, dtype=float))
        y_best = float(np.min(y_told[finite]))
        # The model works on standardised targets; xi is in the objective's units.
        xi = self.acq_func_kwargs["xi"] / y_scale
        kappa = self.acq_func_kwargs["kappa"]
        view = SurrogateView(self._model_with_lies(model, y_told))
        U, Z = self._candidates(y_told)
        if len(U) == 0:
            return self._random_unseen()
        mean, std = view.predict(Z)
        if self.acq_func == "MES":
            name = "MES"
            util = max_value_entropy(
                mean, std, self.rng, self.acq_func_kwargs["n_min_samples"]
            )
        elif self._hedge is None:
            name = self.acq_func
            util = utility(name, mean, std, y_best, xi, kappa)
        else:
            utilities = [utility(f, mean, std, y_best, xi, kappa) for f in PORTFOLIO]
            choice = self._hedge.choose(self.rng)
            name, util = PORTFOLIO[choice], utilities[choice]
        order = np.argsort(-util, kind="stable")
        refined = []
        if self._refine:
            refined = self._refined(view, U, Z, util, order, name, y_best, xi, kappa)
        chosen = self._first_unseen(chain(refined, (U[i] for i in order)))
        if chosen is None:
            chosen = self._random_unseen()
        if self._hedge is not None and first and chosen is not None:
            picks = [U[int(np.argmax(u))] for u in utilities]
            picks[choice] = chosen
            self._hedge_points = self._encoder.encode(np.asarray(picks), valid=True)
        return chosen

    def _refined(self, view, U, Z, util, order, name, y_best, xi, kappa) -> list:
        """The best candidates moved by L-BFGS-B along their Real coordinates, best first.

        Only the candidates that improved are returned (as unit-cube rows).
        """
        enc = self._encoder
        starts = order[: self.acq_optimizer_kwargs["n_restarts_optimizer"]]
        if len(starts) == 0:
            return []
        Zr, ur = refine(view, Z[starts], enc.real_features, name, y_best, xi, kappa)
        rows = []
        for i in np.argsort(-ur, kind="stable"):
            if ur[i] > util[starts[i]]:
                row = U[starts[i]].copy()
                row[enc.real_dims] = Zr[i, enc.real_features]
                rows.append(row)
        return rows

    def _first_unseen(self, rows) -> np.ndarray | None:
        """The first row (an iterable of valid unit-cube rows) not told or pending.

        Rows refined by L-BFGS-B may break the constraint; they are skipped.
        """
        for row in rows:
            if not self._is_seen(self._encoder.keys(row[None])[0]) and (
                self.space_constraint is None or self._feasible(row[None])[0]
            ):
                return row
        return None


