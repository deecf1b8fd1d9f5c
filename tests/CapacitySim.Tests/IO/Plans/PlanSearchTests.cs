using System.Text;
using CapacitySim.Core.Engine;
using CapacitySim.Core.Planning;
using CapacitySim.IO.Catalog;
using CapacitySim.IO.Plans;
using CapacitySim.IO.Scenarios;

namespace CapacitySim.Tests.IO.Plans;

/// <summary>
/// The plan search on scenarios small enough to solve by hand, through the planned scenario text
/// (as capsim plan runs it): the closed-form case, minimality, a second cluster for the frontier
/// run, an infeasible target, and the written plan run again.
/// </summary>
public class PlanSearchTests() : TempFolderTests("plan")
{
    /// <summary>A chip with round numbers: 1 MW of IT holds 1,000 of them (1,000 W all-in), each 1e15 FLOP/s peak.</summary>
    private const string Chip = """
        roadmap: [TestChip]
        accelerators:
          - {name: TestChip, available: 2020-01, peak_flops: 1.0e15, tdp_w: 700, allin_w: 1000, unit_cost_usd: 10000}
        """;

    private (PlanFile Plan, PlannedScenario Planned, PlanOutcome Outcome) Solve(string scenario, string plan, int? samples = null)
    {
        File.WriteAllText(Path.Combine(Dir, "scenario.yaml"), scenario);
        string planPath = Path.Combine(Dir, "plan.yaml");
        File.WriteAllText(planPath, plan);
        var catalog = BuiltInCatalog.Load();
        var file = PlanLoader.Load(planPath, catalog);
        var planned = new PlannedScenario(file, catalog);
        var search = new PlanSearch(file.Problem, planned.Load, new RunSettings(samples ?? file.Samples, file.Seed, Scopes: ScopeKinds.Total), Engines.Fast);
        return (file, planned, search.Run());
    }

    private static string HandScenario => $$"""
        name: plan-hand
        start: 2024-01
        end: 2026-12
        {{Chip}}
        sites:
          - name: Alpha
            mfu: 0.5
            lifetime_years: 0
            phases:
              - {name: A-1, online: 2024-01, it_mw: 10, ramp_months: 0, ramp: linear}
        """;

    /// <summary>The hand case's plan: one effective FLOP/s target in 2025-12, 10 MW steps at Alpha from 2025-01 on a linear 12-month ramp.</summary>
    private static string HandPlan(double threshold, int maxItMwPerYear) => $$"""
        scenario: scenario.yaml
        confidence: 0.9
        targets:
          - {metric: effective_flops, month: 2025-12, at_least: {{threshold:R}}}
        expansion:
          - {site: Alpha, earliest: 2025-01, step_it_mw: 10, max_it_mw_per_year: {{maxItMwPerYear}}, ramp_months: 12}
        """;

    [Test]
    public void TheRequiredCapacityIsTheClosedFormRoundedUpToTheStep()
    {
        // Baseline: 10 MW x 1e6 W/MW / 1,000 W = 10,000 chips x 1e15 x MFU 0.5 = 5e18 FLOP/s.
        // Added phases come online 2025-01 (position 12) on a linear 12-month ramp; 2025-12 is t = 23,
        // its middle m = 23.5, so x = (23.5 - 12) / 12 = 11.5 / 12 of each added MW stands, and one
        // added MW gives 1,000 x 1e15 x 0.5 x 11.5 / 12 = 4.7916...e17 FLOP/s.
        // The target asks 43 such MW on top: 5e18 + 43 x 4.7916e17 = 2.5604166...e19, so
        // ceil(43 / 10) = 5 steps of 10 MW; 4 steps (40 MW) fall short.
        double perMw = 1000 * 1e15 * 0.5 * 11.5 / 12;
        double threshold = 5e18 + 43 * perMw;
        var (_, planned, outcome) = Solve(HandScenario, HandPlan(threshold, maxItMwPerYear: 100));
        Assert.That(outcome.Feasible, Is.True);
        Assert.That(outcome.Allocation[0, 0], Is.EqualTo(5));
        Assert.That(outcome.Final.Targets[0].P50, Is.EqualTo(5e18 + 50 * perMw).Within(1e-9 * threshold));
        Assert.That(outcome.Baseline.Targets[0].P50, Is.EqualTo(5e18).Within(1));
        var fewer = planned.Load(outcome.Allocation.With(0, 0, -1));
        var result = Engines.Reference.Run(fewer, RunPlan.For(fewer));
        Assert.That(result.Value(result.TotalScope, Metric.EffectiveFlops, 23, 0), Is.EqualTo(5e18 + 40 * perMw).Within(1e-9 * threshold).And.LessThan(threshold));
    }

