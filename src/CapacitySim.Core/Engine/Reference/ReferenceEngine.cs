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
    /// <summary>Runs every sample of <paramref name="scenario"/>; <paramref name="progress"/> receives completed sample counts.</summary>
    public static SimulationResult Run(Scenario scenario, RunSettings? settings = null, IProgress<int>? progress = null, CancellationToken cancellation = default)
    {
        settings ??= new RunSettings();
        int samples = settings.Samples ?? scenario.Samples;
        ulong seed = settings.Seed ?? scenario.Seed;
        var result = new SimulationResult(scenario, samples, settings.Scopes);
        var layout = new ScenarioLayout(scenario);
        int done = 0;
        var options = new ParallelOptions
        {
            MaxDegreeOfParallelism = settings.MaxThreads ?? Environment.ProcessorCount,
            CancellationToken = cancellation,
        };
        Parallel.For(0, samples, options, () => new ParameterDrawer(layout, new Sampler(seed, samples, settings.Pinned), 1), (i, _, drawer) =>
        {
            RunSample(layout, drawer, result, i);
            int now = Interlocked.Increment(ref done);
            if (progress is not null && (now % 64 == 0 || now == samples)) progress.Report(now);
            return drawer;
        }, _ => { });
        result.DeriveCumulativeCapex();
        return result;
    }

    private static void RunSample(ScenarioLayout layout, ParameterDrawer drawer, SimulationResult result, int sample)
    {
        var scenario = layout.Scenario;
        drawer.Begin(sample, 1);
        var catalog = drawer.Catalog();
        var sites = Enumerable.Range(0, scenario.Sites.Count).Select(drawer.Site).ToArray();
        double[]? researcherCounts = drawer.ResearcherCounts()?.Select(c => c[0]).ToArray();
        double h100PeakFlops = catalog[layout.H100].PeakFlops[0];

        int total = result.TotalScope;
        var siteValues = new double[Metrics.Count];
        var effectiveBySite = new double[sites.Length];
        for (int t = 0; t < layout.Months; t++)
        {
            int slot = t * result.Samples + sample;
            for (int s = 0; s < sites.Length; s++)
            {
                ComputeSite(layout, s, sites[s], catalog, h100PeakFlops, t, siteValues);
                foreach (var m in Metrics.SiteComputed)
                    result.AddSiteValue(s, (int)m, slot, siteValues[(int)m]);
                effectiveBySite[s] = siteValues[(int)Metric.EffectiveFlops];
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
                SetTotal(Metric.Researchers, researchers);
                SetTotal(Metric.H100ePerResearcher, researchers > 0 ? Total(Metric.H100e) / researchers : 0);
                SetTotal(Metric.PflopsPerResearcher, researchers > 0 ? Total(Metric.EffectiveFlops) / 1e15 / researchers : 0);
            }
            SetTotal(Metric.FrontierRunFlop, FrontierRunFlop(scenario, effectiveBySite));
        }
    }

    /// <summary>One site's metrics for month t (section 4), written into <paramref name="values"/> indexed by <see cref="Metric"/>.</summary>
    private static void ComputeSite(ScenarioLayout layout, int s, DrawnSite d, DrawnGeneration[] catalog, double h100PeakFlops, int t, double[] values)
    {
        var site = layout.Scenario.Sites[s];
        double hours = layout.HoursOf[t];
        int phaseCount = d.Phases.Length;
        var built = new double[phaseCount];
        var accelerator = new int[phaseCount];
        double builtSum = 0;
        double capexFacility = 0;
        double capexHardware = 0;
        double accelerators = 0;
        double lifetimeYears = d.LifetimeYears[0];

        for (int ph = 0; ph < phaseCount; ph++)
        {
            var phase = d.Phases[ph];
            var now = PhaseAt(phase, lifetimeYears, layout, catalog, t);
            var before = PhaseAt(phase, lifetimeYears, layout, catalog, t - 1);
            built[ph] = now.Built;
            accelerator[ph] = now.Accelerator;
            builtSum += now.Built;

            capexFacility += d.CapexUsdPerItMw[0] * Math.Max(0, now.Built - before.Built);

            double count = AcceleratorCount(now.Built, catalog[now.Accelerator]);
            double countBefore = AcceleratorCount(before.Built, catalog[before.Accelerator]);
            double bought = now.Refresh > before.Refresh ? count : Math.Max(0, count - countBefore);
            capexHardware += catalog[now.Accelerator].UnitCostUsd[0] * bought;
            accelerators += count;
        }

        double designPue = d.DesignPue[0];
        double supplyMw;
        double poweredSum;
        if (d.Supply is null)
        {
            supplyMw = builtSum * designPue;
            poweredSum = builtSum;
        }
        else
        {
            supplyMw = d.Supply.Where(x => Serves(x, t)).Sum(x => x.Mw[0]);
            poweredSum = Math.Min(builtSum, supplyMw / designPue);
        }

        double peakFlops = 0;
        for (int ph = 0; ph < phaseCount; ph++)
        {
            if (built[ph] <= 0) continue;
            double powered = built[ph] * poweredSum / builtSum;
            var g = catalog[accelerator[ph]];
            peakFlops += AcceleratorCount(built[ph], g) * (powered / built[ph]) * g.PeakFlops[0];
        }

        double pue = d.Pue[0] * site.PueMonthly[layout.CalendarMonthOf[t] - 1];
        double itEnergy = poweredSum * d.LoadFactor[0] * hours;
        double facilityEnergy = itEnergy * pue;
        double demandMw = facilityEnergy / hours;

        double cost = 0, emissions = 0, shortfall = 0;
        if (d.Supply is null)
        {
            cost = facilityEnergy * d.GridPriceUsdPerMwh[0];
            emissions = facilityEnergy * d.GridGCo2PerKwh[0] / 1000;
        }
        else
        {
            double remainingMw = demandMw;
            foreach (var source in d.Supply)
            {
                if (!Serves(source, t)) continue;
                double servedMw = Math.Min(remainingMw, source.Mw[0]);
                double servedMwh = servedMw * hours;
                cost += servedMwh * source.PriceUsdPerMwh[0];
                emissions += servedMwh * source.GCo2PerKwh[0] / 1000;
                remainingMw -= servedMw;
            }
            shortfall = remainingMw * hours;
        }

        values[(int)Metric.ItBuiltMw] = builtSum;
        values[(int)Metric.ItPoweredMw] = poweredSum;
        values[(int)Metric.ItStrandedMw] = builtSum - poweredSum;
        values[(int)Metric.SupplyMw] = supplyMw;
        values[(int)Metric.FacilityDemandMw] = demandMw;
        values[(int)Metric.Accelerators] = accelerators;
        values[(int)Metric.H100e] = peakFlops / h100PeakFlops;
        values[(int)Metric.PeakFlops] = peakFlops;
        values[(int)Metric.EffectiveFlops] = peakFlops * d.Mfu[0];
        values[(int)Metric.ItEnergyMwh] = itEnergy;
        values[(int)Metric.FacilityEnergyMwh] = facilityEnergy;
        values[(int)Metric.ShortfallMwh] = shortfall;
        values[(int)Metric.EnergyCostUsd] = cost;
        values[(int)Metric.EmissionsTco2] = emissions;
        values[(int)Metric.WaterM3] = itEnergy * d.WueLitresPerKwh[0];
        values[(int)Metric.CapexFacilityUsd] = capexFacility;
        values[(int)Metric.CapexHardwareUsd] = capexHardware;
    }

    /// <summary>True when the source serves month t: pos(from) &lt;= t &lt; pos(until).</summary>
    private static bool Serves(DrawnSupply source, int t) => source.FromPosition <= t && t < source.UntilPosition;

    /// <summary>A phase at month t: built IT MW B_p(t), refresh index k and the catalog index of its accelerator.</summary>
    private readonly record struct PhaseState(double Built, int Refresh, int Accelerator);

    private static PhaseState PhaseAt(DrawnPhase phase, double lifetimeYears, ScenarioLayout layout, DrawnGeneration[] catalog, int t)
    {
        double mid = Formulas.Middle(t);
        double o = phase.OnlinePosition[0];
        double f = Formulas.RampFraction(mid, o, phase.RampMonths[0], phase.Linear);

        double cycle = 12 * lifetimeYears;
        int k = cycle == 0 || mid < o ? 0 : (int)Math.Floor((mid - o) / cycle);
        double installedAt = o + k * cycle;
        int accelerator = k == 0 && phase.NamedAccelerator >= 0 ? phase.NamedAccelerator : Latest(layout, catalog, installedAt);
        return new PhaseState(phase.ItMw[0] * f, k, accelerator);
    }

    /// <summary>latest(c): the last roadmap entry with pos(available) + slip &lt;= c, else the first entry.</summary>
    private static int Latest(ScenarioLayout layout, DrawnGeneration[] catalog, double position)
    {
        int chosen = layout.Roadmap[0];
        foreach (int index in layout.Roadmap)
            if (catalog[index].AvailablePosition[0] <= position) chosen = index;
        return chosen;
    }

    /// <summary>N = B * 1e6 / all-in watts.</summary>
    private static double AcceleratorCount(double builtItMw, DrawnGeneration g) => builtItMw * 1e6 / g.AllInWatts[0];

    /// <summary>Max over clusters (sites in no cluster stand alone) of effective FLOP/s * training_days * 86400.</summary>
    private static double FrontierRunFlop(Scenario scenario, double[] effectiveBySite)
    {
        double best = 0;
        var clustered = new bool[effectiveBySite.Length];
        foreach (var cluster in scenario.Clusters)
        {
            double sum = 0;
            foreach (int s in cluster.SiteIndices)
            {
                sum += effectiveBySite[s];
                clustered[s] = true;
            }
            best = Math.Max(best, sum);
        }
        for (int s = 0; s < effectiveBySite.Length; s++)
            if (!clustered[s]) best = Math.Max(best, effectiveBySite[s]);
        return best * scenario.TrainingDays * Formulas.SecondsPerDay;
    }
}
