using System.CommandLine;
using CapacitySim.Core.Engine;

namespace CapacitySim.Cli.Common;

/// <summary>
/// The options several commands share (--out, --samples, --seed, --threads, --engine, --scopes),
/// made the same way everywhere, and their values checked into <see cref="RunSettings"/>.
/// </summary>
internal static class CommonOptions
{
    /// <summary>--out, -o: the folder a command writes under; "output" by default.</summary>
    public static Option<string> Out(string description) =>
        new("--out", "-o") { Description = description, DefaultValueFactory = _ => "output" };

    /// <summary>--samples, -n: Monte Carlo samples instead of the file's.</summary>
    public static Option<int?> Samples(string description) => new("--samples", "-n") { Description = description };

    /// <summary>--seed: the random seed instead of the file's.</summary>
    public static Option<ulong?> Seed(string description) => new("--seed") { Description = description };

    /// <summary>--set PATH=VALUE, repeatable: a number of the scenario replaced, PATH as a sweep axis writes it.</summary>
    public static Option<string[]> Set(string description) => new("--set") { Description = description, AllowMultipleArgumentsPerToken = false };

    /// <summary>--threads: the most worker threads.</summary>
    public static Option<int?> Threads() =>
        new("--threads") { Description = "Worker threads (default: all cores); results do not depend on it." };

    /// <summary>--engine: one of <see cref="Engines.Names"/>, the fast engine by default.</summary>
    public static Option<string> Engine(string description)
    {
        var engine = new Option<string>("--engine") { Description = description, DefaultValueFactory = _ => Engines.Fast.Name };
        engine.AcceptOnlyFromAmong([.. Engines.Names]);
        return engine;
    }

    /// <summary>--scopes: the scope kinds whose statistics are kept.</summary>
    public static Option<string?> Scopes() => new("--scopes")
    {
        Description = $"Statistics to keep, comma-separated from total, region, site (default: all up to {Core.Engine.Scopes.SiteScopeLimit} sites, else total,region).",
    };

    /// <summary>The engine the --engine option names.</summary>
    public static IEngine EngineOf(ParseResult parse, Option<string> engine) => Engines.ByName(parse.GetValue(engine)!);

    /// <summary>
    /// What the given options ask of a run (null options ask nothing), or null after printing what is
    /// wrong: --samples outside <paramref name="minSamples"/>..<see cref="RunPlan.MaxSamples"/>, --threads below 1, bad --scopes.
    /// </summary>
    public static RunSettings? Settings(ParseResult parse, TextWriter stderr, Option<int?> samples, Option<ulong?> seed,
        Option<int?>? threads = null, Option<string?>? scopes = null, int minSamples = 1, string why = "")
    {
        int? n = parse.GetValue(samples);
        if (n is not null && (n < minSamples || n > RunPlan.MaxSamples))
        {
            stderr.WriteLine($"capsim: --samples must be from {minSamples} to {RunPlan.MaxSamples}{why}, got {n}");
            return null;
        }
        int? t = threads is null ? null : parse.GetValue(threads);
        if (t is < 1)
        {
            stderr.WriteLine($"capsim: --threads must be at least 1, got {t}");
            return null;
        }
        ScopeKinds? kinds = null;
        if (scopes is not null && parse.GetValue(scopes) is { } scopeText)
        {
            kinds = ParseScopes(scopeText);
            if (kinds is null)
            {
                stderr.WriteLine($"capsim: --scopes takes total, region and site, comma-separated, with total among them; got '{scopeText}'");
                return null;
            }
        }
        return new RunSettings(n, parse.GetValue(seed), t, kinds);
    }

    /// <summary>"total,region" -> the scope kinds, or null when a word is unknown or total is missing.</summary>
    public static ScopeKinds? ParseScopes(string text)
    {
        ScopeKinds kinds = 0;
        foreach (string word in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            switch (word)
            {
                case "total": kinds |= ScopeKinds.Total; break;
                case "region": kinds |= ScopeKinds.Region; break;
                case "site": kinds |= ScopeKinds.Site; break;
                default: return null;
            }
        }
        return kinds.HasFlag(ScopeKinds.Total) ? kinds : null;
    }
}
