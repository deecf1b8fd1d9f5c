using System.Numerics;
using System.Runtime.CompilerServices;
using CapacitySim.Core.Engine.Hourly;
using CapacitySim.Core.Engine.Parameters;
using CapacitySim.Core.Model;

namespace CapacitySim.Core.Engine.Fast;

/// <summary>A month of hourly dispatch over a lane vector: what <see cref="DispatchMonth"/> holds, one lane per sample.</summary>
internal struct DispatchVectors
{
    public Vector<double> Cost, Emissions, Shortfall, Cfe, Curtailed, UnservedHours, BatteryDischarge, GasFuel;
}

/// <summary>
/// <see cref="HourlyDispatch.Month"/> for the samples of a lane vector at once: the same hourly
/// order and the same values, lane by lane, as the scalar dispatch computes for each sample, held
/// to it within 1e-9 by the equivalence tests. Four things differ in form, each for speed:
/// a source gives nothing where it does not serve because its MW is 0 in those lanes (no mask each
/// hour); a lane's surplus and deficit are both worked out, the one not its own 0 (max(0, x)), so a
/// battery takes or gives 0 where the scalar code would skip it; a battery's state is kept as the
/// MWh it can give out (state x sqrt(rte), see <see cref="Battery"/>), and carbon-free energy is
/// summed by part (matched, discharged, each other source's share) at the month's end rather than
/// hour by hour: the same terms in another order and rounding. Each lane's draws (weather, outages,
/// scales) and battery state stay in its <see cref="SiteHours"/>. Minimum and maximum are the
/// processor's (MinNative): they differ from Math.Min and Math.Max only at NaN and at zeros of
/// opposite sign, and every value here is a sum, product or difference of nonnegative numbers,
/// never NaN or -0.
/// </summary>
internal sealed class VectorDispatch(int sources)
{
    private static readonly int W = Vector<double>.Count;

    /// <summary>Each source's month, lane by lane (one sample per lane).</summary>
    private readonly SourceLanes[] _lanesOf = new SourceLanes[sources];
    private readonly HourlySource[] _first = new HourlySource[sources];
    /// <summary>Each gas source's units up per day, [source x W + lane] (null: all up).</summary>
    private readonly int[]?[] _unitsUp = new int[]?[sources * Vector<double>.Count];
    private readonly long[] _mask = new long[Vector<double>.Count];
    /// <summary>Each lane's day factors of solar (first W) and wind (next W), for the month.</summary>
    private readonly double[]?[] _dayFactors = new double[]?[2 * Vector<double>.Count];
    /// <summary>Per calendar month: whether the arrays below are worked out for the lanes' samples, and
    /// the solar and wind sources' k x shape and zero shapes by hour, the hours without output and the
    /// hours alike in every day (<see cref="HourlyDispatch.FlatHours"/>) with their count.</summary>
    private readonly bool[] _known = new bool[12];
    private Vector<double>[] _scaled = [];
    /// <summary>A month's weather by day (solar, then wind) and each other source's MW available by day, kept from month to month (their size: days and sources).</summary>
    private Vector<double>[] _weather = [], _available = [];
    private bool[] _dark = [];
    private readonly bool[] _flat = new bool[12 * 24], _night = new bool[12 * 24];
    private readonly int[] _flatHours = new int[12];
    /// <summary>No source of the site has a trajectory: prices, emissions and carbon-free shares were gathered in Begin.</summary>
    private bool _fixedPrices;

