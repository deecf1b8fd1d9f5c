using CapacitySim.Core.Model;

namespace CapacitySim.Tests.Core.Model;

/// <summary>Named parameters of each form, and the cumulative probability the loader's check of divisors uses.</summary>
public class UncertainTests
{
    [Test]
    public void EachFormHasItsNamedParametersAndNoOthers()
    {
        var pert = Uncertain.Pert(min: 1, mode: 2, max: 4);
        Assert.That((pert.Min, pert.Mode, pert.Max), Is.EqualTo((1.0, 2.0, 4.0)));
        var uniform = Uncertain.Uniform(min: 1, max: 4);
        Assert.That((uniform.Min, uniform.Max), Is.EqualTo((1.0, 4.0)));
        var normal = Uncertain.Normal(mean: 10, sd: 2);
        Assert.That((normal.Mean, normal.Sd), Is.EqualTo((10.0, 2.0)));
        var lognormal = Uncertain.LogNormal(median: 3, sigma: 0.4);
        Assert.That((lognormal.Median, lognormal.Sigma), Is.EqualTo((3.0, 0.4)));
        Assert.That(Uncertain.Fixed(7).Value, Is.EqualTo(7));
        Assert.Throws<InvalidOperationException>(() => _ = uniform.Mode);
        Assert.Throws<InvalidOperationException>(() => _ = normal.Min);
        Assert.Throws<InvalidOperationException>(() => _ = pert.Value);
        Assert.That((pert.WithRange(NumberRange.Fraction) with { Key = 9 }).ToString(), Is.EqualTo("pert(min 1, mode 2, max 4) key 9 in [0, 1]"));
    }

    // Uniform(2, 4) at 2.5: (2.5 - 2) / (4 - 2) = 0.25; below min 0, above max 1.
    // Triangular(min 0, mode 1, max 2) at 0.5: 0.5^2 / (2 x 1) = 0.125.
    // PERT(0, 1, 2) is symmetric: half its mass below the mode.
    // Normal(100, 10) at 90: Phi(-1) = 0.158655 (standard normal table).
    // A lognormal's median splits its mass; nothing lies at or below 0.
    private static IEnumerable<TestCaseData> Points() =>
    [
        new TestCaseData(Uncertain.Uniform(min: 2, max: 4), 2.5, 0.25),
        new TestCaseData(Uncertain.Uniform(min: 2, max: 4), 1.0, 0.0),
        new TestCaseData(Uncertain.Uniform(min: 2, max: 4), 5.0, 1.0),
        new TestCaseData(Uncertain.Triangular(min: 0, mode: 1, max: 2), 0.5, 0.125),
        new TestCaseData(Uncertain.Pert(min: 0, mode: 1, max: 2), 1.0, 0.5),
        new TestCaseData(Uncertain.Normal(mean: 100, sd: 10), 90.0, 0.158655),
        new TestCaseData(Uncertain.LogNormal(median: 3, sigma: 0.4), 3.0, 0.5),
        new TestCaseData(Uncertain.LogNormal(median: 3, sigma: 0.4), 0.0, 0.0),
    ];

    [TestCaseSource(nameof(Points))]
    public void CdfOfEachForm(Uncertain u, double x, double expected) =>
        Assert.That(u.Cdf(x), Is.EqualTo(expected).Within(1e-6));

    [Test]
    public void AFixedNumberOrAZeroWidthDistributionIsAStepAtItsValue()
    {
        foreach (var u in new[] { Uncertain.Fixed(5), Uncertain.Uniform(5, 5), Uncertain.Triangular(5, 5, 5), Uncertain.Pert(5, 5, 5) })
        {
            Assert.That(u.Cdf(4.999), Is.EqualTo(0), u.Kind.ToString());
            Assert.That(u.Cdf(5), Is.EqualTo(1), u.Kind.ToString());
        }
    }
}
