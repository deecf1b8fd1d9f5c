using CapacitySim.Core.Model;

namespace CapacitySim.Core.Engine.Parameters;

/// <summary>An accelerator's draws: pos(available) + slip_months, dense peak FLOP/s, all-in IT watts, capex per accelerator, embodied kgCO2e per accelerator.</summary>
internal readonly record struct DrawnGeneration(Lane AvailablePosition, Lane PeakFlops, Lane AllInWatts, Lane UnitCostUsd, Lane EmbodiedKg);

/// <summary>A trajectory's draws: the points' month positions and their values; null when the number is constant.</summary>
internal sealed record DrawnTrajectory(int[] Positions, Lane[] Values)
{
    /// <summary>The value at month t in lane j: linear between points at their positions, flat outside (as <see cref="Formulas.Researchers"/>).</summary>
    public double At(int t, int j)
    {
        if (t <= Positions[0]) return Values[0][j];
        for (int p = 1; p < Positions.Length; p++)
            if (t <= Positions[p])
                return Values[p - 1][j] + (Values[p][j] - Values[p - 1][j]) * (t - Positions[p - 1]) / (Positions[p] - Positions[p - 1]);
        return Values[^1][j];
    }

    /// <summary>As <see cref="At"/> over the lane vector at j, in the same order of operations.</summary>
    public System.Numerics.Vector<double> VectorAt(int t, int j)
    {
        if (t <= Positions[0]) return Values[0].At(j);
        for (int p = 1; p < Positions.Length; p++)
            if (t <= Positions[p])
                return Values[p - 1].At(j) + (Values[p].At(j) - Values[p - 1].At(j)) * new System.Numerics.Vector<double>(t - Positions[p - 1]) / new System.Numerics.Vector<double>(Positions[p] - Positions[p - 1]);
        return Values[^1].At(j);
    }
}

/// <summary>A phase's draws: o_p = pos(online) + delay_months (or the end of its path), IT MW (facility MW / design PUE where given so), ramp months, shape, named accelerator or -1.</summary>
internal readonly record struct DrawnPhase(Lane OnlinePosition, Lane ItMw, Lane RampMonths, bool Linear, int NamedAccelerator);

/// <summary>
/// A supply source's draws and the positions of the months it serves, pos(from) &lt;= t &lt; pos(until);
/// <see cref="HasFrom"/> false for a source built before the run (no capex); build months rounded.
/// A source with a path (<see cref="HasPath"/>) has its first month per sample in
/// <see cref="PathFrom"/> (the path's end rounded up) instead of <see cref="FromPosition"/>.
/// </summary>
internal readonly record struct DrawnSupply(
    Lane Mw, int FromPosition, int UntilPosition, bool HasFrom, Lane PriceUsdPerMwh, Lane GCo2PerKwh,
    Lane FirmFraction, Lane CapacityFactor, Lane CapexUsdPerMw, Lane BuildMonths, bool HasPath = false, Lane PathFrom = default)
{
    /// <summary>Embodied tCO2e per MW, spread over the build months as capex.</summary>
    public Lane EmbodiedTco2PerMw { get; init; }

    /// <summary>The typed fields (MODEL.md section 8), drawn for typed sources only (0 otherwise): a battery's hours and round-trip efficiency, a gas source's outage rate, heat rate and fuel price, a grid's carbon-free share.</summary>
    public Lane Hours { get; init; }
    public Lane RoundTripEfficiency { get; init; }
    public Lane ForcedOutageRate { get; init; }
    public Lane HeatRateMmbtuPerMwh { get; init; }
    public Lane FuelUsdPerMmbtu { get; init; }
    public Lane CfeShare { get; init; }

    /// <summary>Price and intensity over time, or null where <see cref="PriceUsdPerMwh"/> / <see cref="GCo2PerKwh"/> hold for every month.</summary>
    public DrawnTrajectory? PriceTrajectory { get; init; }
    public DrawnTrajectory? GCo2Trajectory { get; init; }

    /// <summary>The price in month t, lane j.</summary>
    public double PriceAt(int t, int j) => PriceTrajectory?.At(t, j) ?? PriceUsdPerMwh[j];

    /// <summary>The intensity in gCO2/kWh in month t, lane j.</summary>
    public double GCo2At(int t, int j) => GCo2Trajectory?.At(t, j) ?? GCo2PerKwh[j];

    /// <summary>A grid's carbon-free share and a gas source's fuel price over time, or null where the single numbers hold.</summary>
    public DrawnTrajectory? CfeShareTrajectory { get; init; }
    public DrawnTrajectory? FuelTrajectory { get; init; }

    /// <summary>The carbon-free share in month t, lane j.</summary>
    public double CfeShareAt(int t, int j) => CfeShareTrajectory?.At(t, j) ?? CfeShare[j];

    /// <summary>The fuel price in USD per MMBtu in month t, lane j.</summary>
    public double FuelAt(int t, int j) => FuelTrajectory?.At(t, j) ?? FuelUsdPerMmbtu[j];

    /// <summary>The first month the source serves in lane <paramref name="j"/>: pos(from), the path's end rounded up, or int.MinValue.</summary>
    public double FirstMonth(int j) => HasPath ? PathFrom[j] : FromPosition;
}

