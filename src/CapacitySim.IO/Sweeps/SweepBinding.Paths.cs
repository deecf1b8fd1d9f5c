using CapacitySim.Core.Model;
using CapacitySim.IO.Scenarios;
using YamlDotNet.Core;

namespace CapacitySim.IO.Sweeps;

/// <summary>What an axis's path names in the scenario's tree.</summary>
public sealed partial class SweepBinding
{
    /// <summary>Numbers an axis can set at the top level and in <c>training</c>.</summary>
    public static readonly string[] TopNumbers = ["research_share"];

    /// <summary>Site fields an axis can set (in a site or in <c>defaults</c>): every defaultable field that is a number.</summary>
    public static readonly string[] SiteNumbers = [.. ScenarioLoader.DefaultableKeys.Except(["region", "pue_monthly"])];

    public static readonly string[] PhaseNumbers = ["delay_months", "facility_mw", "it_mw", "ramp_months"];
    public static readonly string[] SupplyNumbers = ["mw", "price_usd_per_mwh", "gco2_per_kwh", "firm_fraction", "capacity_factor", "capex_usd_per_mw", "build_months"];
    public static readonly string[] AcceleratorNumbers = ["slip_months", "peak_flops", "tdp_w", "allin_w", "unit_cost_usd"];

    /// <summary>The paths an axis can take, for messages.</summary>
    private const string PathForms = "research_share, training.KEY, defaults.KEY, sites[NAME].KEY, sites[NAME].phases[NAME].KEY, sites[NAME].supply[NAME].KEY, accelerators[NAME].KEY, researchers[YYYY-MM].count (NAME or * for all)";

    /// <summary>
    /// The numbers <paramref name="path"/> sets, or an empty list and the reason it matches nothing.
    /// Mappings that must exist for a number to be written (defaults, training, an accelerators
    /// entry overriding a built-in accelerator) are added to the tree, empty, which changes nothing
    /// the scenario means; <paramref name="created"/> receives their nodes.
    /// </summary>
    private static List<Target> Resolve(Node rootNode, SweepPath path, Scenario plain, IReadOnlyList<Accelerator> builtIn, List<Node> created, out string? problem)
    {
        var (targets, reason) = Match((MappingNode)rootNode, path, plain, builtIn, created);
        problem = reason is null ? null : $"{path} matches nothing: {reason}";
        return targets;
    }

    /// <summary>The numbers the path sets, or none and why.</summary>
    private static (List<Target> Targets, string? Reason) Match(MappingNode root, SweepPath path, Scenario plain, IReadOnlyList<Accelerator> builtIn, List<Node> created)
    {
        var steps = path.Steps;
        var first = steps[0];
        static (List<Target>, string?) None(string reason) => ([], reason);
        static (List<Target>, string?) Found(List<Target> targets) => (targets, null);

        switch (first.Key)
        {
            case "research_share" when steps.Count == 1 && first.Selector is null:
                return Found([new Target(root, first.Key, first.Key)]);
            case "training" when first.Selector is null:
                if (steps.Count != 2 || steps[1].Selector is not null || !ScenarioLoader.TrainingKeys.Contains(steps[1].Key))
                    return None($"training takes one of {string.Join(", ", ScenarioLoader.TrainingKeys)}");
                return Found([new Target(Child(root, "training", created), steps[1].Key, $"training.{steps[1].Key}")]);
            case "defaults" when first.Selector is null:
                if (steps.Count != 2 || steps[1].Selector is not null || !SiteNumbers.Contains(steps[1].Key))
                    return None($"defaults takes one of {string.Join(", ", SiteNumbers)}");
                return Found([new Target(Child(root, "defaults", created), steps[1].Key, $"defaults.{steps[1].Key}")]);
            case "sites" when first.Selector is not null:
                return Sites(root, steps);
            case "accelerators" when first.Selector is not null:
                return Accelerators(root, steps, plain, builtIn, created);
            case "researchers" when first.Selector is not null:
                if (steps.Count != 2 || steps[1] is not { Key: "count", Selector: null })
                    return None("researchers take count: researchers[YYYY-MM].count or researchers[*].count");
                var items = Items(root, "researchers");
                var targets = new List<Target>();
                for (int i = 0; i < items.Count; i++)
                    if (items[i] is MappingNode m && (first.Selector == "*" || Scalar(m, "month") == first.Selector))
                        targets.Add(new Target(m, "count", $"researchers[{i}].count"));
                if (targets.Count == 0)
                    return None(items.Count == 0 ? "the scenario lists no researchers" : $"no researchers point in month {first.Selector}; months: {string.Join(", ", items.OfType<MappingNode>().Select(m => Scalar(m, "month")))}");
                return Found(targets);
            default:
                if (steps.Count == 1 && ScenarioLoader.TopKeys.Contains(first.Key))
                    return None($"'{first.Key}' is not a number an axis can set; numbers are set by: {PathForms}");
                return None($"an axis path starts with research_share, training, defaults, sites[...], accelerators[...] or researchers[...]: {PathForms}");
        }
    }

