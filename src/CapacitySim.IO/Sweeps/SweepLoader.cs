using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CapacitySim.Core.Engine;
using CapacitySim.Core.Model;
using CapacitySim.IO.Scenarios;
using CapacitySim.IO.Scenarios.Sections;

namespace CapacitySim.IO.Sweeps;

/// <summary>
/// Reads a sweep file (docs/model.md, sweeps) with every problem as file:line:column, all at once;
/// what its paths and values mean for the scenario is checked by <see cref="SweepBinding"/>.
/// </summary>
public static partial class SweepLoader
{
    /// <summary>Keys of a sweep file (the JSON Schema is tested against these lists).</summary>
    public static readonly string[] TopKeys = ["name", "scenario", "samples", "seed", "percentiles", "scope", "design", "points", "axes", "metrics", "months"];

    /// <summary>Keys of one axis.</summary>
    public static readonly string[] AxisKeys = ["set", "name", "values", "range"];

    /// <summary>The designs: the cross product of the axes' values, or a Latin hypercube over their ranges.</summary>
    public static readonly string[] Designs = ["grid", "latin-hypercube"];

    /// <summary>Most points a sweep may have.</summary>
    public const int MaxPoints = 1_000_000;

    /// <summary>Column names of sweep.csv besides the axes and the percentiles, which no axis may take.</summary>
    public static readonly string[] FixedColumns = ["point", "metric", "unit", "month", "mean"];

    /// <summary>The message for an axis whose column name is one of sweep.csv's own (<paramref name="taken"/>), ending with the name that collides.</summary>
    internal static string TakenColumn(string what, string column, IEnumerable<string> taken) =>
        $"{what}: sweep.csv has a column of its own named '{column}' (its own columns: {string.Join(", ", taken)}); give the axis another name with name:. Collides: {column}";

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex ColumnName();

