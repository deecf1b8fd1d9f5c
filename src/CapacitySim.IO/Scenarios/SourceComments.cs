using CapacitySim.Core.Model;
using YamlDotNet.Core;
using YamlDotNet.Core.Tokens;

namespace CapacitySim.IO.Scenarios;

/// <summary>
/// Finds the comment that belongs to a number in a scenario file, where scenario files cite their
/// sources: the comment at the end of the number's line; else, for a distribution written as a
/// block under its key, the comment at the end of the key's line; else the full-line comments
/// directly above. Comments are read from YAML's own tokens, so a '#' inside a quoted string is
/// not mistaken for one.
/// </summary>
public static class SourceComments
{
    /// <summary>A text's comments by line: those at the end of a line of YAML, and those on a line of their own.</summary>
    public sealed class Found
    {
        public Dictionary<int, string> Inline { get; } = [];
        public Dictionary<int, string> FullLine { get; } = [];

        public void Add(bool inline, long line, string text) => (inline ? Inline : FullLine)[(int)line] = text.Trim();
    }

    /// <summary>The comments of <paramref name="yaml"/>, read by YAML's scanner alone.</summary>
    public static Found Scan(string yaml)
    {
        var found = new Found();
        var scanner = new Scanner(new StringReader(yaml), skipComments: false);
        try
        {
            while (scanner.MoveNext())
                if (scanner.Current is Comment comment)
                    found.Add(comment.IsInline, comment.Start.Line, comment.Value);
        }
        catch (YamlException)
        {
            // The loader has parsed this text already; a scanner failure only loses comments.
        }
        return found;
    }

    /// <summary>The parameters with the comments found in <paramref name="yaml"/> attached.</summary>
    public static IReadOnlyList<ScenarioParameter> Attach(string yaml, Found comments, IReadOnlyList<ScenarioParameter> parameters)
    {
        string[] lines = yaml.Split('\n');
        return [.. parameters.Select(p => p with { Comment = Find(p.Line, comments.Inline, comments.FullLine, lines) })];
    }

    private static string? Find(int line, Dictionary<int, string> inline, Dictionary<int, string> fullLine, string[] lines)
    {
        if (inline.TryGetValue(line, out var same)) return same;
        // A block distribution starts on the line after its key ("delay_months:  # why").
        if (inline.TryGetValue(line - 1, out var key) && line - 2 < lines.Length && line >= 2
            && lines[line - 2].Split('#')[0].TrimEnd().EndsWith(':'))
            return key;
        var above = new List<string>();
        for (int l = line - 1; fullLine.TryGetValue(l, out var text); l--) above.Insert(0, text);
        return above.Count > 0 ? string.Join(" ", above) : null;
    }
}
