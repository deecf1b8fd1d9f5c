using CapacitySim.Core.Engine;
using CapacitySim.Core.Sweeps;
using CapacitySim.IO.Csv;
using CsvHelper;

namespace CapacitySim.IO.Sweeps;

/// <summary>
/// sweep.csv, tidy: one row per point x metric x month with the point index, each axis's value,
/// the metric, its unit, the month, the mean and one column per percentile; invariant culture,
/// LF line ends, numbers in shortest round-trip form.
/// </summary>
public static class SweepCsv
{
    /// <summary>The header: point, the axes, metric, unit, month, mean, p10, p50, ...</summary>
    public static string[] Header(SweepResults results) =>
        ["point", .. results.AxisNames, "metric", "unit", "month", "mean", .. results.Percentiles.Select(SummaryCsv.PercentileColumn)];

    public static void Write(SweepResults results, string path)
    {
        using var writer = new StreamWriter(path, false, new System.Text.UTF8Encoding(false));
        using var csv = CsvWriter.Create(writer, new CsvWriterOptions { NewLine = "\n" }, leaveOpen: true);
        var header = Header(results);
        csv.WriteRecord(header);
        var fields = new string[header.Length];
        int axes = results.AxisNames.Count;
        foreach (var row in results.Rows)
        {
            var info = row.Metric.Info();
            fields[0] = row.Point.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var values = results.AxisValues[row.Point];
            for (int a = 0; a < axes; a++) fields[1 + a] = SummaryCsv.Number(values[a]);
            fields[axes + 1] = info.Name;
            fields[axes + 2] = info.Unit;
            fields[axes + 3] = row.Month;
            fields[axes + 4] = SummaryCsv.Number(row.Mean);
            for (int j = 0; j < row.Percentiles.Length; j++) fields[axes + 5 + j] = SummaryCsv.Number(row.Percentiles[j]);
            csv.WriteRecord(fields);
        }
        csv.Flush();
    }
}
