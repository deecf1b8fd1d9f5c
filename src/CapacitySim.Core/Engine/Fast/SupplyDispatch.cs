using System.Numerics;
using System.Runtime.CompilerServices;

namespace CapacitySim.Core.Engine.Fast;

/// <summary>Dispatch over one lane vector: the sources serving the month, in listed order, each serve the remaining demand up to their MW.</summary>
internal static class SupplyDispatch
{
    /// <summary>Serves <paramref name="demandMw"/>; returns the shortfall in MWh, with the cost (USD) and emissions (tCO2) of what was served.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Serve(ReadOnlySpan<SupplyVectors> supply, ReadOnlySpan<int> active, Vector<double> demandMw, Vector<double> hours,
        out Vector<double> costUsd, out Vector<double> emissionsTco2)
    {
        var remaining = demandMw;
        costUsd = Vector<double>.Zero;
        emissionsTco2 = Vector<double>.Zero;
        foreach (int x in active)
        {
            ref readonly var source = ref supply[x];
            var served = Vector.Min(remaining, source.Mw);
            var servedMwh = served * hours;
            costUsd += servedMwh * source.PriceUsdPerMwh;
            emissionsTco2 += servedMwh * source.Tco2PerMwh;
            remaining -= served;
        }
        return remaining * hours;
    }

    /// <summary>Nameplate MW of the sources serving the month.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Nameplate(ReadOnlySpan<SupplyVectors> supply, ReadOnlySpan<int> active)
    {
        var mw = Vector<double>.Zero;
        foreach (int x in active) mw += supply[x].Mw;
        return mw;
    }
}
