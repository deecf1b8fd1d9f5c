using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using CapacitySim.Core.Engine.Parameters;
using CapacitySim.Core.Model;

namespace CapacitySim.Core.Engine.Hourly;

/// <summary>
/// One site with typed sources in one sample, as both engines dispatch it (MODEL.md section 8):
/// its weather (a lognormal day factor per day of the run on an AR(1) chain, a year factor per
/// calendar year, for solar and wind), its gas units up per day, each solar and wind source's scale
/// k, and its batteries' state of charge, carried from month to month. Draws are keyed by (seed,
/// sample, site, type or source and unit, day or calendar year), so a sample has the same weather
/// in both engines and on any thread count.
/// </summary>
internal sealed class SiteHours
{
    /// <summary>k by (shape, sigma, capacity factor): the same inputs give the same k, solved once.</summary>
    private static readonly ConcurrentDictionary<(double[,] Shape, double Sigma, double CapacityFactor), double> Scales = new();

    /// <summary>Where the solves of k start, by (shape, sigma): made once (<see cref="OutputScale.Table"/>).</summary>
    private static readonly ConcurrentDictionary<(double[,] Shape, double Sigma), OutputScale.ScaleTable> Tables = new();

    /// <summary>The solar shape of a latitude, made once.</summary>
    private static readonly ConcurrentDictionary<double, double[,]> SolarShapes = new();

    private readonly HourlySource[] _sources;
    private readonly double[] _state;
    private readonly double[] _generated, _served;
    private readonly double[]?[] _dayFactor = new double[]?[2];
    private readonly double[][] _yearFactor = [[], []];
    private readonly int[]?[] _unitsUp;
    /// <summary>The arrays the day factors and units up are drawn into, kept from sample to sample.</summary>
    private readonly double[][] _dayBuffer = [[], []];
    private readonly int[][] _upBuffer;
    /// <summary>Per gas source, the months whose outage days are drawn: drawn when the source first serves in them.</summary>
    private readonly bool[][] _outagesDrawn;
    /// <summary>Per gas source, the keys of its units' outage draws by day (<see cref="ScenarioLayout.OutageKeys"/>).</summary>
    private ulong[]?[] _outageKeys = [];
    private readonly double[] _outageRate;
    private ulong _sampleState;
    private readonly double[] _scale;
    private readonly double[,]?[] _shape;
    private readonly double[] _yearNow = new double[2];

    public SiteHours(int sources)
    {
        _sources = new HourlySource[sources];
        _state = new double[sources];
        _generated = new double[sources];
        _served = new double[sources];
        _unitsUp = new int[]?[sources];
        _upBuffer = [.. Enumerable.Range(0, sources).Select(_ => Array.Empty<int>())];
        _outagesDrawn = [.. Enumerable.Range(0, sources).Select(_ => Array.Empty<bool>())];
        _outageRate = new double[sources];
        _scale = new double[sources];
        _shape = new double[sources][,];
    }

    /// <summary>The number of sources it was made for.</summary>
    public int Sources => _sources.Length;

    /// <summary>The day factors of solar (0) or wind (1) over the run's days; null for 1 every day (the nominal run, or none of that type).</summary>
    public double[]? DayFactors(int w) => _dayFactor[w];

    /// <summary>The year factor of solar (0) or wind (1) in calendar year <paramref name="year"/> of the run (0 for the first).</summary>
    public double YearFactor(int w, int year) => _yearFactor[w][year];

    /// <summary>Each source's state of charge in MWh (batteries only), carried from month to month.</summary>
    public Span<double> State => _state;

    /// <summary>The solar shape at <paramref name="latitude"/>.</summary>
    public static double[,] SolarShapeOf(double latitude) => SolarShapes.GetOrAdd(latitude, SolarShape.Of);

    /// <summary>
    /// The scale k of a solar or wind source of capacity factor <paramref name="capacityFactor"/>:
    /// 0 for a capacity factor of 0 or less; one at or above what any k reaches is taken a billionth below it.
    /// </summary>
    public static double ScaleOf(double[,] shape, double sigma, double capacityFactor)
    {
        if (capacityFactor <= 0) return 0;
        // A capacity factor drawn per sample is a new key every sample: at a bound the cache is emptied
        // rather than left to grow (a sweep or plan runs many scenarios in one process); a k solved
        // again is the same bits.
        if (Scales.TryGetValue((shape, sigma, capacityFactor), out double known)) return known;
        double k = Solve(shape, sigma, capacityFactor);
        // Counted here rather than by Scales.Count, which takes every lock of the dictionary.
        if (Scales.TryAdd((shape, sigma, capacityFactor), k) && Interlocked.Increment(ref _scalesAdded) >= ScaleCacheLimit)
        {
            Scales.Clear();
            Interlocked.Exchange(ref _scalesAdded, 0);
        }
        return k;

        static double Solve(double[,] shape, double sigma, double capacityFactor)
        {
            var table = Tables.GetOrAdd((shape, sigma), key => OutputScale.Table(key.Shape, key.Sigma));
            return OutputScale.Solve(Math.Min(capacityFactor, table.Limit * (1 - 1e-9)), shape, sigma, table);
        }
    }

