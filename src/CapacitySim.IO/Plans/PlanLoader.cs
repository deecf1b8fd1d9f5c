using System.Text;
using CapacitySim.Core.Engine;
using CapacitySim.Core.Model;
using CapacitySim.Core.Planning;
using CapacitySim.IO.Scenarios;
using CapacitySim.IO.Scenarios.Sections;

namespace CapacitySim.IO.Plans;

/// <summary>
/// Loads a plan file (README, "Planning capacity"; schema/plan.schema.json): the scenario it names,
/// then every field of the plan checked against that scenario, each problem reported as
/// file:line:column: message, all at once (the scenario's own problems with the scenario's positions).
/// </summary>
public static class PlanLoader
{
    /// <summary>Keys of the top-level mapping (the JSON Schema is tested against these lists).</summary>
    public static readonly string[] TopKeys = ["scenario", "confidence", "samples", "seed", "targets", "expansion"];

    public static readonly string[] TargetKeys = ["metric", "month", "at_least", "at_most"];

    public static readonly string[] ExpansionKeys =
        ["site", "new_site", "earliest", "step_it_mw", "max_it_mw_per_year", "supply", "ramp_months", "delay_months", "build_months", "accelerator",
         "grow_source", "step_mw", "max_mw"];

    /// <summary>The keys of an expansion that adds IT phases, which one that grows a source does not take.</summary>
    private static readonly string[] PhaseExpansionKeys = ["new_site", "earliest", "step_it_mw", "max_it_mw_per_year", "supply", "ramp_months", "delay_months", "build_months", "accelerator"];

    /// <summary>Fields of a <c>new_site</c>: a site of the scenario format without its phases, which the plan adds.</summary>
    public static readonly string[] NewSiteKeys = ["name", "location", "supply", .. ScenarioLoader.DefaultableKeys];

    /// <summary>Largest target threshold: above any run's FLOP (1e28 is a frontier target) yet far from overflow.</summary>
    public const double MaxThreshold = 1e40;

    /// <summary>Loads and validates a plan and its scenario; throws <see cref="ScenarioException"/> with every problem found.</summary>
    public static PlanFile Load(string path, IReadOnlyList<Accelerator> catalog)
    {
        string text;
        try
        {
            if (new FileInfo(path).Length > ScenarioLoader.MaxFileBytes)
                throw new ScenarioException([new Diagnostic(path, 1, 1, $"the file is larger than {ScenarioLoader.MaxFileBytes >> 20} MB; a plan file is a few lines")]);
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScenarioException([new Diagnostic(path, 1, 1, $"cannot read the file: {e.Message}")]);
        }
        catch (DecoderFallbackException)
        {
            throw new ScenarioException([new Diagnostic(path, 1, 1, "the file is not valid UTF-8 text; save it as UTF-8")]);
        }
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        var roots = new List<Node>();
        var syntax = YamlTree.Read(text, path, roots, out _);
        if (syntax.Count > 0) throw new ScenarioException(syntax);
        var documents = roots.Where(d => d is not ScalarNode { Value: null or "" }).ToList();
        if (documents.Count == 0)
            throw new ScenarioException([new Diagnostic(path, 1, 1, "the file is empty; a plan is a mapping with scenario, confidence, targets and expansion")]);
        if (documents.Count > 1)
            throw new ScenarioException([new Diagnostic(path, (int)documents[1].Start.Line, 1, "a second YAML document starts here (after '---'); put one plan in a file")]);

        var r = new NodeReader(path);
        var scenarioProblems = new List<Diagnostic>();
        var plan = Build(r, documents[0], path, catalog, scenarioProblems);
        var all = scenarioProblems.Concat(r.Diagnostics.OrderBy(d => d.Line).ThenBy(d => d.Column)).ToList();
        if (all.Count > 0 || plan is null) throw new ScenarioException(all.Count > 0 ? all : [new Diagnostic(path, 1, 1, "the plan could not be read")]);
        return plan;
    }

