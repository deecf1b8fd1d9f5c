using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CapacitySim.Core.Engine;

/// <summary>Element-wise arithmetic over spans, a vector at a time (each element's result is the same as one at a time).</summary>
internal static class VectorMath
{
    /// <summary>target[i] += values[i] for spans of the same length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddTo(Span<double> target, ReadOnlySpan<double> values)
    {
        var vectorsTo = MemoryMarshal.Cast<double, Vector<double>>(target);
        var vectorsFrom = MemoryMarshal.Cast<double, Vector<double>>(values);
        for (int v = 0; v < vectorsTo.Length; v++) vectorsTo[v] += vectorsFrom[v];
        for (int i = vectorsTo.Length * Vector<double>.Count; i < target.Length; i++) target[i] += values[i];
    }
}
