using System.Numerics;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CapacitySim.Core.Model;

namespace CapacitySim.Core.Engine;

/// <summary>
/// The fast engine: the same model as <see cref="ReferenceEngine"/>, computed for a chunk of
/// samples at a time with SIMD across samples. A chunk's parameters are drawn into
/// struct-of-arrays lanes (fixed numbers stay scalars); each site is then run month by month, all
/// of its formulas fused in one pass over the lanes, its values written straight into the result
/// (site scope) and added to its region's accumulators, whose sum is the total. Work a month
/// does not need is skipped: a phase not yet online adds nothing, a fully built phase between
/// refreshes adds its steady values, and its accelerator generation is chosen again only when its
/// refresh index changes. Chunks cover disjoint samples, so they run on all cores without locks,
/// and a sample's numbers do not depend on the chunk or thread.
/// </summary>
public static class FastEngine
{
    /// <summary>
    /// Samples per chunk. Small on purpose: a site adds every metric of every month to its region's
    /// and the total's accumulators, [metric][month][lane]; at 16 lanes those stay in L2 cache.
    /// </summary>
    public const int ChunkSize = 16;

    /// <summary>Runs every sample of <paramref name="scenario"/> as <paramref name="plan"/> says (by default the scenario's own); <paramref name="progress"/> receives completed sample counts.</summary>
    public static SimulationResult Run(Scenario scenario, RunPlan? plan = null, IProgress<int>? progress = null, CancellationToken cancellation = default)
    {
        plan ??= RunPlan.For(scenario);
        var result = new SimulationResult(scenario, plan.Samples, plan.Scopes);
        RunInto(result, plan, fresh: true, progress, cancellation);
        return result;
    }

    /// <summary>
    /// Runs <paramref name="result"/>'s scenario again into its own arrays as <paramref name="plan"/>
    /// says, whose samples and scopes must be the result's (by default the scenario's plan with the
    /// result's samples and scopes). Memory a process has written once costs far less than
    /// fresh memory, which the operating system hands out page by page on first touch, so a
    /// sweep that runs one scenario many times reuses one result.
    /// </summary>
    public static void Fill(SimulationResult result, RunPlan? plan = null, IProgress<int>? progress = null, CancellationToken cancellation = default)
    {
        plan ??= RunPlan.For(result.Scenario, new RunSettings(result.Samples, Scopes: result.Kinds));
        if (plan.Samples != result.Samples || plan.Scopes != result.Kinds)
            throw new ArgumentException($"the plan's {plan.Samples} samples and scopes {plan.Scopes} are not the result's {result.Samples} and {result.Kinds}", nameof(plan));
        RunInto(result, plan, fresh: false, progress, cancellation);
    }

