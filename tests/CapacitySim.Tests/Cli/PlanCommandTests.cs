using CapacitySim.Cli;
using CapacitySim.Tests.IO.Plans;
using static CapacitySim.Tests.Support.InProcessCapsim;

namespace CapacitySim.Tests.Cli;

/// <summary><c>capsim plan</c> end to end, in process: exit codes, messages, the files of the plan folder.</summary>
public class PlanCommandTests() : TempFolderTests("plancli")
{
    [SetUp]
    public void SetUp()
    {
        File.WriteAllText(Path.Combine(Dir, "scenario.yaml"), """
            name: plan-cli
            start: 2024-01
            end: 2026-12
            training: {days: 100, accelerator_mtbf_hours: 50000, checkpoint_minutes: 0.5, restart_minutes: 5}
            roadmap: [TestChip]
            accelerators:
              - {name: TestChip, available: 2020-01, peak_flops: 1.0e15, tdp_w: 700, allin_w: 1000, unit_cost_usd: 10000}
            defaults:
              mfu: 0.5
            sites:
              - name: Alpha
                supply:
                  - {name: grid, mw: 400, price_usd_per_mwh: 60, gco2_per_kwh: 300}
                phases:
                  - {name: A-1, online: 2024-01, it_mw: 300, ramp_months: 0}
            """);
    }

    private string Plan(double frontierFlop)
    {
        string path = Path.Combine(Dir, "plan.yaml");
        File.WriteAllText(path, $$"""
            scenario: scenario.yaml
            confidence: 0.9
            targets:
              - {metric: frontier_run_flop, month: 2025-12, at_least: {{frontierFlop:R}}}
              - {metric: it_powered_mw, month: 2026-06, at_least: 420}
            expansion:
              - {site: Alpha, earliest: 2025-01, step_it_mw: 25, max_it_mw_per_year: 200, ramp_months: 0}
              - {new_site: {name: Beta, region: south}, earliest: 2025-01, step_it_mw: 25, max_it_mw_per_year: 500, ramp_months: 0}
            """);
        return path;
    }

    [Test]
    public void AFeasiblePlanExitsZeroAndWritesThePlanAndTheRunOfThePlannedScenario()
    {
        // 80,000 useful accelerators x 4.32e21 FLOP each (PlanSearchTests): Alpha's 300,000 chips already give
        // 82,031.25 (its run takes 187,500 of them). Powered IT of 420 MW by 2026-06 needs 120 MW more than Alpha's
        // 300: 5 steps of 25. Alpha's grid grows with each phase (supply: grow), so Alpha and Beta cost the same MW;
        // capacity online after the frontier target's month (2025-12) is searched first, so the plan adds it in 2026.
        string outDir = Path.Combine(Dir, "out");
        var (code, stdout, stderr) = Capsim("plan", Plan(80_000 * 4.32e21), "--out", outDir);
        Assert.That(code, Is.EqualTo(ExitCodes.Done), stderr + stdout);
        string folder = Path.Combine(outDir, "plan-cli-plan");
        foreach (string file in new[] { "plan-cli-planned.yaml", "plan.md", "plan.csv", "targets.csv", "plan.png", "monthly.csv", "annual.csv", "report.md", "run.json", "power.png" })
            Assert.That(File.Exists(Path.Combine(folder, file)), file);
        Assert.That(stdout, Does.Contain("2026: add 125 MW at Alpha"));
        string md = File.ReadAllText(Path.Combine(folder, "plan.md"));
        Assert.That(md, Does.Contain("**Every target is met in at least 90% of samples**"));
        // Alpha's 125 MW online 2026-01 (ramp 0). Facility capex 125 MW x $11.7M = $1.4625B over the 18 months
        // before, 2024-07 .. 2025-12: 6/18 in 2024 ($487.5M) and 12/18 in 2025 ($975M); hardware when installed,
        // 125 MW x 1,000 chips x $10,000 = $1.25B in 2026. The rows carry the construction years and add up to the total.
        var csv = File.ReadAllLines(Path.Combine(folder, "plan.csv"));
        Assert.That(csv, Does.Contain("2024,Alpha,false,0,0,0,300,300,487500000,,0,0"));
        Assert.That(csv, Does.Contain("2025,Alpha,false,0,0,0,300,300,975000000,,0,0"));
        Assert.That(csv, Does.Contain("2026,Alpha,false,5,125,125,300,425,1250000000,,0,0"));
        Assert.That(csv, Does.Contain("2026,Beta,true,0,0,0,300,425,0,,0,0"));
        Assert.That(md, Does.Contain("| 2024 | 0 MW | - | 0.00 | 300 MW -> 300 MW | $488M |"));
        Assert.That(md, Does.Contain("the plan's capex over the run (planned minus baseline, mean) $2.71B, the sum of the rows above"));
        // The grid source copied for each phase has no capex: plan.md says what that assumes.
        Assert.That(md, Does.Contain("on the terms of 'grid', which has no capex: this assumes the grid has that much more firm capacity free, at no cost to connect or build"));

        // capsim run runs the written scenario as it is.
        string planned = Path.Combine(folder, "plan-cli-planned.yaml");
        var (runCode, _, runErr) = Capsim("run", planned, "--out", Path.Combine(Dir, "again"));
        Assert.That(runCode, Is.EqualTo(ExitCodes.Done), runErr);
        Assert.That(File.ReadAllText(planned), Does.Contain("name: Alpha-plan-2026-5").And.Contain("# planned by capsim plan"));
    }

