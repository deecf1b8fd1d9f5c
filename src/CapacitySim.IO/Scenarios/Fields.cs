namespace CapacitySim.IO.Scenarios;

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
