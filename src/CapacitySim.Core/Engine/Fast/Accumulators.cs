using System.Numerics;
using System.Runtime.CompilerServices;
using CapacitySim.Core.Engine.Parameters;

namespace CapacitySim.Core.Engine.Fast;

/// <summary>
/// A chunk's sums over sites. Per bucket (the sites of one region, in region-name order, sites
/// without a region first) a plane per lane vector of the chunk, and in it a block per month laid
/// out [row][lane of the vector], a row per summed metric, so a site's month adds into one
/// contiguous block of about a kilobyte, and a block of months into memory that stays in L1.
/// The total is the sum of the buckets in a fixed order, so its bits do not depend on which
/// scopes are kept. Row r is the metric with enum value
/// r: the site metrics come first in the metric table, so a site's values indexed by metric are
/// added as one contiguous block. Facility demand, H100e and TCO are not summed (their rows stay
/// 0): they follow from facility energy, peak FLOP/s and the four parts of TCO.
/// </summary>
internal sealed class Accumulators
{
    /// <summary>Lanes per row: the chunk size, a whole number of vectors whatever the vector width.</summary>
    public const int Lanes = FastEngine.ChunkSize;

    /// <summary>Rows per month: one per site metric, row r for the metric with enum value r.</summary>
    public static readonly int RowCount = Metrics.SiteComputed.Count;

    /// <summary>The summed metrics: every site metric but facility demand, H100e and TCO, which follow from the sums.</summary>
    private static readonly Metric[] Summed = [.. Metrics.SiteComputed.Where(m => m is not (Metric.FacilityDemandMw or Metric.H100e or Metric.TcoUsd))];

    /// <summary>Lanes of a vector: a row's width in a block.</summary>
    private static readonly int W = Vector<double>.Count;

    /// <summary>Doubles per month in a lane vector's plane: a row of a vector's lanes per site metric.</summary>
    public static readonly int MonthStride = RowCount * Vector<double>.Count;

    /// <summary>Where the block of month t for the lane vector starting at lane j begins, in sums of <paramref name="months"/> months.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Offset(int months, int t, int j) => (j / Vector<double>.Count * months + t) * MonthStride;

    /// <summary>Checked once: the site metrics are the first enum values, so row r is metric r.</summary>
    static Accumulators()
    {
        if (Metrics.SiteComputed.Select((m, r) => (int)m == r).Any(same => !same))
            throw new InvalidOperationException("the site metrics must come first in the Metric enum, in table order");
    }

    private readonly SimulationResult _result;
    private readonly int _months;
    private readonly double[][] _buckets;
    private readonly int[] _scopeOfBucket;
    private readonly double[] _total;

    public Accumulators(ScenarioLayout layout, SimulationResult result)
    {
        var scenario = layout.Scenario;
        _result = result;
        _months = layout.Months;
        // Sites of one region one after another, so its sums stay in cache; the order depends only
        // on the scenario, so totals are the same bits whichever scopes are kept.
        SiteOrder = [.. Enumerable.Range(0, scenario.Sites.Count).OrderBy(s => scenario.Sites[s].Region ?? "", StringComparer.Ordinal)];
        var bucketNames = SiteOrder.Select(s => scenario.Sites[s].Region ?? "").Distinct().ToList();
        BucketOfSite = [.. scenario.Sites.Select(site => bucketNames.IndexOf(site.Region ?? ""))];
        _scopeOfBucket = [.. bucketNames.Select(name => name.Length == 0 ? -1
            : result.RegionScopeOf[Array.FindIndex(BucketOfSite, b => bucketNames[b] == name)])];
        _buckets = [.. bucketNames.Select(_ => new double[_months * RowCount * Lanes])];
        _total = _buckets.Length == 1 ? _buckets[0] : new double[_months * RowCount * Lanes];
    }

    /// <summary>The order sites are run in: by region.</summary>
    public int[] SiteOrder { get; }

    /// <summary>Per site, its bucket.</summary>
    public int[] BucketOfSite { get; }

    /// <summary>The sums of a bucket, [lane vector][month][row][lane of the vector] (<see cref="Offset"/>).</summary>
    public double[] Bucket(int bucket) => _buckets[bucket];

    public void Clear()
    {
        foreach (var bucket in _buckets) Array.Clear(bucket);
    }

    /// <summary>Adds one metric's value to its row of the month block at <paramref name="block"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add(ref double block, Metric metric, Vector<double> value)
    {
        ref var slot = ref Unsafe.As<double, Vector<double>>(ref Unsafe.Add(ref block, (int)metric * Vector<double>.Count));
        slot += value;
    }

    /// <summary>Adds the buckets into the total's sums (bucket order is fixed), unless there is one bucket, which is the total.</summary>
    public void SumBuckets()
    {
        if (_buckets.Length == 1) return;
        _buckets[0].CopyTo(_total, 0);
        for (int b = 1; b < _buckets.Length; b++) VectorMath.AddTo(_total, _buckets[b]);
    }

    /// <summary>
    /// Moves the chunk's region and total sums into the result's sample range, deriving facility
    /// demand (facility energy / hours) and H100e (peak FLOP/s / the H100's) from the sums.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void CopyToResult(int first, int count, double[] hoursOf, Lane h100PeakFlops)
    {
        int samples = _result.Samples;
        var targets = _scopeOfBucket.Select((scope, b) => (Scope: scope, From: _buckets[b])).Where(x => x.Scope >= 0)
            .Append((Scope: _result.TotalScope, From: _total));
        foreach (var (scope, from) in targets)
        {
            var to = _result.Series[scope];
            var demand = to[(int)Metric.FacilityDemandMw]!;
            var h100e = to[(int)Metric.H100e]!;
            var tco = to[(int)Metric.TcoUsd]!;
            for (int t = 0; t < _months; t++)
            {
                int row = t * samples + first;
                foreach (var metric in Summed)
                {
                    var target = to[(int)metric]!;
                    // A metric no site of the scope can have: its sums are 0 and its array the shared zeros.
                    if (ReferenceEquals(target, _result.Zeros)) continue;
                    for (int v = 0; v * W < count; v++)
                    {
                        int at = Offset(_months, t, v * W) + (int)metric * W;
                        if (count - v * W >= W) new Vector<double>(from, at).CopyTo(target, row + v * W);
                        else from.AsSpan(at, count - v * W).CopyTo(target.AsSpan(row + v * W));
                    }
                }
                var hours = new Vector<double>(hoursOf[t]);
                for (int j = 0; j < count; j += W)
                {
                    int block = Offset(_months, t, j);
                    Vector<double> Row(Metric metric) => new(from, block + (int)metric * W);
                    var values = Row(Metric.FacilityEnergyMwh) / hours;
                    var equivalents = Row(Metric.PeakFlops) / h100PeakFlops.At(j);
                    // TCO of the sums: depreciation + capital charge + O&M + energy cost, as each site's.
                    var cost = Row(Metric.DepreciationUsd) + Row(Metric.CapitalChargeUsd) + Row(Metric.OmUsd) + Row(Metric.EnergyCostUsd);
                    if (count - j >= W)
                    {
                        values.CopyTo(demand, row + j);
                        equivalents.CopyTo(h100e, row + j);
                        cost.CopyTo(tco, row + j);
                    }
                    else
                        for (int l = 0; l < count - j; l++)
                            (demand[row + j + l], h100e[row + j + l], tco[row + j + l]) = (values[l], equivalents[l], cost[l]);
                }
            }
        }
    }
}
