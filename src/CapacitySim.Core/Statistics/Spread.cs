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
