using System.Globalization;
using CapacitySim.Core.Engine;
using CapacitySim.IO.Csv;
using CapacitySim.IO.Reports;
using CsvHelper;

namespace CapacitySim.IO.Compare;

/// <summary>
/// A scenario's run as a comparison sees it: its output folder's summaries, whether they were
/// reused, and the month its announced plans end (YYYY-MM; the last phase's nominal ramp end).
/// </summary>
public sealed record ComparedRun(string Name, string File, string Folder, bool Reused, int Samples, SummaryTable Monthly, SummaryTable Annual, string? PlansEnd = null)
{
    /// <summary>Each part (site) whose plans end before the scenario's: its name and that month (YYYY-MM), earliest first.</summary>
    public IReadOnlyList<(string Part, string Month)> PartEnds { get; init; } = [];

    /// <summary>What the scenario's numbers cover (its file's <c>scope</c>); empty when it says nothing.</summary>
    public string Scope { get; init; } = "";
}

/// <summary>One metric across the runs: the runs that have it at the scope, and the months or years compared.</summary>
public sealed record ComparedMetric(MetricInfo Info, IReadOnlyList<ComparedRun> Runs, IReadOnlyList<string> Periods, bool Annual);

/// <summary>
/// Several scenarios side by side on the months and years they all cover, from their runs' CSVs:
/// charts, a tidy compare.csv, and compare.md with each year's values and ratios to the first.
/// </summary>
public sealed class Comparison
{
    /// <summary>The metrics compared unless others are asked for.</summary>
    public static readonly IReadOnlyList<string> DefaultMetrics = Core.Engine.Metrics.CompareDefaults;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public Comparison(IReadOnlyList<ComparedRun> runs, IReadOnlyList<string> metricNames, string scope)
    {
        Runs = runs;
        Scope = scope;
        var first = runs[0].Monthly.Periods;
        SharedMonths = [.. first.Where(m => runs.All(r => r.Monthly.Periods.Contains(m)))];
        // A year is compared when every run covers the same months of it, so its sums are like for like.
        SharedYears = [.. runs[0].Annual.Periods.Where(y =>
        {
            var months = MonthsOf(runs[0], y);
            return months.Count > 0 && runs.All(r => MonthsOf(r, y).SequenceEqual(months));
        })];
        var notes = new List<string>();
        var horizons = runs.Select(r => $"{r.Monthly.Periods[0]} to {r.Monthly.Periods[^1]}").Distinct().ToList();
        if (horizons.Count > 1)
        {
            notes.Add(SharedMonths.Count == 0
                ? "The scenarios share no months."
                : $"The scenarios cover different months ({string.Join("; ", runs.Select(r => $"{r.Name} {r.Monthly.Periods[0]} to {r.Monthly.Periods[^1]}"))}): " +
                  $"charts show the months all of them cover, {SharedMonths[0]} to {SharedMonths[^1]}, and the tables the calendar years all of them cover alike" +
                  (SharedYears.Count > 0 ? $", {SharedYears[0]} to {SharedYears[^1]}." : " (none)."));
        }
        var ends = runs.Where(r => r.PlansEnd is not null).Select(r => $"{r.Name} {r.PlansEnd}").ToList();
        if (ends.Count > 0)
            notes.Add($"Announced plans end ({string.Join("; ", ends)}: the month the last phase's nominal ramp ends, a dashed line on the charts): " +
                "after it a scenario builds nothing new, so its flat lines mean nothing announced, not a forecast.");
        var scopes = runs.Where(r => r.Scope.Length > 0).Select(r => $"{r.Name}: {r.Scope}").ToList();
        if (scopes.Count > 0)
            notes.Add($"What each scenario covers (its scope, beside its name on the charts): {string.Join("; ", scopes)}. Read rankings with these footings.");
        var parts = runs.Where(r => r.PartEnds.Count > 0).Select(r => $"{r.Name}: {string.Join(", ", r.PartEnds.Select(e => $"{e.Part} {e.Month}"))}").ToList();
        if (parts.Count > 0)
            notes.Add($"Parts whose plans end earlier (an open circle on the scenario's line): {string.Join("; ", parts)}. " +
                "From then on that part only refreshes its hardware: growth after it comes from the scenario's other parts.");
        var levels = runs.Select(r => string.Join(", ", r.Monthly.PercentileLevels.Select(l => "P" + l.ToString(Inv)))).Distinct().ToList();
        if (levels.Count > 1)
            notes.Add("The scenarios ask for different percentiles: each band spans its own scenario's outermost ones (" +
                string.Join("; ", runs.Select(r => $"{r.Name}: {string.Join(", ", r.Monthly.PercentileLevels.Select(l => "P" + l.ToString(Inv)))}")) + ").");
        var metrics = new List<ComparedMetric>();
        foreach (string name in metricNames)
        {
            var info = Core.Engine.Metrics.All.First(m => m.Name == name);
            var with = runs.Where(r => r.Monthly.Has(scope, name)).ToList();
            var without = runs.Where(r => !with.Contains(r)).Select(r => r.Name).ToList();
            if (with.Count == 0)
            {
                notes.Add(info.TotalOnly && scope != "total"
                    ? $"{name} exists only for the total scope, not for '{scope}': left out."
                    : $"No scenario has {name} at scope '{scope}'{(info.Metric.NeedsResearchers() ? " (none lists researchers)" : "")}: left out.");
                continue;
            }
            bool one = without.Count == 1;
            if (without.Count > 0)
                notes.Add($"{name} compares {string.Join(", ", with.Select(r => r.Name))} only: {string.Join(", ", without)} " +
                    (info.Metric.NeedsResearchers() ? (one ? "lists" : "list") + " no researchers." : $"{(one ? "has" : "have")} no '{scope}' scope."));
            bool annual = info.Kind == MetricKind.Flow;
            metrics.Add(new ComparedMetric(info, with, annual ? SharedYears : SharedMonths, annual));
        }
        Metrics = metrics;
        Notes = notes;
    }

