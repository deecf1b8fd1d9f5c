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
/// (weather, outages, scales) and battery state stay in its <see cref="SiteHours"/>.
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
        // The sources by their part in the hourly order, in listed order.
        Span<int> variables = stackalloc int[n], batteries = stackalloc int[n], others = stackalloc int[n];
        int variableCount = 0, batteryCount = 0, otherCount = 0;
        for (int x = 0; x < n; x++)
        {
            switch (_first[x].Type)
            {
                case SourceType.Solar or SourceType.Wind: variables[variableCount++] = x; break;
                case SourceType.Battery: batteries[batteryCount++] = x; break;
                default: others[otherCount++] = x; break;
            }
        }
        variables = variables[..variableCount];
        batteries = batteries[..batteryCount];
        others = others[..otherCount];
        // The year factors of the month, and each day's weather and gas units up, lane by lane.
        Span<Vector<double>> yearFactor = stackalloc Vector<double>[2];
        for (int w = 0; w < 2; w++)
        {
            Array.Clear(_lane);
            for (int l = 0; l < lanes; l++) _lane[l] = hours[l].YearFactor(w, year);
            yearFactor[w] = new Vector<double>(_lane);
        }
        Span<Vector<double>> weather = stackalloc Vector<double>[2];
        Span<Vector<double>> gasAvailable = stackalloc Vector<double>[n];

        Vector<double> curtailed = zero, unserved = zero, unservedHours = zero, discharged = zero, cfe = zero;
        var tolerance = new Vector<double>(HourlyDispatch.UnservedTolerance);
        // Each solar and wind source's shape over the month's 24 hours, and whether it is 0 there
        // (night for solar: its output is then 0 in every lane and adds nothing).
        Span<double> shapes = stackalloc double[variables.Length * 24];
        for (int v = 0; v < variables.Length; v++)
            for (int h = 0; h < 24; h++) shapes[v * 24 + h] = _first[variables[v]].Shape![calendarMonth, h];
        // The hours alike in every day, dispatched once a day as the scalar dispatch does.
        Span<bool> flat = stackalloc bool[24];
        int flatHours = HourlyDispatch.FlatHours(_first.AsSpan(0, n), calendarMonth, flat);
        Span<Vector<double>> hourServed = stackalloc Vector<double>[n];
        for (int i = 0; i < days; i++)
        {
            int day = t * days + i;
            for (int w = 0; w < 2; w++)
            {
                Array.Clear(_lane);
                for (int l = 0; l < lanes; l++) _lane[l] = hours[l].DayFactors(w)?[day] ?? 1;
                weather[w] = new Vector<double>(_lane) * yearFactor[w];
            }
            for (int x = 0; x < n; x++)
            {
                if (_first[x].Type != SourceType.Gas) continue;
                Array.Clear(_lane);
                for (int l = 0; l < lanes; l++)
                {
                    double mw = fields[0][x * W + l];
                    _lane[l] = _unitsUp[x * W + l] is { } up ? mw * up[day] / _first[x].Units : mw;
                }
                gasAvailable[x] = new Vector<double>(_lane);
            }
            if (flatHours > 0)
            {
                // No solar or wind output and no battery: the load is a deficit in every lane.
                var deficit = load;
                var carbonFree = Vector.Min(load, zero);
                var inDeficit = ~Vector.GreaterThan(zero, load);
                hourServed.Clear();
                ServeOthers(others, gasAvailable, inDeficit, ref deficit, hourServed, ref carbonFree);
                var count = new Vector<double>(flatHours);
                for (int x = 0; x < n; x++) _served[x] += hourServed[x] * count;
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
                    double shape = shapes[v * 24 + h];
                    if (shape == 0) continue;
                    int x = variables[v];
                    var output = Vector.Min(one, _scale[x] * new Vector<double>(shape) * weather[_first[x].Type == SourceType.Wind ? 1 : 0]) * _mw[x];
                    output = Vector.ConditionalSelect(_serves[x], output, zero);
                    _generated[x] += output;
                    variable += output;
                }
                var carbonFree = Vector.Min(load, variable);
                var inSurplus = Vector.GreaterThan(variable, load);
                // 2. Surplus into batteries in listed order; the rest is curtailed.
                var surplus = variable - load;
                foreach (int x in batteries)
                {
                    var take = Vector.Min(surplus, Vector.Min(_mw[x], (_energy[x] - _state[x]) / _sqrtEfficiency[x]));
                    var active = inSurplus & _serves[x] & Vector.GreaterThan(take, zero);
                    _state[x] = Vector.ConditionalSelect(active, Vector.Min(_energy[x], _state[x] + take * _sqrtEfficiency[x]), _state[x]);
                    surplus = Vector.ConditionalSelect(active, surplus - take, surplus);
                }
                curtailed += Vector.ConditionalSelect(inSurplus, surplus, zero);
                // 3. Deficit from batteries in listed order, then the other sources in listed order.
                var inDeficit = ~inSurplus;
                var deficit = load - variable;
                foreach (int x in batteries)
                {
                    var give = Vector.Min(deficit, Vector.Min(_mw[x], _state[x] * _sqrtEfficiency[x]));
                    var active = inDeficit & _serves[x] & Vector.GreaterThan(give, zero);
                    _state[x] = Vector.ConditionalSelect(active, Vector.Max(zero, _state[x] - give / _sqrtEfficiency[x]), _state[x]);
                    var given = Vector.ConditionalSelect(active, give, zero);
                    deficit = Vector.ConditionalSelect(active, deficit - give, deficit);
                    discharged += given;
                    _served[x] += given;
                    carbonFree += given;
                }
                ServeOthers(others, gasAvailable, inDeficit, ref deficit, _served, ref carbonFree);
                // 5. What is left is unserved.
                unserved += Vector.ConditionalSelect(inDeficit, deficit, zero);
                unservedHours += Vector.ConditionalSelect(inDeficit & Vector.GreaterThan(deficit, tolerance * load), one, zero);
                // 4. Carbon-free energy of the hour.
                cfe += carbonFree;
            }
        }

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
    /// <see cref="HourlyDispatch"/>'s gas, grid and untyped sources in listed order, lanes in
    /// <paramref name="inDeficit"/> only: each serves what is left of <paramref name="deficit"/>, added
    /// to <paramref name="served"/>, its carbon-free part to <paramref name="carbonFree"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ServeOthers(ReadOnlySpan<int> others, ReadOnlySpan<Vector<double>> gasAvailable, Vector<long> inDeficit,
        ref Vector<double> deficit, Span<Vector<double>> served, ref Vector<double> carbonFree)
    {
        var zero = Vector<double>.Zero;
        foreach (int x in others)
        {
            var available = _first[x].Type == SourceType.Gas ? gasAvailable[x] : _available[x];
            var give = Vector.Min(deficit, available);
            var active = inDeficit & _serves[x] & Vector.GreaterThan(give, zero);
            deficit = Vector.ConditionalSelect(active, deficit - give, deficit);
            served[x] += Vector.ConditionalSelect(active, give, zero);
            carbonFree += Vector.ConditionalSelect(active, give * _cfeShare[x], zero);
        }
    }

    /// <summary><paramref name="inside"/> in lanes below <paramref name="lanes"/>, <paramref name="outside"/> above.</summary>
    private Vector<double> Select(int lanes, Vector<double> inside, Vector<double> outside)
    {
        for (int l = 0; l < W; l++) _mask[l] = l < lanes ? -1L : 0L;
        return Vector.ConditionalSelect(new Vector<long>(_mask), inside, outside);
    }
}
