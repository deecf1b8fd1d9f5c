using System.Numerics;
using System.Runtime.CompilerServices;
using CapacitySim.Core.Engine.Parameters;

namespace CapacitySim.Core.Engine.Fast;

/// <summary>An accelerator's lanes in a chunk: available position with slip, peak FLOP/s, accelerators per IT MW (1e6 / all-in watts), capex and embodied kgCO2e per accelerator.</summary>
internal readonly record struct GenerationLanes(Lane AvailablePosition, Lane PeakFlops, Lane PerItMw, Lane UnitCostUsd, Lane EmbodiedKg);

/// <summary>An accelerator generation over one lane vector: accelerators per IT MW, peak FLOP/s and capex per accelerator.</summary>
internal struct Generation
{
    public Vector<double> PerItMw, PeakFlops, UnitCostUsd, EmbodiedKg;

    /// <summary>
    /// The accelerator of cycle k, per lane: the named one for k = 0, else latest(c_k), the last
    /// roadmap entry available by the cycle's start c_k, or the first entry when none is.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Generation Of(int named, Vector<double> k, Vector<double> start, int j, GenerationLanes[] generations, int[] roadmap)
    {
        var g0 = generations[roadmap[0]];
        var chosen = new Generation { PerItMw = g0.PerItMw.At(j), PeakFlops = g0.PeakFlops.At(j), UnitCostUsd = g0.UnitCostUsd.At(j), EmbodiedKg = g0.EmbodiedKg.At(j) };
        for (int r = 1; r < roadmap.Length; r++)
        {
            var g = generations[roadmap[r]];
            var take = Vector.LessThanOrEqual(g.AvailablePosition.At(j), start);
            chosen.PerItMw = Vector.ConditionalSelect(take, g.PerItMw.At(j), chosen.PerItMw);
            chosen.PeakFlops = Vector.ConditionalSelect(take, g.PeakFlops.At(j), chosen.PeakFlops);
            chosen.UnitCostUsd = Vector.ConditionalSelect(take, g.UnitCostUsd.At(j), chosen.UnitCostUsd);
            chosen.EmbodiedKg = Vector.ConditionalSelect(take, g.EmbodiedKg.At(j), chosen.EmbodiedKg);
        }
        if (named >= 0)
        {
            var g = generations[named];
            var first = Vector.Equals(k, Vector<double>.Zero);
            chosen.PerItMw = Vector.ConditionalSelect(first, g.PerItMw.At(j), chosen.PerItMw);
            chosen.PeakFlops = Vector.ConditionalSelect(first, g.PeakFlops.At(j), chosen.PeakFlops);
            chosen.UnitCostUsd = Vector.ConditionalSelect(first, g.UnitCostUsd.At(j), chosen.UnitCostUsd);
            chosen.EmbodiedKg = Vector.ConditionalSelect(first, g.EmbodiedKg.At(j), chosen.EmbodiedKg);
        }
        return chosen;
    }
}

/// <summary>
/// One phase over one lane vector of samples: its constants, and what it held last month. A month
/// in which no lane's ramp, refresh or construction moves (every lane before its construction, or
/// between the end of its newest cycle's install and the start of the next) repeats last month's
/// values and spends nothing; other months evaluate the vintages (docs/model.md section 4).
/// </summary>
internal struct PhaseVectors
{
    /// <summary>o_p: online position with delay.</summary>
    public Vector<double> Online;
    public Vector<double> ItMw;
    public Vector<double> RampMonths;
    /// <summary>1 / ramp months (infinite for a ramp of 0, masked by <see cref="RampZero"/>).</summary>
    public Vector<double> InverseRamp;
    /// <summary>All bits set in lanes whose ramp is 0.</summary>
    public Vector<double> RampZero;
    /// <summary>Refresh cycle C in months (0 = never).</summary>
    public Vector<double> Cycle;
    /// <summary>o_p - build_months: before it, nothing is built, bought or spent.</summary>
    public Vector<double> ConstructionStart;
    /// <summary>The window [from, until) of positions in which the lane repeats last month.</summary>
    public Vector<double> SteadyFrom, SteadyUntil;
    /// <summary>B_p, N_p and the peak FLOP/s if powered, of the last month evaluated.</summary>
    public Vector<double> Built, Accelerators, PeakFlopsIfPowered;
    /// <summary>H, the capex of the hardware standing, of the last month evaluated.</summary>
    public Vector<double> HardwareInService;
    /// <summary>The newest cycle of the last month evaluated (-1 before any), and the generations of it and the cycle before.</summary>
    public Vector<double> Newest;
    /// <summary>c_(newest + 1): until then the newest cycle stays the newest (infinite with no refresh).</summary>
    public Vector<double> NextCycleStart;
    public Generation Current, Previous;
    /// <summary>The generations of four cycles, by cycle index mod 4 (<see cref="CycleTag0"/> .. 3: the index held, int.MinValue for none).</summary>
    public Generation Cycle0, Cycle1, Cycle2, Cycle3;
    public int CycleTag0, CycleTag1, CycleTag2, CycleTag3;

