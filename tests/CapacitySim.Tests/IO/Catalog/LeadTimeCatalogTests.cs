using CapacitySim.Core.Engine;
using CapacitySim.IO.Catalog;

namespace CapacitySim.Tests.IO.Catalog;

/// <summary>The built-in lead-time catalog: every entry sourced and dated, the kinds the model names present, and the fits to published percentiles.</summary>
public class LeadTimeCatalogTests
{
    [Test]
    public void EveryEntryHasASourceAYearAndANonNegativeDuration()
    {
        var entries = BuiltInLeadTimes.Load();
        Assert.That(entries.Select(e => e.Name), Is.Unique);
        foreach (var e in entries)
        {
            Assert.That(e.Source, Does.Contain("[src:").Or.Contain("[est:"), e.Name);
            Assert.That(e.Year, Is.InRange(2020, 2030), e.Name);
            Assert.That(Sampler.Quantile(e.Duration, 0.001), Is.GreaterThanOrEqualTo(0), e.Name);
        }
        // docs/model.md "Time to power": construction, large-load and generator interconnection, turbines by order year, engines, plants, transformers, batteries.
        string[] required = ["greenfield-build", "retrofit-build", "large-load-pjm-dominion", "large-load-ercot", "large-load-us", "generator-interconnection",
            "gas-turbine-frame-2024", "gas-turbine-frame-2025", "gas-turbine-frame-2026", "gas-turbine-aero-2024", "gas-turbine-aero-2025", "gas-turbine-aero-2026",
            "reciprocating-engine", "gas-plant-construction", "power-transformer", "step-up-transformer", "battery-system"];
        Assert.That(entries.Select(e => e.Name), Is.SupersetOf(required));
    }

    // Epoch AI Frontier Data Centers (land clearing to first operational building): greenfield
    // n = 53, P10/P50/P90 15.5/26.2/42 months; started 2023 or later n = 34, 13/22/28.7. The
    // triangular fits are checked to within a month at each percentile.
    [TestCase("greenfield-build", 15.5, 26.2, 42.0)]
    [TestCase("greenfield-build-recent", 13.0, 22.0, 28.7)]
    public void FittedEntriesReproduceThePublishedPercentilesWithinAMonth(string name, double p10, double p50, double p90)
    {
        var duration = BuiltInLeadTimes.Load().Single(e => e.Name == name).Duration;
        Assert.That(Sampler.Quantile(duration, 0.10), Is.EqualTo(p10).Within(1));
        Assert.That(Sampler.Quantile(duration, 0.50), Is.EqualTo(p50).Within(1));
        Assert.That(Sampler.Quantile(duration, 0.90), Is.EqualTo(p90).Within(1));
        // Triangular(8.5, 19, 55): F(mode) = 10.5 / 46.5 = 0.2258 > 0.1, so P10 = 8.5 + sqrt(0.1 x 46.5 x 10.5) = 15.487.
        if (name == "greenfield-build") Assert.That(Sampler.Quantile(duration, 0.10), Is.EqualTo(8.5 + Math.Sqrt(0.1 * 46.5 * 10.5)).Within(1e-9));
    }

    [Test]
    public void TransformerWeeksMatchTheCitedLeadTimes()
    {
        // Wood Mackenzie Q2 2025: power transformers 128 weeks, step-up 144 weeks (modes); 2024 range 80-210.
        var entries = BuiltInLeadTimes.Load();
        var power = entries.Single(e => e.Name == "power-transformer");
        Assert.That(power.InWeeks, Is.True);
        Assert.That(power.Duration.Mode, Is.EqualTo(128));
        Assert.That((power.Duration.Min, power.Duration.Max), Is.EqualTo((80.0, 210.0)));
        Assert.That(entries.Single(e => e.Name == "step-up-transformer").Duration.Mode, Is.EqualTo(144));
    }
}
