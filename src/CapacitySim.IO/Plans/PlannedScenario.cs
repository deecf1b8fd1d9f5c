using System.Text;
using CapacitySim.Core.Engine;
using CapacitySim.Core.Model;
using CapacitySim.Core.Planning;
using CapacitySim.IO.Scenarios;

namespace CapacitySim.IO.Plans;

/// <summary>
/// A plan's scenario with the phases of an <see cref="Allocation"/> written into it: the original
/// text, comments and all, with each added phase and supply source appended to its site's list
/// (new sites at the end of <c>sites</c>) and marked "# planned", and the scenario renamed
/// "&lt;name&gt;-planned". Every number written before stays at its place in the file, so it keeps
/// its draws (the sampler keys a number by its place): candidates differ only by what was added.
/// </summary>
public sealed class PlannedScenario
{
    /// <summary>The comment every added line carries.</summary>
    public const string Mark = "# planned by capsim plan";

    private readonly PlanFile _plan;
    private readonly IReadOnlyList<Accelerator> _catalog;
    private readonly string _newline;
    private readonly MappingNode _root;
    private readonly SequenceNode _sites;
    private readonly Dictionary<string, MappingNode> _siteNodes = [];
    private readonly Dictionary<string, Site> _newSiteRecords = [];

    public PlannedScenario(PlanFile plan, IReadOnlyList<Accelerator> catalog)
    {
        _plan = plan;
        _catalog = catalog;
        _newline = plan.ScenarioText.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var roots = new List<Node>();
        if (YamlTree.Read(plan.ScenarioText, plan.ScenarioPath, roots, out _).Count > 0) throw new InvalidDataException($"{plan.ScenarioPath} no longer parses");
        _root = (MappingNode)roots.First(d => d is MappingNode);
        _sites = (SequenceNode)Child(_root, "sites")!;
        foreach (var site in _sites.Children.OfType<MappingNode>())
            if (Child(site, "name") is ScalarNode { Value: { } name }) _siteNodes[name] = site;
        // A new site's design PUE and supply terms come from the scenario as a whole (defaults
        // included): read them from a scenario with one phase at each new site.
        if (plan.Expansions.Any(e => e.NewSite is { Supply: not null } && e.GrowSupply))
        {
            var probe = new Allocation(plan.Expansions.Count, plan.Problem.FirstYear, plan.Problem.Years);
            for (int e = 0; e < plan.Expansions.Count; e++)
                if (plan.Expansions[e].NewSite is not null)
                    probe = probe.With(e, plan.Expansions[e].Limits.Earliest.Year - probe.FirstYear, 1);
            var scenario = ScenarioLoader.Parse(Encoding.UTF8.GetBytes(Write(probe, sizeSupply: false)), plan.ScenarioPath, catalog);
            foreach (var site in scenario.Sites) _newSiteRecords[site.Name] = site;
        }
    }

    /// <summary>The planned scenario's name: the original's with "-planned".</summary>
    public string Name => _plan.Scenario.Name + "-planned";

    /// <summary>The scenario file of the allocation, as <c>capsim run</c> reads it.</summary>
    public string Text(Allocation alloc) => Write(alloc, sizeSupply: true);

    /// <summary>The scenario of the allocation, loaded from <see cref="Text"/> exactly as <c>capsim run</c> would load the written file.</summary>
    public Scenario Load(Allocation alloc) => ScenarioLoader.Parse(Encoding.UTF8.GetBytes(Text(alloc)), Name + ".yaml", _catalog);

    /// <summary>The name of the <paramref name="k"/>-th (from 1) phase added by expansion <paramref name="e"/> in <paramref name="year"/>.</summary>
    public string PhaseName(int e, int year, int k) => $"{_plan.Expansions[e].Limits.Site}-plan-{year}-{k}";

