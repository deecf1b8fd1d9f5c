using System.Numerics;
using System.Runtime.CompilerServices;
using CapacitySim.Core.Model;

namespace CapacitySim.Core.Engine;

/// <summary>
/// The fast engine: the same model as <see cref="ReferenceEngine"/>, computed for a chunk of
/// samples at a time with SIMD across samples. A chunk's parameters are drawn into
/// struct-of-arrays lanes (fixed numbers stay scalars); each site is then run month by month, all
/// of its formulas fused in one pass over the lanes, and its values written straight into the
/// result (site scope) and added to the total. Chunks cover disjoint samples, so they run on all
/// cores without locks, and a sample's numbers do not depend on the chunk or thread.
/// </summary>
public static class FastEngine
{
    /// <summary>
    /// Samples per chunk. Small on purpose: a site adds every metric of every month to its region's
    /// and the total's accumulators, [metric][month][lane]; at 16 lanes those stay in L2 cache.
    /// </summary>
    public const int ChunkSize = 16;

    /// <summary>Runs every sample of <paramref name="scenario"/>; <paramref name="progress"/> receives completed sample counts.</summary>
    public static SimulationResult Run(Scenario scenario, RunSettings? settings = null, IProgress<int>? progress = null, CancellationToken cancellation = default)
    {
        settings ??= new RunSettings();
        int samples = settings.Samples ?? scenario.Samples;
        ulong seed = settings.Seed ?? scenario.Seed;
        var result = new SimulationResult(scenario, samples, settings.Scopes);
        int chunks = (samples + ChunkSize - 1) / ChunkSize;
        int done = 0;
        var options = new ParallelOptions
        {
            MaxDegreeOfParallelism = settings.MaxThreads ?? Environment.ProcessorCount,
            CancellationToken = cancellation,
        };
        Parallel.For(0, chunks, options, () => new ChunkKernel(scenario, result, seed, settings.Pinned), (chunk, _, kernel) =>
        {
            int first = chunk * ChunkSize;
            int count = Math.Min(ChunkSize, samples - first);
            kernel.Run(first, count);
            progress?.Report(Interlocked.Add(ref done, count));
            return kernel;
        }, _ => { });
        result.DeriveCumulativeCapex();
        return result;
    }

    /// <summary>The per-thread state of the fast engine: lane buffers allocated once and reused for every chunk and site.</summary>
    private sealed class ChunkKernel
    {
        private static readonly int W = Vector<double>.Count;
        private readonly Scenario _scenario;
        private readonly SimulationResult _result;
        private readonly Sampler _sampler;
        private readonly int _months;
        private readonly int _padded;
        private readonly double[] _hours;
        private readonly int[] _calendarMonth;
        private readonly List<double[]> _pool = [];
        private int _poolUsed;
        private readonly double[][] _clusterSums;
        private readonly double[] _loneMax;
        private readonly int[][] _clustersOf;

        /// <summary>Per kept region (in scope order) then the total: one [month x lane] accumulator per site metric.</summary>
        private readonly double[][][] _accumulators;
        private readonly int[] _accumulatorOfRegionScope;
        private readonly int[] _siteOrder;

        /// <summary>Catalog entries a run can install or compares with: the roadmap, named ones, and H100.</summary>
        private readonly bool[] _usedGenerations;

