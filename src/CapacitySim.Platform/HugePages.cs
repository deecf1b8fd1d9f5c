using System.Runtime.InteropServices;
using CapacitySim.Core.Engine;

namespace CapacitySim.Platform;

/// <summary>
/// Lets Linux back capsim's memory with transparent huge pages (2 MB) where the system leaves that
/// to each program (<c>/sys/kernel/mm/transparent_hugepage/enabled</c> reads <c>[madvise]</c>, the
/// default of most distributions). A run writes hundreds of MB of fresh memory, and with 4 KB pages
/// each page is a fault on first touch, which is slow on virtual machines (docs/performance.md).
/// Values in memory never change; only how the kernel maps them. Off Linux, or where the kernel
/// cannot, nothing happens.
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
    /// What a process does once at start-up, before it allocates anything large, unless
    /// <see cref="SwitchVariable"/> is "0": advises the managed heap (<see cref="AdviseManagedHeap"/>)
    /// and has every large array Core announces (<see cref="AllocationHook"/>) collapsed into huge
    /// pages before it is written (<see cref="Collapse"/>). Returns whether it did.
    /// </summary>
    public static bool UseUnlessTurnedOff()
    {
        if (Environment.GetEnvironmentVariable(SwitchVariable) == "0") return false;
        AdviseManagedHeap();
        AllocationHook.NewArrays = arrays => Collapse(arrays);
        return true;
    }

    /// <summary>
    /// Advises the kernel to use huge pages for the run of adjacent anonymous mappings that holds
    /// the managed heap: the garbage collector reserves its address range at start-up and commits
    /// parts of it as it grows, so memory committed later is covered too. Anonymous memory the
    /// system happened to place directly against that range (such as the C library's allocation
    /// arenas) is covered as well, which changes nothing but its page size. Returns whether the
    /// advice was given: false off Linux, where the system uses huge pages always or never, or when
    /// /proc cannot be read.
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
    /// Asks the kernel to back the whole 2 MB pages inside the memory of <paramref name="arrays"/>
    /// (arrays of primitive values) with huge pages now (MADV_COLLAPSE, Linux 6.1 and later), so a
    /// range that straddles the heap's committed end when first touched is not left on 4 KB pages.
    /// Neighbouring arrays are merged into one range first, so the pages across their boundaries
    /// count too. Returns whether there was such a page and the kernel took the advice for every range.
    /// </summary>
    public static bool Collapse(IReadOnlyList<Array> arrays)
    {
        if (!OperatingSystem.IsLinux()) return false;
        var ranges = new List<(ulong From, ulong To)>();
        foreach (var array in arrays)
        {
            ulong bytes = (ulong)array.LongLength * (ulong)Marshal.SizeOf(array.GetType().GetElementType()!);
            if (bytes < LargeObjectBytes) continue;
            ulong from = AddressOf(array);
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
}