    private static PlanFile? Build(NodeReader r, Node root, string path, IReadOnlyList<Accelerator> catalog, List<Diagnostic> scenarioProblems)
    {
        var top = r.Mapping(root, "the plan", TopKeys);
        if (top is null) return null;

        string? scenarioPath = null, scenarioText = null;
        Scenario? scenario = null;
        if (top.Required("scenario") is { } scenarioNode && r.Text(scenarioNode, "scenario") is { } relative)
        {
            scenarioPath = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(path) ?? "", relative);
            if (!File.Exists(scenarioPath))
                r.Error(scenarioNode, $"scenario: no file '{relative}' (paths are relative to the plan file's folder)");
            else
            {
                try
                {
                    scenario = ScenarioLoader.Load(scenarioPath, catalog);
                    scenarioText = File.ReadAllText(scenarioPath, new UTF8Encoding(false));
                    if (scenarioText.Length > 0 && scenarioText[0] == '\uFEFF') scenarioText = scenarioText[1..];
                }
                catch (ScenarioException e)
                {
                    scenarioProblems.AddRange(e.Diagnostics);
                }
            }
        }

        double? confidence = null;
        if (top.Required("confidence") is { } confNode && r.Number(confNode, "confidence") is { } c)
        {
            if (c <= 0 || c > 1)
                r.Error(confNode, $"confidence is the share of samples that must meet every target, above 0 and at most 1; got {NodeReader.Format(c)}" +
                    // A percentage written as such (90 for 90%) gets the fraction it meant, as in scenario files.
                    (c >= 5 && c <= 100 ? $" (a fraction: {NodeReader.Format(c / 100)}, not {NodeReader.Format(c)})" : ""));
            else confidence = c;
        }
        int? samples = top.Optional("samples") is { } sNode ? (int?)r.Integer(sNode, "samples", 1, RunPlan.MaxSamples) : null;
        ulong? seed = top.Optional("seed") is { } seedNode && r.Integer(seedNode, "seed", 0, long.MaxValue) is { } sd ? (ulong)sd : null;

        var targets = top.Required("targets") is { } tNode ? ReadTargets(r, tNode, scenario) : [];
        var expansions = top.Required("expansion") is { } eNode ? ReadExpansions(r, eNode, scenario, targets) : [];