    /// <summary>
    /// New samples in lanes j .. j + <paramref name="lanes"/> - 1 of site <paramref name="s"/>, after
    /// their <see cref="SiteHours.Begin"/>: the sources' fields that stay from month to month are
    /// gathered here once (<see cref="SiteHours.PrepareFixed"/>, and <see cref="SiteHours.PreparePrices"/>
    /// at a site without trajectories), and what was worked out per calendar month (k is drawn per
    /// sample) is worked out again.
    /// </summary>
    public void Begin(SiteHours[] hours, int lanes, ScenarioLayout layout, int s, DrawnSite d, int j)
    {
        Array.Clear(_known);
        var sourceLanes = _lanesOf.AsSpan();
        sourceLanes.Clear();
        // Without trajectories (the layout's flag: the site's or its sources') a source's prices,
        // emissions and carbon-free share are the same every month: gathered here too
        // (PreparePrices at any month gives them).
        _fixedPrices = !layout.AnyTrajectory[s];
        for (int l = 0; l < lanes; l++)
        {
            var fixedFields = hours[l].PrepareFixed(layout, s, d, j + l);
            if (_fixedPrices) fixedFields = hours[l].PreparePrices(layout, s, d, j + l, 0);
            for (int x = 0; x < sourceLanes.Length; x++)
            {
                ref readonly var h = ref fixedFields[x];
                ref var f = ref sourceLanes[x];
                if (l == 0) _first[x] = h;
                Lane(ref f.Mw, l) = h.Mw; Lane(ref f.Scale, l) = h.Scale; Lane(ref f.Energy, l) = h.Energy; Lane(ref f.SqrtEfficiency, l) = h.SqrtEfficiency;
                Lane(ref f.InverseSqrtEfficiency, l) = h.InverseSqrtEfficiency; Lane(ref f.Available, l) = h.Available; Lane(ref f.HeatRate, l) = h.HeatRate;
                if (_fixedPrices) { Lane(ref f.Usd, l) = h.UsdPerMwh; Lane(ref f.Tonnes, l) = h.TonnesPerMwh; Lane(ref f.CfeShare, l) = h.CfeShare; }
            }
        }
    }

