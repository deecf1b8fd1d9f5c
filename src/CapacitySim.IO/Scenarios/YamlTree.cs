using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace CapacitySim.IO.Scenarios;

/// <summary>
/// Reads YAML text into a tree of <see cref="Node"/>s in one pass over the parser's events, and
/// refuses on the way what must not reach the scenario reader: syntax errors (as positioned
/// messages with a hint), tabs that broke the indentation, nesting deep enough to exhaust the
/// stack, aliases that expand into millions of nodes (an alias bomb), aliases to no anchor, and a
/// key given twice in one mapping. The event parser is iterative and so is this, so nothing here
/// recurses.
/// </summary>
internal static partial class YamlTree
{
    public const int MaxDepth = 200;
    public const double MaxExpandedNodes = 1_000_000;

    /// <summary>A mapping with this many keys finds a repeated key by hashing, not by a scan.</summary>
    private const int HashedKeys = 16;

    /// <summary>A collection being read: its node, and what the checks and the building need.</summary>
    private sealed class Open(Node node, bool flow, string? anchor)
    {
        public Node Node { get; } = node;
        public Mark Start => Node.Start;
        public bool Flow { get; } = flow;
        public bool IsSequence => Node is SequenceNode;
        public string? Anchor { get; } = anchor;
        public double Size { get; set; } = 1;

        /// <summary>In a mapping, a key read whose value is not yet complete.</summary>
        public Node? PendingKey { get; set; }

        public HashSet<string>? Keys { get; set; }
    }

    /// <summary>
    /// Problems found, or an empty list, in which case <paramref name="documents"/> holds the root
    /// node of each document in the text (an empty document is an empty scalar) and
    /// <paramref name="comments"/> its comments.
    /// </summary>
    public static List<Diagnostic> Read(string text, string file, List<Node> documents, out SourceComments.Found comments)
    {
        // The comments come with the parser's events, so the text is read once. Should the parser
        // fail on a comment where it would not fail without comments, the text is read again
        // without them (which decides what is wrong with it), and the comments are scanned alone.
        comments = new SourceComments.Found();
        var problems = ReadOnce(text, file, documents, comments, out bool parserFailed);
        if (!parserFailed) return problems;
        documents.Clear();
        problems = ReadOnce(text, file, documents, null, out _);
        comments = problems.Count == 0 ? SourceComments.Scan(text) : new SourceComments.Found();
        return problems;
    }