    /// <summary>Most k kept by <see cref="ScaleOf"/> before it starts again, and how many it has added since.</summary>
    private const int ScaleCacheLimit = 4096;
    private static int _scalesAdded;

    /// <summary>The standard normal at the stream's first uniform.</summary>
    private static double Normal(Sampler sampler, int sample, ulong key) => NormalQuantile.Of(sampler.Uniform(sample, key));

    /// <summary>The key of draw <paramref name="index"/> of the stream named <paramref name="name"/>.</summary>
    private static ulong KeyOf(ulong name, long index) => CounterRandom.Mix(name + (ulong)index * CounterRandom.Golden);

    /// <summary>Draws sample <paramref name="sample"/>'s weather and outages for site <paramref name="s"/> and sets its batteries half full; <paramref name="lane"/> is the sample's lane in <paramref name="d"/>.</summary>
    public void Begin(ScenarioLayout layout, int s, DrawnSite d, int lane, Sampler sampler, int sample)
    {
        var scenario = layout.Scenario;
        var site = scenario.Sites[s];
        var sources = site.Supply!;
        var supply = d.Supply!;
        bool nominal = sampler.IsNominal;
        int days = scenario.DaysPerMonth * layout.Months;
        int years = scenario.End.Year - scenario.Start.Year + 1;
        _sampleState = sampler.SampleState(sample);
        _outageKeys = nominal ? [] : layout.OutageKeys(s);
        for (int w = 0; w < 2; w++)
        {
            var type = w == 0 ? SourceType.Solar : SourceType.Wind;
            _dayFactor[w] = null;
            if (_yearFactor[w].Length != years) _yearFactor[w] = new double[years];
            Array.Fill(_yearFactor[w], 1.0);
            if (nominal || !sources.Any(x => x.Type == type)) continue;
            var weather = site.Weather.Of(type);
            string stream = $"sites[{s}].weather.{(w == 0 ? "solar" : "wind")}";
            // Day factors: z on an AR(1) chain across the run's days, X = exp(sigma z - sigma^2 / 2).
            double daySigma = OutputScale.Sigma(weather.DayCv), rho = weather.DayCorrelation, innovation = Math.Sqrt(1 - rho * rho);
            ulong dayKey = CounterRandom.KeyOf(stream + ".day");
            if (_dayBuffer[w].Length != days) _dayBuffer[w] = new double[days];
            var factors = _dayBuffer[w];
            double z = 0;
            for (int day = 0; day < days; day++)
            {
                double e = Normal(sampler, sample, KeyOf(dayKey, day));
                z = day == 0 ? e : rho * z + innovation * e;
                factors[day] = Math.Exp(daySigma * z - daySigma * daySigma / 2);
            }
            _dayFactor[w] = factors;
            double yearSigma = OutputScale.Sigma(weather.YearCv);
            ulong yearKey = CounterRandom.KeyOf(stream + ".year");
            for (int y = 0; y < years; y++)
                _yearFactor[w][y] = Math.Exp(yearSigma * Normal(sampler, sample, KeyOf(yearKey, scenario.Start.Year + y)) - yearSigma * yearSigma / 2);
        }
        for (int x = 0; x < sources.Count; x++)
        {
            var source = sources[x];
            _unitsUp[x] = null;
            _state[x] = 0;
            _scale[x] = 0;
            _shape[x] = null;
            switch (source.Type)
            {
                case SourceType.Battery:
                    _state[x] = supply[x].Mw[lane] * supply[x].Hours[lane] / 2;
                    break;
                case SourceType.Gas when !nominal:
                    // Outages are drawn month by month as the source first serves in them (OutagesOf):
                    // the draws are keyed by day, so which months are drawn changes no value.
                    if (_upBuffer[x].Length != days) _upBuffer[x] = new int[days];
                    if (_outagesDrawn[x].Length != layout.Months) _outagesDrawn[x] = new bool[layout.Months];
                    else Array.Clear(_outagesDrawn[x]);
                    _outageRate[x] = supply[x].ForcedOutageRate[lane];
                    _unitsUp[x] = _upBuffer[x];
                    break;
                case SourceType.Solar or SourceType.Wind:
                {
                    var shape = source.Type == SourceType.Solar ? SolarShapeOf(site.Latitude!.Value) : WindShape.Shape;
                    var weather = site.Weather.Of(source.Type);
                    double sigma = nominal ? 0 : OutputScale.Sigma(weather.DayCv, weather.YearCv);
                    _shape[x] = shape;
                    _scale[x] = ScaleOf(shape, sigma, supply[x].CapacityFactor[lane]);
                    break;
                }
            }
        }
    }

