using CapacitySim.Core.Model;

namespace CapacitySim.IO.Scenarios.Sections;

/// <summary>Reads <c>clusters</c>: sites that can train one model together.</summary>
internal static class ClusterSection
{
    /// <summary>The clusters, each naming known sites, each site once; a site may be in several clusters.</summary>
    public static List<Cluster> Read(NodeReader r, Node node, List<Site> sites)
    {
        var clusters = new List<Cluster>();
        var items = r.Sequence(node, "clusters");
        if (items is null) return clusters;
        for (int k = 0; k < items.Count; k++)
        {
            var f = r.Mapping(items[k], $"cluster {NodeReader.PeekName(items[k]) ?? $"#{k + 1}"}", ScenarioLoader.ClusterKeys);
            if (f is null) continue;
            string name = (f.Required("name") is { } n ? r.Text(n, "cluster name") : null) ?? $"#{k + 1}";
            var members = new List<int>();
            if (f.Required("sites") is { } sn && r.Sequence(sn, $"cluster {name}: sites") is { } siteNodes)
            {
                if (siteNodes.Count == 0) r.Error(sn, $"cluster {name} must list at least one site");
                foreach (var siteNode in siteNodes)
                {
                    if (r.Text(siteNode, "a cluster site") is not { } siteName) continue;
                    int index = sites.FindIndex(s => s.Name == siteName);
                    if (index < 0)
                    {
                        string? closest = Suggestions.Closest(siteName, sites.Select(s => s.Name));
                        r.Error(siteNode, $"cluster {name} names unknown site '{siteName}'" + (closest is null ? "" : $"; did you mean '{closest}'?"));
                    }
                    else if (members.Contains(index)) r.Error(siteNode, $"cluster {name} lists site '{siteName}' twice");
                    else members.Add(index);
                }
            }
            clusters.Add(new Cluster(name, members));
        }
        return clusters;
    }
}