    private string Write(Allocation alloc, bool sizeSupply)
    {
        string text = _plan.ScenarioText;
        var edits = new List<(int Index, string Text)>();
        // Text replaced in place: the scenario's name, and the mw of each source a plan grows.
        var replaced = new List<(int Start, int End, string Text)>();
        var nameNode = _root.Children.First(kv => kv.Key is ScalarNode { Value: "name" });
        bool grows = _plan.Expansions.Any(e => e.Limits.GrowSource is not null);
        edits.Add((LineStart(text, Index(nameNode.Key.Start)), $"# Planned by capsim plan: the phases and supply marked '{Mark}' were added{(grows ? ", and the mw of the sources the plan grows raised," : "")} to meet the plan's targets.{_newline}"));
        replaced.Add((Index(nameNode.Value.Start), Index(nameNode.Value.End), Name));
        var newSites = new List<string>();
        for (int e = 0; e < _plan.Expansions.Count; e++)
        {
            var spec = _plan.Expansions[e];
            if (spec.Limits.GrowSource is { } grown)
            {
                if (alloc.StepsOf(e) > 0) replaced.Add(GrownMw(spec, grown, alloc.StepsOf(e)));
                continue;
            }
            var phases = new List<string>();
            var supply = new List<string>();
            for (int y = 0; y < alloc.Years; y++)
            {
                int year = alloc.FirstYear + y;
                for (int k = 1; k <= alloc[e, y]; k++)
                {
                    string name = PhaseName(e, year, k);
                    var online = spec.Limits.OnlineIn(year);
                    phases.Add(PhaseText(spec, name, online));
                    if (spec.GrowSupply && sizeSupply && SupplyText(spec, name, online) is { } source) supply.Add(source);
                }
            }
            if (phases.Count == 0) continue;
            if (spec.NewSite is { } template) newSites.Add(NewSiteText(template, phases, supply));
            else
            {
                var site = _siteNodes[spec.Limits.Site];
                AppendItems(text, edits, (SequenceNode)Child(site, "phases")!, phases);
                if (supply.Count > 0 && Child(site, "supply") is SequenceNode sources) AppendItems(text, edits, sources, supply);
            }
        }
        if (newSites.Count > 0) AppendItems(text, edits, _sites, newSites, block: true);
        var builder = new StringBuilder(text);
        // From the end of the text back, so each edit's index still holds; an insertion and a
        // replacement never share a place.
        var all = edits.Select(x => (Start: x.Index, End: x.Index, x.Text)).Concat(replaced);
        foreach (var (start, end, insert) in all.Select((edit, order) => (edit, order)).OrderByDescending(x => x.edit.Start).ThenByDescending(x => x.order).Select(x => x.edit))
        {
            builder.Remove(start, end - start);
            builder.Insert(start, insert);
        }
        return builder.ToString();
    }

    /// <summary>The place of a grown source's mw in the text and its new value: the plain number written plus the steps' MW.</summary>
    private (int Start, int End, string Text) GrownMw(ExpansionSpec spec, string source, int steps)
    {
        var sources = (SequenceNode)Child(_siteNodes[spec.Limits.Site], "supply")!;
        var node = sources.Children.OfType<MappingNode>().First(m => Child(m, "name") is ScalarNode { Value: var n } && n == source);
        var mw = (ScalarNode)Child(node, "mw")!;
        double written = _plan.Scenario.Sites.First(s => s.Name == spec.Limits.Site).Supply!.First(s => s.Name == source).Mw.Nominal;
        return (Index(mw.Start), Index(mw.End), YamlText.Number(written + steps * spec.Limits.StepItMw));
    }

    private string PhaseText(ExpansionSpec spec, string name, YearMonth online)
    {
        // The template: the site's last phase, or the model's defaults at a new site; the plan's overrides win.
        var last = spec.NewSite is null ? _plan.Scenario.Sites.First(s => s.Name == spec.Limits.Site).Phases[^1] : null;
        var delay = spec.DelayMonths ?? last?.DelayMonths ?? Uncertain.Fixed(ModelDefaults.DelayMonths);
        var ramp = spec.RampMonths ?? last?.RampMonths ?? Uncertain.Fixed(ModelDefaults.RampMonths);
        string shape = (last?.Ramp ?? RampShape.SCurve) == RampShape.Linear ? "linear" : "s-curve";
        string accelerator = spec.Accelerator ?? last?.Accelerator ?? "latest";
        return YamlText.Mapping([
            ("name", YamlText.Text(name)), ("online", online.ToString()), ("it_mw", YamlText.Number(spec.Limits.StepItMw)),
            ("delay_months", YamlText.Uncertain(delay)), ("ramp_months", YamlText.Uncertain(ramp)), ("ramp", shape), ("accelerator", YamlText.Text(accelerator)),
        ]);
    }