        if (r.Diagnostics.Count > 0 || scenarioProblems.Count > 0 || scenario is null || scenarioText is null || confidence is null) return null;
        return new PlanFile(path, scenarioPath!, scenarioText, scenario, confidence.Value, samples, seed, targets, expansions);
    }

    private static List<PlanTarget> ReadTargets(NodeReader r, Node node, Scenario? scenario)
    {
        var list = new List<PlanTarget>();
        var items = r.Sequence(node, "targets");
        if (items is null) return list;
        if (items.Count == 0) r.Error(node, "targets must list at least one target");
        for (int i = 0; i < items.Count; i++)
        {
            string what = $"target #{i + 1}";
            var f = r.Mapping(items[i], what, TargetKeys);
            if (f is null) continue;
            Metric? metric = null;
            if (f.Required("metric") is { } mNode && (metric = r.Metric(mNode, $"{what}: metric", $"{what}: ")) is { } known)
            {
                string name = known.Info().Name;
                if (known.NeedsResearchers() && scenario is { Researchers: null })
                    r.Error(mNode, $"{what}: {name} needs researchers, and the scenario lists none");
                else what = $"target {name}";
            }
            YearMonth? month = f.Required("month") is { } moNode ? r.Month(moNode, $"{what}: month") : null;
            if (month is { } m && scenario is not null && (m.Ordinal < scenario.Start.Ordinal || m.Ordinal > scenario.End.Ordinal))
            {
                r.Error(f.Optional("month")!, $"{what}: month {m} is outside the scenario's run ({scenario.Start} to {scenario.End})");
                month = null;
            }
            bool hasLeast = f.Has("at_least"), hasMost = f.Has("at_most");
            double? threshold = null;
            if (hasLeast && hasMost) r.Error(f.KeyNode("at_most")!, $"{what} gives both at_least and at_most; give exactly one");
            else if (!hasLeast && !hasMost) r.Error(f.Node, $"{what} needs its threshold: give exactly one of at_least and at_most");
            else threshold = r.Number(f.Optional(hasLeast ? "at_least" : "at_most")!, $"{what}: {(hasLeast ? "at_least" : "at_most")}", maxMagnitude: MaxThreshold);
            if (metric is null || month is null || threshold is null) continue;
            list.Add(new PlanTarget(metric.Value, month.Value, threshold.Value, hasLeast));
        }
        return list;
    }

    private static List<ExpansionSpec> ReadExpansions(NodeReader r, Node node, Scenario? scenario, List<PlanTarget> targets)
    {
        var list = new List<ExpansionSpec>();
        var items = r.Sequence(node, "expansion");
        if (items is null) return list;
        if (items.Count == 0) r.Error(node, "expansion must list at least one place capacity may be added");
        var used = new HashSet<string>();
        YearMonth? lastTarget = targets.Count > 0 ? targets.MaxBy(t => t.Month.Ordinal)!.Month : null;
        for (int i = 0; i < items.Count; i++)
        {
            string what = $"expansion #{i + 1}";
            var f = r.Mapping(items[i], what, ExpansionKeys);
            if (f is null) continue;
            string path = $"expansion[{i}]";
            Site? site = null;
            NewSiteTemplate? newSite = null;
            string? siteName = null;
            bool hasSite = f.Has("site"), hasNew = f.Has("new_site");
            if (hasSite && hasNew) r.Error(f.KeyNode("new_site")!, $"{what} gives both site and new_site; give exactly one");
            else if (!hasSite && !hasNew) r.Error(f.Node, $"{what} needs where to build: give site (a site of the scenario) or new_site");
            else if (hasSite && r.Text(f.Optional("site")!, $"{what}: site") is { } name)
            {
                siteName = name;
                what = $"expansion at {name}";
                if (scenario is not null)
                {
                    site = scenario.Sites.FirstOrDefault(s => s.Name == name);
                    if (site is null)
                    {
                        string? closest = Suggestions.Closest(name, scenario.Sites.Select(s => s.Name));
                        r.Error(f.Optional("site")!, $"{what}: the scenario has no site '{name}'" + (closest is null ? $"; its sites: {string.Join(", ", scenario.Sites.Select(s => s.Name))}" : $"; did you mean '{closest}'?"));
                        siteName = null;
                    }
                }
            }
            else if (hasNew)
            {
                newSite = ReadNewSite(r, f.Optional("new_site")!, $"{path}.new_site", scenario);
                siteName = newSite?.Name;
                if (siteName is not null) what = $"expansion at new site {siteName}";
            }
            if (f.Has("grow_source") || f.Has("step_mw") || f.Has("max_mw"))
            {
                if (ReadGrowth(r, f, what, siteName, site, scenario, used) is { } growth) list.Add(growth);
                continue;
            }
            if (siteName is not null && !used.Add(siteName))
            {
                r.Error(f.Optional(hasSite ? "site" : "new_site")!, $"{what}: {siteName} has an expansion already; give one entry a site");
                siteName = null;
            }

            YearMonth? earliest = f.Required("earliest") is { } eNode ? r.Month(eNode, $"{what}: earliest") : null;
            if (earliest is { } ear && scenario is not null && ear.Ordinal < scenario.Start.Ordinal)
            {
                r.Error(f.Optional("earliest")!, $"{what}: earliest ({ear}) is before the scenario's start ({scenario.Start})");
                earliest = null;
            }
            else if (earliest is { } late && lastTarget is { } lt && late.Ordinal > lt.Ordinal)
            {
                r.Error(f.Optional("earliest")!, $"{what}: earliest ({late}) is after the last target's month ({lt}), so nothing it adds could count");
                earliest = null;
            }
            var (step, maxPerYear) = StepAndMost(r, f, what, "step_it_mw", "max_it_mw_per_year");
            bool grow = true;
            if (f.Optional("supply") is { } supNode && r.Text(supNode, $"{what}: supply") is { } mode)
            {
                if (mode == "fixed") grow = false;
                else if (mode != "grow") r.Error(supNode, $"{what}: supply must be grow (add firm supply with each phase) or fixed, got '{mode}'");
            }
            var supplyOfSite = site?.Supply ?? newSite?.Supply;
            if (grow && supplyOfSite is not null && TemplateSource(supplyOfSite) is null)
                r.Error(f.Optional("supply") ?? f.Node, $"{what}: supply: grow copies the site's last firm supply source, and {siteName} has none (every source has firm_fraction 0); add one to the site, or write supply: fixed");
            Uncertain? Optional(string key) => f.Optional(key) is { } n ? r.Parameter(n, $"{path}.{key}", $"{what}: {key}", NumberRange.NonNegative) : null;
            var ramp = Optional("ramp_months");
            var delay = Optional("delay_months");
            var build = Optional("build_months");
            if (build is not null && site is not null && (!grow || site.Supply is null))
                r.Error(f.KeyNode("build_months")!, $"{what}: build_months is a field of the whole site in scenario files, so for a site of the scenario it sets only the build months of the supply added with each phase; {site.Name} adds none ({(site.Supply is null ? "it has an unlimited grid" : "supply: fixed")})");
            string? accelerator = null;
            if (f.Optional("accelerator") is { } accNode && r.Text(accNode, $"{what}: accelerator") is { } acc && acc != "latest")
            {
                if (scenario is null || scenario.Catalog.Any(a => a.Name == acc)) accelerator = acc;
                else
                {
                    string? closest = Suggestions.Closest(acc, scenario.Catalog.Select(a => a.Name));
                    r.Error(accNode, $"{what}: accelerator '{acc}' is not in the scenario's catalog" + (closest is null ? "" : $"; did you mean '{closest}'?"));
                }
            }
            if (siteName is null || earliest is null || step is null || maxPerYear is null) continue;
            list.Add(new ExpansionSpec(new PlanExpansion(siteName, newSite is not null, earliest.Value, step.Value, maxPerYear.Value), grow, ramp, delay, build, accelerator, newSite));
        }
        return list;
    }

    /// <summary>An expansion's step (greater than 0) and its most (at least one step), each null when missing or wrong.</summary>
    private static (double? Step, double? Most) StepAndMost(NodeReader r, Fields f, string what, string stepKey, string mostKey)
    {
        double? step = null, most = null;
        if (f.Required(stepKey) is { } stNode && r.Number(stNode, $"{what}: {stepKey}") is { } st)
        {
            if (st <= 0) r.Error(stNode, $"{what}: {stepKey} must be greater than 0, got {NodeReader.Format(st)}");
            else step = st;
        }
        if (f.Required(mostKey) is { } maxNode && r.Number(maxNode, $"{what}: {mostKey}") is { } mx)
        {
            if (step is { } s && mx < s) r.Error(maxNode, $"{what}: {mostKey} ({NodeReader.Format(mx)}) is less than one step ({NodeReader.Format(s)}), so nothing could be added");
            else if (mx <= 0) r.Error(maxNode, $"{what}: {mostKey} must be greater than 0, got {NodeReader.Format(mx)}");
            else most = mx;
        }
        return (step, most);
    }

    /// <summary>
    /// An expansion that grows a typed source of a site of the scenario (MODEL.md section 8, "Plan"):
    /// grow_source names it, step_mw and max_mw bound the MW added. Its mw must be a plain number,
    /// which the planned scenario raises in place.
    /// </summary>
    private static ExpansionSpec? ReadGrowth(NodeReader r, Fields f, string what, string? siteName, Site? site, Scenario? scenario, HashSet<string> used)
    {
        bool ok = true;
        void Error(Node node, string message)
        {
            r.Error(node, message);
            ok = false;
        }
        foreach (string key in PhaseExpansionKeys)
            if (f.KeyNode(key) is { } keyNode)
                Error(keyNode, key == "new_site"
                    ? $"{what}: grow_source grows a source of a site of the scenario; give site, not new_site"
                    : $"{what}: {key} is for an expansion that adds IT phases; one with grow_source takes site, grow_source, step_mw and max_mw");
        string? name = f.Required("grow_source") is { } gNode ? r.Text(gNode, $"{what}: grow_source") : null;
        SupplySource? source = null;
        if (name is not null && site is not null)
        {
            source = site.Supply?.FirstOrDefault(s => s.Name == name);
            if (source is null)
                Error(f.Optional("grow_source")!, $"{what}: {site.Name} has no supply source '{name}'" + (site.Supply is { Count: > 0 } list ? $"; its sources: {string.Join(", ", list.Select(s => s.Name))}" : " (it has an unlimited grid)"));
            else if (source.Type == SourceType.Untyped)
                Error(f.Optional("grow_source")!, $"{what}: grow_source grows a typed source (solar, wind, battery, gas or grid), and '{name}' has no type");
            else if (source.Mw.IsRandom)
                Error(f.Optional("grow_source")!, $"{what}: '{name}' has a distribution for mw; grow_source raises a plain number in place, so give it one");
        }
        var (step, max) = StepAndMost(r, f, what, "step_mw", "max_mw");
        if (siteName is not null && name is not null && !used.Add($"{siteName}/{name}"))
        {
            r.Error(f.Optional("grow_source")!, $"{what}: {name} at {siteName} has an expansion already; give it one entry");
            return null;
        }
        if (!ok || scenario is null || site is null || source is null || step is null || max is null) return null;
        // One cell: the year the source starts serving (the run's first for one that serves from before it or has a path).
        var earliest = source.From is { } from && from.Ordinal > scenario.Start.Ordinal ? from : scenario.Start;
        return new ExpansionSpec(new PlanExpansion(site.Name, false, earliest, step.Value, max.Value) { GrowSource = source.Name }, false, null, null, null, null, null);
    }

    private static NewSiteTemplate? ReadNewSite(NodeReader r, Node node, string path, Scenario? scenario)
    {
        var f = r.Mapping(node, "new_site", NewSiteKeys);
        if (f is null) return null;
        string? name = f.Required("name") is { } n ? r.Text(n, "new_site: name") : null;
        string owner = $"new site {name ?? "(unnamed)"}";
        if (name is not null && scenario is not null && scenario.Sites.Any(s => s.Name == name))
        {
            r.Error(f.Optional("name")!, $"new_site: the scenario already has a site '{name}'; use site: {name} to add to it, or pick another name");
            name = null;
        }
        if (name is not null && string.Equals(name, "total", StringComparison.OrdinalIgnoreCase))
        {
            r.Error(f.Optional("name")!, $"new_site: a site may not be called '{name}' (total is the name of the all-sites scope)");
            name = null;
        }
        var fields = new List<(string, string)>();
        if (f.Optional("location") is { } loc && r.Text(loc, $"{owner}: location", allowEmpty: true) is { } location)
            fields.Add(("location", YamlText.Text(location)));
        Uncertain buildMonths = Uncertain.Fixed(ModelDefaults.BuildMonths).WithRange(NumberRange.NonNegative);
        foreach (string key in ScenarioLoader.DefaultableKeys)
        {
            if (f.Optional(key) is not { } v) continue;
            switch (DefaultsSection.ReadField(r, key, v, path, owner))
            {
                case string text: fields.Add((key, YamlText.Text(text))); break;
                case double[] monthly: fields.Add((key, "[" + string.Join(", ", monthly.Select(YamlText.Number)) + "]")); break;
                case Uncertain u:
                    fields.Add((key, YamlText.Uncertain(u)));
                    if (key == "build_months") buildMonths = u;
                    break;
            }
        }
        var supply = f.Optional("supply") is { } sup ? SupplySection.Read(r, sup, path, owner, buildMonths, new LeadTimeCatalog(Catalog.BuiltInLeadTimes.Load()), SupplySection.SiteContext.Defaults) : null;
        // A new site is written back from its records, which keep version 2's source fields only.
        if (f.KeyNode("weather") is { } weatherKey)
            r.Error(weatherKey, $"{owner}: weather is not taken by a new site yet (it has no typed sources); set it in the scenario's defaults");
        if (supply?.FirstOrDefault(s => s.Type != SourceType.Untyped) is { } typed)
            r.Error(f.Optional("supply")!, $"{owner}: '{typed.Name}' is a {typed.Type.ToString().ToLowerInvariant()} source; a new site takes untyped sources only for now: add the site to the scenario and grow it with site: and grow_source");
        return name is null ? null : new NewSiteTemplate(name, fields, supply);
    }

    /// <summary>The source added supply copies its terms from: the last one listed whose nominal firm fraction is above 0.</summary>
    public static SupplySource? TemplateSource(IReadOnlyList<SupplySource> supply) => supply.LastOrDefault(s => s.FirmFraction.Nominal > 0);
}