    /// <summary>Dispatches month <paramref name="t"/> at load <paramref name="load"/> MW (facility demand) for lane <paramref name="lane"/> of <paramref name="d"/>.</summary>
    public DispatchMonth Month(ScenarioLayout layout, int s, DrawnSite d, int lane, int t, double load)
    {
        var scenario = layout.Scenario;
        Prepare(layout, s, d, lane, t);
        int year = layout.YearOf[t];
        _yearNow[0] = _yearFactor[0][year];
        _yearNow[1] = _yearFactor[1][year];
        int calendarMonth = layout.CalendarMonthOf[t] - 1;
        int daysInMonth = scenario.Start.AddMonths(t).Days;
        return HourlyDispatch.Month(_sources, _state, load, t, calendarMonth, scenario.DaysPerMonth, daysInMonth, _dayFactor, _yearNow, _generated, _served);
    }

    /// <summary>
    /// <paramref name="days"/> days of calendar month <paramref name="calendarMonth"/> (0 = January)
    /// with the sources of run month <paramref name="t"/>, at load <paramref name="load"/> MW, each
    /// hour told to <paramref name="record"/>: the typical days of a chart. Batteries carry on from
    /// their state; the weather is this sample's year factor of month t and no day factors, and
    /// every gas unit is up.
    /// </summary>
    public void Days(ScenarioLayout layout, int s, DrawnSite d, int lane, int t, double load, int calendarMonth, int days, HourlyDispatch.HourRecorder record)
    {
        Prepare(layout, s, d, lane, t);
        // Every gas unit up, as in the typical year.
        for (int x = 0; x < _sources.Length; x++) _sources[x].UnitsUp = null;
        int year = layout.YearOf[t];
        _yearNow[0] = _yearFactor[0][year];
        _yearNow[1] = _yearFactor[1][year];
        HourlyDispatch.Month(_sources, _state, load, t, calendarMonth, days, days, [null, null], _yearNow, _generated, _served, record);
    }

    /// <summary>
    /// Gas source <paramref name="x"/>'s units up per day of the run, with month <paramref name="t"/>'s
    /// <paramref name="daysPerMonth"/> days drawn (null in the nominal run: every unit up). Each unit
    /// is down for a whole day with probability forced_outage_rate, drawn per unit and day.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int[]? OutagesOf(int x, int t, int daysPerMonth)
    {
        var up = _unitsUp[x];
        if (up is null || _outagesDrawn[x][t]) return up;
        _outagesDrawn[x][t] = true;
        var keys = _outageKeys[x]!;
        int units = keys.Length / up.Length;
        double rate = _outageRate[x];
        var state = Vector256.Create(_sampleState);
        var rates = Vector256.Create(rate);
        // The month's keys are contiguous (day by day, unit by unit): each is drawn once, four at a
        // time where vectors are fast, with the same two mixes and the same uniform as one by one,
        // bit for bit; a unit drawn down takes one off its day's units up.
        int firstDay = t * daysPerMonth, first = firstDay * units, count = daysPerMonth * units, k = 0;
        up.AsSpan(firstDay, daysPerMonth).Fill(units);
        if (Vector256.IsHardwareAccelerated)
            for (; k + 4 <= count; k += 4)
            {
                var key = Vector256.Create((ReadOnlySpan<ulong>)keys.AsSpan(first + k, 4));
                uint below = Vector256.ExtractMostSignificantBits(Vector256.LessThan(CounterRandom.FirstUniform(CounterRandom.Mix(state ^ key)), rates));
                for (; below != 0; below &= below - 1) up[firstDay + (k + BitOperations.TrailingZeroCount(below)) / units]--;
            }
        for (; k < count; k++)
            if (CounterRandom.FirstUniform(_sampleState, keys[first + k]) < rate) up[firstDay + k / units]--;
        return up;
    }

    /// <summary>The sources as the dispatch sees them in month <paramref name="t"/>, lane <paramref name="lane"/>.</summary>
    private void Prepare(ScenarioLayout layout, int s, DrawnSite d, int lane, int t)
    {
        PrepareFixed(layout, s, d, lane);
        PrepareMonth(layout, s, d, lane, t);
    }