    /// <summary>
    /// Rows a phase adds into per month: built IT, accelerators, peak FLOP/s if powered, facility
    /// and hardware capex, hardware in service (H), embodied tCO2e. The last row is the site's
    /// hardware cost stock Q (all hardware ever installed, at cost), which the month pass writes
    /// as it goes: hardware depreciation is Q's change over Lm months / Lm.
    /// </summary>
    public const int BuiltRow = 0, AcceleratorsRow = 1, PeakRow = 2, CapexFacilityRow = 3, CapexHardwareRow = 4,
        HardwareInServiceRow = 5, EmbodiedRow = 6, CostStockRow = 7, BaseRows = 8;

    /// <summary>
    /// Adds one phase over one lane vector into its site's base rows ([month][row]), month by month:
    /// months before every lane's construction add nothing, steady months their last values, the
    /// others as <see cref="Evaluate"/> gives them. Returns the first month it may have added to.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int AddTo(Span<Vector<double>> bases, in DrawnPhase phase, in SiteVectors site, int j, Vector<double> cycle, GenerationLanes[] generations, int[] roadmap)
    {
        var st = new PhaseVectors();
        Start(ref st, phase, j, cycle, site.BuildMonths);
        int months = bases.Length / BaseRows;
        // The first month whose middle reaches some lane's construction start (t + 0.5 >= start).
        double earliest = double.PositiveInfinity;
        for (int l = 0; l < Vector<double>.Count; l++) earliest = Math.Min(earliest, st.ConstructionStart[l]);
        int first = double.IsNaN(earliest) ? 0 : (int)Math.Clamp(Math.Floor(earliest - 0.5), 0, months);
        ref var row = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(bases);
        for (int t = first; t < months; t++)
        {
            var mid = new Vector<double>(t + 0.5);
            ref var at = ref Unsafe.Add(ref row, t * BaseRows);
            if (st.IsSteady(mid))
            {
                // A run of steady months adds the same four values: held in locals, not reread from
                // the phase's state after every store into the rows.
                var constructionStart = st.ConstructionStart;
                var steadyFrom = st.SteadyFrom;
                var steadyUntil = st.SteadyUntil;
                var built = st.Built;
                var accelerators = st.Accelerators;
                var peak = st.PeakFlopsIfPowered;
                var inService = st.HardwareInService;
                while (true)
                {
                    Unsafe.Add(ref at, BuiltRow) += built;
                    Unsafe.Add(ref at, AcceleratorsRow) += accelerators;
                    Unsafe.Add(ref at, PeakRow) += peak;
                    Unsafe.Add(ref at, HardwareInServiceRow) += inService;
                    if (t + 1 >= months) break;
                    if (!Steady(new Vector<double>(t + 1.5), constructionStart, steadyFrom, steadyUntil)) break;
                    t++;
                    at = ref Unsafe.Add(ref at, BaseRows);
                }
                continue;
            }
            int last = Refresh(ref st, phase, t, months, j, generations, roadmap, ref at);
            if (last < t) last = Ramp(ref st, phase, site, t, months, j, generations, roadmap, ref at);
            if (last >= t)
            {
                t = last;
                continue;
            }
            Evaluate(ref st, phase, mid, site, j, generations, roadmap, ref at);
        }
        return first;
    }

