using CapacitySim.Core.Model;

namespace CapacitySim.Core.Engine.Hourly;

/// <summary>One source of a site as the hourly dispatch sees it in one month of one sample.</summary>
public struct HourlySource
{
    public SourceType Type;
    /// <summary>True when the source is in its from..until this month.</summary>
    public bool Serves;
    /// <summary>Nameplate MW (a battery's power).</summary>
    public double Mw;
    /// <summary>Solar and wind: the scale k of per-unit output; the shape [month, hour] it multiplies.</summary>
    public double Scale;
    public double[,]? Shape;
    /// <summary>Untyped: MW available every hour (mw x capacity_factor); grid: its import limit.</summary>
    public double Available;
    /// <summary>Battery: energy in MWh (mw x hours), the square root of its round-trip efficiency and that root's inverse (what is taken in or given out per MWh of state: a multiply where a divide would sit on the hour-to-hour chain of the state).</summary>
    public double Energy, SqrtEfficiency, InverseSqrtEfficiency;
    /// <summary>Gas: units, and per day of the run the number of them up (null: all up).</summary>
    public int Units;
    public int[]? UnitsUp;
    /// <summary>USD and tCO2 per MWh paid and emitted: on generation for solar and wind, on what it serves for the others (gas: fuel included).</summary>
    public double UsdPerMwh, TonnesPerMwh;
    /// <summary>Carbon-free share of what it serves: a grid's cfe_share, 1 for an untyped source of 0 gCO2/kWh, else 0.</summary>
    public double CfeShare;
    /// <summary>Gas: MMBtu burned per MWh served (its heat rate).</summary>
    public double HeatRate;
}

/// <summary>What a month's hours add up to for one site and sample, scaled to the month (days(t) / D).</summary>
public struct DispatchMonth
{
    public double Cost, Emissions, Shortfall, Cfe, Curtailed, UnservedHours, BatteryDischarge, GasFuel;
}

/// <summary>
/// The hourly order of MODEL.md section 8 for one site, one sample and one month: D days of 24
/// hours at the month's flat load; solar and wind first, surplus into batteries in listed order
/// and the rest curtailed, a deficit from batteries in listed order, then the other sources in
/// listed order, the rest unserved. Both engines call it, so its order of operations is the model's.
/// </summary>
public static class HourlyDispatch
{
    /// <summary>
    /// Told after each hour, for a chart of typical days: the day (0 .. D - 1) and hour, the
    /// month's running sums of each source's generation and service (MWh) and the batteries' state
    /// (MWh) after the hour, the hour's curtailment and unserved MW.
    /// </summary>
    public delegate void HourRecorder(int day, int hour, ReadOnlySpan<double> generated, ReadOnlySpan<double> served, ReadOnlySpan<double> batteryState, double curtailed, double unserved);

    /// <summary>An hour is unserved when more than this share of its load is.</summary>
    public const double UnservedTolerance = 1e-9;

