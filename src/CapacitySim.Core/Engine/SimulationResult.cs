using CapacitySim.Core.Model;

namespace CapacitySim.Core.Engine;

/// <summary>
/// Monthly per-sample values of every metric for a scenario: scopes are the sites in file order,
/// then the total. Total-only metrics are null at site scopes; researcher metrics are null when
/// the scenario has no researchers.
/// </summary>
public sealed class SimulationResult : SampleSeries
{
    public SimulationResult(Scenario scenario, int samples)
        : base(MonthLabels(scenario), [.. scenario.Sites.Select(s => s.Name), "total"], samples, Allocate(scenario, samples))
    {
        Scenario = scenario;
    }

    public Scenario Scenario { get; }

    /// <summary>Months in the run.</summary>
    public int Months => Periods;

    private static string[] MonthLabels(Scenario scenario) =>
        [.. Enumerable.Range(0, scenario.Months).Select(t => scenario.Start.AddMonths(t).ToString())];

    private static double[]?[][] Allocate(Scenario scenario, int samples)
    {
        int scopes = scenario.Sites.Count + 1;
        var series = new double[]?[scopes][];
        for (int scope = 0; scope < scopes; scope++)
        {
            bool total = scope == scopes - 1;
            series[scope] = new double[]?[Metrics.Count];
            foreach (var info in Metrics.All)
            {
                if (info.TotalOnly && !total) continue;
                if (info.Metric.NeedsResearchers() && scenario.Researchers is null) continue;
                series[scope][(int)info.Metric] = new double[scenario.Months * samples];
            }
        }
        return series;
    }
}
