using CapacitySim.Core.Engine;
using CapacitySim.Core.Model;

namespace CapacitySim.Tests.Core.Engine;

/// <summary>docs/model.md section 2: nominal values, draws at a fixed seed, determinism and shared shocks.</summary>
public class SamplingTests
{
    private static string WithItMw(string itMw, int samples = 4000, string extra = "") => $"""
        name: t
        start: 2025-01
        end: 2025-02
        samples: {samples}
        seed: 11
        roadmap: [H100]
        {extra}
        sites:
          - name: A
            phases: [{"{"}name: P, online: 2020-01, ramp_months: 0, accelerator: H100, it_mw: {itMw}{"}"}]
        """;

    private static double[] Built(SimulationResult r) => r.Values(0, Metric.ItBuiltMw, 0).ToArray();

    [TestCase("{dist: uniform, min: 80, max: 120}", 100.0, 100.0)]
    [TestCase("{dist: triangular, min: 80, mode: 90, max: 130}", 90.0, 100.0)]
    [TestCase("{dist: pert, min: 80, mode: 90, max: 130}", 90.0, 95.0)]
    [TestCase("{dist: normal, mean: 100, sd: 10}", 100.0, 100.0)]
    [TestCase("{dist: lognormal, median: 100, sigma: 0.2}", 100.0, 102.020134)]
    public void NominalRunUsesNominalAndSampledMeanMatchesTheDistribution(string dist, double nominal, double mean)
    {
        // Nominal (docs/model.md table): uniform (a+b)/2, triangular and PERT the mode, normal the mean, lognormal the median.
        var one = TestScenarios.Run(WithItMw(dist, samples: 1));
        Assert.That(Built(one)[0], Is.EqualTo(nominal).Within(1e-12));

        // Means: uniform (80+120)/2 = 100; triangular (80+90+130)/3 = 100; PERT (80 + 4*90 + 130)/6 = 95;
        // normal 100; lognormal 100 * exp(0.2^2 / 2) = 102.020134. 4,000 samples: within 4 standard errors.
        var many = Built(TestScenarios.Run(WithItMw(dist)));
        double sd = Math.Sqrt(many.Select(x => (x - many.Average()) * (x - many.Average())).Sum() / (many.Length - 1));
        Assert.That(many.Average(), Is.EqualTo(mean).Within(4 * sd / Math.Sqrt(many.Length)));
        Assert.That(many.Distinct().Count(), Is.GreaterThan(3900), "every sample is a fresh draw");
    }

    [Test]
    public void DrawsAreClampedToTheValidRange()
    {
        // Normal with mean 1 and sd 5 draws negative MW with probability Phi(-0.2) = 0.420740; they are
        // clamped to 0: of 4,000 draws 1,683.0 on average, sd sqrt(4000 x 0.42074 x 0.57926) = 31.2, so within 4 sd.
        var many = Built(TestScenarios.Run(WithItMw("{dist: normal, mean: 1, sd: 5}")));
        Assert.That(many.Min(), Is.EqualTo(0));
        double p = MathNet.Numerics.Distributions.Normal.CDF(1, 5, 0);
        Assert.That(p, Is.EqualTo(0.420740).Within(1e-6));
        Assert.That(many.Count(x => x == 0), Is.EqualTo(4000 * p).Within(4 * Math.Sqrt(4000 * p * (1 - p))));
    }

    [Test]
    public void SameSeedSameNumbersWhateverTheThreadCount()
    {
        string yaml = WithItMw("{dist: uniform, min: 80, max: 120}", samples: 300);
        var a = TestScenarios.Run(yaml, threads: 1);
        var b = TestScenarios.Run(yaml, threads: 2);
        Assert.That(Built(b), Is.EqualTo(Built(a)));
    }

    [Test]
    public void FirstSamplesDoNotChangeWhenMoreAreAsked()
    {
        string yaml = WithItMw("{dist: uniform, min: 80, max: 120}", samples: 100);
        var few = Built(TestScenarios.Run(yaml));
        var more = Built(TestScenarios.Run(yaml, samples: 250));
        Assert.That(more.Take(100), Is.EqualTo(few));
    }

