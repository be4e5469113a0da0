"""HalvingBayesSearchCV: Hyperband brackets of successive halving, with Bayesian proposals."""

from __future__ import annotations

import copy
import math
import numbers
import os
import time
import warnings
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from sklearn.base import is_classifier
from sklearn.metrics import get_scorer_names
from sklearn.model_selection import check_cv
from sklearn.utils import check_random_state, indexable
from sklearn.utils.multiclass import check_classification_targets

from . import _checkpoint
from ._base import as_subspaces
from ._sequential import (
    MADE_FOR,
    Run,
    SequentialSearchCV,
    check_optimizer_kwargs,
    reusable_cv,
    show_params,
)
from ._sklearn import (
    BaseSearchCV,
    Interval,
    StrOptions,
    subsample_splitter,
    yields_constant_splits,
)
from ._validation import is_int
from .optimizer import Optimizer, OptimizeResult
from .optimizer._fidelity import FidelityOptimizer, fidelity
from .space import Space

_NAME = "HalvingBayesSearchCV"
# Proposals tried for each candidate asked alone, before the rest come from a batch.
_MAX_TRIES = 3
_LABELS = {
    **MADE_FOR,
    "halving": "the halving settings (resource, min_resources, max_resources, factor,"
    " n_candidates, aggressive_elimination, optimizer_kwargs)",
}


# -- the schedule -----------------------------------------------------------------------------
@dataclass(frozen=True)
class HalvingSchedule:
    """Resources and candidate counts of the brackets, from scikit-learn's halving schedule.

    Bracket 0 is the successive-halving run of scikit-learn's
    ``HalvingRandomSearchCV`` for the same parameters. Bracket ``b`` starts at
    iteration ``b % n_iterations`` (Hyperband's brackets, then again) with
    ``ceil(n_candidates * T / ((T - s) * factor**s))`` new candidates for
    ``T = n_iterations`` and ``s`` its first iteration, so that every bracket
    spends about as much resource as bracket 0.

    Attributes
    ----------
    min_resources, max_resources : int or float
        scikit-learn's ``min_resources_`` (after ``"exhaust"``) and ``max_resources_``.
    factor : int or float
    n_candidates : int
        New candidates of bracket 0.
    n_required_iterations, n_possible_iterations : int
        As scikit-learn computes them.
    n_resources : tuple of int
        The resource of each iteration.
    """

    min_resources: float
    max_resources: int
    factor: float
    n_candidates: int
    n_required_iterations: int
    n_possible_iterations: int
    n_resources: tuple

    @property
    def n_iterations(self) -> int:
        return len(self.n_resources)

    def first_iteration(self, bracket: int) -> int:
        """The iteration bracket ``bracket`` starts at."""
        return bracket % self.n_iterations

    def n_new(self, bracket: int) -> int:
        """How many new candidates bracket ``bracket`` asks for."""
        s, t = self.first_iteration(bracket), self.n_iterations
        return max(1, math.ceil(self.n_candidates * t / ((t - s) * self.factor**s)))

    def kept(self, n: int) -> int:
        """How many of ``n`` candidates go on to the next iteration."""
        return math.ceil(n / self.factor)

    def counts(self, bracket: int, n_new: int | None = None) -> list[int]:
        """Candidates at each iteration of a bracket, from its first iteration on."""
        n = self.n_new(bracket) if n_new is None else n_new
        out = []
        for _ in range(self.first_iteration(bracket), self.n_iterations):
            out.append(n)
            n = self.kept(n)
        return out


