using CapacitySim.Core.Engine;

namespace CapacitySim.Core.Sweeps;

/// <summary>
/// A Latin hypercube design: N points in D ranges, each range cut into N equal strata with one
/// point in each, strata paired across ranges at random. The draws come from the seed alone, so
/// every shard of a sweep computes the same design.
/// </summary>
public static class LatinHypercube
{
    /// <summary>Key of the design's random stream (kept apart from every scenario parameter's key).</summary>
    private static readonly ulong StreamKey = CounterRandom.KeyOf("sweep.latin-hypercube");

    /// <summary>
    /// Values[point][axis] in [low, high] of each range: for axis a, lows[a] + (stratum + u) / N x
    /// (highs[a] - lows[a]), with the strata a random permutation of 0..N-1 and u uniform in (0, 1).
    /// </summary>
    public static double[][] Design(int points, IReadOnlyList<(double Low, double High)> ranges, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(points, 1);
        var values = new double[points][];
        for (int i = 0; i < points; i++) values[i] = new double[ranges.Count];
        var random = new CounterRandom();
        var strata = new int[points];
        for (int a = 0; a < ranges.Count; a++)
        {
            // One stream per axis: adding an axis does not move the others' points.
            random.Reset(seed, a, StreamKey);
            for (int i = 0; i < points; i++) strata[i] = i;
            for (int i = points - 1; i > 0; i--)
            {
                int j = random.Next(i + 1);
                (strata[i], strata[j]) = (strata[j], strata[i]);
            }
            var (low, high) = ranges[a];
            for (int i = 0; i < points; i++)
                values[i][a] = low + (strata[i] + random.NextDouble()) / points * (high - low);
        }
        return values;
    }
}
