using CapacitySim.Core.Engine;
using CapacitySim.Core.Model;
using CapacitySim.Core.Sweeps;
using CapacitySim.IO.Csv;
using CapacitySim.IO.Scenarios;
using YamlDotNet.Core;

namespace CapacitySim.IO.Sweeps;

/// <summary>
/// A sweep file bound to its scenario: each axis's path resolved to the numbers it sets, every
/// value checked by loading the scenario with it, and each point's scenario built on demand. A
/// point's scenario is the scenario file with the axes' values written in place of (or beside) the
/// file's numbers, read by the scenario loader itself: a value is checked exactly as if written
/// in the file, and draws keep their keys (their paths), so a point's numbers depend only on the
/// seed and its axis values. Problems are reported at their places in the sweep file.
/// </summary>
public sealed partial class SweepBinding
{
    /// <summary>A number an axis sets: the key in a mapping of the scenario's tree.</summary>
    private sealed record Target(MappingNode Container, string Key, string ParameterPath);

    private readonly SweepFile _sweep;
    private readonly ScenarioLoader.Tree _tree;
    private readonly IReadOnlyList<Accelerator> _catalog;
    private readonly List<Target>[] _targets;
    private readonly HashSet<Node> _foreign = new(ReferenceEqualityComparer.Instance);
    private readonly double[][]? _hypercube;

    private SweepBinding(SweepFile sweep, ScenarioLoader.Tree tree, IReadOnlyList<Accelerator> catalog, List<Target>[] targets)
    {
        _sweep = sweep;
        _tree = tree;
        _catalog = catalog;
        _targets = targets;
        foreach (var axis in sweep.Axes)
            foreach (var value in axis.Values) MarkForeign(value.Node);
        Base = Build([]);
        Design = sweep.Design;
        if (sweep.IsLatinHypercube && sweep.Axes.All(a => a.Range is not null))
            _hypercube = LatinHypercube.Design(Design.Points, [.. sweep.Axes.Select(a => a.Range!.Value)], Seed);
    }

    public SweepFile Sweep => _sweep;

    /// <summary>The scenario as its file has it.</summary>
    public Scenario Base { get; }

    public SweepDesign Design { get; }

    /// <summary>Samples per point: the sweep's, else the scenario's.</summary>
    public int Samples => _sweep.Samples ?? Base.Samples;

    /// <summary>Seed of every point: the sweep's, else the scenario's.</summary>
    public ulong Seed => _sweep.Seed ?? Base.Seed;

    /// <summary>Percentiles reported: the sweep's, else the scenario's.</summary>
    public IReadOnlyList<double> Percentiles => _sweep.Percentiles ?? Base.Percentiles;

    /// <summary>The sweep's name: its own, else the scenario's.</summary>
    public string Name => _sweep.Name ?? Base.Name;

    /// <summary>SHA-256 of the scenario file.</summary>
    public string ScenarioSha256 { get; private init; } = "";

    /// <summary>Month indices of the sweep's months in the scenario's run.</summary>
    public IReadOnlyList<int> MonthIndices => [.. _sweep.Months.Select(m => Month(m).Ordinal - Base.Start.Ordinal)];

