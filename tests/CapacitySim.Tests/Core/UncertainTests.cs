using CapacitySim.Core.Model;

namespace CapacitySim.Tests.Core;

/// <summary>The cumulative probability of each form, as the loader's check of divisors uses it.</summary>
public class UncertainTests
{
    private static Uncertain Of(DistributionKind kind, double a, double b, double c = 0) =>
        new(kind, a, b, c, 1, double.NegativeInfinity, double.PositiveInfinity);

    // Uniform(2, 4) at 2.5: (2.5 - 2) / (4 - 2) = 0.25; below min 0, above max 1.
    [TestCase(DistributionKind.Uniform, 2, 4, 0, 2.5, 0.25)]
    [TestCase(DistributionKind.Uniform, 2, 4, 0, 1, 0)]
    [TestCase(DistributionKind.Uniform, 2, 4, 0, 5, 1)]
    // Triangular(min 0, mode 1, max 2) at 0.5: 0.5^2 / (2 x 1) = 0.125.
    [TestCase(DistributionKind.Triangular, 0, 1, 2, 0.5, 0.125)]
    // PERT(0, 1, 2) is symmetric: half its mass below the mode.
    [TestCase(DistributionKind.Pert, 0, 1, 2, 1, 0.5)]
    // Normal(100, 10) at 90: Phi(-1) = 0.158655 (standard normal table).
    [TestCase(DistributionKind.Normal, 100, 10, 0, 90, 0.158655)]
    // A lognormal's median splits its mass; nothing lies at or below 0.
    [TestCase(DistributionKind.LogNormal, 3, 0.4, 0, 3, 0.5)]
    [TestCase(DistributionKind.LogNormal, 3, 0.4, 0, 0, 0)]
    public void CdfOfEachForm(DistributionKind kind, double a, double b, double c, double x, double expected) =>
        Assert.That(Of(kind, a, b, c).Cdf(x), Is.EqualTo(expected).Within(1e-6));

    [Test]
    public void AFixedNumberOrAZeroWidthDistributionIsAStepAtItsValue()
    {
        foreach (var u in new[] { Uncertain.Fixed(5), Of(DistributionKind.Uniform, 5, 5), Of(DistributionKind.Triangular, 5, 5, 5), Of(DistributionKind.Pert, 5, 5, 5) })
        {
            Assert.That(u.Cdf(4.999), Is.EqualTo(0), u.Kind.ToString());
            Assert.That(u.Cdf(5), Is.EqualTo(1), u.Kind.ToString());
        }
    }
}
