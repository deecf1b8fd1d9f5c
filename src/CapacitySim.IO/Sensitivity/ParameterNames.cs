using CapacitySim.Core.Engine;
using CapacitySim.Core.Model;

namespace CapacitySim.IO.Sensitivity;

/// <summary>
/// A scenario parameter named as people write it on a chart, "Prometheus · PUE" rather than its
/// path (sites[1].pue) or its label in messages (site Prometheus: pue), and its values in the
/// units its key names.
/// </summary>
public static class ParameterNames
{
    /// <summary>Keys whose words alone would not read as people write them.</summary>
    private static readonly Dictionary<string, string> Keys = new()
    {
        ["pue"] = "PUE",
        ["design_pue"] = "design PUE",
        ["mfu"] = "MFU",
        ["wue_l_per_kwh"] = "WUE (L/kWh)",
        ["accelerator_mtbf_hours"] = "MTBF per accelerator (hours)",
        ["days"] = "run length (days)",
        ["build_months"] = "build time (months)",
        ["it_mw"] = "IT (MW)",
        ["mw"] = "capacity (MW)",
        ["capex_usd_per_it_mw"] = "capex per IT MW",
        ["peak_flops"] = "peak FLOP/s",
        ["tdp_w"] = "TDP (W)",
        ["allin_w"] = "all-in power (W)",
    };

    /// <summary>Unit words at the end of a key, and how they are written after the name.</summary>
    private static readonly (string Suffix, string Unit)[] UnitSuffixes =
    [
        ("_usd_per_mwh", "($/MWh)"), ("_usd_per_mw", "($/MW)"), ("_usd", "($)"), ("_months", "(months)"), ("_hours", "(hours)"),
        ("_minutes", "(minutes)"), ("_days", "(days)"), ("_mw", "(MW)"), ("_mwh", "(MWh)"), ("_w", "(W)"),
    ];

    /// <summary>"Subject · quantity": the site, phase, supply or accelerator the number belongs to and what it sets.</summary>
    public static string Of(ScenarioParameter parameter)
    {
        string label = parameter.Label;
        int colon = label.LastIndexOf(": ", StringComparison.Ordinal);
        string where = colon >= 0 ? label[..colon] : "";
        string key = colon >= 0 ? label[(colon + 2)..] : label;
        string quantity = Quantity(key);
        string subject = Subject(where);
        return subject.Length == 0 ? Capitalised(quantity) : $"{subject} · {quantity}";
    }

    /// <summary>A value of the parameter for people: dollars for keys in USD, else three significant figures.</summary>
    public static string Value(ScenarioParameter parameter, double value) =>
        parameter.Path.Contains("usd", StringComparison.Ordinal) ? Units.Money(value) : Units.Significant(value);

    private static string Quantity(string key)
    {
        if (Keys.TryGetValue(key, out var known)) return known;
        foreach (var (suffix, unit) in UnitSuffixes)
            if (key.EndsWith(suffix, StringComparison.Ordinal) && key.Length > suffix.Length)
                return $"{key[..^suffix.Length].Replace('_', ' ')} {unit}";
        return key.Replace('_', ' ');
    }

    private static string Subject(string where)
    {
        if (where.Length == 0) return "";
        if (where == "defaults") return "All sites";
        if (where == "training") return "Training run";
        // "phase P of site S": the phase alone when its name says the site, else "S, P".
        if (Split(where, "phase ", " of site ") is var (phase, site) && phase.Length > 0)
            return phase.Contains(site, StringComparison.OrdinalIgnoreCase) ? phase : $"{site}, {phase}";
        if (Split(where, "supply ", " of site ") is var (supply, supplySite) && supply.Length > 0)
            return $"{supplySite}, {supply}";
        foreach (string prefix in new[] { "site ", "accelerator ", "region " })
            if (where.StartsWith(prefix, StringComparison.Ordinal)) return where[prefix.Length..];
        return Capitalised(where);
    }

    private static (string First, string Second) Split(string text, string prefix, string separator)
    {
        if (!text.StartsWith(prefix, StringComparison.Ordinal)) return ("", "");
        int at = text.IndexOf(separator, prefix.Length, StringComparison.Ordinal);
        return at < 0 ? ("", "") : (text[prefix.Length..at], text[(at + separator.Length)..]);
    }

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
