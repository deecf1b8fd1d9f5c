using System.Runtime.InteropServices;
using CapacitySim.Core.Engine;

namespace CapacitySim.Platform;

/// <summary>
/// Has Linux back capsim's memory with 2 MB pages where it leaves that to each program, because
/// fresh 4 KB pages are slow to touch on virtual machines (docs/performance.md). Values never change.
/// </summary>
public static class HugePages
{
    private const ulong HugePageBytes = 2 << 20;

    // The garbage collector places arrays of at least 85,000 bytes in the large-object heap, one
    // after another; only those are worth a look, and runs of them shorter than a huge page are not.
    private const ulong LargeObjectBytes = 85_000;

    /// <summary>The environment variable that leaves a process on the system's default pages when it is "0".</summary>
    public const string SwitchVariable = "CAPSIM_HUGE_PAGES";

    /// <summary>
    /// At start-up, unless <see cref="SwitchVariable"/> is "0": advises the heap and collapses every
    /// array <see cref="AllocationHook"/> announces. Returns whether it did.
    /// </summary>
    public static bool UseUnlessTurnedOff()
    {
        if (Environment.GetEnvironmentVariable(SwitchVariable) == "0") return false;
        AdviseManagedHeap();
        AllocationHook.NewArrays = arrays => Collapse(arrays);
        return true;
    }

    /// <summary>
    /// Advises huge pages (MADV_HUGEPAGE) for the anonymous mappings around the managed heap, the
    /// range the collector reserves at start-up and commits as it grows. Returns whether it did.
    /// </summary>
    public static bool AdviseManagedHeap()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            if (!File.ReadAllText("/sys/kernel/mm/transparent_hugepage/enabled").Contains("[madvise]")) return false;
            // 128 KB is above the large-object threshold, so the probe lies in the heap's reserved range.
            var probe = new byte[128 * 1024];
            ulong address = AddressOf(probe);
            if (ProcessMaps.AnonymousRangeAround(File.ReadLines("/proc/self/maps"), address) is not var (from, to)) return false;
            return Madvise.Advise((nint)from, (nuint)(to - from), Madvise.HugePage);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Advises [<paramref name="address"/>, + <paramref name="bytes"/>) for huge pages before its first touch; false where the kernel does not take the advice.</summary>
    public static bool Advise(nint address, nuint bytes) => OperatingSystem.IsLinux() && Madvise.Advise(address, bytes, Madvise.HugePage);

    /// <summary>
    /// Backs the whole 2 MB pages of <paramref name="arrays"/> (adjacent ones merged) with huge pages now (MADV_COLLAPSE,
    /// Linux 6.1+): heap committed after the advice may otherwise stay on 4 KB pages. Returns whether any page was and all took.
    /// </summary>
    public static bool Collapse(IReadOnlyList<Array> arrays)
    {
        if (!OperatingSystem.IsLinux()) return false;
        var ranges = new List<(ulong From, ulong To)>();
        foreach (var array in arrays)
        {
            if (array.LongLength < 2) continue;
            var (from, elementBytes) = AddressAndElementBytes(array);
            ulong bytes = (ulong)array.LongLength * elementBytes;
            if (bytes < LargeObjectBytes) continue;
            ranges.Add((from, from + bytes));
        }
        ranges.Sort();
        bool any = false, all = true;
        for (int i = 0; i < ranges.Count;)
        {
            var (from, to) = ranges[i++];
            // An array's header and padding lie between it and the next one.
            while (i < ranges.Count && ranges[i].From <= to + 64) to = Math.Max(to, ranges[i++].To);
            ulong first = (from + HugePageBytes - 1) & ~(HugePageBytes - 1), end = to & ~(HugePageBytes - 1);
            if (end <= first) continue;
            any = true;
            all &= Madvise.Advise((nint)first, (nuint)(end - first), Madvise.Collapse);
        }
        return any && all;
    }

    /// <summary>The address of an array's first element (large arrays are not moved by the collector).</summary>
    private static ulong AddressOf(Array array)
    {
        var handle = GCHandle.Alloc(array, GCHandleType.Pinned);
        try { return (ulong)handle.AddrOfPinnedObject(); }
        finally { handle.Free(); }
    }

    /// <summary>
    /// The address of an array's first element and the managed size of one element, read from the
    /// distance between the first two (the array has at least two). Marshal.SizeOf(Type) would give
    /// the marshalled size, and needs code generated at run time, which Native AOT does not have.
    /// </summary>
    private static (ulong Address, ulong ElementBytes) AddressAndElementBytes(Array array)
    {
        var handle = GCHandle.Alloc(array, GCHandleType.Pinned);
        try
        {
            ulong first = (ulong)Marshal.UnsafeAddrOfPinnedArrayElement(array, 0);
            return (first, (ulong)Marshal.UnsafeAddrOfPinnedArrayElement(array, 1) - first);
        }
        finally { handle.Free(); }
    }
}