        public ChunkKernel(Scenario scenario, SimulationResult result, ulong seed, IReadOnlyDictionary<ulong, double>? pinned)
        {
            _scenario = scenario;
            _result = result;
            _sampler = new Sampler(seed, result.Samples, pinned);
            _months = scenario.Months;
            _samples = result.Samples;
            _padded = (ChunkSize + W - 1) / W * W;
            _hours = [.. Enumerable.Range(0, _months).Select(t => scenario.Start.AddMonths(t).Hours)];
            _calendarMonth = [.. Enumerable.Range(0, _months).Select(t => scenario.Start.AddMonths(t).Month)];
            _clusterSums = [.. scenario.Clusters.Select(_ => new double[_months * _padded])];
            _loneMax = new double[_months * _padded];
            var regionScopes = result.RegionScopeOf.Where(r => r >= 0).Distinct().Order().ToArray();
            _accumulatorOfRegionScope = new int[result.ScopeNames.Count];
            Array.Fill(_accumulatorOfRegionScope, -1);
            for (int k = 0; k < regionScopes.Length; k++) _accumulatorOfRegionScope[regionScopes[k]] = k;
            _accumulators = [.. Enumerable.Range(0, regionScopes.Length + 1)
                .Select(_ => Enumerable.Range(0, Metrics.SiteMetricCount).Select(_ => new double[_months * _padded]).ToArray())];
            // Sites of one region one after another, so its accumulators stay in cache; the order
            // depends only on the scenario, so totals are the same bits whichever scopes are kept.
            _siteOrder = [.. Enumerable.Range(0, scenario.Sites.Count).OrderBy(s => scenario.Sites[s].Region ?? "", StringComparer.Ordinal)];
            var named = scenario.Sites.SelectMany(s => s.Phases).Select(p => p.Accelerator).OfType<string>().ToHashSet();
            _usedGenerations = [.. scenario.Catalog.Select(g => scenario.Roadmap.Contains(g.Name) || g.Name == "H100" || named.Contains(g.Name))];
            _clustersOf = [.. Enumerable.Range(0, scenario.Sites.Count)
                .Select(s => Enumerable.Range(0, scenario.Clusters.Count).Where(c => scenario.Clusters[c].SiteIndices.Contains(s)).ToArray())];
        }

        private double[] Buffer()
        {
            if (_poolUsed == _pool.Count) _pool.Add(new double[_padded]);
            return _pool[_poolUsed++];
        }

        private Lane Draw(Uncertain u, int first, int count) => Lane.Draw(u, _sampler, first, count, Buffer());

        /// <summary>One accelerator's lanes: available position with slip, peak FLOP/s, all-in watts, unit cost.</summary>
        private readonly record struct Generation(Lane Available, Lane Peak, Lane AllIn, Lane Cost);

        private int _first;
        private readonly int _samples;

        public void Run(int first, int count)
        {
            _first = first;
            _poolUsed = 0;
            var start = _scenario.Start;
            var catalog = _scenario.Catalog;
            var generations = new Generation[catalog.Count];
            for (int a = 0; a < catalog.Count; a++)
            {
                if (!_usedGenerations[a]) continue;
                var g = catalog[a];
                var available = AddScalar(Draw(g.SlipMonths, first, count), g.Available.PositionFrom(start));
                generations[a] = new Generation(available, Draw(g.PeakFlops, first, count), Draw(g.AllInWatts, first, count), Draw(g.UnitCostUsd, first, count));
            }
            int[] roadmap = [.. _scenario.Roadmap.Select(n => IndexOf(catalog, n))];
            var h100Peak = generations[IndexOf(catalog, "H100")].Peak;
            int catalogBuffers = _poolUsed;

            foreach (var sums in _clusterSums) Array.Clear(sums);
            Array.Clear(_loneMax);
            foreach (var scope in _accumulators) foreach (var metric in scope) Array.Clear(metric);
            foreach (int s in _siteOrder)
            {
                _poolUsed = catalogBuffers;
                RunSite(s, first, count, generations, roadmap, h100Peak);
            }
            CopyAccumulators(first, count);
            FinishTotals(first, count);
        }

        private static Lane AddScalar(Lane lane, double add)
        {
            if (lane.Values is null) return Lane.Of(lane.Scalar + add);
            var buffer = lane.Values;
            for (int j = 0; j < buffer.Length; j++) buffer[j] += add;
            return lane;
        }

        private static int IndexOf(IReadOnlyList<Accelerator> catalog, string name)
        {
            for (int a = 0; a < catalog.Count; a++) if (catalog[a].Name == name) return a;
            return -1;
        }

        private readonly record struct PhaseLanes(Lane Online, Lane ItMw, Lane Ramp, bool Linear, int Named);

        private readonly record struct SupplyLanes(Lane Mw, int From, int Until, Lane Price, Lane GCo2);