    private static (List<Target>, string?) Sites(MappingNode root, IReadOnlyList<PathStep> steps)
    {
        var sites = Items(root, "sites");
        var chosen = Select(sites, steps[0].Selector!);
        if (chosen.Count == 0) return ([], NoItem("site", steps[0].Selector!, sites));
        var targets = new List<Target>();
        if (steps.Count == 2 && steps[1].Selector is null)
        {
            if (!SiteNumbers.Contains(steps[1].Key))
            {
                return ([], $"a site's numbers an axis can set are {string.Join(", ", SiteNumbers)}; phases and supply are lists: sites[NAME].phases[NAME].KEY");
            }
            foreach (var (site, i) in chosen) targets.Add(new Target(site, steps[1].Key, $"sites[{i}].{steps[1].Key}"));
            return (targets, null);
        }
        if (steps.Count != 3 || steps[1].Key is not ("phases" or "supply") || steps[1].Selector is null || steps[2].Selector is not null)
        {
            return ([], $"under a site, write KEY, phases[NAME].KEY or supply[NAME].KEY");
        }
        string list = steps[1].Key;
        string[] known = list == "phases" ? PhaseNumbers : SupplyNumbers;
        if (!known.Contains(steps[2].Key))
        {
            return ([], $"the numbers of {(list == "phases" ? "a phase" : "a supply source")} an axis can set are {string.Join(", ", known)}");
        }
        var names = new List<string>();
        foreach (var (site, i) in chosen)
        {
            var items = Items(site, list);
            names.AddRange(items.OfType<MappingNode>().Select(m => Scalar(m, "name")).OfType<string>());
            foreach (var (item, j) in Select(items, steps[1].Selector!))
            {
                // A phase on a path takes no delay_months (its stages are the delay): '*' passes it
                // over; named, it is set and the scenario's own message says why it cannot be.
                if (steps[1].Selector == "*" && list == "phases" && steps[2].Key == "delay_months" && item is MappingNode phase && phase.Children.Any(kv => kv.Key is ScalarNode { Value: "path" }))
                    continue;
                targets.Add(new Target(item, steps[2].Key, $"sites[{i}].{list}[{j}].{steps[2].Key}"));
            }
        }
        if (targets.Count == 0)
            return ([], names.Count == 0
                ? $"the site{(chosen.Count > 1 ? "s have" : " has")} no {(list == "phases" ? "phases" : "supply list (an unlimited grid)")}"
                : $"no {(list == "phases" ? "phase" : "supply source")} named '{steps[1].Selector}' in {(steps[0].Selector == "*" ? "any site" : $"site {steps[0].Selector}")}{Closest(steps[1].Selector!, names)}; names: {string.Join(", ", names.Distinct())}");
        return (targets, null);
    }

