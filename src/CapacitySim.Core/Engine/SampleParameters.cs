using CapacitySim.Core.Model;

namespace CapacitySim.Core.Engine;

/// <summary>An accelerator's values in one sample; <see cref="AvailablePosition"/> is pos(available) + slip_months.</summary>
internal sealed record DrawnAccelerator(double AvailablePosition, double PeakFlops, double AllInWatts, double UnitCostUsd);

/// <summary>A phase's values in one sample: o_p (online position with delay), IT MW, ramp months, named accelerator index or -1.</summary>
internal sealed record DrawnPhase(double OnlinePosition, double ItMw, double RampMonths, RampShape Ramp, int NamedAccelerator);

/// <summary>A supply source's values in one sample; the From/Until positions bound the months it serves.</summary>
internal sealed record DrawnSupply(double Mw, int FromPosition, int UntilPosition, double PriceUsdPerMwh, double GCo2PerKwh);

/// <summary>A site's values in one sample.</summary>
internal sealed record DrawnSite(
    double Pue, double DesignPue, double LoadFactor, double Mfu, double LifetimeYears,
    double CapexUsdPerItMw, double WueLitresPerKwh, double GridPriceUsdPerMwh, double GridGCo2PerKwh,
    IReadOnlyList<DrawnSupply>? Supply, IReadOnlyList<DrawnPhase> Phases);

/// <summary>Every (u) parameter of a scenario drawn for one sample (docs/model.md section 2).</summary>
internal sealed record SampleParameters(
    IReadOnlyList<DrawnAccelerator> Catalog,
    IReadOnlyList<int> Roadmap,
    double H100PeakFlops,
    IReadOnlyList<DrawnSite> Sites,
    IReadOnlyList<(int Position, double Count)>? Researchers)
{
    /// <summary>Draws every parameter of <paramref name="scenario"/> with the sampler's current sample index.</summary>
    public static SampleParameters Draw(Scenario scenario, Sampler sampler)
    {
        var start = scenario.Start;
        var catalog = scenario.Catalog
            .Select(a => new DrawnAccelerator(
                a.Available.PositionFrom(start) + sampler.Draw(a.SlipMonths),
                sampler.Draw(a.PeakFlops),
                sampler.Draw(a.AllInWatts),
                sampler.Draw(a.UnitCostUsd)))
            .ToArray();
        int IndexOf(string name) => scenario.Catalog.ToList().FindIndex(a => a.Name == name);
        var roadmap = scenario.Roadmap.Select(IndexOf).ToArray();
        double h100 = catalog[IndexOf("H100")].PeakFlops;

        var sites = scenario.Sites.Select(site =>
        {
            double pue = sampler.Draw(site.Pue);
            double designPue = sampler.Draw(site.DesignPue);
            var supply = site.Supply?.Select(s => new DrawnSupply(
                sampler.Draw(s.Mw),
                s.From is { } from ? from.PositionFrom(start) : int.MinValue,
                s.Until is { } until ? until.PositionFrom(start) : int.MaxValue,
                sampler.Draw(s.PriceUsdPerMwh),
                sampler.Draw(s.GCo2PerKwh))).ToArray();
            var phases = site.Phases.Select(p => new DrawnPhase(
                p.Online.PositionFrom(start) + sampler.Draw(p.DelayMonths),
                p.ItMw is { } it ? sampler.Draw(it) : sampler.Draw(p.FacilityMw!) / designPue,
                sampler.Draw(p.RampMonths),
                p.Ramp,
                p.Accelerator is { } name ? IndexOf(name) : -1)).ToArray();
            return new DrawnSite(
                pue, designPue, sampler.Draw(site.LoadFactor), sampler.Draw(site.Mfu), sampler.Draw(site.LifetimeYears),
                sampler.Draw(site.CapexUsdPerItMw), sampler.Draw(site.WueLitresPerKwh),
                sampler.Draw(site.GridPriceUsdPerMwh), sampler.Draw(site.GridGCo2PerKwh),
                supply, phases);
        }).ToArray();

        var researchers = scenario.Researchers?
            .Select(r => (r.Month.PositionFrom(start), sampler.Draw(r.Count)))
            .ToArray();
        return new SampleParameters(catalog, roadmap, h100, sites, researchers);
    }
}
