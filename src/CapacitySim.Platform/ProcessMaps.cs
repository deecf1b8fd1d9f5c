using System.Globalization;

namespace CapacitySim.Platform;

/// <summary>Reads the memory map of a Linux process in the format of /proc/PID/maps.</summary>
internal static class ProcessMaps
{
    /// <summary>
    /// The address range [From, To) of the run of adjacent anonymous mappings (no file behind them)
    /// that contains <paramref name="address"/>, from lines in the format of /proc/PID/maps; null when
    /// the address is not in an anonymous mapping.
    /// </summary>
    public static (ulong From, ulong To)? AnonymousRangeAround(IEnumerable<string> mapsLines, ulong address)
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
}