        private void RunSite(int s, int first, int count, Generation[] generations, int[] roadmap, Lane h100Peak)
        {
            var site = _scenario.Sites[s];
            var start = _scenario.Start;
            var pue = Draw(site.Pue, first, count);
            var designPue = ReferenceEquals(site.DesignPue, site.Pue) ? pue : Draw(site.DesignPue, first, count);
            var loadFactor = Draw(site.LoadFactor, first, count);
            var mfu = Draw(site.Mfu, first, count);
            var lifetime = Draw(site.LifetimeYears, first, count);
            var capex = Draw(site.CapexUsdPerItMw, first, count);
            var wue = Draw(site.WueLitresPerKwh, first, count);
            var gridPrice = Draw(site.GridPriceUsdPerMwh, first, count);
            var gridGCo2 = Draw(site.GridGCo2PerKwh, first, count);
            var supply = site.Supply?.Select(x => new SupplyLanes(
                Draw(x.Mw, first, count),
                x.From is { } from ? from.PositionFrom(start) : int.MinValue,
                x.Until is { } until ? until.PositionFrom(start) : int.MaxValue,
                Draw(x.PriceUsdPerMwh, first, count),
                Draw(x.GCo2PerKwh, first, count))).ToArray();
            var phases = new PhaseLanes[site.Phases.Count];
            for (int p = 0; p < phases.Length; p++)
            {
                var phase = site.Phases[p];
                var online = AddScalar(Draw(phase.DelayMonths, first, count), phase.Online.PositionFrom(start));
                Lane itMw = phase.ItMw is { } it ? Draw(it, first, count) : Divide(Draw(phase.FacilityMw!, first, count), designPue);
                phases[p] = new PhaseLanes(online, itMw, Draw(phase.RampMonths, first, count), phase.Ramp == RampShape.Linear,
                    phase.Accelerator is { } name ? IndexOf(_scenario.Catalog, name) : -1);
            }

            int[] clusters = _clustersOf[s];
            var targets = TargetsOf(s);
            var zero = Vector<double>.Zero;
            var million = new Vector<double>(1e6);
            var active = new List<SupplyLanes>();

            for (int t = 0; t < _months; t++)
            {
                double hours = _hours[t];
                double monthly = site.PueMonthly[_calendarMonth[t] - 1];
                var mid = new Vector<double>(t + 0.5);
                var midBefore = new Vector<double>(t - 0.5);
                var hoursV = new Vector<double>(hours);
                active.Clear();
                if (supply is not null) foreach (var x in supply) if (x.From <= t && t < x.Until) active.Add(x);

                for (int j = 0; j < count; j += W)
                {
                    var builtSum = zero;
                    var accelerators = zero;
                    var capexFacility = zero;
                    var capexHardware = zero;
                    var peakPerBuilt = zero; // sum over phases of N_p * peak_p, scaled by the powered share below
                    var cycle = lifetime.At(j) * 12;

                    foreach (var phase in phases)
                    {
                        var o = phase.Online.At(j);
                        var ramp = phase.Ramp.At(j);
                        var it = phase.ItMw.At(j);
                        var built = it * Shape(Ramp(mid, o, ramp), phase.Linear);
                        var builtBefore = it * Shape(Ramp(midBefore, o, ramp), phase.Linear);
                        var k = Refresh(mid, o, cycle);
                        var kBefore = Refresh(midBefore, o, cycle);
                        var installed = o + k * cycle;

                        // latest(c): the last roadmap entry available by c, else the first; the named one for k = 0.
                        var g0 = generations[roadmap[0]];
                        var allIn = g0.AllIn.At(j);
                        var peak = g0.Peak.At(j);
                        var cost = g0.Cost.At(j);
                        for (int r = 1; r < roadmap.Length; r++)
                        {
                            var g = generations[roadmap[r]];
                            var take = Vector.LessThanOrEqual(g.Available.At(j), installed);
                            allIn = Vector.ConditionalSelect(take, g.AllIn.At(j), allIn);
                            peak = Vector.ConditionalSelect(take, g.Peak.At(j), peak);
                            cost = Vector.ConditionalSelect(take, g.Cost.At(j), cost);
                        }
                        if (phase.Named >= 0)
                        {
                            var g = generations[phase.Named];
                            var first0 = Vector.Equals(k, zero);
                            allIn = Vector.ConditionalSelect(first0, g.AllIn.At(j), allIn);
                            peak = Vector.ConditionalSelect(first0, g.Peak.At(j), peak);
                            cost = Vector.ConditionalSelect(first0, g.Cost.At(j), cost);
                        }

                        var n = built * million / allIn;
                        var nBefore = builtBefore * million / allIn;
                        var bought = Vector.ConditionalSelect(Vector.GreaterThan(k, kBefore), n, Vector.Max(zero, n - nBefore));
                        capexHardware += cost * bought;
                        capexFacility += capex.At(j) * Vector.Max(zero, built - builtBefore);
                        accelerators += n;
                        peakPerBuilt += n * peak;
                        builtSum += built;
                    }

                    var design = designPue.At(j);
                    Vector<double> supplyMw, powered;
                    if (supply is null)
                    {
                        supplyMw = builtSum * design;
                        powered = builtSum;
                    }
                    else
                    {
                        supplyMw = zero;
                        foreach (var x in active) supplyMw += x.Mw.At(j);
                        powered = Vector.Min(builtSum, supplyMw / design);
                    }
                    var share = Vector.ConditionalSelect(Vector.GreaterThan(builtSum, zero), powered / builtSum, zero);
                    var peakFlops = peakPerBuilt * share;
                    var itEnergy = powered * loadFactor.At(j) * hoursV;
                    var facilityEnergy = itEnergy * (pue.At(j) * monthly);
                    var demand = facilityEnergy / hoursV;

                    Vector<double> cost2, emissions, shortfall;
                    if (supply is null)
                    {
                        cost2 = facilityEnergy * gridPrice.At(j);
                        emissions = facilityEnergy * gridGCo2.At(j) / new Vector<double>(1000);
                        shortfall = zero;
                    }
                    else
                    {
                        var remaining = demand;
                        cost2 = zero;
                        emissions = zero;
                        foreach (var x in active)
                        {
                            var served = Vector.Min(remaining, x.Mw.At(j));
                            var servedMwh = served * hoursV;
                            cost2 += servedMwh * x.Price.At(j);
                            emissions += servedMwh * x.GCo2.At(j) / new Vector<double>(1000);
                            remaining -= served;
                        }
                        shortfall = remaining * hoursV;
                    }
                    var effective = peakFlops * mfu.At(j);

                    int lanes = Math.Min(W, count - j);
                    Emit(targets, Metric.ItBuiltMw, t, j, builtSum, lanes);
                    Emit(targets, Metric.ItPoweredMw, t, j, powered, lanes);
                    Emit(targets, Metric.ItStrandedMw, t, j, builtSum - powered, lanes);
                    Emit(targets, Metric.SupplyMw, t, j, supplyMw, lanes);
                    Emit(targets, Metric.FacilityDemandMw, t, j, demand, lanes);
                    Emit(targets, Metric.Accelerators, t, j, accelerators, lanes);
                    Emit(targets, Metric.H100e, t, j, peakFlops / h100Peak.At(j), lanes);
                    Emit(targets, Metric.PeakFlops, t, j, peakFlops, lanes);
                    Emit(targets, Metric.EffectiveFlops, t, j, effective, lanes);
                    Emit(targets, Metric.ItEnergyMwh, t, j, itEnergy, lanes);
                    Emit(targets, Metric.FacilityEnergyMwh, t, j, facilityEnergy, lanes);
                    Emit(targets, Metric.ShortfallMwh, t, j, shortfall, lanes);
                    Emit(targets, Metric.EnergyCostUsd, t, j, cost2, lanes);
                    Emit(targets, Metric.EmissionsTco2, t, j, emissions, lanes);
                    Emit(targets, Metric.WaterM3, t, j, itEnergy * wue.At(j), lanes);
                    Emit(targets, Metric.CapexFacilityUsd, t, j, capexFacility, lanes);
                    Emit(targets, Metric.CapexHardwareUsd, t, j, capexHardware, lanes);

                    // Frontier: each cluster sums its sites; a site in no cluster stands alone.
                    int at = t * _padded + j;
                    foreach (int c in clusters)
                        (new Vector<double>(_clusterSums[c], at) + effective).CopyTo(_clusterSums[c], at);
                    if (clusters.Length == 0)
                        Vector.Max(new Vector<double>(_loneMax, at), effective).CopyTo(_loneMax, at);
                }
            }
        }