    /// <summary>
    /// Compiles the kernel's methods (those marked for full optimization: the vector code, which
    /// cannot be compiled ahead of time because the vector width is chosen at start-up) now, so a
    /// process can do it on an idle core while it reads its input instead of in the first chunk.
    /// Returns how many methods it compiled.
    /// </summary>
    public static int PrepareKernel()
    {
        int prepared = 0;
        foreach (var method in typeof(ChunkKernel).GetMethods(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            if (method.MethodImplementationFlags.HasFlag(MethodImplAttributes.AggressiveOptimization))
            {
                RuntimeHelpers.PrepareMethod(method.MethodHandle);
                prepared++;
            }
        return prepared;
    }

    /// <summary>
    /// The kernel adds into the result's arrays and skips months in which nothing is built, so a
    /// result that may hold anything is zeroed first; a new one is zero already, and is left for
    /// the kernel to touch first.
    /// </summary>
    private static void RunInto(SimulationResult result, RunPlan plan, bool fresh, IProgress<int>? progress, CancellationToken cancellation)
    {
        var scenario = result.Scenario;
        int samples = result.Samples;
        if (!fresh) result.Clear(plan.Threads);
        int chunks = (samples + ChunkSize - 1) / ChunkSize;
        int done = 0;
        var options = new ParallelOptions
        {
            MaxDegreeOfParallelism = plan.Threads,
            CancellationToken = cancellation,
        };
        Parallel.For(0, chunks, options, () => new ChunkKernel(scenario, result, plan), (chunk, _, kernel) =>
        {
            int first = chunk * ChunkSize;
            int count = Math.Min(ChunkSize, samples - first);
            kernel.Run(first, count);
            progress?.Report(Interlocked.Add(ref done, count));
            return kernel;
        }, _ => { });
    }

    /// <summary>The per-thread state of the fast engine: lane buffers allocated once and reused for every chunk and site.</summary>
    private sealed class ChunkKernel
    {
        private static readonly int W = Vector<double>.Count;

        /// <summary>Lanes per chunk row: a whole number of vectors, since Vector&lt;double&gt; has 2, 4 or 8 lanes.</summary>
        private const int Padded = ChunkSize;

        /// <summary>Site metrics added to the accumulators; demand and H100e follow from facility energy and peak FLOP/s.</summary>
        private static readonly Metric[] Accumulated = [.. Enumerable.Range(0, Metrics.SiteMetricCount).Select(m => (Metric)m)
            .Where(m => m is not (Metric.FacilityDemandMw or Metric.H100e))];

        // Rows of the accumulated metrics in a month's accumulator block: their places in Accumulated.
        private const int RItBuilt = 0, RItPowered = 1, RItStranded = 2, RSupply = 3, RAccelerators = 4, RPeak = 5, REffective = 6,
            RItEnergy = 7, RFacilityEnergy = 8, RShortfall = 9, RCost = 10, REmissions = 11, RWater = 12, RCapexFacility = 13, RCapexHardware = 14;

        /// <summary>Checked once, when the kernel is first used: the row constants name the metrics they stand for.</summary>
        static ChunkKernel()
        {
            (int Row, Metric Metric)[] rows =
            [
                (RItBuilt, Metric.ItBuiltMw), (RItPowered, Metric.ItPoweredMw), (RItStranded, Metric.ItStrandedMw), (RSupply, Metric.SupplyMw),
                (RAccelerators, Metric.Accelerators), (RPeak, Metric.PeakFlops), (REffective, Metric.EffectiveFlops), (RItEnergy, Metric.ItEnergyMwh),
                (RFacilityEnergy, Metric.FacilityEnergyMwh), (RShortfall, Metric.ShortfallMwh), (RCost, Metric.EnergyCostUsd), (REmissions, Metric.EmissionsTco2),
                (RWater, Metric.WaterM3), (RCapexFacility, Metric.CapexFacilityUsd), (RCapexHardware, Metric.CapexHardwareUsd),
            ];
            if (rows.Length != Accumulated.Length || rows.Any(r => Accumulated[r.Row] != r.Metric))
                throw new InvalidOperationException("the kernel's accumulator rows do not match the order of its accumulated metrics");
        }

        private readonly Scenario _scenario;
        private readonly SimulationResult _result;
        private readonly Sampler _sampler;
        private readonly int _months;
        private readonly int _samples;
        private readonly double[] _hours;
        private readonly int[] _calendarMonth;
        private readonly List<double[]> _pool = [];
        private int _poolUsed;
        private readonly double[][] _clusterSums;
        private readonly double[] _loneMax;
        private readonly int[][] _clustersOf;

        /// <summary>
        /// Per bucket (the sites of one region, in region-name order, sites without a region first),
        /// accumulators laid out [month][row][lane], a row per accumulated metric, so a site's
        /// month adds into one contiguous block. The total is the sum of the buckets, so its bits
        /// do not depend on which scopes are kept.
        /// </summary>
        private readonly double[][] _buckets;
        private readonly int[] _bucketOfSite;
        private readonly int[] _scopeOfBucket;
        private readonly double[] _total;

        /// <summary>Doubles per month in an accumulator: a row of lanes per accumulated metric.</summary>
        private readonly int _monthStride;
        private readonly int[] _siteOrder;

        /// <summary>Catalog entries a run can install or compares with: the roadmap, named ones, and H100.</summary>
        private readonly bool[] _usedGenerations;

        /// <summary>Per-phase lane state of the site being run, <see cref="PhaseSlots"/> vectors per phase.</summary>
        private Vector<double>[] _phaseState = new Vector<double>[8 * PhaseSlots];

        public ChunkKernel(Scenario scenario, SimulationResult result, RunPlan plan)
        {
            _scenario = scenario;
            _result = result;
            _sampler = new Sampler(plan);
            _months = scenario.Months;
            _samples = result.Samples;
            _hours = [.. Enumerable.Range(0, _months).Select(t => scenario.Start.AddMonths(t).Hours)];
            _calendarMonth = [.. Enumerable.Range(0, _months).Select(t => scenario.Start.AddMonths(t).Month)];
            _clusterSums = [.. scenario.Clusters.Select(_ => new double[_months * Padded])];
            _loneMax = new double[_months * Padded];
            // Sites of one region one after another, so its accumulators stay in cache; the order
            // depends only on the scenario, so totals are the same bits whichever scopes are kept.
            _siteOrder = [.. Enumerable.Range(0, scenario.Sites.Count).OrderBy(s => scenario.Sites[s].Region ?? "", StringComparer.Ordinal)];
            var bucketNames = _siteOrder.Select(s => scenario.Sites[s].Region ?? "").Distinct().ToList();
            _bucketOfSite = [.. scenario.Sites.Select(site => bucketNames.IndexOf(site.Region ?? ""))];
            _scopeOfBucket = [.. bucketNames.Select(name => name.Length == 0 ? -1
                : result.RegionScopeOf[Array.FindIndex(_bucketOfSite, b => bucketNames[b] == name)])];
            _monthStride = Accumulated.Length * Padded;
            _buckets = [.. bucketNames.Select(_ => new double[_months * _monthStride])];
            _total = _buckets.Length == 1 ? _buckets[0] : new double[_months * _monthStride];
            var named = scenario.Sites.SelectMany(s => s.Phases).Select(p => p.Accelerator).OfType<string>().ToHashSet();
            _usedGenerations = [.. scenario.Catalog.Select(g => scenario.Roadmap.Contains(g.Name) || g.Name == "H100" || named.Contains(g.Name))];
            _clustersOf = [.. Enumerable.Range(0, scenario.Sites.Count)
                .Select(s => Enumerable.Range(0, scenario.Clusters.Count).Where(c => scenario.Clusters[c].SiteIndices.Contains(s)).ToArray())];
            var start = scenario.Start;
            _siteLayouts = [.. scenario.Sites.Select(site => new SiteLayout(
                [.. site.Phases.Select(p => (double)p.Online.PositionFrom(start))],
                [.. site.Phases.Select(p => p.Accelerator is { } name ? IndexOf(scenario.Catalog, name) : -1)],
                [.. (site.Supply ?? []).Select(x => x.From is { } from ? from.PositionFrom(start) : int.MinValue)],
                [.. (site.Supply ?? []).Select(x => x.Until is { } until ? until.PositionFrom(start) : int.MaxValue)]))];
        }

        private double[] Buffer()
        {
            if (_poolUsed == _pool.Count) _pool.Add(new double[Padded]);
            return _pool[_poolUsed++];
        }

        private Lane Draw(Uncertain u, int first, int count) => Lane.Draw(u, _sampler, first, count, Buffer());

        /// <summary>One accelerator's lanes: available position with slip, peak FLOP/s, 1e6 / all-in watts (accelerators per IT MW), unit cost.</summary>
        private readonly record struct Generation(Lane Available, Lane Peak, Lane PerMw, Lane Cost);

        private int _first;

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
                generations[a] = new Generation(available, Draw(g.PeakFlops, first, count), Reciprocal(Draw(g.AllInWatts, first, count), 1e6), Draw(g.UnitCostUsd, first, count));
            }
            int[] roadmap = [.. _scenario.Roadmap.Select(n => IndexOf(catalog, n))];
            var h100Peak = generations[IndexOf(catalog, "H100")].Peak;
            int catalogBuffers = _poolUsed;

            foreach (var sums in _clusterSums) Array.Clear(sums);
            Array.Clear(_loneMax);
            foreach (var bucket in _buckets) Array.Clear(bucket);
            foreach (int s in _siteOrder)
            {
                _poolUsed = catalogBuffers;
                RunSite(s, first, count, generations, roadmap, h100Peak);
            }
            SumBuckets();
            CopyAccumulators(first, count, h100Peak);
            FinishTotals(first, count);
            _result.DeriveCumulativeCapex(first, count);
        }

        private static Lane AddScalar(Lane lane, double add)
        {
            if (lane.Values is null) return Lane.Of(lane.Scalar + add);
            var buffer = lane.Values;
            for (int j = 0; j < buffer.Length; j++) buffer[j] += add;
            return lane;
        }

        /// <summary><paramref name="numerator"/> / lane, in place.</summary>
        private static Lane Reciprocal(Lane lane, double numerator)
        {
            if (lane.Values is null) return Lane.Of(numerator / lane.Scalar);
            var buffer = lane.Values;
            for (int j = 0; j < buffer.Length; j++) buffer[j] = numerator / buffer[j];
            return lane;
        }

        private static int IndexOf(IReadOnlyList<Accelerator> catalog, string name)
        {
            for (int a = 0; a < catalog.Count; a++) if (catalog[a].Name == name) return a;
            return -1;
        }

        private readonly record struct PhaseLanes(Lane Online, Lane ItMw, Lane Ramp, bool Linear, int Named);

        /// <summary>What of a site does not depend on the samples: month positions of its phases and supply sources, named accelerators.</summary>
        private sealed record SiteLayout(double[] Online, int[] Named, int[] SupplyFrom, int[] SupplyUntil);

        private readonly SiteLayout[] _siteLayouts;
        private PhaseLanes[] _phaseLanes = new PhaseLanes[4];
        private SupplyLanes[] _supplyLanes = new SupplyLanes[4];

        private readonly record struct SupplyLanes(Lane Mw, int From, int Until, Lane Price, Lane GCo2);

        /// <summary>A phase's state slots (one lane vector each), indexed without bounds checks: the slot constants below are all in range.</summary>
        private readonly ref struct PhaseRef(ref Vector<double> first)
        {
            private readonly ref Vector<double> _first = ref first;

            public ref Vector<double> this[int slot]
            {
                [MethodImpl(MethodImplOptions.AggressiveInlining)]
                get => ref Unsafe.Add(ref _first, slot);
            }
        }

        // Slots of a phase's state, per lane vector.
        private const int SOnline = 0, SItMw = 1, SInvRamp = 2, SRampZero = 3, SRampEnd = 4, SCycle = 5, SNextRefresh = 6,
            SRefresh = 7, SBuilt = 8, SCount = 9, SPerMw = 10, SPeak = 11, SCost = 12, PhaseSlots = 13;

        // A site's constants per lane vector: these, then supply triples (MW, USD/MWh, tCO2/MWh) per source.
        private const int KCapex = 0, KDesign = 1, KLoadFactor = 2, KPue = 3, KMfu = 4, KWue = 5, KGridPrice = 6, KGridTco2 = 7, KInverseDesign = 8, KSources = 9;

        /// <summary>A margin below a refresh boundary at which the refresh index is recomputed exactly (positions are months, far above rounding).</summary>
        private const double RefreshMargin = 1e-6;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void RunSite(int s, int first, int count, Generation[] generations, int[] roadmap, Lane h100Peak)
        {
            var site = _scenario.Sites[s];
            var pue = Draw(site.Pue, first, count);
            var designPue = ReferenceEquals(site.DesignPue, site.Pue) ? pue : Draw(site.DesignPue, first, count);
            var loadFactor = Draw(site.LoadFactor, first, count);
            var mfu = Draw(site.Mfu, first, count);
            var lifetime = Draw(site.LifetimeYears, first, count);
            var capex = Draw(site.CapexUsdPerItMw, first, count);
            var wue = Draw(site.WueLitresPerKwh, first, count);
            var gridPrice = Draw(site.GridPriceUsdPerMwh, first, count);
            var gridGCo2 = Draw(site.GridGCo2PerKwh, first, count);
            var layout = _siteLayouts[s];
            Span<SupplyLanes> supply = default;
            if (site.Supply is { } sourceList)
            {
                if (_supplyLanes.Length < sourceList.Count) _supplyLanes = new SupplyLanes[sourceList.Count];
                supply = _supplyLanes.AsSpan(0, sourceList.Count);
                for (int x = 0; x < supply.Length; x++)
                {
                    var source = sourceList[x];
                    supply[x] = new SupplyLanes(Draw(source.Mw, first, count), layout.SupplyFrom[x], layout.SupplyUntil[x],
                        Draw(source.PriceUsdPerMwh, first, count), Draw(source.GCo2PerKwh, first, count));
                }
            }
            bool supplied = site.Supply is not null;
            if (_phaseLanes.Length < site.Phases.Count) _phaseLanes = new PhaseLanes[site.Phases.Count];
            var phases = _phaseLanes.AsSpan(0, site.Phases.Count);
            for (int p = 0; p < phases.Length; p++)
            {
                var phase = site.Phases[p];
                var online = AddScalar(Draw(phase.DelayMonths, first, count), layout.Online[p]);
                Lane itMw = phase.ItMw is { } it ? Draw(it, first, count) : Divide(Draw(phase.FacilityMw!, first, count), designPue);
                phases[p] = new PhaseLanes(online, itMw, Draw(phase.RampMonths, first, count), phase.Ramp == RampShape.Linear, layout.Named[p]);
            }
            // Months outer, lane vectors inner: a month's accumulator block (a row of lanes per
            // metric) is finished in one visit, whole cache lines at a time, and the site's phase
            // state and constants of every lane vector stay in L1.
            int vectors = (count + W - 1) / W;
            int sources = supply.Length;
            int perVector = KSources + 3 * sources;
            if (_phaseState.Length < phases.Length * vectors * PhaseSlots) _phaseState = new Vector<double>[phases.Length * vectors * PhaseSlots];
            var state = _phaseState.AsSpan(0, phases.Length * vectors * PhaseSlots);
            Span<Vector<double>> constants = stackalloc Vector<double>[vectors * perVector];
            var thousand = new Vector<double>(1000);
            for (int v = 0; v < vectors; v++)
            {
                int j = v * W;
                var c = constants.Slice(v * perVector, perVector);
                c[KCapex] = capex.At(j);
                c[KDesign] = designPue.At(j);
                c[KInverseDesign] = Vector<double>.One / c[KDesign];
                c[KLoadFactor] = loadFactor.At(j);
                c[KPue] = pue.At(j);
                c[KMfu] = mfu.At(j);
                c[KWue] = wue.At(j);
                c[KGridPrice] = gridPrice.At(j);
                // gCO2/kWh = kgCO2/MWh; / 1000 = tCO2/MWh.
                c[KGridTco2] = gridGCo2.At(j) / thousand;
                for (int x = 0; x < sources; x++)
                {
                    c[KSources + 3 * x] = supply[x].Mw.At(j);
                    c[KSources + 3 * x + 1] = supply[x].Price.At(j);
                    c[KSources + 3 * x + 2] = supply[x].GCo2.At(j) / thousand;
                }
                var cycle = lifetime.At(j) * 12;
                for (int p = 0; p < phases.Length; p++)
                    StartPhase(new PhaseRef(ref state[(p * vectors + v) * PhaseSlots]), phases[p], j, cycle, generations, roadmap);
            }

            int[] clusters = _clustersOf[s];
            var own = _result.SiteScopeOf[s] is var ownScope and >= 0 ? _result.Series[ownScope] : null;
            var bucket = _buckets[_bucketOfSite[s]];
            var zero = Vector<double>.Zero;
            var one = Vector<double>.One;
            Span<int> activeSupply = stackalloc int[sources];

            for (int t = 0; t < _months; t++)
            {
                var mid = new Vector<double>(t + 0.5);
                int active = 0;
                for (int x = 0; x < sources; x++)
                    if (supply[x].From <= t && t < supply[x].Until) activeSupply[active++] = x;
                double hours = _hours[t];
                var hoursV = new Vector<double>(hours);
                var inverseHours = new Vector<double>(1 / hours);
                var pueMonth = new Vector<double>(site.PueMonthly[_calendarMonth[t] - 1]);

                for (int v = 0; v < vectors; v++)
                {
                    int j = v * W;
                    int lanes = Math.Min(W, count - j);
                    ref var c = ref constants[v * perVector];
                    var builtSum = zero;
                    var accelerators = zero;
                    var capexFacility = zero;
                    var capexHardware = zero;
                    var peakPerBuilt = zero; // sum over phases of N_p * peak_p, scaled by the powered share below

                    for (int p = 0; p < phases.Length; p++)
                    {
                        var st = new PhaseRef(ref state[(p * vectors + v) * PhaseSlots]);
                        // Not online in any lane yet: nothing built, nothing bought.
                        if (Vector.LessThanAll(mid, st[SOnline])) continue;
                        var rose = zero;
                        bool refreshed = false;
                        if (Vector.GreaterThanOrEqualAny(mid, st[SNextRefresh]))
                        {
                            var k = Refresh(mid, st[SOnline], st[SCycle]);
                            rose = (Vector<double>)Vector.GreaterThan(k, st[SRefresh]);
                            if (!Vector.EqualsAll(k, st[SRefresh]))
                            {
                                refreshed = true;
                                SelectGeneration(st, phases[p].Named, k, j, generations, roadmap);
                            }
                            st[SRefresh] = k;
                            st[SNextRefresh] = NextRefresh(st[SOnline], st[SCycle], k);
                        }
                        var itMw = st[SItMw];
                        // Fully built since last month and no refresh: the steady values.
                        if (!refreshed && Vector.GreaterThanOrEqualAll(mid - one, st[SRampEnd]))
                        {
                            var steady = st[SCount];
                            builtSum += itMw;
                            accelerators += steady;
                            peakPerBuilt += steady * st[SPeak];
                            continue;
                        }
                        var built = itMw * Shape(Ramp(mid, st[SOnline], st[SInvRamp], st[SRampZero]), phases[p].Linear);
                        var n = built * st[SPerMw];
                        var bought = Vector.ConditionalSelect((Vector<long>)rose, n, Vector.Max(zero, n - st[SCount]));
                        capexHardware += st[SCost] * bought;
                        capexFacility += Unsafe.Add(ref c, KCapex) * Vector.Max(zero, built - st[SBuilt]);
                        accelerators += n;
                        peakPerBuilt += n * st[SPeak];
                        builtSum += built;
                        st[SBuilt] = built;
                        st[SCount] = n;
                    }

                    int at = t * _monthStride + j;
                    Vector<double> supplyMw, powered;
                    if (!supplied)
                    {
                        supplyMw = builtSum * Unsafe.Add(ref c, KDesign);
                        powered = builtSum;
                    }
                    else
                    {
                        supplyMw = zero;
                        for (int a = 0; a < active; a++) supplyMw += Unsafe.Add(ref c, KSources + 3 * activeSupply[a]);
                        powered = Vector.Min(builtSum, supplyMw * Unsafe.Add(ref c, KInverseDesign));
                    }
                    // Nothing built in any lane: every metric but the supply is 0, and the accumulators are already 0.
                    if (Vector.EqualsAll(builtSum, zero))
                    {
                        if (active > 0)
                        {
                            Accumulate(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(bucket), at), RSupply, supplyMw);
                            Own(own, Metric.SupplyMw, t, j, supplyMw, lanes);
                        }
                        continue;
                    }

                    // The powered share of peak FLOP/s: 1 wherever all that is built is powered (where
                    // nothing is built, peakPerBuilt is 0), so the division is needed only under a supply limit.
                    var peakFlops = peakPerBuilt;
                    if (Vector.LessThanAny(powered, builtSum))
                        peakFlops *= Vector.ConditionalSelect(Vector.GreaterThan(builtSum, zero), powered / builtSum, zero);
                    var itEnergy = powered * Unsafe.Add(ref c, KLoadFactor) * hoursV;
                    var facilityEnergy = itEnergy * (Unsafe.Add(ref c, KPue) * pueMonth);

                    Vector<double> cost, emissions, shortfall;
                    if (!supplied)
                    {
                        cost = facilityEnergy * Unsafe.Add(ref c, KGridPrice);
                        emissions = facilityEnergy * Unsafe.Add(ref c, KGridTco2);
                        shortfall = zero;
                    }
                    else
                    {
                        var remaining = facilityEnergy * inverseHours;
                        cost = zero;
                        emissions = zero;
                        for (int a = 0; a < active; a++)
                        {
                            int x = KSources + 3 * activeSupply[a];
                            var served = Vector.Min(remaining, Unsafe.Add(ref c, x));
                            var servedMwh = served * hoursV;
                            cost += servedMwh * Unsafe.Add(ref c, x + 1);
                            emissions += servedMwh * Unsafe.Add(ref c, x + 2);
                            remaining -= served;
                        }
                        shortfall = remaining * hoursV;
                    }
                    var effective = peakFlops * Unsafe.Add(ref c, KMfu);
                    var stranded = builtSum - powered;
                    var water = itEnergy * Unsafe.Add(ref c, KWue);

                    ref double block = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(bucket), at);
                    Accumulate(ref block, RItBuilt, builtSum);
                    Accumulate(ref block, RItPowered, powered);
                    Accumulate(ref block, RItStranded, stranded);
                    Accumulate(ref block, RSupply, supplyMw);
                    Accumulate(ref block, RAccelerators, accelerators);
                    Accumulate(ref block, RPeak, peakFlops);
                    Accumulate(ref block, REffective, effective);
                    Accumulate(ref block, RItEnergy, itEnergy);
                    Accumulate(ref block, RFacilityEnergy, facilityEnergy);
                    Accumulate(ref block, RShortfall, shortfall);
                    Accumulate(ref block, RCost, cost);
                    Accumulate(ref block, REmissions, emissions);
                    Accumulate(ref block, RWater, water);
                    Accumulate(ref block, RCapexFacility, capexFacility);
                    Accumulate(ref block, RCapexHardware, capexHardware);
                    if (own is not null)
                    {
                        Own(own, Metric.ItBuiltMw, t, j, builtSum, lanes);
                        Own(own, Metric.ItPoweredMw, t, j, powered, lanes);
                        Own(own, Metric.ItStrandedMw, t, j, stranded, lanes);
                        Own(own, Metric.SupplyMw, t, j, supplyMw, lanes);
                        Own(own, Metric.FacilityDemandMw, t, j, facilityEnergy / hoursV, lanes);
                        Own(own, Metric.Accelerators, t, j, accelerators, lanes);
                        Own(own, Metric.H100e, t, j, peakFlops / h100Peak.At(j), lanes);
                        Own(own, Metric.PeakFlops, t, j, peakFlops, lanes);
                        Own(own, Metric.EffectiveFlops, t, j, effective, lanes);
                        Own(own, Metric.ItEnergyMwh, t, j, itEnergy, lanes);
                        Own(own, Metric.FacilityEnergyMwh, t, j, facilityEnergy, lanes);
                        Own(own, Metric.ShortfallMwh, t, j, shortfall, lanes);
                        Own(own, Metric.EnergyCostUsd, t, j, cost, lanes);
                        Own(own, Metric.EmissionsTco2, t, j, emissions, lanes);
                        Own(own, Metric.WaterM3, t, j, water, lanes);
                        Own(own, Metric.CapexFacilityUsd, t, j, capexFacility, lanes);
                        Own(own, Metric.CapexHardwareUsd, t, j, capexHardware, lanes);
                    }

                    // Frontier: each cluster sums its sites; a site in no cluster stands alone.
                    int frontier = t * Padded + j;
                    foreach (int cluster in clusters)
                        Add(_clusterSums[cluster], frontier, effective);
                    if (clusters.Length == 0)
                        Vector.Max(new Vector<double>(_loneMax, frontier), effective).CopyTo(_loneMax, frontier);
                }
            }
        }

        /// <summary>A phase's lane constants and its state at t = -1, evaluated by the formulas of month t (docs/model.md: B_p(-1) the same way).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static void StartPhase(PhaseRef st, in PhaseLanes phase, int j, Vector<double> cycle, Generation[] generations, int[] roadmap)
        {
            var online = phase.Online.At(j);
            var ramp = phase.Ramp.At(j);
            var rampZero = (Vector<double>)Vector.Equals(ramp, Vector<double>.Zero);
            st[SOnline] = online;
            st[SItMw] = phase.ItMw.At(j);
            st[SInvRamp] = Vector<double>.One / ramp;
            st[SRampZero] = rampZero;
            st[SRampEnd] = online + ramp;
            st[SCycle] = cycle;
            var before = new Vector<double>(-0.5);
            var k = Refresh(before, online, cycle);
            st[SRefresh] = k;
            st[SNextRefresh] = NextRefresh(online, cycle, k);
            SelectGeneration(st, phase.Named, k, j, generations, roadmap);
            var built = st[SItMw] * Shape(Ramp(before, online, st[SInvRamp], rampZero), phase.Linear);
            st[SBuilt] = built;
            st[SCount] = built * st[SPerMw];
        }

        /// <summary>
        /// The accelerator of refresh k, per lane: latest(c_k), the last roadmap entry available by
        /// the install position c_k = o + k * cycle, else the first; the named one for k = 0.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static void SelectGeneration(PhaseRef st, int named, Vector<double> k, int j, Generation[] generations, int[] roadmap)
        {
            var installed = st[SOnline] + k * st[SCycle];
            var g0 = generations[roadmap[0]];
            var perMw = g0.PerMw.At(j);
            var peak = g0.Peak.At(j);
            var cost = g0.Cost.At(j);
            for (int r = 1; r < roadmap.Length; r++)
            {
                var g = generations[roadmap[r]];
                var take = Vector.LessThanOrEqual(g.Available.At(j), installed);
                perMw = Vector.ConditionalSelect(take, g.PerMw.At(j), perMw);
                peak = Vector.ConditionalSelect(take, g.Peak.At(j), peak);
                cost = Vector.ConditionalSelect(take, g.Cost.At(j), cost);
            }
            if (named >= 0)
            {
                var g = generations[named];
                var first = Vector.Equals(k, Vector<double>.Zero);
                perMw = Vector.ConditionalSelect(first, g.PerMw.At(j), perMw);
                peak = Vector.ConditionalSelect(first, g.Peak.At(j), peak);
                cost = Vector.ConditionalSelect(first, g.Cost.At(j), cost);
            }
            st[SPerMw] = perMw;
            st[SPeak] = peak;
            st[SCost] = cost;
        }

        /// <summary>
        /// Just below the position where the refresh index next rises (o + (k + 1) * cycle); from
        /// there the index is recomputed exactly each month. Never with a cycle of 0.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector<double> NextRefresh(Vector<double> online, Vector<double> cycle, Vector<double> k) =>
            Vector.ConditionalSelect(Vector.Equals(cycle, Vector<double>.Zero), new Vector<double>(double.PositiveInfinity),
                online + (k + Vector<double>.One) * cycle - new Vector<double>(RefreshMargin));

        /// <summary>Adds the chunk's buckets into the total's accumulators (bucket order is fixed), unless there is one bucket, which is the total.</summary>
        private void SumBuckets()
        {
            if (_buckets.Length == 1) return;
            _buckets[0].CopyTo(_total, 0);
            for (int b = 1; b < _buckets.Length; b++) VectorMath.AddTo(_total, _buckets[b]);
        }

        /// <summary>Writes one site's value to its own scope, lanes j .. j + lanes - 1 of month t.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Own(double[]?[]? own, Metric metric, int t, int j, Vector<double> value, int lanes)
        {
            if (own is null) return;
            var series = own[(int)metric]!;
            int offset = t * _samples + _first + j;
            if (lanes == W) value.CopyTo(series, offset);
            else for (int l = 0; l < lanes; l++) series[offset + l] = value[l];
        }

        /// <summary>
        /// Adds <paramref name="value"/> to row <paramref name="row"/> of a month's accumulator block
        /// at <paramref name="block"/> (a lane offset within the block's first row), without bounds
        /// checks: blocks are [row][lane] with <see cref="Padded"/> lanes per row, and every row
        /// and lane offset the kernel passes is inside it.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Accumulate(ref double block, int row, Vector<double> value)
        {
            ref var slot = ref Unsafe.As<double, Vector<double>>(ref Unsafe.Add(ref block, row * Padded));
            slot += value;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Add(double[] series, int offset, Vector<double> value) =>
            (new Vector<double>(series, offset) + value).CopyTo(series, offset);

        /// <summary>
        /// Moves the chunk's region and total sums into the result's sample range, deriving facility
        /// demand (facility energy / hours) and H100e (peak FLOP/s / the H100's) from the sums.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void CopyAccumulators(int first, int count, Lane h100Peak)
        {
            int samples = _result.Samples;
            var targets = _scopeOfBucket.Select((scope, b) => (Scope: scope, From: _buckets[b])).Where(x => x.Scope >= 0)
                .Append((Scope: _result.TotalScope, From: _total));
            foreach (var (scope, from) in targets)
            {
                var to = _result.Series[scope];
                var demand = to[(int)Metric.FacilityDemandMw]!;
                var h100e = to[(int)Metric.H100e]!;
                for (int t = 0; t < _months; t++)
                {
                    int month = t * _monthStride;
                    for (int r = 0; r < Accumulated.Length; r++)
                    {
                        var source = from.AsSpan(month + r * Padded, count);
                        var target = to[(int)Accumulated[r]].AsSpan(t * samples + first, count);
                        if (count == Padded)
                        {
                            // A whole row: vector by vector rather than a call per 16 values.
                            var vectorsFrom = MemoryMarshal.Cast<double, Vector<double>>(source);
                            var vectorsTo = MemoryMarshal.Cast<double, Vector<double>>(target);
                            for (int v = 0; v < vectorsFrom.Length; v++) vectorsTo[v] = vectorsFrom[v];
                        }
                        else source.CopyTo(target);
                    }
                    double hours = _hours[t];
                    int energy = month + RFacilityEnergy * Padded, peak = month + RPeak * Padded;
                    for (int l = 0; l < count; l++)
                    {
                        demand[t * samples + first + l] = from[energy + l] / hours;
                        h100e[t * samples + first + l] = from[peak + l] / h100Peak[l];
                    }
                }
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
                    double best = _loneMax[t * Padded + j];
                    foreach (var sums in _clusterSums) best = Math.Max(best, sums[t * Padded + j]);
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

        /// <summary>x = clamp((m - o) / R, 0, 1), with 1/R precomputed; with R = 0 (the mask), 1 from o on.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector<double> Ramp(Vector<double> mid, Vector<double> online, Vector<double> inverseRamp, Vector<double> rampZero)
        {
            var step = Vector.ConditionalSelect(Vector.GreaterThanOrEqual(mid, online), Vector<double>.One, Vector<double>.Zero);
            var ramped = Vector.Min(Vector<double>.One, Vector.Max(Vector<double>.Zero, (mid - online) * inverseRamp));
            return Vector.ConditionalSelect((Vector<long>)rampZero, step, ramped);
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
