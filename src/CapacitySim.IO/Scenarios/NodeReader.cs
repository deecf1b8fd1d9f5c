using System.Globalization;
using CapacitySim.Core.Model;
using YamlDotNet.Core;

namespace CapacitySim.IO.Scenarios;

/// <summary>
/// Reads YAML representation nodes into values, recording every problem with its position instead
/// of stopping at the first. A method returns null where the value could not be read. The (u)
/// numbers and the scenario parameters they make are read in NodeReader.Parameters.cs.
/// </summary>
internal sealed partial class NodeReader(string file)
{
    /// <summary>Problems collected at most; more than that is one broken file, not many mistakes.</summary>
    private const int MaxDiagnostics = 10_000;
    private readonly List<Diagnostic> _diagnostics = [];

    public IReadOnlyList<Diagnostic> Diagnostics => _diagnostics;

    /// <summary>Problems not collected because <see cref="MaxDiagnostics"/> was reached.</summary>
    public int Dropped { get; private set; }

    /// <summary>
    /// The file a node was read from when it is not this reader's file (a value a sweep puts into a
    /// scenario), else null: its problems are reported at its own place.
    /// </summary>
    public Func<Node, string?>? FileOf { get; init; }

    public void Error(Node node, string message)
    {
        if (FileOf?.Invoke(node) is { } other && _diagnostics.Count < MaxDiagnostics)
            _diagnostics.Add(new Diagnostic(other, (int)Math.Max(1, node.Start.Line), (int)Math.Max(1, node.Start.Column), message));
        else
            Error(node.Start, message);
    }

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

    /// <summary>A finite number, written plainly (no quotes, units, NaN or infinity), at most <paramref name="maxMagnitude"/> in size.</summary>
    public double? Number(Node node, string what, bool distributionAllowed = false, double maxMagnitude = MaxMagnitude)
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
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double big) && double.IsFinite(big) && Math.Abs(big) > maxMagnitude)
        {
            Error(node, $"{what} is {Format(big)}, beyond the largest magnitude accepted ({Format(maxMagnitude)}); check the exponent");
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

    /// <summary>A metric's name (<paramref name="what"/> for the message if it is not text); an unknown one is reported after <paramref name="context"/> with the closest name, else the list of metrics.</summary>
    public Core.Engine.Metric? Metric(Node node, string what, string context = "")
    {
        if (Text(node, what) is not { } name) return null;
        if (Core.Engine.Metrics.FromName(name) is { } metric) return metric;
        var names = Core.Engine.Metrics.All.Select(m => m.Name);
        string? closest = Suggestions.Closest(name, names);
        Error(node, $"{context}unknown metric '{name}'" + (closest is null ? $"; metrics: {string.Join(", ", names)}" : $"; did you mean '{closest}'?"));
        return null;
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
