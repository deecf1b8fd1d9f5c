using System.Globalization;
using CapacitySim.Core.Engine;
using CapacitySim.Core.Model;

namespace CapacitySim.IO.Scenarios;

/// <summary>The (u) numbers of a file: plain numbers or distributions, each recorded as a scenario parameter.</summary>
internal sealed partial class NodeReader
{
    private readonly List<ScenarioParameter> _parameters = [];

    /// <summary>Every (u) number read without error, in file order (comments are attached later).</summary>
    public IReadOnlyList<ScenarioParameter> Parameters => [.. _parameters.OrderBy(p => p.Line).ThenBy(p => p.Column)];

    /// <summary>Gives the parameter read at <paramref name="path"/> a clearer label for reports than its label in messages.</summary>
    public void Relabel(string path, string label)
    {
        int i = _parameters.FindIndex(p => p.Path == path);
        if (i >= 0) _parameters[i] = _parameters[i] with { Label = label };
    }

    /// <summary>Records a (u) number the file takes from elsewhere (a lead-time entry) at the place that names it, so reports and sensitivity see it.</summary>
    public void Record(Node node, string path, string what, Uncertain u) =>
        _parameters.Add(new ScenarioParameter(what, path, (int)node.Start.Line, (int)node.Start.Column, u, null));

    /// <summary>Every path start read, with its node and owner: checked against the run's end once the header is read.</summary>
    public List<(Node Node, YearMonth Start, string What)> PathStarts { get; } = [];

    /// <summary>Largest lognormal sigma: e^(10 x 8) keeps extreme draws finite.</summary>
    public const double MaxSigma = 10;

    /// <summary>
    /// A (u) number: a plain number or {dist: ...}. Its key is its path in the file, so each place a
    /// distribution is written is drawn once per sample. Fixed values and nominal values must lie in
    /// <paramref name="range"/>; draws are clamped to it.
    /// </summary>
    public Uncertain? Parameter(Node node, string path, string what, NumberRange range)
    {
        ulong key = CounterRandom.KeyOf(path);
        if (node is not MappingNode)
        {
            if (Number(node, what, distributionAllowed: true) is not { } value) return null;
            if (!range.Contains(value))
            {
                string hint = range == NumberRange.Fraction && value >= 5 && value <= 100 ? $" (a fraction: {Format(value / 100)}, not {Format(value)})" : "";
                Error(node, $"{what} must be {range.Text}, got {Format(value)}{hint}");
                return null;
            }
            return Record(Uncertain.Fixed(value).WithRange(range) with { Key = key });
        }
        var u = Distribution(node, what, range, key);
        return u is null ? null : Record(u);

        Uncertain Record(Uncertain read)
        {
            _parameters.Add(new ScenarioParameter(what, path, (int)node.Start.Line, (int)node.Start.Column, read, null));
            return read;
        }
    }

    /// <summary>
    /// An optional (u) number of <paramref name="fields"/>, or <paramref name="fallback"/> when it is
    /// not given (or could not be read: then the error is reported and no scenario is built).
    /// </summary>
    public Uncertain OptionalParameter(Fields? fields, string key, string path, string what, NumberRange range, Uncertain fallback) =>
        fields?.Optional(key) is { } node && Parameter(node, path, what, range) is { } read ? read : fallback;

    /// <summary>Each distribution's name, its fields besides 'dist' in the order written, and the number they make.</summary>
    public static readonly IReadOnlyDictionary<string, (string[] Fields, Func<double[], Uncertain> Make)> DistributionForms = new Dictionary<string, (string[] Fields, Func<double[], Uncertain> Make)>
    {
        ["uniform"] = (["min", "max"], v => Uncertain.Uniform(min: v[0], max: v[1])),
        ["triangular"] = (["min", "mode", "max"], v => Uncertain.Triangular(min: v[0], mode: v[1], max: v[2])),
        ["pert"] = (["min", "mode", "max"], v => Uncertain.Pert(min: v[0], mode: v[1], max: v[2])),
        ["normal"] = (["mean", "sd"], v => Uncertain.Normal(mean: v[0], sd: v[1])),
        ["lognormal"] = (["median", "sigma"], v => Uncertain.LogNormal(median: v[0], sigma: v[1])),
    };

