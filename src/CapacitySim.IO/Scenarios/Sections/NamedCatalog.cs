namespace CapacitySim.IO.Scenarios.Sections;

/// <summary>
/// A built-in catalog as a file builds it: the built-in entries, overridden or extended by the
/// file's own entries of the same kind, and the names the file defines with errors (already
/// reported, so references to them are not reported again). Accelerators and lead times are two.
/// </summary>
internal abstract class NamedCatalog<T>(IReadOnlyList<T> builtIn, Func<T, string> nameOf) where T : class
{
    private readonly List<T> _entries = [.. builtIn];
    private readonly HashSet<string> _broken = [];

    /// <summary>Every entry, built-in ones first, in catalog order.</summary>
    public IReadOnlyList<T> Entries => _entries;

    /// <summary>The entries' names, in catalog order.</summary>
    protected IEnumerable<string> Names => _entries.Select(nameOf);

    /// <summary>The entry of that name, or null.</summary>
    public T? Find(string name) => _entries.FirstOrDefault(e => nameOf(e) == name);

    /// <summary>Replaces the entry of the same name, or adds it at the end.</summary>
    public void Set(T entry)
    {
        int existing = _entries.FindIndex(e => nameOf(e) == nameOf(entry));
        if (existing >= 0) _entries[existing] = entry;
        else _entries.Add(entry);
    }

    /// <summary>Records that the file defines <paramref name="name"/> with errors.</summary>
    public void MarkBroken(string name) => _broken.Add(name);

    /// <summary>True when the file defines <paramref name="name"/> with errors already reported.</summary>
    public bool IsBroken(string name) => _broken.Contains(name);
}
