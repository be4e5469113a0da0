"""scikit-learn's estimator checks on the five searches.

Each search wraps the estimators scikit-learn uses to check its own search
classes (``sklearn/utils/_test_common/instance_generator.py``): Ridge,
LogisticRegression, PCA -> Ridge and PCA -> LogisticRegression, with ``cv=2``,
``error_score="raise"`` and a two-value grid.
"""

import pytest
from sklearn.base import is_regressor
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.model_selection import GridSearchCV as SkGridSearchCV
from sklearn.model_selection import RandomizedSearchCV
from sklearn.pipeline import Pipeline
from sklearn.utils.estimator_checks import (
    check_param_validation,
    check_supervised_y_2d,
    parametrize_with_checks,
)

from skopt_lite import (
    BayesSearchCV,
    ExhaustiveSearchCV,
    GridSearchCV,
    HalvingBayesSearchCV,
    RandomSearchCV,
)


def _wrapped():
    """(estimator, parameter grid) pairs, as scikit-learn's own checks use them."""
    return [
        (Ridge(), {"alpha": [0.1, 1.0]}),
        (LogisticRegression(), {"C": [0.1, 1.0]}),
        (Pipeline([("pca", PCA()), ("ridge", Ridge())]), {"ridge__alpha": [0.1, 1.0]}),
        (
            Pipeline([("pca", PCA()), ("logisticregression", LogisticRegression())]),
            {"logisticregression__C": [0.1, 1.0]},
        ),
    ]


def _search(cls, estimator, grid):
    kw = dict(cv=2, error_score="raise")
    if cls in (RandomSearchCV, RandomizedSearchCV, BayesSearchCV, HalvingBayesSearchCV):
        kw["random_state"] = 0
    if cls is BayesSearchCV:
        kw["n_iter"] = 2  # the two-point grid, each point once
    return cls(estimator, grid, **kw)


pytestmark = [
    # The random searches sample a two-point grid with the default n_iter=10, as
    # scikit-learn's own checks of RandomizedSearchCV do.
    pytest.mark.filterwarnings("ignore:The total space of parameters"),
    # The halving search starts with the whole two-point grid, and has no
    # candidate left for a second bracket.
    pytest.mark.filterwarnings("ignore:search_spaces has only 2 points"),
    pytest.mark.filterwarnings("ignore:search_spaces has no candidate left"),
    # check_supervised_y_no_nan passes y full of inf; scikit-learn's own
    # type_of_target warns while casting it, before the search sees it.
    pytest.mark.filterwarnings("ignore:invalid value encountered in cast:RuntimeWarning"),
    # The two-value grids are meant as choices, as in scikit-learn's checks;
    # BayesSearchCV warns that scikit-optimize read such a list as a range.
    pytest.mark.filterwarnings("ignore:A list of two numbers is two choices:UserWarning"),
]

SEARCHES = [ExhaustiveSearchCV, GridSearchCV, RandomSearchCV, BayesSearchCV, HalvingBayesSearchCV]
INSTANCES = [_search(cls, est, grid) for cls in SEARCHES for est, grid in _wrapped()]

# check_supervised_y_2d fits with a column vector y and expects the
# DataConversionWarning a single-output estimator raises. A search reports
# its estimator's tags but not "multi_output", and Ridge accepts a 2-d y
# without a warning, so around a regressor the warning never comes. scikit-learn's
# own GridSearchCV and RandomizedSearchCV fail this check the same way (they
# list it in PER_ESTIMATOR_XFAIL_CHECKS; test_sklearn_fails_the_same_checks
# below re-verifies it on the installed version).
REGRESSOR_XFAIL = {
    "check_supervised_y_2d": "DataConversionWarning not caught (as scikit-learn's searches)",
}


def _expected_failed_checks(estimator):
    return dict(REGRESSOR_XFAIL) if is_regressor(estimator) else {}


@parametrize_with_checks(INSTANCES, expected_failed_checks=_expected_failed_checks)
def test_sklearn_compatible_estimator(estimator, check):
    check(estimator)


@pytest.mark.parametrize("sk_cls", [SkGridSearchCV, RandomizedSearchCV])
@pytest.mark.parametrize("index", [0, 2], ids=["Ridge", "PCA-Ridge"])
def test_sklearn_fails_the_same_checks(sk_cls, index):
    """The expected failures above are scikit-learn's own, not ours."""
    estimator, grid = _wrapped()[index]
    search = _search(sk_cls, estimator, grid)
    assert set(_expected_failed_checks(search)) == set(REGRESSOR_XFAIL)
    with pytest.raises(AssertionError):
        check_supervised_y_2d(type(search).__name__, search)


@pytest.mark.parametrize("cls", SEARCHES)
def test_check_param_validation(cls):
    search = _search(cls, LogisticRegression(), {"C": [0.1, 1.0]})
    check_param_validation(cls.__name__, search)
