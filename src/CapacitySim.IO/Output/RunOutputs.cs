using CapacitySim.Core.Engine;
using CapacitySim.Core.Statistics;
using CapacitySim.IO.Charts;
using CapacitySim.IO.Csv;

namespace CapacitySim.IO.Output;

/// <summary>Everything a run writes into its (staging) folder, apart from run.json.</summary>
public static class RunOutputs
{
    /// <summary>Writes the CSVs and charts; <paramref name="cancellation"/> is checked between files.</summary>
    public static void Write(string folder, SimulationResult result, RunStatistics statistics, CancellationToken cancellation = default)
    {
        SummaryCsv.Write(statistics.Monthly, "month", Path.Combine(folder, "monthly.csv"));
        cancellation.ThrowIfCancellationRequested();
        SummaryCsv.Write(statistics.Annual, "year", Path.Combine(folder, "annual.csv"));
        cancellation.ThrowIfCancellationRequested();
        RunCharts.WriteAll(folder, result, statistics.Monthly, statistics.Annual, statistics.AnnualSeries);
    }
}
