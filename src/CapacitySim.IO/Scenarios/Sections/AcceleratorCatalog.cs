using CapacitySim.Core.Model;

namespace CapacitySim.IO.Scenarios.Sections;

/// <summary>
/// The accelerator catalog as a file builds it: the built-in entries, overridden or extended by the
/// file's <c>accelerators</c>, and the names the file defines with errors (already reported, so
/// references to them are not reported again).
/// </summary>
internal sealed class AcceleratorCatalog(IReadOnlyList<Accelerator> builtIn) : NamedCatalog<Accelerator>(builtIn, a => a.Name)
{
    /// <summary>The message for a name not in the catalog: the closest name, or the known ones, and what to do.</summary>
    public string Unknown(string name, bool latestAllowed = false)
    {
        string? closest = Suggestions.Closest(name, Names);
        string define = latestAllowed ? "add it under accelerators, or write 'latest'" : "add it under accelerators";
        return $"accelerator '{name}' is not in the catalog" + (closest is null
            ? $" (known: {string.Join(", ", Names)}); {define}"
            : $"; did you mean '{closest}'? Otherwise {define}");
    }
}
