using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace CapacitySim.IO.Scenarios;

/// <summary>
/// A pass over the YAML event stream before the representation model is built: it turns syntax
/// errors into positioned messages with a hint, finds tabs that broke the indentation, refuses
/// nesting deep enough to exhaust the stack and aliases that expand into millions of nodes (an
/// alias bomb). The event parser is iterative, so none of this recurses.
/// </summary>
internal static partial class YamlPrecheck
{
    public const int MaxDepth = 200;
    public const double MaxExpandedNodes = 1_000_000;

    /// <summary>Problems found, or an empty list when the representation model can be built safely.</summary>
    public static List<Diagnostic> Check(string text, string file)
    {
        var problems = new List<Diagnostic>();
        void Add(Mark mark, string message) => problems.Add(new Diagnostic(file, (int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column), message));

        var parser = new Parser(new StringReader(text));
        var sizes = new Dictionary<string, double>();
        var open = new Stack<(Mark Start, bool Flow, bool IsSequence, string? Anchor, double Size)>();
        double aliasExtra = 0;
        try
        {
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case DocumentStart:
                        aliasExtra = 0;
                        break;
                    case SequenceStart or MappingStart:
                        var node = (NodeEvent)parser.Current;
                        bool flow = node is SequenceStart { Style: SequenceStyle.Flow } or MappingStart { Style: MappingStyle.Flow };
                        open.Push((node.Start, flow, node is SequenceStart, node.Anchor.IsEmpty ? null : node.Anchor.Value, 1));
                        if (open.Count > MaxDepth)
                        {
                            Add(node.Start, $"lists and mappings nest more than {MaxDepth} levels deep here; a scenario needs a handful");
                            return problems;
                        }
                        break;
                    case SequenceEnd or MappingEnd:
                        var closed = open.Pop();
                        if (closed.Anchor is not null) sizes[closed.Anchor] = closed.Size;
                        if (!AddSize(closed.Size, parser.Current.Start)) return problems;
                        break;
                    case Scalar scalar:
                        if (!scalar.Anchor.IsEmpty) sizes[scalar.Anchor.Value] = 1;
                        if (!AddSize(1, scalar.Start)) return problems;
                        break;
                    case AnchorAlias alias:
                        double expanded = sizes.GetValueOrDefault(alias.Value.Value, 1);
                        aliasExtra += expanded - 1;
                        if (!AddSize(expanded, alias.Start)) return problems;
                        break;
                }
            }
        }
        catch (YamlException e)
        {
            var tabs = IndentationTabs(text, file);
            if (tabs.Count > 0) return tabs;
            var unclosed = open.Where(o => o.Flow).Select(o => o.Start).LastOrDefault();
            if (e is SyntaxErrorException && open.Any(o => o.Flow) && AtEnd(e.Start, text))
                Add(unclosed, $"YAML syntax: the {(open.First(o => o.Flow).IsSequence ? "[" : "{")} opened here is never closed");
            else
                Add(e.Start, "YAML syntax: " + Friendly(e));
            return problems;
        }
        catch (InvalidOperationException)
        {
            // The parser gives up without a position when the input ends inside a flow collection.
            var flow = open.Where(o => o.Flow).ToList();
            if (flow.Count > 0) Add(flow[^1].Start, $"YAML syntax: the {(flow[^1].IsSequence ? "[" : "{")} opened here is never closed");
            else Add(new Mark(), "YAML syntax: the file ends in the middle of a value");
            return problems;
        }
        return problems;

        bool AddSize(double size, Mark at)
        {
            if (open.Count > 0)
            {
                var top = open.Pop();
                open.Push(top with { Size = top.Size + size });
            }
            // What the file's own text holds is bounded by its size; only what aliases add is limited.
            if (aliasExtra <= MaxExpandedNodes) return true;
            Add(at, "aliases here expand the document past a million values (an alias bomb?); a scenario needs far fewer");
            return false;
        }
    }

    private static bool AtEnd(Mark mark, string text) => mark.Index >= text.TrimEnd().Length - 1;

    /// <summary>Every tab in a line's indentation; reported only when the parser failed, since tabs inside block scalars are text.</summary>
    private static List<Diagnostic> IndentationTabs(string text, string file)
    {
        var found = new List<Diagnostic>();
        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length && found.Count < 50; i++)
        {
            string line = lines[i];
            for (int c = 0; c < line.Length && line[c] is ' ' or '\t'; c++)
            {
                if (line[c] != '\t') continue;
                found.Add(new Diagnostic(file, i + 1, c + 1, "a tab is used for indentation; YAML indents with spaces"));
                break;
            }
        }
        return found;
    }

    /// <summary>The parser's message without its position prefix, with a hint for the common cases.</summary>
    public static string Friendly(YamlException e)
    {
        string message = LocationPrefix().Replace(e.InnerException is YamlException inner ? inner.Message : e.Message, "").Trim().TrimEnd('.');
        if (DuplicateKey().Match(message) is { Success: true } dup)
            return $"key '{dup.Groups[1].Value}' is given twice in the same mapping; keep one";
        string hint = message switch
        {
            _ when message.Contains("did not find expected key", StringComparison.Ordinal) =>
                "check this line's indentation against the lines above, and that every key is followed by ': '",
            _ when message.Contains("did not find expected '-' indicator", StringComparison.Ordinal) =>
                "list items start with '- ' at the same indentation as the items above",
            _ when message.Contains("cannot start any token", StringComparison.Ordinal) =>
                "a value cannot start with this character unquoted; put the value in quotes",
            _ when message.Contains("Mapping values are not allowed", StringComparison.OrdinalIgnoreCase) || message.Contains("found invalid mapping", StringComparison.Ordinal) =>
                "a ':' inside a value: put a space after each key's ':' and quote values that contain ': '",
            _ when message.Contains("could not find expected ':'", StringComparison.Ordinal) =>
                "a key needs ': ' before its value",
            _ when message.Contains("quoted scalar", StringComparison.Ordinal) =>
                "a quote is not closed",
            _ => "",
        };
        return hint.Length == 0 ? message : $"{message}; {hint}";
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex LocationPrefix();

    [GeneratedRegex(@"^Duplicate key (.*)$")]
    private static partial Regex DuplicateKey();
}
