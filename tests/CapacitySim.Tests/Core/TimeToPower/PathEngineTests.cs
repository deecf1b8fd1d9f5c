using CapacitySim.Core.Engine;
using CapacitySim.Core.TimeToPower;

namespace CapacitySim.Tests.Core.TimeToPower;

/// <summary>Paths to power in both engines, by hand: where o_p and a source's first month land, and the capex months that move with them.</summary>
public class PathEngineTests
{
    // Phase: start 2025-02 (pos 1) + 3 months + 26 weeks (26 x 12/52 = 6 months) + max(2, 1 + 0.5) = pos 12, o_p = 12.
    // Ramp 0: the online month is the first t with t + 0.5 >= 12, t = 12 (2026-01).
    // Source: start 2025-01 (pos 0) + 10.2 months: first month ceil(10.2) = 11 (2025-12), so the
    // phase is powered from 2026-01 on; with from-less capex spread over build_months 2: months 9 and 10.
    private const string Yaml = """
        name: path-by-hand
        start: 2025-01
        end: 2026-06
        roadmap: [H100]
        sites:
          - name: A
            pue: 1.25
            build_months: 4
            capex_usd_per_it_mw: 1.0e6
            supply:
              - {name: Gas, mw: 100, capex_usd_per_mw: 1.0e6, build_months: 2, path: {start: 2025-01, announced: 2025-10, stages: [{name: engines, months: 10.2}]}}
            phases:
              - name: P
                it_mw: 40
                ramp_months: 0
                path:
                  start: 2025-02
                  announced: 2025-12
                  stages:
                    - {name: site, months: 3}
                    - {name: hall, weeks: 26}
                    - parallel:
                        - [{name: permits, months: 2}]
                        - [{name: x, months: 1}, {name: y, months: 0.5}]

        """;

    [Test]
    public void BothEnginesPlaceThePhaseAndTheSourceWhereThePathEnds()
    {
        var scenario = TestScenarios.Parse(Yaml);
        foreach (var engine in Engines.All)
        {
            var r = engine.Run(scenario, RunPlan.For(scenario));
            Assert.Multiple(() =>
            {
                Assert.That(r.At("A", Metric.ItBuiltMw, "2025-12"), Is.EqualTo(0), engine.Name);
                Assert.That(r.At("A", Metric.ItBuiltMw, "2026-01"), Is.EqualTo(40), engine.Name);
                Assert.That(r.At("A", Metric.SupplyMw, "2025-11"), Is.EqualTo(0), engine.Name);
                Assert.That(r.At("A", Metric.SupplyMw, "2025-12"), Is.EqualTo(100), engine.Name);
                // 100 MW x $1M over 2 build months: $50M in 2025-10 and 2025-11.
                Assert.That(r.At("A", Metric.CapexSupplyUsd, "2025-09"), Is.EqualTo(0), engine.Name);
                Assert.That(r.At("A", Metric.CapexSupplyUsd, "2025-10"), Is.EqualTo(50e6).Within(1e-3), engine.Name);
                Assert.That(r.At("A", Metric.CapexSupplyUsd, "2025-11"), Is.EqualTo(50e6).Within(1e-3), engine.Name);
                // Facility: 40 MW x $1M over the 4 months before o_p = 12 (months 8 .. 11): $10M each.
                Assert.That(r.At("A", Metric.CapexFacilityUsd, "2025-09"), Is.EqualTo(10e6).Within(1e-3), engine.Name);
                Assert.That(r.At("A", Metric.CapexFacilityUsd, "2025-08"), Is.EqualTo(0).Within(1e-3), engine.Name);
            });
        }
    }

    [Test]
    public void TimelinesGiveTheOnlineAndPoweredMonthsAndTheOddsOfTheAnnouncedDate()
    {
        var scenario = TestScenarios.Parse(Yaml);
        var timelines = Timelines.Of(scenario, RunPlan.For(scenario));
        Assert.That(timelines.Select(t => t.Item), Is.EqualTo(new[] { "P", "Gas" }));
        var phase = timelines[0];
        Assert.That(phase.Online.Single(), Is.EqualTo(12));
        Assert.That(phase.Powered.Single(), Is.EqualTo(12));
        Assert.That(phase.ShareByAnnounced(scenario.Start), Is.EqualTo(0), "announced 2025-12 (pos 11), online 2026-01");
        Assert.That(timelines[1].Online.Single(), Is.EqualTo(11));
        Assert.That(timelines[1].ShareByAnnounced(scenario.Start), Is.EqualTo(0), "announced 2025-10, online 2025-12");
        Assert.That(CapacitySim.IO.TimeToPower.TimelinesCsv.Text(scenario, timelines), Is.EqualTo(
            CapacitySim.IO.TimeToPower.TimelinesCsv.Header + "\n" +
            "P,phase,A,2025-12,0,2026-01,2026-01,2026-01,2026-01,2026-01,2026-01\n" +
            "Gas,source,A,2025-10,0,2025-12,2025-12,2025-12,,,\n"));
    }

    [Test]
    public void APhaseWaitsForItsPowerWhenTheSourceIsLate()
    {
        // The source's path ends at 14.5 -> first month 15 (2026-04): the phase is online in 2026-01 but first powered in 2026-04.
        var scenario = TestScenarios.Parse(Yaml.Replace("months: 10.2", "months: 14.5"));
        var phase = Timelines.Of(scenario, RunPlan.For(scenario))[0];
        Assert.That(phase.Online.Single(), Is.EqualTo(12));
        Assert.That(phase.Powered.Single(), Is.EqualTo(15));
        var r = ReferenceEngine.Run(scenario);
        Assert.That(r.At("A", Metric.ItPoweredMw, "2026-03"), Is.EqualTo(0));
        Assert.That(r.At("A", Metric.ItPoweredMw, "2026-04"), Is.EqualTo(40));
    }

    [Test]
    public void DrawsMatchBetweenEnginesSampleBySample()
    {
        var scenario = TestScenarios.Parse(Yaml
            .Replace("months: 10.2", "months: {dist: triangular, min: 6, mode: 10, max: 16}")
            .Replace("{name: permits, months: 2}", "{lead: power-transformer}")
            .Replace("samples", "samples") + "", "t.yaml");
        var plan = RunPlan.For(scenario, new RunSettings(Samples: 37, Seed: 5));
        var fast = FastEngine.Run(scenario, plan);
        var reference = ReferenceEngine.Run(scenario, plan);
        foreach (var metric in new[] { Metric.ItBuiltMw, Metric.ItPoweredMw, Metric.SupplyMw, Metric.CapexSupplyUsd, Metric.CapexFacilityUsd, Metric.EnergyCostUsd })
            for (int t = 0; t < scenario.Months; t++)
            {
                var a = fast.Values(fast.TotalScope, metric, t).ToArray();
                var b = reference.Values(reference.TotalScope, metric, t).ToArray();
                for (int i = 0; i < a.Length; i++)
                    Assert.That(a[i], Is.EqualTo(b[i]).Within(1e-9 * Math.Max(1, Math.Abs(b[i]))), $"{metric} month {t} sample {i}");
            }
    }
}