        /// <summary>Where one site's values go: its own scope's series (or null), its region's and the total's accumulators.</summary>
        private readonly record struct Targets(double[]?[]? Own, double[][]? Region, double[][] Total);

        private Targets TargetsOf(int site)
        {
            int own = _result.SiteScopeOf[site];
            int region = _result.RegionScopeOf[site];
            return new Targets(own >= 0 ? _result.Series[own] : null, region >= 0 ? _accumulators[_accumulatorOfRegionScope[region]] : null, _accumulators[^1]);
        }

        /// <summary>
        /// Writes a site's value to its own scope (if kept) and adds it to the accumulators of its
        /// region and the total, lanes j .. j + W - 1 of month t.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Emit(in Targets to, Metric metric, int t, int j, Vector<double> value, int lanes)
        {
            int m = (int)metric;
            int at = t * _padded + j;
            Add(to.Total[m], at, value);
            if (to.Region is { } region) Add(region[m], at, value);
            if (to.Own is not { } own) return;
            var series = own[m]!;
            int offset = t * _samples + _first + j;
            if (lanes == W) value.CopyTo(series, offset);
            else for (int l = 0; l < lanes; l++) series[offset + l] = value[l];
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Add(double[] series, int offset, Vector<double> value) =>
            (new Vector<double>(series, offset) + value).CopyTo(series, offset);

        /// <summary>Moves the chunk's region and total sums into the result's sample range.</summary>
        private void CopyAccumulators(int first, int count)
        {
            int samples = _result.Samples;
            var scopes = _result.RegionScopeOf.Where(r => r >= 0).Distinct().Order().Append(_result.TotalScope).ToArray();
            for (int k = 0; k < scopes.Length; k++)
                for (int m = 0; m < Metrics.SiteMetricCount; m++)
                {
                    var from = _accumulators[k][m];
                    var to = _result.Series[scopes[k]][m]!;
                    for (int t = 0; t < _months; t++)
                        Array.Copy(from, t * _padded, to, t * samples + first, count);
                }
        }

        /// <summary>Frontier run FLOP and the researcher metrics of the chunk's samples, from the totals.</summary>
        private void FinishTotals(int first, int count)
        {
            int samples = _result.Samples;
            int total = _result.TotalScope;
            var series = _result.Series[total];
            double seconds = _scenario.TrainingDays * 86400;
            var researchers = _scenario.Researchers?.Select(r => (Position: r.Month.PositionFrom(_scenario.Start), Count: Draw(r.Count, first, count))).ToArray();
            var point = new (int Position, double Count)[researchers?.Length ?? 0];
            for (int t = 0; t < _months; t++)
            {
                for (int j = 0; j < count; j++)
                {
                    int at = t * samples + first + j;
                    double best = _loneMax[t * _padded + j];
                    foreach (var sums in _clusterSums) best = Math.Max(best, sums[t * _padded + j]);
                    series[(int)Metric.FrontierRunFlop]![at] = best * seconds;
                    if (researchers is null) continue;
                    for (int r = 0; r < point.Length; r++) point[r] = (researchers[r].Position, researchers[r].Count[j]);
                    double people = ReferenceEngine.Researchers(point, t);
                    series[(int)Metric.Researchers]![at] = people;
                    series[(int)Metric.H100ePerResearcher]![at] = people > 0 ? series[(int)Metric.H100e]![at] / people : 0;
                    series[(int)Metric.PflopsPerResearcher]![at] = people > 0 ? series[(int)Metric.EffectiveFlops]![at] / 1e15 / people : 0;
                }
            }
        }

        private Lane Divide(Lane a, Lane b)
        {
            if (a.Values is null && b.Values is null) return Lane.Of(a.Scalar / b.Scalar);
            var buffer = Buffer();
            for (int j = 0; j < buffer.Length; j++) buffer[j] = a[j] / b[j];
            return new Lane(0, buffer);
        }

        /// <summary>x = clamp((m - o) / R, 0, 1); with R = 0, 1 from o on.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector<double> Ramp(Vector<double> mid, Vector<double> online, Vector<double> ramp)
        {
            var since = mid - online;
            var step = Vector.ConditionalSelect(Vector.GreaterThanOrEqual(mid, online), Vector<double>.One, Vector<double>.Zero);
            var ramped = Vector.Min(Vector<double>.One, Vector.Max(Vector<double>.Zero, since / ramp));
            return Vector.ConditionalSelect(Vector.Equals(ramp, Vector<double>.Zero), step, ramped);
        }

        /// <summary>linear: x; s-curve: 3x^2 - 2x^3.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector<double> Shape(Vector<double> x, bool linear) =>
            linear ? x : new Vector<double>(3) * x * x - new Vector<double>(2) * x * x * x;

        /// <summary>k = floor((m - o) / cycle), 0 when the cycle is 0 or m &lt; o.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector<double> Refresh(Vector<double> mid, Vector<double> online, Vector<double> cycle)
        {
            var k = Vector.Floor((mid - online) / cycle);
            var none = Vector.Equals(cycle, Vector<double>.Zero) | Vector.LessThan(mid, online);
            return Vector.ConditionalSelect(none, Vector<double>.Zero, k);
        }
    }
}