    /// <summary>
    /// Firm supply for one added phase: the terms of the site's last firm source, sized so the
    /// phase is powered at the 99th percentile of the site's design PUE and the 1st of the firm
    /// fraction; null at a site on an unlimited grid, which needs none.
    /// </summary>
    private string? SupplyText(ExpansionSpec spec, string phase, YearMonth online)
    {
        var site = SiteOf(spec);
        if (site?.Supply is null || PlanLoader.TemplateSource(site.Supply) is not { } template) return null;
        double firm = Math.Max(1e-6, Sampler.Quantile(template.FirmFraction, 0.01));
        double mw = Math.Ceiling(spec.Limits.StepItMw * Sampler.Quantile(site.DesignPue, 0.99) / firm - 1e-9);
        var fields = new List<(string, string)>
        {
            ("name", YamlText.Text($"{phase} supply")), ("mw", YamlText.Number(mw)), ("from", online.ToString()),
            ("price_usd_per_mwh", YamlText.Uncertain(template.PriceUsdPerMwh)), ("gco2_per_kwh", YamlText.Uncertain(template.GCo2PerKwh)),
            ("firm_fraction", YamlText.Uncertain(template.FirmFraction)), ("capacity_factor", YamlText.Uncertain(template.CapacityFactor)),
            ("capex_usd_per_mw", YamlText.Uncertain(template.CapexUsdPerMw)),
        };
        if (spec.BuildMonths is not null || !ReferenceEquals(template.BuildMonths, site.BuildMonths))
            fields.Add(("build_months", YamlText.Uncertain(spec.BuildMonths ?? template.BuildMonths)));
        return YamlText.Mapping(fields);
    }

    private Site? SiteOf(ExpansionSpec spec) =>
        spec.NewSite is null ? _plan.Scenario.Sites.First(s => s.Name == spec.Limits.Site) : _newSiteRecords.GetValueOrDefault(spec.Limits.Site);

    /// <summary>The source whose terms <c>supply: grow</c> copies for each phase of an expansion; null when it adds none (supply: fixed, or an unlimited grid).</summary>
    public SupplySource? GrownSource(ExpansionSpec spec) =>
        spec.GrowSupply && SiteOf(spec)?.Supply is { } supply ? PlanLoader.TemplateSource(supply) : null;

    private string NewSiteText(NewSiteTemplate template, List<string> phases, List<string> addedSupply)
    {
        var fields = new List<(string Key, string Value)> { ("name", YamlText.Text(template.Name)) };
        fields.AddRange(template.Fields.Where(f => f.Key != "build_months"));
        var spec = _plan.Expansions.First(e => e.NewSite == template);
        if (spec.BuildMonths is not null) fields.Add(("build_months", YamlText.Uncertain(spec.BuildMonths)));
        else if (template.Fields.FirstOrDefault(f => f.Key == "build_months") is { Key: not null } given) fields.Add(given);
        if (template.Supply is not null)
            fields.Add(("supply", "[" + string.Join(", ", template.Supply.Select(SourceText).Concat(addedSupply)) + "]"));
        fields.Add(("phases", "[" + string.Join(", ", phases) + "]"));
        return YamlText.Mapping(fields);
    }

    /// <summary>A path to power written back as YAML: lead stages by name, the others with their numbers.</summary>
    private static string PathText(PowerPath path)
    {
        static string Stages(IReadOnlyList<PathStage> stages) => "[" + string.Join(", ", stages.Select(stage => stage switch
        {
            DurationStage { Lead: { } lead } d => YamlText.Mapping([("name", YamlText.Text(d.Name)), ("lead", YamlText.Text(lead))]),
            DurationStage d => YamlText.Mapping([("name", YamlText.Text(d.Name)), (d.InWeeks ? "weeks" : "months", YamlText.Uncertain(d.Duration))]),
            ParallelStage p => YamlText.Mapping([("parallel", "[" + string.Join(", ", p.Branches.Select(Stages)) + "]")]),
            _ => throw new InvalidOperationException($"unknown stage {stage}"),
        })) + "]";
        var fields = new List<(string, string)> { ("start", path.Start.ToString()) };
        if (path.Announced is { } announced) fields.Add(("announced", announced.ToString()));
        fields.Add(("stages", Stages(path.Stages)));
        return YamlText.Mapping(fields);
    }

