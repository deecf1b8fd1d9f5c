using System.CommandLine;
using System.Globalization;
using CapacitySim.Cli.Common;
using CapacitySim.Core.Model;
using CapacitySim.IO.Catalog;
using CapacitySim.IO.Scenarios;

namespace CapacitySim.Cli;

/// <summary>
/// <c>capsim catalog [NAME...] [--sources]</c>: the built-in accelerator catalog as a table whose
/// columns fit the longest entry, and with <c>--sources</c> where each figure comes from, wrapped
/// to the terminal.
/// </summary>
public static class CatalogCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, bool interactive)
    {
        var names = new Argument<string[]>("NAME") { Description = "Accelerators to show (any case); all by default.", Arity = ArgumentArity.ZeroOrMore };
        var sources = new Option<bool>("--sources") { Description = "Also print the source of each figure, one claim a line." };
        var leadTimes = new Option<bool>("--lead-times") { Description = "Print the lead-time catalog instead: each step on the path to power with its distribution, the year it describes and its source (scenario files may add or override entries under lead_times:)." };
        var command = new Command("catalog", "Print the built-in accelerator catalog (scenario files may add or override entries under accelerators:).")
        {
            names, sources, leadTimes,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(leadTimes)) return WriteLeadTimes(stdout, stderr, parse.GetValue(names) ?? [], TextWrap.Width(interactive));
            if (Pick(BuiltInCatalog.Load(), parse.GetValue(names) ?? [], a => a.Name, "accelerator", stderr) is not { } shown) return ExitCodes.InvalidInput;
            WriteTable(stdout, shown);
            if (parse.GetValue(sources))
                WriteSources(stdout, shown, TextWrap.Width(interactive));
            else
                stdout.WriteLine("\nWhere each figure comes from: capsim catalog --sources [NAME...]");
            return ExitCodes.Done;
        });
        return command;
    }

    /// <summary>
    /// The entries <paramref name="names"/> asks for (any case, each once, in the order asked), or
    /// the whole catalog when none is named; null after printing the closest name for one not in it.
    /// </summary>
    private static List<T>? Pick<T>(IReadOnlyList<T> catalog, string[] names, Func<T, string> nameOf, string what, TextWriter stderr) where T : class
    {
        var shown = new List<T>();
        foreach (string name in names)
        {
            if (catalog.FirstOrDefault(e => string.Equals(nameOf(e), name, StringComparison.OrdinalIgnoreCase)) is { } found)
            {
                if (!shown.Contains(found)) shown.Add(found);
                continue;
            }
            string? closest = Suggestions.Closest(name, catalog.Select(nameOf));
            stderr.WriteLine($"capsim: no {what} '{name}' in the built-in catalog" + (closest is null ? "" : $" (did you mean '{closest}'?)") +
                $"; names: {string.Join(", ", catalog.Select(nameOf))}");
            return null;
        }
        if (shown.Count == 0) shown.AddRange(catalog);
        return shown;
    }

    /// <summary>The lead-time catalog (or the named entries): name, unit, distribution, nominal, year, then each entry's source wrapped below.</summary>
    private static int WriteLeadTimes(TextWriter stdout, TextWriter stderr, string[] names, int width)
    {
        if (Pick(BuiltInLeadTimes.Load(), names, e => e.Name, "lead time", stderr) is not { } shown) return ExitCodes.InvalidInput;
        string[] headers = ["name", "unit", "distribution", "nominal", "year"];
        var rows = shown.Select(e => new[]
        {
            e.Name, e.InWeeks ? "weeks" : "months", IO.Reports.RunReport.Describe(e.Duration),
            e.Duration.Nominal.ToString("0.#", CultureInfo.InvariantCulture), e.Year.ToString(CultureInfo.InvariantCulture),
        }).ToList();
        int[] widths = [.. headers.Select((h, c) => rows.Select(r => r[c].Length).Append(h.Length).Max())];
        string Line(string[] cells) => string.Join("  ", cells.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd();
        stdout.WriteLine(Line(headers));
        foreach (var row in rows) stdout.WriteLine(Line(row));
        stdout.WriteLine();
        foreach (var e in shown)
        {
            stdout.WriteLine(e.Name + ":");
            foreach (string line in TextWrap.Wrap(e.Source, width, "  ", "  ")) stdout.WriteLine(line);
        }
        return ExitCodes.Done;
    }

    private static void WriteTable(TextWriter stdout, IReadOnlyList<Accelerator> accelerators)
    {
        var inv = CultureInfo.InvariantCulture;
        string[] headers = ["name", "available", "peak BF16 PFLOP/s", "TDP W", "all-in W", "unit cost"];
        var rows = accelerators.Select(a => new[]
        {
            a.Name,
            a.Available.ToString(),
            DecimalPointAligned(a.PeakFlops.Nominal / 1e15),
            a.TdpWatts.Nominal.ToString("#,0", inv),
            a.AllInWatts.Nominal.ToString("#,0", inv),
            a.UnitCostUsd.Nominal.ToString("$#,0", inv),
        }).ToList();
        int[] widths = [.. headers.Select((h, c) => rows.Select(r => r[c].Length).Append(h.Length).Max())];
        // Names and months read left to right; numbers line up on their last digit.
        string Line(string[] cells) => string.Join("  ", cells.Select((cell, c) => c < 2 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd();
        stdout.WriteLine(Line(headers));
        foreach (var row in rows) stdout.WriteLine(Line(row));
    }

    /// <summary>Up to three decimals, padded after the number so that right-aligned values line up on their decimal point: "2.5  ", "0.312", "8    ".</summary>
    private static string DecimalPointAligned(double value)
    {
        string text = value.ToString("0.###", CultureInfo.InvariantCulture);
        int point = text.IndexOf('.');
        return text + new string(' ', point < 0 ? 4 : 4 - (text.Length - point));
    }

    private static void WriteSources(TextWriter stdout, IReadOnlyList<Accelerator> accelerators, int width)
    {
        foreach (var a in accelerators)
        {
            stdout.WriteLine();
            stdout.WriteLine($"{a.Name}:");
            foreach (string clause in TextWrap.Clauses(a.Source))
                foreach (string line in TextWrap.Wrap(clause, width, "  ", "      "))
                    stdout.WriteLine(line);
        }
    }
}
