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

    /// <summary>The unit of usd_per_h100e_hour, shown as "$1.62/H100e-h".</summary>
    public const string PerH100eHour = "USD/H100e-hour";

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
    public static string Format(double value, string unit) => Format(value, unit, value);

    /// <summary>
    /// Formats <paramref name="value"/> with the prefix <paramref name="like"/> would get, so figures
    /// read side by side share one: "0.945 ZFLOP/s" beside "1.06 ZFLOP/s", not "945 EFLOP/s".
    /// </summary>
    public static string Format(double value, string unit, double like)
    {
        if (double.IsNaN(value)) return "n/a";
        if (!double.IsFinite(like)) like = value;
        if (unit == "USD") return Money(value, like);
        if (unit == PerH100eHour) return (value < 0 ? "-$" : "$") + Math.Abs(value).ToString("#,0.00", Inv) + "/H100e-h";
        if (unit == "FLOP") return value == 0 ? "0 FLOP" : value.ToString("0.00e0", Inv) + " FLOP";
        return ValueSteps.TryGetValue(unit, out var steps) ? Scaled(value, like, steps.Steps, steps.Plain) : Significant(value);
    }

    /// <summary>"7.78 ZFLOP/s [6.73, 8.79]": a middle value with a band, the band's ends without the unit when it is the same.</summary>
    public static string WithBand(double middle, double low, double high, string unit) => WithBand(middle, low, high, unit, middle);

    /// <summary>As <see cref="WithBand(double, double, double, string)"/>, all three with the prefix <paramref name="like"/> gets: a row of figures read in one unit.</summary>
    public static string WithBand(double middle, double low, double high, string unit, double like) =>
        $"{Format(middle, unit, like)} {Band(middle, low, high, unit, like)}";

    /// <summary>"[6.73, 8.79]": the ends of a band around <paramref name="middle"/>, without the unit when both show it as the middle value does.</summary>
    public static string Band(double middle, double low, double high, string unit) => Band(middle, low, high, unit, middle);

    /// <summary>As <see cref="Band(double, double, double, string)"/>, with the prefix <paramref name="like"/> gets.</summary>
    public static string Band(double middle, double low, double high, string unit, double like)
    {
        // The band's ends with the middle's prefix: one figure and its band read in one unit.
        string m = Format(middle, unit, like), l = Format(low, unit, like), h = Format(high, unit, like);
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
    public static string Money(double usd) => Money(usd, usd);

    /// <summary>USD with the suffix <paramref name="like"/> would get.</summary>
    public static string Money(double usd, double like)
    {
        string sign = usd < 0 ? "-" : "";
        return sign + "$" + Scaled(Math.Abs(usd), Math.Abs(like), [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")], "");
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
            PerH100eHour => new(1, "USD per H100e-hour"),
            "H100e" or "count" => max >= 1e6 ? new(1e6, $"{unit} (millions)") : new(1, unit),
            // One prefix for a whole FLOP/s axis, none beyond exa: 5,000 EFLOP/s rather than a mix of EFLOP/s and ZFLOP/s.
            "FLOP/s" => max >= 1e18 * 0.9995 ? new(1e18, "EFLOP/s") : max >= 1e15 * 0.9995 ? new(1e15, "PFLOP/s") : max >= 1e12 * 0.9995 ? new(1e12, "TFLOP/s") : new(1, unit),
            _ => new(1, unit),
        };
    }

    /// <summary>
    /// A FLOP count (a training run) for tick labels, in powers of ten as the field writes them and
    /// as <see cref="Format(double, string)"/> does: 3.8e25 -> "3.8e25", 1e27 -> "1e27"; the axis title names the unit.
    /// </summary>
    public static string Flop(double value)
    {
        if (value == 0 || !double.IsFinite(value)) return "0";
        int exponent = (int)Math.Floor(Math.Log10(Math.Abs(value)));
        double mantissa = Math.Round(value / Math.Pow(10, exponent), 2);
        if (Math.Abs(mantissa) >= 10)
        {
            mantissa /= 10;
            exponent++;
        }
        return mantissa.ToString("0.##", Inv) + "e" + exponent.ToString(Inv);
    }

    /// <summary>A plain number for tick labels, invariant culture: up to six decimals, so 0.002 of a scaled axis stays 0.002.</summary>
    public static string Number(double value) => Math.Round(value, Math.Abs(value) >= 1 || value == 0 ? 2 : 6).ToString(Math.Abs(value) >= 1 || value == 0 ? "#,0.##" : "0.######", Inv);

    private static string Scaled(double value, double like, (double Scale, string Suffix)[] steps, string plainSuffix)
    {
        double a = Math.Abs(like);
        foreach (var (scale, suffix) in steps)
            if (a >= scale * 0.9995) return Significant(value / scale) + suffix;
        return Significant(value) + plainSuffix;
    }
}