    /// <summary>
    /// A site whose load the sources leave 10 MW short every hour (the test below works it out),
    /// from 2025-01 to <paramref name="end"/>; <see cref="GrowPlan"/> grows its gas to cover it.
    /// </summary>
    internal static string GrowScenario(string end) => $$"""
        name: plan-grow
        start: 2025-01
        end: {{end}}
        samples: 1
        {{Chip}}
        sites:
          - name: Alpha
            pue: 1
            load_factor: 1
            supply:
              - {name: turbines, type: gas, mw: 40, units: 2}
              - {name: contract, mw: 100, capacity_factor: 0.5}
            phases:
              - {name: A-1, online: 2024-01, it_mw: 100, ramp_months: 0, ramp: linear}
        """;

    /// <summary>No hour of 2025-06 unserved, by growing <see cref="GrowScenario"/>'s gas in 5 MW steps; the scenario read from <paramref name="scenarioFile"/>.</summary>
    internal static string GrowPlan(string scenarioFile) => $$"""
        scenario: {{scenarioFile}}
        confidence: 0.9
        targets:
          - {metric: unserved_hours, month: 2025-06, at_most: 0}
        expansion:
          - {site: Alpha, grow_source: turbines, step_mw: 5, max_mw: 50}
        """;

    [Test]
    public void GrowingASourceTakesTheFewestStepsThatServeTheLoadAndRaisesItsMwInPlace()
    {
        // The nominal run: 100 MW of IT at PUE 1 and load factor 1 draws 100 MW every hour. The
        // contract's firm 100 MW powers it all; hour by hour the 40 MW gas source (listed first, every
        // unit up in the nominal run) serves 40, the contract mw x capacity_factor = 50, so 10 MW go
        // unserved in every hour of 2025-06. Growing the gas in 5 MW steps: 2 steps (10 MW) serve it
        // all; 1 step leaves 5 MW unserved in every hour.
        var (file, planned, outcome) = Solve(GrowScenario("2025-12"), GrowPlan("scenario.yaml"));
        Assert.That(outcome.Feasible, Is.True);
        Assert.That(outcome.Allocation.StepsOf(0), Is.EqualTo(2));
        Assert.That(outcome.Baseline.Targets[0].P50, Is.EqualTo(720), "every hour of June unserved before");
        // The planned text: the gas source's mw raised in place, 40 -> 50, and nothing else of the site changed.
        string text = planned.Text(outcome.Allocation);
        Assert.That(text, Does.Contain("{name: turbines, type: gas, mw: 50, units: 2}"));
        Assert.That(text, Does.Contain("{name: contract, mw: 100, capacity_factor: 0.5}"));
        var fewer = planned.Load(outcome.Allocation.With(0, 0, -1));
        var result = Engines.Reference.Run(fewer, RunPlan.For(fewer));
        Assert.That(result.Value(result.TotalScope, Metric.ShortfallMwh, 5, 0), Is.EqualTo(5 * 720).Within(1e-6), "one step: 5 MW short every hour of June");
    }

    private static string UncertainScenario => $$"""
        name: plan-uncertain
        start: 2024-01
        end: 2029-12
        samples: 200
        seed: 7
        {{Chip}}
        researchers:
          - {month: 2024-01, count: 100}
          - {month: 2029-12, count: 200}
        sites:
          - name: Alpha
            mfu: {dist: pert, min: 0.3, mode: 0.4, max: 0.45}
            supply:
              - {name: grid, mw: 2000, price_usd_per_mwh: 60, gco2_per_kwh: 300}
            phases:
              - {name: A-1, online: 2024-01, it_mw: 100, ramp_months: 0}
              - {name: A-2, online: 2025-06, it_mw: 100, delay_months: {dist: triangular, min: 0, mode: 3, max: 12}, ramp_months: 6}
        """;

    private const string UncertainPlan = """
        scenario: scenario.yaml
        confidence: 0.8
        targets:
          - {metric: effective_flops, month: 2026-12, at_least: 2.0e20}
          - {metric: h100e_per_researcher, month: 2028-12, at_least: 2500}
        expansion:
          - {site: Alpha, earliest: 2025-01, step_it_mw: 25, max_it_mw_per_year: 100}
          - new_site: {name: Beta, mfu: 0.4}
            earliest: 2026-01
            step_it_mw: 50
            max_it_mw_per_year: 200
            delay_months: {dist: uniform, min: 0, max: 6}
        """;

