using CapacitySim.Core.Engine;
using CapacitySim.Core.Sweeps;
using CapacitySim.IO.Scenarios;

namespace CapacitySim.IO.Sweeps;

/// <summary>One value an axis takes: as written (a number, or a distribution written inline), its nominal value, and its node for positions.</summary>
public sealed class SweepValue
{
    internal SweepValue(string label, double nominal, Node node)
    {
        Label = label;
        Nominal = nominal;
        Node = node;
    }

    /// <summary>The value as sweep.md shows it: "0.4", "triangular(0, 2, 9)".</summary>
    public string Label { get; }

    /// <summary>The number, or the distribution's nominal value (docs/model.md section 2): what sweep.csv's axis column holds.</summary>
    public double Nominal { get; }

    internal Node Node { get; }

    /// <summary>Line and column of the value in the sweep file.</summary>
    public (int Line, int Column) Position => ((int)Node.Start.Line, (int)Node.Start.Column);
}

/// <summary>An axis: the scenario numbers it sets (a path), its column name, and its values (grid) or range (Latin hypercube).</summary>
public sealed class SweepAxis
{
    internal SweepAxis(string name, Node nameNode, SweepPath path, Node setNode, IReadOnlyList<SweepValue> values, (double Low, double High)? range, Node? rangeNode)
    {
        Name = name;
        NameNode = nameNode;
        Path = path;
        SetNode = setNode;
        Values = values;
        Range = range;
        RangeNode = rangeNode;
    }

    /// <summary>The column name in sweep.csv and sweep.parquet.</summary>
    public string Name { get; }

    /// <summary>Where the column name is written: the axis' name, or its path when the name comes from it.</summary>
    internal Node NameNode { get; }

    public SweepPath Path { get; }

    internal Node SetNode { get; }

    /// <summary>The values of a grid axis, in the order written; empty on a Latin hypercube.</summary>
    public IReadOnlyList<SweepValue> Values { get; }

    /// <summary>The range of a Latin hypercube axis.</summary>
    public (double Low, double High)? Range { get; }

    internal Node? RangeNode { get; }
}

/// <summary>
/// A sweep file read and checked on its own (docs/model.md, sweeps): the scenario it varies, the
/// run settings, the design, the axes, and the metrics and months it reports. What the paths
/// match in the scenario is checked by <see cref="SweepBinding"/>.
/// </summary>
public sealed class SweepFile
{
    internal SweepFile(string path, byte[] bytes, string? name, string scenarioPath, Node scenarioNode, int? samples, ulong? seed,
        IReadOnlyList<double>? percentiles, string scope, Node? scopeNode, bool latinHypercube, int? points,
        IReadOnlyList<SweepAxis> axes, IReadOnlyList<(Metric Metric, Node Node)> metrics, IReadOnlyList<(string Month, Node Node)> months)
    {
        Path = path;
        Bytes = bytes;
        Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        Name = name;
        ScenarioPath = scenarioPath;
        ScenarioNode = scenarioNode;
        Samples = samples;
        Seed = seed;
        Percentiles = percentiles;
        Scope = scope;
        ScopeNode = scopeNode;
        IsLatinHypercube = latinHypercube;
        Points = points;
        Axes = axes;
        MetricNodes = metrics;
        MonthNodes = months;
    }

    /// <summary>The file as named on the command line.</summary>
    public string Path { get; }

    /// <summary>The file's bytes (a shard keeps a copy, so a merge needs no other file).</summary>
    public byte[] Bytes { get; }

    /// <summary>SHA-256 of the bytes, lower-case hex.</summary>
    public string Sha256 { get; }

    /// <summary>The sweep's name, or null for the scenario's.</summary>
    public string? Name { get; }

    /// <summary>The scenario file, resolved against the sweep file's folder.</summary>
    public string ScenarioPath { get; }

    internal Node ScenarioNode { get; }

    /// <summary>Samples per point, or null for the scenario's.</summary>
    public int? Samples { get; }

    /// <summary>Seed of every point (and of a Latin hypercube's design), or null for the scenario's.</summary>
    public ulong? Seed { get; }

    /// <summary>Percentiles reported, or null for the scenario's.</summary>
    public IReadOnlyList<double>? Percentiles { get; }

    /// <summary>The scope reported: "total", a site's name or "region:NAME".</summary>
    public string Scope { get; }

    internal Node? ScopeNode { get; }

    public bool IsLatinHypercube { get; }

    /// <summary>Points of a Latin hypercube.</summary>
    public int? Points { get; }

    public IReadOnlyList<SweepAxis> Axes { get; }

    internal IReadOnlyList<(Metric Metric, Node Node)> MetricNodes { get; }

    internal IReadOnlyList<(string Month, Node Node)> MonthNodes { get; }

    /// <summary>The metrics reported, in the order written.</summary>
    public IReadOnlyList<Metric> Metrics => [.. MetricNodes.Select(m => m.Metric)];

    /// <summary>The months reported (YYYY-MM), in the order written.</summary>
    public IReadOnlyList<string> Months => [.. MonthNodes.Select(m => m.Month)];

    /// <summary>The design: the grid of every axis's values, or the Latin hypercube's points.</summary>
    public SweepDesign Design => IsLatinHypercube
        ? SweepDesign.LatinHypercube(Axes.Count, Points!.Value)
        : SweepDesign.Grid([.. Axes.Select(a => a.Values.Count)]);

    /// <summary>The ranges of a Latin hypercube's axes (each grid axis's lowest to highest nominal value).</summary>
    public IReadOnlyList<(double Low, double High)> Ranges =>
        [.. Axes.Select(a => a.Range ?? (a.Values.Min(v => v.Nominal), a.Values.Max(v => v.Nominal)))];
}
