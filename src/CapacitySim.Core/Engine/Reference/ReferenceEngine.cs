using CapacitySim.Core.Engine.Hourly;
using CapacitySim.Core.Engine.Parameters;
using CapacitySim.Core.Model;

namespace CapacitySim.Core.Engine;

/// <summary>
/// The reference engine: docs/model.md section 4 written out plainly, one sample at a time, one month
/// at a time. It is the definition faster engines are tested against, so it favours being
/// obviously right over being fast. Samples run in parallel; each writes only its own slots, so
/// the result does not depend on the thread count.
/// </summary>
public static class ReferenceEngine
{
    /// <summary>Runs every sample of <paramref name="scenario"/> as <paramref name="plan"/> says (by default the scenario's own); <paramref name="progress"/> receives completed sample counts.</summary>
    public static SimulationResult Run(Scenario scenario, RunPlan? plan = null, IProgress<int>? progress = null, CancellationToken cancellation = default)
    {
        plan ??= RunPlan.For(scenario);
        int samples = plan.Samples;
        var result = new SimulationResult(scenario, samples, plan.Scopes);
        var layout = new ScenarioLayout(scenario);
        int done = 0;
        var options = new ParallelOptions
        {
            MaxDegreeOfParallelism = plan.Threads,
            CancellationToken = cancellation,
        };
        Parallel.For(0, samples, options, () => new ParameterDrawer(layout, new Sampler(plan), 1), (i, _, drawer) =>
        {
            RunSample(layout, drawer, result, i);
            int now = Interlocked.Increment(ref done);
            if (progress is not null && (now % 64 == 0 || now == samples)) progress.Report(now);
            return drawer;
        }, _ => { });
        result.DeriveMetrics();
        return result;
    }

    /// <summary>What the frontier run needs of a site in a month: powered accelerators A_s and effective FLOP/s.</summary>
    private readonly record struct Trainable(double PoweredAccelerators, double EffectiveFlops);

    private static void RunSample(ScenarioLayout layout, ParameterDrawer drawer, SimulationResult result, int sample)
    {
        var scenario = layout.Scenario;
        drawer.Begin(sample, 1);
        var catalog = drawer.Catalog();
        var run = drawer.Run();
        var sites = Enumerable.Range(0, scenario.Sites.Count).Select(drawer.Site).ToArray();
        double[]? researcherCounts = drawer.ResearcherCounts()?.Select(c => c[0]).ToArray();
        double h100PeakFlops = catalog[layout.H100].PeakFlops[0];

        int total = result.TotalScope;
        var siteValues = new double[Metrics.Count];
        var trainable = new Trainable[sites.Length];
        // Each site's book value V(t) (MODEL.md section 10), carried from month to month.
        var book = new double[sites.Length];
        // Sites with typed sources are dispatched hour by hour (MODEL.md section 8): their weather,
        // outages and batteries for this sample.
        var siteHours = new SiteHours?[sites.Length];
        for (int s = 0; s < sites.Length; s++)
            if (layout.Typed[s])
            {
                siteHours[s] = new SiteHours(sites[s].Supply!.Length);
                siteHours[s]!.Begin(layout, s, sites[s], 0, drawer.Sampler, sample);
            }
        for (int t = 0; t < layout.Months; t++)
        {
            int slot = t * result.Samples + sample;
            for (int s = 0; s < sites.Length; s++)
            {
                trainable[s] = ComputeSite(layout, s, sites[s], siteHours[s], catalog, h100PeakFlops, t, siteValues, ref book[s]);
                foreach (var m in Metrics.SiteComputed)
                    result.AddSiteValue(s, (int)m, slot, siteValues[(int)m]);
            }

            // The totals of the site metrics are in the result now; the total-only metrics follow from them.
            double Total(Metric metric) => result.Series[total][(int)metric]![slot];
            void SetTotal(Metric metric, double value)
            {
                if (result.Series[total][(int)metric] is { } series) series[slot] = value;
            }

            if (researcherCounts is not null)
            {
                double researchers = Formulas.Researchers(layout.ResearcherPositions!, researcherCounts, t);
                double share = run.ResearchShare[0];
                SetTotal(Metric.Researchers, researchers);
                SetTotal(Metric.H100ePerResearcher, researchers > 0 ? share * Total(Metric.H100e) / researchers : 0);
                SetTotal(Metric.PflopsPerResearcher, researchers > 0 ? share * Total(Metric.EffectiveFlops) / 1e15 / researchers : 0);
            }
            var frontier = FrontierRun(scenario, sites, trainable, run);
            SetTotal(Metric.FrontierRunFlop, frontier.Flop);
            SetTotal(Metric.FrontierRunGoodput, frontier.Goodput);
            SetTotal(Metric.FrontierRunAccelerators, frontier.Accelerators);
        }
    }

