namespace CapacitySim.Core.Planning;

/// <summary>
/// Phases added by a plan: per expansion and calendar year (from <see cref="FirstYear"/>), how many
/// steps. Immutable: <see cref="With"/> makes a changed copy.
/// </summary>
public sealed class Allocation
{
    private readonly int[][] _steps;

    public Allocation(int expansions, int firstYear, int years)
    {
        FirstYear = firstYear;
        _steps = [.. Enumerable.Range(0, expansions).Select(_ => new int[years])];
    }

    private Allocation(int firstYear, int[][] steps)
    {
        FirstYear = firstYear;
        _steps = steps;
    }

    /// <summary>Calendar year of index 0.</summary>
    public int FirstYear { get; }

    public int Expansions => _steps.Length;

    public int Years => _steps.Length == 0 ? 0 : _steps[0].Length;

    /// <summary>Steps added by expansion <paramref name="e"/> in year index <paramref name="y"/>.</summary>
    public int this[int e, int y] => _steps[e][y];

    /// <summary>A copy with <paramref name="delta"/> more steps at (e, y).</summary>
    public Allocation With(int e, int y, int delta)
    {
        var copy = _steps.Select(row => row.ToArray()).ToArray();
        copy[e][y] += delta;
        return new Allocation(FirstYear, copy);
    }

    /// <summary>Total steps of expansion <paramref name="e"/>.</summary>
    public int StepsOf(int e) => _steps[e].Sum();

    /// <summary>A text that identifies the allocation (for caching evaluations).</summary>
    public string Key => string.Join("|", _steps.Select(row => string.Join(",", row)));

    /// <summary>Every (expansion, year index, steps) with steps above 0, years in order.</summary>
    public IEnumerable<(int Expansion, int Year, int Steps)> Cells()
    {
        for (int y = 0; y < Years; y++)
            for (int e = 0; e < Expansions; e++)
                if (_steps[e][y] > 0) yield return (e, y, _steps[e][y]);
    }
}
