using System.Globalization;

namespace CapacitySim.Core.Engine;

/// <summary>A scale for showing values: values are divided by <see cref="Divisor"/> and labelled <see cref="Label"/>.</summary>
public sealed record UnitScale(double Divisor, string Label);

/// <summary>
/// The one formatter of metric values for people, by the metric's unit (the unit column of the CSV
/// files): three significant figures with the prefix that fits (456 MW, 1.23 GW; 12.3 TWh; $45.6B;
/// 1.23M H100e; 2.5 EFLOP/s; 3.80e25 FLOP), and the scale of a chart axis that fits its largest value.
/// </summary>
public static class Units
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Per unit: the steps a single value is shown in (largest first) and the suffix below them.</summary>
    private static readonly Dictionary<string, ((double Scale, string Suffix)[] Steps, string Plain)> ValueSteps = new()
    {
        ["MW"] = ([(1e3, " GW"), (1, " MW")], " MW"),
        ["MWh"] = ([(1e6, " TWh"), (1e3, " GWh"), (1, " MWh")], " MWh"),
        ["FLOP/s"] = ([(1e21, " ZFLOP/s"), (1e18, " EFLOP/s"), (1e15, " PFLOP/s"), (1e12, " TFLOP/s")], " FLOP/s"),
        ["tCO2"] = ([(1e6, " MtCO2"), (1e3, " ktCO2"), (1, " tCO2")], " tCO2"),
        ["m3"] = ([(1e9, " km3"), (1e6, " million m3"), (1, " m3")], " m3"),
        ["H100e"] = ([(1e6, "M H100e"), (1e3, "k H100e")], " H100e"),
        ["count"] = ([(1e6, "M"), (1e3, "k")], ""),
        ["people"] = ([(1e6, "M"), (1e3, "k")], ""),
    };

    /// <summary>Formats a value given in <paramref name="unit"/>; ratios (H100e/researcher, ...) as plain numbers under a header naming the unit.</summary>
    public static string Format(double value, string unit)
    {
        if (double.IsNaN(value)) return "n/a";
        if (unit == "USD") return Money(value);
        if (unit == "FLOP") return value == 0 ? "0 FLOP" : value.ToString("0.00e0", Inv) + " FLOP";
        return ValueSteps.TryGetValue(unit, out var steps) ? Scaled(value, steps.Steps, steps.Plain) : Significant(value);
    }

    /// <summary>"7.78 ZFLOP/s [6.73, 8.79]": a middle value with a band, the band's ends without the unit when it is the same.</summary>
    public static string WithBand(double middle, double low, double high, string unit) =>
        $"{Format(middle, unit)} {Band(middle, low, high, unit)}";

    /// <summary>"[6.73, 8.79]": the ends of a band around <paramref name="middle"/>, without the unit when both show it as the middle value does.</summary>
    public static string Band(double middle, double low, double high, string unit)
    {
        string m = Format(middle, unit), l = Format(low, unit), h = Format(high, unit);
        static string Suffix(string text) => text.Contains(' ') ? text[text.IndexOf(' ')..] : "";
        string suffix = Suffix(m);
        if (suffix.Length > 0 && Suffix(l) == suffix && Suffix(h) == suffix)
        {
            l = l[..^suffix.Length];
            h = h[..^suffix.Length];
        }
        return $"[{l}, {h}]";
    }

    /// <summary>USD as $1.23B, $456M, $12.3k, $12.</summary>
    public static string Money(double usd)
    {
        string sign = usd < 0 ? "-" : "";
        return sign + "$" + Scaled(Math.Abs(usd), [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")], "");
    }

    /// <summary>Three significant figures, no exponent, invariant culture.</summary>
    public static string Significant(double value)
    {
        double a = Math.Abs(value);
        string format = a >= 100 || a == 0 ? "#,0" : a >= 10 ? "0.0" : a >= 1 ? "0.00" : "0.###";
        return value.ToString(format, Inv);
    }

    /// <summary>A ratio as "x1.85" (n/a when the base is 0 or missing).</summary>
    public static string Ratio(double value, double baseline) =>
        baseline == 0 || !double.IsFinite(baseline) || !double.IsFinite(value) ? "n/a" : "x" + (value / baseline).ToString(value / baseline >= 100 ? "#,0" : "0.00", Inv);

    /// <summary>
    /// The scale of a linear chart axis for values in <paramref name="unit"/> up to <paramref name="max"/>
    /// (MW or GW, GWh or TWh, $M or $B, ...); <paramref name="perYear"/> adds " per year" to flows.
    /// </summary>
    public static UnitScale Axis(string unit, double max, bool perYear = false)
    {
        string per = perYear ? " per year" : "";
        return unit switch
        {
            "MW" => max >= 1000 ? new(1000, "GW") : new(1, "MW"),
            "MWh" => max >= 1e6 ? new(1e6, "TWh" + per) : new(1e3, "GWh" + per),
            "USD" => max >= 1e9 ? new(1e9, "$B" + per) : new(1e6, "$M" + per),
            "tCO2" => max >= 1e6 ? new(1e6, "MtCO2" + per) : new(1e3, "ktCO2" + per),
            "m3" => new(1e6, "million m3" + per),
            "H100e" or "count" => max >= 1e6 ? new(1e6, $"{unit} (millions)") : new(1, unit),
            _ => new(1, unit),
        };
    }

    /// <summary>A FLOP/s value with an SI prefix for tick labels: 2.5e18 -> "2.5 EFLOP/s".</summary>
    public static string Flops(double value) => Prefixed(value, "FLOP/s");

    /// <summary>A FLOP count (a training run) with an SI prefix for tick labels: 3.8e25 -> "38 YFLOP", 2e28 -> "20 RFLOP".</summary>
    public static string Flop(double value) => Prefixed(value, "FLOP");

    private static string Prefixed(double value, string unit)
    {
        if (value <= 0 || !double.IsFinite(value)) return "0";
        (double Scale, string Prefix)[] prefixes = [(1e30, "Q"), (1e27, "R"), (1e24, "Y"), (1e21, "Z"), (1e18, "E"), (1e15, "P"), (1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k"), (1, "")];
        foreach (var (scale, prefix) in prefixes)
            if (value >= scale * 0.999) return (value / scale).ToString("0.##", Inv) + $" {prefix}{unit}";
        return value.ToString("0.##E0", Inv) + $" {unit}";
    }

    /// <summary>A plain number for tick labels, invariant culture.</summary>
    public static string Number(double value) => value.ToString("#,0.##", Inv);

    private static string Scaled(double value, (double Scale, string Suffix)[] steps, string plainSuffix)
    {
        double a = Math.Abs(value);
        foreach (var (scale, suffix) in steps)
            if (a >= scale * 0.9995) return Significant(value / scale) + suffix;
        return Significant(value) + plainSuffix;
    }
}
