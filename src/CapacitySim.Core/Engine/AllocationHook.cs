namespace CapacitySim.Core.Engine;

/// <summary>
/// Tells a program about large arrays just allocated, before anything writes them (a new result's
/// series, chart pixels), so that it can ask its system how to back them, e.g. with huge pages.
/// Core makes no system calls; with no callback set nothing happens. Arrays' contents never change.
/// </summary>
public static class AllocationHook
{
    /// <summary>The callback, set once at start-up; null (the default) for none.</summary>
    public static Action<IReadOnlyList<Array>>? NewArrays { get; set; }

    /// <summary>Passes <paramref name="arrays"/> to <see cref="NewArrays"/>, if set.</summary>
    public static void Allocated(IReadOnlyList<Array> arrays) => NewArrays?.Invoke(arrays);
}