/// <summary>A site's draws; <see cref="Supply"/> null is the unlimited grid; build months rounded.</summary>
internal sealed record DrawnSite(
    Lane Pue, Lane DesignPue, Lane LoadFactor, Lane Mfu, Lane LifetimeYears, Lane CapexUsdPerItMw, Lane BuildMonths, Lane TrainingShare,
    Lane WueLitresPerKwh, Lane GridPriceUsdPerMwh, Lane GridGCo2PerKwh,
    DrawnSupply[]? Supply, DrawnPhase[] Phases)
{
    /// <summary>Embodied tCO2e per IT MW of the facility.</summary>
    public Lane EmbodiedTco2PerItMw { get; init; }

    /// <summary>The carbon-free share of the site's grid (the unlimited grid's, and a typed grid's default).</summary>
    public Lane GridCfeShare { get; init; }

    /// <summary>Book lives Lm in whole months (12 x years, rounded half away from zero, at least 1): facility, supply, and hardware (lifetime_years, or hardware_book_years when it is 0).</summary>
    public Lane FacilityLifeMonths { get; init; }
    public Lane SupplyLifeMonths { get; init; }
    public Lane HardwareLifeMonths { get; init; }

    /// <summary>Cost of capital per year and the O&amp;M shares per year.</summary>
    public Lane Wacc { get; init; }
    public Lane OmFacilityShare { get; init; }
    public Lane OmHardwareShare { get; init; }

    /// <summary>Grid price and intensity over time, or null where the single numbers hold.</summary>
    public DrawnTrajectory? GridPriceTrajectory { get; init; }
    public DrawnTrajectory? GridGCo2Trajectory { get; init; }

    /// <summary>The grid price in month t, lane j.</summary>
    public double GridPriceAt(int t, int j) => GridPriceTrajectory?.At(t, j) ?? GridPriceUsdPerMwh[j];

    /// <summary>The grid intensity in gCO2/kWh in month t, lane j.</summary>
    public double GridGCo2At(int t, int j) => GridGCo2Trajectory?.At(t, j) ?? GridGCo2PerKwh[j];

    /// <summary>grid_cfe_share over time, or null where <see cref="GridCfeShare"/> holds.</summary>
    public DrawnTrajectory? GridCfeShareTrajectory { get; init; }

    /// <summary>The grid's carbon-free share in month t, lane j.</summary>
    public double GridCfeShareAt(int t, int j) => GridCfeShareTrajectory?.At(t, j) ?? GridCfeShare[j];
}

/// <summary>The draws of the scenario's own (u) numbers: research_share and the training block.</summary>
internal readonly record struct DrawnRun(Lane ResearchShare, Lane TrainingDays, Lane AcceleratorMtbfHours, Lane CheckpointMinutes, Lane RestartMinutes);

/// <summary>
/// Draws a scenario's (u) parameters for a block of samples (docs/model.md section 2), the one place
/// both engines get their numbers from: the reference engine a block of one sample, the fast engine
/// a chunk. Each parameter becomes a <see cref="Lane"/> over the block; buffers come from a pool
/// that <see cref="Release"/> hands back, so a kernel reuses them site after site.
/// </summary>
internal sealed class ParameterDrawer(ScenarioLayout layout, Sampler sampler, int lanes)
{
    private readonly List<double[]> _pool = [];
    private int _used;
    private int _first;
    private int _count;
    /// <summary>This block's draws of the parameters several sites take, kept apart from the pool.</summary>
    private readonly Dictionary<Uncertain, Lane> _shared = new(ReferenceEqualityComparer.Instance);
    private readonly double[][] _sharedBuffers = [.. layout.Shared.Select(_ => new double[lanes])];