def halving_schedule(
    n_candidates: int,
    min_resources,
    max_resources: int,
    factor,
    aggressive_elimination: bool = False,
    exhaust: bool = False,
) -> HalvingSchedule:
    """The successive-halving schedule scikit-learn's halving searches follow.

    Parameters
    ----------
    n_candidates : int
        Candidates of the first iteration (at least 1).
    min_resources, max_resources : int
        ``min_resources_`` before ``"exhaust"`` is applied, and ``max_resources_``.
    factor : int or float
        Greater than 1.
    aggressive_elimination : bool, default=False
    exhaust : bool, default=False
        Whether ``min_resources="exhaust"``: the smallest resource is raised so
        that the last iteration uses as much resource as it can.

    Returns
    -------
    schedule : HalvingSchedule
    """
    # The same expressions as scikit-learn's, floating-point logarithms included,
    # so that the iterations agree exactly.
    n_required = 1 + math.floor(math.log(n_candidates, factor))
    if exhaust:
        min_resources = max(min_resources, max_resources // factor ** (n_required - 1))
    n_possible = 1 + math.floor(math.log(max_resources // min_resources, factor))
    n_iterations = n_required if aggressive_elimination else min(n_possible, n_required)
    resources = []
    for itr in range(n_iterations):
        power = max(0, itr - n_required + n_possible) if aggressive_elimination else itr
        resources.append(min(int(factor**power * min_resources), max_resources))
    return HalvingSchedule(
        min_resources=min_resources,
        max_resources=max_resources,
        factor=factor,
        n_candidates=int(n_candidates),
        n_required_iterations=n_required,
        n_possible_iterations=n_possible,
        n_resources=tuple(resources),
    )


class _Run(Run):
    """What one ``fit`` of HalvingBayesSearchCV keeps while it runs."""

    def __init__(self, callbacks, resume_from, data):
        super().__init__(callbacks, resume_from, data)
        self.space: Space | None = None
        self.kwargs: dict = {}  # optimizer_kwargs
        self.enough = 0  # evaluations (at any resource) needed before the model proposes
        self.schedule: HalvingSchedule | None = None
        self.base_cv = None
        self.n_samples = 0
        self.seed = 0  # of the proposals
        self.subsample_seed = 0  # of the subsamples, for resource="n_samples"
        self.seen: set = set()  # keys of every candidate so far
        self.replay: deque = deque()  # checkpointed evaluations not yet read back
        self.batch_id = 0
        self.evaluated = False  # whether evaluate_candidates succeeded in this fit


class HalvingBayesSearchCV(SequentialSearchCV):
    """Successive halving in Hyperband brackets, with candidates proposed by Bayesian optimisation.

    Like scikit-learn's ``HalvingRandomSearchCV``, it evaluates many
    candidates with a small resource (a share of the samples, or a small value
    of an estimator parameter such as ``n_estimators`` or ``max_iter``), then
    the best ``1 / factor`` of them with ``factor`` times more, and so on.
    Unlike it, it runs several such brackets in turn, and asks each new
    bracket's candidates of a model of what the earlier brackets learned, as
    BOHB does: a fit that takes minutes is spent on a bad candidate only at the
    smallest resources, and most candidates are good ones.

    **Brackets.** Bracket 0 follows scikit-learn's halving schedule for the
    same ``n_candidates``, ``min_resources``, ``max_resources``, ``factor`` and
    ``aggressive_elimination``: ``n_resources_``, ``n_candidates_`` and
    ``n_iterations_`` are those of ``HalvingRandomSearchCV`` when
    ``n_brackets=1``. Bracket ``b`` starts at iteration ``s = b %
    n_iterations_`` (a larger resource) with ``ceil(n * T / ((T - s) *
    factor**s))`` new candidates, where ``n`` is bracket 0's and ``T =
    n_iterations_``, so that every bracket spends about as much resource
    (Hyperband's brackets). A candidate is evaluated only in the bracket that
    proposed it, so never twice at one iteration.

    **Proposals.** A bracket's new candidates are asked of an optimiser told
    every evaluation so far, at every resource, once there are *enough* of
    them: ``n_initial_points + 1``, where ``n_initial_points`` of
    ``optimizer_kwargs`` defaults here to ``n_dims + 1`` (BOHB's smallest
    model). Its surrogate (a Gaussian process unless ``optimizer_kwargs``
    names another) has the resource, log-scaled, as one more input, so it
    learns how far the small resources' scores predict the largest one's,
    and it proposes at the largest resource. Half of the new
    candidates (rounded up) then each maximise the acquisition function on
    their own (the optimiser asked once, each time with another seed), so
    they gather where the model expects the best scores; the others are one
    constant-liar batch, which spreads over the space (BOHB keeps a share of
    random candidates for the same reason). Until there are enough
    evaluations, the new candidates are the optimiser's initial design
    (random by default). A new optimiser is made for each bracket, seeded
    from ``random_state`` and the bracket's number, so that a bracket's
    candidates depend only on the evaluations before it: the results are the
    same whatever ``n_jobs`` and ``n_points``, and a search resumed from a
    checkpoint proposes what the uninterrupted one did.

    **Best candidate and refit.** ``best_params_`` is the best candidate of the
    last iteration reached (the largest resource), as in scikit-learn's
    halving searches. The refit is on all the data and, for an estimator
    parameter as resource, at ``max_resources_`` (``best_params_`` holds that
    value).

    Failed fits score ``error_score``, are learned as worse than any other
    candidate and are not promoted ahead of a candidate that scored.

    Parameters
    ----------
    estimator : estimator object
        The estimator to tune (any scikit-learn compatible estimator or Pipeline).
    search_spaces : dict
        Parameter names mapped to :class:`~skopt_lite.Real`,
        :class:`~skopt_lite.Integer`, :class:`~skopt_lite.Categorical`, lists of
        choices, or the shorthand tuples ``(low, high)`` and ``(low, high,
        prior)``, read as :class:`~skopt_lite.BayesSearchCV` reads them (a
        list of two numbers such as ``[1, 10]`` is two choices, and ``fit``
        warns about it as BayesSearchCV's does). It must not hold the resource.
    n_brackets : int or None, default=None
        Number of brackets to run; None runs ``n_iterations_`` brackets (one
        round of Hyperband). ``n_brackets=1`` is scikit-learn's successive
        halving with random candidates.
    n_candidates : int or "exhaust", default="exhaust"
        New candidates of the first bracket, as in ``HalvingRandomSearchCV``:
        ``"exhaust"`` means ``max_resources_ // min_resources_``. Capped at the
        number of points of a finite space.
    factor : int or float, default=3
        Greater than 1: each iteration keeps the best ``ceil(n / factor)`` of
        its ``n`` candidates and gives them ``factor`` times the resource.
    resource : str, default="n_samples"
        ``"n_samples"`` evaluates with subsamples of the training and test
        folds (the same subsample for every candidate of an iteration); any
        other value names an integer parameter of the estimator, set on each
        candidate (``cv_results_["params"]`` then hold it).
    max_resources : int or "auto", default="auto"
        The largest resource; ``"auto"`` is the number of samples (only for
        ``resource="n_samples"``). For an estimator parameter, the value the
        best candidate is refit with.
    min_resources : int, "smallest" or "exhaust", default="smallest"
        The resource of the first iteration, as in scikit-learn: "smallest" is
        ``2 * n_splits`` samples (times the number of classes for a
        classifier), or 1 for an estimator parameter; "exhaust" raises it so
        that the last iteration uses as much of ``max_resources`` as it can.
    aggressive_elimination : bool, default=False
        Repeat the first resource until few enough candidates are left to
        reach ``max_resources``, as in scikit-learn.
    optimizer_kwargs : dict or None, default=None
        Arguments of :class:`~skopt_lite.Optimizer`, as for
        :class:`~skopt_lite.BayesSearchCV`: ``base_estimator`` (``"GP"``,
        ``"RF"``, ``"ET"``, ``"GBRT"``, ``"DUMMY"`` or a regressor),
        ``n_initial_points``, ``initial_point_generator``, ``n_jobs``,
        ``acq_func``, ``acq_optimizer``, ``model_queue_size``,
        ``acq_func_kwargs``, ``acq_optimizer_kwargs`` (and scikit-optimize's
        ``n_random_starts``, ``space_constraint``, ``avoid_duplicates``).
        ``n_initial_points`` (default ``n_dims + 1`` here) is the number of
        evaluations a resource needs, plus one, before its model proposes.
    n_points : int or None, default=None
        Most candidates evaluated together (one call of scikit-learn's
        parallel evaluation, ``n_points * n_splits`` fits); None evaluates
        each iteration's candidates together. Callbacks, checkpoints and
        ``timeout`` act after each such batch. Does not change the results.
    timeout : float or None, default=None
        Seconds the search may take (the refit not counted). After each
        batch the search stops if the time left is shorter than that batch
        took, so it overruns ``timeout`` by at most one batch, as
        :class:`~skopt_lite.callbacks.DeadlineStopper` does (and as
        :class:`~skopt_lite.BayesSearchCV`'s ``timeout``). None (or ``inf``)
        for no limit. Not recorded in checkpoints. The best candidate then
        comes from the largest resource reached.
    scoring : str, callable or None, default=None
        One metric, as in scikit-learn's halving searches: a scorer name, a
        callable scorer, or None for the estimator's ``score``.
    n_jobs : int, default=None
        Number of jobs run in parallel; ``-1`` means all processors.
    refit : bool or callable, default=True
        Refit the best estimator on the whole data set (at ``max_resources_``).
        A callable picks ``best_index_`` from ``cv_results_``, as in scikit-learn.
    cv : int, cross-validation generator or iterable, default=None
        Splitting strategy, as in scikit-learn (5-fold by default). It must
        give the same splits on every call (a shuffling splitter needs an int
        ``random_state``).
    verbose : int, default=0
        Verbosity. 1 prints the schedule, where each bracket's candidates come
        from and one line per batch (evaluations so far, best score at the
        largest resource reached); 2 and more print one line per evaluated
        candidate instead of the batch's (its bracket, iteration and resource,
        parameters, mean test score and the best score at its resource so
        far). scikit-learn's own messages are printed as in its searches.
    pre_dispatch : int or str, default="2*n_jobs"
        Number of jobs dispatched during parallel execution.
    random_state : int, RandomState instance or None, default=None
        Seed of the proposals and of the subsamples.
    error_score : "raise" or float, default=np.nan
        Score given to a failed fit; ``"raise"`` raises the error instead.
    return_train_score : bool, default=False
        Whether ``cv_results_`` includes training scores.

    Attributes
    ----------
    cv_results_ : dict of numpy (masked) ndarrays
        One entry per candidate and iteration, as in scikit-learn's halving
        searches, with ``iter`` (the iteration), ``n_resources`` (its resource)
        and ``bracket`` columns.
    best_estimator_ : estimator
        The best candidate refit on the whole data at full resource (when
        ``refit`` is not False).
    best_score_ : float
        Mean cross-validated score of the best candidate (at its resource).
    best_params_ : dict
        Parameters of the best candidate; an estimator-parameter resource is
        set to ``max_resources_``.
    best_index_ : int
        Index of the best candidate in ``cv_results_`` (among the last iteration's).
    scorer_ : function
        The scorer used.
    n_splits_ : int
        Number of cross-validation splits.
    refit_time_ : float
        Seconds taken to refit the best estimator.
    multimetric_ : bool
        False: one metric.
    n_resources_ : list of int
        The resource of each iteration (every bracket uses the same).
    n_candidates_ : list of int
        Candidates evaluated at each iteration, over all brackets.
    n_iterations_, n_required_iterations_, n_possible_iterations_ : int
        As in scikit-learn: iterations of bracket 0, those needed to end with
        fewer than ``factor`` candidates, and those ``min_resources_`` and
        ``max_resources_`` allow.
    min_resources_, max_resources_ : int
        The smallest and the largest resource.
    n_remaining_candidates_ : int
        Candidates left after the last iteration, over all completed brackets.
    n_brackets_ : int
        Brackets started.

    See Also
    --------
    skopt_lite.BayesSearchCV : Bayesian optimisation at full resource.
    sklearn.model_selection.HalvingRandomSearchCV : random candidates, one bracket.

    Notes
    -----
    The compute of a search is the sum over fits of the resource each used:
    ``sum(cv_results_["n_resources"]) * n_splits_``.
    ``skopt_lite.plots.plot_convergence(search, x="compute")`` draws it.

    References
    ----------
    Li et al., "Hyperband: A Novel Bandit-Based Approach to Hyperparameter
    Optimization", JMLR 18, 2018. Falkner, Klein and Hutter, "BOHB: Robust and
    Efficient Hyperparameter Optimization at Scale", ICML 2018.

    Examples
    --------
    >>> from sklearn.datasets import make_classification
    >>> from sklearn.ensemble import RandomForestClassifier
    >>> from skopt_lite import HalvingBayesSearchCV, Integer
    >>> X, y = make_classification(n_samples=200, random_state=0)
    >>> search = HalvingBayesSearchCV(
    ...     RandomForestClassifier(random_state=0),
    ...     {"max_depth": Integer(1, 8), "min_samples_leaf": Integer(1, 20)},
    ...     resource="n_estimators",
    ...     min_resources=3,
    ...     max_resources=27,
    ...     cv=3,
    ...     random_state=0,
    ... ).fit(X, y)
    >>> search.n_resources_, search.n_candidates_
    ([3, 9, 27], [9, 8, 6])
    >>> search.best_params_["n_estimators"]
    27
    """

    _progress_name = _NAME
    _parameter_constraints: dict = {
        **BaseSearchCV._parameter_constraints,
        # one metric: the promotions need one score
        "scoring": [StrOptions(set(get_scorer_names())), callable, None],
        "search_spaces": [dict],
        "n_brackets": [Interval(numbers.Integral, 1, None, closed="left"), None],
        "n_candidates": [
            Interval(numbers.Integral, 1, None, closed="left"),
            StrOptions({"exhaust"}),
        ],
        "factor": [Interval(numbers.Real, 1, None, closed="neither")],
        "resource": [str],
        "max_resources": [
            Interval(numbers.Integral, 1, None, closed="left"),
            StrOptions({"auto"}),
        ],
        "min_resources": [
            Interval(numbers.Integral, 1, None, closed="left"),
            StrOptions({"exhaust", "smallest"}),
        ],
        "aggressive_elimination": ["boolean"],
        "optimizer_kwargs": [dict, None],
        "n_points": [Interval(numbers.Integral, 1, None, closed="left"), None],
        "timeout": [Interval(numbers.Real, 0, None, closed="right"), None],
        "random_state": ["random_state"],
    }

    def __init__(
        self,
        estimator,
        search_spaces,
        *,
        n_brackets=None,
        n_candidates="exhaust",
        factor=3,
        resource="n_samples",
        max_resources="auto",
        min_resources="smallest",
        aggressive_elimination=False,
        optimizer_kwargs=None,
        n_points=None,
        timeout=None,
        scoring=None,
        n_jobs=None,
        refit=True,
        cv=None,
        verbose=0,
        pre_dispatch="2*n_jobs",
        random_state=None,
        error_score=np.nan,
        return_train_score=False,
    ):
        super().__init__(
            estimator=estimator,
            scoring=scoring,
            n_jobs=n_jobs,
            refit=refit,
            cv=cv,
            verbose=verbose,
            pre_dispatch=pre_dispatch,
            error_score=error_score,
            return_train_score=return_train_score,
        )
        self.search_spaces = search_spaces
        self.n_brackets = n_brackets
        self.n_candidates = n_candidates
        self.factor = factor
        self.resource = resource
        self.max_resources = max_resources
        self.min_resources = min_resources
        self.aggressive_elimination = aggressive_elimination
        self.optimizer_kwargs = optimizer_kwargs
        self.n_points = n_points
        self.timeout = timeout
        self.random_state = random_state

    # -- fitting ------------------------------------------------------------------
    def fit(
        self, X, y=None, *, callback=None, resume_from=None, **params
    ) -> HalvingBayesSearchCV:
        """Run the brackets, then refit the best candidate at full resource.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training data.
        y : array-like of shape (n_samples,) or (n_samples, n_outputs), default=None
            Targets; None for unsupervised learning.
        callback : callable, list of callables or None, default=None
            Called after every batch with an
            :class:`~skopt_lite.OptimizeResult` of the evaluations at the
            largest resource reached so far (``x_iters``, ``func_vals`` as
            ``-score``, ``x``, ``fun``, ``space``; and ``n_resources``,
            ``elapsed_time``, ``batch_times``, ``checkpoint``); returning True
            ends the search. See :mod:`skopt_lite.callbacks`.
        resume_from : str, path-like or None, default=None
            A checkpoint written by :class:`~skopt_lite.callbacks.CheckpointSaver`
            for this search. Its evaluations are read back, not re-run, and
            the search goes on exactly as if it had never stopped. A
            checkpoint made for another search (space, data, splits, scoring,
            halving settings, ...) is refused with a ValueError naming what
            differs; a missing file starts a new search.
        **params : dict
            Passed to the estimator's ``fit``, the scorer and the splitter, as
            in scikit-learn (e.g. ``groups``, ``sample_weight``).

        Returns
        -------
        self : HalvingBayesSearchCV
        """
        return self._fit_run(_Run, X, y, callback, resume_from, params)

    def _range_list_entries(self) -> list[tuple]:
        if not isinstance(self.search_spaces, Mapping):
            return []  # fit refuses it
        return [("search_spaces", self.search_spaces)]

    @property
    def best_params_(self) -> dict:
        """Parameters of the best candidate, an estimator-parameter resource at its maximum.

        scikit-learn's ``fit`` sets this attribute to the best candidate's
        parameters and refits with what it reads back: setting it here puts
        the resource at ``max_resources_``, so that the refit is at full
        resource.
        """
        try:
            return self._best_params
        except AttributeError:
            raise AttributeError(
                f"'{type(self).__name__}' object has no attribute 'best_params_'"
            ) from None

    @best_params_.setter
    def best_params_(self, params: dict) -> None:
        full = getattr(self, "max_resources_", None)
        if self.resource != "n_samples" and self.resource in params and full is not None:
            params = {**params, self.resource: full}
        self._best_params = params

    @staticmethod
    def _select_best_index(refit, refit_metric, results):
        """The best candidate of the last iteration, as scikit-learn's halving searches pick it.

        A callable ``refit`` picks, as in ``BaseSearchCV``.
        """
        if callable(refit):
            return BaseSearchCV._select_best_index(refit, refit_metric, results)
        iteration = np.asarray(results["iter"])
        last = np.flatnonzero(iteration == iteration.max())
        scores = np.asarray(results[f"mean_test_{refit_metric}"], dtype=float)[last]
        if np.isnan(scores).all():
            return int(last[0])
        return int(last[np.nanargmax(scores)])

    # -- the schedule -------------------------------------------------------------
    def _n_brackets(self, schedule: HalvingSchedule) -> int:
        return schedule.n_iterations if self.n_brackets is None else int(self.n_brackets)

    def _check_settings(self, space: Space) -> None:
        """Refuse a resource or settings that cannot be searched, before any fit."""
        resource = self.resource
        if resource != "n_samples":
            if resource not in self.estimator.get_params():
                raise ValueError(
                    f"resource={resource!r} is neither 'n_samples' nor a parameter of"
                    f" {type(self.estimator).__name__}; name one of its integer"
                    " parameters (such as n_estimators or max_iter), or use 'n_samples'."
                )
            if resource in space.names:
                raise ValueError(
                    f"resource={resource!r} is also in search_spaces; the search sets"
                    " the resource itself, so remove it from search_spaces."
                )
            if self.max_resources == "auto":
                raise ValueError(
                    "max_resources='auto' is the number of samples, for"
                    f" resource='n_samples' only; with resource={resource!r} give"
                    " max_resources as an int: the full value, which the best"
                    " candidate is refit with."
                )
        if not reusable_cv(self.cv):
            raise ValueError(
                f"cv={self.cv!r} is an iterator, which gives its splits only once, and"
                " successive halving splits the data at every iteration. Pass a list"
                " of the splits (cv=list(...)) or a splitter."
            )
        if self.min_resources == "exhaust" and self.n_candidates == "exhaust":
            raise ValueError(
                "n_candidates and min_resources cannot both be 'exhaust': each is"
                " computed from the other. Give one of them as an int."
            )

    def _schedule(self, space: Space, X, y, params) -> HalvingSchedule:
        """The schedule for this data, with scikit-learn's ``min_resources_``/``max_resources_``."""
        run = self._run
        X, y = indexable(X, y)
        n_samples = X.shape[0] if hasattr(X, "shape") else len(X)
        run.n_samples = n_samples
        base_cv = check_cv(self.cv, y, classifier=is_classifier(self.estimator))
        if not yields_constant_splits(base_cv):
            raise ValueError(
                f"cv={self.cv!r} gives other splits on every call, and successive"
                " halving compares candidates on the same splits. Set its"
                " random_state to an int, or set shuffle=False."
            )
        run.base_cv = base_cv
        if self.min_resources in ("smallest", "exhaust"):
            if self.resource == "n_samples":
                groups = params.get("groups")
                min_resources = base_cv.get_n_splits(X, y, groups) * 2
                if is_classifier(self.estimator):
                    check_classification_targets(y)
                    min_resources *= np.unique(np.asarray(y)).shape[0]
            else:
                min_resources = 1
        else:
            min_resources = int(self.min_resources)
        if self.max_resources == "auto":
            max_resources = n_samples
        else:
            max_resources = int(self.max_resources)
            if self.resource == "n_samples" and max_resources > n_samples:
                raise ValueError(
                    f"max_resources={max_resources} is more than the {n_samples} samples"
                    " of X; give at most the number of samples, or 'auto'."
                )
        if n_samples == 0:
            raise ValueError("X is empty (n_samples=0); successive halving needs samples.")
        if min_resources > max_resources:
            raise ValueError(
                f"min_resources_={min_resources} is greater than"
                f" max_resources_={max_resources} (X has n_samples={n_samples}); lower"
                " min_resources or raise max_resources."
            )
        if self.n_candidates == "exhaust":
            n_candidates = max_resources // min_resources
        else:
            n_candidates = int(self.n_candidates)
        if space.is_finite and space.size < n_candidates:
            warnings.warn(
                f"search_spaces has only {space.size} points, fewer than the"
                f" {n_candidates} candidates of the first bracket; it starts with"
                f" {space.size}.",
                UserWarning,
                stacklevel=4,
            )
            n_candidates = int(space.size)
        return halving_schedule(
            n_candidates,
            min_resources,
            max_resources,
            self.factor,
            aggressive_elimination=bool(self.aggressive_elimination),
            exhaust=self.min_resources == "exhaust",
        )

    def _params(self, point: list, n_resources: int) -> dict:
        """The candidate as scikit-learn evaluates it: with the resource when it is a parameter."""
        params = self._run.space.to_dict(point)
        if self.resource != "n_samples":
            params[self.resource] = int(n_resources)
        return params

    def _splitter(self, n_resources: int):
        """The splitter of an iteration: subsampled folds for ``resource="n_samples"``."""
        run = self._run
        if self.resource != "n_samples":
            return None
        return subsample_splitter(run.base_cv, n_resources / run.n_samples, run.subsample_seed)

    def _searched_names(self) -> set:
        names = set(self._run.space.names)
        if self.resource != "n_samples":
            names.add(self.resource)
        return names

    def _log_columns(self) -> dict:
        entries = self._run.log.entries
        return {
            "iter": [e["iter"] for e in entries],
            "n_resources": [e["n_resources"] for e in entries],
            "bracket": [e["bracket"] for e in entries],
        }

    # -- proposals ----------------------------------------------------------------------
    def _key(self, point: list) -> tuple:
        return tuple(_checkpoint.encode_point(self._run.space, point))

    def _propose(self, bracket: int, n: int) -> list:
        """``n`` new candidates (fewer when the space runs out), never seen before.

        Until ``run.enough`` evaluations exist, the optimiser's initial design.
        Then a :class:`FidelityOptimizer` told every evaluation, at every
        resource, proposes them at the largest resource: half of them (rounded
        up) each maximise the acquisition function on their own, the optimiser
        asked once with another seed, so they gather where the model expects
        the best scores; the others are one constant-liar batch, which spreads
        over the space.
        """
        run = self._run
        rng = np.random.RandomState([run.seed, bracket])
        entries = run.log.entries
        modelled = len(entries) >= run.enough
        points: list = []

        def keep(asked: list) -> None:
            for point in asked:
                key = self._key(point)
                if key not in run.seen and len(points) < n:
                    run.seen.add(key)
                    points.append(point)

        if not modelled:
            kwargs = {**run.kwargs, "n_initial_points": n}  # the whole bracket from the design
            opt = Optimizer(run.space, random_state=rng, **kwargs)
            while len(points) < n:
                asked = opt.ask(n_points=n - len(points))
                if not asked:
                    break
                keep(asked)
        else:
            points = self._model_proposals(n, rng, keep, points)
        if self.verbose > 0:
            source = "model" if modelled else "initial design"
            print(f"[{_NAME}] bracket {bracket}: {len(points)} new candidates ({source})")
        return points

    def _model_proposals(self, n: int, rng, keep, points: list) -> list:
        """Fill ``points`` (through ``keep``) from a model of every evaluation so far."""
        run = self._run
        schedule = run.schedule
        lo, hi = schedule.n_resources[0], schedule.n_resources[-1]
        opt = FidelityOptimizer(
            run.space, lambda p: self._key(p) in run.seen, random_state=rng, **run.kwargs
        )
        opt.tell(
            [[*e["point"], fidelity(e["n_resources"], lo, hi)] for e in run.log.entries],
            [-self._objective(e["out"]) for e in run.log.entries],
        )
        # At most as many candidates as the space has left (a finite space runs out).
        n = min(n, run.space.size - len(run.seen)) if run.space.is_finite else n
        seed = rng.randint(np.iinfo(np.int32).max)
        for j in range(_MAX_TRIES * n):
            if len(points) >= math.ceil(n / 2):
                break
            alone = copy.deepcopy(opt)
            alone.rng = np.random.RandomState([seed, j])
            keep([p[:-1] for p in alone.ask(n_points=1)])
        for _ in range(_MAX_TRIES * n):  # a point evaluated before stays pending
            if len(points) >= n:
                break
            keep([p[:-1] for p in opt.ask(n_points=n - len(points))])
        return points

    def _new_candidates(self, bracket: int) -> list:
        """The bracket's new candidates: read back from the checkpoint, or proposed."""
        run = self._run
        n = run.schedule.n_new(bracket)
        first = run.schedule.first_iteration(bracket)
        saved = []
        for e in run.replay:
            if len(saved) == n or (e["bracket"], e["iter"]) != (bracket, first):
                break
            saved.append(e["point"])
        if len(saved) == n:
            run.seen.update(self._key(p) for p in saved)
            return saved
        return self._propose(bracket, n)

    def _promoted(self, bracket: int, iteration: int) -> list:
        """The best ``ceil(n / factor)`` candidates of an iteration, best first (nan last)."""
        run = self._run
        mine = [e for e in run.log.entries if (e["bracket"], e["iter"]) == (bracket, iteration)]
        scores = np.array([self._objective(e["out"]) for e in mine])
        order = np.argsort(-np.where(np.isnan(scores), -np.inf, scores), kind="stable")
        return [mine[i]["point"] for i in order[: run.schedule.kept(len(mine))]]

    # -- evaluation --------------------------------------------------------------------
    def _evaluate_or_replay(self, evaluate_candidates, batch: list[dict], ctx) -> bool:
        """Read the batch's evaluations back from the checkpoint, evaluate the rest.

        Returns whether anything was evaluated.
        """
        run = self._run
        n = 0
        while n < len(batch) and run.replay:
            saved, entry = run.replay[0], batch[n]
            if (saved["bracket"], saved["iter"], self._key(saved["point"])) != (
                entry["bracket"],
                entry["iter"],
                self._key(entry["point"]),
            ):
                raise ValueError(
                    f"resume_from={os.fspath(run.resume_from)!r} holds evaluations this"
                    f" search does not propose (bracket {entry['bracket']}, iteration"
                    f" {entry['iter']}): it was written by another version of skopt_lite"
                    " or for another search. Delete it to start a new search."
                )
            run.replay.popleft()
            run.log.add({**entry, "batch": saved["batch"]}, saved["out"])
            n += 1
        rest = batch[n:]
        if not rest:
            return False
        rest = [{**e, "batch": run.batch_id} for e in rest]
        run.batch_id += 1
        cv = self._splitter(rest[0]["n_resources"])
        run.evaluated = self._evaluate_batch(evaluate_candidates, rest, ctx, cv=cv) or run.evaluated
        return True

    def _evaluate_last_batch_again(self, evaluate_candidates, ctx) -> None:
        """Evaluate the last batch again, when everything was read back from a checkpoint.

        scikit-learn needs at least one evaluation in every ``fit``.
        """
        log = self._run.log
        last = log.entries[-1]["batch"]
        again = [e for e in log.entries if e["batch"] == last]
        del log.entries[-len(again) :]
        batch = [{k: v for k, v in e.items() if k != "out"} for e in again]
        cv = self._splitter(batch[0]["n_resources"])
        self._run.evaluated = self._evaluate_batch(evaluate_candidates, batch, ctx, cv=cv)

    # -- the search loop --------------------------------------------------------------
    def _run_search(self, evaluate_candidates, callback_ctx=None):
        run = self._run
        self._start_deadline()
        X, y, params = run.data
        space = as_subspaces(self.search_spaces, "search_spaces", tuple_is_range=True)[0]
        run.space = space
        if space.n_dims == 0:
            raise ValueError(
                f"search_spaces is an empty dict; {_NAME} needs at least one parameter to search."
            )
        run.kwargs = {
            "n_initial_points": space.n_dims + 1,
            **check_optimizer_kwargs(self.optimizer_kwargs, _NAME),
        }
        probe = Optimizer(space, random_state=0, **run.kwargs)  # checks the values
        if "n_random_starts" in run.kwargs:
            # scikit-optimize's name, deprecated: warned about once, by the probe,
            # and read as the n_initial_points it overrides
            del run.kwargs["n_random_starts"]
            run.kwargs["n_initial_points"] = probe.n_initial_points
        run.enough = probe.n_initial_points + 1
        self._check_settings(space)
        run.schedule = schedule = self._schedule(space, X, y, params)
        self._set_schedule_attributes(schedule)
        n_brackets = self._n_brackets(schedule)
        saved = self._read_checkpoint(schedule, n_brackets)
        if saved is not None:
            run.seed, run.subsample_seed = saved["seeds"]
            run.replay = deque(saved["evaluations"])
            run.batch_id = 1 + max((e["batch"] for e in saved["evaluations"]), default=-1)
        else:
            run.seed = int(check_random_state(self.random_state).randint(np.iinfo(np.int32).max))
            # An int random_state subsamples as scikit-learn's halving searches do.
            run.subsample_seed = self.random_state if is_int(self.random_state) else run.seed
        if self.verbose > 0:
            self._print_schedule(n_brackets, len(run.replay))

        n_remaining, n_started = 0, 0
        clock = {"start": time.monotonic(), "batch_times": []}
        planned = self._planned_batches(schedule, n_brackets)
        with self._search_context(callback_ctx, max_subtasks=planned, sequential=True) as ctx:
            for bracket in range(n_brackets):
                candidates = self._new_candidates(bracket)
                if not candidates:
                    warnings.warn(
                        f"search_spaces has no candidate left that was not evaluated;"
                        f" the search stops after {bracket} of its {n_brackets} brackets.",
                        UserWarning,
                        stacklevel=3,
                    )
                    break
                n_started += 1
                left = self._run_bracket(evaluate_candidates, ctx, bracket, candidates, clock)
                if left is None:  # stopped
                    break
                n_remaining += left
            if not run.evaluated and run.last_failure is None and run.log.entries:
                self._evaluate_last_batch_again(evaluate_candidates, ctx)
        self._warn_failures()
        if not run.evaluated:
            if run.last_failure is not None:
                raise run.last_failure
            raise ValueError(  # pragma: no cover - a continuous space out of floats
                f"{_NAME} found no candidate to evaluate."
            )
        counts = np.bincount([e["iter"] for e in run.log.entries], minlength=schedule.n_iterations)
        self.n_candidates_ = [int(c) for c in counts]
        self.n_remaining_candidates_ = n_remaining
        self.n_brackets_ = n_started
        self._format_log()

    def _run_bracket(self, evaluate_candidates, ctx, bracket, candidates, clock) -> int | None:
        """Successive halving of ``candidates``; the number left at the end, None if stopped."""
        schedule = self._run.schedule
        for it in range(schedule.first_iteration(bracket), schedule.n_iterations):
            r = schedule.n_resources[it]
            entries = [
                {
                    "bracket": bracket,
                    "iter": it,
                    "n_resources": r,
                    "point": p,
                    "params": self._params(p, r),
                }
                for p in candidates
            ]
            size = self.n_points or len(entries)
            for i in range(0, len(entries), size):
                t0 = time.monotonic()
                batch = entries[i : i + size]
                if self._evaluate_or_replay(evaluate_candidates, batch, ctx):
                    clock["batch_times"].append(time.monotonic() - t0)
                    if self._after_batch(clock, bracket, it, len(batch)):
                        return None
            candidates = self._promoted(bracket, it)
        return len(candidates)

    def _set_schedule_attributes(self, schedule: HalvingSchedule) -> None:
        self.min_resources_ = schedule.min_resources
        self.max_resources_ = schedule.max_resources
        self.n_resources_ = list(schedule.n_resources)
        self.n_iterations_ = schedule.n_iterations
        self.n_required_iterations_ = schedule.n_required_iterations
        self.n_possible_iterations_ = schedule.n_possible_iterations

    def _planned_batches(self, schedule: HalvingSchedule, n_brackets: int) -> int:
        size = self.n_points
        return sum(
            1 if size is None else -(-n // size)
            for b in range(n_brackets)
            for n in schedule.counts(b)
        )

    def _print_schedule(self, n_brackets: int, n_saved: int) -> None:
        s = self._run.schedule
        print(
            f"[{_NAME}] {n_brackets} brackets; n_resources_={list(s.n_resources)}"
            f" ({self.resource}), n_iterations_={s.n_iterations},"
            f" n_required_iterations_={s.n_required_iterations},"
            f" n_possible_iterations_={s.n_possible_iterations},"
            f" min_resources_={s.min_resources}, max_resources_={s.max_resources},"
            f" factor={self.factor}, aggressive_elimination={self.aggressive_elimination}"
        )
        for b in range(n_brackets):
            print(f"[{_NAME}] bracket {b}: candidates per iteration {s.counts(b)}")
        if n_saved:
            print(f"[{_NAME}] resuming {n_saved} evaluations from {self._run.resume_from}")

    def _top_result(self) -> OptimizeResult:
        """The evaluations at the largest resource reached, as an OptimizeResult of ``-score``."""
        run = self._run
        top = max(e["n_resources"] for e in run.log.entries)
        entries = [e for e in run.log.entries if e["n_resources"] == top]
        func_vals = np.array([-self._objective(e["out"]) for e in entries])
        finite = np.isfinite(func_vals)
        x, fun = None, float("nan")
        if finite.any():
            best = int(np.flatnonzero(finite)[np.argmin(func_vals[finite])])
            x, fun = list(entries[best]["point"]), float(func_vals[best])
        result = OptimizeResult(
            x=x,
            fun=fun,
            func_vals=func_vals,
            x_iters=[list(e["point"]) for e in entries],
            space=run.space,
            models=[],
            random_state=None,
        )
        result["n_resources"] = top
        return result

    def _after_batch(self, clock: dict, bracket: int, iteration: int, n_new: int) -> bool:
        """Report progress, run the callbacks and check the timeout; True means stop."""
        run = self._run
        batch_times = clock["batch_times"]
        elapsed = time.monotonic() - clock["start"]
        result = self._top_result()
        if self.verbose > 1:
            self._print_candidates(n_new)
        elif self.verbose > 0:
            best = f"{-result.fun:.6g}" if np.isfinite(result.fun) else "nan"
            print(
                f"[{_NAME}] batch {len(batch_times)} (bracket {bracket}, iteration"
                f" {iteration}): {len(run.log.entries)} evaluations; best score at"
                f" {self.resource}={result['n_resources']}: {best}"
            )
        if not run.callbacks and run.deadline is None:
            return False
        result["elapsed_time"] = elapsed
        result["batch_times"] = list(batch_times)
        result["checkpoint"] = self._checkpoint_state
        stop = False
        for cb in run.callbacks:
            stop = bool(cb(result)) or stop
        return self._past_deadline(result) or stop

    def _print_candidates(self, n_new: int) -> None:
        """One line per candidate of the last batch: its iteration, parameters and score."""
        run = self._run
        entries = run.log.entries
        best: dict = {}  # resource -> best score so far
        for i, entry in enumerate(entries):
            r = entry["n_resources"]
            score = self._objective(entry["out"])
            if np.isfinite(score) and not score <= best.get(r, np.nan):
                best[r] = score
            if i >= len(entries) - n_new:
                print(
                    f"[{_NAME}] {i + 1}: bracket {entry['bracket']}, iteration"
                    f" {entry['iter']} ({self.resource}={r}),"
                    f" {show_params(run.space.to_dict(entry['point']))} -> score"
                    f" {score:.6g} (best at {self.resource}={r}: {best.get(r, np.nan):.6g})"
                )

    # -- checkpoints ---------------------------------------------------------------------
    def _made_for(self) -> dict:
        made = super()._made_for()
        if "halving" not in made:
            s = self._run.schedule
            made["halving"] = _checkpoint.jsonable(
                {
                    "resource": self.resource,
                    "min_resources_": _checkpoint.describe_value(s.min_resources),
                    "max_resources_": s.max_resources,
                    "factor": _checkpoint.describe_value(self.factor),
                    "n_candidates": s.n_candidates,
                    "aggressive_elimination": bool(self.aggressive_elimination),
                    "optimizer_kwargs": {
                        str(k): _checkpoint.describe_value(v)
                        for k, v in sorted(self._run.kwargs.items(), key=str)
                    },
                }
            )
        return made

    def _checkpoint_state(self) -> dict:
        """The search state as JSON data (see :mod:`skopt_lite._checkpoint`)."""
        run = self._run
        return {
            "format": _checkpoint.HALVING_FORMAT,
            "version": _checkpoint.HALVING_VERSION,
            "space": _checkpoint.jsonable(_checkpoint.describe_space(run.space)),
            "made_for": self._made_for(),
            "seeds": [run.seed, int(run.subsample_seed)],
            "evaluations": [
                {
                    "bracket": e["bracket"],
                    "iter": e["iter"],
                    "n_resources": e["n_resources"],
                    "batch": e["batch"],
                    "point": _checkpoint.encode_point(run.space, e["point"]),
                    "out": _checkpoint.jsonable(e["out"]),
                }
                for e in run.log.entries
            ],
        }

    def _read_checkpoint(self, schedule: HalvingSchedule, n_brackets: int) -> dict | None:
        """The checked contents of ``resume_from``, or None to start a new search.

        Raises
        ------
        ValueError
            If the checkpoint is unreadable, was made for another search, or
            holds more brackets than ``n_brackets``.
        """
        run = self._run
        path = run.resume_from
        if path is None or not os.path.exists(path):
            return None
        where = f"resume_from={os.fspath(path)!r}"
        state = _checkpoint.read(
            path, format=_checkpoint.HALVING_FORMAT, version=_checkpoint.HALVING_VERSION
        )
        if state.get("space") != _checkpoint.jsonable(_checkpoint.describe_space(run.space)):
            raise ValueError(
                f"{where} was written for another search space; resume with the same"
                " search_spaces, or delete the file to start a new search."
            )
        self._check_made_for(state, where, _LABELS)
        try:
            if not isinstance(state["evaluations"], list):
                raise TypeError("evaluations must be a list")
            evaluations = [self._decode(e, schedule) for e in state["evaluations"]]
            seeds = state["seeds"]
            if not (isinstance(seeds, list) and len(seeds) == 2 and all(map(is_int, seeds))):
                raise TypeError(f"seeds {seeds!r} are not two ints")
        except (KeyError, IndexError, TypeError, ValueError, AttributeError) as exc:
            raise ValueError(f"{where} is not a valid checkpoint ({exc!r}).") from exc
        beyond = [e["bracket"] for e in evaluations if e["bracket"] >= n_brackets]
        if beyond:
            raise ValueError(
                f"{where} already holds evaluations of {max(beyond) + 1} brackets, more"
                f" than n_brackets={n_brackets} allows. Resume with n_brackets >="
                f" {max(beyond) + 1} to go on from it, or delete the file to start a new"
                " search."
            )
        return {"evaluations": evaluations, "seeds": [int(s) for s in seeds]}

    def _decode(self, entry, schedule: HalvingSchedule) -> dict:
        """One stored evaluation, checked against the schedule and the space."""
        if not isinstance(entry, dict):
            raise ValueError(f"a stored evaluation {entry!r} is not a JSON object")
        fields = {k: entry[k] for k in ("bracket", "iter", "n_resources", "batch")}
        if not all(is_int(v) and v >= 0 for v in fields.values()):
            raise ValueError(f"a stored evaluation has invalid numbers {fields!r}")
        it = fields["iter"]
        if it >= schedule.n_iterations or schedule.n_resources[it] != fields["n_resources"]:
            raise ValueError(f"a stored evaluation {fields!r} is not in the schedule")
        point = _checkpoint.decode_point(self._run.space, entry["point"])
        return {
            **fields,
            "point": point,
            "params": self._params(point, fields["n_resources"]),
            "out": _checkpoint.decode_out(entry["out"]),
        }