    [Test]
    public void TheWrittenPlanRunAgainMeetsEveryTargetAndNoStepCanGo()
    {
        var (plan, planned, outcome) = Solve(UncertainScenario, UncertainPlan);
        Assert.That(outcome.Feasible, Is.True, string.Join("\n", outcome.Findings));
        Assert.That(outcome.Allocation.Cells().Any(), Is.True, "the baseline alone does not meet the targets");

        // Run again from the written text, as capsim run reads it, on both engines.
        string text = planned.Text(outcome.Allocation);
        Assert.That(text, Does.Contain(PlannedScenario.Mark));
        var scenario = ScenarioLoader.Parse(Encoding.UTF8.GetBytes(text), "planned.yaml", BuiltInCatalog.Load());
        foreach (var engine in Engines.All)
        {
            var again = Assessment.Of(engine.Run(scenario, RunPlan.For(scenario)), plan.Targets, plan.Confidence);
            Assert.That(again.JointShareMet, Is.GreaterThanOrEqualTo(0.8), engine.Name);
            Assert.That(again.JointShareMet, Is.EqualTo(outcome.Final.JointShareMet).Within(1e-12), $"{engine.Name}: the search judged what is written");
        }

        // Minimality: one step less in any year breaks a target at the confidence.
        var settings = new RunSettings(Scopes: ScopeKinds.Total);
        foreach (var (e, y, _) in outcome.Allocation.Cells())
        {
            var fewer = planned.Load(outcome.Allocation.With(e, y, -1));
            var a = Assessment.Of(Engines.Fast.Run(fewer, RunPlan.For(fewer, settings)), plan.Targets, plan.Confidence);
            Assert.That(a.AllMet, Is.False, $"one step less at {plan.Expansions[e].Limits.Site} in {outcome.Allocation.FirstYear + y}");
        }
    }

    [Test]
    public void CandidatesShareTheirSamples()
    {
        // Common random numbers: adding a phase changes nothing drawn for what was there before, so
        // the baseline site's values are the same sample for sample.
        var (_, planned, outcome) = Solve(UncertainScenario, UncertainPlan);
        var base0 = planned.Load(new Allocation(2, 2025, 4));
        var with = planned.Load(outcome.Allocation);
        var a = Engines.Fast.Run(base0, RunPlan.For(base0));
        var b = Engines.Fast.Run(with, RunPlan.For(with));
        int alpha = 0;
        // 2024-12, before anything planned comes online: Alpha's compute depends on its drawn MFU.
        Assert.That(a.Values(alpha, Metric.EffectiveFlops, 11).ToArray(), Is.EqualTo(b.Values(alpha, Metric.EffectiveFlops, 11).ToArray()));
        Assert.That(a.Values(alpha, Metric.EffectiveFlops, 11).ToArray().Distinct().Count(), Is.GreaterThan(100), "the MFU is drawn per sample");
    }

    /// <summary>
    /// Alpha holds 50,000 chips, below the size at which one cluster trains the most (187,500 at
    /// MTBF 50,000 h, checkpoint 0.5 min, restart 5 min; FrontierLimitTests). Each chip gives
    /// 1e15 x 0.5 = 5e14 FLOP/s over 100 days (8.64e6 s): 4.32e21 FLOP.
    /// </summary>
    private static string FrontierScenario => $$"""
        name: plan-frontier
        start: 2024-01
        end: 2026-12
        training: {days: 100, accelerator_mtbf_hours: 50000, checkpoint_minutes: 0.5, restart_minutes: 5}
        {{Chip}}
        defaults:
          mfu: 0.5
        sites:
          - name: Alpha
            phases:
              - {name: A-1, online: 2024-01, it_mw: 50, ramp_months: 0}
        """;

    private static string FrontierPlan(double usefulAccelerators) => $$"""
        scenario: scenario.yaml
        confidence: 0.9
        targets:
          - {metric: frontier_run_flop, month: 2025-12, at_least: {{usefulAccelerators * 4.32e21:R}}}
        expansion:
          - {site: Alpha, earliest: 2025-01, step_it_mw: 25, max_it_mw_per_year: 200, ramp_months: 0}
          - {new_site: {name: Beta}, earliest: 2025-01, step_it_mw: 25, max_it_mw_per_year: 500, ramp_months: 0}
        """;

