using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CapacitySim.Core.Engine.Hourly;
using CapacitySim.Core.Engine.Parameters;

namespace CapacitySim.Core.Engine.Fast;

/// <summary>
/// The per-thread state of the fast engine, reused for every chunk and site. A chunk's parameters
/// are drawn into lanes (fixed numbers stay scalars); each site is then run lane vector by lane
/// vector in two dense passes over the months: its phases into base rows, then every metric from
/// those rows, written straight into the result (site scope) and added to its region's sums, whose
/// sum is the total.
/// </summary>
internal sealed class ChunkKernel
{
    private static readonly int W = Vector<double>.Count;
    private const int Lanes = Accumulators.Lanes;

    private readonly ScenarioLayout _layout;
    private readonly SimulationResult _result;
    private readonly ParameterDrawer _drawer;
    private readonly Accumulators _sums;
    private readonly FrontierSums _frontier;
    private readonly int _months;
    private readonly int _samples;
    private int _first;


    public ChunkKernel(ScenarioLayout layout, SimulationResult result, Sampler sampler)
    {
        _layout = layout;
        _result = result;
        _drawer = new ParameterDrawer(layout, sampler, Lanes);
        _sums = new Accumulators(layout, result);
        _frontier = new FrontierSums(layout, result);
        _months = layout.Months;
        _samples = result.Samples;
    }

    public void Run(int first, int count)
    {
        _first = first;
        _drawer.Begin(first, count);
        var drawn = _drawer.Catalog();
        var generations = new GenerationLanes[drawn.Length];
        for (int a = 0; a < drawn.Length; a++)
            if (_layout.UsedGenerations[a])
                generations[a] = new GenerationLanes(drawn[a].AvailablePosition, drawn[a].PeakFlops, Reciprocal(drawn[a].AllInWatts, 1e6), drawn[a].UnitCostUsd, drawn[a].EmbodiedKg);
        var h100Peak = generations[_layout.H100].PeakFlops;
        var run = _drawer.Run();
        int catalogBuffers = _drawer.Mark;

        _frontier.Start(run);
        _sums.Clear();
        var order = _sums.SiteOrder;
        for (int at = 0; at < order.Length;)
        {
            // Up to GroupSize sites of one region run together, month block by month block, so the
            // region's sums of a block stay in L1 from one site to the next.
            int size = 1;
            while (size < GroupSize && at + size < order.Length && _sums.BucketOfSite[order[at + size]] == _sums.BucketOfSite[order[at]]) size++;
            _drawer.Release(catalogBuffers);
            for (int k = 0; k < size; k++) _group[k].Prepare(order[at + k], _drawer.Site(order[at + k]), this);
            RunGroup(size, count, generations, h100Peak);
            at += size;
        }
        _sums.SumBuckets();
        _sums.CopyToResult(first, count, _layout.HoursOf, h100Peak);
        _frontier.Finish(first, count, run, _drawer.ResearcherCounts());
        _result.DeriveMetrics(first, count);
    }

    /// <summary><paramref name="numerator"/> / lane, in place (the lane's buffer is this chunk's own).</summary>
    private static Lane Reciprocal(Lane lane, double numerator)
    {
        if (lane.Values is null) return Lane.Of(numerator / lane.Scalar);
        var buffer = lane.Values;
        for (int j = 0; j < buffer.Length; j++) buffer[j] = numerator / buffer[j];
        return lane;
    }

    /// <summary>Sites run together (all of one region); months of a block run site after site.</summary>
    private const int GroupSize = 4, MonthBlock = 16;

    /// <summary>What a site of the group being run needs: its draws, its base rows and sources over the lane vector, its sums and scope.</summary>
    private sealed class SiteRun
    {
        public int Site;
        public DrawnSite Drawn = null!;
        public SiteVectors Constants;
        public SupplyVectors[] Supply = new SupplyVectors[8];
        /// <summary>The sources in a month where a source with a path serves some lanes and not others: those masked lane by lane.</summary>
        public SupplyVectors[] SupplyMonth = new SupplyVectors[8];
        public int[] WithCapex = new int[8];
        public int CapexSources;
        public bool AnyPath;
        public Vector<double>[] Bases = [];
        /// <summary>The first month whose phase rows in <see cref="Bases"/> may not be 0.</summary>
        public int Touched;
        /// <summary>
        /// Built IT and hardware cost stock at the months before the run ([PreRunMonths + t][2]),
        /// valid from <see cref="PreRunStart"/> (the earliest month a phase stood) to -1; 0 before
        /// it, and everywhere when no phase stood before the run (<see cref="HasPreRun"/> false).
        /// </summary>
        public Vector<double>[] PreRun = [];
        public int PreRunMonths, PreRunStart;
        public bool HasPreRun;
        /// <summary>The book lives in months when every lane of the vector has the same (a lag is then one load), else -1.</summary>
        public int FacilityLag, HardwareLag;
        /// <summary>
        /// Whether the lane vector takes <see cref="PlainMonths"/> (no scope of its own, no source with a
        /// path, no trajectory, no typed sources) and <see cref="Plain"/> (one book life per kind in every
        /// lane, no supply capex, no scope of its own) instead of the general passes.
        /// </summary>
        public bool PlainMonthPass, PlainLifeCycle;
        /// <summary>The book value V(t) and the hardware cost stock Q(t) of the lane vector being run (MODEL.md section 10), carried from month to month.</summary>
        public Vector<double> Book, CostStock;
        /// <summary>True when a price or intensity of the site or a source changes over time.</summary>
        public bool AnyTrajectory;
        /// <summary>True when the site has typed sources: each lane is dispatched hour by hour through its <see cref="Hours"/>.</summary>
        public bool Typed;
        public SiteHours[] Hours = [];
        public VectorDispatch? Dispatch;
        public double[]?[]? Own;
        public double[] Bucket = [];

