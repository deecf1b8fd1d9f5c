using System.Numerics;
using System.Runtime.CompilerServices;

namespace CapacitySim.Core.Engine.Fast;

/// <summary>A site's supply over one lane vector in a month: nameplate and firm MW, capex, and dispatch of the facility's energy.</summary>
internal static class SupplyDispatch
{
    /// <summary>Nameplate and firm MW of the sources serving the month.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Capacity(ReadOnlySpan<SupplyVectors> supply, ReadOnlySpan<int> serving, out Vector<double> nameplateMw, out Vector<double> firmMw)
    {
        nameplateMw = Vector<double>.Zero;
        firmMw = Vector<double>.Zero;
        foreach (int x in serving)
        {
            nameplateMw += supply[x].Mw;
            firmMw += supply[x].FirmMw;
        }
    }

    /// <summary>
    /// Capex and embodied tCO2e of every source built in the run in month <paramref name="t"/>,
    /// whether or not it serves yet, and its depreciation over the Lm months from its first month.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Capex(ReadOnlySpan<SupplyVectors> supply, ReadOnlySpan<int> built, Vector<double> t, out Vector<double> embodiedTco2, out Vector<double> depreciationUsd)
    {
        var usd = Vector<double>.Zero;
        embodiedTco2 = Vector<double>.Zero;
        depreciationUsd = Vector<double>.Zero;
        foreach (int x in built)
        {
            ref readonly var source = ref supply[x];
            var inBuild = Vector.GreaterThanOrEqual(t, source.CapexFrom) & Vector.LessThanOrEqual(t, source.CapexTo);
            usd += Vector.ConditionalSelect(inBuild, source.CapexUsdPerMonth, Vector<double>.Zero);
            embodiedTco2 += Vector.ConditionalSelect(inBuild, source.EmbodiedTco2PerMonth, Vector<double>.Zero);
            var onBooks = Vector.GreaterThanOrEqual(t, source.From) & Vector.LessThan(t, source.DepreciationTo);
            depreciationUsd += Vector.ConditionalSelect(onBooks, source.DepreciationUsdPerMonth, Vector<double>.Zero);
        }
        return usd;
    }

    /// <summary>
    /// Serves <paramref name="demandMwh"/>: the sources serving the month, in listed order, each up
    /// to mw x capacity_factor x hours. Returns the shortfall in MWh, with the cost (USD) and
    /// emissions (tCO2) of what was served and its carbon-free part (served by sources of 0 gCO2/kWh).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Serve(ReadOnlySpan<SupplyVectors> supply, ReadOnlySpan<int> serving, Vector<double> demandMwh, Vector<double> hours,
        out Vector<double> costUsd, out Vector<double> emissionsTco2, out Vector<double> cfeMwh)
    {
        var remaining = demandMwh;
        costUsd = Vector<double>.Zero;
        emissionsTco2 = Vector<double>.Zero;
        cfeMwh = Vector<double>.Zero;
        foreach (int x in serving)
        {
            ref readonly var source = ref supply[x];
            var served = Vector.Min(remaining, source.EnergyMw * hours);
            costUsd += served * source.PriceUsdPerMwh;
            emissionsTco2 += served * source.Tco2PerMwh;
            cfeMwh += Vector.ConditionalSelect(Vector.Equals(source.Tco2PerMwh, Vector<double>.Zero), served, Vector<double>.Zero);
            remaining -= served;
        }
        return remaining;
    }
}
