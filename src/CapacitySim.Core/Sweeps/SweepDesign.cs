namespace CapacitySim.Core.Sweeps;

/// <summary>
/// How a sweep's points are laid out: a grid (the cross product of every axis's values, the first
/// axis varying slowest, as nested loops written in file order) or a Latin hypercube of
/// <see cref="Points"/> points.
/// </summary>
public sealed record SweepDesign(bool IsGrid, IReadOnlyList<int> ValueCounts, int Points)
{
    /// <summary>The grid of the given value counts per axis.</summary>
    public static SweepDesign Grid(IReadOnlyList<int> valueCounts) =>
        new(true, valueCounts, valueCounts.Aggregate(1, (n, c) => checked(n * c)));

    /// <summary>A Latin hypercube of <paramref name="points"/> points over <paramref name="axes"/> ranges.</summary>
    public static SweepDesign LatinHypercube(int axes, int points) => new(false, [.. Enumerable.Repeat(points, axes)], points);

    public int Axes => ValueCounts.Count;

    /// <summary>The value index of each axis at a grid point (mixed radix, last axis fastest).</summary>
    public int[] IndicesOf(int point)
    {
        var indices = new int[Axes];
        for (int a = Axes - 1; a >= 0; a--)
        {
            indices[a] = point % ValueCounts[a];
            point /= ValueCounts[a];
        }
        return indices;
    }

    /// <summary>The grid point of the given value indices.</summary>
    public int PointOf(IReadOnlyList<int> indices)
    {
        int point = 0;
        for (int a = 0; a < Axes; a++) point = point * ValueCounts[a] + indices[a];
        return point;
    }

    /// <summary>The middle value's index of a grid axis: the lower of the two middles for an even count.</summary>
    public int MiddleIndex(int axis) => (ValueCounts[axis] - 1) / 2;

    /// <summary>The points a shard runs: <paramref name="shard"/>, + <paramref name="shards"/>, + 2 x <paramref name="shards"/>, ...</summary>
    public IEnumerable<int> PointsOfShard(int shard, int shards)
    {
        for (int p = shard; p < Points; p += shards) yield return p;
    }
}
