using CapacitySim.Core.Engine;
using MathNet.Numerics.Distributions;

namespace CapacitySim.Tests.Core.Engine;

/// <summary>
/// The draws the engines take (MODEL.md section 2), read back from their results: a phase's it_mw
/// with no ramp is built IT itself, a load factor is IT energy over powered IT and hours, a PUE
/// facility over IT energy. Each form's P10, P50, P90 and sd are checked against the analytic
/// values, and the whole sample against the analytic CDF (Kolmogorov-Smirnov); clamped draws
/// against their atoms at the range ends. Quantile tests (sensitivity's P10/P90) go through the
/// inverse CDF, not through these draws, so these are the tests that pin the Monte Carlo spread.
/// </summary>
public class DrawTests
{
    private const int Samples = 20_000;

    /// <summary>Kolmogorov-Smirnov critical value at a significance of 0.001 for n samples: 1.95 / sqrt(n).</summary>
    private static readonly double KsLimit = 1.95 / Math.Sqrt(Samples);

    private static string Scenario(string itMw, string site = "") => $$"""
        name: draws
        start: 2025-01
        end: 2025-01
        samples: {{Samples}}
        seed: 2026
        roadmap: [H100]
        sites:
          - name: A
        {{site}}
            phases: [{name: P, online: 2020-01, ramp_months: 0, accelerator: H100, it_mw: {{itMw}}}]
        """;

    /// <summary>One value per sample read from each engine's run; the two engines must agree, and the reference's values are returned.</summary>
    private static double[] Drawn(string yaml, Func<SimulationResult, int, double> read)
    {
        var scenario = TestScenarios.Parse(yaml);
        var plan = RunPlan.For(scenario, new RunSettings());
        var reference = ReferenceEngine.Run(scenario, plan);
        var fast = FastEngine.Run(scenario, plan);
        var values = Enumerable.Range(0, Samples).Select(i => read(reference, i)).ToArray();
        var fastValues = Enumerable.Range(0, Samples).Select(i => read(fast, i)).ToArray();
        for (int i = 0; i < Samples; i++)
            Assert.That(fastValues[i], Is.EqualTo(values[i]).Within(1e-12 * Math.Max(1, Math.Abs(values[i]))), $"sample {i}: the fast engine draws what the reference engine draws");
        return values;
    }

    private static double BuiltMw(SimulationResult r, int sample) => r.Value(0, Metric.ItBuiltMw, 0, sample);

    /// <summary>The type-7 percentile (linear between order statistics) of sorted values.</summary>
    private static double Percentile(double[] sorted, double p)
    {
        double h = (sorted.Length - 1) * p;
        int lo = (int)Math.Floor(h);
        return lo + 1 < sorted.Length ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
    }

    private static double Sd(double[] xs)
    {
        double mean = xs.Average();
        return Math.Sqrt(xs.Sum(x => (x - mean) * (x - mean)) / (xs.Length - 1));
    }

    /// <summary>
    /// Largest distance between the empirical CDF and <paramref name="cdf"/>, taken on both sides of
    /// every distinct value: <paramref name="cdfBelow"/> is the CDF just below a value (differs from
    /// the CDF only at an atom, such as a clamp).
    /// </summary>
    private static double KolmogorovSmirnov(double[] sorted, Func<double, double> cdf, Func<double, double>? cdfBelow = null)
    {
        cdfBelow ??= cdf;
        double d = 0;
        int n = sorted.Length;
        for (int i = 0; i < n; i++)
        {
            if (i == 0 || sorted[i - 1] != sorted[i]) d = Math.Max(d, Math.Abs((double)i / n - cdfBelow(sorted[i])));
            if (i == n - 1 || sorted[i + 1] != sorted[i]) d = Math.Max(d, Math.Abs((double)(i + 1) / n - cdf(sorted[i])));
        }
        return d;
    }

    /// <summary>A distribution form with its analytic quantile function, CDF, density and sd, written out here rather than taken from the sampler.</summary>
    public sealed record Form(string Yaml, Func<double, double> Quantile, Func<double, double> Cdf, Func<double, double> Density, double Sd)
    {
        public override string ToString() => Yaml;
    }

    private const double Z90 = 1.2815515655446004; // the standard normal's 0.9 quantile (Abramowitz and Stegun table 26.5)