    public IReadOnlyList<ComparedRun> Runs { get; }
    public string Scope { get; }
    public IReadOnlyList<string> SharedMonths { get; }
    public IReadOnlyList<string> SharedYears { get; }
    public IReadOnlyList<ComparedMetric> Metrics { get; }

    /// <summary>What the reader must know: differing horizons, missing researchers, metrics left out.</summary>
    public IReadOnlyList<string> Notes { get; }

    private static List<string> MonthsOf(ComparedRun run, string year) => [.. run.Monthly.Periods.Where(m => m.StartsWith(year + "-", StringComparison.Ordinal))];

    /// <summary>
    /// The statistic a comparison draws and tabulates for a run: P50 when the run has it, else the
    /// mean; its column index (-1 for the mean) and label.
    /// </summary>
    public static (int Index, string Label) Middle(ComparedRun run)
    {
        int i = run.Monthly.PercentileLevels.ToList().IndexOf(50);
        return RunPlan.IsNominalRun(run.Samples) ? (i, "nominal") : i >= 0 ? (i, "P50") : (-1, "mean");
    }

    public static double MiddleOf(ComparedRun run, SummaryValues v) => Middle(run).Index is var i and >= 0 ? v.Percentiles[i] : v.Mean;

    /// <summary>The band of a run: indexes of its lowest and highest percentile, or null with one sample or one percentile.</summary>
    public static (int Low, int High, string Label)? Band(ComparedRun run)
    {
        var levels = run.Monthly.PercentileLevels;
        if (RunPlan.IsNominalRun(run.Samples) || levels.Count < 2) return null;
        int low = levels.ToList().IndexOf(levels.Min()), high = levels.ToList().IndexOf(levels.Max());
        return (low, high, $"P{levels[low].ToString(Inv)}-P{levels[high].ToString(Inv)}");
    }

    /// <summary>Writes compare.csv, the charts and compare.md into <paramref name="folder"/>.</summary>
    public void Write(string folder, string title)
    {
        WriteCsv(Path.Combine(folder, "compare.csv"));
        var charts = Metrics.Select(m => (Metric: m, File: $"compare-{m.Info.Name}.png")).ToList();
        foreach (var (metric, file) in charts)
            CompareCharts.Draw(this, metric).SavePng(Path.Combine(folder, file), Charts.ChartStyle.Width, Charts.ChartStyle.Height);
        File.WriteAllText(Path.Combine(folder, "compare.md"), Report(title, charts.ToDictionary(c => c.Metric.Info.Name, c => c.File)).ToMarkdown());
    }