    /// <summary>
    /// Months from t on in which every lane's facility has been fully built since the month before
    /// and each lane's newest cycle is u - 1 or u (a refresh to cycle u, lane by lane as each
    /// reaches its start), with the cycle before each lane's newest fully installed:
    /// <see cref="Evaluate"/>'s operations on the values that move, with the newest cycle's fraction
    /// of last month carried over as this month's "before" (the same position, t - 0.5) and the
    /// older cycle's fractions known to be exactly 1 (a ramp's fraction, once 1, stays 1). A lane's
    /// cycle, start and generations are chosen again only in a month in which some lane starts cycle
    /// u. Adds the months into the rows from <paramref name="at"/> and returns the last month
    /// added, or t - 1 when month t is not such a month.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Refresh(ref PhaseVectors st, in DrawnPhase phase, int t, int months, int j, GenerationLanes[] generations, int[] roadmap, ref Vector<double> at)
    {
        var zero = Vector<double>.Zero;
        var one = Vector<double>.One;
        var all = new Vector<long>(-1);
        var mid = new Vector<double>(t + 0.5);
        if (Vector.LessThanAll(mid, st.Online) || !Vector.GreaterThanOrEqualAll(mid - one, st.Online + st.RampMonths)
            || Vector.EqualsAny(st.Cycle, zero)) return t - 1;
        // The newest cycle as Advance finds it; the run chooses the generations itself and leaves
        // the phase's state as it found it when it adds no month.
        var newest = Vector.GreaterThanOrEqualAny(mid, st.NextCycleStart) ? NewestCycle(mid, st.Online, st.Cycle) : st.Newest;
        double low = newest[0], high = newest[0];
        for (int l = 1; l < Vector<double>.Count; l++)
        {
            low = Math.Min(low, newest[l]);
            high = Math.Max(high, newest[l]);
        }
        if (!(low >= 0 && high - low <= 1 && low < 1e6)) return t - 1;
        int u = (int)low + 1;
        var online = st.Online;
        var cycle = st.Cycle;
        var itMw = st.ItMw;
        var inverseRamp = st.InverseRamp;
        var rampZero = st.RampZero;
        var rampMonths = st.RampMonths;
        bool linear = phase.Linear;
        var upper = new Vector<double>(u);
        var lower = upper - one;
        // Starts of cycles u - 2 .. u + 1 per lane, written as Evaluate writes a cycle's start.
        var startLower = online + lower * cycle;
        var startUpper = online + upper * cycle;
        var startBeyond = online + (upper + one) * cycle;
        var olderOfLower = lower - one;
        var startOlderOfLower = online + olderOfLower * cycle;
        var gUpper = OfCycle(ref st, phase, u, j, generations, roadmap);
        var gLower = OfCycle(ref st, phase, u - 1, j, generations, roadmap);
        var gOlder = OfCycle(ref st, phase, u - 2, j, generations, roadmap);
        var started = Vector.Equals(newest, upper);
        // The older cycle of every lane is fully installed now and a month ago.
        var olderStart = Vector.ConditionalSelect(started, startLower, startOlderOfLower);
        var validOlder = Vector.GreaterThanOrEqual(Vector.ConditionalSelect(started, lower, olderOfLower), zero);
        if (!Vector.EqualsAll(Vector.ConditionalSelect(validOlder, Fraction(mid, olderStart, inverseRamp, rampZero, linear), one), one)
            || !Vector.EqualsAll(Vector.ConditionalSelect(validOlder, Fraction(mid - one, olderStart, inverseRamp, rampZero, linear), one), one))
            return t - 1;

        var thousand = new Vector<double>(1000);
        var constructionStart = st.ConstructionStart;
        Vector<double> k = default, start = default, costShare = default, embodiedShare = default, olderCapex = default, olderEmbodied = default,
            steadyFrom = default, nextCycleStart = default;
        Vector<long> newestOnly = default;
        Generation current = default, previous = default;
        var before = zero;
        Vector<double> accelerators = zero, peak = zero, inService = zero;
        ref var row = ref Unsafe.Add(ref at, 0);
        var wasStarted = started;
        bool fresh = true;
        while (true)
        {
            if (fresh || !Vector.EqualsAll(started, wasStarted))
            {
                // The run starts, or some lane starts cycle u this month: that lane's older cycle must
                // be fully installed, then its cycle, start and generations are taken again.
                var starting = fresh ? all : started & ~wasStarted;
                if (!fresh && !Vector.EqualsAll(Vector.ConditionalSelect(starting, before, one), one))
                {
                    t--;
                    break;
                }
                k = Vector.ConditionalSelect(started, upper, lower);
                start = Vector.ConditionalSelect(started, startUpper, startLower);
                current = Pick(started, gUpper, gLower);
                previous = Pick(started, gLower, gOlder);
                validOlder = Vector.GreaterThanOrEqual(k - one, zero);
                costShare = current.UnitCostUsd * itMw * current.PerItMw;
                embodiedShare = current.EmbodiedKg * itMw * current.PerItMw;
                // The older cycle's capex and embodied carbon: its fraction moves from 1 to 1.
                olderCapex = Vector.ConditionalSelect(validOlder, previous.UnitCostUsd * itMw * previous.PerItMw * (one - one), zero);
                olderEmbodied = Vector.ConditionalSelect(validOlder, previous.EmbodiedKg * itMw * previous.PerItMw * (one - one) / thousand, zero);
                newestOnly = Vector.LessThan(k, one);
                steadyFrom = online + k * cycle + rampMonths + one;
                nextCycleStart = online + (k + one) * cycle;
                before = Vector.ConditionalSelect(starting, Fraction(mid - one, start, inverseRamp, rampZero, linear), before);
                wasStarted = started;
                fresh = false;
            }
            var now = Fraction(mid, start, inverseRamp, rampZero, linear);
            var count = itMw * (now - zero) * current.PerItMw;
            accelerators = zero + count;
            peak = zero + count * current.PeakFlops;
            var capexHardware = zero + costShare * (now - before);
            inService = zero + count * current.UnitCostUsd;
            var embodied = zero + embodiedShare * (now - before) / thousand;
            if (!Vector.EqualsAll(newestOnly | Vector.GreaterThanOrEqual(before, one), all))
            {
                count = Vector.ConditionalSelect(validOlder, itMw * (one - now) * previous.PerItMw, zero);
                accelerators += count;
                peak += count * previous.PeakFlops;
                capexHardware += olderCapex;
                inService += count * previous.UnitCostUsd;
                embodied += olderEmbodied;
            }
            // The facility row gains capexFacility = 0, which leaves a row (never -0) as it is.
            Unsafe.Add(ref row, BuiltRow) += itMw;
            Unsafe.Add(ref row, AcceleratorsRow) += accelerators;
            Unsafe.Add(ref row, PeakRow) += peak;
            Unsafe.Add(ref row, CapexHardwareRow) += capexHardware;
            Unsafe.Add(ref row, HardwareInServiceRow) += inService;
            Unsafe.Add(ref row, EmbodiedRow) += zero + embodied;
            if (t + 1 >= months) break;
            var next = mid + one;
            // Steady next month, or some lane starts cycle u + 1: the caller's steady path or Evaluate.
            if (Steady(next, constructionStart, steadyFrom, nextCycleStart) || Vector.GreaterThanOrEqualAny(next, startBeyond)) break;
            mid = next;
            before = now;
            started = Vector.GreaterThanOrEqual(mid, startUpper);
            t++;
            row = ref Unsafe.Add(ref row, BaseRows);
        }
        st.Newest = k;
        st.Current = current;
        st.Previous = previous;
        st.NextCycleStart = nextCycleStart;
        Settle(ref st, itMw, accelerators, peak, inService, steadyFrom, nextCycleStart);
        return t;
    }

