using System.Globalization;
using System.Runtime.InteropServices;

namespace CapacitySim.IO.Platform;

/// <summary>
/// Lets Linux back the managed heap with transparent huge pages (2 MB) where the system leaves
/// that to each program (<c>/sys/kernel/mm/transparent_hugepage/enabled</c> is <c>[madvise]</c>,
/// the default of most distributions). A run writes a few hundred MB of fresh memory (the
/// per-sample results, chart pixels); with 4 KB pages every 4 KB of it is a page fault, which on
/// a virtual machine costs microseconds each (0.45 GB/s on the development machine, against
/// 21 GB/s with huge pages: FirstTouchBenchmark). The values in memory are the same either way;
/// only how the kernel maps them changes.
/// </summary>
public static class HugePages
{
    private const int MadviseHugePage = 14; // MADV_HUGEPAGE in linux/mman.h

    /// <summary>
    /// Advises the kernel to use huge pages for the run of adjacent anonymous mappings that holds
    /// the managed heap: the garbage collector reserves its address range at start-up and commits
    /// parts of it as it grows, so memory committed later is covered too. Anonymous memory the
    /// system happened to place directly against that range (the C library's allocation arenas,
    /// on the development machine) is covered as well, which changes nothing but its page size.
    /// Returns whether the advice was given: false off Linux, where the system uses huge pages
    /// always or never, or when /proc cannot be read.
    /// </summary>
    public static bool AdviseManagedHeap()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            if (!File.ReadAllText("/sys/kernel/mm/transparent_hugepage/enabled").Contains("[madvise]")) return false;
            // 128 KB is above the large-object threshold, so the probe lies in the heap's reserved range.
            var probe = new byte[128 * 1024];
            var handle = GCHandle.Alloc(probe, GCHandleType.Pinned);
            ulong address;
            try { address = (ulong)handle.AddrOfPinnedObject(); }
            finally { handle.Free(); }
            if (AnonymousRangeAround(File.ReadLines("/proc/self/maps"), address) is not var (from, to)) return false;
            return madvise((nint)from, (nuint)(to - from), MadviseHugePage) == 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>
    /// The address range [From, To) of the run of adjacent anonymous mappings (no file behind them)
    /// that contains <paramref name="address"/>, from lines in the format of /proc/PID/maps; null when
    /// the address is not in an anonymous mapping.
    /// </summary>
    internal static (ulong From, ulong To)? AnonymousRangeAround(IEnumerable<string> mapsLines, ulong address)
    {
        var mappings = new List<Mapping>();
        foreach (string line in mapsLines)
            if (Parse(line) is { } mapping) mappings.Add(mapping);
        int at = mappings.FindIndex(m => m.From <= address && address < m.To);
        if (at < 0 || !mappings[at].Anonymous) return null;
        int first = at, last = at;
        while (first > 0 && mappings[first - 1].Anonymous && mappings[first - 1].To == mappings[first].From) first--;
        while (last < mappings.Count - 1 && mappings[last + 1].Anonymous && mappings[last + 1].From == mappings[last].To) last++;
        return (mappings[first].From, mappings[last].To);
    }

    private readonly record struct Mapping(ulong From, ulong To, bool Anonymous);

    // "7f3e09c00000-7f3e09cc4000 rw-p 00000000 00:00 0    [pathname]": an anonymous mapping has
    // inode 0 and no pathname ("[heap]", "[stack]" and files have one).
    private static Mapping? Parse(string line)
    {
        var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 5) return null;
        int dash = fields[0].IndexOf('-');
        if (dash < 0
            || !ulong.TryParse(fields[0].AsSpan(0, dash), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ulong from)
            || !ulong.TryParse(fields[0].AsSpan(dash + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ulong to))
            return null;
        bool anonymous = fields[4] == "0" && (fields.Length < 6 || fields[5].Trim().Length == 0);
        return new Mapping(from, to, anonymous);
    }

    [DllImport("libc", EntryPoint = "madvise")]
    private static extern int madvise(nint address, nuint length, int advice);
}