    [Test]
    public void APlanThatGrowsASourceListsItInPlanCsvAndChartsTheSupply()
    {
        // PlanSearchTests' case: 100 MW of IT at PUE 1 and load factor 1; hour by hour 40 MW of gas and the
        // contract's 100 x 0.5 = 50 MW leave 10 MW unserved, so the gas grows by 2 steps of 5 MW, 40 -> 50 MW,
        // raised in place (for the whole run: its row is in the run's first year). Supply at every year's
        // end: 40 + 100 = 140 MW before, 150 MW planned. Gas has no capex here, so the plan costs nothing.
        File.WriteAllText(Path.Combine(Dir, "grow.yaml"), PlanSearchTests.GrowScenario("2026-12"));
        string plan = Path.Combine(Dir, "grow.plan.yaml");
        File.WriteAllText(plan, PlanSearchTests.GrowPlan("grow.yaml"));
        string outDir = Path.Combine(Dir, "grow-out");
        var (code, stdout, stderr) = Capsim("plan", plan, "--out", outDir);
        Assert.That(code, Is.EqualTo(ExitCodes.Done), stderr + stdout);
        string folder = Path.Combine(outDir, "plan-grow-plan");
        var csv = File.ReadAllLines(Path.Combine(folder, "plan.csv"));
        Assert.That(csv[0], Does.EndWith(",source,source_mw_added,cumulative_source_mw_added"));
        Assert.That(csv, Does.Contain("2025,Alpha,false,0,0,0,100,100,0,turbines,10,10"));
        Assert.That(csv, Does.Contain("2026,Alpha,false,0,0,0,100,100,0,turbines,0,10"));
        Assert.That(File.ReadAllText(Path.Combine(folder, "plan.md")), Does.Contain("turbines at Alpha: 2 x 5.00 MW more, 40.0 MW -> 50.0 MW"));
        // plan.png draws the planned run's supply_mw (P50 at each year's end) over the baseline's 140 MW.
        Assert.That(File.Exists(Path.Combine(folder, "plan.png")));
        Assert.That(File.ReadAllLines(Path.Combine(folder, "annual.csv")), Does.Contain("2026,total,supply_mw,MW,150,150,150,150"));
    }

    [Test]
    public void TheReferenceEngineFindsTheSamePlan()
    {
        string fast = Path.Combine(Dir, "fast"), reference = Path.Combine(Dir, "reference");
        var (code, _, stderr) = Capsim("plan", Plan(80_000 * 4.32e21), "--out", fast);
        Assert.That(code, Is.EqualTo(ExitCodes.Done), stderr);
        (code, var stdout, stderr) = Capsim("plan", Plan(80_000 * 4.32e21), "--out", reference, "--engine", "reference");
        Assert.That(code, Is.EqualTo(ExitCodes.Done), stderr);
        Assert.That(stdout, Does.Contain("2026: add 125 MW at Alpha"));
        string Read(string root, string file) => File.ReadAllText(Path.Combine(root, "plan-cli-plan", file));
        Assert.That(Read(reference, "plan.csv"), Is.EqualTo(Read(fast, "plan.csv")));
        Assert.That(Read(reference, "run.json"), Does.Contain("\"engine\": \"reference\""));
        Assert.That(Read(fast, "run.json"), Does.Contain("\"engine\": \"fast\""));
    }

    [Test]
    public void AnInfeasiblePlanExitsThreeExplainsAndStillWritesTheClosestPlan()
    {
        string outDir = Path.Combine(Dir, "out");
        var (code, stdout, stderr) = Capsim("plan", Plan(90_000 * 4.32e21), "--out", outDir);
        Assert.That(code, Is.EqualTo(ExitCodes.Infeasible), stderr + stdout);
        Assert.That(stderr, Does.Contain("cannot meet every target within its expansion limits"));
        Assert.That(stdout, Does.Contain("NOT MET: frontier_run_flop >= 3.89e26 FLOP in 2025-12"));
        Assert.That(stdout, Does.Contain("accelerator_mtbf_hours of at least 54,857"));
        string md = File.ReadAllText(Path.Combine(outDir, "plan-cli-plan", "plan.md"));
        Assert.That(md, Does.Contain("**Not feasible within the expansion limits**").And.Contain("What cannot be met"));
    }

    [Test]
    public void AnInvalidPlanExitsTwoWithEveryProblemAndWritesNothing()
    {
        string path = Path.Combine(Dir, "bad.yaml");
        File.WriteAllText(path, "scenario: scenario.yaml\nconfidence: 2\ntargets: []\nexpansion: []\n");
        string outDir = Path.Combine(Dir, "out");
        var (code, _, stderr) = Capsim("plan", path, "--out", outDir);
        Assert.That(code, Is.EqualTo(ExitCodes.InvalidInput));
        Assert.That(stderr, Does.Contain($"{path}:2:13: confidence").And.Contain($"{path}:3:10: targets must list at least one target").And.Contain($"{path}:4:12: expansion must list"));
        Assert.That(Directory.Exists(outDir), Is.False);
    }
}