    /// <summary>Per lane, <paramref name="a"/> where <paramref name="take"/> is set, else <paramref name="b"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Generation Pick(Vector<long> take, in Generation a, in Generation b) => new()
    {
        PerItMw = Vector.ConditionalSelect(take, a.PerItMw, b.PerItMw),
        PeakFlops = Vector.ConditionalSelect(take, a.PeakFlops, b.PeakFlops),
        UnitCostUsd = Vector.ConditionalSelect(take, a.UnitCostUsd, b.UnitCostUsd),
        EmbodiedKg = Vector.ConditionalSelect(take, a.EmbodiedKg, b.EmbodiedKg),
    };

    /// <summary>
    /// Months from t on, before every lane's facility is fully built, in which the first cycle is the
    /// newest in every lane (construction and the first ramp): <see cref="Evaluate"/>'s operations,
    /// with the first cycle's ramp fraction, which is also the built fraction, computed once a month
    /// and carried over as next month's "before" (the same position). Adds the months into the rows
    /// from <paramref name="at"/> and returns the last month added, or t - 1 when month t is not such a month.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Ramp(ref PhaseVectors st, in DrawnPhase phase, in SiteVectors site, int t, int months, int j, GenerationLanes[] generations, int[] roadmap, ref Vector<double> at)
    {
        var zero = Vector<double>.Zero;
        var one = Vector<double>.One;
        var mid = new Vector<double>(t + 0.5);
        var online = st.Online;
        var builtBy = online + st.RampMonths;
        if (Vector.GreaterThanOrEqualAll(mid - one, builtBy)) return t - 1;
        // Evaluate advances the cycles only once some lane is online; advancing earlier finds the
        // same first cycle and its generations.
        var newest = Advance(ref st, phase, mid, j, generations, roadmap);
        // The first cycle starts where the ramp does: its fraction is the built fraction.
        if (!Vector.EqualsAll(newest, zero) || !Vector.EqualsAll(online + newest * st.Cycle, online)) return t - 1;

        var itMw = st.ItMw;
        var inverseRamp = st.InverseRamp;
        var rampZero = st.RampZero;
        bool linear = phase.Linear;
        var buildMonths = site.BuildMonths;
        var buildZero = (Vector<long>)site.BuildZero;
        var capexPerItMw = site.CapexUsdPerItMw;
        var embodiedPerItMw = site.EmbodiedTco2PerItMw;
        var valid = Vector.GreaterThanOrEqual(newest, zero);
        var current = st.Current;
        var costShare = current.UnitCostUsd * itMw * current.PerItMw;
        var embodiedShare = current.EmbodiedKg * itMw * current.PerItMw;
        var thousand = new Vector<double>(1000);
        var constructionStart = st.ConstructionStart;
        var nextCycleStart = st.NextCycleStart;
        var rampSteadyFrom = online + newest * st.Cycle + st.RampMonths + one;
        var steadyFrom = st.SteadyFrom;
        var steadyUntil = st.SteadyUntil;
        var lastBuilt = st.Built;
        Vector<double> accelerators = st.Accelerators, peak = st.PeakFlopsIfPowered, inService = st.HardwareInService;
        var before = zero;
        bool haveBefore = false;
        ref var row = ref Unsafe.Add(ref at, 0);
        while (true)
        {
            if (Vector.LessThanAll(mid, online))
            {
                // Under construction in every lane: facility spend only, as Evaluate has it.
                var planned = itMw * Fraction(mid + buildMonths, online, inverseRamp, rampZero, linear);
                Unsafe.Add(ref row, CapexFacilityRow) += Vector.ConditionalSelect(buildZero, zero, capexPerItMw * planned / buildMonths);
                Unsafe.Add(ref row, EmbodiedRow) += Vector.ConditionalSelect(buildZero, zero, embodiedPerItMw * planned / buildMonths);
                haveBefore = false;
            }
            else
            {
                if (!haveBefore) before = Fraction(mid - one, online, inverseRamp, rampZero, linear);
                var now = Fraction(mid, online, inverseRamp, rampZero, linear);
                var built = itMw * now;
                var ahead = itMw * Fraction(mid + buildMonths, online, inverseRamp, rampZero, linear);
                var capexFacility = Vector.ConditionalSelect(buildZero, capexPerItMw * (built - lastBuilt), capexPerItMw * (ahead - built) / buildMonths);
                var embodiedFacility = Vector.ConditionalSelect(buildZero, embodiedPerItMw * (built - lastBuilt), embodiedPerItMw * (ahead - built) / buildMonths);
                var count = Vector.ConditionalSelect(valid, itMw * (now - zero) * current.PerItMw, zero);
                accelerators = zero + count;
                peak = zero + count * current.PeakFlops;
                var capexHardware = zero + Vector.ConditionalSelect(valid, costShare * (now - before), zero);
                inService = zero + count * current.UnitCostUsd;
                var embodied = zero + Vector.ConditionalSelect(valid, embodiedShare * (now - before) / thousand, zero);
                Unsafe.Add(ref row, BuiltRow) += built;
                Unsafe.Add(ref row, AcceleratorsRow) += accelerators;
                Unsafe.Add(ref row, PeakRow) += peak;
                Unsafe.Add(ref row, CapexFacilityRow) += capexFacility;
                Unsafe.Add(ref row, CapexHardwareRow) += capexHardware;
                Unsafe.Add(ref row, HardwareInServiceRow) += inService;
                Unsafe.Add(ref row, EmbodiedRow) += embodiedFacility + embodied;
                lastBuilt = built;
                steadyFrom = rampSteadyFrom;
                steadyUntil = nextCycleStart;
                before = now;
                haveBefore = true;
            }
            if (t + 1 >= months) break;
            var next = mid + one;
            // Fully built, steady, or a newer cycle started next month: Refresh, the caller's steady path or Evaluate.
            if (Vector.GreaterThanOrEqualAll(next - one, builtBy) || Vector.GreaterThanOrEqualAny(next, nextCycleStart)) break;
            if (Steady(next, constructionStart, steadyFrom, steadyUntil)) break;
            mid = next;
            t++;
            row = ref Unsafe.Add(ref row, BaseRows);
        }
        Settle(ref st, lastBuilt, accelerators, peak, inService, steadyFrom, steadyUntil);
        return t;
    }