    /// <summary>
    /// Dispatches month <paramref name="t"/> (calendar month <paramref name="calendarMonth"/>, 0 =
    /// January, <paramref name="daysInMonth"/> days) at load <paramref name="load"/> MW.
    /// <paramref name="batteryState"/> holds each source's state of charge in MWh (used for
    /// batteries only) and is carried on; <paramref name="dayFactor"/> and <paramref name="yearFactor"/>
    /// give a solar (index 0) or wind (index 1) source's weather on day t x D + i and in this
    /// month's calendar year. <paramref name="generated"/> and <paramref name="served"/> receive
    /// each source's MWh of the simulated days (not scaled), for the caller's checks.
    /// </summary>
    public static DispatchMonth Month(ReadOnlySpan<HourlySource> sources, Span<double> batteryState, double load, int t, int calendarMonth,
        int daysPerMonth, int daysInMonth, double[]?[] dayFactor, double[] yearFactor, Span<double> generated, Span<double> served, HourRecorder? record = null)
    {
        generated.Clear();
        served.Clear();
        double curtailed = 0, unserved = 0, unservedHours = 0, discharged = 0, cfe = 0;
        Span<bool> flat = stackalloc bool[24];
        int flatHours = record is null ? FlatHours(sources, calendarMonth, flat) : 0;
        Span<double> hourServed = stackalloc double[sources.Length];
        for (int i = 0; i < daysPerMonth; i++)
        {
            int day = t * daysPerMonth + i;
            if (flatHours > 0)
            {
                // The day's alike hours at once: no solar or wind output and no battery, so the
                // load is a deficit served by the other sources in listed order, then unserved.
                double deficit = load, carbonFree = Math.Min(load, 0.0);
                hourServed.Clear();
                ServeOthers(sources, day, ref deficit, hourServed, ref carbonFree);
                double n = flatHours;
                for (int x = 0; x < sources.Length; x++) served[x] += hourServed[x] * n;
                cfe += carbonFree * n;
                unserved += deficit * n;
                if (deficit > UnservedTolerance * load) unservedHours += n;
            }
            for (int h = 0; h < 24; h++)
            {
                if (flat[h]) continue;
                // 1. Solar and wind.
                double variable = 0;
                for (int x = 0; x < sources.Length; x++)
                {
                    ref readonly var s = ref sources[x];
                    if (!s.Serves || s.Type is not (SourceType.Solar or SourceType.Wind)) continue;
                    int w = s.Type == SourceType.Wind ? 1 : 0;
                    double weather = (dayFactor[w]?[day] ?? 1) * yearFactor[w];
                    double output = Math.Min(1, s.Scale * s.Shape![calendarMonth, h] * weather) * s.Mw;
                    generated[x] += output;
                    variable += output;
                }
                double carbonFree = Math.Min(load, variable);
                double hourCurtailed = 0, hourUnserved = 0;
                if (variable > load)
                {
                    // 2. Surplus into batteries in listed order; the rest is curtailed.
                    double surplus = variable - load;
                    for (int x = 0; x < sources.Length && surplus > 0; x++)
                    {
                        ref readonly var s = ref sources[x];
                        if (!s.Serves || s.Type != SourceType.Battery) continue;
                        double take = Math.Min(surplus, Math.Min(s.Mw, (s.Energy - batteryState[x]) * s.InverseSqrtEfficiency));
                        if (take <= 0) continue;
                        batteryState[x] = Math.Min(s.Energy, batteryState[x] + take * s.SqrtEfficiency);
                        surplus -= take;
                    }
                    curtailed += surplus;
                    hourCurtailed = surplus;
                }
                else
                {
                    // 3. Deficit from batteries in listed order, then the other sources in listed order.
                    double deficit = load - variable;
                    for (int x = 0; x < sources.Length && deficit > 0; x++)
                    {
                        ref readonly var s = ref sources[x];
                        if (!s.Serves || s.Type != SourceType.Battery) continue;
                        double give = Math.Min(deficit, Math.Min(s.Mw, batteryState[x] * s.SqrtEfficiency));
                        if (give <= 0) continue;
                        batteryState[x] = Math.Max(0, batteryState[x] - give * s.InverseSqrtEfficiency);
                        deficit -= give;
                        discharged += give;
                        served[x] += give;
                        carbonFree += give;
                    }
                    ServeOthers(sources, day, ref deficit, served, ref carbonFree);
                    // 5. What is left is unserved.
                    unserved += deficit;
                    hourUnserved = deficit;
                    if (deficit > UnservedTolerance * load) unservedHours++;
                }
                // 4. Carbon-free energy of the hour: matched solar and wind, discharge, carbon-free shares.
                cfe += carbonFree;
                record?.Invoke(i, h, generated, served, batteryState, hourCurtailed, hourUnserved);
            }
        }

        double scale = (double)daysInMonth / daysPerMonth;
        var month = new DispatchMonth
        {
            Shortfall = unserved * scale,
            Cfe = cfe * scale,
            Curtailed = curtailed * scale,
            UnservedHours = unservedHours * scale,
            BatteryDischarge = discharged * scale,
        };
        for (int x = 0; x < sources.Length; x++)
        {
            ref readonly var s = ref sources[x];
            // Solar and wind are paid and emit on all they generate; the others on what they serve.
            double mwh = (s.Type is SourceType.Solar or SourceType.Wind ? generated[x] : served[x]) * scale;
            month.Cost += mwh * s.UsdPerMwh;
            month.Emissions += mwh * s.TonnesPerMwh;
            if (s.Type == SourceType.Gas) month.GasFuel += served[x] * scale * s.HeatRate;
        }
        return month;
    }

    /// <summary>
    /// Step 3's second part: the gas, grid and untyped sources in listed order serve what is left of
    /// <paramref name="deficit"/>, each what it gives added to <paramref name="served"/> and its
    /// carbon-free part to <paramref name="carbonFree"/>.
    /// </summary>
    private static void ServeOthers(ReadOnlySpan<HourlySource> sources, int day, ref double deficit, Span<double> served, ref double carbonFree)
    {
        for (int x = 0; x < sources.Length && deficit > 0; x++)
        {
            ref readonly var s = ref sources[x];
            if (!s.Serves || s.Type is SourceType.Solar or SourceType.Wind or SourceType.Battery) continue;
            double give = Math.Min(deficit, Available(s, day));
            if (give <= 0) continue;
            deficit -= give;
            served[x] += give;
            carbonFree += give * s.CfeShare;
        }
    }

    /// <summary>What a gas, grid or untyped source can serve in an hour of day <paramref name="day"/>: gas its units up's share of mw.</summary>
    private static double Available(in HourlySource s, int day) => s.Type == SourceType.Gas
        ? s.UnitsUp is { } up ? s.Mw * up[day] / s.Units : s.Mw
        : s.Available;

    /// <summary>
    /// Marks the hours of calendar month <paramref name="calendarMonth"/> that are alike in every
    /// day (at a site without batteries, the hours in which every solar and wind source's shape is
    /// 0: the load, the gas units up and the grid are the same all day) and returns how many there
    /// are; none at a site with a battery, whose state carries from hour to hour. They depend on
    /// the site's sources and the month alone, not on the sample, so both engines take the same
    /// hours together: each day dispatches one of them and counts it that many times.
    /// </summary>
    public static int FlatHours(ReadOnlySpan<HourlySource> sources, int calendarMonth, Span<bool> flat)
    {
        flat.Clear();
        foreach (ref readonly var s in sources)
            if (s.Type == SourceType.Battery) return 0;
        int count = 0;
        for (int h = 0; h < 24; h++)
        {
            bool alike = true;
            foreach (ref readonly var s in sources)
                if (s.Type is SourceType.Solar or SourceType.Wind && s.Shape![calendarMonth, h] > 0) alike = false;
            flat[h] = alike;
            if (alike) count++;
        }
        return count;
    }
}