    /// <summary>
    /// compare.csv, tidy: one row per period, scenario, metric and statistic. Monthly rows (frequency
    /// month) are the chart's data, annual rows (frequency year) the tables'; values are the runs'
    /// own CSV numbers.
    /// </summary>
    public void WriteCsv(string path)
    {
        using var writer = new StreamWriter(path, false, new System.Text.UTF8Encoding(false));
        using var csv = CsvWriter.Create(writer, new CsvWriterOptions { NewLine = "\n" }, leaveOpen: true);
        csv.WriteRecord(["period", "frequency", "scenario", "scope", "metric", "unit", "statistic", "value"]);
        foreach (var metric in Metrics)
        {
            foreach (var run in metric.Runs)
            {
                void Rows(SummaryTable table, IEnumerable<string> periods, string frequency)
                {
                    foreach (string period in periods)
                    {
                        if (table.Find(period, Scope, metric.Info.Name) is not { } v) continue;
                        csv.WriteRecord([period, frequency, run.Name, Scope, metric.Info.Name, v.Unit, "mean", SummaryCsv.Number(v.Mean)]);
                        for (int j = 0; j < v.Percentiles.Length; j++)
                            csv.WriteRecord([period, frequency, run.Name, Scope, metric.Info.Name, v.Unit, SummaryCsv.PercentileColumn(table.PercentileLevels[j]), SummaryCsv.Number(v.Percentiles[j])]);
                    }
                }
                if (!metric.Annual) Rows(run.Monthly, SharedMonths, "month");
                Rows(run.Annual, SharedYears, "year");
            }
        }
        csv.Flush();
    }

    /// <summary>compare.md: the runs, the notes, and per metric a table of every compared year with the chart.</summary>
    public ReportDocument Report(string title, IReadOnlyDictionary<string, string> chartFiles)
    {
        var doc = new ReportDocument(title);
        doc.Add(new Paragraph($"Scope: {Scope}. Values are each scenario's {string.Join(" / ", Runs.Select(Middle).Select(m => m.Label).Distinct())} " +
            "with its outermost requested percentiles in square brackets, at the end of each calendar year (flows such as energy: the year's sum), rounded to three figures; " +
            "the exact numbers are the runs' annual.csv, repeated in compare.csv. In brackets after a value: its ratio to the first scenario's (the first that has the metric)."));
        doc.Add(new Table(["scenario", "file", "samples", "months", "output"],
            [.. Runs.Select(r => (IReadOnlyList<string>)[r.Name, r.File, r.Samples.ToString("N0", Inv), $"{r.Monthly.Periods[0]} to {r.Monthly.Periods[^1]}",
                (r.Reused ? "reused " : "run to ") + r.Folder])],
            [false, false, true, false, false]));
        if (Notes.Count > 0)
        {
            doc.Add(new Heading(2, "Notes"));
            doc.Add(new Bullets(Notes));
        }
        foreach (var metric in Metrics)
        {
            doc.Add(new Heading(2, $"{metric.Info.Title} ({metric.Info.Name}, {metric.Info.Unit})"));
            var baseline = metric.Runs[0];
            List<string> headers = ["year", .. metric.Runs.Select(r => r == baseline ? r.Name : $"{r.Name} (ratio)")];
            var rows = new List<IReadOnlyList<string>>();
            foreach (string year in SharedYears)
            {
                var row = new List<string> { year };
                double first = baseline.Annual.Find(year, Scope, metric.Info.Name) is { } b ? MiddleOf(baseline, b) : double.NaN;
                // A row of figures shares one prefix, the largest middle value's: 0.683 and 1.06 ZFLOP/s side by side.
                double like = metric.Runs.Select(r => r.Annual.Find(year, Scope, metric.Info.Name) is { } x ? Math.Abs(MiddleOf(r, x)) : double.NaN)
                    .Where(double.IsFinite).DefaultIfEmpty(double.NaN).Max();
                foreach (var run in metric.Runs)
                {
                    var v = run.Annual.Find(year, Scope, metric.Info.Name);
                    row.Add(v is null ? "n/a" : run == baseline ? Cell(run, v, like) : $"{Cell(run, v, like)} ({Units.Ratio(MiddleOf(run, v), first)})");
                }
                rows.Add(row);
            }
            doc.Add(new Table(headers, rows, [false, .. Enumerable.Repeat(true, headers.Count - 1)]));
            if (chartFiles.TryGetValue(metric.Info.Name, out var file)) doc.Add(new Image(file, $"{metric.Info.Title}, scope {Scope}"));
        }
        return doc;
    }

    /// <summary>The run's middle value, with its band when it has one.</summary>
    public static string Cell(ComparedRun run, SummaryValues v) => Cell(run, v, MiddleOf(run, v));

    /// <summary>The run's middle value, with its band when it has one, in the prefix <paramref name="like"/> gets (NaN: the value's own).</summary>
    public static string Cell(ComparedRun run, SummaryValues v, double like)
    {
        double middle = MiddleOf(run, v);
        if (!double.IsFinite(like)) like = middle;
        return Band(run) is { } band
            ? Units.WithBand(middle, v.Percentiles[band.Low], v.Percentiles[band.High], v.Unit, like)
            : Units.Format(middle, v.Unit, like);
    }
}
