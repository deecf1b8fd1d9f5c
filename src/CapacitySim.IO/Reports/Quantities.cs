using System.Globalization;

namespace CapacitySim.IO.Reports;

/// <summary>
/// Numbers for people: three significant figures with the SI prefix that fits the quantity
/// (456 MW, 1.23 GW; 12.3 TWh; $45.6B; 1.23M H100e; 2.5 EFLOP/s; 3.8e25 FLOP).
/// </summary>
public static class Quantities
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Formats a value given in a metric's unit (the unit column of monthly.csv).</summary>
    public static string Format(double value, string unit)
    {
        if (double.IsNaN(value)) return "n/a";
        return unit switch
        {
            "MW" => Scaled(value, [(1e3, " GW"), (1, " MW")], " MW"),
            "MWh" => Scaled(value, [(1e6, " TWh"), (1e3, " GWh"), (1, " MWh")], " MWh"),
            "USD" => Money(value),
            "FLOP/s" => Scaled(value, [(1e21, " ZFLOP/s"), (1e18, " EFLOP/s"), (1e15, " PFLOP/s"), (1e12, " TFLOP/s")], " FLOP/s"),
            "FLOP" => value == 0 ? "0 FLOP" : value.ToString("0.00e0", Inv) + " FLOP",
            "tCO2" => Scaled(value, [(1e6, " MtCO2"), (1e3, " ktCO2"), (1, " tCO2")], " tCO2"),
            "m3" => Scaled(value, [(1e9, " km3"), (1e6, " million m3"), (1, " m3")], " m3"),
            "H100e" => Scaled(value, [(1e6, "M"), (1e3, "k")], "") + " H100e",
            "count" or "people" => Scaled(value, [(1e6, "M"), (1e3, "k")], ""),
            // Ratios (H100e/researcher, PFLOP/s/researcher) read best as plain numbers under a header naming the unit.
            _ => Significant(value),
        };
    }

    /// <summary>"7.78 ZFLOP/s [6.73, 8.79]": a middle value with a band, the band's ends without the unit when it is the same.</summary>
    public static string WithBand(double middle, double low, double high, string unit)
    {
        string m = Format(middle, unit), l = Format(low, unit), h = Format(high, unit);
        static string Suffix(string text) => text.Contains(' ') ? text[text.IndexOf(' ')..] : "";
        string suffix = Suffix(m);
        if (suffix.Length > 0 && Suffix(l) == suffix && Suffix(h) == suffix)
        {
            l = l[..^suffix.Length];
            h = h[..^suffix.Length];
        }
        return $"{m} [{l}, {h}]";
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

    private static string Scaled(double value, (double Scale, string Suffix)[] steps, string plainSuffix)
    {
        double a = Math.Abs(value);
        foreach (var (scale, suffix) in steps)
            if (a >= scale * 0.9995) return Significant(value / scale) + suffix;
        return Significant(value) + plainSuffix;
    }
}
