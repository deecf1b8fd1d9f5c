using System.Runtime.CompilerServices;
using CapacitySim.Platform;

namespace CapacitySim.Benchmarks;

/// <summary>
/// Prepares a benchmark process as capsim prepares its own (huge pages unless CAPSIM_HUGE_PAGES=0),
/// in a module initializer because BenchmarkDotNet may run benchmarks in a process of its own.
/// </summary>
internal static class BenchmarkProcess
{
    [ModuleInitializer]
    internal static void Prepare() => HugePages.UseUnlessTurnedOff();
}
