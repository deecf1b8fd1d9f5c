using CapacitySim.Core.Engine;
using CapacitySim.Core.Statistics;
using CapacitySim.IO.Charts;
using CapacitySim.IO.Csv;

namespace CapacitySim.IO.Output;

/// <summary>Everything a run writes into its (staging) folder, apart from run.json.</summary>
public static class RunOutputs
{
    public static void Write(string folder, SimulationResult result, Summary monthly, Summary annual, SampleSeries annualSeries)
    {
        SummaryCsv.Write(monthly, "month", Path.Combine(folder, "monthly.csv"));
        SummaryCsv.Write(annual, "year", Path.Combine(folder, "annual.csv"));
        RunCharts.WriteAll(folder, result, monthly, annual, annualSeries);
    }
}
