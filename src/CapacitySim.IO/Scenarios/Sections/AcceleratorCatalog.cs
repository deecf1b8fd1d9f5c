using CapacitySim.Core.Model;

namespace CapacitySim.IO.Scenarios.Sections;

/// <summary>
/// The accelerator catalog as a file builds it: the built-in entries, overridden or extended by the
/// file's <c>accelerators</c>, and the names the file defines with errors (already reported, so
/// references to them are not reported again).
/// </summary>
internal sealed class AcceleratorCatalog(IReadOnlyList<Accelerator> builtIn)
{
    private readonly List<Accelerator> _entries = [.. builtIn];
    private readonly HashSet<string> _broken = [];

    /// <summary>Every entry, built-in ones first, in catalog order.</summary>
    public IReadOnlyList<Accelerator> Entries => _entries;

    /// <summary>The entry of that name, or null.</summary>
    public Accelerator? Find(string name) => _entries.FirstOrDefault(a => a.Name == name);

    /// <summary>Replaces the entry of the same name, or adds it at the end.</summary>
    public void Set(Accelerator entry)
    {
        int existing = _entries.FindIndex(a => a.Name == entry.Name);
        if (existing >= 0) _entries[existing] = entry;
        else _entries.Add(entry);
    }

    /// <summary>Records that the file defines <paramref name="name"/> with errors.</summary>
    public void MarkBroken(string name) => _broken.Add(name);

    /// <summary>True when the file defines <paramref name="name"/> with errors already reported.</summary>
    public bool IsBroken(string name) => _broken.Contains(name);

    /// <summary>The message for a name not in the catalog: the closest name, or the known ones, and what to do.</summary>
    public string Unknown(string name, bool latestAllowed = false)
    {
        string? closest = Suggestions.Closest(name, _entries.Select(a => a.Name));
        string define = latestAllowed ? "add it under accelerators, or write 'latest'" : "add it under accelerators";
        return $"accelerator '{name}' is not in the catalog" + (closest is null
            ? $" (known: {string.Join(", ", _entries.Select(a => a.Name))}); {define}"
            : $"; did you mean '{closest}'? Otherwise {define}");
    }
}
