"""Statistics from sufficient statistics to frozen results (see shared methods.md)."""

from belofte.stats.drivers import (
    BootstrapInfo,
    DriverAnalysis,
    DriverDifference,
    DriverImportance,
    key_drivers,
)
from belofte.stats.means import (
    compare_means,
    compute_ces,
    compute_mean,
    compute_sentiment,
)
from belofte.stats.moments import (
    CrossProductMoments,
    MeanMoments,
    NpsCounts,
    ProportionMoments,
)
from belofte.stats.multiplicity import (
    adjust_comparisons,
    adjust_p_values,
    benjamini_hochberg,
    bonferroni,
    holm,
)
from belofte.stats.results import Comparison, Estimate, Interval, WarningCode
from belofte.stats.scores import (
    compare_nps,
    compare_nps_groups,
    compare_proportions,
    compute_csat,
    compute_nps,
    wilson_interval,
)
from belofte.stats.shrinkage import (
    Consistency,
    LeagueTable,
    UnitEstimate,
    shrink_means,
    shrink_nps,
    shrink_proportions,
    shrink_units,
)
from belofte.stats.trends import PeriodChange, linear_trend, period_changes

__all__ = [
    "BootstrapInfo",
    "Comparison",
    "Consistency",
    "CrossProductMoments",
    "DriverAnalysis",
    "DriverDifference",
    "DriverImportance",
    "Estimate",
    "Interval",
    "LeagueTable",
    "MeanMoments",
    "NpsCounts",
    "PeriodChange",
    "ProportionMoments",
    "UnitEstimate",
    "WarningCode",
    "adjust_comparisons",
    "adjust_p_values",
    "benjamini_hochberg",
    "bonferroni",
    "compare_means",
    "compare_nps",
    "compare_nps_groups",
    "compare_proportions",
    "compute_ces",
    "compute_csat",
    "compute_mean",
    "compute_nps",
    "compute_sentiment",
    "holm",
    "key_drivers",
    "linear_trend",
    "period_changes",
    "shrink_means",
    "shrink_nps",
    "shrink_proportions",
    "shrink_units",
    "wilson_interval",
]