    /// <summary>Starts a block of samples first .. first + count - 1, hands back every buffer and draws the shared parameters.</summary>
    public void Begin(int first, int count)
    {
        _first = first;
        _count = count;
        _used = 0;
        _shared.Clear();
        for (int i = 0; i < layout.Shared.Length; i++)
            _shared[layout.Shared[i]] = Lane.Draw(layout.Shared[i], sampler, first, count, _sharedBuffers[i]);
    }

    /// <summary>How many pool buffers are in use: pass it to <see cref="Release"/> to keep what was drawn before.</summary>
    public int Mark => _used;

    /// <summary>Hands back the buffers drawn since <paramref name="mark"/>.</summary>
    public void Release(int mark) => _used = mark;

    /// <summary>
    /// The parameter over the block's samples; a shared one is copied from its draw of this block
    /// (callers may change their lane in place).
    /// </summary>
    public Lane Draw(Uncertain u)
    {
        // A fixed number is the same scalar shared or not (most of a site's fields): no lookup.
        if (!u.IsRandom) return Lane.Of(sampler.Draw(u));
        if (!_shared.TryGetValue(u, out var drawn)) return Lane.Draw(u, sampler, _first, _count, Buffer());
        if (drawn.Values is null) return drawn;
        var buffer = Buffer();
        drawn.Values.CopyTo(buffer, 0);
        return new Lane(0, buffer);
    }

    /// <summary>
    /// A count of months: drawn, clamped, then rounded to whole months, half away from zero
    /// (docs/model.md section 2). Equal parameters give equal lanes, so a source that takes its
    /// site's build_months gets the same months.
    /// </summary>
    public Lane DrawMonths(Uncertain u)
    {
        var lane = Draw(u);
        if (lane.Values is null) return Lane.Of(Math.Round(lane.Scalar, MidpointRounding.AwayFromZero));
        var buffer = lane.Values;
        for (int j = 0; j < buffer.Length; j++) buffer[j] = Math.Round(buffer[j], MidpointRounding.AwayFromZero);
        return lane;
    }

    /// <summary>research_share and the training block.</summary>
    public DrawnRun Run()
    {
        var scenario = layout.Scenario;
        var training = scenario.Training;
        return new DrawnRun(Draw(scenario.ResearchShare), Draw(training.Days), Draw(training.AcceleratorMtbfHours), Draw(training.CheckpointMinutes), Draw(training.RestartMinutes));
    }

    /// <summary>Every accelerator the run uses (others are default); indexed like the catalog.</summary>
    public DrawnGeneration[] Catalog()
    {
        var catalog = layout.Scenario.Catalog;
        var start = layout.Scenario.Start;
        var drawn = new DrawnGeneration[catalog.Count];
        for (int a = 0; a < catalog.Count; a++)
        {
            if (!layout.UsedGenerations[a]) continue;
            var g = catalog[a];
            drawn[a] = new DrawnGeneration(Add(Draw(g.SlipMonths), g.Available.PositionFrom(start)), Draw(g.PeakFlops), Draw(g.AllInWatts), Draw(g.UnitCostUsd), Draw(g.EmbodiedKgCo2e));
        }
        return drawn;
    }

