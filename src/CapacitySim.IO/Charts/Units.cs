using System.Globalization;

namespace CapacitySim.IO.Charts;

/// <summary>A display unit: values are divided by <see cref="Divisor"/> and labelled with <see cref="Label"/>.</summary>
public sealed record DisplayUnit(double Divisor, string Label)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The unit for a series of MW whose largest value is <paramref name="maxMw"/>: MW below 1 GW, else GW.</summary>
    public static DisplayUnit Power(double maxMw) => maxMw >= 1000 ? new(1000, "GW") : new(1, "MW");

    /// <summary>MWh shown as TWh from 1 TWh, else GWh.</summary>
    public static DisplayUnit Energy(double maxMwh) => maxMwh >= 1e6 ? new(1e6, "TWh") : new(1e3, "GWh");

    /// <summary>USD shown as $B from $1B, else $M.</summary>
    public static DisplayUnit Money(double maxUsd) => maxUsd >= 1e9 ? new(1e9, "$B") : new(1e6, "$M");

    /// <summary>A FLOP/s value with an SI prefix: 2.5e18 -> "2.5 EFLOP/s".</summary>
    public static string Flops(double value)
    {
        if (value <= 0 || !double.IsFinite(value)) return "0";
        (double Scale, string Prefix)[] prefixes = [(1e21, "Z"), (1e18, "E"), (1e15, "P"), (1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k"), (1, "")];
        foreach (var (scale, prefix) in prefixes)
            if (value >= scale * 0.999) return (value / scale).ToString("0.##", Inv) + $" {prefix}FLOP/s";
        return value.ToString("0.##E0", Inv) + " FLOP/s";
    }

    /// <summary>A plain number for tick labels, invariant culture.</summary>
    public static string Number(double value) => value.ToString("#,0.##", Inv);
}