    private static string SourceText(SupplySource s)
    {
        var fields = new List<(string, string)> { ("name", YamlText.Text(s.Name)), ("mw", YamlText.Uncertain(s.Mw)) };
        if (s.From is { } from) fields.Add(("from", from.ToString()));
        if (s.Path is { } path) fields.Add(("path", PathText(path)));
        if (s.Until is { } until) fields.Add(("until", until.ToString()));
        fields.Add(("price_usd_per_mwh", YamlText.Uncertain(s.PriceUsdPerMwh)));
        fields.Add(("gco2_per_kwh", YamlText.Uncertain(s.GCo2PerKwh)));
        fields.Add(("firm_fraction", YamlText.Uncertain(s.FirmFraction)));
        fields.Add(("capacity_factor", YamlText.Uncertain(s.CapacityFactor)));
        fields.Add(("capex_usd_per_mw", YamlText.Uncertain(s.CapexUsdPerMw)));
        return YamlText.Mapping(fields);
    }

    /// <summary>
    /// Appends items to a list: in a block list, one line each ("- item  # planned") after the last
    /// item's line, at its indentation; in a flow list, before its closing bracket. A new site in a
    /// block list is written as a block mapping so it reads like the sites above it.
    /// </summary>
    private void AppendItems(string text, List<(int, string)> edits, SequenceNode list, List<string> items, bool block = false)
    {
        int end = Index(list.End);
        if (end > 0 && text[end - 1] == ']')
        {
            int close = end - 1;
            edits.Add((close, (list.Children.Count > 0 ? ", " : "") + string.Join(", ", items)));
            return;
        }
        var last = list.Children[^1];
        int dash = Index(last.Start) - 1;
        while (dash > 0 && text[dash] == ' ') dash--;
        int lineStart = LineStart(text, dash);
        string indent = new(' ', Math.Max(0, dash - lineStart));
        int after = text.IndexOf('\n', Index(last.End));
        var sb = new StringBuilder();
        int at;
        if (after < 0)
        {
            at = text.Length;
            sb.Append(_newline);
        }
        else at = after + 1;
        foreach (string item in items)
        {
            if (block) sb.Append(BlockSite(item, indent));
            else sb.Append(indent).Append("- ").Append(item).Append("  ").Append(Mark).Append(_newline);
        }
        edits.Add((at, sb.ToString()));
    }

    /// <summary>A new site's flow mapping laid out as a block list item: one field a line, its lists in flow style.</summary>
    private string BlockSite(string flowSite, string indent)
    {
        // The flow mapping's top-level entries, split at commas outside brackets and braces.
        var entries = SplitFlowList(flowSite[1..^1]).ToList();
        var sb = new StringBuilder();
        sb.Append(_newline).Append(indent).Append("- ").Append(entries[0]).Append("  ").Append(Mark).Append(" (a new site)").Append(_newline);
        foreach (string entry in entries.Skip(1))
        {
            if (entry.StartsWith("phases: [", StringComparison.Ordinal) || entry.StartsWith("supply: [", StringComparison.Ordinal))
            {
                string key = entry[..entry.IndexOf(':')];
                sb.Append(indent).Append("  ").Append(key).Append(':').Append(_newline);
                foreach (string item in SplitFlowList(entry[(key.Length + 3)..^1]))
                    sb.Append(indent).Append("    - ").Append(item).Append(_newline);
            }
            else sb.Append(indent).Append("  ").Append(entry).Append(_newline);
        }
        return sb.ToString();
    }

    private static IEnumerable<string> SplitFlowList(string inner)
    {
        int depth = 0, start = 0;
        bool quoted = false;
        for (int i = 0; i < inner.Length; i++)
        {
            char c = inner[i];
            if (c == '"' && (i == 0 || inner[i - 1] != '\\')) quoted = !quoted;
            if (quoted) continue;
            if (c is '[' or '{') depth++;
            else if (c is ']' or '}') depth--;
            else if (c == ',' && depth == 0)
            {
                yield return inner[start..i].Trim();
                start = i + 1;
            }
        }
        if (inner[start..].Trim() is { Length: > 0 } rest) yield return rest;
    }

    private static int Index(YamlDotNet.Core.Mark mark) => (int)mark.Index;

    private static int LineStart(string text, int index)
    {
        int i = Math.Min(index, text.Length);
        while (i > 0 && text[i - 1] != '\n') i--;
        return i;
    }

    private static Node? Child(MappingNode map, string key) =>
        map.Children.FirstOrDefault(kv => kv.Key is ScalarNode { Value: var k } && k == key).Value;
}