    private static (List<Target>, string?) Accelerators(MappingNode root, IReadOnlyList<PathStep> steps, Scenario plain, IReadOnlyList<Accelerator> builtIn, List<Node> created)
    {
        if (steps.Count != 2 || steps[1].Selector is not null || !AcceleratorNumbers.Contains(steps[1].Key))
        {
            return ([], $"the numbers of an accelerator an axis can set are {string.Join(", ", AcceleratorNumbers)}");
        }
        string selector = steps[0].Selector!;
        // '*' is every accelerator the operator buys: the roadmap.
        var names = selector == "*" ? plain.Roadmap.ToList() : [selector];
        var known = plain.Catalog.Select(a => a.Name).Concat(builtIn.Select(a => a.Name)).ToHashSet();
        if (!known.Contains(names[0]))
        {
            return ([], $"no accelerator '{selector}' in the scenario or the built-in catalog{Closest(selector, known)}");
        }
        var targets = new List<Target>();
        foreach (string name in names)
        {
            var items = Items(root, "accelerators");
            int index = items.FindIndex(n => n is MappingNode m && Scalar(m, "name") == name);
            if (index < 0)
            {
                // A built-in accelerator the file does not list: an entry naming it overrides only what the axis sets.
                var list = root.Children.FirstOrDefault(kv => kv.Key is ScalarNode { Value: "accelerators" }).Value as SequenceNode;
                if (list is null)
                {
                    list = new SequenceNode(default);
                    var key = new ScalarNode(default, "accelerators", ScalarStyle.Plain);
                    root.Children.Add(new(key, list));
                    created.Add(key);
                    created.Add(list);
                }
                var entry = new MappingNode(default);
                var nameKey = new ScalarNode(default, "name", ScalarStyle.Plain);
                var nameValue = new ScalarNode(default, name, ScalarStyle.Plain);
                entry.Children.Add(new(nameKey, nameValue));
                list.Children.Add(entry);
                created.AddRange([entry, nameKey, nameValue]);
                index = list.Children.Count - 1;
                items = list.Children;
            }
            targets.Add(new Target((MappingNode)items[index], steps[1].Key, $"accelerators[{index}].{steps[1].Key}"));
        }
        return (targets, null);
    }

    /// <summary>The mapping under <paramref name="key"/>, added empty when the file has none.</summary>
    private static MappingNode Child(MappingNode parent, string key, List<Node> created)
    {
        if (parent.Children.FirstOrDefault(kv => kv.Key is ScalarNode { Value: { } k } && k == key).Value is MappingNode existing) return existing;
        var map = new MappingNode(default);
        var keyNode = new ScalarNode(default, key, ScalarStyle.Plain);
        parent.Children.Add(new(keyNode, map));
        created.AddRange([keyNode, map]);
        return map;
    }

    private static List<Node> Items(MappingNode parent, string key) =>
        parent.Children.FirstOrDefault(kv => kv.Key is ScalarNode { Value: { } k } && k == key).Value is SequenceNode seq ? seq.Children : [];

    private static string? Scalar(MappingNode map, string key) =>
        map.Children.FirstOrDefault(kv => kv.Key is ScalarNode { Value: { } k } && k == key).Value is ScalarNode { Value: { } v } ? v : null;

    private static List<(MappingNode Item, int Index)> Select(List<Node> items, string selector) =>
        [.. items.Select((n, i) => (n as MappingNode, i)).Where(p => p.Item1 is not null && (selector == "*" || Scalar(p.Item1, "name") == selector)).Select(p => (p.Item1!, p.i))];

    private static string NoItem(string what, string selector, List<Node> items)
    {
        var names = items.OfType<MappingNode>().Select(m => Scalar(m, "name")).OfType<string>().ToList();
        return names.Count == 0 ? $"the scenario has no {what}s" : $"no {what} named '{selector}'{Closest(selector, names)}; {what}s: {string.Join(", ", names)}";
    }

    private static string Closest(string name, IEnumerable<string> names) =>
        Suggestions.Closest(name, names) is { } closest ? $" (did you mean '{closest}'?)" : "";
}
