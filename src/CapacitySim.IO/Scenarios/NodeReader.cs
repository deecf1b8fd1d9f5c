using System.Globalization;
using CapacitySim.Core.Engine;
using CapacitySim.Core.Model;
using YamlDotNet.Core;

namespace CapacitySim.IO.Scenarios;

/// <summary>
/// Reads YAML representation nodes into values, recording every problem with its position instead
/// of stopping at the first. A method returns null where the value could not be read.
/// </summary>
internal sealed class NodeReader(string file)
{
    /// <summary>Problems collected at most; more than that is one broken file, not many mistakes.</summary>
    private const int MaxDiagnostics = 10_000;
    private readonly List<Diagnostic> _diagnostics = [];

    public IReadOnlyList<Diagnostic> Diagnostics => _diagnostics;

    private readonly List<ScenarioParameter> _parameters = [];

    /// <summary>Every (u) number read without error, in file order (comments are attached later).</summary>
    public IReadOnlyList<ScenarioParameter> Parameters => [.. _parameters.OrderBy(p => p.Line).ThenBy(p => p.Column)];

    /// <summary>Gives the parameter read at <paramref name="path"/> a clearer label for reports than its label in messages.</summary>
    public void Relabel(string path, string label)
    {
        int i = _parameters.FindIndex(p => p.Path == path);
        if (i >= 0) _parameters[i] = _parameters[i] with { Label = label };
    }

    /// <summary>Problems not collected because <see cref="MaxDiagnostics"/> was reached.</summary>
    public int Dropped { get; private set; }

    public void Error(Node node, string message) => Error(node.Start, message);

    public void Error(Mark mark, string message)
    {
        if (_diagnostics.Count >= MaxDiagnostics)
            Dropped++;
        else
            _diagnostics.Add(new Diagnostic(file, (int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column), message));
    }

    /// <summary>
    /// A mapping's fields by key, reporting keys that are not in <paramref name="known"/> (with the
    /// closest known one). A key in <paramref name="refused"/> is one that has no place here but a
    /// known one elsewhere: it is reported with the message made from its value node.
    /// </summary>
    public Fields? Mapping(Node node, string what, IReadOnlyCollection<string> known, IReadOnlyDictionary<string, Func<Node, string>>? refused = null)
    {
        if (node is not MappingNode map)
        {
            Error(node, $"{what} must be a mapping of key: value, got {Describe(node)}");
            return null;
        }
        var fields = new Dictionary<string, (Node Key, Node Value)>();
        var suggested = new HashSet<string>();
        foreach (var (keyNode, valueNode) in map.Children)
        {
            if (keyNode is not ScalarNode { Value: { } key })
            {
                Error(keyNode, $"a key in {what} must be a plain word, got {Describe(keyNode)}");
                continue;
            }
            if (refused is not null && refused.TryGetValue(key, out var refusal))
            {
                Error(keyNode, refusal(valueNode));
                continue;
            }
            if (!known.Contains(key))
            {
                string? closest = Suggestions.Closest(key, known);
                if (closest is not null) suggested.Add(closest);
                Error(keyNode, key == "<<"
                    ? $"YAML merge keys ('<<') are not supported in {what}; write the fields out, or use defaults: for fields shared by sites"
                    : closest is null
                        ? $"unknown key '{key}' in {what}; known keys: {string.Join(", ", known)}"
                        : $"unknown key '{key}' in {what}; did you mean '{closest}'?");
                continue;
            }
            fields[key] = (keyNode, valueNode);
        }
        return new Fields(this, map, what, fields, suggested);
    }

    /// <summary>The 'name' of a mapping node, read before its fields are, for naming it in messages.</summary>
    public static string? PeekName(Node node) =>
        node is MappingNode map && map.Children.FirstOrDefault(kv => kv.Key is ScalarNode { Value: "name" }).Value is ScalarNode { Value: { Length: > 0 } name }
            ? name
            : null;

