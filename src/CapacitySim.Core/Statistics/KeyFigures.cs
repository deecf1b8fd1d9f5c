using System.Globalization;
using CapacitySim.Core.Engine;

namespace CapacitySim.Core.Statistics;

/// <summary>One key figure in its metric's unit: the middle value, and the band's ends (equal to it when the run has no band).</summary>
public readonly record struct KeyFigure(double Middle, double Low, double High);

/// <summary>The key figures at the end of one year, one per column of <see cref="KeyFigureTable.Columns"/>.</summary>
public sealed record KeyFigureRow(string Year, IReadOnlyList<KeyFigure> Values);

/// <summary>
/// The headline figures at the end of each year, total scope, as annual.csv has them: what the
/// middle value is (<see cref="MiddleLabel"/>: P50, the mean when 50 is not requested, or nominal)
/// and what the band spans (<see cref="Band"/>: the lowest to the highest requested
/// percentile, P5 to P95; null for the nominal run or a single percentile).
/// </summary>
public sealed record KeyFigureTable(IReadOnlyList<(Metric Metric, string Title)> Columns, string MiddleLabel, (string Low, string High)? Band, int Samples, IReadOnlyList<KeyFigureRow> Rows)
{
    /// <summary>True when the figures have a band to show beside the middle value.</summary>
    public bool HasBand => Band is not null;

    /// <summary>"P5-P95", or null without a band.</summary>
    public string? BandLabel => Band is { } b ? $"{b.Low}-{b.High}" : null;
}

/// <summary>Builds the end-of-year key figures from the annual statistics, with the percentiles the scenario asked for.</summary>
public static class KeyFigures
{
    /// <summary>
    /// The columns, in order: powered IT, H100e, facility energy, its cost and emissions of the year,
    /// embodied emissions and emissions to date (report only), capex (facility + hardware + supply)
    /// from the run's first month, TCO and USD per H100e-hour of the year (report only), and H100e
    /// per researcher when the run has researchers.
    /// </summary>
    private static readonly (Metric Metric, string Title)[] Columns =
    [
        (Metric.ItPoweredMw, "powered IT"),
        (Metric.H100e, "H100e"),
        (Metric.FacilityEnergyMwh, "facility energy in the year"),
        (Metric.EnergyCostUsd, "energy cost in the year"),
        (Metric.EmissionsTco2, "emissions in the year"),
        (Metric.EmissionsEmbodiedTco2, "embodied emissions in the year"),
        (Metric.EmissionsCumulativeTco2, "emissions to date"),
        (Metric.CapexCumulativeUsd, "capex to date"),
        (Metric.TcoUsd, "TCO in the year"),
        (Metric.UsdPerH100eHour, "USD per H100e-hour in the year"),
        (Metric.H100ePerResearcher, "H100e per researcher"),
    ];

    /// <summary>The columns report.md has room for and a terminal does not.</summary>
    private static readonly Metric[] ReportOnly =
        [Metric.EnergyCostUsd, Metric.EmissionsTco2, Metric.EmissionsEmbodiedTco2, Metric.EmissionsCumulativeTco2, Metric.TcoUsd, Metric.UsdPerH100eHour];

    /// <summary>The table; energy cost, emissions and the life-cycle figures only with <paramref name="costAndEmissions"/> (report.md has room for them, a terminal does not).</summary>
    public static KeyFigureTable Of(Summary annual, bool costAndEmissions = false)
    {
        var series = annual.Source;
        int total = series.TotalScope;
        var levels = annual.PercentileLevels.ToList();
        bool nominal = RunPlan.IsNominalRun(series.Samples);
        int middle = levels.IndexOf(50);
        int low = levels.IndexOf(levels.Min()), high = levels.IndexOf(levels.Max());
        bool band = !nominal && levels.Count > 1;
        string Level(int i) => "P" + levels[i].ToString("R", CultureInfo.InvariantCulture);

        var columns = Columns.Where(c => series.Has(total, c.Metric) && (costAndEmissions || !ReportOnly.Contains(c.Metric))).ToList();
        var rows = new List<KeyFigureRow>();
        for (int year = 0; year < series.Periods; year++)
        {
            var values = columns.Select(c =>
            {
                var row = annual.Find(year, total, c.Metric)!;
                double m = middle >= 0 ? row.Percentiles[middle] : row.Mean;
                return band ? new KeyFigure(m, row.Percentiles[low], row.Percentiles[high]) : new KeyFigure(m, m, m);
            }).ToList();
            rows.Add(new KeyFigureRow(series.PeriodLabels[year], values));
        }
        return new KeyFigureTable(columns, nominal ? "nominal" : middle >= 0 ? "P50" : "mean", band ? (Level(low), Level(high)) : null, series.Samples, rows);
    }
}
