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
    /// long as the values). Only the order statistics the levels need are placed; a constant series
    /// needs none. From <see cref="BucketedFrom"/> values up, one pass counts the values into
    /// <see cref="Buckets"/> equal-width buckets between the least and the greatest, so each
    /// needed rank's bucket is known, and only those buckets' values are gathered and searched;
    /// fewer values are searched whole. A search is a quickselect, each one to the right of the
    /// last; the order statistic just after a placed one is the least value right of it.
    /// </summary>
    public static void Compute(ReadOnlySpan<double> values, IReadOnlyList<double> ps, Span<double> scratch, Span<double> output)
    {
        int n = values.Length;
        if (n == 0)
        {
            output[..ps.Count].Fill(double.NaN);
            return;
        }
        double min = values[0], max = values[0];
        bool nan = false;
        foreach (double v in values)
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
            var a = scratch[..n];
            values.CopyTo(a);
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
        count = 0;
        foreach (int rank in ranks)
            if (count == 0 || ranks[count - 1] != rank) ranks[count++] = rank;
        ranks = ranks[..count];

        Span<double> atRank = ranks.Length <= 128 ? stackalloc double[ranks.Length] : new double[ranks.Length];
        if (!BucketSelect(values, min, max, ranks, scratch, atRank))
        {
            var a = scratch[..n];
            values.CopyTo(a);
            Place(a, ranks);
            for (int i = 0; i < ranks.Length; i++) atRank[i] = a[ranks[i]];
        }
        for (int j = 0; j < ps.Count; j++)
        {
            // OfSorted's arithmetic, on the placed order statistics.
            double h = (n - 1) * ps[j] / 100.0;
            int lo = (int)Math.Floor(h);
            if (lo >= n - 1)
            {
                output[j] = atRank[ranks.IndexOf(n - 1)];
                continue;
            }
            double low = atRank[ranks.IndexOf(lo)], high = atRank[ranks.IndexOf(lo + 1)];
            output[j] = low + (h - lo) * (high - low);
        }
    }

    /// <summary>Buckets of the counting pass.</summary>
    public const int Buckets = 256;

    /// <summary>Fewest values counted into buckets (as many as there are buckets; docs/performance.md has the measurements); fewer are searched whole.</summary>
    public const int BucketedFrom = Buckets;

    /// <summary>
    /// The values at <paramref name="ranks"/> (ascending, distinct) into <paramref name="atRank"/>,
    /// searching only the buckets that hold them; false, with nothing done, when there are too few
    /// values or the range between <paramref name="min"/> and <paramref name="max"/> cannot be
    /// divided into buckets (infinite or too narrow for a finite scale).
    /// </summary>
    private static bool BucketSelect(ReadOnlySpan<double> values, double min, double max, ReadOnlySpan<int> ranks, Span<double> scratch, Span<double> atRank)
    {
        double scale = Buckets / (max - min);
        if (values.Length < BucketedFrom || !double.IsFinite(scale) || scale <= 0) return false;
        // The bucket of a value never decreases as the value grows (a rounded subtraction and a
        // product by a positive number keep order), so bucket b holds exactly the order statistics
        // from the count of values in the buckets before it on.
        Span<int> counts = stackalloc int[Buckets];
        counts.Clear();
        foreach (double v in values) counts[Bucket(v, min, scale)]++;
        Span<int> firstRank = stackalloc int[Buckets];
        Span<int> region = stackalloc int[Buckets];
        int first = 0;
        for (int b = 0; b < Buckets; b++)
        {
            firstRank[b] = first;
            first += counts[b];
            region[b] = -1;
        }
        // Where in scratch each needed bucket's values go, in bucket order.
        Span<int> bucketOf = ranks.Length <= 128 ? stackalloc int[ranks.Length] : new int[ranks.Length];
        int used = 0;
        for (int i = 0, b = 0; i < ranks.Length; i++)
        {
            while (ranks[i] >= firstRank[b] + counts[b]) b++;
            bucketOf[i] = b;
            if (region[b] < 0)
            {
                region[b] = used;
                used += counts[b];
            }
        }
        Span<int> next = stackalloc int[Buckets];
        region.CopyTo(next);
        foreach (double v in values)
        {
            int b = Bucket(v, min, scale);
            if (next[b] >= 0) scratch[next[b]++] = v;
        }
        // Each needed bucket's ranks, searched within its values.
        Span<int> local = ranks.Length <= 128 ? stackalloc int[ranks.Length] : new int[ranks.Length];
        for (int i = 0; i < ranks.Length;)
        {
            int b = bucketOf[i], from = i;
            while (i < ranks.Length && bucketOf[i] == b)
            {
                local[i] = ranks[i] - firstRank[b];
                i++;
            }
            var a = scratch.Slice(region[b], counts[b]);
            // A bucket of one repeated value (a cap most samples reach, say) needs no search.
            if (a.IndexOfAnyExcept(a[0]) >= 0) Place(a, local[from..i]);
            for (int k = from; k < i; k++) atRank[k] = a[local[k]];
        }
        return true;
    }

    private static int Bucket(double v, double min, double scale) => Math.Min((int)((v - min) * scale), Buckets - 1);

    /// <summary>
    /// Puts the values of <paramref name="a"/> that would stand at <paramref name="ranks"/>
    /// (ascending, distinct) in sorted order there: quickselect, each search right of the last;
    /// the order statistic just after a placed one is the least value to its right (a scan, where
    /// a selection would partition again).
    /// </summary>
    private static void Place(Span<double> a, ReadOnlySpan<int> ranks)
    {
        int left = 0;
        int previous = -1;
        foreach (int rank in ranks)
        {
            if (rank == previous + 1 && previous >= 0)
            {
                int least = rank;
                for (int i = rank + 1; i < a.Length; i++)
                    if (a[i] < a[least]) least = i;
                Swap(a, rank, least);
            }
            else Select(a, left, a.Length - 1, rank);
            left = rank + 1;
            previous = rank;
        }
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
