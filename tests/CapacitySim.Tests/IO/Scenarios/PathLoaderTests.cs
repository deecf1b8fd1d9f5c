using CapacitySim.Core.Model;

namespace CapacitySim.Tests.IO.Scenarios;

/// <summary>Paths to power and lead_times in a scenario file: what loads, and every mistake with its position, all at once.</summary>
public class PathLoaderTests
{
    private static string File(string phase, string supply = "", string extra = "") => $"""
        name: ok
        start: 2025-01
        end: 2026-12
        roadmap: [H100]
        {extra}
        sites:
          - name: A
            {supply}
            phases:
              - {phase}

        """;

    private static string Lines(string yaml) => string.Join("\n", TestScenarios.Errors(yaml));

    [Test]
    public void APathLoadsWithItsStagesAndLeads()
    {
        var s = TestScenarios.Parse(File(
            "{name: P, it_mw: 10, path: {start: 2025-03, announced: 2026-01, stages: [{lead: power-transformer}, {name: c, months: 2}, {parallel: [[{name: a, weeks: 26}], [{lead: retrofit-build}, {name: b, months: 1}]]}]}}",
            "supply: [{name: T, mw: 50, path: {start: 2025-01, stages: [{lead: reciprocating-engine}]}}]"));
        var phase = s.Sites[0].Phases[0];
        Assert.That(phase.Online, Is.EqualTo(new YearMonth(2025, 3)));
        Assert.That(phase.Path!.Announced, Is.EqualTo(new YearMonth(2026, 1)));
        // Nominal: transformer 128 weeks x 12/52 = 29.538 months, + 2, + max(26 x 12/52 = 6, (3 + 7)/2 + 1 = 6) = 37.538.
        Assert.That(phase.Path.NominalMonths, Is.EqualTo(128 * 12.0 / 52 + 2 + 6).Within(1e-12));
        var transformer = (DurationStage)phase.Path.Stages[0];
        Assert.That(transformer.InWeeks, Is.True);
        Assert.That(transformer.Lead, Is.EqualTo("power-transformer"));
        Assert.That(s.Sites[0].Supply![0].Path!.NominalMonths, Is.EqualTo(15));
        Assert.That(s.Sites[0].Supply![0].IsBuilt, Is.True);
        // Two stages naming one lead draw apart: their keys differ.
        var twice = TestScenarios.Parse(File("{name: P, it_mw: 10, path: {start: 2025-03, stages: [{lead: retrofit-build}, {lead: retrofit-build}]}}"));
        var stages = twice.Sites[0].Phases[0].Path!.Stages.Cast<DurationStage>().ToList();
        Assert.That(stages[0].Duration.Key, Is.Not.EqualTo(stages[1].Duration.Key));
    }

    [Test]
    public void LeadTimesAddAndOverrideEntries()
    {
        var s = TestScenarios.Parse(File("{name: P, it_mw: 10, path: {start: 2025-03, stages: [{lead: my-permit}, {lead: retrofit-build}]}}",
            extra: "lead_times: [{name: my-permit, weeks: 13, source: county, year: 2025}, {name: retrofit-build, months: 5}]"));
        var stages = s.Sites[0].Phases[0].Path!.Stages.Cast<DurationStage>().ToList();
        Assert.That(stages[0].Duration.Nominal * stages[0].MonthsPerUnit, Is.EqualTo(3).Within(1e-12));   // 13 weeks x 12/52 = 3 months
        Assert.That(stages[1].Duration.Nominal, Is.EqualTo(5));
        Assert.That(s.LeadTimes.Single(e => e.Name == "retrofit-build").Source, Does.Contain("Epoch"), "an override keeps the source it does not give");
    }

    [Test]
    public void EveryPathMistakeIsReportedWithItsPosition()
    {
        string yaml = """
            name: bad
            start: 2025-01
            end: 2026-12
            roadmap: [H100]
            sites:
              - name: A
                phases:
                  - {name: P1, online: 2025-01, it_mw: 10, path: {start: 2025-01, stages: [{name: x, months: 1}]}}
                  - {name: P2, it_mw: 10, path: {start: 2025-01, stages: [{lead: greenfeld-build}]}}
                  - {name: P3, it_mw: 10, path: {start: 2025-01, stages: [{parallel: [[{name: a, months: 1}]]}]}}
                  - {name: P4, it_mw: 10, path: {start: 2025-01, stages: [{name: a, months: 1, weeks: 4}]}}
                  - {name: P5, it_mw: 10, path: {start: 2027-02, stages: [{name: a, months: 1}]}}
                  - {name: P6, it_mw: 10, delay_months: 2, path: {start: 2025-01, stages: [{months: 1}]}}
                  - {name: P7, it_mw: 10}

            """;
        Assert.That(Lines(yaml), Is.EqualTo(string.Join("\n",
            "test.yaml:8:48: phase P1 of site A gives both online and path; give online (with delay_months) or a path to power, not both",
            "test.yaml:9:70: phase P2 of site A: path stage #1: lead 'greenfeld-build' is not in the lead-time catalog; did you mean 'greenfield-build'? Otherwise add it under lead_times",
            "test.yaml:10:74: phase P3 of site A: path stage #1: parallel needs two or more branches (each a list of stages), got 1; a single branch is stages in series",
            "test.yaml:11:84: phase P4 of site A: path stage a gives both months and weeks; a stage lasts months, weeks, a lead entry or parallel branches, exactly one of them",
            "test.yaml:12:45: phase P5 of site A: path start 2027-02 is after the run's end (2026-12); nothing on it can energize in the run",
            "test.yaml:13:31: phase P6 of site A: a path takes no delay_months; its stages are the delay",
            "test.yaml:13:80: phase P6 of site A: path stage #1 needs a name (a stage of months is named; a lead stage takes its entry's name)",
            "test.yaml:14:9: phase P7 of site A needs online (the month it energizes) or a path to power")));
    }

    [Test]
    public void ASourceNamesFromOrPathNotBoth()
    {
        string errors = Lines(File("{name: P, online: 2025-01, it_mw: 10}",
            "supply: [{name: T, mw: 50, from: 2025-01, path: {start: 2025-01, stages: [{lead: nope}]}}]"));
        Assert.That(errors, Does.Contain("supply T of site A gives both from and path"));
    }
}