    /// <summary>
    /// The fields of the sources that stay from month to month for lane <paramref name="lane"/>:
    /// type, MW, k and shape, a battery's energy and efficiency, a gas source's units and heat
    /// rate, a grid's or untyped source's MW available; <see cref="PrepareMonth"/> sets the rest.
    /// </summary>
    internal ReadOnlySpan<HourlySource> PrepareFixed(ScenarioLayout layout, int s, DrawnSite d, int lane)
    {
        var site = layout.Scenario.Sites[s];
        var supply = d.Supply!;
        for (int x = 0; x < _sources.Length; x++)
        {
            var source = site.Supply![x];
            ref readonly var drawn = ref supply[x];
            double mw = drawn.Mw[lane];
            var h = new HourlySource { Type = source.Type, Mw = mw, Scale = _scale[x], Shape = _shape[x] };
            switch (source.Type)
            {
                case SourceType.Battery:
                    h.Energy = mw * drawn.Hours[lane];
                    h.SqrtEfficiency = Math.Sqrt(drawn.RoundTripEfficiency[lane]);
                    h.InverseSqrtEfficiency = 1 / h.SqrtEfficiency;
                    break;
                case SourceType.Gas:
                    h.Units = source.Units;
                    h.HeatRate = drawn.HeatRateMmbtuPerMwh[lane];
                    break;
                case SourceType.Grid:
                    h.Available = mw;
                    break;
                case SourceType.Untyped:
                    h.Available = mw * drawn.CapacityFactor[lane];
                    break;
            }
            _sources[x] = h;
        }
        return _sources;
    }

    /// <summary>
    /// The fields of the sources that month <paramref name="t"/> sets for lane <paramref name="lane"/>
    /// (after <see cref="PrepareFixed"/>): <see cref="PrepareServes"/> and <see cref="PreparePrices"/>.
    /// </summary>
    internal ReadOnlySpan<HourlySource> PrepareMonth(ScenarioLayout layout, int s, DrawnSite d, int lane, int t)
    {
        PrepareServes(layout, s, d, lane, t);
        return PreparePrices(layout, s, d, lane, t);
    }

    /// <summary>Whether each source serves in month <paramref name="t"/>, and a gas source's units up (its outages of the month drawn here).</summary>
    internal ReadOnlySpan<HourlySource> PrepareServes(ScenarioLayout layout, int s, DrawnSite d, int lane, int t)
    {
        var supply = d.Supply!;
        for (int x = 0; x < _sources.Length; x++)
        {
            ref readonly var drawn = ref supply[x];
            ref var h = ref _sources[x];
            h.Serves = drawn.FirstMonth(lane) <= t && t < drawn.UntilPosition;
            if (h.Type == SourceType.Gas) h.UnitsUp = h.Serves ? OutagesOf(x, t, layout.Scenario.DaysPerMonth) : null;
        }
        return _sources;
    }

    /// <summary>
    /// Price and emissions per MWh in month <paramref name="t"/> (gas: fuel included), and a grid's or
    /// untyped source's carbon-free share: the same every month for sources without trajectories.
    /// </summary>
    internal ReadOnlySpan<HourlySource> PreparePrices(ScenarioLayout layout, int s, DrawnSite d, int lane, int t)
    {
        var site = layout.Scenario.Sites[s];
        var supply = d.Supply!;
        for (int x = 0; x < _sources.Length; x++)
        {
            var source = site.Supply![x];
            ref readonly var drawn = ref supply[x];
            ref var h = ref _sources[x];
            double price = drawn.PriceAt(t, lane), tonnes = drawn.GCo2At(t, lane) / 1000;
            h.UsdPerMwh = price;
            h.TonnesPerMwh = tonnes;
            switch (source.Type)
            {
                case SourceType.Battery:
                    h.UsdPerMwh = h.TonnesPerMwh = 0;
                    break;
                case SourceType.Gas:
                    h.UsdPerMwh = h.HeatRate * drawn.FuelAt(t, lane) + price;
                    if (source.GCo2FromFuel) h.TonnesPerMwh = ModelDefaults.GasKgCo2PerMmbtu * h.HeatRate / 1000;
                    break;
                case SourceType.Grid:
                    h.CfeShare = drawn.CfeShareAt(t, lane);
                    break;
                case SourceType.Untyped:
                    h.CfeShare = drawn.GCo2At(t, lane) == 0 ? 1 : 0;
                    break;
            }
        }
        return _sources;
    }
}