    /// <summary>
    /// Dispatches month <paramref name="t"/> of site <paramref name="s"/> for lanes j .. j +
    /// <paramref name="lanes"/> - 1 (the others stay 0) at load <paramref name="load"/> MW,
    /// carrying each lane's battery state in <paramref name="hours"/>.
    /// </summary>
    public DispatchVectors Month(SiteHours[] hours, int lanes, ScenarioLayout layout, int s, DrawnSite d, int j, int t, Vector<double> load)
    {
        var scenario = layout.Scenario;
        int n = _lanesOf.Length;
        int days = scenario.DaysPerMonth;
        int calendarMonth = layout.CalendarMonthOf[t] - 1;
        int year = layout.YearOf[t];
        var zero = Vector<double>.Zero;
        // Lanes past the chunk's count: no load and no source, so every sum stays 0 there.
        load = Select(lanes, load, zero);

        // The month's fields of the sources (Begin gathered the others), lane by lane, into vectors.
        var sourceLanes = _lanesOf.AsSpan();
        Array.Clear(_unitsUp);
        for (int l = 0; l < lanes; l++)
        {
            var month = _fixedPrices ? hours[l].PrepareServes(layout, s, d, j + l, t) : hours[l].PrepareMonth(layout, s, d, j + l, t);
            var state = hours[l].State;
            for (int x = 0; x < n; x++)
            {
                ref readonly var h = ref month[x];
                ref var f = ref sourceLanes[x];
                if (!_fixedPrices) { Lane(ref f.Usd, l) = h.UsdPerMwh; Lane(ref f.Tonnes, l) = h.TonnesPerMwh; Lane(ref f.CfeShare, l) = h.CfeShare; }
                Lane(ref f.State, l) = state[x];
                Unsafe.Add(ref Unsafe.As<Vector<long>, long>(ref f.Serves), l) = h.Serves ? -1L : 0L;
                _unitsUp[x * W + l] = h.UnitsUp;
            }
        }
        foreach (ref var f in sourceLanes) f.Generated = f.Served = zero;
        // The sources by their part in the hourly order, in listed order, each part's fields side by
        // side (one span each, no type test or array bound in the hours).
        int variableCount = 0, batteryCount = 0, otherCount = 0;
        for (int x = 0; x < n; x++)
        {
            switch (_first[x].Type)
            {
                case SourceType.Solar or SourceType.Wind: variableCount++; break;
                case SourceType.Battery: batteryCount++; break;
                default: otherCount++; break;
            }
        }
        Span<VariableLanes> variables = stackalloc VariableLanes[variableCount];
        Span<BatteryLanes> batteries = stackalloc BatteryLanes[batteryCount];
        Span<OtherLanes> others = stackalloc OtherLanes[otherCount];
        // Each solar and wind source's k x shape over the month's 24 hours (the first product of
        // the scalar dispatch's k x s x weather), whether s is 0 there (night for solar: its output
        // is then 0 in every lane and adds nothing), the hours in which every s is 0, and the hours
        // alike in every day: fixed for a calendar month while the lanes' samples stay (k is drawn
        // per sample), so worked out once per calendar month after Begin.
        if (_scaled.Length < 12 * variableCount * 24)
        {
            _scaled = new Vector<double>[12 * variableCount * 24];
            _dark = new bool[12 * variableCount * 24];
            Array.Clear(_known);
        }
        var scaled = _scaled.AsSpan(calendarMonth * variableCount * 24, variableCount * 24);
        var dark = _dark.AsSpan(calendarMonth * variableCount * 24, variableCount * 24);
        var flat = _flat.AsSpan(calendarMonth * 24, 24);
        var night = _night.AsSpan(calendarMonth * 24, 24);
        bool known = _known[calendarMonth];
        if (!known)
        {
            _known[calendarMonth] = true;
            _flatHours[calendarMonth] = HourlyDispatch.FlatHours(_first.AsSpan(0, n), calendarMonth, flat);
        }
        int flatHours = _flatHours[calendarMonth];
        variableCount = batteryCount = otherCount = 0;
        for (int x = 0; x < n; x++)
        {
            switch (_first[x].Type)
            {
                case SourceType.Solar or SourceType.Wind:
                    int v = variableCount++;
                    variables[v] = new VariableLanes { Source = x, Mw = Serving(sourceLanes[x], sourceLanes[x].Mw), Weather = _first[x].Type == SourceType.Wind ? 1 : 0 };
                    if (!known)
                        for (int h = 0; h < 24; h++)
                        {
                            double shape = _first[x].Shape![calendarMonth, h];
                            dark[v * 24 + h] = shape == 0;
                            scaled[v * 24 + h] = sourceLanes[x].Scale * new Vector<double>(shape);
                        }
                    break;
                case SourceType.Battery:
                    batteries[batteryCount++] = new BatteryLanes
                    {
                        Source = x, Stored = sourceLanes[x].State * sourceLanes[x].SqrtEfficiency, Mw = Serving(sourceLanes[x], sourceLanes[x].Mw), Full = sourceLanes[x].Energy * sourceLanes[x].SqrtEfficiency,
                        Rte = sourceLanes[x].SqrtEfficiency * sourceLanes[x].SqrtEfficiency, InverseRte = sourceLanes[x].InverseSqrtEfficiency * sourceLanes[x].InverseSqrtEfficiency,
                    };
                    break;
                default:
                    others[otherCount++] = new OtherLanes
                    {
                        Source = x, Available = Serving(sourceLanes[x], sourceLanes[x].Available), CfeShare = sourceLanes[x].CfeShare, Serves = sourceLanes[x].Serves, Gas = _first[x].Type == SourceType.Gas,
                    };
                    break;
            }
        }
        Span<Vector<double>> otherServed = stackalloc Vector<double>[otherCount];
        otherServed.Clear();
        // The year factors of the month, and each day's weather and gas units up, lane by lane
        // (lanes past the chunk's count: 0, or a gas source's mw, which is 0 there).
        Span<double> lane = stackalloc double[W];
        var dayFactors = _dayFactors;
        for (int w = 0; w < 2; w++)
            for (int l = 0; l < lanes; l++) dayFactors[w * W + l] = hours[l].DayFactors(w);
        Span<Vector<double>> yearFactor = stackalloc Vector<double>[2];
        for (int w = 0; w < 2; w++)
        {
            for (int l = 0; l < W; l++) lane[l] = l < lanes ? hours[l].YearFactor(w, year) : 0;
            yearFactor[w] = new Vector<double>(lane);
        }
        // Each day's weather (solar, then wind) and each other source's MW available (a gas source's
        // of its units up that day, 0 in lanes it does not serve), lane by lane, for the month.
        if (_weather.Length < 2 * days) _weather = new Vector<double>[2 * days];
        if (_available.Length < otherCount * days) _available = new Vector<double>[otherCount * days];
        var weather = _weather.AsSpan(0, 2 * days);
        var available = _available.AsSpan(0, otherCount * days);
        Span<bool> weathers = [false, false];
        foreach (ref readonly var v in variables) weathers[v.Weather] = true;
        for (int w = 0; w < 2; w++)
        {
            if (!weathers[w]) continue;
            for (int i = 0; i < days; i++)
            {
                int day = t * days + i;
                for (int l = 0; l < W; l++) lane[l] = l < lanes ? dayFactors[w * W + l]?[day] ?? 1 : 0;
                weather[w * days + i] = new Vector<double>(lane) * yearFactor[w];
            }
        }
        for (int o = 0; o < otherCount; o++)
        {
            ref readonly var other = ref others[o];
            if (!other.Gas)
            {
                available.Slice(o * days, days).Fill(other.Available);
                continue;
            }
            int x = other.Source;
            for (int i = 0; i < days; i++)
            {
                int day = t * days + i;
                for (int l = 0; l < W; l++)
                {
                    double mw = sourceLanes[x].Mw[l];
                    lane[l] = l < lanes && _unitsUp[x * W + l] is { } up ? mw * up[day] / _first[x].Units : mw;
                }
                available[o * days + i] = Vector.ConditionalSelect(other.Serves, new Vector<double>(lane), zero);
            }
        }

        var sums = new HourSums();
        // An hour is unserved above this share of its load (the scalar dispatch's test, once a month).
        var unservedAbove = new Vector<double>(HourlyDispatch.UnservedTolerance) * load;
        if (!known)
            for (int h = 0; h < 24; h++)
            {
                night[h] = true;
                for (int v = 0; v < variables.Length; v++) night[h] &= dark[v * 24 + h];
            }
        var inputs = new HourInputs { Load = load, UnservedAbove = unservedAbove, Days = days, FlatHours = flatHours };
        if (batteries.Length > 0)
        {
            ref readonly var b = ref batteries[0];
            (sums.Stored, sums.Served) = (b.Stored, b.Served);
            (inputs.Mw, inputs.Full, inputs.Rte, inputs.InverseRte) = (b.Mw, b.Full, b.Rte, b.InverseRte);
            // A night hour's deficit is the load, so the first battery gives at most min(load, mw) in it all month.
            inputs.NightCap = Vector.MinNative(load, b.Mw);
        }
        Days(ref sums, in inputs, flat, night, dark, scaled, weather, available, variables, batteries, otherServed);

        // Back into the month's per-source fields.
        if (batteries.Length > 0) (batteries[0].Stored, batteries[0].Served) = (sums.Stored, sums.Served);
        var (curtailed, unserved, unservedHours, matched) = (sums.Curtailed, sums.Unserved, sums.UnservedHours, sums.Matched);
        foreach (ref readonly var v in variables) sourceLanes[v.Source].Generated = v.Generated;
        // The state of charge again (stored / sqrt(rte)), never above the battery's energy.
        foreach (ref readonly var b in batteries)
        {
            ref var f = ref sourceLanes[b.Source];
            (f.State, f.Served) = (Vector.MinNative(f.Energy, b.Stored * f.InverseSqrtEfficiency), b.Served);
        }
        for (int o = 0; o < others.Length; o++) sourceLanes[others[o].Source].Served = otherServed[o];
        // 4. Carbon-free energy: matched solar and wind, every battery's discharge and the other
        // sources' carbon-free shares of what they served (the scalar dispatch's sum per hour, summed
        // by part: the same terms, all nonnegative, so it differs in the last bits at most).
        var discharged = zero;
        foreach (ref readonly var b in batteries) discharged += b.Served;
        var cfe = matched + discharged;
        for (int o = 0; o < others.Length; o++) cfe += otherServed[o] * others[o].CfeShare;
        var scale = new Vector<double>((double)scenario.Start.AddMonths(t).Days / days);
        var result = new DispatchVectors
        {
            Shortfall = unserved * scale,
            Cfe = cfe * scale,
            Curtailed = curtailed * scale,
            UnservedHours = unservedHours * scale,
            BatteryDischarge = discharged * scale,
        };
        for (int x = 0; x < n; x++)
        {
            var type = _first[x].Type;
            var mwh = (type is SourceType.Solar or SourceType.Wind ? sourceLanes[x].Generated : sourceLanes[x].Served) * scale;
            result.Cost += mwh * sourceLanes[x].Usd;
            result.Emissions += mwh * sourceLanes[x].Tonnes;
            if (type == SourceType.Gas) result.GasFuel += sourceLanes[x].Served * scale * sourceLanes[x].HeatRate;
        }
        for (int l = 0; l < lanes; l++)
        {
            var state = hours[l].State;
            for (int x = 0; x < n; x++) state[x] = sourceLanes[x].State[l];
        }
        return result;
    }