    /// <summary>One site's metrics for month t (section 4), written into <paramref name="values"/> indexed by <see cref="Metric"/>.</summary>
    private static Trainable ComputeSite(ScenarioLayout layout, int s, DrawnSite d, SiteHours? siteHours, DrawnGeneration[] catalog, double h100PeakFlops, int t, double[] values, ref double book)
    {
        double hours = layout.HoursOf[t];
        double builtSum = 0, installed = 0, peakIfPowered = 0, capexFacility = 0, capexHardware = 0;
        double hardwareInService = 0, embodied = 0, depreciation = 0;
        foreach (var phase in d.Phases)
        {
            var p = PhaseAt(phase, d, layout, catalog, t);
            builtSum += p.BuiltItMw;
            installed += p.Accelerators;
            peakIfPowered += p.PeakFlopsIfPowered;
            capexFacility += p.CapexFacilityUsd;
            capexHardware += p.CapexHardwareUsd;
            hardwareInService += p.HardwareInServiceUsd;
            embodied += p.EmbodiedTco2;
            depreciation += p.DepreciationUsd;
        }

        double designPue = d.DesignPue[0];
        double supplyMw, firmMw, poweredSum;
        if (d.Supply is null)
        {
            // The unlimited grid: a connection sized to the need, which never strands.
            supplyMw = firmMw = builtSum * designPue;
            poweredSum = builtSum;
        }
        else
        {
            supplyMw = firmMw = 0;
            foreach (var source in d.Supply)
            {
                if (!Serves(source, t)) continue;
                supplyMw += source.Mw[0];
                firmMw += source.Mw[0] * source.FirmFraction[0];
            }
            poweredSum = Math.Min(builtSum, firmMw / designPue);
        }
        // sigma_s: the powered share of every phase.
        double sigma = builtSum > 0 ? poweredSum / builtSum : 0;
        double peakFlops = sigma * peakIfPowered;
        double effectiveFlops = peakFlops * d.Mfu[0];

        double pue = Formulas.Pue(d.Pue[0], layout.PueFactor[s][layout.CalendarMonthOf[t] - 1]);
        double itEnergy = poweredSum * d.LoadFactor[0] * hours;
        double facilityEnergy = itEnergy * pue;

        // gCO2/kWh = kgCO2/MWh; / 1000 gives tCO2 per MWh.
        double cost = 0, emissions = 0, shortfall = 0, capexSupply = 0;
        var dispatch = new DispatchMonth();
        if (d.Supply is null)
        {
            cost = facilityEnergy * d.GridPriceAt(t, 0);
            emissions = facilityEnergy * (d.GridGCo2At(t, 0) / 1000);
            dispatch.Cfe = facilityEnergy * d.GridCfeShareAt(t, 0);
        }
        else
        {
            double remainingMwh = facilityEnergy;
            foreach (var source in d.Supply)
            {
                capexSupply += SupplyCapex(source, t, source.CapexUsdPerMw[0]);
                embodied += SupplyCapex(source, t, source.EmbodiedTco2PerMw[0]);
                depreciation += SupplyDepreciation(source, t, d.SupplyLifeMonths[0]);
                if (siteHours is not null || !Serves(source, t)) continue;
                // Untyped sources: every hour alike, so the month is served at mw x capacity_factor.
                double servedMwh = Math.Min(remainingMwh, source.Mw[0] * source.CapacityFactor[0] * hours);
                cost += servedMwh * source.PriceAt(t, 0);
                emissions += servedMwh * (source.GCo2At(t, 0) / 1000);
                if (source.GCo2At(t, 0) == 0) dispatch.Cfe += servedMwh;
                remainingMwh -= servedMwh;
            }
            shortfall = remainingMwh;
            if (siteHours is not null)
            {
                // Typed sources: hour by hour at the month's flat facility demand.
                dispatch = siteHours.Month(layout, s, d, 0, t, facilityEnergy / hours);
                (cost, emissions, shortfall) = (dispatch.Cost, dispatch.Emissions, dispatch.Shortfall);
            }
            else if (shortfall > HourlyDispatch.UnservedTolerance * facilityEnergy) dispatch.UnservedHours = hours;
        }

        // Cost of compute (MODEL.md section 10): capital charge on the book value at the month's
        // start, O&M on the facility and hardware in service; then the book value moves on.
        double facilityInService = d.CapexUsdPerItMw[0] * builtSum;
        double capitalCharge = d.Wacc[0] / 12 * book;
        double om = (d.OmFacilityShare[0] * facilityInService + d.OmHardwareShare[0] * hardwareInService) / 12;
        book = Formulas.NextBookValue(book, capexFacility + capexHardware + capexSupply, depreciation);

        values[(int)Metric.ItBuiltMw] = builtSum;
        values[(int)Metric.ItPoweredMw] = poweredSum;
        values[(int)Metric.ItStrandedMw] = builtSum - poweredSum;
        values[(int)Metric.SupplyMw] = supplyMw;
        values[(int)Metric.SupplyFirmMw] = firmMw;
        values[(int)Metric.SupplyFirmItMw] = firmMw / designPue;
        values[(int)Metric.FacilityDemandMw] = facilityEnergy / hours;
        values[(int)Metric.Accelerators] = installed;
        values[(int)Metric.H100e] = peakFlops / h100PeakFlops;
        values[(int)Metric.PeakFlops] = peakFlops;
        values[(int)Metric.EffectiveFlops] = effectiveFlops;
        values[(int)Metric.ItEnergyMwh] = itEnergy;
        values[(int)Metric.FacilityEnergyMwh] = facilityEnergy;
        values[(int)Metric.ShortfallMwh] = shortfall;
        values[(int)Metric.EnergyCostUsd] = cost;
        values[(int)Metric.EmissionsTco2] = emissions;
        values[(int)Metric.WaterM3] = itEnergy * d.WueLitresPerKwh[0];
        values[(int)Metric.CfeMwh] = dispatch.Cfe;
        values[(int)Metric.CurtailedMwh] = dispatch.Curtailed;
        values[(int)Metric.UnservedHours] = dispatch.UnservedHours;
        values[(int)Metric.BatteryDischargeMwh] = dispatch.BatteryDischarge;
        values[(int)Metric.GasFuelMmbtu] = dispatch.GasFuel;
        values[(int)Metric.CapexFacilityUsd] = capexFacility;
        values[(int)Metric.CapexHardwareUsd] = capexHardware;
        values[(int)Metric.CapexSupplyUsd] = capexSupply;
        values[(int)Metric.EmissionsEmbodiedTco2] = embodied;
        values[(int)Metric.DepreciationUsd] = depreciation;
        values[(int)Metric.CapitalChargeUsd] = capitalCharge;
        values[(int)Metric.OmUsd] = om;
        values[(int)Metric.TcoUsd] = depreciation + capitalCharge + om + cost;
        return new Trainable(sigma * installed, effectiveFlops);
    }

