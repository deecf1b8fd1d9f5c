using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CapacitySim.Core.Engine.Parameters;

namespace CapacitySim.Core.Engine.Fast;

/// <summary>
/// The per-thread state of the fast engine, reused for every chunk and site. A chunk's parameters
/// are drawn into lanes (fixed numbers stay scalars); each site is then run month by month, all of
/// its formulas fused in one pass over the lane vectors, its values written straight into the
/// result (site scope) and added to its region's sums, whose sum is the total.
/// </summary>
internal sealed class ChunkKernel
{
    private static readonly int W = Vector<double>.Count;
    private const int Lanes = Accumulators.Lanes;

    private readonly ScenarioLayout _layout;
    private readonly SimulationResult _result;
    private readonly ParameterDrawer _drawer;
    private readonly Accumulators _sums;
    private readonly FrontierSums _frontier;
    private readonly int _months;
    private readonly int _samples;
    private int _first;

    /// <summary>Per-phase state of the site being run, one per phase and lane vector.</summary>
    private PhaseVectors[] _phaseState = new PhaseVectors[8];
    private SupplyVectors[] _supplyState = new SupplyVectors[8];

    public ChunkKernel(ScenarioLayout layout, SimulationResult result, Sampler sampler)
    {
        _layout = layout;
        _result = result;
        _drawer = new ParameterDrawer(layout, sampler, Lanes);
        _sums = new Accumulators(layout, result);
        _frontier = new FrontierSums(layout, result);
        _months = layout.Months;
        _samples = result.Samples;
    }

    public void Run(int first, int count)
    {
        _first = first;
        _drawer.Begin(first, count);
        var drawn = _drawer.Catalog();
        var generations = new GenerationLanes[drawn.Length];
        for (int a = 0; a < drawn.Length; a++)
            if (_layout.UsedGenerations[a])
                generations[a] = new GenerationLanes(drawn[a].AvailablePosition, drawn[a].PeakFlops, Reciprocal(drawn[a].AllInWatts, 1e6), drawn[a].UnitCostUsd);
        var h100Peak = generations[_layout.H100].PeakFlops;
        int catalogBuffers = _drawer.Mark;

        _frontier.Clear();
        _sums.Clear();
        foreach (int s in _sums.SiteOrder)
        {
            _drawer.Release(catalogBuffers);
            RunSite(s, count, _drawer.Site(s), generations, h100Peak);
        }
        _sums.SumBuckets();
        _sums.CopyToResult(first, count, _layout.HoursOf, h100Peak);
        _frontier.Finish(first, count, _drawer.ResearcherCounts());
        _result.DeriveCumulativeCapex(first, count);
    }

