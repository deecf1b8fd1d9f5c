namespace CapacitySim.Core.Statistics;

/// <summary>Sample percentiles, linear between order statistics (Hyndman and Fan type 7, as R and NumPy default).</summary>
public static class Percentiles
{
    /// <summary>
    /// The p-th percentile (0..100) of ascending <paramref name="sorted"/>:
    /// h = (n - 1) p / 100, x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]).
    /// </summary>
    public static double OfSorted(ReadOnlySpan<double> sorted, double p)
    {
        if (sorted.Length == 0) return double.NaN;
        double h = (sorted.Length - 1) * p / 100.0;
        int lo = (int)Math.Floor(h);
        if (lo >= sorted.Length - 1) return sorted[^1];
        return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
    }

    /// <summary>Sorts a copy of <paramref name="values"/> into <paramref name="scratch"/> and writes each requested percentile.</summary>
    public static void Compute(ReadOnlySpan<double> values, IReadOnlyList<double> ps, Span<double> scratch, Span<double> output)
    {
        var sorted = scratch[..values.Length];
        values.CopyTo(sorted);
        sorted.Sort();
        for (int j = 0; j < ps.Count; j++) output[j] = OfSorted(sorted, ps[j]);
    }
}