    public static IEnumerable<TestCaseData> Forms()
    {
        // Uniform 80..120: Q(p) = 80 + 40p, sd = 40 / sqrt(12).
        yield return new TestCaseData(new Form("{dist: uniform, min: 80, max: 120}",
            p => 80 + 40 * p, x => Math.Clamp((x - 80) / 40, 0, 1), x => x is >= 80 and <= 120 ? 1.0 / 40 : 0, 40 / Math.Sqrt(12))).SetName("Uniform");

        // Asymmetric triangular a = 80, c = 90, b = 130: F(x) = (x-a)^2 / ((b-a)(c-a)) up to c, 1 - (b-x)^2 / ((b-a)(b-c)) after;
        // variance (a^2 + b^2 + c^2 - ab - ac - bc) / 18 = 1900 / 18.
        const double a = 80, c = 90, b = 130;
        yield return new TestCaseData(new Form("{dist: triangular, min: 80, mode: 90, max: 130}",
            p => p < (c - a) / (b - a) ? a + Math.Sqrt(p * (b - a) * (c - a)) : b - Math.Sqrt((1 - p) * (b - a) * (b - c)),
            x => x <= a ? 0 : x <= c ? (x - a) * (x - a) / ((b - a) * (c - a)) : x < b ? 1 - (b - x) * (b - x) / ((b - a) * (b - c)) : 1,
            x => x <= a || x >= b ? 0 : x <= c ? 2 * (x - a) / ((b - a) * (c - a)) : 2 * (b - x) / ((b - a) * (b - c)),
            Math.Sqrt((a * a + b * b + c * c - a * b - a * c - b * c) / 18))).SetName("TriangularAsymmetric");

        // Asymmetric PERT 80, 90, 130 (lambda 4): 80 + 50 Beta(1.8, 4.2); variance 50^2 alpha beta / ((alpha+beta)^2 (alpha+beta+1)) = 75.
        const double alpha = 1 + 4 * (c - a) / (b - a), beta = 1 + 4 * (b - c) / (b - a);
        yield return new TestCaseData(new Form("{dist: pert, min: 80, mode: 90, max: 130}",
            p => a + (b - a) * Beta.InvCDF(alpha, beta, p), x => Beta.CDF(alpha, beta, Math.Clamp((x - a) / (b - a), 0, 1)),
            x => x <= a || x >= b ? 0 : Beta.PDF(alpha, beta, (x - a) / (b - a)) / (b - a), Math.Sqrt(75))).SetName("PertAsymmetric");

        // Normal 100, 10: Q(p) = 100 + 10 z_p.
        yield return new TestCaseData(new Form("{dist: normal, mean: 100, sd: 10}",
            p => 100 + 10 * (p == 0.5 ? 0 : p == 0.1 ? -Z90 : Z90), x => Normal.CDF(100, 10, x), x => Normal.PDF(100, 10, x), 10)).SetName("Normal");

        // Lognormal median 100, sigma 0.2: Q(p) = 100 exp(0.2 z_p); sd = 100 sqrt((e^s^2 - 1) e^s^2).
        yield return new TestCaseData(new Form("{dist: lognormal, median: 100, sigma: 0.2}",
            p => 100 * Math.Exp(0.2 * (p == 0.5 ? 0 : p == 0.1 ? -Z90 : Z90)), x => x <= 0 ? 0 : Normal.CDF(0, 0.2, Math.Log(x / 100)),
            x => x <= 0 ? 0 : Normal.PDF(0, 0.2, Math.Log(x / 100)) / x, 100 * Math.Sqrt((Math.Exp(0.04) - 1) * Math.Exp(0.04)))).SetName("LognormalRightSkewed");
    }