    [Test]
    public void ADistributionInDefaultsIsOneShockSharedBySites()
    {
        var r = TestScenarios.Run("""
            name: t
            start: 2025-01
            end: 2025-01
            samples: 50
            roadmap: [H100]
            defaults:
              pue: {dist: uniform, min: 1.1, max: 1.5}
            sites:
              - name: A
                phases: [{name: P, online: 2020-01, it_mw: 10, ramp_months: 0}]
              - name: B
                phases: [{name: P, online: 2020-01, it_mw: 10, ramp_months: 0}]
              - name: C
                pue: {dist: uniform, min: 1.1, max: 1.5}
                phases: [{name: P, online: 2020-01, it_mw: 10, ramp_months: 0}]
            """);
        var a = r.Values(0, Metric.FacilityEnergyMwh, 0).ToArray();
        var b = r.Values(1, Metric.FacilityEnergyMwh, 0).ToArray();
        var c = r.Values(2, Metric.FacilityEnergyMwh, 0).ToArray();
        Assert.That(b, Is.EqualTo(a), "A and B take the same defaults draw");
        Assert.That(c, Is.Not.EqualTo(a), "C writes its own distribution: its own draw");
    }

    [Test]
    public void DesignPueLeftToDefaultTakesThePueDraw()
    {
        var scenario = TestScenarios.Parse("""
            name: t
            start: 2025-01
            end: 2025-01
            roadmap: [H100]
            sites:
              - name: A
                pue: {dist: uniform, min: 1.1, max: 1.5}
                phases: [{name: P, online: 2020-01, facility_mw: 100}]
            """);
        var site = scenario.Sites[0];
        Assert.That(site.DesignPue, Is.SameAs(site.Pue));
        var sampler = new Sampler(RunPlan.For(scenario, new RunSettings(10, 3))) { SampleIndex = 4 };
        Assert.That(sampler.Draw(site.DesignPue), Is.EqualTo(sampler.Draw(site.Pue)));
    }

    [Test]
    public void CounterRandomIsUniform()
    {
        var random = new CounterRandom();
        random.Reset(1, 2, 3);
        var xs = Enumerable.Range(0, 10_000).Select(_ => random.NextDouble()).ToArray();
        Assert.That(xs.Min(), Is.GreaterThan(0));
        Assert.That(xs.Max(), Is.LessThan(1));
        // Mean 0.5, sd of the mean sqrt(1/12) / 100 = 0.0029.
        Assert.That(xs.Average(), Is.EqualTo(0.5).Within(0.012));
    }

    /// <summary>The block draws the fast engine uses give the very bits of the sample-by-sample draws, vector path and tail alike.</summary>
    [TestCase("uniform", 0.6, 0.6, 0.85)]
    [TestCase("triangular", 0.0, 3.0, 11.0)]
    [TestCase("triangular", 1.0, 1.0, 2.0)]
    [TestCase("triangular", 1.0, 2.0, 2.0)]
    [TestCase("triangular", -2.0, 0.5, 1.5)]
    [TestCase("pert", 0.25, 0.4, 0.5)]
    [TestCase("normal", 1.0, 0.0, 0.5)]
    public void BlockDrawsAreTheSampleBySampleDrawsBitForBit(string dist, double min, double mode, double max)
    {
        var raw = dist switch
        {
            "uniform" => Uncertain.Uniform(min, max),
            "triangular" => Uncertain.Triangular(min, mode, max),
            "pert" => Uncertain.Pert(min, mode, max),
            _ => Uncertain.Normal(min, max),
        };
        // Clamped at 0 and 1.2, so negative and high draws are clamped the same way in both paths.
        var u = raw with { Lower = 0, Upper = 1.2, Key = CounterRandom.KeyOf("sites[3].phases[1].delay_months") };
        var plan = new RunPlan(2000, 77, ScopeKinds.Total, [10, 50, 90], 1);
        foreach (int first in new[] { 0, 5, 1003 })
            foreach (int count in new[] { 0, 1, 3, 4, 5, 16, 997 })
            {
                var block = new double[count];
                new Sampler(plan).DrawBlock(u, first, block);
                var one = new Sampler(plan);
                for (int j = 0; j < count; j++)
                {
                    one.SampleIndex = first + j;
                    Assert.That(BitConverter.DoubleToInt64Bits(block[j]), Is.EqualTo(BitConverter.DoubleToInt64Bits(one.Draw(u))), $"{dist} sample {first + j} of a block of {count}");
                }
            }
    }
}
