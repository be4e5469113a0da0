"""One function per method: run it on one problem, one seed and budget, one evaluation at a time.

Every adapter takes ``(problem, seed, budget)`` and returns a dict with
``losses`` (the objective values in evaluation order, nan for failures),
``params`` (the points evaluated, search coordinates), ``wall`` (seconds for
the whole run) and ``fit_time`` (seconds spent fitting and scoring models).

The objective is always the problem's: ``-mean_test_score`` of its estimator,
splitter and scoring. The searches (skopt_lite's, scikit-learn's and
scikit-optimize's ``BayesSearchCV``) compute it themselves through
scikit-learn's ``evaluate_candidates``; the other peers call
:meth:`problems.Problem.loss` (``cross_val_score`` on the same splitter).
Seed k drives only the optimiser.

Spaces: each peer gets the neutral space in search coordinates (logit reals as
linear reals of their logit, see ``problems``): log-scaled reals and integers
as each library's log scale, categories as categories. A conditional problem
(a list of subspaces) goes to the searches as that list (the budget split
evenly over the subspaces, as their ``(dict, n_iter)`` entries require) and to
scikit-learn's ``RandomizedSearchCV`` as a list of distributions; the other
peers get the union their natural way: a top-level categorical ``subspace``
choosing the branch, whose parameters are conditional on it (Optuna's
define-by-run, ConfigSpace conditions in SMAC, ``hp.choice`` in hyperopt) or,
for HEBO, which has no conditions, present but ignored outside their branch.
Categories with a single choice (the branch label) are constants, not searched.
"""

from __future__ import annotations

import math
import random
import tempfile
import time
import warnings

import numpy as np

# -- shared pieces --------------------------------------------------------------------------


class Evaluator:
    """The objective for the peers that call it one point at a time; records every call."""

    def __init__(self, problem):
        self.problem = problem
        self.X, self.y = problem.data()
        self.losses: list[float] = []
        self.params: list[dict] = []
        self.fit_time = 0.0

    def __call__(self, params: dict) -> float:
        t0 = time.perf_counter()
        loss = self.problem.loss(params, self.X, self.y)
        self.fit_time += time.perf_counter() - t0
        self.losses.append(loss)
        self.params.append(params)
        return loss

    def skip(self, n: int) -> None:
        """Record ``n`` evaluations the peer did not make (nan: no better point found)."""
        self.losses.extend([float("nan")] * n)
        self.params.extend([None] * n)

    def result(self, wall: float) -> dict:
        return {
            "losses": self.losses,
            "params": self.params,
            "wall": wall,
            "fit_time": self.fit_time,
        }


def subspaces(problem) -> list[dict]:
    space = problem.search_space()
    return space if isinstance(space, list) else [space]


def constants(sub: dict) -> dict:
    """The single-choice categories of a subspace (branch labels): fixed values."""
    return {n: s[1][0] for n, s in sub.items() if s[0] == "cat" and len(s[1]) == 1}


def searched(sub: dict) -> dict:
    return {n: s for n, s in sub.items() if not (s[0] == "cat" and len(s[1]) == 1)}


def native(spec, value):
    """``value`` as the plain Python type the neutral ``spec`` stands for."""
    if spec[0] == "int":
        return int(round(float(value)))
    if spec[0] == "real":
        return float(value)
    return value


