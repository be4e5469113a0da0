"""skopt_lite: fast, dependable hyperparameter search for scikit-learn."""

from .bayes_search import BayesSearchCV
from .exhaustive_search import ExhaustiveSearchCV
from .grid_search import GridSearchCV
from .halving_search import HalvingBayesSearchCV
from .minimize import dummy_minimize, forest_minimize, gbrt_minimize, gp_minimize
from .optimizer import Optimizer, OptimizeResult
from .random_search import RandomSearchCV
from .space import Categorical, Integer, Real, Space
from .utils import dump, expected_minimum, expected_minimum_random_sampling, load

__version__ = "0.1.0"

__all__ = [
    "BayesSearchCV",
    "Categorical",
    "ExhaustiveSearchCV",
    "GridSearchCV",
    "HalvingBayesSearchCV",
    "Integer",
    "OptimizeResult",
    "Optimizer",
    "RandomSearchCV",
    "Real",
    "Space",
    "__version__",
    "dummy_minimize",
    "dump",
    "expected_minimum",
    "expected_minimum_random_sampling",
    "forest_minimize",
    "gbrt_minimize",
    "gp_minimize",
    "load",
]