    /// <summary>
    /// Loads a sweep file and binds it to its scenario; throws <see cref="ScenarioException"/> with
    /// every problem of both, the sweep file's sorted by position.
    /// </summary>
    public static SweepBinding Load(string path, IReadOnlyList<Accelerator> catalog)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScenarioException([new Diagnostic(path, 1, 1, $"cannot read the file: {e.Message}")]);
        }
        var sweep = SweepLoader.ParseLeniently(bytes, path, out var problems);
        if (sweep is null) throw new ScenarioException(problems);
        try
        {
            var binding = Bind(sweep, catalog);
            if (problems.Count > 0) throw new ScenarioException(problems);
            return binding;
        }
        catch (ScenarioException e) when (problems.Count > 0 && !ReferenceEquals(e.Diagnostics, problems))
        {
            var all = problems.Concat(e.Diagnostics).Distinct().ToList();
            var own = all.Where(d => d.File == path).OrderBy(d => d.Line).ThenBy(d => d.Column);
            throw new ScenarioException([.. all.Where(d => d.File != path), .. own]);
        }
    }

    /// <summary>
    /// Reads the scenario and binds the sweep to it; throws <see cref="ScenarioException"/> with
    /// every problem: the scenario's own (in its file), and in the sweep file each path that matches
    /// nothing, each value the scenario refuses, and each metric, month or scope it cannot report.
    /// </summary>
    public static SweepBinding Bind(SweepFile sweep, IReadOnlyList<Accelerator> catalog)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(sweep.ScenarioPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScenarioException([At(sweep, sweep.ScenarioNode, $"cannot read the scenario file '{sweep.ScenarioPath}': {e.Message}")]);
        }
        var tree = ScenarioLoader.ReadTree(bytes, sweep.ScenarioPath);
        // The scenario must load on its own first; its problems are in its own file.
        var plain = ScenarioLoader.Build(tree, catalog, new NodeReader(sweep.ScenarioPath));
        var problems = new List<Diagnostic>();
        var targets = new List<Target>[sweep.Axes.Count];
        var created = new List<Node>();
        for (int a = 0; a < sweep.Axes.Count; a++)
        {
            var axis = sweep.Axes[a];
            targets[a] = Resolve(tree.Root, axis.Path, plain, catalog, created, out string? problem);
            if (problem is not null) problems.Add(At(sweep, axis.SetNode, problem));
        }
        // An axis that matches nothing sets nothing: the other axes' values are still checked.

        var binding = new SweepBinding(sweep, tree, catalog, targets) { ScenarioSha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)) };
        foreach (var node in created) binding.MarkForeign(node);
        problems.AddRange(binding.CheckValues());
        problems.AddRange(binding.CheckReports());
        if (problems.Count > 0) throw new ScenarioException([.. problems.Distinct()]);
        return binding;
    }

    private static YearMonth Month(string text) => YearMonth.TryParse(text, out var month) ? month : throw new FormatException($"not a month: {text}");

    private static Diagnostic At(SweepFile sweep, Node node, string message) =>
        new(sweep.Path, (int)Math.Max(1, node.Start.Line), (int)Math.Max(1, node.Start.Column), message);

    private void MarkForeign(Node node)
    {
        var stack = new Stack<Node>([node]);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (!_foreign.Add(n)) continue;
            if (n is MappingNode map) foreach (var (k, v) in map.Children) { stack.Push(k); stack.Push(v); }
            else if (n is SequenceNode seq) foreach (var c in seq.Children) stack.Push(c);
        }
    }

    /// <summary>Each value alone in the scenario: what the scenario refuses is reported at the value.</summary>
    private IEnumerable<Diagnostic> CheckValues()
    {
        for (int a = 0; a < _sweep.Axes.Count; a++)
        {
            var axis = _sweep.Axes[a];
            var values = axis.Values.Select(v => (v.Node, v.Label)).ToList();
            if (axis.Range is { } range)
            {
                // The loader's ranges are intervals: both ends accepted means every value between is.
                values = [(Number(range.Low, axis.RangeNode!), NodeReader.Format(range.Low)), (Number(range.High, axis.RangeNode!), NodeReader.Format(range.High))];
            }
            foreach (var (node, label) in values)
            {
                var assignment = new Node?[_sweep.Axes.Count];
                assignment[a] = node;
                foreach (var d in Problems(assignment))
                    yield return d.File == _sweep.Path ? d : At(_sweep, node, $"{axis.Path} = {label} is refused by the scenario: {d}");
            }
        }
    }

    /// <summary>The metrics, months and scope against the scenario: each must be reported by its runs.</summary>
    private IEnumerable<Diagnostic> CheckReports()
    {
        // The percentile columns are known only now: the sweep file's percentiles, or the scenario's.
        string[] percentileColumns = [.. Percentiles.Select(SummaryCsv.PercentileColumn)];
        for (int a = 0; a < _sweep.Axes.Count; a++)
            if (percentileColumns.Contains(_sweep.Axes[a].Name))
                yield return At(_sweep, _sweep.Axes[a].NameNode, SweepLoader.TakenColumn($"axis #{a + 1}", _sweep.Axes[a].Name, [.. SweepLoader.FixedColumns, .. percentileColumns]));
        string scope = _sweep.Scope;
        bool isTotal = scope == "total";
        if (!isTotal && !Base.Sites.Any(s => s.Name == scope) && !Base.Sites.Any(s => s.Region is { } r && Scopes.RegionName(r) == scope))
            yield return At(_sweep, _sweep.ScopeNode!, $"the scenario has no scope '{scope}'; scopes: total, {string.Join(", ", Base.Sites.Select(s => s.Name).Concat(Base.Sites.Select(s => s.Region).OfType<string>().Distinct().Select(Scopes.RegionName)))}");
        foreach (var (metric, node) in _sweep.MetricNodes)
        {
            if (metric.NeedsResearchers() && Base.Researchers is null)
                yield return At(_sweep, node, $"{metric.Info().Name} needs researchers, and the scenario lists none");
            else if (metric.Info().TotalOnly && !isTotal)
                yield return At(_sweep, node, $"{metric.Info().Name} is computed for the total only, not for scope '{scope}'");
        }
        foreach (var (month, node) in _sweep.MonthNodes)
        {
            int ordinal = Month(month).Ordinal;
            if (ordinal < Base.Start.Ordinal || ordinal > Base.End.Ordinal)
                yield return At(_sweep, node, $"month {month} is outside the scenario's run ({Base.Start} to {Base.End})");
        }
    }

    /// <summary>A plain number written at <paramref name="at"/>'s place: a Latin hypercube's value.</summary>
    private Node Number(double value, Node at)
    {
        var node = new ScalarNode(at.Start, value.ToString("R", System.Globalization.CultureInfo.InvariantCulture), YamlDotNet.Core.ScalarStyle.Plain);
        _foreign.Add(node);
        return node;
    }

    /// <summary>The value node of each axis at a point.</summary>
    private Node[] Assignment(int point)
    {
        var nodes = new Node[_sweep.Axes.Count];
        if (_hypercube is not null)
        {
            for (int a = 0; a < nodes.Length; a++) nodes[a] = Number(_hypercube[point][a], _sweep.Axes[a].RangeNode!);
            return nodes;
        }
        var indices = Design.IndicesOf(point);
        for (int a = 0; a < nodes.Length; a++) nodes[a] = _sweep.Axes[a].Values[indices[a]].Node;
        return nodes;
    }

    /// <summary>Each axis's value at a point: the number, or the distribution's nominal value.</summary>
    public double[] AxisValuesOf(int point)
    {
        if (_hypercube is not null) return [.. _hypercube[point]];
        var indices = Design.IndicesOf(point);
        return [.. _sweep.Axes.Select((a, i) => a.Values[indices[i]].Nominal)];
    }

    /// <summary>
    /// The scenario of each point; throws <see cref="ScenarioException"/> naming every point whose
    /// combination of values the scenario refuses (each value alone was accepted at binding).
    /// Not thread-safe: the scenario's tree is changed and restored for each point.
    /// </summary>
    public Dictionary<int, Scenario> ScenariosOf(IEnumerable<int> points)
    {
        var built = new Dictionary<int, Scenario>();
        var problems = new List<Diagnostic>();
        foreach (int point in points)
        {
            var assignment = Assignment(point);
            try
            {
                built[point] = Build(assignment);
            }
            catch (ScenarioException e)
            {
                var first = assignment[0];
                foreach (var d in e.Diagnostics.Take(3))
                    problems.Add(At(_sweep, first, $"point {point} ({string.Join(", ", _sweep.Axes.Select((a, i) => $"{a.Name} = {Label(a, assignment[i])}"))}) is refused by the scenario: {d}"));
                if (problems.Count >= 50) break;
            }
        }
        if (problems.Count > 0) throw new ScenarioException(problems);
        return built;
    }

    private static string Label(SweepAxis axis, Node node) =>
        axis.Values.FirstOrDefault(v => ReferenceEquals(v.Node, node))?.Label ?? (node as ScalarNode)?.Value ?? "?";

    private IReadOnlyList<Diagnostic> Problems(Node?[] assignment)
    {
        try
        {
            Build(assignment);
            return [];
        }
        catch (ScenarioException e)
        {
            return e.Diagnostics;
        }
    }

    /// <summary>The scenario with each axis's value (null: the file's own) in place; the tree is restored after.</summary>
    private Scenario Build(Node?[] assignment)
    {
        var saved = new Dictionary<MappingNode, List<KeyValuePair<Node, Node>>>(ReferenceEqualityComparer.Instance);
        var set = new Dictionary<string, string>();
        try
        {
            for (int a = 0; a < assignment.Length; a++)
            {
                if (assignment[a] is not { } value) continue;
                foreach (var target in _targets[a])
                {
                    if (!saved.ContainsKey(target.Container)) saved[target.Container] = [.. target.Container.Children];
                    var children = target.Container.Children;
                    int i = children.FindIndex(kv => kv.Key is ScalarNode { Value: { } k } && k == target.Key);
                    var entry = new KeyValuePair<Node, Node>(i >= 0 ? children[i].Key : value, value);
                    if (i >= 0) children[i] = entry;
                    else children.Add(new KeyValuePair<Node, Node>(Key(target.Key, value), value));
                    set[target.ParameterPath] = _sweep.Axes[a].Name;
                }
            }
            var reader = new NodeReader(_tree.Path) { FileOf = n => _foreign.Contains(n) ? _sweep.Path : null };
            var scenario = ScenarioLoader.Build(_tree, _catalog, reader);
            if (set.Count == 0) return scenario;
            // The comments beside the file's numbers do not describe the sweep's values.
            return scenario with
            {
                Parameters = [.. scenario.Parameters.Select(p => set.TryGetValue(p.Path, out var axis) ? p with { Comment = $"set by the sweep's axis {axis}" } : p)],
            };
        }
        finally
        {
            foreach (var (container, children) in saved)
            {
                container.Children.Clear();
                container.Children.AddRange(children);
            }
        }
    }

    private ScalarNode Key(string key, Node at)
    {
        var node = new ScalarNode(at.Start, key, YamlDotNet.Core.ScalarStyle.Plain);
        _foreign.Add(node);
        return node;
    }
}