def split_budget(budget: int, k: int) -> list[int]:
    """``budget`` evaluations over ``k`` subspaces, as evenly as possible (first ones first)."""
    return [budget // k + (i < budget % k) for i in range(k)]


def timed(run):
    """Call ``run()`` with warnings silenced; return its value and the wall time."""
    t0 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = run()
    return out, time.perf_counter() - t0


# -- scikit-learn style searches ------------------------------------------------------------
def _search_result(search, wall: float) -> dict:
    cv = search.cv_results_
    n_splits = search.n_splits_
    fit = np.nansum(cv["mean_fit_time"]) + np.nansum(cv["mean_score_time"])
    return {
        "losses": [-float(s) for s in cv["mean_test_score"]],
        "params": [dict(p) for p in cv["params"]],
        "wall": wall,
        "fit_time": float(fit * n_splits),
    }


def _fit_search(search, problem) -> dict:
    X, y = problem.data()
    _, wall = timed(lambda: search.fit(X, y))
    return _search_result(search, wall)


def search_kwargs(problem) -> dict:
    return {
        "cv": problem.cv,
        "scoring": problem.scoring,
        "n_jobs": 1,
        "refit": False,
        "error_score": np.nan,
    }


def _skopt_like_space(problem, budget, Real, Integer, Categorical):
    """A dict of dimensions, or ``[(dict, n), ...]`` for a conditional problem."""

    def dims(sub):
        out = {}
        for name, s in sub.items():
            if s[0] == "cat":
                out[name] = Categorical(list(s[1]))
            else:
                cls = Real if s[0] == "real" else Integer
                out[name] = cls(s[1], s[2], prior="log-uniform" if s[3] == "log" else "uniform")
        return out

    subs = subspaces(problem)
    if len(subs) == 1:
        return dims(subs[0])
    return [(dims(s), n) for s, n in zip(subs, split_budget(budget, len(subs)))]


def run_skopt_lite(problem, seed, budget, n_points=1):
    from skopt_lite import BayesSearchCV, Categorical, Integer, Real

    space = _skopt_like_space(problem, budget, Real, Integer, Categorical)
    search = BayesSearchCV(
        problem.estimator(),
        space,
        n_iter=budget,
        n_points=n_points,
        random_state=seed,
        **search_kwargs(problem),
    )
    return _fit_search(search, problem)


def run_skopt_lite_batch4(problem, seed, budget):
    return run_skopt_lite(problem, seed, budget, n_points=4)


def run_skopt_lite_random(problem, seed, budget):
    from skopt_lite import Categorical, Integer, RandomSearchCV, Real

    space = _skopt_like_space(problem, budget, Real, Integer, Categorical)
    if isinstance(space, list):
        space = [d for d, _ in space]
    search = RandomSearchCV(
        problem.estimator(), space, n_iter=budget, random_state=seed, **search_kwargs(problem)
    )
    return _fit_search(search, problem)


def run_skopt(problem, seed, budget):
    from skopt import BayesSearchCV
    from skopt.space import Categorical, Integer, Real

    space = _skopt_like_space(problem, budget, Real, Integer, Categorical)
    search = BayesSearchCV(
        problem.estimator(), space, n_iter=budget, random_state=seed, **search_kwargs(problem)
    )
    return _fit_search(search, problem)


class LogInt:
    """A log-uniform integer distribution for scikit-learn's ``ParameterSampler``."""

    def __init__(self, low, high):
        from scipy import stats

        self.low, self.high = low, high
        self._dist = stats.loguniform(max(low - 0.5, 0.5), high + 0.5)

    def rvs(self, random_state=None):
        v = round(float(self._dist.rvs(random_state=random_state)))
        return int(min(max(v, self.low), self.high))

    def __repr__(self):
        return f"LogInt({self.low}, {self.high})"


def sklearn_distributions(sub: dict) -> dict:
    from scipy import stats

    out = {}
    for name, s in sub.items():
        if s[0] == "cat":
            out[name] = list(s[1])
        elif s[0] == "real":
            lo, hi = s[1], s[2]
            out[name] = stats.loguniform(lo, hi) if s[3] == "log" else stats.uniform(lo, hi - lo)
        else:
            out[name] = LogInt(s[1], s[2]) if s[3] == "log" else stats.randint(s[1], s[2] + 1)
    return out


def run_sklearn_random(problem, seed, budget):
    from sklearn.model_selection import RandomizedSearchCV

    dists = [sklearn_distributions(s) for s in subspaces(problem)]
    search = RandomizedSearchCV(
        problem.estimator(),
        dists if len(dists) > 1 else dists[0],
        n_iter=budget,
        random_state=seed,
        **search_kwargs(problem),
    )
    return _fit_search(search, problem)


# -- Optuna ---------------------------------------------------------------------------------
def _optuna_params(trial, problem) -> dict:
    subs = subspaces(problem)
    k = trial.suggest_categorical("subspace", list(range(len(subs)))) if len(subs) > 1 else 0
    params = dict(constants(subs[k]))
    for name, s in searched(subs[k]).items():
        if s[0] == "cat":
            params[name] = trial.suggest_categorical(name, list(s[1]))
        elif s[0] == "real":
            params[name] = trial.suggest_float(name, s[1], s[2], log=s[3] == "log")
        else:
            params[name] = trial.suggest_int(name, s[1], s[2], log=s[3] == "log")
    return params


def _run_optuna(problem, budget, sampler) -> dict:
    import optuna

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    ev = Evaluator(problem)

    def objective(trial):
        loss = ev(_optuna_params(trial, problem))
        return loss if math.isfinite(loss) else float("nan")  # nan: a failed trial

    study = optuna.create_study(direction="minimize", sampler=sampler)
    _, wall = timed(lambda: study.optimize(objective, n_trials=budget, catch=(ValueError,)))
    return ev.result(wall)


def run_optuna_tpe(problem, seed, budget):
    import optuna

    return _run_optuna(problem, budget, optuna.samplers.TPESampler(seed=seed))


def run_optuna_gp(problem, seed, budget):
    import optuna
    import torch

    torch.set_num_threads(1)
    return _run_optuna(problem, budget, optuna.samplers.GPSampler(seed=seed))


# -- SMAC3 ----------------------------------------------------------------------------------
def _configspace(problem, seed):
    from ConfigSpace import (
        Categorical,
        ConfigurationSpace,
        EqualsCondition,
        Float,
        Integer,
    )

    cs = ConfigurationSpace(seed=seed)
    subs = subspaces(problem)
    parent = None
    if len(subs) > 1:
        parent = Categorical("subspace", [str(i) for i in range(len(subs))])
        cs.add(parent)
    for i, sub in enumerate(subs):
        for name, s in searched(sub).items():
            if s[0] == "cat":
                hp = Categorical(name, [str(j) for j in range(len(s[1]))])
            elif s[0] == "real":
                hp = Float(name, (s[1], s[2]), log=s[3] == "log")
            else:
                hp = Integer(name, (s[1], s[2]), log=s[3] == "log")
            cs.add(hp)
            if parent is not None:
                cs.add(EqualsCondition(hp, parent, str(i)))
    return cs


def _decode_indexed(problem, values: dict) -> dict:
    """Params from a flat dict whose categories are index strings (SMAC, HEBO)."""
    subs = subspaces(problem)
    sub = subs[int(values["subspace"])] if len(subs) > 1 else subs[0]
    params = dict(constants(sub))
    for name, s in searched(sub).items():
        v = values[name]
        params[name] = s[1][int(v)] if s[0] == "cat" else native(s, v)
    return params


def run_smac(problem, seed, budget):
    from smac import HyperparameterOptimizationFacade, Scenario
    from smac.main.exceptions import ConfigurationSpaceExhaustedException
    from smac.runhistory.dataclasses import TrialValue

    ev = Evaluator(problem)
    cs = _configspace(problem, seed)

    def unused(config, seed=0):
        raise RuntimeError("evaluated through ask/tell")

    def run():
        with tempfile.TemporaryDirectory(prefix="smac-") as tmp:
            scenario = Scenario(
                cs, deterministic=True, n_trials=budget, seed=seed, output_directory=tmp
            )
            smac = HyperparameterOptimizationFacade(
                scenario, unused, overwrite=True, logging_level=40
            )
            for _ in range(budget):
                try:
                    info = smac.ask()
                except ConfigurationSpaceExhaustedException:
                    # Every configuration of a small discrete space has been tried (SMAC3
                    # never repeats one): the rest of the budget is recorded as nan, which
                    # leaves the best so far as it is.
                    ev.skip(budget - len(ev.losses))
                    return
                loss = ev(_decode_indexed(problem, dict(info.config)))
                cost = loss if math.isfinite(loss) else float("inf")
                smac.tell(info, TrialValue(cost=cost))

    _, wall = timed(run)
    return ev.result(wall)


# -- HEBO -----------------------------------------------------------------------------------
def _hebo_space(problem):
    from hebo.design_space.design_space import DesignSpace

    subs = subspaces(problem)
    rec = []
    if len(subs) > 1:
        rec.append(
            {"name": "subspace", "type": "cat", "categories": [str(i) for i in range(len(subs))]}
        )
    for sub in subs:
        for name, s in searched(sub).items():
            if s[0] == "cat":
                rec.append(
                    {"name": name, "type": "cat", "categories": [str(j) for j in range(len(s[1]))]}
                )
            else:
                kind = {"real": "num", "int": "int"}[s[0]]
                if s[3] == "log":
                    kind = "pow" if s[0] == "real" else "pow_int"
                rec.append({"name": name, "type": kind, "lb": s[1], "ub": s[2]})
    return DesignSpace().parse(rec)


def run_hebo(problem, seed, budget):
    import torch
    from hebo.optimizers.hebo import HEBO

    torch.set_num_threads(1)
    random.seed(seed)
    np.random.seed(seed)  # noqa: NPY002 (HEBO draws from the global generators)
    torch.manual_seed(seed)
    ev = Evaluator(problem)

    def run():
        opt = HEBO(_hebo_space(problem), scramble_seed=seed)
        for _ in range(budget):
            rec = opt.suggest(n_suggestions=1)
            loss = ev(_decode_indexed(problem, rec.iloc[0].to_dict()))
            opt.observe(rec, np.array([[loss]]))  # HEBO drops non-finite values itself

    _, wall = timed(run)
    return ev.result(wall)


# -- hyperopt -------------------------------------------------------------------------------
def _hyperopt_space(problem):
    from hyperopt import hp

    def dims(sub):
        out = dict(constants(sub))
        for name, s in searched(sub).items():
            if s[0] == "cat":
                out[name] = hp.choice(name, list(s[1]))
            elif s[0] == "real" and s[3] == "log":
                out[name] = hp.loguniform(name, math.log(s[1]), math.log(s[2]))
            elif s[0] == "real":
                out[name] = hp.uniform(name, s[1], s[2])
            elif s[3] == "log":
                out[name] = hp.qloguniform(name, math.log(s[1]), math.log(s[2]), 1)
            else:
                out[name] = hp.uniformint(name, s[1], s[2])
        return out

    subs = subspaces(problem)
    if len(subs) == 1:
        return dims(subs[0])
    return hp.choice("subspace", [dims(s) for s in subs])


def run_hyperopt(problem, seed, budget):
    from hyperopt import STATUS_FAIL, STATUS_OK, Trials, fmin, tpe

    ev = Evaluator(problem)
    specs = {n: s for sub in subspaces(problem) for n, s in sub.items()}

    def objective(values):
        loss = ev({n: native(specs[n], v) for n, v in values.items()})
        if not math.isfinite(loss):
            return {"status": STATUS_FAIL}
        return {"loss": loss, "status": STATUS_OK}

    def run():
        fmin(
            objective,
            _hyperopt_space(problem),
            algo=tpe.suggest,
            max_evals=budget,
            trials=Trials(),
            rstate=np.random.default_rng(seed),
            show_progressbar=False,
        )

    _, wall = timed(run)
    return ev.result(wall)


ADAPTERS = {
    "skopt_lite": run_skopt_lite,
    "skopt_lite_batch4": run_skopt_lite_batch4,
    "skopt_lite_random": run_skopt_lite_random,
    "sklearn_random": run_sklearn_random,
    "skopt": run_skopt,
    "optuna_tpe": run_optuna_tpe,
    "optuna_gp": run_optuna_gp,
    "smac": run_smac,
    "hebo": run_hebo,
    "hyperopt": run_hyperopt,
}
# Besides numpy, scipy and scikit-learn: the distributions each method's runs depend on.
DISTS = {
    "sklearn_random": (),
    "skopt": ("scikit-optimize",),
    "optuna_tpe": ("optuna",),
    "optuna_gp": ("optuna", "torch", "greenlet"),
    "smac": ("smac", "ConfigSpace"),
    "hebo": ("HEBO", "torch", "gpytorch", "pymoo", "pandas"),
    "hyperopt": ("hyperopt",),
}
