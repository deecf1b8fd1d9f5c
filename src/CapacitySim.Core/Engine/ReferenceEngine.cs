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
        int done = 0;
        var options = new ParallelOptions
        {
            MaxDegreeOfParallelism = plan.Threads,
            CancellationToken = cancellation,
        };
        Parallel.For(0, samples, options, () => new Sampler(plan), (i, _, sampler) =>
        {
            sampler.SampleIndex = i;
            RunSample(scenario, SampleParameters.Draw(scenario, sampler), result, i);
            int now = Interlocked.Increment(ref done);
            if (progress is not null && (now % 64 == 0 || now == samples)) progress.Report(now);
            return sampler;
        }, _ => { });
        result.DeriveCumulativeCapex();
        return result;
    }

    private static void RunSample(Scenario scenario, SampleParameters p, SimulationResult result, int sample)
    {
        int months = scenario.Months;
        int siteCount = scenario.Sites.Count;
        int total = result.TotalScope;
        var siteValues = new double[Metrics.SiteMetricCount];
        var effectiveBySite = new double[siteCount];

        for (int t = 0; t < months; t++)
        {
            var month = scenario.Start.AddMonths(t);
            double hours = month.Hours;
            int slot = t * result.Samples + sample;

            for (int s = 0; s < siteCount; s++)
            {
                ComputeSite(scenario.Sites[s], p.Sites[s], p, t, month, hours, siteValues);
                for (int m = 0; m < siteValues.Length; m++)
                    result.AddSiteValue(s, m, slot, siteValues[m]);
                effectiveBySite[s] = siteValues[(int)Metric.EffectiveFlops];
            }

            // The totals of the site metrics are in the result now; the total-only metrics follow from them.
            double Total(Metric metric) => result.Series[total][(int)metric]![slot];
            void SetTotal(Metric metric, double value)
            {
                if (result.Series[total][(int)metric] is { } series) series[slot] = value;
            }

            if (p.Researchers is { } points)
            {
                double researchers = Researchers(points, t);
                SetTotal(Metric.Researchers, researchers);
                SetTotal(Metric.H100ePerResearcher, researchers > 0 ? Total(Metric.H100e) / researchers : 0);
                SetTotal(Metric.PflopsPerResearcher, researchers > 0 ? Total(Metric.EffectiveFlops) / 1e15 / researchers : 0);
            }
            SetTotal(Metric.FrontierRunFlop, FrontierRunFlop(scenario, effectiveBySite));
        }
    }

    /// <summary>One site's metrics for month t (section 4), written into <paramref name="values"/> indexed by <see cref="Metric"/>.</summary>
    private static void ComputeSite(Site site, DrawnSite d, SampleParameters p, int t, YearMonth month, double hours, double[] values)
    {
        int phaseCount = d.Phases.Count;
        var built = new double[phaseCount];
        var accelerator = new int[phaseCount];
        double builtSum = 0;
        double capexFacility = 0;
        double capexHardware = 0;
        double accelerators = 0;

        for (int ph = 0; ph < phaseCount; ph++)
        {
            var phase = d.Phases[ph];
            var now = PhaseAt(phase, d.LifetimeYears, p, t);
            var before = PhaseAt(phase, d.LifetimeYears, p, t - 1);
            built[ph] = now.Built;
            accelerator[ph] = now.Accelerator;
            builtSum += now.Built;

            capexFacility += d.CapexUsdPerItMw * Math.Max(0, now.Built - before.Built);

            double count = AcceleratorCount(now.Built, p.Catalog[now.Accelerator]);
            double countBefore = AcceleratorCount(before.Built, p.Catalog[before.Accelerator]);
            double bought = now.Refresh > before.Refresh ? count : Math.Max(0, count - countBefore);
            capexHardware += p.Catalog[now.Accelerator].UnitCostUsd * bought;
            accelerators += count;
        }

        double supplyMw;
        double poweredSum;
        if (d.Supply is null)
        {
            supplyMw = builtSum * d.DesignPue;
            poweredSum = builtSum;
        }
        else
        {
            supplyMw = d.Supply.Where(s => s.FromPosition <= t && t < s.UntilPosition).Sum(s => s.Mw);
            poweredSum = Math.Min(builtSum, supplyMw / d.DesignPue);
        }

        double peakFlops = 0;
        for (int ph = 0; ph < phaseCount; ph++)
        {
            if (built[ph] <= 0) continue;
            double powered = built[ph] * poweredSum / builtSum;
            var g = p.Catalog[accelerator[ph]];
            peakFlops += AcceleratorCount(built[ph], g) * (powered / built[ph]) * g.PeakFlops;
        }

        double pue = d.Pue * site.PueMonthly[month.Month - 1];
        double itEnergy = poweredSum * d.LoadFactor * hours;
        double facilityEnergy = itEnergy * pue;
        double demandMw = facilityEnergy / hours;

        double cost = 0, emissions = 0, shortfall = 0;
        if (d.Supply is null)
        {
            cost = facilityEnergy * d.GridPriceUsdPerMwh;
            emissions = facilityEnergy * d.GridGCo2PerKwh / 1000;
        }
        else
        {
            double remainingMw = demandMw;
            foreach (var source in d.Supply)
            {
                if (!(source.FromPosition <= t && t < source.UntilPosition)) continue;
                double servedMw = Math.Min(remainingMw, source.Mw);
                double servedMwh = servedMw * hours;
                cost += servedMwh * source.PriceUsdPerMwh;
                emissions += servedMwh * source.GCo2PerKwh / 1000;
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
        values[(int)Metric.H100e] = peakFlops / p.H100PeakFlops;
        values[(int)Metric.PeakFlops] = peakFlops;
        values[(int)Metric.EffectiveFlops] = peakFlops * d.Mfu;
        values[(int)Metric.ItEnergyMwh] = itEnergy;
        values[(int)Metric.FacilityEnergyMwh] = facilityEnergy;
        values[(int)Metric.ShortfallMwh] = shortfall;
        values[(int)Metric.EnergyCostUsd] = cost;
        values[(int)Metric.EmissionsTco2] = emissions;
        values[(int)Metric.WaterM3] = itEnergy * d.WueLitresPerKwh;
        values[(int)Metric.CapexFacilityUsd] = capexFacility;
        values[(int)Metric.CapexHardwareUsd] = capexHardware;
    }

    /// <summary>A phase at month t: built IT MW B_p(t), refresh index k and the catalog index of its accelerator.</summary>
    private readonly record struct PhaseState(double Built, int Refresh, int Accelerator);

    private static PhaseState PhaseAt(DrawnPhase phase, double lifetimeYears, SampleParameters p, int t)
    {
        double mid = t + 0.5;
        double o = phase.OnlinePosition;
        double x = phase.RampMonths == 0
            ? (mid >= o ? 1 : 0)
            : Math.Clamp((mid - o) / phase.RampMonths, 0, 1);
        double f = phase.Ramp == RampShape.Linear ? x : 3 * x * x - 2 * x * x * x;

        double cycle = 12 * lifetimeYears;
        int k = cycle == 0 || mid < o ? 0 : (int)Math.Floor((mid - o) / cycle);
        double installedAt = o + k * cycle;
        int accelerator = k == 0 && phase.NamedAccelerator >= 0 ? phase.NamedAccelerator : Latest(p, installedAt);
        return new PhaseState(phase.ItMw * f, k, accelerator);
    }

    /// <summary>latest(c): the last roadmap entry with pos(available) + slip &lt;= c, else the first entry.</summary>
    private static int Latest(SampleParameters p, double position)
    {
        int chosen = p.Roadmap[0];
        foreach (int index in p.Roadmap)
            if (p.Catalog[index].AvailablePosition <= position) chosen = index;
        return chosen;
    }

    /// <summary>N = B * 1e6 / all-in watts.</summary>
    private static double AcceleratorCount(double builtItMw, DrawnAccelerator g) => builtItMw * 1e6 / g.AllInWatts;

    /// <summary>R(t): linear between points at their positions, flat outside.</summary>
    internal static double Researchers(IReadOnlyList<(int Position, double Count)> points, int t)
    {
        if (t <= points[0].Position) return points[0].Count;
        for (int j = 1; j < points.Count; j++)
        {
            var (p1, c1) = points[j];
            if (t <= p1)
            {
                var (p0, c0) = points[j - 1];
                return c0 + (c1 - c0) * (t - p0) / (p1 - p0);
            }
        }
        return points[^1].Count;
    }

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
        return best * scenario.TrainingDays * 86400;
    }
}
