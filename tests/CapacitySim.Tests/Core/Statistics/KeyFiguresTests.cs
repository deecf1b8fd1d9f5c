using CapacitySim.Core.Engine;
using CapacitySim.Core.Statistics;

namespace CapacitySim.Tests.Core.Statistics;

/// <summary>The end-of-year key figures take the middle value and the band from the percentiles the file asks for.</summary>
public class KeyFiguresTests
{
    /// <summary>One site on an unlimited grid whose powered IT at the end of 2025 is the drawn it_mw of each sample.</summary>
    private static string Yaml(string percentiles) => $"""
        name: key-figures
        start: 2025-01
        end: 2026-06
        samples: 5
        seed: 3
        percentiles: {percentiles}
        roadmap: [H100]
        sites:
          - name: A
            phases:
              - {"{"}name: P, online: 2025-01, it_mw: {"{"}dist: uniform, min: 100, max: 300{"}"}, ramp_months: 1{"}"}
        """;

    private static (KeyFigureTable Table, double[] Sorted) Figures(string percentiles, int? samples = null)
    {
        var result = TestScenarios.Run(Yaml(percentiles), samples);
        var scenario = result.Scenario;
        var statistics = RunStatistics.Of(result, scenario.Percentiles);
        double[] powered = [.. Enumerable.Range(0, result.Samples).Select(i => result.At("total", Metric.ItPoweredMw, "2025-12", i))];
        Array.Sort(powered);
        return (KeyFigures.Of(statistics.Annual), powered);
    }

    [Test]
    public void TheFilesOuterPercentilesAreTheBandAndP50TheMiddle()
    {
        var (table, x) = Figures("[5, 50, 95]");
        Assert.That(table.MiddleLabel, Is.EqualTo("P50"));
        Assert.That(table.Band, Is.EqualTo(("P5", "P95")));
        Assert.That(table.Columns.Select(c => c.Title), Is.EqualTo(new[] { "powered IT", "H100e", "facility energy in the year", "capex to date" }), "no researchers, no column for them");
        Assert.That(table.Rows.Select(r => r.Year), Is.EqualTo(new[] { "2025", "2026" }));
        var powered = table.Rows[0].Values[0];
        // Five sorted values x0..x4, type 7: h = 4 p / 100. P5: h = 0.2 -> x0 + 0.2 (x1 - x0); P50: h = 2 -> x2; P95: h = 3.8 -> x3 + 0.8 (x4 - x3).
        Assert.That(powered.Low, Is.EqualTo(x[0] + 0.2 * (x[1] - x[0])).Within(1e-9));
        Assert.That(powered.Middle, Is.EqualTo(x[2]).Within(1e-9));
        Assert.That(powered.High, Is.EqualTo(x[3] + 0.8 * (x[4] - x[3])).Within(1e-9));
        Assert.That(x[0], Is.Not.EqualTo(x[4]), "the draws differ, so the band is not a point");
    }

    [Test]
    public void WithoutP50TheMiddleIsTheMean()
    {
        var (table, x) = Figures("[10, 90]");
        Assert.That(table.MiddleLabel, Is.EqualTo("mean"));
        Assert.That(table.BandLabel, Is.EqualTo("P10-P90"));
        var powered = table.Rows[0].Values[0];
        Assert.That(powered.Middle, Is.EqualTo(x.Average()).Within(1e-9));
        // P10: h = 0.4 -> x0 + 0.4 (x1 - x0); P90: h = 3.6 -> x3 + 0.6 (x4 - x3).
        Assert.That(powered.Low, Is.EqualTo(x[0] + 0.4 * (x[1] - x[0])).Within(1e-9));
        Assert.That(powered.High, Is.EqualTo(x[3] + 0.6 * (x[4] - x[3])).Within(1e-9));
    }

    [Test]
    public void OnePercentileOrTheNominalRunHasNoBand()
    {
        var (single, x) = Figures("[50]");
        Assert.That(single.Band, Is.Null);
        Assert.That(single.MiddleLabel, Is.EqualTo("P50"));
        Assert.That(single.Rows[0].Values[0].Middle, Is.EqualTo(x[2]).Within(1e-9));

        var (nominal, one) = Figures("[5, 50, 95]", samples: 1);
        Assert.That(nominal.Band, Is.Null);
        Assert.That(nominal.MiddleLabel, Is.EqualTo("nominal"));
        // The nominal run takes the uniform's midpoint: (100 + 300) / 2 = 200 MW.
        Assert.That(one, Is.EqualTo(new[] { 200.0 }));
        Assert.That(nominal.Rows[0].Values[0], Is.EqualTo(new KeyFigure(200, 200, 200)));
    }
}
