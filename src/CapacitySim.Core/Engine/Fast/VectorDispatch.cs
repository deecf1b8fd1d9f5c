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
/// order, every value by the same operations in the same order, lane by lane what the scalar
/// dispatch computes for each sample (the equivalence tests hold the bits). A branch of the scalar
/// code becomes a mask: a lane in surplus neither discharges nor serves, one in deficit neither
/// charges nor curtails, and a source that does not serve a lane adds 0 there. Each lane's draws
/// (weather, outages, scales) and battery state stay in its <see cref="SiteHours"/>. Minimum and
/// maximum are the processor's (MinNative): they differ from Math.Min and Math.Max only at NaN and
/// at zeros of opposite sign, and every value here is a sum, product or difference of nonnegative
/// numbers, never NaN or -0.
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
        // Without trajectories a source's prices, emissions and carbon-free share are the same every
        // month: gathered here too (PreparePrices at any month gives them).
        _fixedPrices = d.Supply!.All(x => x.PriceTrajectory is null && x.GCo2Trajectory is null && x.CfeShareTrajectory is null && x.FuelTrajectory is null);
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
        var one = Vector<double>.One;
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
                    variables[v] = new VariableLanes { Source = x, Mw = sourceLanes[x].Mw, Serves = sourceLanes[x].Serves, Weather = _first[x].Type == SourceType.Wind ? 1 : 0 };
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
                        Source = x, State = sourceLanes[x].State, Mw = sourceLanes[x].Mw, Energy = sourceLanes[x].Energy, SqrtEfficiency = sourceLanes[x].SqrtEfficiency, InverseSqrtEfficiency = sourceLanes[x].InverseSqrtEfficiency, Serves = sourceLanes[x].Serves,
                    };
                    break;
                default:
                    others[otherCount++] = new OtherLanes
                    {
                        Source = x, Available = sourceLanes[x].Available, CfeShare = sourceLanes[x].CfeShare, Serves = sourceLanes[x].Serves, Gas = _first[x].Type == SourceType.Gas,
                    };
                    break;
            }
        }
        Span<Vector<double>> otherServed = stackalloc Vector<double>[otherCount], hourServed = stackalloc Vector<double>[otherCount];
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
        Span<Vector<double>> weather = stackalloc Vector<double>[2];
        // Which weathers (solar, wind) the month's variable sources read.
        Span<bool> weathers = [false, false];
        foreach (ref readonly var v in variables) weathers[v.Weather] = true;

        Vector<double> curtailed = zero, unserved = zero, unservedHours = zero, discharged = zero, cfe = zero;
        // An hour is unserved above this share of its load (the scalar dispatch's test, once a month).
        var unservedAbove = new Vector<double>(HourlyDispatch.UnservedTolerance) * load;
        if (!known)
            for (int h = 0; h < 24; h++)
            {
                night[h] = true;
                for (int v = 0; v < variables.Length; v++) night[h] &= dark[v * 24 + h];
            }
        // The first battery's state and fields in locals: its state is the chain from hour to hour.
        var firstState = zero;
        Vector<double> firstMw = zero, firstEnergy = zero, firstSqrt = one, firstInverse = one, firstServed = zero;
        var firstServes = Vector<long>.Zero;
        if (batteries.Length > 0)
        {
            ref readonly var b = ref batteries[0];
            (firstState, firstMw, firstEnergy, firstSqrt, firstInverse, firstServes) = (b.State, b.Mw, b.Energy, b.SqrtEfficiency, b.InverseSqrtEfficiency, b.Serves);
        }
        for (int i = 0; i < days; i++)
        {
            int day = t * days + i;
            for (int w = 0; w < 2; w++)
            {
                if (!weathers[w]) continue;
                for (int l = 0; l < W; l++) lane[l] = l < lanes ? dayFactors[w * W + l]?[day] ?? 1 : 0;
                weather[w] = new Vector<double>(lane) * yearFactor[w];
            }
            foreach (ref var o in others)
            {
                if (!o.Gas) continue;
                int x = o.Source;
                for (int l = 0; l < W; l++)
                {
                    double mw = sourceLanes[x].Mw[l];
                    lane[l] = l < lanes && _unitsUp[x * W + l] is { } up ? mw * up[day] / _first[x].Units : mw;
                }
                o.Available = new Vector<double>(lane);
            }
            if (flatHours > 0)
            {
                // No solar or wind output and no battery: the load is a deficit in every lane.
                var deficit = load;
                var carbonFree = Vector.MinNative(load, zero);
                var inDeficit = ~Vector.GreaterThan(zero, load);
                hourServed.Clear();
                ServeOthers(others, inDeficit, ref deficit, hourServed, ref carbonFree);
                var count = new Vector<double>(flatHours);
                for (int o = 0; o < others.Length; o++) otherServed[o] += hourServed[o] * count;
                cfe += carbonFree * count;
                unserved += Vector.ConditionalSelect(inDeficit, deficit, zero) * count;
                unservedHours += Vector.ConditionalSelect(inDeficit & Vector.GreaterThan(deficit, unservedAbove), count, zero);
            }
            for (int h = 0; h < 24; h++)
            {
                if (flat[h]) continue;
                if (night[h])
                {
                    // No solar or wind output: no lane is in surplus (the load is not below 0), so
                    // the batteries only discharge and nothing is curtailed; the same operations
                    // as below with variable = 0, those of a lane in deficit.
                    var nightFree = Vector.MinNative(load, zero);
                    var nightDeficit = load - zero;
                    var nightInDeficit = ~Vector.GreaterThan(zero, load);
                    if (batteries.Length > 0)
                    {
                        Discharge(ref firstState, firstMw, firstSqrt, firstInverse, firstServes, nightInDeficit, ref nightDeficit, ref discharged, ref firstServed, ref nightFree);
                        for (int b = 1; b < batteries.Length; b++)
                        {
                            ref var bs = ref batteries[b];
                            Discharge(ref bs.State, bs.Mw, bs.SqrtEfficiency, bs.InverseSqrtEfficiency, bs.Serves, nightInDeficit, ref nightDeficit, ref discharged, ref bs.Served, ref nightFree);
                        }
                    }
                    ServeOthers(others, nightInDeficit, ref nightDeficit, otherServed, ref nightFree);
                    unserved += Vector.ConditionalSelect(nightInDeficit, nightDeficit, zero);
                    unservedHours += Vector.ConditionalSelect(nightInDeficit & Vector.GreaterThan(nightDeficit, unservedAbove), one, zero);
                    cfe += nightFree;
                    continue;
                }
                // 1. Solar and wind.
                var variable = zero;
                for (int v = 0; v < variables.Length; v++)
                {
                    if (dark[v * 24 + h]) continue;
                    ref var vs = ref variables[v];
                    var output = Vector.MinNative(one, scaled[v * 24 + h] * weather[vs.Weather]) * vs.Mw;
                    output = Vector.ConditionalSelect(vs.Serves, output, zero);
                    vs.Generated += output;
                    variable += output;
                }
                var carbonFree = Vector.MinNative(load, variable);
                var inSurplus = Vector.GreaterThan(variable, load);
                // 2. Surplus into batteries in listed order; the rest is curtailed. 3. Deficit from
                // batteries in listed order: a lane charges or discharges, never both, so both are
                // worked out from the hour's state and the one of the lane kept.
                var surplus = variable - load;
                var inDeficit = ~inSurplus;
                var deficit = load - variable;
                if (batteries.Length > 0)
                {
                    Battery(ref firstState, firstMw, firstEnergy, firstSqrt, firstInverse, firstServes, inSurplus, inDeficit, ref surplus, ref deficit,
                        ref discharged, ref firstServed, ref carbonFree);
                    for (int b = 1; b < batteries.Length; b++)
                    {
                        ref var bs = ref batteries[b];
                        Battery(ref bs.State, bs.Mw, bs.Energy, bs.SqrtEfficiency, bs.InverseSqrtEfficiency, bs.Serves, inSurplus, inDeficit, ref surplus, ref deficit,
                            ref discharged, ref bs.Served, ref carbonFree);
                    }
                }
                curtailed += Vector.ConditionalSelect(inSurplus, surplus, zero);
                ServeOthers(others, inDeficit, ref deficit, otherServed, ref carbonFree);
                // 5. What is left is unserved.
                unserved += Vector.ConditionalSelect(inDeficit, deficit, zero);
                unservedHours += Vector.ConditionalSelect(inDeficit & Vector.GreaterThan(deficit, unservedAbove), one, zero);
                // 4. Carbon-free energy of the hour.
                cfe += carbonFree;
            }
        }

        // Back into the month's per-source fields.
        if (batteries.Length > 0) (batteries[0].State, batteries[0].Served) = (firstState, firstServed);
        foreach (ref readonly var v in variables) sourceLanes[v.Source].Generated = v.Generated;
        foreach (ref readonly var b in batteries) (sourceLanes[b.Source].State, sourceLanes[b.Source].Served) = (b.State, b.Served);
        for (int o = 0; o < others.Length; o++) sourceLanes[others[o].Source].Served = otherServed[o];
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
    /// One battery's hour: in lanes of <paramref name="inSurplus"/> it takes what it can of
    /// <paramref name="surplus"/>, in lanes of <paramref name="inDeficit"/> gives what it can of
    /// <paramref name="deficit"/> (added to <paramref name="discharged"/>, <paramref name="served"/>
    /// and <paramref name="carbonFree"/>), by the scalar dispatch's operations. Charge and discharge
    /// both start from <paramref name="state"/>, so the two halve the chain from hour to hour.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Battery(ref Vector<double> state, Vector<double> mw, Vector<double> energy, Vector<double> sqrtEfficiency, Vector<double> inverseSqrtEfficiency, Vector<long> serves,
        Vector<long> inSurplus, Vector<long> inDeficit, ref Vector<double> surplus, ref Vector<double> deficit,
        ref Vector<double> discharged, ref Vector<double> served, ref Vector<double> carbonFree)
    {
        var zero = Vector<double>.Zero;
        var take = Vector.MinNative(surplus, Vector.MinNative(mw, (energy - state) * inverseSqrtEfficiency));
        var charging = inSurplus & serves & Vector.GreaterThan(take, zero);
        var give = Vector.MinNative(deficit, Vector.MinNative(mw, state * sqrtEfficiency));
        var giving = inDeficit & serves & Vector.GreaterThan(give, zero);
        var charged = Vector.MinNative(energy, state + take * sqrtEfficiency);
        var drained = Vector.MaxNative(zero, state - give * inverseSqrtEfficiency);
        state = Vector.ConditionalSelect(charging, charged, Vector.ConditionalSelect(giving, drained, state));
        surplus = Vector.ConditionalSelect(charging, surplus - take, surplus);
        var given = Vector.ConditionalSelect(giving, give, zero);
        deficit = Vector.ConditionalSelect(giving, deficit - give, deficit);
        discharged += given;
        served += given;
        carbonFree += given;
    }

    /// <summary>
    /// <see cref="Battery"/> in an hour without solar or wind output, where every lane is in deficit
    /// or at 0: its discharge half alone, written out (Battery calling this for that half, the same
    /// bits, measured 3-5% slower in the dispatch benchmark).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Discharge(ref Vector<double> state, Vector<double> mw, Vector<double> sqrtEfficiency, Vector<double> inverseSqrtEfficiency, Vector<long> serves, Vector<long> inDeficit,
        ref Vector<double> deficit, ref Vector<double> discharged, ref Vector<double> served, ref Vector<double> carbonFree)
    {
        var zero = Vector<double>.Zero;
        var give = Vector.MinNative(deficit, Vector.MinNative(mw, state * sqrtEfficiency));
        var giving = inDeficit & serves & Vector.GreaterThan(give, zero);
        state = Vector.ConditionalSelect(giving, Vector.MaxNative(zero, state - give * inverseSqrtEfficiency), state);
        var given = Vector.ConditionalSelect(giving, give, zero);
        deficit = Vector.ConditionalSelect(giving, deficit - give, deficit);
        discharged += given;
        served += given;
        carbonFree += given;
    }

    /// <summary>
    /// <see cref="HourlyDispatch"/>'s gas, grid and untyped sources in listed order, lanes in
    /// <paramref name="inDeficit"/> only: each serves what is left of <paramref name="deficit"/>, added
    /// to its entry of <paramref name="served"/>, its carbon-free part to <paramref name="carbonFree"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ServeOthers(ReadOnlySpan<OtherLanes> others, Vector<long> inDeficit, ref Vector<double> deficit, Span<Vector<double>> served,
        ref Vector<double> carbonFree)
    {
        var zero = Vector<double>.Zero;
        for (int o = 0; o < others.Length; o++)
        {
            ref readonly var source = ref others[o];
            var give = Vector.MinNative(deficit, source.Available);
            var active = inDeficit & source.Serves & Vector.GreaterThan(give, zero);
            deficit = Vector.ConditionalSelect(active, deficit - give, deficit);
            served[o] += Vector.ConditionalSelect(active, give, zero);
            carbonFree += Vector.ConditionalSelect(active, give * source.CfeShare, zero);
        }
    }

    /// <summary>Lane <paramref name="l"/> of <paramref name="v"/>, to write.</summary>
    private static ref double Lane(ref Vector<double> v, int l) => ref Unsafe.Add(ref Unsafe.As<Vector<double>, double>(ref v), l);

    /// <summary>A source's month over a lane vector: lane by lane what <see cref="HourlySource"/> holds, its battery state, and the MWh it generated and served.</summary>
    private struct SourceLanes
    {
        public Vector<double> Mw, Scale, Energy, SqrtEfficiency, InverseSqrtEfficiency, Available, Usd, Tonnes, CfeShare, HeatRate, State, Generated, Served;
        public Vector<long> Serves;
    }

    /// <summary>A solar or wind source's month over a lane vector: source index, MW, whether each lane has it, its weather (0 solar, 1 wind) and the MWh it generated.</summary>
    private struct VariableLanes
    {
        public int Source, Weather;
        public Vector<double> Mw, Generated;
        public Vector<long> Serves;
    }

    /// <summary>A battery's month over a lane vector: its fields, state of charge and the MWh it served.</summary>
    private struct BatteryLanes
    {
        public int Source;
        public Vector<double> State, Mw, Energy, SqrtEfficiency, InverseSqrtEfficiency, Served;
        public Vector<long> Serves;
    }

    /// <summary>A gas, grid or untyped source's month over a lane vector: MW available each hour (gas: of the day), carbon-free share, whether each lane has it.</summary>
    private struct OtherLanes
    {
        public int Source;
        public bool Gas;
        public Vector<double> Available, CfeShare;
        public Vector<long> Serves;
    }

    /// <summary><paramref name="inside"/> in lanes below <paramref name="lanes"/>, <paramref name="outside"/> above.</summary>
    private Vector<double> Select(int lanes, Vector<double> inside, Vector<double> outside)
    {
        for (int l = 0; l < W; l++) _mask[l] = l < lanes ? -1L : 0L;
        return Vector.ConditionalSelect(new Vector<long>(_mask), inside, outside);
    }
}
