using System.Text;
using System.Text.RegularExpressions;
using CapacitySim.Core.Model;
using CapacitySim.IO.Scenarios.Sections;
using YamlDotNet.Core;

namespace CapacitySim.IO.Scenarios;

/// <summary>
/// Loads a scenario file (docs/model.md section 3): strict UTF-8, a tree of YAML nodes read in one
/// pass (<see cref="YamlTree"/>), every field mapped by hand so each problem is reported with its
/// line and column, all at once.
/// </summary>
public static partial class ScenarioLoader
{
    /// <summary>Longest run accepted: 100 years of months.</summary>
    public const int MaxMonths = 1200;

    /// <summary>Largest scenario file read: a fleet of ten thousand sites fits several times over.</summary>
    public const long MaxFileBytes = 16L << 20;

    /// <summary>Problems listed for one file; the rest are counted in a last line.</summary>
    public const int MaxReported = 200;


    /// <summary>Keys of the top-level mapping (the JSON Schema is tested against these lists).</summary>
    public static readonly string[] TopKeys =
        ["name", "description", "scope", "start", "end", "samples", "seed", "percentiles", "research_share", "training", "roadmap", "accelerators", "lead_times", "defaults", "researchers", "clusters", "dispatch", "sites"];

    /// <summary>Keys of the <c>dispatch</c> block: how the hours of a month are simulated (MODEL.md section 8).</summary>
    public static readonly string[] DispatchKeys = ["days_per_month"];

    /// <summary>Keys of a site's or the defaults' <c>weather</c> block, and of each of its types.</summary>
    public static readonly string[] WeatherKeys = ["solar", "wind"];
    public static readonly string[] WeatherTypeKeys = ["year_cv", "day_cv", "day_correlation"];

    /// <summary>Keys of the <c>training</c> block: the largest training run.</summary>
    public static readonly string[] TrainingKeys = ["days", "accelerator_mtbf_hours", "checkpoint_minutes", "restart_minutes"];

    /// <summary>Site fields that may also stand in <c>defaults</c>.</summary>
    public static readonly string[] DefaultableKeys =
        ["region", "pue", "pue_monthly", "design_pue", "load_factor", "mfu", "lifetime_years", "capex_usd_per_it_mw", "build_months", "training_share", "wue_l_per_kwh", "grid_price_usd_per_mwh", "grid_gco2_per_kwh",
         "embodied_tco2_per_it_mw", "facility_life_years", "supply_life_years", "hardware_book_years", "wacc", "om_facility_share", "om_hardware_share",
         "grid_cfe_share", "weather"];

    /// <summary>Fields that may be a list of {month, value} points (MODEL.md section 10, "Trajectories").</summary>
    public static readonly string[] TrajectoryKeys = ["grid_price_usd_per_mwh", "grid_gco2_per_kwh", "price_usd_per_mwh", "gco2_per_kwh",
        "grid_cfe_share", "cfe_share", "fuel_usd_per_mmbtu"];

    public static readonly string[] SiteKeys = ["name", "location", "latitude", "supply", "phases", .. DefaultableKeys];
    public static readonly string[] PhaseKeys = ["name", "online", "path", "delay_months", "facility_mw", "it_mw", "ramp_months", "ramp", "accelerator"];
    public static readonly string[] SupplyKeys = ["name", "mw", "from", "path", "until", "price_usd_per_mwh", "gco2_per_kwh", "firm_fraction", "capacity_factor", "capex_usd_per_mw", "build_months", "embodied_tco2_per_mw",
        "type", "hours", "round_trip_efficiency", "units", "forced_outage_rate", "heat_rate_mmbtu_per_mwh", "fuel_usd_per_mmbtu", "cfe_share"];
    public static readonly string[] PathKeys = ["start", "announced", "stages"];
    public static readonly string[] StageKeys = ["name", "months", "weeks", "lead", "parallel"];
    public static readonly string[] LeadTimeKeys = ["name", "months", "weeks", "source", "year"];
    public static readonly string[] ResearcherKeys = ["month", "count"];
    public static readonly string[] ClusterKeys = ["name", "sites"];
    public static readonly string[] AcceleratorKeys = ["name", "available", "slip_months", "peak_flops", "tdp_w", "allin_w", "unit_cost_usd", "embodied_kgco2e", "source"];

