using CapacitySim.Core.Engine;
using CapacitySim.Core.Model;
using CapacitySim.Core.Sensitivity;

namespace CapacitySim.Tests.Core.Engine;

/// <summary>The run plan is worked out once, from the scenario and what the user asks; engines are picked by name.</summary>
public class RunPlanTests
{
    private static Scenario Scenario(int samples) => TestScenarios.Parse($"""
        name: t
        start: 2025-01
        end: 2025-03
        samples: {samples}
        seed: 11
        percentiles: [5, 50, 95]
        roadmap: [H100]
        sites:
          - name: A
            phases: [{"{"}name: P, online: 2025-01, ramp_months: 0, it_mw: {"{"}dist: uniform, min: 80, max: 120{"}"}{"}"}]
        """);

    [Test]
    public void TheFileGivesWhatTheUserDoesNotAsk()
    {
        var plan = RunPlan.For(Scenario(500));
        Assert.That((plan.Samples, plan.Seed, plan.Percentiles), Is.EqualTo((500, 11UL, new[] { 5.0, 50, 95 })));
        // One site: every scope kind is kept by default (up to 50 sites).
        Assert.That(plan.Scopes, Is.EqualTo(ScopeKinds.All));
        Assert.That(plan.Threads, Is.EqualTo(Environment.ProcessorCount));
        Assert.That(plan.Pinned, Is.Null);
        Assert.That(plan.IsNominal, Is.False);
    }

    [Test]
    public void WhatTheUserAsksWins()
    {
        var pinned = new Dictionary<ulong, double> { [1] = 2 };
        var plan = RunPlan.For(Scenario(500), new RunSettings(1, 3, 2, ScopeKinds.Total, pinned));
        Assert.That((plan.Samples, plan.Seed, plan.Scopes, plan.Threads, plan.Pinned), Is.EqualTo((1, 3UL, ScopeKinds.Total, 2, pinned)));
        Assert.That(plan.IsNominal, Is.True, "one sample is the nominal run");
    }

    [TestCase(0)]
    [TestCase(RunPlan.MaxSamples + 1)]
    public void SamplesOutsideTheLimitsAreRefused(int samples) =>
        Assert.That(() => RunPlan.For(Scenario(1), new RunSettings(samples)), Throws.TypeOf<ArgumentOutOfRangeException>());

    [Test]
    public void TheNominalRunDrawsNothing()
    {
        var scenario = Scenario(1);
        var one = ReferenceEngine.Run(scenario);
        // it_mw uniform 80..120: nominal (80 + 120) / 2 = 100 MW built from 2025-01.
        Assert.That(one.At("total", Metric.ItBuiltMw, "2025-03"), Is.EqualTo(100));
        var two = ReferenceEngine.Run(scenario, RunPlan.For(scenario, new RunSettings(2)));
        Assert.That(two.At("total", Metric.ItBuiltMw, "2025-03", 0), Is.Not.EqualTo(100));
    }

    [Test]
    public void SensitivityDrawsItsDefaultSamplesWhereTheFileAsksForTheNominalRun()
    {
        Assert.That(SensitivityAnalysis.Plan(Scenario(1)).Samples, Is.EqualTo(SensitivityAnalysis.DefaultSamples));
        Assert.That(SensitivityAnalysis.Plan(Scenario(300)).Samples, Is.EqualTo(300));
        Assert.That(SensitivityAnalysis.Plan(Scenario(1), new RunSettings(20)).Samples, Is.EqualTo(20));
    }

    [Test]
    public void EnginesArePickedByName()
    {
        Assert.That(Engines.Names, Is.EqualTo(new[] { "fast", "reference" }));
        Assert.That(Engines.ByName("fast"), Is.SameAs(Engines.Fast));
        Assert.That(Engines.ByName("reference"), Is.SameAs(Engines.Reference));
        Assert.That(() => Engines.ByName("quick"), Throws.ArgumentException);
    }

    [Test]
    public void BothEnginesRunThePlanTheyAreGiven()
    {
        var scenario = Scenario(1);
        var plan = RunPlan.For(scenario, new RunSettings(9, 5, 1, ScopeKinds.Total));
        foreach (var engine in Engines.All)
        {
            var result = engine.Run(scenario, plan);
            Assert.That((result.Samples, result.Kinds, result.ScopeNames.Count), Is.EqualTo((9, ScopeKinds.Total, 1)), engine.Name);
        }
        var reference = Engines.Reference.Run(scenario, plan);
        var fast = Engines.Fast.Run(scenario, plan);
        Assert.That(fast.Series[0][(int)Metric.ItBuiltMw], Is.EqualTo(reference.Series[0][(int)Metric.ItBuiltMw]).Within(1e-9));
    }

    [Test]
    public void FillingAResultWithAnotherSizeOfPlanIsRefused()
    {
        var scenario = Scenario(8);
        var result = FastEngine.Run(scenario);
        Assert.That(() => FastEngine.Fill(result, RunPlan.For(scenario, new RunSettings(9))), Throws.ArgumentException);
        Assert.That(() => FastEngine.Fill(result, RunPlan.For(scenario, new RunSettings(Scopes: ScopeKinds.Total))), Throws.ArgumentException);
        Assert.DoesNotThrow(() => FastEngine.Fill(result));
    }
}
