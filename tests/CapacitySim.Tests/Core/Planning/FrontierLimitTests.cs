using CapacitySim.Core.Engine;
using CapacitySim.Core.Planning;

namespace CapacitySim.Tests.Core.Planning;

public class FrontierLimitTests
{
    [Test]
    public void ThePeakOfUsefulWorkAtTheDefaultsIsInClosedForm()
    {
        // checkpoint 0.5 min (d = 1/120 h), restart 5 min (r = 1/12 h): h(s) = s (1 - sqrt(s / 60) - s / 12).
        // h'(s) = 1 - 1.5 sqrt(s / 60) - s / 6 = 0 at s = 3.75 (sqrt(0.0625) = 0.25: 1 - 0.375 - 0.625 = 0),
        // h(3.75) = 3.75 x (1 - 0.25 - 0.3125) = 1.640625.
        var (s, h) = FrontierLimit.Peak(0.5, 5);
        Assert.That(s, Is.EqualTo(3.75).Within(1e-6));
        Assert.That(h, Is.EqualTo(1.640625).Within(1e-9));
        // At MTBF 50,000 h: 187,500 accelerators give 82,031.25 accelerators' worth of work.
        Assert.That(FrontierLimit.OptimalAccelerators(50_000, 0.5, 5), Is.EqualTo(187_500).Within(0.1));
        Assert.That(FrontierLimit.MaxUsefulAccelerators(50_000, 0.5, 5), Is.EqualTo(82_031.25).Within(1e-3));
        Assert.That(FrontierLimit.RequiredMtbfHours(90_000, 0.5, 5), Is.EqualTo(90_000 / 1.640625).Within(1e-3));
    }

    [Test]
    public void ThePeakAgreesWithTheEnginesGoodput()
    {
        double a = FrontierLimit.OptimalAccelerators(150_000, 0.5, 5);
        double peak = a * Formulas.Goodput(a, 150_000, 0.5, 5);
        Assert.That(peak, Is.EqualTo(FrontierLimit.MaxUsefulAccelerators(150_000, 0.5, 5)).Within(1e-6 * peak));
        foreach (double other in new[] { 0.8 * a, 1.2 * a })
            Assert.That(other * Formulas.Goodput(other, 150_000, 0.5, 5), Is.LessThan(peak));
    }
}
