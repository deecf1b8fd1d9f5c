using System.Runtime.CompilerServices;
using CapacitySim.Core.Engine;
using CapacitySim.IO.Charts;
using CapacitySim.Platform;

namespace CapacitySim.Cli;

/// <summary>What a capsim process prepares before and beside its command: its memory, and the one-time compilation of the code a run needs.</summary>
internal static class Startup
{
    /// <summary>Before anything large is allocated: huge pages for the process's memory unless CAPSIM_HUGE_PAGES=0 (<see cref="HugePages"/>).</summary>
    public static void PrepareMemory() => HugePages.UseUnlessTurnedOff();

    /// <summary>
    /// Compiles the fast engine's kernel and warms up chart drawing on another core while the
    /// command reads its files, so the run does not wait for either; the output is unaffected.
    /// </summary>
    public static void WarmUpInBackground() => _ = Task.Run(() =>
    {
        // A Native AOT build has every method compiled already (and no metadata to find the
        // kernel's methods by reflection): the check is a constant there, so the call is removed.
        if (RuntimeFeature.IsDynamicCodeSupported) FastEngine.PrepareKernel();
        RunCharts.WarmUp();
    });
}
