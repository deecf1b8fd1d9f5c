using System.Globalization;
using CapacitySim.Core.Engine;
using CapacitySim.Core.Model;
using CapacitySim.Core.Statistics;
using Spectre.Console;

namespace CapacitySim.Cli.Common;

/// <summary>What a run prints: a progress bar on a terminal, plain lines when redirected, and the key-figure table.</summary>
public sealed class ConsoleUi(TextWriter stdout, bool interactive)
{
    private readonly IAnsiConsole _console = CreateConsole(stdout, interactive);

    private static IAnsiConsole CreateConsole(TextWriter stdout, bool interactive)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        // Redirected output has no terminal width; give the table room rather than Spectre's 80 columns.
        if (!interactive) console.Profile.Width = 120;
        return console;
    }

    /// <summary>Runs <paramref name="work"/>, showing its progress in samples.</summary>
    public T WithProgress<T>(string label, int total, Func<IProgress<int>, T> work)
    {
        if (!interactive)
        {
            stdout.WriteLine($"running {label}");
            return work(new Progress<int>(_ => { }));
        }
        return _console.Progress().AutoClear(true).Start(ctx =>
        {
            var task = ctx.AddTask(Markup.Escape(label), true, total);
            return work(new SynchronousProgress(done => task.Value = done));
        });
    }

    public void Done(string name, string folder, TimeSpan elapsed) =>
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: wrote {folder} in {elapsed.TotalSeconds:0.00} s"));

    /// <summary>
    /// The key figures at the end of each year: the middle value (P50, else the mean) with the band
    /// of the scenario's outer percentiles beneath; each value in the unit that fits it, as report.md shows it.
    /// </summary>
    public void KeyFigures(Scenario scenario, KeyFigureTable figures)
    {
        string what = figures.Band is { } band ? $"{figures.MiddleLabel}, {band.Low}-{band.High} below, over {figures.Samples:N0} samples"
            : RunPlan.IsNominalRun(figures.Samples) ? "nominal run" : $"{figures.MiddleLabel} over {figures.Samples:N0} samples";
        var table = new Table().Title(Markup.Escape($"{scenario.Name}: end of each year, total ({what})"));
        table.Border(interactive ? TableBorder.Rounded : TableBorder.Ascii);
        // The year keeps its width; on a terminal too narrow for the table a band wraps after its comma.
        table.AddColumn(new TableColumn("year").NoWrap().Width(4));
        foreach (var (_, title) in figures.Columns) table.AddColumn(new TableColumn(Markup.Escape(TwoLines(title))).RightAligned());
        foreach (var row in figures.Rows)
        {
            var cells = row.Values.Select((f, i) =>
            {
                string unit = figures.Columns[i].Metric.Info().Unit;
                string middle = Units.Format(f.Middle, unit);
                return Markup.Escape(figures.HasBand ? $"{middle}\n{Units.Band(f.Middle, f.Low, f.High, unit)}" : middle);
            });
            table.AddRow([row.Year, .. cells]);
        }
        _console.Write(table);
    }

    /// <summary>
    /// The odds of each announced date (docs/model.md "Time to power"): per phase or source with an
    /// announced month, the share of samples online by then and the P10/P50/P90 of its online month.
    /// </summary>
    public void AnnouncedOdds(Scenario scenario, IReadOnlyList<CapacitySim.Core.TimeToPower.Timeline> timelines)
    {
        var announced = timelines.Where(t => t.Announced is not null).ToList();
        if (announced.Count == 0) return;
        string Month(int t) => scenario.Start.AddMonths(t).ToString();
        stdout.WriteLine($"{scenario.Name}: odds of the announced dates ({announced[0].Online.Length:N0} samples)");
        foreach (var t in announced)
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {t.Site}: {t.Item} announced {t.Announced}: online by then in {100 * t.ShareByAnnounced(scenario.Start):0}% of samples; online P50 {Month(t.OnlinePercentile(50))} (P10 {Month(t.OnlinePercentile(10))}, P90 {Month(t.OnlinePercentile(90))})"));
    }

    /// <summary>"facility energy in the year" as "facility energy\nin the year": a title above 10 characters broken at the space nearest its middle.</summary>
    private static string TwoLines(string title)
    {
        if (title.Length <= 10) return title;
        int middle = title.Length / 2;
        int before = title.LastIndexOf(' ', middle), after = title.IndexOf(' ', middle);
        int at = before < 0 ? after : after < 0 ? before : middle - before <= after - middle ? before : after;
        return at < 0 ? title : title[..at] + "\n" + title[(at + 1)..];
    }

    /// <summary>Reports on the caller's thread, so the bar follows the engine without a synchronisation context.</summary>
    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        private int _last;

        public void Report(int value)
        {
            int previous;
            do
            {
                previous = _last;
                if (value <= previous) return;
            }
            while (Interlocked.CompareExchange(ref _last, value, previous) != previous);
            report(value);
        }
    }
}
