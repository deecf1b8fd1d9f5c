using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace CapacitySim.IO.Scenarios;

/// <summary>
/// A node of a YAML document as the scenario reader needs it: where it starts and what it holds.
/// Built by <see cref="YamlTree"/> in the same pass over the parser's events that checks the text;
/// building YamlDotNet's representation model instead took most of a 10,000-site file's load time.
/// </summary>
internal abstract class Node(Mark start)
{
    public Mark Start { get; } = start;

    /// <summary>
    /// Where the node's text ends: after a scalar, after a flow collection's closing bracket, after
    /// the last item of a block collection (what a writer appends after).
    /// </summary>
    public Mark End { get; set; } = start;
}

internal sealed class ScalarNode(Mark start, string? value, ScalarStyle style) : Node(start)
{
    public string? Value { get; } = value;
    public ScalarStyle Style { get; } = style;
}

internal sealed class SequenceNode(Mark start) : Node(start)
{
    public List<Node> Children { get; } = [];
}

/// <summary>A mapping's entries in file order; a key is given once (<see cref="YamlTree"/> refuses a repeated key).</summary>
internal sealed class MappingNode(Mark start) : Node(start)
{
    public List<KeyValuePair<Node, Node>> Children { get; } = [];
}
