using System.Numerics;
using System.Runtime.CompilerServices;
using CapacitySim.Core.Engine.Parameters;

namespace CapacitySim.Core.Engine.Fast;

/// <summary>An accelerator's lanes in a chunk: available position with slip, peak FLOP/s, accelerators per IT MW (1e6 / all-in watts), capex per accelerator.</summary>
internal readonly record struct GenerationLanes(Lane AvailablePosition, Lane PeakFlops, Lane PerItMw, Lane UnitCostUsd);

/// <summary>
/// One phase's state over one lane vector of samples: its constants and where it stood last month.
/// Work a month does not need is skipped: the refresh index is recomputed only near the position
/// where it next rises, and the accelerator generation is chosen again only when it changes.
/// </summary>
internal struct PhaseVectors
{
    /// <summary>A margin below a refresh boundary at which the refresh index is recomputed exactly (positions are months, far above rounding).</summary>
    private const double RefreshMargin = 1e-6;

    /// <summary>o_p: online position with delay.</summary>
    public Vector<double> Online;
    public Vector<double> ItMw;
    /// <summary>1 / ramp months (infinite for a ramp of 0, masked by <see cref="RampZero"/>).</summary>
    public Vector<double> InverseRamp;
    /// <summary>All bits set in lanes whose ramp is 0.</summary>
    public Vector<double> RampZero;
    /// <summary>o_p + R: from there the phase is fully built.</summary>
    public Vector<double> RampEnd;
    /// <summary>Refresh cycle in months, 12 x lifetime_years (0 = never).</summary>
    public Vector<double> Cycle;
    /// <summary>Just below the position where the refresh index next rises.</summary>
    public Vector<double> NextRefresh;
    /// <summary>Refresh index k of last month.</summary>
    public Vector<double> Refresh;
    /// <summary>B_p of last month.</summary>
    public Vector<double> Built;
    /// <summary>N_p of last month.</summary>
    public Vector<double> Count;
    /// <summary>The current generation: accelerators per IT MW, peak FLOP/s, capex per accelerator.</summary>
    public Vector<double> PerItMw, PeakFlops, UnitCostUsd;

    /// <summary>A phase's constants and its state at t = -1, evaluated by the formulas of month t (docs/model.md: B_p(-1) the same way).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Start(ref PhaseVectors st, in DrawnPhase phase, int j, Vector<double> cycle, GenerationLanes[] generations, int[] roadmap)
    {
        var online = phase.OnlinePosition.At(j);
        var ramp = phase.RampMonths.At(j);
        var rampZero = (Vector<double>)Vector.Equals(ramp, Vector<double>.Zero);
        st.Online = online;
        st.ItMw = phase.ItMw.At(j);
        st.InverseRamp = Vector<double>.One / ramp;
        st.RampZero = rampZero;
        st.RampEnd = online + ramp;
        st.Cycle = cycle;
        var before = new Vector<double>(-0.5);
        var k = RefreshIndex(before, online, cycle);
        st.Refresh = k;
        st.NextRefresh = NextRefreshAt(online, cycle, k);
        SelectGeneration(ref st, phase.NamedAccelerator, k, j, generations, roadmap);
        var built = st.ItMw * Shape(Ramp(before, online, st.InverseRamp, rampZero), phase.Linear);
        st.Built = built;
        st.Count = built * st.PerItMw;
    }

    /// <summary>
    /// The accelerator of refresh k, per lane: latest(c_k), the last roadmap entry available by
    /// the install position c_k = o + k * cycle, else the first; the named one for k = 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SelectGeneration(ref PhaseVectors st, int named, Vector<double> k, int j, GenerationLanes[] generations, int[] roadmap)
    {
        var installed = st.Online + k * st.Cycle;
        var g0 = generations[roadmap[0]];
        var perMw = g0.PerItMw.At(j);
        var peak = g0.PeakFlops.At(j);
        var cost = g0.UnitCostUsd.At(j);
        for (int r = 1; r < roadmap.Length; r++)
        {
            var g = generations[roadmap[r]];
            var take = Vector.LessThanOrEqual(g.AvailablePosition.At(j), installed);
            perMw = Vector.ConditionalSelect(take, g.PerItMw.At(j), perMw);
            peak = Vector.ConditionalSelect(take, g.PeakFlops.At(j), peak);
            cost = Vector.ConditionalSelect(take, g.UnitCostUsd.At(j), cost);
        }
        if (named >= 0)
        {
            var g = generations[named];
            var first = Vector.Equals(k, Vector<double>.Zero);
            perMw = Vector.ConditionalSelect(first, g.PerItMw.At(j), perMw);
            peak = Vector.ConditionalSelect(first, g.PeakFlops.At(j), peak);
            cost = Vector.ConditionalSelect(first, g.UnitCostUsd.At(j), cost);
        }
        st.PerItMw = perMw;
        st.PeakFlops = peak;
        st.UnitCostUsd = cost;
    }

    /// <summary>
    /// Just below the position where the refresh index next rises (o + (k + 1) * cycle); from
    /// there the index is recomputed exactly each month. Never with a cycle of 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> NextRefreshAt(Vector<double> online, Vector<double> cycle, Vector<double> k) =>
        Vector.ConditionalSelect(Vector.Equals(cycle, Vector<double>.Zero), new Vector<double>(double.PositiveInfinity),
            online + (k + Vector<double>.One) * cycle - new Vector<double>(RefreshMargin));

    /// <summary>x = clamp((m - o) / R, 0, 1), with 1/R precomputed; with R = 0 (the mask), 1 from o on.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Ramp(Vector<double> mid, Vector<double> online, Vector<double> inverseRamp, Vector<double> rampZero)
    {
        var step = Vector.ConditionalSelect(Vector.GreaterThanOrEqual(mid, online), Vector<double>.One, Vector<double>.Zero);
        var ramped = Vector.Min(Vector<double>.One, Vector.Max(Vector<double>.Zero, (mid - online) * inverseRamp));
        return Vector.ConditionalSelect((Vector<long>)rampZero, step, ramped);
    }

    /// <summary>linear: x; s-curve: 3x^2 - 2x^3.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Shape(Vector<double> x, bool linear) =>
        linear ? x : new Vector<double>(3) * x * x - new Vector<double>(2) * x * x * x;

    /// <summary>k = floor((m - o) / cycle), 0 when the cycle is 0 or m &lt; o.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> RefreshIndex(Vector<double> mid, Vector<double> online, Vector<double> cycle)
    {
        var k = Vector.Floor((mid - online) / cycle);
        var none = Vector.Equals(cycle, Vector<double>.Zero) | Vector.LessThan(mid, online);
        return Vector.ConditionalSelect(none, Vector<double>.Zero, k);
    }
}
