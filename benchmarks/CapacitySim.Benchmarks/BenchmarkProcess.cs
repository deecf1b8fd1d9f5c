using System.Runtime.CompilerServices;
using CapacitySim.Platform;

namespace CapacitySim.Benchmarks;

/// <summary>
/// Prepares every process that runs benchmarks as capsim prepares its own: huge pages unless
/// CAPSIM_HUGE_PAGES=0, so a new result costs what it costs a capsim run. A module initializer,
/// because BenchmarkDotNet may run the benchmarks in a process of its own making.
/// </summary>
internal static class BenchmarkProcess
{
    [ModuleInitializer]
    internal static void Prepare() => HugePages.UseUnlessTurnedOff();
}