    /// <summary>Every parameter of site <paramref name="s"/>.</summary>
    public DrawnSite Site(int s)
    {
        var site = layout.Scenario.Sites[s];
        var at = layout.Sites[s];
        var pue = Draw(site.Pue);
        // A design_pue left to default is the very same parameter as pue: the same draw, one buffer.
        var designPue = ReferenceEquals(site.DesignPue, site.Pue) ? pue : Draw(site.DesignPue);
        var loadFactor = Draw(site.LoadFactor);
        var mfu = Draw(site.Mfu);
        var lifetime = Draw(site.LifetimeYears);
        var capex = Draw(site.CapexUsdPerItMw);
        var buildMonths = DrawMonths(site.BuildMonths);
        var trainingShare = Draw(site.TrainingShare);
        var wue = Draw(site.WueLitresPerKwh);
        var gridPrice = Draw(site.GridPriceUsdPerMwh);
        var gridGCo2 = Draw(site.GridGCo2PerKwh);
        DrawnSupply[]? supply = null;
        if (site.Supply is { } sources)
        {
            supply = new DrawnSupply[sources.Count];
            for (int x = 0; x < supply.Length; x++)
            {
                var source = sources[x];
                // A source that takes its site's build_months has the very same parameter: the same lane.
                var months = ReferenceEquals(source.BuildMonths, site.BuildMonths) ? buildMonths : DrawMonths(source.BuildMonths);
                supply[x] = new DrawnSupply(Draw(source.Mw), at.SupplyFrom[x], at.SupplyUntil[x], source.IsBuilt,
                    Draw(source.PriceUsdPerMwh), Draw(source.GCo2PerKwh), Draw(source.FirmFraction), Draw(source.CapacityFactor), Draw(source.CapexUsdPerMw), months,
                    source.Path is not null, source.Path is { } path ? Ceiling(PathEnd(path)) : default)
                {
                    EmbodiedTco2PerMw = source.EmbodiedFromHours ? Scale(Draw(source.Hours), ModelDefaults.BatteryEmbodiedTco2PerMwh) : Draw(source.EmbodiedTco2PerMw),
                    PriceTrajectory = DrawTrajectory(source.PriceTrajectory),
                    GCo2Trajectory = DrawTrajectory(source.GCo2Trajectory),
                };
                if (source.Type != SourceType.Untyped)
                    supply[x] = supply[x] with
                    {
                        Hours = Draw(source.Hours),
                        RoundTripEfficiency = Draw(source.RoundTripEfficiency),
                        ForcedOutageRate = Draw(source.ForcedOutageRate),
                        HeatRateMmbtuPerMwh = Draw(source.HeatRateMmbtuPerMwh),
                        FuelUsdPerMmbtu = Draw(source.FuelUsdPerMmbtu),
                        CfeShare = Draw(source.CfeShare),
                        CfeShareTrajectory = DrawTrajectory(source.CfeShareTrajectory),
                        FuelTrajectory = DrawTrajectory(source.FuelTrajectory),
                    };
            }
        }
        var phases = new DrawnPhase[site.Phases.Count];
        for (int p = 0; p < phases.Length; p++)
        {
            var phase = site.Phases[p];
            var online = phase.Path is { } path ? PathEnd(path) : Add(Draw(phase.DelayMonths), at.OnlinePosition[p]);
            var itMw = phase.ItMw is { } it ? Draw(it) : Divide(Draw(phase.FacilityMw!), designPue);
            phases[p] = new DrawnPhase(online, itMw, Draw(phase.RampMonths), phase.Ramp == RampShape.Linear, at.NamedAccelerator[p]);
        }
        var life = site.Life;
        return new DrawnSite(pue, designPue, loadFactor, mfu, lifetime, capex, buildMonths, trainingShare, wue, gridPrice, gridGCo2, supply, phases)
        {
            EmbodiedTco2PerItMw = Draw(life.EmbodiedTco2PerItMw),
            GridCfeShare = Draw(site.GridCfeShare),
            FacilityLifeMonths = LifeMonths(Draw(life.FacilityLifeYears)),
            SupplyLifeMonths = LifeMonths(Draw(life.SupplyLifeYears)),
            HardwareLifeMonths = HardwareLife(lifetime, Draw(life.HardwareBookYears)),
            Wacc = Draw(life.Wacc),
            OmFacilityShare = Draw(life.OmFacilityShare),
            OmHardwareShare = Draw(life.OmHardwareShare),
            GridPriceTrajectory = DrawTrajectory(site.GridPriceTrajectory),
            GridGCo2Trajectory = DrawTrajectory(site.GridGCo2Trajectory),
            GridCfeShareTrajectory = DrawTrajectory(site.GridCfeShareTrajectory),
        };
    }

    /// <summary>A trajectory's points drawn, or null for none.</summary>
    private DrawnTrajectory? DrawTrajectory(Trajectory? trajectory) => trajectory is null ? null
        : new DrawnTrajectory([.. trajectory.Points.Select(p => p.Month.PositionFrom(layout.Scenario.Start))], [.. trajectory.Points.Select(p => Draw(p.Value))]);

