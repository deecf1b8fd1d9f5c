using System.CommandLine;
using CapacitySim.Cli.Common;
using CapacitySim.Core.Engine;

namespace CapacitySim.Cli;

/// <summary>
/// <c>capsim metrics</c>: every metric of the metric table (Core/Engine/Metric.cs) with its unit,
/// its kind (how a year aggregates it), where it is computed and what it means, so a name for
/// <c>--metric</c>, a plan target or a sweep can be looked up without the docs.
/// </summary>
public static class MetricsCommand
{
    public static Command Create(TextWriter stdout, bool interactive)
    {
        var command = new Command("metrics", "List every metric with its unit, kind, scope and meaning.");
        command.SetAction(_ =>
        {
            string[] headers = ["metric", "unit", "kind", "scope", "meaning"];
            var rows = Metrics.All.Select(m => new[] { m.Name, m.Unit, Kind(m), Scope(m), m.Title + (m.NeedsResearchers ? " (when the scenario lists researchers)" : "") }).ToList();
            int[] widths = [.. headers.Select((h, c) => rows.Select(r => r[c].Length).Append(h.Length).Max())];
            int indent = widths[..4].Sum() + 2 * 4;
            int width = TextWrap.Width(interactive);
            foreach (var row in rows.Prepend(headers))
            {
                string lead = string.Join("  ", row[..4].Select((cell, c) => cell.PadRight(widths[c])));
                // The meaning wraps under itself when the terminal is too narrow for it.
                var meaning = TextWrap.Wrap(row[4], Math.Max(width, indent + 30), "", new string(' ', indent)).ToList();
                stdout.WriteLine((lead + "  " + meaning[0]).TrimEnd());
                foreach (string more in meaning.Skip(1)) stdout.WriteLine(more.TrimEnd());
            }
            stdout.WriteLine();
            stdout.WriteLine("kind: stock = a level, a year takes its last month; flow = an amount per month, a year sums its months;");
            stdout.WriteLine("ratio = a year takes its last month. scope: site = every site, region and the total (the total sums the");
            stdout.WriteLine("sites); total = the total only; derived = from other metrics of the same scope. Units are those of the CSVs.");
            return ExitCodes.Done;
        });
        return command;
    }

    private static string Kind(MetricInfo m) => m.Kind switch
    {
        MetricKind.Stock => "stock",
        MetricKind.Flow => "flow",
        MetricKind.Rate => "rate",
        _ => "ratio",
    };

    private static string Scope(MetricInfo m) => m.Origin switch
    {
        MetricOrigin.Site => "site",
        MetricOrigin.TotalOnly => "total",
        _ => "derived",
    };
}