    private Uncertain? Distribution(Node node, string what, NumberRange range, ulong key)
    {
        var map = (MappingNode)node;
        var distNode = map.Children.FirstOrDefault(kv => kv.Key is ScalarNode { Value: "dist" }).Value;
        if (distNode is null)
        {
            Error(node, $"{what}: a distribution needs 'dist' (one of {string.Join(", ", DistributionForms.Keys)})");
            return null;
        }
        string? dist = Text(distNode, $"{what}: dist");
        if (dist is null) return null;
        if (!DistributionForms.TryGetValue(dist, out var form))
        {
            string? closest = Suggestions.Closest(dist, DistributionForms.Keys);
            Error(distNode, $"{what}: unknown distribution '{dist}'; use one of {string.Join(", ", DistributionForms.Keys)}" + (closest is null ? "" : $" (did you mean '{closest}'?)"));
            return null;
        }
        var fields = Mapping(node, $"{what} ({dist} distribution)", ["dist", .. form.Fields]);
        if (fields is null) return null;
        var values = new double[3];
        bool ok = true;
        for (int j = 0; j < form.Fields.Length; j++)
        {
            if (fields.Required(form.Fields[j]) is not { } fieldNode) { ok = false; continue; }
            if (Number(fieldNode, $"{what}: {form.Fields[j]}") is { } v) values[j] = v; else ok = false;
        }
        if (!ok) return null;

        var u = form.Make(values).WithRange(range) with { Key = key };
        switch (u.Kind)
        {
            case DistributionKind.Uniform or DistributionKind.Triangular or DistributionKind.Pert when u.Min > u.Max:
                Error(node, $"{what}: min ({Format(u.Min)}) must not exceed max ({Format(u.Max)})");
                return null;
            case DistributionKind.Triangular or DistributionKind.Pert when u.Mode < u.Min || u.Mode > u.Max:
                Error(node, $"{what}: mode ({Format(u.Mode)}) must lie between min ({Format(u.Min)}) and max ({Format(u.Max)})");
                return null;
            case DistributionKind.Normal when u.Sd <= 0:
                Error(node, $"{what}: sd must be greater than 0, got {Format(u.Sd)} (write a plain number for a fixed value)");
                return null;
            case DistributionKind.LogNormal when u.Median <= 0:
                Error(node, $"{what}: median must be greater than 0, got {Format(u.Median)}");
                return null;
            case DistributionKind.LogNormal when u.Sigma <= 0:
                Error(node, $"{what}: sigma must be greater than 0, got {Format(u.Sigma)} (write a plain number for a fixed value)");
                return null;
            case DistributionKind.LogNormal when u.Sigma > MaxSigma:
                Error(node, $"{what}: sigma must be at most {Format(MaxSigma)}, got {Format(u.Sigma)}");
                return null;
        }
        // Draws outside the valid range are clamped (so is the nominal value); only a distribution
        // that lies wholly outside the range is impossible.
        (double low, double high) = u.Kind switch
        {
            DistributionKind.Uniform or DistributionKind.Triangular or DistributionKind.Pert => (u.Min, u.Max),
            // 99.9% of a normal or lognormal draw lies within 3.29 standard deviations.
            DistributionKind.Normal => (u.Mean - 3.29 * u.Sd, u.Mean + 3.29 * u.Sd),
            DistributionKind.LogNormal => (u.Median * Math.Exp(-3.29 * u.Sigma), u.Median * Math.Exp(3.29 * u.Sigma)),
            _ => (double.NegativeInfinity, double.PositiveInfinity),
        };
        if (!range.Contains(low) && !range.Contains(high) && (high < range.Min || low > range.Max || (range.MinExclusive && high <= 0)))
        {
            string span = u.Kind is DistributionKind.Normal or DistributionKind.LogNormal ? "99.9% of the distribution" : "the whole distribution";
            Error(node, $"{what} must be {range.Text}, but {span} ({Format(low)} to {Format(high)}) lies outside that");
            return null;
        }
        if (range.MaxMassAtOrBelowZero < 1 && u.Cdf(0) is var mass && mass > range.MaxMassAtOrBelowZero)
        {
            Error(node, string.Create(CultureInfo.InvariantCulture,
                $"{what} must be {range.Text}, but {mass * 100:G4}% of the distribution lies at or below 0 (at most {range.MaxMassAtOrBelowZero * 100:G4}% may); narrow it or move it away from 0"));
            return null;
        }
        return u;
    }
}
