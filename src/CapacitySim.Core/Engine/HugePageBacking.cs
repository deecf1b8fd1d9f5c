using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CapacitySim.Core.Engine;

/// <summary>
/// Has Linux back large new arrays with 2 MB pages before they are first written (madvise
/// MADV_COLLAPSE, Linux 6.1 and later). Fresh memory otherwise arrives one 4 KB page fault at a
/// time on first touch; on the development machine (a virtual machine) that costs about 12 µs a
/// page, so the 131 MB of the reference scenario's results took 120 ms to touch, and 20 ms once
/// collapsed. Where the kernel cannot do it (another system, an older kernel, huge pages compiled
/// out) nothing happens; the arrays' contents never change either way.
/// </summary>
public static class HugePageBacking
{
    private const int MadviseCollapse = 25; // MADV_COLLAPSE in linux/mman.h
    private const ulong HugePage = 2 << 20;

    // The garbage collector places arrays of at least 85,000 bytes in the large-object heap, one
    // after another; only those are worth a look, and runs of them shorter than a huge page are not.
    private const ulong LargeObjectBytes = 85_000;

    /// <summary>Whether <see cref="Collapse"/> asks the kernel at all (a program may turn it off once, at start-up).</summary>
    public static bool Enabled { get; set; } = true;

    /// <summary>
    /// Asks the kernel to back the whole 2 MB pages inside the memory of <paramref name="arrays"/>
    /// with huge pages (neighbouring arrays are merged into one range first, so the pages across
    /// their boundaries count too). Returns whether there was such a page and the kernel took the
    /// advice for every range.
    /// </summary>
    public static bool Collapse<T>(IEnumerable<T[]> arrays) where T : unmanaged
    {
        if (!Enabled || !OperatingSystem.IsLinux()) return false;
        var ranges = new List<(ulong From, ulong To)>();
        foreach (var array in arrays)
        {
            ulong bytes = (ulong)array.LongLength * (ulong)Unsafe.SizeOf<T>();
            if (bytes < LargeObjectBytes) continue;
            var handle = GCHandle.Alloc(array, GCHandleType.Pinned);
            try
            {
                ulong from = (ulong)handle.AddrOfPinnedObject();
                ranges.Add((from, from + bytes));
            }
            finally { handle.Free(); }
        }
        ranges.Sort();
        bool any = false, all = true;
        try
        {
            for (int i = 0; i < ranges.Count;)
            {
                var (from, to) = ranges[i++];
                // An array's header and padding lie between it and the next one.
                while (i < ranges.Count && ranges[i].From <= to + 64) to = Math.Max(to, ranges[i++].To);
                ulong first = (from + HugePage - 1) & ~(HugePage - 1), end = to & ~(HugePage - 1);
                if (end <= first) continue;
                any = true;
                all &= madvise((nint)first, (nuint)(end - first), MadviseCollapse) == 0;
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
        return any && all;
    }

    [DllImport("libc", EntryPoint = "madvise")]
    private static extern int madvise(nint address, nuint length, int advice);
}
