using System.Diagnostics;
using CapacitySim.Core.Engine;
using CapacitySim.Core.Model;
using CapacitySim.Core.Statistics;
using CapacitySim.IO.Output;

namespace CapacitySim.Cli.Common;

/// <summary>Runs one scenario into its output folder: the engine with progress, the statistics, every file, then the key figures.</summary>
internal static class ScenarioRunner
{
    /// <summary>
    /// Runs <paramref name="scenario"/> (read from <paramref name="path"/>) as <paramref name="plan"/>
    /// says with <paramref name="engine"/>, writes &lt;<paramref name="outRoot"/>&gt;/&lt;name&gt;/
    /// atomically, prints the key figures when asked, and returns the folder.
    /// </summary>
    public static string RunToFolder(string path, Scenario scenario, RunPlan plan, IEngine engine, string outRoot, ConsoleUi ui, CancellationToken cancel,
        bool keyFigures = true, StageTimings? timings = null, YearMonth? dispatchMonth = null)
    {
        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        var result = ui.WithProgress($"{scenario.Name}: {Words.Plural(plan.Samples, "sample")} x {Words.Plural(scenario.Months, "month")} x {Words.Plural(scenario.Sites.Count, "site")}", plan.Samples,
            progress => engine.Run(scenario, plan, progress, cancel));
        cancel.ThrowIfCancellationRequested();
        timings?.Mark("engine");
        var statistics = RunStatistics.Of(result, plan.Percentiles);
        timings?.Mark("statistics");
        string target = Path.Combine(outRoot, scenario.Name);
        var metadata = RunMetadata.Create(path, scenario.Name, plan, engine.Name, started, clock.Elapsed.TotalSeconds) with { DispatchMonth = dispatchMonth?.ToString() };
        var timelines = Core.TimeToPower.Timelines.Of(scenario, plan);
        OutputFolder.WriteAtomically(target, dir => RunOutputs.Write(dir, result, statistics, metadata, cancel, timings is null ? null : timings.Mark, timelines));
        ui.Done(scenario.Name, target, clock.Elapsed);
        if (keyFigures) ui.KeyFigures(scenario, KeyFigures.Of(statistics.Annual));
        ui.AnnouncedOdds(scenario, timelines);
        timings?.Mark("key figures");
        timings?.Print();
        return target;
    }
}