    /// <summary>
    /// One pass over the parser's events, collecting comments too unless <paramref name="comments"/>
    /// is null; <paramref name="parserFailed"/> tells whether the parser itself gave up on the text.
    /// </summary>
    private static List<Diagnostic> ReadOnce(string text, string file, List<Node> documents, SourceComments.Found? comments, out bool parserFailed)
    {
        parserFailed = false;
        var problems = new List<Diagnostic>();
        void Add(Mark mark, string message) => problems.Add(new Diagnostic(file, (int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column), message));

        var parser = comments is null ? new Parser(new StringReader(text)) : new Parser(new Scanner(new StringReader(text), skipComments: false));
        // Each anchor's node, and how many values it stands for where an alias repeats it.
        var anchors = new Dictionary<string, (Node Node, double Size)>();
        var open = new Stack<Open>();
        double aliasExtra = 0;
        try
        {
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case Comment comment:
                        comments?.Add(comment.IsInline, comment.Start.Line, comment.Value);
                        break;
                    case DocumentStart:
                        aliasExtra = 0;
                        anchors.Clear();
                        break;
                    case SequenceStart or MappingStart:
                        var start = (NodeEvent)parser.Current;
                        bool flow = start is SequenceStart { Style: SequenceStyle.Flow } or MappingStart { Style: MappingStyle.Flow };
                        Node collection = start is SequenceStart ? new SequenceNode(start.Start) : new MappingNode(start.Start);
                        open.Push(new Open(collection, flow, start.Anchor.IsEmpty ? null : start.Anchor.Value));
                        if (open.Count > MaxDepth)
                        {
                            Add(start.Start, $"lists and mappings nest more than {MaxDepth} levels deep here; a scenario needs a handful");
                            return problems;
                        }
                        break;
                    case SequenceEnd or MappingEnd:
                        var closed = open.Pop();
                        closed.Node.End = closed.Flow ? parser.Current.End : LastChild(closed.Node)?.End ?? closed.Start;
                        if (closed.Anchor is not null) anchors[closed.Anchor] = (closed.Node, closed.Size);
                        if (!AddSize(closed.Size, parser.Current.Start) || !Place(closed.Node)) return problems;
                        break;
                    case Scalar scalar:
                        var value = new ScalarNode(scalar.Start, scalar.Value, scalar.Style) { End = scalar.End };
                        if (!scalar.Anchor.IsEmpty) anchors[scalar.Anchor.Value] = (value, 1);
                        if (!AddSize(1, scalar.Start) || !Place(value)) return problems;
                        break;
                    case AnchorAlias alias:
                        string name = alias.Value.Value;
                        if (!anchors.TryGetValue(name, out var target))
                        {
                            Add(alias.Start, $"YAML syntax: *{name} refers to no anchor; an alias repeats a value marked &{name} above it, outside the alias's own list or mapping");
                            return problems;
                        }
                        aliasExtra += target.Size - 1;
                        if (!AddSize(target.Size, alias.Start) || !Place(target.Node)) return problems;
                        break;
                }
            }
        }
        catch (YamlException e)
        {
            parserFailed = true;
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
            parserFailed = true;
            // The parser gives up without a position when the input ends inside a flow collection.
            var flow = open.Where(o => o.Flow).ToList();
            if (flow.Count > 0) Add(flow[^1].Start, $"YAML syntax: the {(flow[^1].IsSequence ? "[" : "{")} opened here is never closed");
            else Add(new Mark(), "YAML syntax: the file ends in the middle of a value");
            return problems;
        }
        return problems;

        bool AddSize(double size, Mark at)
        {
            if (open.Count > 0) open.Peek().Size += size;
            // What the file's own text holds is bounded by its size; only what aliases add is limited.
            if (aliasExtra <= MaxExpandedNodes) return true;
            Add(at, "aliases here expand the document past a million values (an alias bomb?); a scenario needs far fewer");
            return false;
        }

        // Puts a complete node where it belongs: a document's root, a list's next item, or a
        // mapping's next key or the value of the key before it.
        bool Place(Node node)
        {
            if (open.Count == 0)
            {
                documents.Add(node);
                return true;
            }
            var parent = open.Peek();
            if (parent.Node is SequenceNode sequence)
            {
                sequence.Children.Add(node);
                return true;
            }
            var mapping = (MappingNode)parent.Node;
            if (parent.PendingKey is not { } key)
            {
                parent.PendingKey = node;
                return true;
            }
            parent.PendingKey = null;
            if (key is ScalarNode { Value: { } text } && Repeated(parent, mapping, text))
            {
                Add(key.Start, $"YAML syntax: key '{text}' is given twice in the same mapping; keep one");
                return false;
            }
            mapping.Children.Add(new(key, node));
            return true;
        }

        static bool Repeated(Open parent, MappingNode mapping, string key)
        {
            if (parent.Keys is { } keys) return !keys.Add(key);
            foreach (var entry in mapping.Children)
                if (entry.Key is ScalarNode { Value: { } other } && other == key) return true;
            if (mapping.Children.Count + 1 >= HashedKeys)
                parent.Keys = [.. mapping.Children.Select(e => e.Key).OfType<ScalarNode>().Select(k => k.Value).OfType<string>(), key];
            return false;
        }
    }

    private static Node? LastChild(Node node) => node switch
    {
        SequenceNode { Children.Count: > 0 } seq => seq.Children[^1],
        MappingNode { Children.Count: > 0 } map => map.Children[^1].Value,
        _ => null,
    };

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
}
