using System.Text;
using System.Text.RegularExpressions;
using CapacitySim.Core.Model;
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

    /// <summary>Most Monte Carlo samples accepted.</summary>
    public const int MaxSamples = 1_000_000;

    /// <summary>
    /// Most of a divisor's distribution (peak_flops, allin_w) that may lie at or below 0: such draws
    /// are clamped to 1e-9 and turn into absurd accelerator counts or FLOP/s.
    /// </summary>
    public const double MaxMassAtOrBelowZero = 0.001;

    /// <summary>Keys of the top-level mapping (the JSON Schema is tested against these lists).</summary>
    public static readonly string[] TopKeys =
        ["name", "description", "start", "end", "samples", "seed", "percentiles", "research_share", "training", "roadmap", "accelerators", "defaults", "researchers", "clusters", "sites"];

    /// <summary>Keys of the <c>training</c> block: the largest training run.</summary>
    public static readonly string[] TrainingKeys = ["days", "accelerator_mtbf_hours", "checkpoint_minutes", "restart_minutes"];

    /// <summary>Site fields that may also stand in <c>defaults</c>.</summary>
    public static readonly string[] DefaultableKeys =
        ["region", "pue", "pue_monthly", "design_pue", "load_factor", "mfu", "lifetime_years", "capex_usd_per_it_mw", "build_months", "training_share", "wue_l_per_kwh", "grid_price_usd_per_mwh", "grid_gco2_per_kwh"];

    public static readonly string[] SiteKeys = ["name", "location", "supply", "phases", .. DefaultableKeys];
    public static readonly string[] PhaseKeys = ["name", "online", "delay_months", "facility_mw", "it_mw", "ramp_months", "ramp", "accelerator"];
    public static readonly string[] SupplyKeys = ["name", "mw", "from", "until", "price_usd_per_mwh", "gco2_per_kwh", "firm_fraction", "capacity_factor", "capex_usd_per_mw", "build_months"];
    public static readonly string[] ResearcherKeys = ["month", "count"];
    public static readonly string[] ClusterKeys = ["name", "sites"];
    public static readonly string[] AcceleratorKeys = ["name", "available", "slip_months", "peak_flops", "tdp_w", "allin_w", "unit_cost_usd", "source"];

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

    /// <summary>Site fields that each site gives itself: refused in <c>defaults</c>.</summary>
    private static readonly Dictionary<string, Func<Node, string>> SiteOnlyKeys =
        new[] { "name", "location", "supply", "phases" }.ToDictionary(key => key, key => (Func<Node, string>)(_ => $"{key} cannot be set in defaults; give it in each site"));

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
    public static Scenario Parse(byte[] bytes, string displayPath, IReadOnlyList<Accelerator> catalog)
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
        // A trailing '---' or comment-only document is harmless; a second scenario is not.
        var documents = roots.Where(d => d is not ScalarNode { Value: null or "" }).ToList();
        if (documents.Count == 0)
            throw new ScenarioException([new Diagnostic(displayPath, 1, 1, "the file is empty; a scenario is a mapping with name, start, end, roadmap and sites")]);
        if (documents.Count > 1)
            throw new ScenarioException([new Diagnostic(displayPath, (int)documents[1].Start.Line, 1, $"a second YAML document starts here (after '---'); put one scenario in a file")]);

        var reader = new NodeReader(displayPath);
        var scenario = new Builder(reader, catalog).Build(documents[0]);
        if (reader.Diagnostics.Count > 0 || scenario is null)
        {
            var sorted = reader.Diagnostics.OrderBy(d => d.Line).ThenBy(d => d.Column).ToList();
            int more = sorted.Count - MaxReported + reader.Dropped;
            if (more <= 0) throw new ScenarioException(sorted);
            var next = sorted[MaxReported];
            throw new ScenarioException([.. sorted.Take(MaxReported), next with { Message = $"... and {more} more problems from here on; fix these first" }]);
        }
        return scenario with { Parameters = SourceComments.Attach(text, comments, reader.Parameters) };
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

    /// <summary>Maps the document to a <see cref="Scenario"/>, one field at a time.</summary>
    private sealed class Builder(NodeReader r, IReadOnlyList<Accelerator> builtIn)
    {
        private readonly List<Accelerator> _catalog = [.. builtIn];

        /// <summary>Accelerators the file defines with errors: already reported, so references to them are not.</summary>
        private readonly HashSet<string> _broken = [];
        private readonly Dictionary<string, object> _defaults = [];

        public Scenario? Build(Node root)
        {
            var top = r.Mapping(root, "the scenario", TopKeys, MovedTopKeys);
            if (top is null) return null;

            string? name = top.Required("name") is { } nameNode ? r.Text(nameNode, "name") : null;
            if (name is not null && !NamePattern().IsMatch(name))
            {
                r.Error(top.Optional("name")!, $"name '{name}' must use only lower-case letters, digits and '-' (it names the output folder)");
                name = null;
            }
            string description = top.Optional("description") is { } d ? r.Text(d, "description", allowEmpty: true) ?? "" : "";
            YearMonth? start = top.Required("start") is { } s ? r.Month(s, "start") : null;
            YearMonth? end = top.Required("end") is { } e ? r.Month(e, "end") : null;
            if (start is { } s0 && end is { } e0)
            {
                if (e0.Ordinal < s0.Ordinal) r.Error(top.Optional("end")!, $"end ({e0}) is before start ({s0})");
                else if (e0.Ordinal - s0.Ordinal + 1 > MaxMonths) r.Error(top.Optional("end")!, $"the run from {s0} to {e0} is longer than {MaxMonths} months (100 years)");
            }
            int samples = top.Optional("samples") is { } sn && r.Integer(sn, "samples", 1, MaxSamples) is { } n ? (int)n : ModelDefaults.Samples;
            ulong seed = top.Optional("seed") is { } sd && r.Integer(sd, "seed", 0, long.MaxValue) is { } sv ? (ulong)sv : ModelDefaults.Seed;
            var percentiles = top.Optional("percentiles") is { } pn ? ReadPercentiles(pn) : ModelDefaults.Percentiles;
            var researchShare = OptionalNumber(top, "research_share", "research_share", "research_share", NumberRange.Fraction, Fixed(ModelDefaults.ResearchShare, NumberRange.Fraction));
            var training = ReadTraining(top.Optional("training"));

            if (top.Optional("accelerators") is { } accNode) ReadAccelerators(accNode);
            var roadmap = top.Required("roadmap") is { } rm ? ReadRoadmap(rm) : [];
            if (top.Optional("defaults") is { } defNode) ReadDefaults(defNode);
            var sites = top.Required("sites") is { } sitesNode ? ReadSites(sitesNode) : [];
            var researchers = top.Optional("researchers") is { } resNode ? ReadResearchers(resNode) : null;
            var clusters = top.Optional("clusters") is { } clNode ? ReadClusters(clNode, sites) : [];

            if (name is null || start is null || end is null || r.Diagnostics.Count > 0) return null;
            return new Scenario(name, description, start.Value, end.Value, samples, seed, percentiles, researchShare, training,
                _catalog, roadmap, researchers, clusters, sites);
        }

        /// <summary>
        /// An optional (u) number of <paramref name="f"/>, or <paramref name="fallback"/> when it is not
        /// given (or could not be read: then the error is reported and no scenario is built).
        /// </summary>
        private Uncertain OptionalNumber(Fields? f, string key, string path, string what, NumberRange range, Uncertain fallback) =>
            f?.Optional(key) is { } v && r.Parameter(v, path, what, range) is { } u ? u : fallback;

        /// <summary>The largest training run; every number of the block is optional and at least 0.</summary>
        private Training ReadTraining(Node? node)
        {
            var f = node is null ? null : r.Mapping(node, "training", TrainingKeys);
            Uncertain Field(string key, double fallback) =>
                OptionalNumber(f, key, $"training.{key}", $"training: {key}", NumberRange.NonNegative, Fixed(fallback, NumberRange.NonNegative));
            return new Training(
                Field("days", ModelDefaults.TrainingDays),
                Field("accelerator_mtbf_hours", ModelDefaults.AcceleratorMtbfHours),
                Field("checkpoint_minutes", ModelDefaults.CheckpointMinutes),
                Field("restart_minutes", ModelDefaults.RestartMinutes));
        }

        private IReadOnlyList<double> ReadPercentiles(Node node)
        {
            var items = r.Sequence(node, "percentiles");
            if (items is null) return ModelDefaults.Percentiles;
            if (items.Count == 0) r.Error(node, "percentiles must list at least one level, e.g. [10, 50, 90]");
            var levels = new List<double>();
            foreach (var item in items)
            {
                if (r.Number(item, "a percentile") is not { } p) continue;
                if (p < 0 || p > 100) r.Error(item, $"a percentile must be between 0 and 100, got {NodeReader.Format(p)}");
                else if (levels.Contains(p)) r.Error(item, $"percentile {NodeReader.Format(p)} is listed twice");
                else levels.Add(p);
            }
            return [.. levels];
        }

        private void ReadAccelerators(Node node)
        {
            var items = r.Sequence(node, "accelerators");
            if (items is null) return;
            var seen = new HashSet<string>();
            for (int i = 0; i < items.Count; i++)
            {
                string path = $"accelerators[{i}]";
                var f = r.Mapping(items[i], $"accelerator {NodeReader.PeekName(items[i]) ?? $"#{i + 1}"}", AcceleratorKeys);
                if (f is null) continue;
                string? name = f.Required("name") is { } n ? r.Text(n, "accelerator name") : null;
                if (name is null) continue;
                if (!seen.Add(name)) r.Error(f.Optional("name")!, $"accelerator '{name}' is defined twice in this file");
                int existing = _catalog.FindIndex(a => a.Name == name);
                var baseEntry = existing >= 0 ? _catalog[existing] : null;
                string what = $"accelerator {name}";

                YearMonth? available = f.Optional("available") is { } av ? r.Month(av, $"{what}: available")
                    : baseEntry?.Available ?? Missing<YearMonth>(f, "available", name);
                Uncertain? Field(string key, NumberRange range, Uncertain? fallback, bool divisor = false)
                {
                    if (f.Optional(key) is { } v)
                        return r.Parameter(v, $"{path}.{key}", $"{what}: {key}", range) is { } u && (!divisor || AwayFromZero(v, u, $"{what}: {key}")) ? u : null;
                    if (fallback is null) r.Error(f.Node, $"{what} is missing required key '{key}' (a new accelerator needs available, peak_flops, tdp_w, allin_w and unit_cost_usd)");
                    return fallback;
                }
                var slip = Field("slip_months", NumberRange.NonNegative, baseEntry?.SlipMonths ?? Fixed(ModelDefaults.SlipMonths, NumberRange.NonNegative));
                var peak = Field("peak_flops", NumberRange.Positive, baseEntry?.PeakFlops, divisor: true);
                var tdp = Field("tdp_w", NumberRange.Positive, baseEntry?.TdpWatts);
                var allIn = Field("allin_w", NumberRange.Positive, baseEntry?.AllInWatts, divisor: true);
                var cost = Field("unit_cost_usd", NumberRange.NonNegative, baseEntry?.UnitCostUsd);
                string source = f.Optional("source") is { } src ? r.Text(src, $"{what}: source", allowEmpty: true) ?? "" : baseEntry?.Source ?? "scenario file";
                if (available is null || slip is null || peak is null || tdp is null || allIn is null || cost is null)
                {
                    _broken.Add(name);
                    continue;
                }
                var entry = new Accelerator(name, available.Value, slip, peak, tdp, allIn, cost, source);
                if (existing >= 0) _catalog[existing] = entry; else _catalog.Add(entry);
            }
        }

        /// <summary>
        /// True when at most <see cref="MaxMassAtOrBelowZero"/> of a divisor's distribution lies at or
        /// below 0; otherwise reports it. (A fixed value at or below 0 is already out of range.)
        /// </summary>
        private bool AwayFromZero(Node node, Uncertain u, string what)
        {
            double mass = u.Cdf(0);
            if (mass <= MaxMassAtOrBelowZero) return true;
            r.Error(node, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{what} must be greater than 0, but {mass * 100:G4}% of the distribution lies at or below 0 (at most {MaxMassAtOrBelowZero * 100:G4}% may); narrow it or move it away from 0"));
            return false;
        }

        private T? Missing<T>(Fields f, string key, string name) where T : struct
        {
            r.Error(f.Node, $"accelerator {name} is not in the built-in catalog, so it needs '{key}'");
            return null;
        }

        private List<string> ReadRoadmap(Node node)
        {
            var roadmap = new List<string>();
            var items = r.Sequence(node, "roadmap");
            if (items is null) return roadmap;
            if (items.Count == 0) r.Error(node, "roadmap must name at least one accelerator");
            YearMonth? previous = null;
            string? previousName = null;
            foreach (var item in items)
            {
                if (r.Text(item, "a roadmap entry") is not { } name) continue;
                var entry = _catalog.FirstOrDefault(a => a.Name == name);
                if (entry is null)
                {
                    if (!_broken.Contains(name)) r.Error(item, UnknownAccelerator(name));
                    continue;
                }
                if (roadmap.Contains(name))
                {
                    r.Error(item, $"roadmap lists {name} twice");
                    continue;
                }
                if (previous is { } p && entry.Available.Ordinal < p.Ordinal)
                    r.Error(item, $"roadmap is oldest first, but {name} (available {entry.Available}) comes after {previousName} (available {p})");
                previous = entry.Available;
                previousName = name;
                roadmap.Add(name);
            }
            return roadmap;
        }

        private string UnknownAccelerator(string name, bool latestAllowed = false)
        {
            string? closest = Suggestions.Closest(name, _catalog.Select(a => a.Name));
            string define = latestAllowed ? "add it under accelerators, or write 'latest'" : "add it under accelerators";
            return $"accelerator '{name}' is not in the catalog" + (closest is null
                ? $" (known: {string.Join(", ", _catalog.Select(a => a.Name))}); {define}"
                : $"; did you mean '{closest}'? Otherwise {define}");
        }

        private void ReadDefaults(Node node)
        {
            var f = r.Mapping(node, "defaults", DefaultableKeys, SiteOnlyKeys);
            if (f is null) return;
            foreach (string key in DefaultableKeys)
                if (f.Optional(key) is { } v && ReadSiteField(key, v, "defaults", "defaults") is { } value)
                    _defaults[key] = value;
        }

        /// <summary>Reads one defaultable site field: an Uncertain, the 12 PUE multipliers, or the region text.</summary>
        private object? ReadSiteField(string key, Node node, string path, string owner)
        {
            string what = $"{owner}: {key}";
            return key switch
            {
                "region" => r.Text(node, what),
                "pue_monthly" => ReadPueMonthly(node, what),
                "pue" or "design_pue" => r.Parameter(node, $"{path}.{key}", what, NumberRange.AtLeastOne),
                "load_factor" or "mfu" or "training_share" => r.Parameter(node, $"{path}.{key}", what, NumberRange.Fraction),
                _ => r.Parameter(node, $"{path}.{key}", what, NumberRange.NonNegative),
            };
        }

        private double[]? ReadPueMonthly(Node node, string what)
        {
            var items = r.Sequence(node, what);
            if (items is null) return null;
            if (items.Count != 12)
            {
                r.Error(node, $"{what} must list 12 multipliers, January first; got {items.Count}");
                return null;
            }
            var values = new double[12];
            bool ok = true;
            for (int i = 0; i < 12; i++)
            {
                if (r.Number(items[i], $"{what}[{i + 1}]") is not { } v) { ok = false; continue; }
                if (v <= 0) { r.Error(items[i], $"{what}[{i + 1}] must be greater than 0, got {NodeReader.Format(v)}"); ok = false; }
                values[i] = v;
            }
            return ok ? values : null;
        }

        private List<Site> ReadSites(Node node)
        {
            var sites = new List<Site>();
            var items = r.Sequence(node, "sites");
            if (items is null) return sites;
            if (items.Count == 0) r.Error(node, "sites must list at least one site");
            var names = new HashSet<string>();
            for (int i = 0; i < items.Count; i++)
            {
                var f = r.Mapping(items[i], $"site {NodeReader.PeekName(items[i]) ?? $"#{i + 1}"}", SiteKeys);
                if (f is null) continue;
                string? name = f.Required("name") is { } n ? r.Text(n, "site name") : null;
                if (name is not null && !names.Add(name)) r.Error(f.Optional("name")!, $"site name '{name}' is used twice");
                if (string.Equals(name, "total", StringComparison.OrdinalIgnoreCase)) r.Error(f.Optional("name")!, $"a site may not be called '{name}' (total is the name of the all-sites scope)");
                if (ReadSite(f, i, name ?? $"#{i + 1}") is { } site && name is not null) sites.Add(site);
            }
            return sites;
        }

        private Site? ReadSite(Fields f, int index, string name)
        {
            string path = $"sites[{index}]";
            string owner = $"site {name}";
            object? Get(string key)
            {
                if (f.Optional(key) is { } v) return ReadSiteField(key, v, path, owner);
                return _defaults.GetValueOrDefault(key);
            }
            Uncertain Num(string key, double fallback, NumberRange range) => Get(key) as Uncertain ?? Fixed(fallback, range);

            string? location = f.Optional("location") is { } loc ? r.Text(loc, $"{owner}: location", allowEmpty: true) : null;
            var pue = Num("pue", ModelDefaults.Pue, NumberRange.AtLeastOne);
            // design_pue left to default takes the very same parameter as pue, so the same draw.
            var designPue = Get("design_pue") as Uncertain ?? pue;
            var buildMonths = Num("build_months", ModelDefaults.BuildMonths, NumberRange.NonNegative);
            var site = new Site(
                name,
                location,
                Get("region") as string,
                pue,
                Get("pue_monthly") as double[] ?? ModelDefaults.PueMonthly,
                designPue,
                Num("load_factor", ModelDefaults.LoadFactor, NumberRange.Fraction),
                Num("mfu", ModelDefaults.Mfu, NumberRange.Fraction),
                Num("lifetime_years", ModelDefaults.LifetimeYears, NumberRange.NonNegative),
                Num("capex_usd_per_it_mw", ModelDefaults.CapexUsdPerItMw, NumberRange.NonNegative),
                buildMonths,
                Num("training_share", ModelDefaults.TrainingShare, NumberRange.Fraction),
                Num("wue_l_per_kwh", ModelDefaults.WueLitresPerKwh, NumberRange.NonNegative),
                Num("grid_price_usd_per_mwh", ModelDefaults.GridPriceUsdPerMwh, NumberRange.NonNegative),
                Num("grid_gco2_per_kwh", ModelDefaults.GridGCo2PerKwh, NumberRange.NonNegative),
                f.Optional("supply") is { } sup ? ReadSupply(sup, path, owner, buildMonths) : null,
                f.Required("phases") is { } ph ? ReadPhases(ph, path, owner) : []);
            return site;
        }

        /// <summary>A site's supply sources; one without its own build_months takes the site's very same parameter, so the same draw.</summary>
        private List<SupplySource> ReadSupply(Node node, string path, string owner, Uncertain siteBuildMonths)
        {
            var list = new List<SupplySource>();
            var items = r.Sequence(node, $"{owner}: supply");
            if (items is null) return list;
            for (int i = 0; i < items.Count; i++)
            {
                string p = $"{path}.supply[{i}]";
                var f = r.Mapping(items[i], $"supply {NodeReader.PeekName(items[i]) ?? $"#{i + 1}"} of {owner}", SupplyKeys);
                if (f is null) continue;
                string? name = f.Required("name") is { } n ? r.Text(n, "supply source name") : null;
                string what = $"supply {name ?? $"#{i + 1}"} of {owner}";
                var mw = f.Required("mw") is { } m ? r.Parameter(m, $"{p}.mw", $"{what}: mw", NumberRange.NonNegative) : null;
                YearMonth? from = f.Optional("from") is { } fr ? r.Month(fr, $"{what}: from") : null;
                YearMonth? until = f.Optional("until") is { } un ? r.Month(un, $"{what}: until") : null;
                if (from is { } a && until is { } b && b.Ordinal <= a.Ordinal)
                    r.Error(f.Optional("until")!, $"{what}: until ({b}) must be after from ({a})");
                Uncertain Field(string key, NumberRange range, Uncertain fallback) => OptionalNumber(f, key, $"{p}.{key}", $"{what}: {key}", range, fallback);
                var price = Field("price_usd_per_mwh", NumberRange.NonNegative, Fixed(ModelDefaults.SupplyPriceUsdPerMwh, NumberRange.NonNegative));
                var gco2 = Field("gco2_per_kwh", NumberRange.NonNegative, Fixed(ModelDefaults.SupplyGCo2PerKwh, NumberRange.NonNegative));
                var firm = Field("firm_fraction", NumberRange.Fraction, Fixed(ModelDefaults.FirmFraction, NumberRange.Fraction));
                var capacityFactor = Field("capacity_factor", NumberRange.Fraction, Fixed(ModelDefaults.CapacityFactor, NumberRange.Fraction));
                var capex = Field("capex_usd_per_mw", NumberRange.NonNegative, Fixed(ModelDefaults.SupplyCapexUsdPerMw, NumberRange.NonNegative));
                var buildMonths = Field("build_months", NumberRange.NonNegative, siteBuildMonths);
                if (name is null || mw is null) continue;
                list.Add(new SupplySource(name, mw, from, until, price, gco2, firm, capacityFactor, capex, buildMonths));
            }
            return list;
        }

        /// <summary>A default: a fixed number (key 0, as nothing in the file draws it) clamped like a written one.</summary>
        private static Uncertain Fixed(double value, NumberRange range) => Uncertain.Fixed(value).WithRange(range);

        private List<Phase> ReadPhases(Node node, string path, string owner)
        {
            var list = new List<Phase>();
            var items = r.Sequence(node, $"{owner}: phases");
            if (items is null) return list;
            if (items.Count == 0) r.Error(node, $"{owner}: phases must list at least one phase");
            for (int i = 0; i < items.Count; i++)
            {
                string p = $"{path}.phases[{i}]";
                var f = r.Mapping(items[i], $"phase {NodeReader.PeekName(items[i]) ?? $"#{i + 1}"} of {owner}", PhaseKeys);
                if (f is null) continue;
                string? name = f.Required("name") is { } n ? r.Text(n, "phase name") : null;
                string what = $"phase {name ?? $"#{i + 1}"} of {owner}";
                YearMonth? online = f.Required("online") is { } on ? r.Month(on, $"{what}: online") : null;
                var delay = f.Optional("delay_months") is { } dm ? r.Parameter(dm, $"{p}.delay_months", $"{what}: delay_months", NumberRange.NonNegative) : Fixed(ModelDefaults.DelayMonths, NumberRange.NonNegative);
                Uncertain? itMw = null, facilityMw = null;
                bool hasIt = f.Has("it_mw"), hasFacility = f.Has("facility_mw");
                if (hasIt && hasFacility) r.Error(f.KeyNode("facility_mw")!, $"{what} gives both it_mw and facility_mw; give exactly one");
                else if (!hasIt && !hasFacility) r.Error(f.Node, $"{what} needs its size: give exactly one of it_mw and facility_mw");
                else if (hasIt) itMw = r.Parameter(f.Optional("it_mw")!, $"{p}.it_mw", $"{what}: it_mw", NumberRange.NonNegative);
                else facilityMw = r.Parameter(f.Optional("facility_mw")!, $"{p}.facility_mw", $"{what}: facility_mw", NumberRange.NonNegative);
                var ramp = f.Optional("ramp_months") is { } rmo
                    ? r.Parameter(rmo, $"{p}.ramp_months", $"{what}: ramp_months", NumberRange.NonNegative)
                    : Fixed(ModelDefaults.RampMonths, NumberRange.NonNegative);
                var shape = RampShape.SCurve;
                if (f.Optional("ramp") is { } shapeNode && r.Text(shapeNode, $"{what}: ramp") is { } shapeText)
                {
                    if (shapeText == "linear") shape = RampShape.Linear;
                    else if (shapeText != "s-curve") r.Error(shapeNode, $"{what}: ramp must be s-curve or linear, got '{shapeText}'");
                }
                string? accelerator = null;
                if (f.Optional("accelerator") is { } accNode && r.Text(accNode, $"{what}: accelerator") is { } accName && accName != "latest")
                {
                    if (_catalog.Any(a => a.Name == accName)) accelerator = accName;
                    else if (!_broken.Contains(accName)) r.Error(accNode, UnknownAccelerator(accName, latestAllowed: true));
                }
                if (name is null || online is null || delay is null || ramp is null || (itMw is null && facilityMw is null)) continue;
                list.Add(new Phase(name, online.Value, delay, itMw, facilityMw, ramp, shape, accelerator));
            }
            return list;
        }

        /// <summary>
        /// Researcher points, sorted by month (the headcount is linear between points at their
        /// positions, whatever order they are written in); two points on one month are ambiguous.
        /// An empty list means no researchers, like leaving the key out.
        /// </summary>
        private List<ResearcherPoint>? ReadResearchers(Node node)
        {
            var items = r.Sequence(node, "researchers");
            if (items is null || items.Count == 0) return null;
            var points = new List<(ResearcherPoint Point, Node Node)>();
            for (int i = 0; i < items.Count; i++)
            {
                var f = r.Mapping(items[i], "a researcher point", ResearcherKeys);
                if (f is null) continue;
                YearMonth? month = f.Required("month") is { } m ? r.Month(m, "researchers: month") : null;
                var count = f.Required("count") is { } c ? r.Parameter(c, $"researchers[{i}].count", "researchers: count", NumberRange.NonNegative) : null;
                if (month is null || count is null) continue;
                r.Relabel($"researchers[{i}].count", $"researchers at {month}: count");
                if (points.FirstOrDefault(p => p.Point.Month == month.Value) is { Node: { } first })
                    r.Error(f.Optional("month")!, $"researchers has two points for {month} (the other at line {first.Start.Line}); give one count per month");
                points.Add((new ResearcherPoint(month.Value, count), f.Optional("month")!));
            }
            return [.. points.Select(p => p.Point).OrderBy(p => p.Month.Ordinal)];
        }

        private List<Cluster> ReadClusters(Node node, List<Site> sites)
        {
            var clusters = new List<Cluster>();
            var items = r.Sequence(node, "clusters");
            if (items is null) return clusters;
            for (int k = 0; k < items.Count; k++)
            {
                var f = r.Mapping(items[k], $"cluster {NodeReader.PeekName(items[k]) ?? $"#{k + 1}"}", ClusterKeys);
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
}
