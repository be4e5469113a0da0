"""Ask/tell Bayesian optimisation over a search space.

* :mod:`.initial` -- initial designs (random, Sobol', Halton, Latin hypercube, grid);
* :mod:`.gp` -- the Gaussian-process surrogate;
* :mod:`.acquisition` -- EI, PI, LCB, gp_hedge and their maximisation over mixed spaces;
* :class:`Optimizer` -- the ask/tell loop, and :class:`OptimizeResult`.
"""

from ._optimizer import Optimizer, OptimizeResult

__all__ = ["OptimizeResult", "Optimizer"]
