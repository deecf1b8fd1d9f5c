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

    /// <summary>
    /// Writes each requested percentile of <paramref name="values"/> (type 7, the same numbers as
    /// <see cref="OfSorted"/> of the sorted values) using <paramref name="scratch"/> (at least as
    /// long as the values). Only the order statistics the levels need are placed, by selection
    /// (quickselect, each one searching only right of the last; the one just after a placed one is
    /// the least value right of it); a constant series needs none.
    /// </summary>
    public static void Compute(ReadOnlySpan<double> values, IReadOnlyList<double> ps, Span<double> scratch, Span<double> output)
    {
        int n = values.Length;
        if (n == 0)
        {
            output[..ps.Count].Fill(double.NaN);
            return;
        }
        var a = scratch[..n];
        values.CopyTo(a);
        double min = a[0], max = a[0];
        bool nan = false;
        foreach (double v in a)
        {
            if (v < min) min = v;
            else if (v > max) max = v;
            nan |= double.IsNaN(v);
        }
        if (!nan && min == max)
        {
            output[..ps.Count].Fill(min);
            return;
        }
        if (nan)
        {
            // Selection needs a total order; NaN has none, so sort (NaN first, as Array.Sort does).
            a.Sort();
            for (int j = 0; j < ps.Count; j++) output[j] = OfSorted(a, ps[j]);
            return;
        }

        // The ranks the levels read: floor(h) and floor(h) + 1, ascending and distinct.
        Span<int> ranks = ps.Count <= 64 ? stackalloc int[2 * ps.Count] : new int[2 * ps.Count];
        int count = 0;
        for (int j = 0; j < ps.Count; j++)
        {
            int lo = (int)Math.Floor((n - 1) * ps[j] / 100.0);
            ranks[count++] = Math.Min(lo, n - 1);
            ranks[count++] = Math.Min(lo + 1, n - 1);
        }
        ranks = ranks[..count];
        ranks.Sort();
        int left = 0;
        int previous = -1;
        foreach (int rank in ranks)
        {
            if (rank == previous) continue;
            if (rank == previous + 1 && previous >= 0)
            {
                // The order statistic just after one in place is the least value to its right:
                // a scan, where a selection would partition again.
                int least = rank;
                for (int i = rank + 1; i < n; i++)
                    if (a[i] < a[least]) least = i;
                Swap(a, rank, least);
            }
            else Select(a, left, n - 1, rank);
            left = rank + 1;
            previous = rank;
        }
        for (int j = 0; j < ps.Count; j++) output[j] = OfSorted(a, ps[j]);
    }

    /// <summary>
    /// Rearranges a[left..right] so that a[k] holds the value it would hold sorted, with nothing
    /// larger before it and nothing smaller after it (Hoare partitioning, median-of-three pivots).
    /// </summary>
    private static void Select(Span<double> a, int left, int right, int k)
    {
        while (right > left)
        {
            int middle = left + (right - left) / 2;
            // Median of three to a[middle].
            if (a[middle] < a[left]) Swap(a, middle, left);
            if (a[right] < a[left]) Swap(a, right, left);
            if (a[right] < a[middle]) Swap(a, right, middle);
            double pivot = a[middle];
            int i = left, j = right;
            while (i <= j)
            {
                while (a[i] < pivot) i++;
                while (a[j] > pivot) j--;
                if (i <= j)
                {
                    Swap(a, i, j);
                    i++;
                    j--;
                }
            }
            // Now a[left..j] <= pivot <= a[i..right], and a[j+1..i-1] == pivot.
            if (k <= j) right = j;
            else if (k >= i) left = i;
            else return;
        }
    }

    private static void Swap(Span<double> a, int i, int j) => (a[i], a[j]) = (a[j], a[i]);
}