    /// <summary>True when the source serves month t: pos(from) &lt;= t &lt; pos(until), from being the path's end rounded up for a source with a path.</summary>
    private static bool Serves(in DrawnSupply source, int t) => source.FirstMonth(0) <= t && t < source.UntilPosition;

    /// <summary>
    /// A source's capex in month t: capex_usd_per_mw x mw spread evenly over the Lb months
    /// pos(from) - Lb .. pos(from) - 1 (all in pos(from) when Lb = 0); none without a `from` or a
    /// path. With <paramref name="perMw"/> the embodied tCO2e per MW, its embodied carbon the same way.
    /// </summary>
    private static double SupplyCapex(in DrawnSupply source, int t, double perMw)
    {
        if (!source.HasFrom) return 0;
        double from = source.FirstMonth(0);
        double usd = perMw * source.Mw[0];
        double lb = source.BuildMonths[0];
        if (lb == 0) return t == from ? usd : 0;
        return t >= from - lb && t <= from - 1 ? usd / lb : 0;
    }

    /// <summary>
    /// A source's depreciation in month t: capex_usd_per_mw x mw / Lm in each of the Lm months from
    /// its first month, whether or not it still serves; none without a `from` or a path.
    /// </summary>
    private static double SupplyDepreciation(in DrawnSupply source, int t, double lifeMonths)
    {
        if (!source.HasFrom) return 0;
        double from = source.FirstMonth(0);
        return t >= from && t < from + lifeMonths ? source.CapexUsdPerMw[0] * source.Mw[0] / lifeMonths : 0;
    }