        public void Prepare(int s, DrawnSite drawn, ChunkKernel kernel)
        {
            Site = s;
            Drawn = drawn;
            var supply = drawn.Supply ?? [];
            if (Supply.Length < supply.Length)
            {
                Supply = new SupplyVectors[supply.Length];
                SupplyMonth = new SupplyVectors[supply.Length];
                WithCapex = new int[supply.Length];
            }
            CapexSources = 0;
            AnyPath = false;
            Typed = kernel._layout.Typed[s];
            // Kept from site to site while the number of sources is the same.
            if (Typed && (Hours.Length == 0 || Hours[0].Sources != supply.Length))
            {
                Hours = [.. Enumerable.Range(0, Vector<double>.Count).Select(_ => new SiteHours(supply.Length))];
                Dispatch = new VectorDispatch(supply.Length);
            }
            AnyTrajectory = kernel._layout.AnyTrajectory[s];
            static bool Zero(Lane lane) => lane.Values is null && lane.Scalar == 0;
            for (int x = 0; x < supply.Length; x++)
            {
                if (supply[x].HasFrom && !(Zero(supply[x].CapexUsdPerMw) && Zero(supply[x].EmbodiedTco2PerMw))) WithCapex[CapexSources++] = x;
                AnyPath |= supply[x].HasPath;
            }
            // The months before the run a lag reaches back to: the longest book life of any lane.
            static int Longest(Lane lane)
            {
                if (lane.Values is null) return (int)lane.Scalar;
                double max = 0;
                foreach (double v in lane.Values) max = Math.Max(max, v);
                return (int)max;
            }
            PreRunMonths = Math.Max(Longest(drawn.FacilityLifeMonths), Longest(drawn.HardwareLifeMonths));
            int baseLength = kernel._months * PhaseVectors.BaseRows;
            if (Bases.Length < baseLength)
            {
                Bases = new Vector<double>[baseLength];
                Touched = kernel._months;
            }
            Own = kernel._result.SiteScopeOf[s] is var ownScope and >= 0 ? kernel._result.Series[ownScope] : null;
            Bucket = kernel._sums.Bucket(kernel._sums.BucketOfSite[s]);
        }
    }

    private readonly SiteRun[] _group = [.. Enumerable.Range(0, GroupSize).Select(_ => new SiteRun())];

    /// <summary>
    /// Runs a group of sites: per lane vector, every phase of each site in a pass over the months
    /// into its base rows (<see cref="PhaseVectors.AddTo"/>), then the months block by block, each
    /// block site after site (<see cref="MonthPass"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunGroup(int size, int count, GenerationLanes[] generations, Lane h100Peak)
    {
        int vectors = (count + W - 1) / W;
        int baseLength = _months * PhaseVectors.BaseRows;
        for (int v = 0; v < vectors; v++)
        {
            int j = v * W;
            for (int k = 0; k < size; k++)
            {
                var site = _group[k];
                var drawn = site.Drawn;
                var supply = drawn.Supply ?? [];
                site.Constants = SiteVectors.Of(drawn, j);
                var supplyLife = drawn.SupplyLifeMonths.At(j);
                for (int x = 0; x < supply.Length; x++) site.Supply[x] = SupplyVectors.Of(supply[x], j, supplyLife);
                var cycle = Cycle(drawn.LifetimeYears.At(j));
                var bases = site.Bases.AsSpan(0, baseLength);
                // Only the months the last site's phases reached hold values in the phase rows (the
                // cost stock row is written before it is read).
                bases[(site.Touched * PhaseVectors.BaseRows)..].Clear();
                int touched = _months;
                site.Book = Vector<double>.Zero;
                site.CostStock = Vector<double>.Zero;
                site.FacilityLag = UniformLag(site.Constants.FacilityLifeMonths);
                site.HardwareLag = UniformLag(site.Constants.HardwareLifeMonths);
                site.PlainMonthPass = !site.AnyPath && !site.AnyTrajectory && site.Own is null && !site.Typed;
                site.PlainLifeCycle = site.FacilityLag >= 0 && site.HardwareLag >= 0 && site.CapexSources == 0 && site.Own is null;
                foreach (var phase in drawn.Phases)
                    touched = Math.Min(touched, PhaseVectors.AddTo(bases, phase, site.Constants, j, cycle, generations, _layout.Roadmap));
                site.Touched = touched;
                PreRun(site, j, cycle, generations);
                if (site.Typed)
                {
                    for (int l = 0; l < W && j + l < count; l++)
                        site.Hours[l].Begin(_layout, site.Site, drawn, j + l, _drawer.Sampler, _first + j + l);
                    site.Dispatch!.Begin(site.Hours, Math.Min(W, count - j), _layout, site.Site, drawn, j);
                }
            }
            for (int from = 0; from < _months; from += MonthBlock)
                for (int k = 0; k < size; k++)
                {
                    var site = _group[k];
                    int to = Math.Min(_months, from + MonthBlock);
                    // The usual site goes straight to the plain loops, without the general passes' large frames.
                    if (site.PlainMonthPass) PlainMonths(site, j, from, to);
                    else MonthPass(site, j, Math.Min(W, count - j), from, to, h100Peak);
                    if (site.PlainLifeCycle) Plain(site, j, from, to, _months);
                    else LifeCyclePass(site, j, Math.Min(W, count - j), from, to);
                }
        }
    }

