"""skopt_lite: fast, dependable hyperparameter search for scikit-learn."""

from .exhaustive_search import ExhaustiveSearchCV
from .grid_search import GridSearchCV
from .random_search import RandomSearchCV
from .space import Categorical, Integer, Real, Space

__version__ = "0.1.0"

__all__ = [
    "Categorical",
    "ExhaustiveSearchCV",
    "GridSearchCV",
    "Integer",
    "RandomSearchCV",
    "Real",
    "Space",
    "__version__",
]