    /// <summary>The items of a sequence, or null (with an error) when the node is not one.</summary>
    public IReadOnlyList<Node>? Sequence(Node node, string what)
    {
        if (node is SequenceNode seq) return seq.Children.ToList();
        Error(node, $"{what} must be a list, got {Describe(node)}" + (node is MappingNode ? "; start each item with '- '" : ""));
        return null;
    }

    /// <summary>A non-empty text scalar.</summary>
    public string? Text(Node node, string what, bool allowEmpty = false)
    {
        if (node is not ScalarNode scalar || scalar.Value is null)
        {
            Error(node, $"{what} must be text, got {Describe(node)}");
            return null;
        }
        bool isNull = scalar.Style == ScalarStyle.Plain && scalar.Value is "null" or "Null" or "NULL" or "~";
        if (!allowEmpty && (string.IsNullOrWhiteSpace(scalar.Value) || isNull))
        {
            Error(node, $"{what} must not be empty");
            return null;
        }
        return scalar.Value;
    }

    /// <summary>
    /// Largest magnitude of any number in a file: above every real figure (peak FLOP/s ~1e16) yet
    /// far enough from double overflow that products of inputs stay finite.
    /// </summary>
    public const double MaxMagnitude = 1e18;

    /// <summary>Largest lognormal sigma: e^(10 x 8) keeps extreme draws finite.</summary>
    public const double MaxSigma = 10;

