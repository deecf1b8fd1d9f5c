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
    /// <summary>The parameters with their comments attached.</summary>
    public static IReadOnlyList<ScenarioParameter> Attach(string yaml, IReadOnlyList<ScenarioParameter> parameters)
    {
        var inline = new Dictionary<int, string>();
        var fullLine = new Dictionary<int, string>();
        var scanner = new Scanner(new StringReader(yaml), skipComments: false);
        try
        {
            while (scanner.MoveNext())
                if (scanner.Current is Comment comment)
                    (comment.IsInline ? inline : fullLine)[(int)comment.Start.Line] = comment.Value.Trim();
        }
        catch (YamlException)
        {
            // The loader has parsed this text already; a scanner failure only loses comments.
        }
        string[] lines = yaml.Split('\n');
        return [.. parameters.Select(p => p with { Comment = Find(p.Line, inline, fullLine, lines) })];
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