    /// <summary>
    /// <see cref="Generation.Of"/> for cycle k per lane, each cycle's generation chosen once per
    /// phase and lane vector: lanes reach a cycle in different months, and the generation of cycle
    /// c in a lane depends only on c and the lane's own start, so choosing it for c in every lane
    /// and taking each lane's gives the same values.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Generation OfCycles(ref PhaseVectors st, in DrawnPhase phase, Vector<double> k, int j, GenerationLanes[] generations, int[] roadmap)
    {
        double low = k[0], high = k[0];
        for (int l = 1; l < Vector<double>.Count; l++)
        {
            low = Math.Min(low, k[l]);
            high = Math.Max(high, k[l]);
        }
        if (!(high - low <= 3 && Math.Abs(low) < 1e6 && low == Math.Floor(low)))
            return Generation.Of(phase.NamedAccelerator, k, st.Online + k * st.Cycle, j, generations, roadmap);
        int first = (int)low;
        var chosen = OfCycle(ref st, phase, first, j, generations, roadmap);
        for (int c = first + 1; c <= (int)high; c++)
        {
            var g = OfCycle(ref st, phase, c, j, generations, roadmap);
            var take = Vector.Equals(k, new Vector<double>(c));
            chosen.PerItMw = Vector.ConditionalSelect(take, g.PerItMw, chosen.PerItMw);
            chosen.PeakFlops = Vector.ConditionalSelect(take, g.PeakFlops, chosen.PeakFlops);
            chosen.UnitCostUsd = Vector.ConditionalSelect(take, g.UnitCostUsd, chosen.UnitCostUsd);
            chosen.EmbodiedKg = Vector.ConditionalSelect(take, g.EmbodiedKg, chosen.EmbodiedKg);
        }
        return chosen;
    }

    /// <summary>The generation of cycle c in every lane, from the phase's four-cycle cache or chosen and kept there.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref readonly Generation OfCycle(ref PhaseVectors st, in DrawnPhase phase, int c, int j, GenerationLanes[] generations, int[] roadmap)
    {
        ref int tag = ref st.CycleTag0;
        ref Generation slot = ref st.Cycle0;
        switch (c & 3)
        {
            case 1: tag = ref st.CycleTag1; slot = ref st.Cycle1; break;
            case 2: tag = ref st.CycleTag2; slot = ref st.Cycle2; break;
            case 3: tag = ref st.CycleTag3; slot = ref st.Cycle3; break;
        }
        if (tag != c) Choose(ref st, ref tag, ref slot, phase, c, j, generations, roadmap);
        return ref slot;
    }

    /// <summary>Chooses cycle c's generation into a slot of the cache: rare, so kept out of the callers' code.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Choose(ref PhaseVectors st, ref int tag, ref Generation slot, in DrawnPhase phase, int c, int j, GenerationLanes[] generations, int[] roadmap)
    {
        var k = new Vector<double>(c);
        slot = Generation.Of(phase.NamedAccelerator, k, st.Online + k * st.Cycle, j, generations, roadmap);
        tag = c;
    }

