using CapacitySim.Core.Engine;

namespace CapacitySim.Core.Statistics;

/// <summary>The statistics a run reports: monthly and annual summaries, and the annual values per sample they come from.</summary>
public sealed record RunStatistics(Summary Monthly, SampleSeries AnnualSeries, Summary Annual)
{
    /// <summary>Summarizes a result at the given percentile levels.</summary>
    public static RunStatistics Of(SimulationResult result, IReadOnlyList<double> percentiles)
    {
        var annualSeries = Statistics.Annual.Aggregate(result);
        return new RunStatistics(Summary.Of(result, percentiles), annualSeries, Summary.Of(annualSeries, percentiles));
    }
}