    /// <summary>Loads a sweep file; throws <see cref="ScenarioException"/> with every problem found.</summary>
    public static SweepFile Load(string path)
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
        return Parse(bytes, path);
    }

    /// <summary>Reads a sweep file from its bytes; <paramref name="path"/> names it in messages and locates the scenario.</summary>
    public static SweepFile Parse(byte[] bytes, string path)
    {
        var sweep = ParseLeniently(bytes, path, out var problems);
        if (problems.Count > 0 || sweep is null) throw new ScenarioException(problems);
        return sweep;
    }

    /// <summary>
    /// Reads what can be read of a sweep file: null when even the scenario cannot be named, else the
    /// sweep without the parts that have problems (so the rest can still be checked against the
    /// scenario and every problem reported at once); the problems sorted by position.
    /// </summary>
    public static SweepFile? ParseLeniently(byte[] bytes, string path, out List<Diagnostic> problems)
    {
        // The same checks of the text as a scenario's: UTF-8, one document, no alias bombs.
        var tree = ScenarioLoader.ReadTree(bytes, path);
        var r = new NodeReader(path);
        var sweep = Read(r, tree.Root, bytes, path);
        problems = [.. r.Diagnostics.OrderBy(d => d.Line).ThenBy(d => d.Column)];
        return sweep;
    }

    private static SweepFile? Read(NodeReader r, Node root, byte[] bytes, string path)
    {
        var top = r.Mapping(root, "the sweep", TopKeys);
        if (top is null) return null;
        string? name = null;
        if (top.Optional("name") is { } nameNode && r.Text(nameNode, "name") is { } n)
        {
            if (ScenarioLoader.IsValidName(n)) name = n;
            else r.Error(nameNode, $"name '{n}' must use only lower-case letters, digits and '-' (it names the output folder)");
        }
        Node? scenarioNode = top.Required("scenario");
        string? scenario = scenarioNode is null ? null : r.Text(scenarioNode, "scenario");
        int? samples = top.Optional("samples") is { } s && r.Integer(s, "samples", 1, RunPlan.MaxSamples) is { } sv ? (int)sv : null;
        ulong? seed = top.Optional("seed") is { } sd && r.Integer(sd, "seed", 0, long.MaxValue) is { } seedValue ? (ulong)seedValue : null;
        var percentiles = top.Optional("percentiles") is { } pn ? HeaderSection.ReadPercentiles(r, pn) : null;
        string scope = top.Optional("scope") is { } sc ? r.Text(sc, "scope") ?? "total" : "total";

        bool hypercube = false;
        if (top.Optional("design") is { } dn && r.Text(dn, "design") is { } design)
        {
            if (design == "latin-hypercube") hypercube = true;
            else if (design != "grid") r.Error(dn, $"design must be grid or latin-hypercube, got '{design}'");
        }
        int? points = null;
        if (top.Optional("points") is { } pts)
        {
            if (!hypercube) r.Error(pts, "points is for design: latin-hypercube; a grid has one point per combination of the axes' values");
            else if (r.Integer(pts, "points", 1, MaxPoints) is { } p) points = (int)p;
        }
        else if (hypercube) r.Error(top.KeyNode("design")!, "design: latin-hypercube needs points: N, the number of points to draw");

        var axes = top.Required("axes") is { } an ? Axes(r, an, hypercube) : [];
        var metrics = top.Required("metrics") is { } mn ? Metrics(r, mn) : [];
        var months = top.Required("months") is { } mo ? Months(r, mo) : [];
        if (!hypercube && axes.Count > 0 && axes.All(a => a.Values.Count > 0))
        {
            double count = axes.Aggregate(1.0, (c, a) => c * a.Values.Count);
            if (count > MaxPoints) r.Error(top.KeyNode("axes")!, string.Create(CultureInfo.InvariantCulture, $"the axes' values make {count:N0} points; a sweep may have at most {MaxPoints:N0} (try design: latin-hypercube)"));
        }
        if (scenario is null || hypercube && points is null) return null;
        string resolved = System.IO.Path.IsPathRooted(scenario) ? scenario
            : System.IO.Path.Combine(System.IO.Path.GetDirectoryName(path) is { Length: > 0 } dir ? dir : ".", scenario);
        return new SweepFile(path, bytes, name, resolved, scenarioNode!, samples, seed, percentiles, scope, top.Optional("scope"),
            hypercube, points, axes, metrics, months);
    }

    private static List<SweepAxis> Axes(NodeReader r, Node node, bool hypercube)
    {
        var axes = new List<SweepAxis>();
        var items = r.Sequence(node, "axes");
        if (items is null) return axes;
        if (items.Count == 0) r.Error(node, "axes must list at least one axis");
        var names = new Dictionary<string, Node>();
        var paths = new HashSet<string>();
        for (int i = 0; i < items.Count; i++)
        {
            string what = $"axis #{i + 1}";
            var f = r.Mapping(items[i], what, AxisKeys);
            if (f is null) continue;
            SweepPath? path = null;
            Node? setNode = f.Required("set");
            if (setNode is not null && r.Text(setNode, $"{what}: set") is { } text)
            {
                path = SweepPath.TryParse(text.Trim(), out string problem);
                if (path is null) r.Error(setNode, $"{what}: set {problem}");
                else if (!paths.Add(path.Text)) r.Error(setNode, $"{what}: another axis already sets {path.Text}; give each number one axis");
            }
            string? column = null;
            if (f.Optional("name") is { } nn && r.Text(nn, $"{what}: name") is { } given)
            {
                if (!ColumnName().IsMatch(given)) r.Error(nn, $"{what}: name '{given}' must be letters, digits and '_', not starting with a digit (it names a column)");
                else column = given;
            }
            column ??= path?.DefaultColumnName();
            if (column is not null)
            {
                Node at = f.Optional("name") ?? setNode!;
                if (FixedColumns.Contains(column))
                    r.Error(at, TakenColumn(what, column, FixedColumns));
                else if (!names.TryAdd(column, at))
                    r.Error(at, $"{what}: another axis has the column name '{column}'; give one of them a name:");
            }
            var values = new List<SweepValue>();
            (double, double)? range = null;
            if (hypercube)
            {
                if (f.Optional("values") is { } vn) r.Error(vn, $"{what}: a latin-hypercube axis takes range: [min, max], not values");
                else if (f.Required("range") is { } rn) range = Range(r, rn, what);
            }
            else
            {
                if (f.Optional("range") is { } rn) r.Error(rn, $"{what}: range is for design: latin-hypercube; a grid axis lists its values");
                else if (f.Required("values") is { } vn && r.Sequence(vn, $"{what}: values") is { } list)
                {
                    if (list.Count == 0) r.Error(vn, $"{what}: values must list at least one value");
                    foreach (var item in list) if (Value(r, item, what) is { } v) values.Add(v);
                }
            }
            if (path is not null && column is not null)
                axes.Add(new SweepAxis(column, f.Optional("name") ?? setNode!, path, setNode!, values, range, f.Optional("range")));
        }
        return axes;
    }

    private static (double, double)? Range(NodeReader r, Node node, string what)
    {
        if (r.Sequence(node, $"{what}: range") is not { } items) return null;
        if (items.Count != 2)
        {
            r.Error(node, $"{what}: range must be [min, max], got {items.Count} numbers");
            return null;
        }
        if (r.Number(items[0], $"{what}: range min") is not { } low || r.Number(items[1], $"{what}: range max") is not { } high) return null;
        if (low > high)
        {
            r.Error(node, $"{what}: range min ({NodeReader.Format(low)}) must not exceed max ({NodeReader.Format(high)})");
            return null;
        }
        return (low, high);
    }

    /// <summary>
    /// A value as written, with its nominal value. Only its form is checked here (a number, or a
    /// mapping naming a known distribution); whether the scenario accepts it is the binding's check.
    /// </summary>
    private static SweepValue? Value(NodeReader r, Node node, string what)
    {
        if (node is MappingNode map)
        {
            var fields = map.Children.Where(kv => kv.Key is ScalarNode).ToDictionary(kv => ((ScalarNode)kv.Key).Value ?? "", kv => kv.Value);
            if (!fields.TryGetValue("dist", out var distNode) || distNode is not ScalarNode { Value: { } dist } || !NodeReader.DistributionForms.TryGetValue(dist, out var form))
            {
                r.Error(node, $"{what}: a value is a number or a distribution {{dist: {string.Join("|", NodeReader.DistributionForms.Keys)}, ...}}");
                return null;
            }
            var numbers = form.Fields.Select(k => fields.TryGetValue(k, out var v) && v is ScalarNode { Value: { } t }
                && double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : double.NaN).ToArray();
            // Problems in the fields (missing, not numbers, min > max) are the scenario's to report, at their places here.
            double nominal = numbers.Any(double.IsNaN) ? double.NaN : form.Make([.. numbers, 0, 0]).Nominal;
            string label = $"{dist}({string.Join(", ", numbers.Select(NodeReader.Format))})";
            return new SweepValue(label, nominal, node);
        }
        if (r.Number(node, $"{what}: a value", distributionAllowed: true) is not { } value) return null;
        return new SweepValue(NodeReader.Format(value), value, node);
    }

    private static List<(Metric, Node)> Metrics(NodeReader r, Node node)
    {
        var list = new List<(Metric, Node)>();
        var items = r.Sequence(node, "metrics");
        if (items is null) return list;
        if (items.Count == 0) r.Error(node, "metrics must list at least one metric");
        foreach (var item in items)
        {
            if (r.Metric(item, "a metric") is not { } metric) continue;
            if (list.Any(m => m.Item1 == metric)) r.Error(item, $"metric {metric.Info().Name} is listed twice");
            else list.Add((metric, item));
        }
        return list;
    }

    private static List<(string, Node)> Months(NodeReader r, Node node)
    {
        var list = new List<(string, Node)>();
        var items = r.Sequence(node, "months");
        if (items is null) return list;
        if (items.Count == 0) r.Error(node, "months must list at least one month");
        foreach (var item in items)
        {
            if (r.Month(item, "a month") is not { } month) continue;
            string text = month.ToString();
            if (list.Any(m => m.Item1 == text)) r.Error(item, $"month {text} is listed twice");
            else list.Add((text, item));
        }
        return list;
    }
}