    /// <summary>
    /// The month's D days of 24 hours (steps 1-5 of the hourly order), adding to <paramref name="sums"/>,
    /// each solar and wind source's generation and each other source's service (<paramref name="served"/>);
    /// a day's alike hours (<paramref name="flat"/>, at a site without a battery) are dispatched
    /// once and counted <see cref="HourInputs.FlatHours"/> times. A method of its own, with the sums,
    /// the first battery, the first solar or wind source and the first two other sources in locals:
    /// in the month's method the compiler kept them on the stack, and an add through memory each
    /// hour was the longest chain from hour to hour.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Days(ref HourSums sums, in HourInputs month, ReadOnlySpan<bool> flat, ReadOnlySpan<bool> night, ReadOnlySpan<bool> dark,
        ReadOnlySpan<Vector<double>> scaled, ReadOnlySpan<Vector<double>> weather, ReadOnlySpan<Vector<double>> available,
        Span<VariableLanes> variables, Span<BatteryLanes> batteries, Span<Vector<double>> served)
    {
        var zero = Vector<double>.Zero;
        var one = Vector<double>.One;
        var (load, unservedAbove, nightCap) = (month.Load, month.UnservedAbove, month.NightCap);
        var (mw, full, rte, inverseRte) = (month.Mw, month.Full, month.Rte, month.InverseRte);
        var (stored, batteryServed) = (sums.Stored, sums.Served);
        var (curtailed, unserved, unservedHours, matched) = (sums.Curtailed, sums.Unserved, sums.UnservedHours, sums.Matched);
        int days = month.Days;
        bool anyBattery = batteries.Length > 0;
        int otherCount = served.Length;
        Vector<double> served0 = zero, served1 = zero;
        int variableCount = variables.Length;
        Vector<double> mw0 = zero, generated0 = zero;
        int weather0 = 0;
        if (variableCount > 0) (mw0, weather0) = (variables[0].Mw, variables[0].Weather * days);
        for (int i = 0; i < days; i++)
        {
            var available0 = otherCount > 0 ? available[i] : zero;
            var available1 = otherCount > 1 ? available[days + i] : zero;
            if (month.FlatHours > 0)
            {
                // No solar or wind output and no battery: the load is the deficit in every lane.
                var deficit = load;
                var count = new Vector<double>(month.FlatHours);
                for (int o = 0; o < otherCount; o++)
                {
                    var give = Vector.MinNative(deficit, available[o * days + i]);
                    deficit -= give;
                    if (o == 0) served0 += give * count;
                    else if (o == 1) served1 += give * count;
                    else served[o] += give * count;
                }
                unserved += deficit * count;
                unservedHours += Vector.ConditionalSelect(Vector.GreaterThan(deficit, unservedAbove), count, zero);
            }
            var dayWeather = variableCount > 0 ? weather[weather0 + i] : zero;
            for (int h = 0; h < 24; h++)
            {
                if (flat[h]) continue;
                Vector<double> deficit;
                if (night[h])
                {
                    // No solar or wind output: the deficit is the load (load - 0), so the batteries
                    // only discharge and nothing is curtailed or matched.
                    deficit = load;
                    if (anyBattery)
                    {
                        var give = Vector.MinNative(nightCap, stored);
                        stored -= give;
                        deficit -= give;
                        batteryServed += give;
                        var none = zero;
                        for (int b = 1; b < batteries.Length; b++)
                        {
                            ref var bs = ref batteries[b];
                            Battery(ref bs.Stored, bs.Mw, bs.Full, bs.Rte, bs.InverseRte, Vector<long>.Zero, ref none, ref deficit, ref bs.Served);
                        }
                    }
                }
                else
                {
                    // 1. Solar and wind.
                    var variable = zero;
                    if (!dark[h])
                    {
                        variable = Vector.MinNative(one, scaled[h] * dayWeather) * mw0;
                        generated0 += variable;
                    }
                    for (int v = 1; v < variableCount; v++)
                    {
                        if (dark[v * 24 + h]) continue;
                        ref var vs = ref variables[v];
                        var output = Vector.MinNative(one, scaled[v * 24 + h] * weather[vs.Weather * days + i]) * vs.Mw;
                        vs.Generated += output;
                        variable += output;
                    }
                    matched += Vector.MinNative(load, variable);
                    // 2. Surplus into batteries in listed order; the rest is curtailed. 3. Deficit from
                    // batteries in listed order. A lane is in surplus or in deficit: the other is 0 there.
                    var inSurplus = Vector.GreaterThan(variable, load);
                    var surplus = Vector.MaxNative(zero, variable - load);
                    deficit = Vector.MaxNative(zero, load - variable);
                    if (anyBattery)
                    {
                        Battery(ref stored, mw, full, rte, inverseRte, inSurplus, ref surplus, ref deficit, ref batteryServed);
                        for (int b = 1; b < batteries.Length; b++)
                        {
                            ref var bs = ref batteries[b];
                            Battery(ref bs.Stored, bs.Mw, bs.Full, bs.Rte, bs.InverseRte, inSurplus, ref surplus, ref deficit, ref bs.Served);
                        }
                    }
                    curtailed += surplus;
                }
                // 3. The other sources in listed order.
                if (otherCount > 0)
                {
                    var give = Vector.MinNative(deficit, available0);
                    deficit -= give;
                    served0 += give;
                    if (otherCount > 1)
                    {
                        give = Vector.MinNative(deficit, available1);
                        deficit -= give;
                        served1 += give;
                        for (int o = 2; o < otherCount; o++)
                        {
                            give = Vector.MinNative(deficit, available[o * days + i]);
                            deficit -= give;
                            served[o] += give;
                        }
                    }
                }
                // 5. What is left is unserved.
                unserved += deficit;
                unservedHours += Vector.ConditionalSelect(Vector.GreaterThan(deficit, unservedAbove), one, zero);
            }
        }
        (sums.Stored, sums.Served) = (stored, batteryServed);
        (sums.Curtailed, sums.Unserved, sums.UnservedHours, sums.Matched) = (curtailed, unserved, unservedHours, matched);
        if (otherCount > 0) served[0] += served0;
        if (otherCount > 1) served[1] += served1;
        if (variableCount > 0) variables[0].Generated += generated0;
    }

    /// <summary>What the hours of a month add up to over a lane vector (<see cref="Days"/>), with the first battery's store and service.</summary>
    private struct HourSums
    {
        public Vector<double> Curtailed, Unserved, UnservedHours, Matched, Stored, Served;
    }

    /// <summary>A month's load, the deficit above which an hour is unserved, the first battery's fields (zero without one), the days dispatched and the alike hours of each.</summary>
    private struct HourInputs
    {
        public Vector<double> Load, UnservedAbove, NightCap, Mw, Full, Rte, InverseRte;
        public int Days, FlatHours;
    }

    /// <summary>
    /// One battery's hour, its MW 0 in lanes it does not serve, its store in MWh it could give out
    /// (<see cref="BatteryLanes.Stored"/>): in lanes of <paramref name="inSurplus"/> it takes what it
    /// can of <paramref name="surplus"/>, in the others gives what it can of <paramref name="deficit"/>
    /// (added to <paramref name="served"/>); the other of the two is 0 in a lane, so there it takes
    /// or gives 0. HourlyDispatch's step in the store's units: with u = state x sqrt(rte), taking
    /// min(a, (energy - state) / sqrt(rte)) and storing it at sqrt(rte) is u' = min(full, u + a x rte),
    /// and giving min(b, state x sqrt(rte)) is u' = u - min(b, u), so the hour-to-hour chain is an
    /// add or subtract and a minimum rather than two multiplies, an add and two minimums
    /// (the same values up to rounding; the equivalence tests hold them to the reference engine).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Battery(ref Vector<double> stored, Vector<double> mw, Vector<double> full, Vector<double> rte, Vector<double> inverseRte,
        Vector<long> inSurplus, ref Vector<double> surplus, ref Vector<double> deficit, ref Vector<double> served)
    {
        var intake = Vector.MinNative(surplus, mw);
        var charged = Vector.MinNative(full, stored + intake * rte);
        var give = Vector.MinNative(Vector.MinNative(deficit, mw), stored);
        var take = Vector.MinNative(intake, (full - stored) * inverseRte);
        stored = Vector.ConditionalSelect(inSurplus, charged, stored - give);
        surplus -= take;
        deficit -= give;
        served += give;
    }

    /// <summary>Lane <paramref name="l"/> of <paramref name="v"/>, to write.</summary>
    private static ref double Lane(ref Vector<double> v, int l) => ref Unsafe.Add(ref Unsafe.As<Vector<double>, double>(ref v), l);

    /// <summary>A source's month over a lane vector: lane by lane what <see cref="HourlySource"/> holds, its battery state, and the MWh it generated and served.</summary>
    private struct SourceLanes
    {
        public Vector<double> Mw, Scale, Energy, SqrtEfficiency, InverseSqrtEfficiency, Available, Usd, Tonnes, CfeShare, HeatRate, State, Generated, Served;
        public Vector<long> Serves;
    }

    /// <summary>A solar or wind source's month over a lane vector: source index, MW (0 in lanes it does not serve), its weather (0 solar, 1 wind) and the MWh it generated.</summary>
    private struct VariableLanes
    {
        public int Source, Weather;
        public Vector<double> Mw, Generated;
    }

    /// <summary>
    /// A battery's month over a lane vector: the MWh it could give out now (<see cref="Stored"/>, its
    /// state x sqrt(rte)) and when full (<see cref="Full"/>, energy x sqrt(rte)), MW (0 in lanes it
    /// does not serve), round-trip efficiency and its inverse, and the MWh it served.
    /// </summary>
    private struct BatteryLanes
    {
        public int Source;
        public Vector<double> Stored, Mw, Full, Rte, InverseRte, Served;
    }

    /// <summary>A gas, grid or untyped source's month over a lane vector: MW available each hour (0 in lanes it does not serve; a gas source's, which depends on its units up, is gathered by day instead), carbon-free share, whether each lane has it.</summary>
    private struct OtherLanes
    {
        public int Source;
        public bool Gas;
        public Vector<double> Available, CfeShare;
        public Vector<long> Serves;
    }

    /// <summary><paramref name="value"/> in the lanes <paramref name="source"/> serves this month, 0 in the others: a source that does not serve a lane gives nothing there.</summary>
    private static Vector<double> Serving(in SourceLanes source, Vector<double> value) => Vector.ConditionalSelect(source.Serves, value, Vector<double>.Zero);

    /// <summary><paramref name="inside"/> in lanes below <paramref name="lanes"/>, <paramref name="outside"/> above.</summary>
    private Vector<double> Select(int lanes, Vector<double> inside, Vector<double> outside)
    {
        for (int l = 0; l < W; l++) _mask[l] = l < lanes ? -1L : 0L;
        return Vector.ConditionalSelect(new Vector<long>(_mask), inside, outside);
    }
}
