using CapacitySim.Core.Engine;
using CapacitySim.Core.Statistics;
using CapacitySim.IO.Charts;
using CapacitySim.IO.Csv;
using CapacitySim.Core.TimeToPower;
using CapacitySim.IO.Reports;
using CapacitySim.IO.TimeToPower;
using SkiaSharp;

namespace CapacitySim.IO.Output;

/// <summary>Everything a run writes into its (staging) folder.</summary>
public static class RunOutputs
{
    /// <summary>
    /// Writes the CSVs, charts, report.md, report.html and, last, run.json (with the wall time up to
    /// then); <paramref name="cancellation"/> is checked between files. <paramref name="stageDone"/>
    /// is told when the CSVs and the charts, and then the report, the dashboard and run.json, are written.
    /// </summary>
    /// <summary>
    /// The typical days dispatch.png draws: of the month run.json names, else the run's last; null
    /// without typed sources (the chart is not drawn).
    /// </summary>
    public static Core.Engine.Hourly.DispatchDays? DispatchDaysOf(Core.Model.Scenario scenario, RunMetadata metadata)
    {
        if (!scenario.Sites.Any(site => site.HasTypedSources)) return null;
        var month = metadata.DispatchMonth is { } text && Core.Model.YearMonth.TryParse(text, out var picked) ? picked : scenario.End;
        return Core.Engine.Hourly.DispatchDays.Of(scenario, month);
    }

    public static void Write(string folder, SimulationResult result, RunStatistics statistics, RunMetadata metadata, CancellationToken cancellation = default, Action<string>? stageDone = null,
        IReadOnlyList<Timeline>? timelines = null)
    {
        // Time to power: only a file with a path or a delay has it, so other outputs stay as they were.
        timelines ??= Timelines.Of(result.Scenario, RunPlan.For(result.Scenario, new RunSettings(metadata.Samples, metadata.Seed)));
        SKBitmap? dashboard = null;
        try
        {
            // The CSVs and the charts are independent: written side by side.
            Concurrent.Run(
                () =>
                {
                    SummaryCsv.Write(statistics.Monthly, "month", Path.Combine(folder, "monthly.csv"));
                    cancellation.ThrowIfCancellationRequested();
                    SummaryCsv.Write(statistics.Annual, "year", Path.Combine(folder, "annual.csv"));
                    if (timelines.Count > 0)
                    {
                        TimelinesCsv.Write(Path.Combine(folder, "timelines.csv"), result.Scenario, timelines);
                        TimeToPowerChart.Write(folder, result.Scenario, timelines);
                    }
                },
                () => dashboard = RunCharts.WriteCharts(folder, result, statistics.Monthly, statistics.Annual, statistics.AnnualSeries, DispatchDaysOf(result.Scenario, metadata)));
            cancellation.ThrowIfCancellationRequested();
            stageDone?.Invoke("CSV and charts");
            // The report embeds the single charts, not the dashboard, whose PNG (the largest file)
            // is encoded beside it.
            Concurrent.Run(
                () => RunCharts.SaveDashboard(dashboard!, folder),
                () => RunReport.Write(folder, result, statistics, metadata, timelines));
            cancellation.ThrowIfCancellationRequested();
            metadata.Write(Path.Combine(folder, "run.json"));
            stageDone?.Invoke("report, dashboard and run.json");
        }
        finally
        {
            dashboard?.Dispose();
        }
    }
}