    /// <summary><paramref name="numerator"/> / lane, in place (the lane's buffer is this chunk's own).</summary>
    private static Lane Reciprocal(Lane lane, double numerator)
    {
        if (lane.Values is null) return Lane.Of(numerator / lane.Scalar);
        var buffer = lane.Values;
        for (int j = 0; j < buffer.Length; j++) buffer[j] = numerator / buffer[j];
        return lane;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunSite(int s, int count, DrawnSite drawn, GenerationLanes[] generations, Lane h100Peak)
    {
        var pueMonthly = _layout.Scenario.Sites[s].PueMonthly;
        var supply = drawn.Supply ?? [];
        bool supplied = drawn.Supply is not null;
        var phases = drawn.Phases;
        int[] roadmap = _layout.Roadmap;

        // Months outer, lane vectors inner: a month's sums block (a row of lanes per metric) is
        // finished in one visit, whole cache lines at a time, and the site's phase state and
        // constants of every lane vector stay in L1.
        int vectors = (count + W - 1) / W;
        int sources = supply.Length;
        if (_phaseState.Length < phases.Length * vectors) _phaseState = new PhaseVectors[phases.Length * vectors];
        if (_supplyState.Length < sources * vectors) _supplyState = new SupplyVectors[sources * vectors];
        var state = _phaseState.AsSpan(0, phases.Length * vectors);
        var supplyState = _supplyState.AsSpan(0, sources * vectors);
        Span<SiteVectors> constants = stackalloc SiteVectors[vectors];
        for (int v = 0; v < vectors; v++)
        {
            int j = v * W;
            constants[v] = SiteVectors.Of(drawn, j);
            for (int x = 0; x < sources; x++) supplyState[v * sources + x] = SupplyVectors.Of(supply[x], j);
            var cycle = drawn.LifetimeYears.At(j) * 12;
            for (int p = 0; p < phases.Length; p++)
                PhaseVectors.Start(ref state[p * vectors + v], phases[p], j, cycle, generations, roadmap);
        }

        var own = _result.SiteScopeOf[s] is var ownScope and >= 0 ? _result.Series[ownScope] : null;
        var bucket = _sums.Bucket(_sums.BucketOfSite[s]);
        var zero = Vector<double>.Zero;
        var one = Vector<double>.One;
        Span<int> activeSupply = stackalloc int[sources];
        Span<Vector<double>> values = stackalloc Vector<double>[Metrics.Count];

        for (int t = 0; t < _months; t++)
        {
            var mid = new Vector<double>(t + 0.5);
            int active = 0;
            for (int x = 0; x < sources; x++)
                if (supply[x].FromPosition <= t && t < supply[x].UntilPosition) activeSupply[active++] = x;
            var serving = activeSupply[..active];
            double hours = _layout.HoursOf[t];
            var hoursV = new Vector<double>(hours);
            var inverseHours = new Vector<double>(1 / hours);
            var pueMonth = new Vector<double>(pueMonthly[_layout.CalendarMonthOf[t] - 1]);

            for (int v = 0; v < vectors; v++)
            {
                int j = v * W;
                int lanes = Math.Min(W, count - j);
                ref readonly var c = ref constants[v];
                var siteSupply = supplyState.Slice(v * sources, sources);
                var builtSum = zero;
                var accelerators = zero;
                var capexFacility = zero;
                var capexHardware = zero;
                var peakPerBuilt = zero; // sum over phases of N_p * peak_p, scaled by the powered share below

                for (int p = 0; p < phases.Length; p++)
                {
                    ref var st = ref state[p * vectors + v];
                    // Not online in any lane yet: nothing built, nothing bought.
                    if (Vector.LessThanAll(mid, st.Online)) continue;
                    var rose = zero;
                    bool refreshed = false;
                    if (Vector.GreaterThanOrEqualAny(mid, st.NextRefresh))
                    {
                        var k = PhaseVectors.RefreshIndex(mid, st.Online, st.Cycle);
                        rose = (Vector<double>)Vector.GreaterThan(k, st.Refresh);
                        if (!Vector.EqualsAll(k, st.Refresh))
                        {
                            refreshed = true;
                            PhaseVectors.SelectGeneration(ref st, phases[p].NamedAccelerator, k, j, generations, roadmap);
                        }
                        st.Refresh = k;
                        st.NextRefresh = PhaseVectors.NextRefreshAt(st.Online, st.Cycle, k);
                    }
                    var itMw = st.ItMw;
                    // Fully built since last month and no refresh: the steady values.
                    if (!refreshed && Vector.GreaterThanOrEqualAll(mid - one, st.RampEnd))
                    {
                        var steady = st.Count;
                        builtSum += itMw;
                        accelerators += steady;
                        peakPerBuilt += steady * st.PeakFlops;
                        continue;
                    }
                    var built = itMw * PhaseVectors.Shape(PhaseVectors.Ramp(mid, st.Online, st.InverseRamp, st.RampZero), phases[p].Linear);
                    var n = built * st.PerItMw;
                    var bought = Vector.ConditionalSelect((Vector<long>)rose, n, Vector.Max(zero, n - st.Count));
                    capexHardware += st.UnitCostUsd * bought;
                    capexFacility += c.CapexUsdPerItMw * Vector.Max(zero, built - st.Built);
                    accelerators += n;
                    peakPerBuilt += n * st.PeakFlops;
                    builtSum += built;
                    st.Built = built;
                    st.Count = n;
                }

                int at = t * Accumulators.MonthStride + j;
                Vector<double> supplyMw, powered;
                if (!supplied)
                {
                    supplyMw = builtSum * c.DesignPue;
                    powered = builtSum;
                }
                else
                {
                    supplyMw = SupplyDispatch.Nameplate(siteSupply, serving);
                    powered = Vector.Min(builtSum, supplyMw * c.InverseDesignPue);
                }
                // Nothing built in any lane: every metric but the supply is 0, and the sums are already 0.
                if (Vector.EqualsAll(builtSum, zero))
                {
                    if (active > 0)
                    {
                        Accumulators.Add(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(bucket), at), Metric.SupplyMw, supplyMw);
                        Own(own, Metric.SupplyMw, t, j, supplyMw, lanes);
                    }
                    continue;
                }

                // The powered share of peak FLOP/s: 1 wherever all that is built is powered (where
                // nothing is built, peakPerBuilt is 0), so the division is needed only under a supply limit.
                var peakFlops = peakPerBuilt;
                if (Vector.LessThanAny(powered, builtSum))
                    peakFlops *= Vector.ConditionalSelect(Vector.GreaterThan(builtSum, zero), powered / builtSum, zero);
                var itEnergy = powered * c.LoadFactor * hoursV;
                var facilityEnergy = itEnergy * (c.Pue * pueMonth);

                Vector<double> cost, emissions, shortfall;
                if (!supplied)
                {
                    cost = facilityEnergy * c.GridPriceUsdPerMwh;
                    emissions = facilityEnergy * c.GridTco2PerMwh;
                    shortfall = zero;
                }
                else shortfall = SupplyDispatch.Serve(siteSupply, serving, facilityEnergy * inverseHours, hoursV, out cost, out emissions);
                var effective = peakFlops * c.Mfu;

                values[(int)Metric.ItBuiltMw] = builtSum;
                values[(int)Metric.ItPoweredMw] = powered;
                values[(int)Metric.ItStrandedMw] = builtSum - powered;
                values[(int)Metric.SupplyMw] = supplyMw;
                values[(int)Metric.Accelerators] = accelerators;
                values[(int)Metric.PeakFlops] = peakFlops;
                values[(int)Metric.EffectiveFlops] = effective;
                values[(int)Metric.ItEnergyMwh] = itEnergy;
                values[(int)Metric.FacilityEnergyMwh] = facilityEnergy;
                values[(int)Metric.ShortfallMwh] = shortfall;
                values[(int)Metric.EnergyCostUsd] = cost;
                values[(int)Metric.EmissionsTco2] = emissions;
                values[(int)Metric.WaterM3] = itEnergy * c.WueLitresPerKwh;
                values[(int)Metric.CapexFacilityUsd] = capexFacility;
                values[(int)Metric.CapexHardwareUsd] = capexHardware;
                Accumulators.Add(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(bucket), at), values);
                if (own is not null)
                {
                    values[(int)Metric.FacilityDemandMw] = facilityEnergy / hoursV;
                    values[(int)Metric.H100e] = peakFlops / h100Peak.At(j);
                    foreach (var metric in Metrics.SiteComputed)
                        Own(own, metric, t, j, values[(int)metric], lanes);
                }
                _frontier.AddSite(s, t, j, effective);
            }
        }
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
}