    /// <summary>Top-level keys of model version 1 that moved, refused with where they went (and the file's own number, if it gave one).</summary>
    private static readonly Dictionary<string, Func<Node, string>> MovedTopKeys = new()
    {
        ["training_days"] = value =>
            $"training_days moved into the training block in model version 2: write `training: {{days: {NumberText(value) ?? NodeReader.Format(ModelDefaults.TrainingDays)}}}`",
    };

    /// <summary>The text of a plain scalar that reads as a number, else null.</summary>
    private static string? NumberText(Node node) =>
        node is ScalarNode { Style: ScalarStyle.Plain, Value: { } text } && double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)
            ? text.Trim()
            : null;

    /// <summary>Loads and validates a file; throws <see cref="ScenarioException"/> with every problem found.</summary>
    public static Scenario Load(string path, IReadOnlyList<Accelerator> catalog)
    {
        byte[] bytes;
        try
        {
            long length = new FileInfo(path).Length;
            if (length > MaxFileBytes) throw new ScenarioException([TooLarge(path, length)]);
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScenarioException([new Diagnostic(path, 1, 1, $"cannot read the file: {e.Message}")]);
        }
        return Parse(bytes, path, catalog);
    }

    /// <summary>Parses a scenario from bytes; <paramref name="displayPath"/> names the file in messages.</summary>
    public static Scenario Parse(byte[] bytes, string displayPath, IReadOnlyList<Accelerator> catalog) =>
        Build(ReadTree(bytes, displayPath), catalog, new NodeReader(displayPath));

    /// <summary>The lead-time catalog files are read with when none is given: the built-in one.</summary>
    private static IReadOnlyList<LeadTime> DefaultLeadTimes => Catalog.BuiltInLeadTimes.Load();

    /// <summary>A scenario file read as far as its tree of nodes: its text, its one document and its comments.</summary>
    internal sealed record Tree(string Path, string Text, Node Root, SourceComments.Found Comments);

    /// <summary>Reads the file's bytes into its tree; throws <see cref="ScenarioException"/> for text that is not one YAML document.</summary>
    internal static Tree ReadTree(byte[] bytes, string displayPath)
    {
        if (bytes.Length > MaxFileBytes) throw new ScenarioException([TooLarge(displayPath, bytes.Length)]);
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            var (line, column) = LineColumnOfByte(bytes, e.Index);
            throw new ScenarioException([new Diagnostic(displayPath, line, column, "the file is not valid UTF-8 text; save it as UTF-8")]);
        }
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];

        var roots = new List<Node>();
        var syntax = YamlTree.Read(text, displayPath, roots, out var comments);
        if (syntax.Count > 0) throw new ScenarioException(syntax);
        // A trailing '---' or comment-only document is harmless; a second document is not.
        var documents = roots.Where(d => d is not ScalarNode { Value: null or "" }).ToList();
        if (documents.Count == 0)
            throw new ScenarioException([new Diagnostic(displayPath, 1, 1, "the file is empty; a scenario is a mapping with name, start, end, roadmap and sites")]);
        if (documents.Count > 1)
            throw new ScenarioException([new Diagnostic(displayPath, (int)documents[1].Start.Line, 1, $"a second YAML document starts here (after '---'); put one scenario in a file")]);
        return new Tree(displayPath, text, documents[0], comments);
    }

    /// <summary>
    /// Maps a tree to a validated scenario with <paramref name="reader"/> (which names the file of
    /// each problem); throws <see cref="ScenarioException"/> with every problem, sorted by position.
    /// </summary>
    internal static Scenario Build(Tree tree, IReadOnlyList<Accelerator> catalog, NodeReader reader)
    {
        var scenario = Build(reader, tree.Root, catalog);
        if (reader.Diagnostics.Count > 0 || scenario is null)
        {
            var sorted = reader.Diagnostics.OrderBy(d => d.Line).ThenBy(d => d.Column).ToList();
            int more = sorted.Count - MaxReported + reader.Dropped;
            if (more <= 0) throw new ScenarioException(sorted);
            var next = sorted[MaxReported];
            throw new ScenarioException([.. sorted.Take(MaxReported), next with { Message = $"... and {more} more problems from here on; fix these first" }]);
        }
        return scenario with { Parameters = SourceComments.Attach(tree.Text, tree.Comments, reader.Parameters) };
    }

    private static Diagnostic TooLarge(string path, long length) => new(path, 1, 1,
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the file is {length / 1048576.0:0.0} MB; scenario files are limited to {MaxFileBytes >> 20} MB"));

    private static (int Line, int Column) LineColumnOfByte(byte[] bytes, int index)
    {
        int line = 1, column = 1;
        for (int i = 0; i < Math.Min(index, bytes.Length); i++)
        {
            if (bytes[i] == '\n') { line++; column = 1; }
            else if ((bytes[i] & 0xC0) != 0x80) column++;
        }
        return (line, column);
    }

    [GeneratedRegex("^[a-z0-9-]+$")]
    private static partial Regex NamePattern();

    /// <summary>True for a name of lower-case letters, digits and '-': what names an output folder.</summary>
    public static bool IsValidName(string name) => NamePattern().IsMatch(name);

    /// <summary>
    /// Maps the document to a <see cref="Scenario"/>, section by section in file-format order (each
    /// in Sections/); null when anything was reported.
    /// </summary>
    private static Scenario? Build(NodeReader r, Node root, IReadOnlyList<Accelerator> builtIn)
    {
        var top = r.Mapping(root, "the scenario", TopKeys, MovedTopKeys);
        if (top is null) return null;
        var header = HeaderSection.Read(r, top);
        var catalog = new AcceleratorCatalog(builtIn);
        if (top.Optional("accelerators") is { } accNode) AcceleratorSection.Read(r, accNode, catalog);
        var leadTimes = new LeadTimeCatalog(DefaultLeadTimes);
        if (top.Optional("lead_times") is { } leadNode) LeadTimeSection.Read(r, leadNode, leadTimes);
        var roadmap = top.Required("roadmap") is { } rm ? AcceleratorSection.ReadRoadmap(r, rm, catalog) : [];
        var defaults = top.Optional("defaults") is { } defNode ? DefaultsSection.Read(r, defNode) : [];
        var sites = top.Required("sites") is { } sitesNode ? SiteSection.Read(r, sitesNode, defaults, catalog, leadTimes) : [];
        var researchers = top.Optional("researchers") is { } resNode ? ResearcherSection.Read(r, resNode) : null;
        var clusters = top.Optional("clusters") is { } clNode ? ClusterSection.Read(r, clNode, sites) : [];
        int daysPerMonth = ModelDefaults.DaysPerMonth;
        if (top.Optional("dispatch") is { } dispatchNode && r.Mapping(dispatchNode, "dispatch", DispatchKeys) is { } dispatch
            && dispatch.Optional("days_per_month") is { } daysNode && r.Integer(daysNode, "dispatch: days_per_month", 1, 31) is { } days)
            daysPerMonth = (int)days;

        if (header is not null)
            foreach (var (node, start, what) in r.PathStarts)
                if (start.Ordinal > header.End.Ordinal)
                    r.Error(node, $"{what}: path start {start} is after the run's end ({header.End}); nothing on it can energize in the run");
        if (header is null || r.Diagnostics.Count > 0) return null;
        return new Scenario(header.Name, header.Description, header.Start, header.End, header.Samples, header.Seed, header.Percentiles,
            header.ResearchShare, header.Training, catalog.Entries, roadmap, researchers, clusters, sites) { Scope = header.Scope, LeadTimes = leadTimes.Entries, DaysPerMonth = daysPerMonth };
    }
}
