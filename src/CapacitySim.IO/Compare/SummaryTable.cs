using System.Globalization;
using CsvHelper;

namespace CapacitySim.IO.Compare;

/// <summary>One row of monthly.csv or annual.csv: the unit, the mean and the percentiles in column order.</summary>
public sealed record SummaryValues(string Unit, double Mean, double[] Percentiles);

/// <summary>
/// monthly.csv or annual.csv read back: what a comparison reuses, so its numbers are exactly the
/// numbers of the runs' own files.
/// </summary>
public sealed class SummaryTable
{
    private readonly Dictionary<(string Period, string Scope, string Metric), SummaryValues> _rows;

    private SummaryTable(IReadOnlyList<double> levels, IReadOnlyList<string> periods, HashSet<string> scopes, Dictionary<(string, string, string), SummaryValues> rows)
    {
        PercentileLevels = levels;
        Periods = periods;
        Scopes = scopes;
        _rows = rows;
    }

    /// <summary>The percentile levels of the columns p10, p50, ... in order.</summary>
    public IReadOnlyList<double> PercentileLevels { get; }

    /// <summary>The periods (YYYY-MM or YYYY) in file order.</summary>
    public IReadOnlyList<string> Periods { get; }

    public IReadOnlySet<string> Scopes { get; }

    public SummaryValues? Find(string period, string scope, string metric) => _rows.GetValueOrDefault((period, scope, metric));

    /// <summary>True when any row has this scope and metric.</summary>
    public bool Has(string scope, string metric) => Periods.Count > 0 && Find(Periods[^1], scope, metric) is not null;

    /// <summary>Reads a summary CSV written by <see cref="Csv.SummaryCsv"/>.</summary>
    public static SummaryTable Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var csv = CsvReader.Create(stream, new CsvReaderOptions { Separator = ',' }, leaveOpen: true);
        var rows = new Dictionary<(string, string, string), SummaryValues>();
        var periods = new List<string>();
        var scopes = new HashSet<string>();
        double[]? levels = null;
        while (csv.Read())
        {
            if (levels is null)
            {
                var headers = csv.Headers.ToArray();
                if (headers.Length < 5 || headers[1] != "scope" || headers[4] != "mean")
                    throw new InvalidDataException($"{path} is not a CapacitySim summary (header {string.Join(",", headers)})");
                levels = [.. headers.Skip(5).Select(h => double.Parse(h[1..], CultureInfo.InvariantCulture))];
            }
            string period = csv.GetString(0);
            if (periods.Count == 0 || periods[^1] != period) periods.Add(period);
            string scope = csv.GetString(1);
            scopes.Add(scope);
            var ps = new double[levels.Length];
            for (int j = 0; j < ps.Length; j++) ps[j] = Parse(csv.GetString(5 + j));
            rows[(period, scope, csv.GetString(2))] = new SummaryValues(csv.GetString(3), Parse(csv.GetString(4)), ps);
        }
        return new SummaryTable(levels ?? [], periods, scopes, rows);
    }

    private static double Parse(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
