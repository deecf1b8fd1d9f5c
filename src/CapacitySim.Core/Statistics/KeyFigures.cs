using CapacitySim.Core.Engine;

namespace CapacitySim.Core.Statistics;

/// <summary>P10, P50 and P90 of one figure over samples.</summary>
public readonly record struct Spread(double P10, double P50, double P90)
{
    /// <summary>The spread of <paramref name="values"/> (type-7 percentiles).</summary>
    public static Spread Of(ReadOnlySpan<double> values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return new Spread(Percentiles.OfSorted(sorted, 10), Percentiles.OfSorted(sorted, 50), Percentiles.OfSorted(sorted, 90));
    }
}

/// <summary>
/// The headline figures at the end of a year, total scope: powered IT in GW, H100e, facility
/// energy of the year in TWh, capex (facility + hardware + supply) summed from the run's first month in
/// USD, and H100e per researcher (null without researchers).
/// </summary>
public sealed record KeyFigureRow(string Year, Spread PoweredGw, Spread H100e, Spread FacilityTwh, Spread CumulativeCapexUsd, Spread? H100ePerResearcher);

/// <summary>Builds the end-of-year key figures from annual per-sample values.</summary>
public static class KeyFigures
{
    public static IReadOnlyList<KeyFigureRow> Of(SampleSeries annual)
    {
        int total = annual.TotalScope;
        var rows = new List<KeyFigureRow>();
        for (int y = 0; y < annual.Periods; y++)
        {
            rows.Add(new KeyFigureRow(
                annual.PeriodLabels[y],
                Scaled(annual.Values(total, Metric.ItPoweredMw, y), 1e-3),
                Spread.Of(annual.Values(total, Metric.H100e, y)),
                Scaled(annual.Values(total, Metric.FacilityEnergyMwh, y), 1e-6),
                Spread.Of(annual.Values(total, Metric.CapexCumulativeUsd, y)),
                annual.Has(total, Metric.H100ePerResearcher) ? Spread.Of(annual.Values(total, Metric.H100ePerResearcher, y)) : null));
        }
        return rows;
    }

    private static Spread Scaled(ReadOnlySpan<double> values, double factor)
    {
        var s = Spread.Of(values);
        return new Spread(s.P10 * factor, s.P50 * factor, s.P90 * factor);
    }
}