    /// <summary>The site metrics the month pass writes to a site's own scope; <see cref="LifeCyclePass"/> writes the others.</summary>
    private static readonly Metric[] MonthPassMetrics =
    [
        Metric.ItBuiltMw, Metric.ItPoweredMw, Metric.ItStrandedMw, Metric.SupplyMw, Metric.SupplyFirmMw, Metric.SupplyFirmItMw,
        Metric.FacilityDemandMw, Metric.Accelerators, Metric.H100e, Metric.PeakFlops, Metric.EffectiveFlops,
        Metric.ItEnergyMwh, Metric.FacilityEnergyMwh, Metric.ShortfallMwh, Metric.EnergyCostUsd, Metric.EmissionsTco2, Metric.WaterM3,
        Metric.CfeMwh, Metric.CurtailedMwh, Metric.UnservedHours, Metric.BatteryDischargeMwh, Metric.GasFuelMmbtu,
    ];

    /// <summary>
    /// Capex, embodied carbon and the cost of compute of a site over lanes j .. j + lanes - 1 in
    /// months [from, to) (MODEL.md section 10), from its base rows and supply, after the month
    /// pass of the same months (whose energy cost its TCO adds): a pass of its own, so neither
    /// pass runs short of registers. The book value V and hardware cost stock Q run on from
    /// block to block; Q of each month is written to its base row for the months a book life later.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void LifeCyclePass(SiteRun site, int j, int lanes, int from, int to)
    {
        ref readonly var c = ref site.Constants;
        ReadOnlySpan<SupplyVectors> siteSupply = site.Supply.AsSpan(0, site.Drawn.Supply?.Length ?? 0);
        ReadOnlySpan<int> withCapex = site.WithCapex.AsSpan(0, site.CapexSources);
        bool anySupplyCapex = site.CapexSources > 0;
        var bases = site.Bases;
        var own = site.Own;
        var bucket = site.Bucket;
        var zero = Vector<double>.Zero;
        var book = site.Book;
        var costStock = site.CostStock;
        // With one book life for every lane, a lagged row is one load.
        bool uniform = site.FacilityLag >= 0 && site.HardwareLag >= 0;
        for (int t = from; t < to; t++)
        {
            int row = t * PhaseVectors.BaseRows;
            var built = bases[row + PhaseVectors.BuiltRow];
            var capexFacility = bases[row + PhaseVectors.CapexFacilityRow];
            var capexHardware = bases[row + PhaseVectors.CapexHardwareRow];
            var embodied = bases[row + PhaseVectors.EmbodiedRow];
            Vector<double> capexSupply = zero, depreciation = zero;
            if (anySupplyCapex)
            {
                capexSupply = SupplyDispatch.Capex(siteSupply, withCapex, new Vector<double>(t), out var embodiedSupply, out var depreciationSupply);
                embodied += embodiedSupply;
                depreciation = depreciationSupply;
            }
            // Depreciation: facility and hardware cost installed over the last Lm months / Lm, from the
            // built IT and the hardware cost stock Q Lm months back.
            costStock += capexHardware;
            bases[row + PhaseVectors.CostStockRow] = costStock;
            var builtBefore = uniform ? LaggedAt(site, PhaseVectors.BuiltRow, 0, t - site.FacilityLag) : LaggedPerLane(site, PhaseVectors.BuiltRow, 0, t, c.FacilityLifeMonths);
            var costBefore = uniform ? LaggedAt(site, PhaseVectors.CostStockRow, 1, t - site.HardwareLag) : LaggedPerLane(site, PhaseVectors.CostStockRow, 1, t, c.HardwareLifeMonths);
            depreciation += c.FacilityDepreciationPerMw * (built - builtBefore) + (costStock - costBefore) * c.HardwareDepreciationRate;
            // Capital charge on the book value at the month's start; then the book value moves on
            // (as Formulas.NextBookValue: a value within rounding of the month's gross flows is 0).
            var capitalCharge = c.WaccMonthly * book;
            var capex = capexFacility + capexHardware + capexSupply;
            var next = book + capex - depreciation;
            book = Vector.ConditionalSelect(Vector.LessThanOrEqual(next, new Vector<double>(Formulas.BookRounding) * (book + capex + depreciation)), zero, next);
            var om = c.OmFacilityPerMw * built + c.OmHardwareRate * bases[row + PhaseVectors.HardwareInServiceRow];

            ref double block = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(bucket), Accumulators.Offset(_months, t, j));
            // Capex and embodied carbon are >= 0, so their sum is 0 only when each is: most months
            // build and buy nothing, and adding 0 changes no bit of the sums.
            if (!Vector.EqualsAll(capex + embodied, zero))
            {
                Accumulators.Add(ref block, Metric.CapexFacilityUsd, capexFacility);
                Accumulators.Add(ref block, Metric.CapexHardwareUsd, capexHardware);
                Accumulators.Add(ref block, Metric.CapexSupplyUsd, capexSupply);
                Accumulators.Add(ref block, Metric.EmissionsEmbodiedTco2, embodied);
            }
            Accumulators.Add(ref block, Metric.DepreciationUsd, depreciation);
            Accumulators.Add(ref block, Metric.CapitalChargeUsd, capitalCharge);
            Accumulators.Add(ref block, Metric.OmUsd, om);
            if (own is not null)
            {
                Own(own, Metric.CapexFacilityUsd, t, j, capexFacility, lanes);
                Own(own, Metric.CapexHardwareUsd, t, j, capexHardware, lanes);
                Own(own, Metric.CapexSupplyUsd, t, j, capexSupply, lanes);
                Own(own, Metric.EmissionsEmbodiedTco2, t, j, embodied, lanes);
                Own(own, Metric.DepreciationUsd, t, j, depreciation, lanes);
                Own(own, Metric.CapitalChargeUsd, t, j, capitalCharge, lanes);
                Own(own, Metric.OmUsd, t, j, om, lanes);
                // TCO adds the energy cost the month pass wrote to the site's scope.
                var cost = OwnValue(own, Metric.EnergyCostUsd, t, j);
                Own(own, Metric.TcoUsd, t, j, depreciation + capitalCharge + om + cost, lanes);
            }
        }
        site.Book = book;
        site.CostStock = costStock;
    }

    /// <summary>
    /// <see cref="LifeCyclePass"/> for the usual site: one book life per kind for every lane, no
    /// supply capex and no scope of its own. Each month is a few loads, the same arithmetic in the
    /// same order, and the adds into the region's sums, with the site's constants in locals.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Plain(SiteRun site, int j, int from, int to, int months)
    {
        ref readonly var c = ref site.Constants;
        var facilityRate = c.FacilityDepreciationPerMw;
        var hardwareRate = c.HardwareDepreciationRate;
        var wacc = c.WaccMonthly;
        var omFacility = c.OmFacilityPerMw;
        var omHardware = c.OmHardwareRate;
        var rounding = new Vector<double>(Formulas.BookRounding);
        int facilityLag = site.FacilityLag * PhaseVectors.BaseRows, hardwareLag = site.HardwareLag * PhaseVectors.BaseRows;
        ref var bases = ref MemoryMarshal.GetArrayDataReference(site.Bases);
        ref double sums = ref MemoryMarshal.GetArrayDataReference(site.Bucket);
        // A lag before month 0 reads the pre-run rows from their first month on, and 0 before it; a site
        // with no asset before the run has preRunStart 0, so it always reads 0 there.
        ref var preRun = ref MemoryMarshal.GetArrayDataReference(site.PreRun);
        int preRunStart = site.HasPreRun ? site.PreRunStart : 0, preRunMonths = site.PreRunMonths;
        var zero = Vector<double>.Zero;
        var book = site.Book;
        var costStock = site.CostStock;
        for (int t = from; t < to; t++)
        {
            int row = t * PhaseVectors.BaseRows;
            ref var at = ref Unsafe.Add(ref bases, row);
            var built = Unsafe.Add(ref at, PhaseVectors.BuiltRow);
            var capexFacility = Unsafe.Add(ref at, PhaseVectors.CapexFacilityRow);
            var capexHardware = Unsafe.Add(ref at, PhaseVectors.CapexHardwareRow);
            var embodied = Unsafe.Add(ref at, PhaseVectors.EmbodiedRow);
            costStock += capexHardware;
            Unsafe.Add(ref at, PhaseVectors.CostStockRow) = costStock;
            int facilityAt = t - site.FacilityLag, hardwareAt = t - site.HardwareLag;
            var builtBefore = facilityAt >= 0 ? Unsafe.Add(ref bases, row - facilityLag + PhaseVectors.BuiltRow)
                : facilityAt >= preRunStart ? Unsafe.Add(ref preRun, (preRunMonths + facilityAt) * 2) : zero;
            var costBefore = hardwareAt >= 0 ? Unsafe.Add(ref bases, row - hardwareLag + PhaseVectors.CostStockRow)
                : hardwareAt >= preRunStart ? Unsafe.Add(ref preRun, (preRunMonths + hardwareAt) * 2 + 1) : zero;
            var depreciation = zero + (facilityRate * (built - builtBefore) + (costStock - costBefore) * hardwareRate);
            var capitalCharge = wacc * book;
            var capex = capexFacility + capexHardware + zero;
            var next = book + capex - depreciation;
            book = Vector.ConditionalSelect(Vector.LessThanOrEqual(next, rounding * (book + capex + depreciation)), zero, next);
            var om = omFacility * built + omHardware * Unsafe.Add(ref at, PhaseVectors.HardwareInServiceRow);
            ref double block = ref Unsafe.Add(ref sums, Accumulators.Offset(months, t, j));
            if (!Vector.EqualsAll(capex + embodied, zero))
            {
                Accumulators.Add(ref block, Metric.CapexFacilityUsd, capexFacility);
                Accumulators.Add(ref block, Metric.CapexHardwareUsd, capexHardware);
                Accumulators.Add(ref block, Metric.EmissionsEmbodiedTco2, embodied);
            }
            Accumulators.Add(ref block, Metric.DepreciationUsd, depreciation);
            Accumulators.Add(ref block, Metric.CapitalChargeUsd, capitalCharge);
            Accumulators.Add(ref block, Metric.OmUsd, om);
        }
        site.Book = book;
        site.CostStock = costStock;
    }

    /// <summary>The site's own value of a metric at month t, lanes j .. j + W - 1 (lanes past the chunk's count read what is there, unused).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector<double> OwnValue(double[]?[] own, Metric metric, int t, int j)
    {
        var series = own[(int)metric]!;
        int offset = t * _samples + _first + j;
        if (offset + W <= series.Length) return new Vector<double>(series, offset);
        Span<double> values = stackalloc double[W];
        for (int l = 0; l < W && offset + l < series.Length; l++) values[l] = series[offset + l];
        return new Vector<double>(values);
    }

    /// <summary>The lag of a book life when every lane has the same, else -1.</summary>
    private static int UniformLag(Vector<double> months) =>
        Vector.EqualsAll(months, new Vector<double>(months[0])) ? (int)months[0] : -1;

    /// <summary>
    /// The months before the run of the phases that stood then, as far back as a book life
    /// reaches from the run: their built IT for facility depreciation and their hardware cost for
    /// hardware depreciation, and the hardware cost stock Q at the run's start.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void PreRun(SiteRun site, int j, Vector<double> cycle, GenerationLanes[] generations)
    {
        site.HasPreRun = false;
        double earliest = 0;
        foreach (var phase in site.Drawn.Phases)
        {
            var online = phase.OnlinePosition.At(j);
            for (int l = 0; l < Vector<double>.Count; l++) earliest = Math.Min(earliest, online[l]);
        }
        // The first month whose middle reaches the earliest online position: none before the run's first month.
        int start = (int)Math.Max(-site.PreRunMonths, Math.Floor(earliest - 0.5));
        if (start >= 0) return;
        site.HasPreRun = true;
        site.PreRunStart = start;
        int length = site.PreRunMonths * 2;
        if (site.PreRun.Length < length) site.PreRun = new Vector<double>[length];
        site.PreRun.AsSpan((site.PreRunMonths + start) * 2, -start * 2).Clear();
        var c = site.Constants;
        // A month t of the run reads t - Lm: the months before the run it reaches are -Lm .. T - 1 - Lm.
        static (int Min, int Max) Range(Vector<double> lives)
        {
            double min = double.PositiveInfinity, max = 0;
            for (int l = 0; l < Vector<double>.Count; l++) (min, max) = (Math.Min(min, lives[l]), Math.Max(max, lives[l]));
            return ((int)min, (int)max);
        }
        var (facilityMin, facilityMax) = Range(c.FacilityLifeMonths);
        var (hardwareMin, hardwareMax) = Range(c.HardwareLifeMonths);
        foreach (var phase in site.Drawn.Phases)
        {
            if (!Vector.LessThanAny(phase.OnlinePosition.At(j), Vector<double>.Zero)) continue;
            PhaseVectors.AddPreRun(site.PreRun, site.PreRunMonths,
                Math.Max(start, -facilityMax), Math.Min(-1, _months - 1 - facilityMin),
                Math.Max(start, -hardwareMax), Math.Min(-1, _months - 1 - hardwareMin),
                phase, j, cycle, generations, _layout.Roadmap);
            site.CostStock += PhaseVectors.CostStockBeforeRun(phase, j, cycle, generations, _layout.Roadmap);
        }
    }

    /// <summary>
    /// Every metric of a site over lanes j .. j + lanes - 1 in months [from, to), from its phases'
    /// base rows: written to the site's scope, added into its region's sums and offered to the
    /// frontier run.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void MonthPass(SiteRun site, int j, int lanes, int from, int to, Lane h100Peak)
    {
        int s = site.Site;
        var drawn = site.Drawn;
        ref readonly var c = ref site.Constants;
        var pueFactor = _layout.PueFactor[s];
        var supply = drawn.Supply ?? [];
        bool supplied = drawn.Supply is not null;
        int sources = supply.Length;
        ReadOnlySpan<SupplyVectors> siteSupply = site.Supply.AsSpan(0, sources);
        ReadOnlySpan<Vector<double>> bases = site.Bases;
        bool anyPath = site.AnyPath;
        bool anyTrajectory = site.AnyTrajectory;
        var own = site.Own;
        var bucket = site.Bucket;
        var zero = Vector<double>.Zero;
        Span<int> activeSupply = stackalloc int[sources];
        // A site-month's values by metric, for the site's own scope when it is kept; 0 to start with, so
        // a metric a site never has (unserved hours on the unlimited grid, curtailment without typed
        // sources) stays 0.
        Span<Vector<double>> values = stackalloc Vector<double>[Accumulators.RowCount];
        values.Clear();

        for (int t = from; t < to; t++)
        {
            var month = new Vector<double>(t);
            int active = 0;
            var servingSupply = siteSupply;
            if (!anyPath)
            {
                for (int x = 0; x < sources; x++)
                    if (supply[x].FromPosition <= t && t < supply[x].UntilPosition) activeSupply[active++] = x;
            }
            else
            {
                // A source with a path starts in a different month in each lane: between its earliest
                // and latest first month it serves masked, lane by lane.
                bool partial = false;
                for (int x = 0; x < sources; x++)
                    if (siteSupply[x].FromMin <= t && t < supply[x].UntilPosition)
                    {
                        activeSupply[active++] = x;
                        partial |= siteSupply[x].FromMax > t;
                    }
                if (partial)
                {
                    var masked = site.SupplyMonth.AsSpan(0, sources);
                    for (int x = 0; x < sources; x++)
                        masked[x] = siteSupply[x].FromMax > t ? siteSupply[x].ServingFrom(month) : siteSupply[x];
                    servingSupply = masked;
                }
            }
            if (anyTrajectory && supplied)
            {
                // Prices and intensities of this month, for the sources that change over time.
                var priced = site.SupplyMonth.AsSpan(0, sources);
                if (!Unsafe.AreSame(ref MemoryMarshal.GetReference(servingSupply), ref MemoryMarshal.GetReference((ReadOnlySpan<SupplyVectors>)priced)))
                    servingSupply.CopyTo(priced);
                for (int x = 0; x < sources; x++)
                {
                    if (supply[x].PriceTrajectory is { } price) priced[x].PriceUsdPerMwh = price.VectorAt(t, j);
                    if (supply[x].GCo2Trajectory is { } gco2) priced[x].Tco2PerMwh = gco2.VectorAt(t, j) / new Vector<double>(1000);
                }
                servingSupply = priced;
            }
            var serving = activeSupply[..active];
            var hours = new Vector<double>(_layout.HoursOf[t]);
            var monthFactor = new Vector<double>(pueFactor[_layout.CalendarMonthOf[t] - 1]);
            var phase = bases.Slice(t * PhaseVectors.BaseRows, PhaseVectors.BaseRows);
            var builtSum = phase[PhaseVectors.BuiltRow];
            var accelerators = phase[PhaseVectors.AcceleratorsRow];
            var peakIfPowered = phase[PhaseVectors.PeakRow];

            int at = Accumulators.Offset(_months, t, j);
            ref double block = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(bucket), at);
            Vector<double> supplyMw, firmMw, powered;
            if (!supplied)
            {
                // The unlimited grid: a connection sized to the need, which never strands.
                supplyMw = firmMw = builtSum * c.DesignPue;
                powered = builtSum;
            }
            else
            {
                SupplyDispatch.Capacity(servingSupply, serving, out supplyMw, out firmMw);
                powered = Vector.Min(builtSum, firmMw / c.DesignPue);
            }
            // Nothing built in any lane: only supply and construction; the other sums are already 0
            // (not for typed sources, whose solar and wind generate, charge and are paid with no load).
            if (Vector.EqualsAll(builtSum, zero) && !site.Typed)
            {
                Accumulators.Add(ref block, Metric.SupplyMw, supplyMw);
                Accumulators.Add(ref block, Metric.SupplyFirmMw, firmMw);
                Accumulators.Add(ref block, Metric.SupplyFirmItMw, firmMw / c.DesignPue);
                if (own is not null)
                {
                    Own(own, Metric.SupplyMw, t, j, supplyMw, lanes);
                    Own(own, Metric.SupplyFirmMw, t, j, firmMw, lanes);
                    Own(own, Metric.SupplyFirmItMw, t, j, firmMw / c.DesignPue, lanes);
                }
                _frontier.AddSite(s, t, j, zero, zero);
                continue;
            }

            // sigma_s, the powered share of every phase (0 where nothing is built): 1 wherever all that
            // is built is powered, so the division is needed only under a supply limit.
            var sigma = Vector.LessThanAny(powered, builtSum)
                ? Vector.ConditionalSelect(Vector.GreaterThan(builtSum, zero), powered / builtSum, zero)
                : Vector.ConditionalSelect(Vector.GreaterThan(builtSum, zero), Vector<double>.One, zero);
            var peakFlops = sigma * peakIfPowered;
            var effective = peakFlops * c.Mfu;
            var itEnergy = powered * c.LoadFactor * hours;
            var facilityEnergy = itEnergy * Vector.Max(Vector<double>.One, c.Pue * monthFactor);

            Vector<double> cost, emissions, shortfall, cfe;
            if (!supplied)
            {
                var price = c.GridPriceUsdPerMwh;
                var tco2 = c.GridTco2PerMwh;
                var cfeShare = c.GridCfeShare;
                if (anyTrajectory)
                {
                    if (drawn.GridPriceTrajectory is { } p) price = p.VectorAt(t, j);
                    if (drawn.GridGCo2Trajectory is { } g) tco2 = g.VectorAt(t, j) / new Vector<double>(1000);
                    if (drawn.GridCfeShareTrajectory is { } share) cfeShare = share.VectorAt(t, j);
                }
                cost = facilityEnergy * price;
                emissions = facilityEnergy * tco2;
                shortfall = zero;
                cfe = facilityEnergy * cfeShare;
            }
            else if (site.Typed)
            {
                // Typed sources: hour by hour, lane by lane, as the reference engine does for each sample;
                // the metrics only dispatch has go straight into the sums and the site's values.
                shortfall = Dispatch(site, j, lanes, t, facilityEnergy / hours, ref block, values, out cost, out emissions, out cfe);
            }
            else
            {
                shortfall = SupplyDispatch.Serve(servingSupply, serving, facilityEnergy, hours, out cost, out emissions, out cfe);
                var unservedHours = Vector.ConditionalSelect(Vector.GreaterThan(shortfall, new Vector<double>(HourlyDispatch.UnservedTolerance) * facilityEnergy), hours, zero);
                Accumulators.Add(ref block, Metric.UnservedHours, unservedHours);
                values[(int)Metric.UnservedHours] = unservedHours;
            }

            // Straight into the region's sums, row by row, with no round trip through memory.
            var stranded = builtSum - powered;
            var firmIt = firmMw / c.DesignPue;
            var water = itEnergy * c.WueLitresPerKwh;
            // Rows that are 0 in this month in every lane are left as they are (adding 0 changes no bit):
            // nothing strands or falls short on the unlimited grid, and most months build and buy nothing.
            Accumulators.Add(ref block, Metric.ItBuiltMw, builtSum);
            Accumulators.Add(ref block, Metric.ItPoweredMw, powered);
            if (supplied) Accumulators.Add(ref block, Metric.ItStrandedMw, stranded);
            Accumulators.Add(ref block, Metric.SupplyMw, supplyMw);
            Accumulators.Add(ref block, Metric.SupplyFirmMw, firmMw);
            Accumulators.Add(ref block, Metric.SupplyFirmItMw, firmIt);
            Accumulators.Add(ref block, Metric.Accelerators, accelerators);
            Accumulators.Add(ref block, Metric.PeakFlops, peakFlops);
            Accumulators.Add(ref block, Metric.EffectiveFlops, effective);
            Accumulators.Add(ref block, Metric.ItEnergyMwh, itEnergy);
            Accumulators.Add(ref block, Metric.FacilityEnergyMwh, facilityEnergy);
            if (supplied) Accumulators.Add(ref block, Metric.ShortfallMwh, shortfall);
            Accumulators.Add(ref block, Metric.EnergyCostUsd, cost);
            Accumulators.Add(ref block, Metric.EmissionsTco2, emissions);
            Accumulators.Add(ref block, Metric.WaterM3, water);
            Accumulators.Add(ref block, Metric.CfeMwh, cfe);
            if (own is not null)
            {
                values[(int)Metric.ItBuiltMw] = builtSum;
                values[(int)Metric.ItPoweredMw] = powered;
                values[(int)Metric.ItStrandedMw] = stranded;
                values[(int)Metric.SupplyMw] = supplyMw;
                values[(int)Metric.SupplyFirmMw] = firmMw;
                values[(int)Metric.SupplyFirmItMw] = firmIt;
                values[(int)Metric.FacilityDemandMw] = facilityEnergy / hours;
                values[(int)Metric.Accelerators] = accelerators;
                values[(int)Metric.H100e] = peakFlops / h100Peak.At(j);
                values[(int)Metric.PeakFlops] = peakFlops;
                values[(int)Metric.EffectiveFlops] = effective;
                values[(int)Metric.ItEnergyMwh] = itEnergy;
                values[(int)Metric.FacilityEnergyMwh] = facilityEnergy;
                values[(int)Metric.ShortfallMwh] = shortfall;
                values[(int)Metric.EnergyCostUsd] = cost;
                values[(int)Metric.EmissionsTco2] = emissions;
                values[(int)Metric.WaterM3] = water;
                values[(int)Metric.CfeMwh] = cfe;
                // The site metrics are the enum values 0 .. RowCount - 1 (Accumulators checks it).
                foreach (var metric in MonthPassMetrics)
                    Own(own, metric, t, j, values[(int)metric], lanes);
            }
            _frontier.AddSite(s, t, j, c.TrainingShare * (sigma * accelerators), c.TrainingShare * effective);
        }
    }

    /// <summary>The metrics only hourly dispatch has, with their rows in <see cref="Dispatch"/>'s lane buffer.</summary>
    private static readonly (Metric Metric, int Row)[] DispatchRows =
        [(Metric.CurtailedMwh, 4), (Metric.UnservedHours, 5), (Metric.BatteryDischargeMwh, 6), (Metric.GasFuelMmbtu, 7)];

    /// <summary>
    /// A typed site's month at facility demand <paramref name="load"/> MW, the lane vector's samples
    /// dispatched hour by hour together (<see cref="VectorDispatch"/>, lane by lane the bits of the
    /// reference engine's <see cref="HourlyDispatch"/>); lanes past the chunk's count stay 0.
    /// Curtailment, unserved hours, discharge and fuel are added to the sums at <paramref name="block"/>
    /// and set in <paramref name="values"/>; returns the unserved MWh.
    /// </summary>
    private Vector<double> Dispatch(SiteRun site, int j, int lanes, int t, Vector<double> load, ref double block, Span<Vector<double>> values,
        out Vector<double> cost, out Vector<double> emissions, out Vector<double> cfe)
    {
        var month = site.Dispatch!.Month(site.Hours, lanes, _layout, site.Site, site.Drawn, j, t, load);
        cost = month.Cost;
        emissions = month.Emissions;
        cfe = month.Cfe;
        Accumulators.Add(ref block, Metric.CurtailedMwh, month.Curtailed);
        Accumulators.Add(ref block, Metric.UnservedHours, month.UnservedHours);
        Accumulators.Add(ref block, Metric.BatteryDischargeMwh, month.BatteryDischarge);
        Accumulators.Add(ref block, Metric.GasFuelMmbtu, month.GasFuel);
        values[(int)Metric.CurtailedMwh] = month.Curtailed;
        values[(int)Metric.UnservedHours] = month.UnservedHours;
        values[(int)Metric.BatteryDischargeMwh] = month.BatteryDischarge;
        values[(int)Metric.GasFuelMmbtu] = month.GasFuel;
        return month.Shortfall;
    }

    /// <summary>
    /// <see cref="MonthPass"/> for a site with no scope of its own, at fixed prices, on the unlimited
    /// grid or with sources that start and end in the same month in every lane: every value by the
    /// same formula in the same order, the site's constants held in locals rather than reread after
    /// every store into the sums.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void PlainMonths(SiteRun site, int j, int from, int to)
    {
        int s = site.Site;
        ref readonly var c = ref site.Constants;
        var designPue = c.DesignPue;
        var mfu = c.Mfu;
        var loadFactor = c.LoadFactor;
        var pue = c.Pue;
        var price = c.GridPriceUsdPerMwh;
        var tco2 = c.GridTco2PerMwh;
        var wue = c.WueLitresPerKwh;
        var trainingShare = c.TrainingShare;
        var cfeShare = c.GridCfeShare;
        var tolerance = new Vector<double>(HourlyDispatch.UnservedTolerance);
        var pueFactor = _layout.PueFactor[s];
        var calendarMonthOf = _layout.CalendarMonthOf;
        var hoursOf = _layout.HoursOf;
        var supply = site.Drawn.Supply;
        bool supplied = supply is not null;
        ReadOnlySpan<SupplyVectors> siteSupply = site.Supply.AsSpan(0, supply?.Length ?? 0);
        Span<int> activeSupply = stackalloc int[siteSupply.Length];
        ref var bases = ref MemoryMarshal.GetArrayDataReference(site.Bases);
        ref double sums = ref MemoryMarshal.GetArrayDataReference(site.Bucket);
        var zero = Vector<double>.Zero;
        var one = Vector<double>.One;
        for (int t = from; t < to; t++)
        {
            ref var phase = ref Unsafe.Add(ref bases, t * PhaseVectors.BaseRows);
            var builtSum = Unsafe.Add(ref phase, PhaseVectors.BuiltRow);
            ref double block = ref Unsafe.Add(ref sums, Accumulators.Offset(_months, t, j));
            int active = 0;
            Vector<double> supplyMw, firmMw, firmIt, powered;
            if (!supplied)
            {
                // The unlimited grid: a connection sized to the need, which never strands.
                supplyMw = firmMw = builtSum * designPue;
                firmIt = firmMw / designPue;
                powered = builtSum;
            }
            else
            {
                for (int x = 0; x < siteSupply.Length; x++)
                    if (supply![x].FromPosition <= t && t < supply[x].UntilPosition) activeSupply[active++] = x;
                SupplyDispatch.Capacity(siteSupply, activeSupply[..active], out supplyMw, out firmMw);
                firmIt = firmMw / designPue;
                powered = Vector.Min(builtSum, firmIt);
            }
            if (Vector.EqualsAll(builtSum, zero))
            {
                Accumulators.Add(ref block, Metric.SupplyMw, supplyMw);
                Accumulators.Add(ref block, Metric.SupplyFirmMw, firmMw);
                Accumulators.Add(ref block, Metric.SupplyFirmItMw, firmIt);
                _frontier.AddSite(s, t, j, zero, zero);
                continue;
            }
            var hours = new Vector<double>(hoursOf[t]);
            var sigma = Vector.LessThanAny(powered, builtSum)
                ? Vector.ConditionalSelect(Vector.GreaterThan(builtSum, zero), powered / builtSum, zero)
                : Vector.ConditionalSelect(Vector.GreaterThan(builtSum, zero), one, zero);
            var accelerators = Unsafe.Add(ref phase, PhaseVectors.AcceleratorsRow);
            var peakFlops = sigma * Unsafe.Add(ref phase, PhaseVectors.PeakRow);
            var effective = peakFlops * mfu;
            var itEnergy = powered * loadFactor * hours;
            var facilityEnergy = itEnergy * Vector.Max(one, pue * new Vector<double>(pueFactor[calendarMonthOf[t] - 1]));
            Vector<double> cost, emissions, cfe;
            if (!supplied)
            {
                cost = facilityEnergy * price;
                emissions = facilityEnergy * tco2;
                cfe = facilityEnergy * cfeShare;
            }
            else
            {
                var shortfall = SupplyDispatch.Serve(siteSupply, activeSupply[..active], facilityEnergy, hours, out cost, out emissions, out cfe);
                Accumulators.Add(ref block, Metric.ItStrandedMw, builtSum - powered);
                Accumulators.Add(ref block, Metric.ShortfallMwh, shortfall);
                Accumulators.Add(ref block, Metric.UnservedHours, Vector.ConditionalSelect(Vector.GreaterThan(shortfall, tolerance * facilityEnergy), hours, zero));
            }
            Accumulators.Add(ref block, Metric.ItBuiltMw, builtSum);
            Accumulators.Add(ref block, Metric.ItPoweredMw, powered);
            Accumulators.Add(ref block, Metric.SupplyMw, supplyMw);
            Accumulators.Add(ref block, Metric.SupplyFirmMw, firmMw);
            Accumulators.Add(ref block, Metric.SupplyFirmItMw, firmIt);
            Accumulators.Add(ref block, Metric.Accelerators, accelerators);
            Accumulators.Add(ref block, Metric.PeakFlops, peakFlops);
            Accumulators.Add(ref block, Metric.EffectiveFlops, effective);
            Accumulators.Add(ref block, Metric.ItEnergyMwh, itEnergy);
            Accumulators.Add(ref block, Metric.FacilityEnergyMwh, facilityEnergy);
            Accumulators.Add(ref block, Metric.EnergyCostUsd, cost);
            Accumulators.Add(ref block, Metric.EmissionsTco2, emissions);
            Accumulators.Add(ref block, Metric.WaterM3, itEnergy * wue);
            Accumulators.Add(ref block, Metric.CfeMwh, cfe);
            _frontier.AddSite(s, t, j, trainingShare * (sigma * accelerators), trainingShare * effective);
        }
    }

    /// <summary>
    /// A base row of the site at month t - lag per lane, for lanes whose book lives differ: the
    /// run's rows from month 0 on, the pre-run rows (<paramref name="preRow"/>: 0 built IT, 1
    /// hardware cost stock) before it, 0 before any phase stood.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector<double> LaggedPerLane(SiteRun site, int row, int preRow, int t, Vector<double> lags)
    {
        Span<double> values = stackalloc double[Vector<double>.Count];
        for (int l = 0; l < values.Length; l++) values[l] = LaggedAt(site, row, preRow, t - (int)lags[l])[l];
        return new Vector<double>(values);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> LaggedAt(SiteRun site, int row, int preRow, int at)
    {
        if (at >= 0) return site.Bases[at * PhaseVectors.BaseRows + row];
        return site.HasPreRun && at >= site.PreRunStart ? site.PreRun[(site.PreRunMonths + at) * 2 + preRow] : Vector<double>.Zero;
    }

    /// <summary>The refresh cycle per lane, as <see cref="Formulas.CycleMonths"/>.</summary>
    private static Vector<double> Cycle(Vector<double> lifetimeYears) =>
        Vector.ConditionalSelect(Vector.Equals(lifetimeYears, Vector<double>.Zero), Vector<double>.Zero,
            Vector.Max(new Vector<double>(Formulas.MinCycleMonths), lifetimeYears * new Vector<double>(12)));

    /// <summary>Writes one site's value to its own scope, lanes j .. j + lanes - 1 of month t.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Own(double[]?[]? own, Metric metric, int t, int j, Vector<double> value, int lanes)
    {
        if (own is null) return;
        var series = own[(int)metric]!;
        int offset = t * _samples + _first + j;
        if (lanes == W) value.CopyTo(series, offset);
        else for (int l = 0; l < lanes; l++) series[offset + l] = value[l];
    }
}