    /// <summary>
    /// The newest cycle at <paramref name="mid"/>: when some lane's next cycle has started, it is
    /// found again, and the generations of it and the cycle before chosen once per new cycle.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> Advance(ref PhaseVectors st, in DrawnPhase phase, Vector<double> mid, int j, GenerationLanes[] generations, int[] roadmap)
    {
        var newest = st.Newest;
        if (Vector.GreaterThanOrEqualAny(mid, st.NextCycleStart))
        {
            newest = NewestCycle(mid, st.Online, st.Cycle);
            if (!Vector.EqualsAll(newest, st.Newest))
            {
                // A new cycle started in some lane: its generation and the one before.
                st.Current = OfCycles(ref st, phase, newest, j, generations, roadmap);
                st.Previous = OfCycles(ref st, phase, newest - Vector<double>.One, j, generations, roadmap);
                st.Newest = newest;
            }
            st.NextCycleStart = Vector.ConditionalSelect(Vector.Equals(st.Cycle, Vector<double>.Zero), new Vector<double>(double.PositiveInfinity), st.Online + (newest + Vector<double>.One) * st.Cycle);
        }
        return newest;
    }

    /// <summary>
    /// Adds a phase that stood before the run into <paramref name="preRun"/> ([P + t][2], t in
    /// -P .. -1): its built IT B_p at the months [builtFrom, builtTo] and its hardware cost stock
    /// Q_p at [costFrom, costTo], the months a lag of a book life reaches back to from the run.
    /// Facility and hardware installed before the run are still depreciated in it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddPreRun(Span<Vector<double>> preRun, int months, int builtFrom, int builtTo, int costFrom, int costTo,
        in DrawnPhase phase, int j, Vector<double> cycle, GenerationLanes[] generations, int[] roadmap)
    {
        var online = phase.OnlinePosition.At(j);
        var itMw = phase.ItMw.At(j);
        var ramp = phase.RampMonths.At(j);
        var inverseRamp = Vector<double>.One / ramp;
        var rampZero = (Vector<double>)Vector.Equals(ramp, Vector<double>.Zero);
        for (int t = builtFrom; t <= builtTo; t++)
        {
            var mid = new Vector<double>(t + 0.5);
            if (Vector.LessThanAll(mid, online)) continue;
            preRun[(months + t) * 2] += itMw * Fraction(mid, online, inverseRamp, rampZero, phase.Linear);
        }
        if (costFrom > costTo) return;
        // The cycles started by the last month asked for, their generations chosen once.
        var last = new Vector<double>(costTo + 0.5);
        var newest = NewestCycle(last, online, cycle);
        int cycles = 0;
        for (int l = 0; l < Vector<double>.Count; l++) cycles = Math.Max(cycles, (int)newest[l] + 1);
        Span<Generation> chosen = stackalloc Generation[cycles];
        for (int k = 0; k < cycles; k++)
            chosen[k] = Generation.Of(phase.NamedAccelerator, new Vector<double>(k), online + new Vector<double>(k) * cycle, j, generations, roadmap);
        // Q only moves while a cycle starts or ramps in some lane: in a month in which every cycle
        // of every lane is before its start, or was fully installed a month before last month (so
        // the ramp's computed fraction is exactly 1 in both), the sum is last month's, bit for bit.
        var sum = Vector<double>.Zero;
        bool summed = false;
        var settled = ramp + Vector<double>.One;
        for (int t = costFrom; t <= costTo; t++)
        {
            var mid = new Vector<double>(t + 0.5);
            if (Vector.LessThanAll(mid, online)) continue;
            if (summed && Quiet(mid, online, cycle, settled, cycles))
            {
                preRun[(months + t) * 2 + 1] += sum;
                continue;
            }
            summed = true;
            sum = Vector<double>.Zero;
            var latest = NewestCycle(mid, online, cycle);
            for (int k = 0; k < cycles; k++)
            {
                var start = online + new Vector<double>(k) * cycle;
                var valid = Vector.LessThanOrEqual(new Vector<double>(k), latest);
                sum += Vector.ConditionalSelect(valid, chosen[k].UnitCostUsd * itMw * chosen[k].PerItMw * Fraction(mid, start, inverseRamp, rampZero, phase.Linear), Vector<double>.Zero);
            }
            preRun[(months + t) * 2 + 1] += sum;
        }
    }

    /// <summary>True when no cycle k &lt; <paramref name="cycles"/> of any lane starts or ramps between last month's middle and <paramref name="mid"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Quiet(Vector<double> mid, Vector<double> online, Vector<double> cycle, Vector<double> settled, int cycles)
    {
        var before = mid - Vector<double>.One;
        for (int k = 0; k < cycles; k++)
        {
            var start = online + new Vector<double>(k) * cycle;
            var still = Vector.LessThan(mid, start) | Vector.GreaterThanOrEqual(before, start + settled);
            if (!Vector.EqualsAll(still, new Vector<long>(-1))) return false;
        }
        return true;
    }

    /// <summary>Q_p at the middle of month -1, for a phase that stood before the run: where the month pass's running Q starts.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Vector<double> CostStockBeforeRun(in DrawnPhase phase, int j, Vector<double> cycle, GenerationLanes[] generations, int[] roadmap)
    {
        var online = phase.OnlinePosition.At(j);
        var ramp = phase.RampMonths.At(j);
        var at = new Vector<double>(-0.5);
        if (Vector.LessThanAll(at, online)) return Vector<double>.Zero;
        return CostStockAt(at, online, phase.ItMw.At(j), Vector<double>.One / ramp, (Vector<double>)Vector.Equals(ramp, Vector<double>.Zero), cycle, phase, j, generations, roadmap);
    }

    /// <summary>Q at <paramref name="mid"/>: the cost of every cycle's hardware installed by then, sum over k of c_k N_k f_k.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Vector<double> CostStockAt(Vector<double> mid, Vector<double> online, Vector<double> itMw, Vector<double> inverseRamp, Vector<double> rampZero,
        Vector<double> cycle, in DrawnPhase phase, int j, GenerationLanes[] generations, int[] roadmap)
    {
        var newest = NewestCycle(mid, online, cycle);
        var sum = Vector<double>.Zero;
        var k = Vector<double>.Zero;
        while (true)
        {
            var valid = Vector.LessThanOrEqual(k, newest);
            if (!Vector.EqualsAny(valid, new Vector<long>(-1))) break;
            var start = online + k * cycle;
            var g = Generation.Of(phase.NamedAccelerator, k, start, j, generations, roadmap);
            sum += Vector.ConditionalSelect(valid, g.UnitCostUsd * itMw * g.PerItMw * Fraction(mid, start, inverseRamp, rampZero, phase.Linear), Vector<double>.Zero);
            k += Vector<double>.One;
        }
        return sum;
    }

    /// <summary>A phase's constants, and B_p(-1) for facility capex when build_months is 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Start(ref PhaseVectors st, in DrawnPhase phase, int j, Vector<double> cycle, Vector<double> buildMonths)
    {
        var online = phase.OnlinePosition.At(j);
        var ramp = phase.RampMonths.At(j);
        st.Online = online;
        st.ItMw = phase.ItMw.At(j);
        st.RampMonths = ramp;
        st.InverseRamp = Vector<double>.One / ramp;
        st.RampZero = (Vector<double>)Vector.Equals(ramp, Vector<double>.Zero);
        st.Cycle = cycle;
        st.ConstructionStart = online - buildMonths;
        st.SteadyFrom = new Vector<double>(double.PositiveInfinity);
        st.SteadyUntil = new Vector<double>(double.NegativeInfinity);
        st.Built = st.ItMw * Fraction(new Vector<double>(-0.5), online, st.InverseRamp, st.RampZero, phase.Linear);
        st.Accelerators = Vector<double>.Zero;
        st.PeakFlopsIfPowered = Vector<double>.Zero;
        st.HardwareInService = Vector<double>.Zero;
        st.Newest = new Vector<double>(-1);
        st.NextCycleStart = new Vector<double>(double.NegativeInfinity);
        st.CycleTag0 = st.CycleTag1 = st.CycleTag2 = st.CycleTag3 = int.MinValue;
    }

    /// <summary>True when every lane repeats last month at position <paramref name="mid"/>: before its construction, or in its steady window.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool IsSteady(Vector<double> mid) => Steady(mid, ConstructionStart, SteadyFrom, SteadyUntil);

    /// <summary>True when every lane is before <paramref name="constructionStart"/> or in [<paramref name="from"/>, <paramref name="until"/>) at <paramref name="mid"/>: the loops hold the bounds in locals.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Steady(Vector<double> mid, Vector<double> constructionStart, Vector<double> from, Vector<double> until)
    {
        var before = Vector.LessThan(mid, constructionStart);
        var window = Vector.GreaterThanOrEqual(mid, from) & Vector.LessThan(mid, until);
        return Vector.EqualsAll(before | window, new Vector<long>(-1));
    }

    /// <summary>What a month evaluated leaves for the next: its values, which a steady month repeats, and the steady window.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Settle(ref PhaseVectors st, Vector<double> built, Vector<double> accelerators, Vector<double> peak, Vector<double> inService,
        Vector<double> steadyFrom, Vector<double> steadyUntil)
    {
        st.Built = built;
        st.Accelerators = accelerators;
        st.PeakFlopsIfPowered = peak;
        st.HardwareInService = inService;
        st.SteadyFrom = steadyFrom;
        st.SteadyUntil = steadyUntil;
    }

    /// <summary>
    /// Evaluates month t (position <paramref name="mid"/>): built IT and facility capex from the
    /// ramp, then the vintages from the newest cycle back to the first that was fully installed
    /// in this month and the last (older ones hold nothing and buy nothing); adds them into the
    /// month's base rows at <paramref name="at"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Evaluate(ref PhaseVectors st, in DrawnPhase phase, Vector<double> mid, in SiteVectors site, int j, GenerationLanes[] generations, int[] roadmap, ref Vector<double> at)
    {
        var zero = Vector<double>.Zero;
        var one = Vector<double>.One;
        if (Vector.LessThanAll(mid, st.Online))
        {
            // Under construction in every lane: nothing built or installed yet, only facility spend
            // (with no build months, spend falls as capacity energizes, so none yet); the other rows gain 0.
            var planned = st.ItMw * Fraction(mid + site.BuildMonths, st.Online, st.InverseRamp, st.RampZero, phase.Linear);
            Unsafe.Add(ref at, CapexFacilityRow) += Vector.ConditionalSelect((Vector<long>)site.BuildZero, zero, site.CapexUsdPerItMw * planned / site.BuildMonths);
            Unsafe.Add(ref at, EmbodiedRow) += Vector.ConditionalSelect((Vector<long>)site.BuildZero, zero, site.EmbodiedTco2PerItMw * planned / site.BuildMonths);
            return;
        }
        Vector<double> built, capexFacility, embodiedFacility;
        if (Vector.GreaterThanOrEqualAll(mid - one, st.Online + st.RampMonths))
        {
            // Fully built since last month in every lane: nothing to spend on the facility.
            built = st.ItMw;
            capexFacility = zero;
            embodiedFacility = zero;
        }
        else
        {
            built = st.ItMw * Fraction(mid, st.Online, st.InverseRamp, st.RampZero, phase.Linear);
            var ahead = st.ItMw * Fraction(mid + site.BuildMonths, st.Online, st.InverseRamp, st.RampZero, phase.Linear);
            capexFacility = Vector.ConditionalSelect((Vector<long>)site.BuildZero,
                site.CapexUsdPerItMw * (built - st.Built),
                site.CapexUsdPerItMw * (ahead - built) / site.BuildMonths);
            embodiedFacility = Vector.ConditionalSelect((Vector<long>)site.BuildZero,
                site.EmbodiedTco2PerItMw * (built - st.Built),
                site.EmbodiedTco2PerItMw * (ahead - built) / site.BuildMonths);
        }

        var newest = Advance(ref st, phase, mid, j, generations, roadmap);
        var k = newest;
        var above = zero;
        var accelerators = zero;
        var peak = zero;
        var capexHardware = zero;
        var inService = zero;
        var embodied = zero;
        for (int back = 0; ; back++)
        {
            var valid = Vector.GreaterThanOrEqual(k, zero);
            var start = st.Online + k * st.Cycle;
            var now = Fraction(mid, start, st.InverseRamp, st.RampZero, phase.Linear);
            var before = Fraction(mid - one, start, st.InverseRamp, st.RampZero, phase.Linear);
            var g = back switch
            {
                0 => st.Current,
                1 => st.Previous,
                _ => Generation.Of(phase.NamedAccelerator, k, start, j, generations, roadmap),
            };
            var count = Vector.ConditionalSelect(valid, st.ItMw * (now - above) * g.PerItMw, zero);
            accelerators += count;
            peak += count * g.PeakFlops;
            capexHardware += Vector.ConditionalSelect(valid, g.UnitCostUsd * st.ItMw * g.PerItMw * (now - before), zero);
            inService += count * g.UnitCostUsd;
            embodied += Vector.ConditionalSelect(valid, g.EmbodiedKg * st.ItMw * g.PerItMw * (now - before) / new Vector<double>(1000), zero);
            // Done when in every lane this cycle was fully installed last month already, or there is no older cycle.
            if (Vector.EqualsAll(Vector.LessThan(k, one) | Vector.GreaterThanOrEqual(before, one), new Vector<long>(-1))) break;
            above = now;
            k -= one;
        }
        Unsafe.Add(ref at, BuiltRow) += built;
        Unsafe.Add(ref at, AcceleratorsRow) += accelerators;
        Unsafe.Add(ref at, PeakRow) += peak;
        Unsafe.Add(ref at, CapexFacilityRow) += capexFacility;
        Unsafe.Add(ref at, CapexHardwareRow) += capexHardware;
        Unsafe.Add(ref at, HardwareInServiceRow) += inService;
        Unsafe.Add(ref at, EmbodiedRow) += embodiedFacility + embodied;

        Settle(ref st, built, accelerators, peak, inService, st.Online + newest * st.Cycle + st.RampMonths + one, st.NextCycleStart);
    }

    /// <summary>The newest cycle started by <paramref name="mid"/>, per lane, as <see cref="Formulas.NewestCycle"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> NewestCycle(Vector<double> mid, Vector<double> online, Vector<double> cycle)
    {
        var one = Vector<double>.One;
        var k = Vector.Floor((mid - online) / cycle);
        var up = Vector.LessThanOrEqual(online + (k + one) * cycle, mid);
        var down = ~up & Vector.GreaterThan(k, Vector<double>.Zero) & Vector.GreaterThan(online + k * cycle, mid);
        k = Vector.ConditionalSelect(up, k + one, Vector.ConditionalSelect(down, k - one, k));
        var none = Vector.Equals(cycle, Vector<double>.Zero) | Vector.LessThan(mid, online);
        return Vector.ConditionalSelect(none, Vector<double>.Zero, k);
    }

    /// <summary>The ramp's built fraction at <paramref name="at"/> for a ramp starting at <paramref name="start"/>, as <see cref="Formulas.RampFraction"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> Fraction(Vector<double> at, Vector<double> start, Vector<double> inverseRamp, Vector<double> rampZero, bool linear)
    {
        var step = Vector.ConditionalSelect(Vector.GreaterThanOrEqual(at, start), Vector<double>.One, Vector<double>.Zero);
        var x = Vector.Min(Vector<double>.One, Vector.Max(Vector<double>.Zero, (at - start) * inverseRamp));
        x = Vector.ConditionalSelect((Vector<long>)rampZero, step, x);
        return linear ? x : new Vector<double>(3) * x * x - new Vector<double>(2) * x * x * x;
    }
}