    [Test]
    public void TheFrontierRunGrowsWithItsClusterAndTheLeastCapacityIsAddedThere()
    {
        // Useful work A x G, G = 1 - sqrt(A / 3e6) - A / 6e5 (M = 50,000 / A h, d = 1/120 h, r = 1/12 h):
        // Alpha, 50,000: G = 1 - 0.12910 - 0.08333 = 0.78757, 39,378.
        // Alpha + 2 steps, 100,000: G = 1 - 0.18257 - 0.16667 = 0.65076, 65,076 < 70,000;
        // Alpha + 3 steps, 125,000: G = 1 - 0.20412 - 0.20833 = 0.58755, 73,443 >= 70,000 (75 MW).
        // Beta alone would need the same 125,000 chips: 125 MW.
        var (_, planned, outcome) = Solve(FrontierScenario, FrontierPlan(70_000));
        Assert.That(outcome.Feasible, Is.True, string.Join("\n", outcome.Findings));
        Assert.That(outcome.Allocation.StepsOf(0), Is.EqualTo(3));
        Assert.That(outcome.Allocation.StepsOf(1), Is.Zero, "nothing at Beta: growing Alpha's cluster takes fewer MW");
        Assert.That(outcome.Baseline.Targets[0].P50, Is.EqualTo(50_000 * (1 - Math.Sqrt(50_000 / 3e6) - 50_000 / 6e5) * 4.32e21).Within(1e-6 * 1.7e26));
        var scenario = planned.Load(outcome.Allocation);
        var result = Engines.Reference.Run(scenario, RunPlan.For(scenario));
        Assert.That(result.Value(result.TotalScope, Metric.FrontierRunAccelerators, 23, 0), Is.EqualTo(125_000).Within(1e-6), "the run is Alpha's");
    }

    [Test]
    public void AFrontierRunNoClusterCanTrainIsInfeasibleAndSaysWhatReliabilityWouldLiftIt()
    {
        // No cluster gives more than 82,031.25 useful accelerators at MTBF 50,000 h (187,500 at G = 0.4375);
        // 90,000 needs MTBF 90,000 / 1.640625 = 54,857 h. The closest plan grows Alpha to that size: 6 steps
        // (50,000 + 150,000 = 200,000 chips, of which the run takes 187,500: 82,031.25); 5 steps (175,000 chips:
        // G = 1 - 0.24152 - 0.29167 = 0.46681, 81,692) is less, and more steps add nothing.
        var (_, _, outcome) = Solve(FrontierScenario, FrontierPlan(90_000));
        Assert.That(outcome.Feasible, Is.False);
        Assert.That(outcome.UnmetTargets, Is.EqualTo(new[] { 0 }));
        Assert.That(outcome.Allocation.StepsOf(0), Is.EqualTo(6));
        Assert.That(outcome.Allocation.StepsOf(1), Is.Zero);
        Assert.That(outcome.Final.Targets[0].P50, Is.EqualTo(82_031.25 * 4.32e21).Within(1e-9 * 3.5e26));
        string finding = outcome.Findings.Single();
        Assert.That(finding, Does.StartWith("frontier_run_flop >= 3.89e26 FLOP in 2025-12: not met"));
        Assert.That(finding, Does.Contain("accelerator_mtbf_hours of at least 54,857"));
        Assert.That(finding, Does.Contain("about 187,500 accelerators"), "the size at which one cluster trains the most");
    }

    [Test]
    public void ATargetBeyondTheLimitsSaysHowManyMegawattsMoreAtThePlansOwnRate()
    {
        // As the closed-form case, but at most 30 MW may come in 2025: 3 steps give 5e18 + 30 x 4.7916e17 FLOP/s,
        // 13 MW short of the 43 asked. The plan's rate is (30 x 4.7916e17) / 30 MW = 4.7916e17 FLOP/s per MW,
        // so the shortfall of 13 x 4.7916e17 FLOP/s needs 13 MW more.
        double perMw = 1000 * 1e15 * 0.5 * 11.5 / 12;
        double threshold = 5e18 + 43 * perMw;
        var (_, _, outcome) = Solve(HandScenario, HandPlan(threshold, maxItMwPerYear: 30));
        Assert.That(outcome.Feasible, Is.False);
        Assert.That(outcome.Allocation[0, 0], Is.EqualTo(3));
        string finding = outcome.Findings.Single();
        Assert.That(finding, Does.StartWith("effective_flops >= "));
        Assert.That(finding, Does.Contain("about 13.0 MW more IT would be needed online by 2025-12"));
    }
}