    [TestCaseSource(nameof(Forms))]
    public void DrawsHaveTheDistributionsQuantilesSpreadAndShape(Form form)
    {
        var sorted = Drawn(Scenario(form.Yaml), BuiltMw).Order().ToArray();
        foreach (double p in new[] { 0.1, 0.5, 0.9 })
        {
            // Standard error of a sample p-quantile: sqrt(p (1 - p) / n) / f(Q(p)); within 5 of them.
            double q = form.Quantile(p);
            double se = Math.Sqrt(p * (1 - p) / Samples) / form.Density(q);
            Assert.That(Percentile(sorted, p), Is.EqualTo(q).Within(5 * se), $"P{p * 100}");
        }
        // The sample sd's relative standard error is about sqrt((kurtosis - 1) / (4n)), under 0.6% for these forms: within 3%.
        Assert.That(Sd(sorted), Is.EqualTo(form.Sd).Within(0.03 * form.Sd), "sd");
        Assert.That(KolmogorovSmirnov(sorted, form.Cdf), Is.LessThan(KsLimit), "Kolmogorov-Smirnov distance to the analytic CDF");
    }

    [Test]
    public void AMwDrawBelowZeroIsClampedToZero()
    {
        // Normal mean 1, sd 5: P(X < 0) = Phi(-0.2) = 0.42074 of the draws become exactly 0; the rest keep the normal's shape.
        var sorted = Drawn(Scenario("{dist: normal, mean: 1, sd: 5}"), BuiltMw).Order().ToArray();
        double atZero = Normal.CDF(1, 5, 0);
        Assert.That(atZero, Is.EqualTo(0.42074).Within(1e-5));
        Assert.That(sorted[0], Is.EqualTo(0.0), "nothing below 0");
        Assert.That(sorted.Count(x => x == 0) / (double)Samples, Is.EqualTo(atZero).Within(5 * Math.Sqrt(atZero * (1 - atZero) / Samples)));
        Assert.That(KolmogorovSmirnov(sorted, x => x < 0 ? 0 : Normal.CDF(1, 5, x), x => x <= 0 ? 0 : Normal.CDF(1, 5, x)), Is.LessThan(KsLimit));
    }

    [Test]
    public void ALoadFactorDrawIsClampedToZeroAndOne()
    {
        // Uniform -0.5..1.5: a quarter of the draws become 0, a quarter 1, the middle half stays uniform.
        // load factor = IT energy / (powered IT x hours), 744 hours in January.
        var sorted = Drawn(Scenario("100", "    load_factor: {dist: uniform, min: -0.5, max: 1.5}"),
            (r, i) => r.Value(0, Metric.ItEnergyMwh, 0, i) / (r.Value(0, Metric.ItPoweredMw, 0, i) * 744)).Order().ToArray();
        double tolerance = 5 * Math.Sqrt(0.25 * 0.75 / Samples);
        Assert.That(sorted[0], Is.EqualTo(0.0).Within(1e-12));
        Assert.That(sorted[^1], Is.EqualTo(1.0).Within(1e-12));
        Assert.That(sorted.Count(x => x < 1e-12) / (double)Samples, Is.EqualTo(0.25).Within(tolerance), "share clamped to 0");
        Assert.That(sorted.Count(x => x > 1 - 1e-12) / (double)Samples, Is.EqualTo(0.25).Within(tolerance), "share clamped to 1");
        var inside = sorted.Where(x => x > 1e-12 && x < 1 - 1e-12).ToArray();
        Assert.That(KolmogorovSmirnov(inside, x => Math.Clamp(x, 0, 1)), Is.LessThan(1.95 / Math.Sqrt(inside.Length)), "uniform between the clamps");
    }

    [Test]
    public void APueDrawBelowOneIsClampedToOne()
    {
        // Uniform 0.9..1.3: a quarter of the draws become 1. PUE = facility energy / IT energy.
        var sorted = Drawn(Scenario("100", "    pue: {dist: uniform, min: 0.9, max: 1.3}"),
            (r, i) => r.Value(0, Metric.FacilityEnergyMwh, 0, i) / r.Value(0, Metric.ItEnergyMwh, 0, i)).Order().ToArray();
        Assert.That(sorted[0], Is.EqualTo(1.0).Within(1e-12));
        Assert.That(sorted[^1], Is.LessThanOrEqualTo(1.3 + 1e-12));
        Assert.That(sorted.Count(x => x < 1 + 1e-12) / (double)Samples, Is.EqualTo(0.25).Within(5 * Math.Sqrt(0.25 * 0.75 / Samples)));
        Assert.That(Percentile(sorted, 0.5), Is.EqualTo(1.1).Within(5 * Math.Sqrt(0.25 / Samples) * 0.4), "the median of 0.9..1.3");
    }
}
