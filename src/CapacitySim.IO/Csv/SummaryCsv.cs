using System.Globalization;
using CapacitySim.Core.Engine;
using CapacitySim.Core.Statistics;
using CsvHelper;

namespace CapacitySim.IO.Csv;

/// <summary>
/// Writes monthly.csv and annual.csv: one row per period x scope x metric with the unit, mean and
/// one column per requested percentile (p10, p50, ...), invariant culture, LF line ends, numbers
/// in shortest round-trip form.
/// </summary>
public static class SummaryCsv
{
    /// <summary>Writes <paramref name="summary"/>; <paramref name="periodColumn"/> is "month" or "year".</summary>
    public static void Write(Summary summary, string periodColumn, TextWriter writer)
    {
        using var csv = CsvWriter.Create(writer, new CsvWriterOptions { NewLine = "\n" }, leaveOpen: true);
        string[] header = [periodColumn, "scope", "metric", "unit", "mean", .. summary.PercentileLevels.Select(PercentileColumn)];
        csv.WriteRecord(header);
        var fields = new string[header.Length];
        foreach (var row in summary.Rows)
        {
            var info = row.Metric.Info();
            fields[0] = summary.Source.PeriodLabels[row.Period];
            fields[1] = summary.Source.ScopeNames[row.Scope];
            fields[2] = info.Name;
            fields[3] = info.Unit;
            fields[4] = Number(row.Mean);
            for (int j = 0; j < row.Percentiles.Length; j++) fields[5 + j] = Number(row.Percentiles[j]);
            csv.WriteRecord(fields);
        }
        csv.Flush();
    }

    /// <summary>Writes to a file, UTF-8 without BOM.</summary>
    public static void Write(Summary summary, string periodColumn, string path)
    {
        using var writer = new StreamWriter(path, false, new System.Text.UTF8Encoding(false));
        Write(summary, periodColumn, writer);
    }

    /// <summary>"p10", "p2.5": the column name of a percentile level.</summary>
    public static string PercentileColumn(double level) => "p" + level.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Shortest round-trip invariant form of a number.</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
