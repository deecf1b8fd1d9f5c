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

    private readonly Vector<double>[] _mw = new Vector<double>[sources], _scale = new Vector<double>[sources], _energy = new Vector<double>[sources],
        _sqrtEfficiency = new Vector<double>[sources], _available = new Vector<double>[sources], _usd = new Vector<double>[sources],
        _tonnes = new Vector<double>[sources], _cfeShare = new Vector<double>[sources], _heatRate = new Vector<double>[sources],
        _state = new Vector<double>[sources], _generated = new Vector<double>[sources], _served = new Vector<double>[sources];
    private readonly Vector<long>[] _serves = new Vector<long>[sources];
    private readonly HourlySource[] _first = new HourlySource[sources];
    /// <summary>The month's fields of every source and lane, [field][source x W + lane], and which lanes each source serves.</summary>
    private readonly double[][] _fields = [.. Enumerable.Range(0, 10).Select(_ => new double[sources * Vector<double>.Count])];
    private readonly long[] _servesLanes = new long[sources * Vector<double>.Count];
    /// <summary>Each gas source's units up per day, [source x W + lane] (null: all up).</summary>
    private readonly int[]?[] _unitsUp = new int[]?[sources * Vector<double>.Count];
    private readonly double[] _lane = new double[Vector<double>.Count];
    private readonly long[] _mask = new long[Vector<double>.Count];

    /// <summary>
    /// Dispatches month <paramref name="t"/> of site <paramref name="s"/> for lanes j .. j +
    /// <paramref name="lanes"/> - 1 (the others stay 0) at load <paramref name="load"/> MW,
    /// carrying each lane's battery state in <paramref name="hours"/>.
    /// </summary>
    public DispatchVectors Month(SiteHours[] hours, int lanes, ScenarioLayout layout, int s, DrawnSite d, int j, int t, Vector<double> load)
    {
        var scenario = layout.Scenario;
        int n = _mw.Length;
        int days = scenario.DaysPerMonth;
        int calendarMonth = layout.CalendarMonthOf[t] - 1;
        int year = layout.YearOf[t];
        var zero = Vector<double>.Zero;
        var one = Vector<double>.One;
        // Lanes past the chunk's count: no load and no source, so every sum stays 0 there.
        load = Select(lanes, load, zero);

        // The month's sources, lane by lane, gathered into vectors.
        var fields = _fields;
        var serves = _servesLanes;
        foreach (var field in fields) Array.Clear(field);
        Array.Clear(serves);
        Array.Clear(_unitsUp);
        for (int l = 0; l < lanes; l++)
        {
            var month = hours[l].SourcesOf(layout, s, d, j + l, t);
            for (int x = 0; x < n; x++)
            {
                ref readonly var h = ref month[x];
                if (l == 0) _first[x] = h;
                int at = x * W + l;
                fields[0][at] = h.Mw; fields[1][at] = h.Scale; fields[2][at] = h.Energy; fields[3][at] = h.SqrtEfficiency; fields[4][at] = h.Available;
                fields[5][at] = h.UsdPerMwh; fields[6][at] = h.TonnesPerMwh; fields[7][at] = h.CfeShare; fields[8][at] = h.HeatRate;
                fields[9][at] = hours[l].State[x];
                serves[at] = h.Serves ? -1L : 0L;
                _unitsUp[at] = h.UnitsUp;
            }
        }
        for (int x = 0; x < n; x++)
        {
            _mw[x] = new Vector<double>(fields[0], x * W); _scale[x] = new Vector<double>(fields[1], x * W); _energy[x] = new Vector<double>(fields[2], x * W);
            _sqrtEfficiency[x] = new Vector<double>(fields[3], x * W); _available[x] = new Vector<double>(fields[4], x * W); _usd[x] = new Vector<double>(fields[5], x * W);
            _tonnes[x] = new Vector<double>(fields[6], x * W); _cfeShare[x] = new Vector<double>(fields[7], x * W); _heatRate[x] = new Vector<double>(fields[8], x * W);
            _state[x] = new Vector<double>(fields[9], x * W);
            _serves[x] = new Vector<long>(serves, x * W);
            _generated[x] = zero;
            _served[x] = zero;
        }
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
        // the scalar dispatch's k x s x weather), and whether s is 0 there (night for solar: its
        // output is then 0 in every lane and adds nothing).
        Span<Vector<double>> scaled = stackalloc Vector<double>[variableCount * 24];
        Span<bool> dark = stackalloc bool[variableCount * 24];
        variableCount = batteryCount = otherCount = 0;
        for (int x = 0; x < n; x++)
        {
            switch (_first[x].Type)
            {
                case SourceType.Solar or SourceType.Wind:
                    int v = variableCount++;
                    variables[v] = new VariableLanes { Source = x, Mw = _mw[x], Serves = _serves[x], Weather = _first[x].Type == SourceType.Wind ? 1 : 0 };
                    for (int h = 0; h < 24; h++)
                    {
                        double shape = _first[x].Shape![calendarMonth, h];
                        dark[v * 24 + h] = shape == 0;
                        scaled[v * 24 + h] = _scale[x] * new Vector<double>(shape);
                    }
                    break;
                case SourceType.Battery:
                    batteries[batteryCount++] = new BatteryLanes
                    {
                        Source = x, State = _state[x], Mw = _mw[x], Energy = _energy[x], SqrtEfficiency = _sqrtEfficiency[x], Serves = _serves[x],
                    };
                    break;
                default:
                    others[otherCount++] = new OtherLanes
                    {
                        Source = x, Available = _available[x], CfeShare = _cfeShare[x], Serves = _serves[x], Gas = _first[x].Type == SourceType.Gas,
                    };
                    break;
            }
        }
        Span<Vector<double>> otherServed = stackalloc Vector<double>[otherCount], hourServed = stackalloc Vector<double>[otherCount];
        otherServed.Clear();
        // The year factors of the month, and each day's weather and gas units up, lane by lane.
        Span<Vector<double>> yearFactor = stackalloc Vector<double>[2];
        for (int w = 0; w < 2; w++)
        {
            Array.Clear(_lane);
            for (int l = 0; l < lanes; l++) _lane[l] = hours[l].YearFactor(w, year);
            yearFactor[w] = new Vector<double>(_lane);
        }
        Span<Vector<double>> weather = stackalloc Vector<double>[2];

        Vector<double> curtailed = zero, unserved = zero, unservedHours = zero, discharged = zero, cfe = zero;
        var tolerance = new Vector<double>(HourlyDispatch.UnservedTolerance);
        // The hours alike in every day, dispatched once a day as the scalar dispatch does.
        Span<bool> flat = stackalloc bool[24];
        int flatHours = HourlyDispatch.FlatHours(_first.AsSpan(0, n), calendarMonth, flat);
        // The first battery's state and fields in locals: its state is the chain from hour to hour.
        var firstState = zero;
        Vector<double> firstMw = zero, firstEnergy = zero, firstSqrt = one, firstServed = zero;
        var firstServes = Vector<long>.Zero;
        if (batteries.Length > 0)
        {
            ref readonly var b = ref batteries[0];
            (firstState, firstMw, firstEnergy, firstSqrt, firstServes) = (b.State, b.Mw, b.Energy, b.SqrtEfficiency, b.Serves);
        }
        for (int i = 0; i < days; i++)
        {
            int day = t * days + i;
            for (int w = 0; w < 2; w++)
            {
                Array.Clear(_lane);
                for (int l = 0; l < lanes; l++) _lane[l] = hours[l].DayFactors(w)?[day] ?? 1;
                weather[w] = new Vector<double>(_lane) * yearFactor[w];
            }
            foreach (ref var o in others)
            {
                if (!o.Gas) continue;
                int x = o.Source;
                Array.Clear(_lane);
                for (int l = 0; l < lanes; l++)
                {
                    double mw = fields[0][x * W + l];
                    _lane[l] = _unitsUp[x * W + l] is { } up ? mw * up[day] / _first[x].Units : mw;
                }
                o.Available = new Vector<double>(_lane);
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
                unservedHours += Vector.ConditionalSelect(inDeficit & Vector.GreaterThan(deficit, tolerance * load), count, zero);
            }
            for (int h = 0; h < 24; h++)
            {
                if (flat[h]) continue;
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
                    Battery(ref firstState, firstMw, firstEnergy, firstSqrt, firstServes, inSurplus, inDeficit, ref surplus, ref deficit,
                        ref discharged, ref firstServed, ref carbonFree);
                    for (int b = 1; b < batteries.Length; b++)
                    {
                        ref var bs = ref batteries[b];
                        Battery(ref bs.State, bs.Mw, bs.Energy, bs.SqrtEfficiency, bs.Serves, inSurplus, inDeficit, ref surplus, ref deficit,
                            ref discharged, ref bs.Served, ref carbonFree);
                    }
                }
                curtailed += Vector.ConditionalSelect(inSurplus, surplus, zero);
                ServeOthers(others, inDeficit, ref deficit, otherServed, ref carbonFree);
                // 5. What is left is unserved.
                unserved += Vector.ConditionalSelect(inDeficit, deficit, zero);
                unservedHours += Vector.ConditionalSelect(inDeficit & Vector.GreaterThan(deficit, tolerance * load), one, zero);
                // 4. Carbon-free energy of the hour.
                cfe += carbonFree;
            }
        }

        // Back into the month's per-source fields.
        if (batteries.Length > 0) (batteries[0].State, batteries[0].Served) = (firstState, firstServed);
        foreach (ref readonly var v in variables) _generated[v.Source] = v.Generated;
        foreach (ref readonly var b in batteries) (_state[b.Source], _served[b.Source]) = (b.State, b.Served);
        for (int o = 0; o < others.Length; o++) _served[others[o].Source] = otherServed[o];
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
            var mwh = (type is SourceType.Solar or SourceType.Wind ? _generated[x] : _served[x]) * scale;
            result.Cost += mwh * _usd[x];
            result.Emissions += mwh * _tonnes[x];
            if (type == SourceType.Gas) result.GasFuel += _served[x] * scale * _heatRate[x];
        }
        for (int l = 0; l < lanes; l++)
        {
            var state = hours[l].State;
            for (int x = 0; x < n; x++) state[x] = _state[x][l];
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
    private static void Battery(ref Vector<double> state, Vector<double> mw, Vector<double> energy, Vector<double> sqrtEfficiency, Vector<long> serves,
        Vector<long> inSurplus, Vector<long> inDeficit, ref Vector<double> surplus, ref Vector<double> deficit,
        ref Vector<double> discharged, ref Vector<double> served, ref Vector<double> carbonFree)
    {
        var zero = Vector<double>.Zero;
        var take = Vector.MinNative(surplus, Vector.MinNative(mw, (energy - state) / sqrtEfficiency));
        var charging = inSurplus & serves & Vector.GreaterThan(take, zero);
        var give = Vector.MinNative(deficit, Vector.MinNative(mw, state * sqrtEfficiency));
        var giving = inDeficit & serves & Vector.GreaterThan(give, zero);
        var charged = Vector.MinNative(energy, state + take * sqrtEfficiency);
        var drained = Vector.MaxNative(zero, state - give / sqrtEfficiency);
        state = Vector.ConditionalSelect(charging, charged, Vector.ConditionalSelect(giving, drained, state));
        surplus = Vector.ConditionalSelect(charging, surplus - take, surplus);
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
        public Vector<double> State, Mw, Energy, SqrtEfficiency, Served;
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