    /// <summary>A finite number, written plainly (no quotes, units, NaN or infinity).</summary>
    public double? Number(Node node, string what, bool distributionAllowed = false)
    {
        if (node is not ScalarNode scalar || scalar.Value is null)
        {
            Error(node, $"{what} must be {(distributionAllowed ? "a number or a distribution" : "a plain number")}, got {Describe(node)}");
            return null;
        }
        string text = scalar.Value.Trim();
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted)
        {
            Error(node, $"{what} must be a number, got the quoted text \"{scalar.Value}\"; remove the quotes");
            return null;
        }
        string lower = text.ToLowerInvariant();
        if (lower is ".nan" or "nan" or ".inf" or "+.inf" or "-.inf" or "inf" or "-inf" or "infinity" or "-infinity")
        {
            Error(node, $"{what} must be a finite number, got '{text}'");
            return null;
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double big) && double.IsFinite(big) && Math.Abs(big) > MaxMagnitude)
        {
            Error(node, $"{what} is {Format(big)}, beyond the largest magnitude accepted ({Format(MaxMagnitude)}); check the exponent");
            return null;
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double huge) && !double.IsFinite(huge))
        {
            Error(node, $"{what} is too large to be a number ('{Shorten(text)}'); check the exponent");
            return null;
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            Error(node, $"{what} must be a number, got '{Shorten(text)}'{NumberHint(text)}");
            return null;
        }
        return value;
    }

    /// <summary>What to do about text that was meant as a number.</summary>
    private static string NumberHint(string text)
    {
        if (text.EndsWith('%')) return "; write a fraction without the % sign (40% is 0.4)";
        if (text.StartsWith('$')) return "; write the number without the $ sign (the currency is in the key's name)";
        if (System.Text.RegularExpressions.Regex.IsMatch(text, @"^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$")) return "; write it without thousands separators (1000, not 1,000)";
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) return "; write it in decimal";
        if (System.Text.RegularExpressions.Regex.IsMatch(text, @"^[-+]?[\d.]+(e[-+]?\d+)?\s*[A-Za-z/$]+$")) return "; write the number alone, the unit is in the key's name";
        return "";
    }

    /// <summary>A whole number within [min, max].</summary>
    public long? Integer(Node node, string what, long min, long max)
    {
        if (Number(node, what) is not { } value) return null;
        if (value != Math.Floor(value) || value < min || value > max)
        {
            string range = max >= long.MaxValue / 2
                ? $"at least {min.ToString(CultureInfo.InvariantCulture)}"
                : $"from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}";
            Error(node, $"{what} must be a whole number {range}, got {Format(value)}");
            return null;
        }
        return (long)value;
    }

    /// <summary>A month written YYYY-MM.</summary>
    public YearMonth? Month(Node node, string what)
    {
        if (node is ScalarNode { Value: { } text } && YearMonth.TryParse(text.Trim(), out var month)) return month;
        if (node is ScalarNode { Value: { } t } && t.Trim() is { Length: 7 } m && m[4] == '-' && m.Remove(4, 1).All(char.IsAsciiDigit))
            Error(node, $"{what}: there is no month {m[5..]}; months run from 01 to 12");
        else
            Error(node, $"{what} must be a month written YYYY-MM (e.g. 2026-03), got {Describe(node)}");
        return null;
    }

    /// <summary>
    /// A (u) number: a plain number or {dist: ...}. Its key is its path in the file, so each place a
    /// distribution is written is drawn once per sample. Fixed values and nominal values must lie in
    /// <paramref name="range"/>; draws are clamped to it.
    /// </summary>
    public Uncertain? Parameter(Node node, string path, string what, NumberRange range)
    {
        ulong key = CounterRandom.KeyOf(path);
        if (node is not MappingNode)
        {
            if (Number(node, what, distributionAllowed: true) is not { } value) return null;
            if (!range.Contains(value))
            {
                string hint = range == NumberRange.Fraction && value >= 5 && value <= 100 ? $" (a fraction: {Format(value / 100)}, not {Format(value)})" : "";
                Error(node, $"{what} must be {range.Text}, got {Format(value)}{hint}");
                return null;
            }
            return Record(Uncertain.Fixed(value).WithRange(range) with { Key = key });
        }
        var u = Distribution(node, what, range, key);
        return u is null ? null : Record(u);

        Uncertain Record(Uncertain read)
        {
            _parameters.Add(new ScenarioParameter(what, path, (int)node.Start.Line, (int)node.Start.Column, read, null));
            return read;
        }
    }

    /// <summary>Each distribution's name, its fields besides 'dist' in the order written, and the number they make.</summary>
    public static readonly IReadOnlyDictionary<string, (string[] Fields, Func<double[], Uncertain> Make)> DistributionForms = new Dictionary<string, (string[] Fields, Func<double[], Uncertain> Make)>
    {
        ["uniform"] = (["min", "max"], v => Uncertain.Uniform(min: v[0], max: v[1])),
        ["triangular"] = (["min", "mode", "max"], v => Uncertain.Triangular(min: v[0], mode: v[1], max: v[2])),
        ["pert"] = (["min", "mode", "max"], v => Uncertain.Pert(min: v[0], mode: v[1], max: v[2])),
        ["normal"] = (["mean", "sd"], v => Uncertain.Normal(mean: v[0], sd: v[1])),
        ["lognormal"] = (["median", "sigma"], v => Uncertain.LogNormal(median: v[0], sigma: v[1])),
    };

    private Uncertain? Distribution(Node node, string what, NumberRange range, ulong key)
    {
        var map = (MappingNode)node;
        var distNode = map.Children.FirstOrDefault(kv => kv.Key is ScalarNode { Value: "dist" }).Value;
        if (distNode is null)
        {
            Error(node, $"{what}: a distribution needs 'dist' (one of {string.Join(", ", DistributionForms.Keys)})");
            return null;
        }
        string? dist = Text(distNode, $"{what}: dist");
        if (dist is null) return null;
        if (!DistributionForms.TryGetValue(dist, out var form))
        {
            string? closest = Suggestions.Closest(dist, DistributionForms.Keys);
            Error(distNode, $"{what}: unknown distribution '{dist}'; use one of {string.Join(", ", DistributionForms.Keys)}" + (closest is null ? "" : $" (did you mean '{closest}'?)"));
            return null;
        }
        var fields = Mapping(node, $"{what} ({dist} distribution)", ["dist", .. form.Fields]);
        if (fields is null) return null;
        var values = new double[3];
        bool ok = true;
        for (int j = 0; j < form.Fields.Length; j++)
        {
            if (fields.Required(form.Fields[j]) is not { } fieldNode) { ok = false; continue; }
            if (Number(fieldNode, $"{what}: {form.Fields[j]}") is { } v) values[j] = v; else ok = false;
        }
        if (!ok) return null;

        var u = form.Make(values).WithRange(range) with { Key = key };
        switch (u.Kind)
        {
            case DistributionKind.Uniform or DistributionKind.Triangular or DistributionKind.Pert when u.Min > u.Max:
                Error(node, $"{what}: min ({Format(u.Min)}) must not exceed max ({Format(u.Max)})");
                return null;
            case DistributionKind.Triangular or DistributionKind.Pert when u.Mode < u.Min || u.Mode > u.Max:
                Error(node, $"{what}: mode ({Format(u.Mode)}) must lie between min ({Format(u.Min)}) and max ({Format(u.Max)})");
                return null;
            case DistributionKind.Normal when u.Sd <= 0:
                Error(node, $"{what}: sd must be greater than 0, got {Format(u.Sd)} (write a plain number for a fixed value)");
                return null;
            case DistributionKind.LogNormal when u.Median <= 0:
                Error(node, $"{what}: median must be greater than 0, got {Format(u.Median)}");
                return null;
            case DistributionKind.LogNormal when u.Sigma <= 0:
                Error(node, $"{what}: sigma must be greater than 0, got {Format(u.Sigma)} (write a plain number for a fixed value)");
                return null;
            case DistributionKind.LogNormal when u.Sigma > MaxSigma:
                Error(node, $"{what}: sigma must be at most {Format(MaxSigma)}, got {Format(u.Sigma)}");
                return null;
        }
        // Draws outside the valid range are clamped (so is the nominal value); only a distribution
        // that lies wholly outside the range is impossible.
        (double low, double high) = u.Kind switch
        {
            DistributionKind.Uniform or DistributionKind.Triangular or DistributionKind.Pert => (u.Min, u.Max),
            // 99.9% of a normal or lognormal draw lies within 3.29 standard deviations.
            DistributionKind.Normal => (u.Mean - 3.29 * u.Sd, u.Mean + 3.29 * u.Sd),
            DistributionKind.LogNormal => (u.Median * Math.Exp(-3.29 * u.Sigma), u.Median * Math.Exp(3.29 * u.Sigma)),
            _ => (double.NegativeInfinity, double.PositiveInfinity),
        };
        if (!range.Contains(low) && !range.Contains(high) && (high < range.Min || low > range.Max || (range.MinExclusive && high <= 0)))
        {
            string span = u.Kind is DistributionKind.Normal or DistributionKind.LogNormal ? "99.9% of the distribution" : "the whole distribution";
            Error(node, $"{what} must be {range.Text}, but {span} ({Format(low)} to {Format(high)}) lies outside that");
            return null;
        }
        return u;
    }

    /// <summary>A short description of a node for messages.</summary>
    public static string Describe(Node node) => node switch
    {
        ScalarNode { Value: null or "" } => "nothing",
        ScalarNode s => $"'{Shorten(s.Value!)}'",
        SequenceNode => "a list",
        MappingNode => "a mapping",
        _ => "a value",
    };

    private static string Shorten(string text) => text.Length > 40 ? text[..37] + "..." : text;

    public static string Format(double value) => value.ToString("G", CultureInfo.InvariantCulture);
}

/// <summary>The known fields of one mapping, with their nodes.</summary>
internal sealed class Fields(NodeReader reader, MappingNode map, string what, Dictionary<string, (Node Key, Node Value)> fields, HashSet<string> suggested)
{
    public MappingNode Node => map;

    public bool Has(string key) => fields.ContainsKey(key);

    /// <summary>The value node of an optional key, or null.</summary>
    public Node? Optional(string key) => fields.TryGetValue(key, out var kv) ? kv.Value : null;

    /// <summary>
    /// The value node of a required key; reports it missing at the mapping's position, unless an
    /// unknown key in the same mapping was already reported with this key as its suggestion.
    /// </summary>
    public Node? Required(string key)
    {
        if (fields.TryGetValue(key, out var kv)) return kv.Value;
        if (!suggested.Contains(key)) reader.Error(map, $"{what} is missing required key '{key}'");
        return null;
    }

    /// <summary>The key node (for positions of messages about the key itself).</summary>
    public Node? KeyNode(string key) => fields.TryGetValue(key, out var kv) ? kv.Key : null;
}