    /// <summary>
    /// A phase in month t: built IT B_p, installed accelerators N_p, peak FLOP/s if all were
    /// powered, its capex, the capex of its hardware standing (H), its embodied carbon (tCO2e) and
    /// its depreciation (facility and hardware).
    /// </summary>
    private readonly record struct PhaseMonth(double BuiltItMw, double Accelerators, double PeakFlopsIfPowered, double CapexFacilityUsd, double CapexHardwareUsd,
        double HardwareInServiceUsd, double EmbodiedTco2, double DepreciationUsd);

    private static PhaseMonth PhaseAt(DrawnPhase phase, DrawnSite site, ScenarioLayout layout, DrawnGeneration[] catalog, int t)
    {
        double mid = Formulas.Middle(t);
        double o = phase.OnlinePosition[0];
        double ramp = phase.RampMonths[0];
        double itMw = phase.ItMw[0];
        double B(double at) => itMw * Formulas.RampFraction(at, o, ramp, phase.Linear);

        // Facility capex: spent evenly over the Lb months before each MW energizes.
        double lb = site.BuildMonths[0];
        double capexFacility = lb >= 1
            ? site.CapexUsdPerItMw[0] * (B(mid + lb) - B(mid)) / lb
            : site.CapexUsdPerItMw[0] * (B(mid) - B(mid - 1));
        // Embodied carbon of the facility, in capex's months; its depreciation over Lm months from installation.
        double embodiedFacility = lb >= 1
            ? site.EmbodiedTco2PerItMw[0] * (B(mid + lb) - B(mid)) / lb
            : site.EmbodiedTco2PerItMw[0] * (B(mid) - B(mid - 1));
        double facilityLife = site.FacilityLifeMonths[0];
        double depreciation = site.CapexUsdPerItMw[0] * (B(mid) - B(mid - facilityLife)) / facilityLife;

        // Vintages: cycle k starts at c_k = o + k C and installs along the phase's ramp; its
        // hardware is b_k = it_mw (f_k - f_(k+1)). Cycles older than those below are fully
        // installed in this month and the last, so they hold nothing and buy nothing.
        double cycle = Formulas.CycleMonths(site.LifetimeYears[0]);
        double newest = Formulas.NewestCycle(mid, o, cycle);
        double oldest = cycle == 0 ? 0 : Math.Max(0, Math.Floor((mid - 1 - o - ramp) / cycle) - 1);
        double accelerators = 0, peak = 0, capexHardware = 0, inService = 0, embodiedHardware = 0;
        for (double k = newest; k >= oldest; k--)
        {
            double start = o + k * cycle;
            double fNow = Formulas.RampFraction(mid, start, ramp, phase.Linear);
            double fBefore = Formulas.RampFraction(mid - 1, start, ramp, phase.Linear);
            double fNext = k == newest ? 0 : Formulas.RampFraction(mid, start + cycle, ramp, phase.Linear);
            var g = catalog[k == 0 && phase.NamedAccelerator >= 0 ? phase.NamedAccelerator : Latest(layout, catalog, start)];
            double perItMw = 1e6 / g.AllInWatts[0];
            double count = itMw * (fNow - fNext) * perItMw;
            accelerators += count;
            peak += count * g.PeakFlops[0];
            capexHardware += g.UnitCostUsd[0] * itMw * perItMw * (fNow - fBefore);
            inService += g.UnitCostUsd[0] * count;
            embodiedHardware += g.EmbodiedKg[0] * itMw * perItMw * (fNow - fBefore) / 1000;
        }
        // Hardware depreciation: every cycle's cost written off over Lm months from installation,
        // c (f_k(t) - f_k(t - Lm)) / Lm, cycles from the first on (older ones may still be on the books).
        double hardwareLife = site.HardwareLifeMonths[0];
        for (double k = 0; k <= newest; k++)
        {
            double start = o + k * cycle;
            var g = catalog[k == 0 && phase.NamedAccelerator >= 0 ? phase.NamedAccelerator : Latest(layout, catalog, start)];
            double perItMw = 1e6 / g.AllInWatts[0];
            double written = Formulas.RampFraction(mid, start, ramp, phase.Linear) - Formulas.RampFraction(mid - hardwareLife, start, ramp, phase.Linear);
            depreciation += g.UnitCostUsd[0] * itMw * perItMw * written / hardwareLife;
        }
        return new PhaseMonth(B(mid), accelerators, peak, capexFacility, capexHardware, inService, embodiedFacility + embodiedHardware, depreciation);
    }