    /// <summary>Lm = 12 x years rounded half away from zero, at least 1 (MODEL.md section 10), in place.</summary>
    private static Lane LifeMonths(Lane years)
    {
        if (years.Values is null) return Lane.Of(Formulas.LifeMonths(years.Scalar));
        var buffer = years.Values;
        for (int j = 0; j < buffer.Length; j++) buffer[j] = Formulas.LifeMonths(buffer[j]);
        return years;
    }

    /// <summary>Hardware's Lm: 12 x lifetime_years, or 12 x hardware_book_years where lifetime_years is 0.</summary>
    private Lane HardwareLife(Lane lifetime, Lane book)
    {
        if (lifetime.Values is null && book.Values is null) return Lane.Of(Formulas.LifeMonths(lifetime.Scalar == 0 ? book.Scalar : lifetime.Scalar));
        var buffer = Buffer();
        for (int j = 0; j < buffer.Length; j++) buffer[j] = Formulas.LifeMonths(lifetime[j] == 0 ? book[j] : lifetime[j]);
        return new Lane(0, buffer);
    }

    /// <summary>
    /// The end position of a path (docs/model.md "Time to power"): pos(start) + its stages in
    /// series, each drawn on its own (weeks x 12 / 52), a parallel stage the longest of its branches.
    /// </summary>
    public Lane PathEnd(PowerPath path) => Add(StagesMonths(path.Stages), path.Start.PositionFrom(layout.Scenario.Start));

    private Lane StagesMonths(IReadOnlyList<PathStage> stages)
    {
        var sum = Lane.Of(0);
        foreach (var stage in stages)
        {
            var months = stage switch
            {
                DurationStage d => d.InWeeks ? Scale(Draw(d.Duration), PathStage.MonthsPerWeek) : Draw(d.Duration),
                ParallelStage p => p.Branches.Select(StagesMonths).Aggregate(Max),
                _ => throw new InvalidOperationException($"unknown path stage {stage}"),
            };
            sum = Combine(sum, months, static (a, b) => a + b);
        }
        return sum;
    }

    private Lane Max(Lane a, Lane b) => Combine(a, b, Math.Max);

    /// <summary>f(a, b) per sample, into a fresh buffer unless both are scalars.</summary>
    private Lane Combine(Lane a, Lane b, Func<double, double, double> f)
    {
        if (a.Values is null && b.Values is null) return Lane.Of(f(a.Scalar, b.Scalar));
        var buffer = Buffer();
        for (int j = 0; j < buffer.Length; j++) buffer[j] = f(a[j], b[j]);
        return new Lane(0, buffer);
    }

    /// <summary>lane x <paramref name="factor"/>, in place.</summary>
    private static Lane Scale(Lane lane, double factor)
    {
        if (lane.Values is null) return Lane.Of(lane.Scalar * factor);
        var buffer = lane.Values;
        for (int j = 0; j < buffer.Length; j++) buffer[j] *= factor;
        return lane;
    }

    /// <summary>The lane rounded up to whole months, in place.</summary>
    private static Lane Ceiling(Lane lane)
    {
        if (lane.Values is null) return Lane.Of(Math.Ceiling(lane.Scalar));
        var buffer = lane.Values;
        for (int j = 0; j < buffer.Length; j++) buffer[j] = Math.Ceiling(buffer[j]);
        return lane;
    }

    /// <summary>The researcher counts of each point, or null without researchers.</summary>
    public Lane[]? ResearcherCounts() => layout.Scenario.Researchers?.Select(r => Draw(r.Count)).ToArray();

    private double[] Buffer()
    {
        if (_used == _pool.Count) _pool.Add(new double[lanes]);
        return _pool[_used++];
    }

    /// <summary>lane + <paramref name="add"/>, in place.</summary>
    private static Lane Add(Lane lane, double add)
    {
        if (lane.Values is null) return Lane.Of(lane.Scalar + add);
        var buffer = lane.Values;
        for (int j = 0; j < buffer.Length; j++) buffer[j] += add;
        return lane;
    }

    /// <summary>The sampler the draws come from (weather and outages draw from it too).</summary>
    public Sampler Sampler => sampler;

    /// <summary>a / b per sample.</summary>
    private Lane Divide(Lane a, Lane b)
    {
        if (a.Values is null && b.Values is null) return Lane.Of(a.Scalar / b.Scalar);
        var buffer = Buffer();
        for (int j = 0; j < buffer.Length; j++) buffer[j] = a[j] / b[j];
        return new Lane(0, buffer);
    }
}
