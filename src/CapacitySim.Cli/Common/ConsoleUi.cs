using System.Globalization;
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

    /// <summary>The key figures at the end of each year: P50 with P10-P90 beneath.</summary>
    public void KeyFigures(Scenario scenario, IReadOnlyList<KeyFigureRow> rows)
    {
        bool spread = rows.Any(r => r.PoweredGw.P10 != r.PoweredGw.P90 || r.H100e.P10 != r.H100e.P90);
        var table = new Table().Title($"{Markup.Escape(scenario.Name)}: end of each year, total" + (spread ? " (P50, P10-P90 below)" : ""));
        table.Border(interactive ? TableBorder.Rounded : TableBorder.Ascii);
        table.AddColumn("year");
        table.AddColumn(new TableColumn("powered IT GW").RightAligned());
        table.AddColumn(new TableColumn("H100e (M)").RightAligned());
        table.AddColumn(new TableColumn("energy TWh/yr").RightAligned());
        table.AddColumn(new TableColumn("capex to date $B").RightAligned());
        bool researchers = rows.Any(r => r.H100ePerResearcher is not null);
        if (researchers) table.AddColumn(new TableColumn("H100e/researcher").RightAligned());
        foreach (var row in rows)
        {
            var cells = new List<string>
            {
                row.Year,
                Cell(row.PoweredGw, 1, "0.00", spread),
                Cell(row.H100e, 1e-6, "0.00", spread),
                Cell(row.FacilityTwh, 1, "0.0", spread),
                Cell(row.CumulativeCapexUsd, 1e-9, "0", spread),
            };
            if (researchers) cells.Add(row.H100ePerResearcher is { } r ? Cell(r, 1, "0", spread) : "");
            table.AddRow(cells.ToArray());
        }
        _console.Write(table);
    }

    private static string Cell(Spread s, double scale, string format, bool spread)
    {
        var inv = CultureInfo.InvariantCulture;
        string p50 = (s.P50 * scale).ToString(format, inv);
        return spread ? $"{p50}\n{(s.P10 * scale).ToString(format, inv)}-{(s.P90 * scale).ToString(format, inv)}" : p50;
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