    /// <summary>latest(c): the last roadmap entry with pos(available) + slip &lt;= c, else the first entry.</summary>
    private static int Latest(ScenarioLayout layout, DrawnGeneration[] catalog, double position)
    {
        int chosen = layout.Roadmap[0];
        foreach (int index in layout.Roadmap)
            if (catalog[index].AvailablePosition[0] <= position) chosen = index;
        return chosen;
    }

    /// <summary>The largest training run of a month: its FLOP, goodput and accelerators.</summary>
    private readonly record struct Frontier(double Flop, double Goodput, double Accelerators);

    /// <summary>
    /// Candidates are the clusters, then every site in no cluster on its own, in file order; each
    /// may train on training_share of its sites' powered accelerators and effective FLOP/s, and takes
    /// the run size that trains most at that goodput. The largest useful FLOP/s wins, the first on ties.
    /// </summary>
    private static Frontier FrontierRun(Scenario scenario, DrawnSite[] sites, Trainable[] trainable, DrawnRun run)
    {
        double mtbf = run.AcceleratorMtbfHours[0], checkpoint = run.CheckpointMinutes[0], restart = run.RestartMinutes[0];
        double bestValue = double.NegativeInfinity, bestGoodput = 1, bestAccelerators = 0;
        void Consider(IEnumerable<int> members)
        {
            double a = 0, e = 0;
            foreach (int s in members)
            {
                double share = sites[s].TrainingShare[0];
                a += share * trainable[s].PoweredAccelerators;
                e += share * trainable[s].EffectiveFlops;
            }
            var (value, g, size) = Formulas.FrontierRun(a, e, mtbf, checkpoint, restart);
            if (value > bestValue) (bestValue, bestGoodput, bestAccelerators) = (value, g, size);
        }
        var clustered = new bool[sites.Length];
        foreach (var cluster in scenario.Clusters)
        {
            Consider(cluster.SiteIndices);
            foreach (int s in cluster.SiteIndices) clustered[s] = true;
        }
        for (int s = 0; s < sites.Length; s++)
            if (!clustered[s]) Consider([s]);
        return new Frontier(Math.Max(0, bestValue) * run.TrainingDays[0] * Formulas.SecondsPerDay, bestGoodput, bestAccelerators);
    }
}
