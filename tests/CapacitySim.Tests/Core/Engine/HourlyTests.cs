using CapacitySim.Core.Engine.Hourly;

namespace CapacitySim.Tests.Core.Engine;

/// <summary>
/// The solar shape and the output scale of MODEL.md section 8, against published values and
/// MODEL.md's own worked example.
/// </summary>
public class HourlyTests
{
    /// <summary>
    /// pvlib-python's test of its Haurwitz model (pvlib/pvlib-python, pvlib/tests/test_clearsky.py,
    /// test_haurwitz): GHI at apparent solar elevations of 5, 10, 30, 50 and 90 degrees, and 0 with
    /// the sun below the horizon. cosZ = sin(elevation).
    /// </summary>
    [TestCase(5, 48.6298687941956)]
    [TestCase(10, 135.741748091813)]
    [TestCase(30, 487.894132885425)]
    [TestCase(50, 778.766689344363)]
    [TestCase(90, 1035.09203253450)]
    [TestCase(-0.05, 0)]
    [TestCase(-20, 0)]
    public void HaurwitzGivesPvlibsPublishedIrradiance(double elevationDegrees, double ghi) =>
        Assert.That(SolarShape.Haurwitz(Math.Sin(elevationDegrees * Math.PI / 180)), Is.EqualTo(ghi).Within(1e-9));

    /// <summary>
    /// Cooper's declination on Klein's recommended days is the mean declination of each month
    /// that Duffie and Beckman tabulate to 0.1 degree (Solar Engineering of Thermal Processes,
    /// table 1.6.1; the same values in UNI 10349, prospetto F.III): -20.9, -13.0, -2.4, 9.4, 18.8,
    /// 23.1, 21.2, 13.5, 2.2, -9.6, -18.9, -23.0. Within 0.05 degree plus rounding of the last
    /// digit; e.g. January: 23.45 sin(360 x 301 / 365) = 23.45 x -0.8921 = -20.92.
    /// </summary>
    [Test]
    public void DeclinationOnKleinsDaysIsTheTabulatedMonthlyMean()
    {
        double[] tabulated = [-20.9, -13.0, -2.4, 9.4, 18.8, 23.1, 21.2, 13.5, 2.2, -9.6, -18.9, -23.0];
        for (int m = 0; m < 12; m++)
            Assert.That(SolarShape.DeclinationDegrees(SolarShape.KleinDays[m]), Is.EqualTo(tabulated[m]).Within(0.0501), $"month {m + 1}");
    }

    /// <summary>
    /// At the equator on an equinox-like day (declination 0) the sun at the middle of hour 11 (11:30,
    /// omega = -7.5 deg) has cosZ = cos(7.5 deg) = 0.99144; at the middle of hour 17 (17:30, omega = 82.5
    /// deg) cos(82.5 deg) = 0.13053; at 18:30 it is below the horizon.
    /// </summary>
    [Test]
    public void CosZenithFollowsTheHourAngleOfTheHoursMiddle()
    {
        Assert.That(SolarShape.CosZenith(0, 0, 11), Is.EqualTo(Math.Cos(7.5 * Math.PI / 180)).Within(1e-12));
        Assert.That(SolarShape.CosZenith(0, 0, 11), Is.EqualTo(0.99144).Within(1e-5));
        Assert.That(SolarShape.CosZenith(0, 0, 17), Is.EqualTo(0.13053).Within(1e-5));
        Assert.That(SolarShape.CosZenith(0, 0, 18), Is.LessThan(0));
    }

    /// <summary>
    /// The shape averages 1 over a 365-day year (months weighted by their days), is 0 at night,
    /// symmetric about solar noon, larger in June than in December north of the equator, and at
    /// latitude 32.4 peaks at 3.91 times its mean (MODEL.md section 8).
    /// </summary>
    [Test]
    public void ShapeHasMeanOneAndTheSunsHours()
    {
        var shape = SolarShape.Of(32.4);
        double mean = 0;
        for (int m = 0; m < 12; m++)
            for (int h = 0; h < 24; h++)
            {
                mean += shape[m, h] * SolarShape.DaysInMonth[m] / (365.0 * 24);
                Assert.That(shape[m, h], Is.EqualTo(shape[m, 23 - h]).Within(1e-12), "symmetric about noon");
            }
        Assert.That(mean, Is.EqualTo(1).Within(1e-12));
        Assert.That(shape[5, 2], Is.EqualTo(0), "02:30 in June");
        Assert.That(shape[5, 11], Is.GreaterThan(shape[11, 11]));
        Assert.That(Enumerable.Range(0, 12 * 24).Max(i => shape[i / 24, i % 24]), Is.EqualTo(3.91).Within(0.005));
    }

    /// <summary>
    /// MODEL.md section 8's example: latitude 32.4, day_cv 0.3, year_cv 0.04, capacity factor
    /// 0.25 gives k = 0.2603. sigma^2 = ln(1.09) + ln(1.0016) = 0.08618 + 0.00160 = 0.08778.
    /// </summary>
    [Test]
    public void ScaleMeetsModelsWorkedExample()
    {
        var shape = SolarShape.Of(32.4);
        double sigma = OutputScale.Sigma(0.3, 0.04);
        Assert.That(sigma * sigma, Is.EqualTo(Math.Log(1.09) + Math.Log(1.0016)).Within(1e-15));
        double k = OutputScale.Solve(0.25, shape, sigma);
        Assert.That(k, Is.EqualTo(0.2603).Within(5e-5));
        Assert.That(OutputScale.Mean(k, shape, sigma), Is.EqualTo(0.25).Within(1e-12));
    }

    /// <summary>
    /// Newton's method needs F's slope: against a central difference of F at solar and wind shapes,
    /// with and without the weather's sigma, and at capacity factors near the limit where most
    /// hours clip; the solved k meets F(k) = capacity factor to 1e-12 in each case.
    /// </summary>
    [TestCase(32.4, 0.3, 0.25)]
    [TestCase(32.4, 0.0, 0.25)]
    [TestCase(50.0, 0.6, 0.45)]
    [TestCase(10.0, 0.25, 0.05)]
    public void TheSlopeIsFsDerivativeAndNewtonMeetsTheCapacityFactor(double latitude, double sigma, double capacityFactor)
    {
        var shape = SolarShape.Of(latitude);
        double k = OutputScale.Solve(capacityFactor, shape, sigma);
        Assert.That(OutputScale.Mean(k, shape, sigma), Is.EqualTo(capacityFactor).Within(1e-12));
        foreach (var (at, table) in new[] { (k * 0.7, shape), (k, WindShape.Shape), (k * 1.3, shape) })
        {
            double h = 1e-6 * at;
            double difference = (OutputScale.Mean(at + h, table, sigma) - OutputScale.Mean(at - h, table, sigma)) / (2 * h);
            // With sigma 0, F has kinks where k s crosses 1; a difference across one is off by up to that hour's share.
            Assert.That(OutputScale.Slope(at, table, sigma), Is.EqualTo(difference).Within(sigma == 0 ? 2e-3 : 1e-6));
        }
    }

    /// <summary>
    /// Solving from a table of k (the start both engines use for a capacity factor drawn per sample)
    /// meets F(k) = capacity factor as solving from 0 does, below the table's first capacity factor,
    /// between its entries, on one, in its last interval and just under the limit, with and without
    /// weather; and both solves agree to 1e-12 relative.
    /// </summary>
    [TestCase(32.4, 0.3)]
    [TestCase(32.4, 0.0)]
    [TestCase(50.0, 0.6)]
    [TestCase(-10.0, 0.25)]
    public void SolvingFromATableMeetsTheCapacityFactor(double latitude, double sigma)
    {
        var shape = SolarShape.Of(latitude);
        double limit = OutputScale.Limit(shape);
        var table = OutputScale.Table(shape, sigma);
        Assert.That(table.K, Has.Length.EqualTo(OutputScale.TableSize));
        Assert.That(table.K[0], Is.EqualTo(0));
        Assert.That(table.K, Is.Ordered, "F rises with k, so k rises with the capacity factor");
        Assert.That(table.Limit, Is.EqualTo(limit));
        for (int i = 0; i < OutputScale.TableSize; i++)
        {
            // F and F' where each solve's first step starts: the bits of evaluating them there.
            Assert.That(table.Mean[i], Is.EqualTo(OutputScale.Mean(table.K[i], shape, sigma)).Within(1e-15), $"F at entry {i}");
            Assert.That(table.Slope[i], Is.EqualTo(OutputScale.Slope(table.K[i], shape, sigma)).Within(1e-15), $"F' at entry {i}");
        }
        foreach (double share in new[] { 0.001, 0.5 / OutputScale.TableSize, 0.1, 0.25, 17.0 / OutputScale.TableSize, 0.5, 0.9, 0.99, 1 - 1e-6 })
        {
            double capacityFactor = limit * share;
            double fromTable = OutputScale.Solve(capacityFactor, shape, sigma, table);
            double fromZero = OutputScale.Solve(capacityFactor, shape, sigma);
            Assert.That(OutputScale.Mean(fromTable, shape, sigma), Is.EqualTo(capacityFactor).Within(1e-12), $"share {share}");
            Assert.That(fromTable, Is.EqualTo(fromZero).Within(1e-9 * fromZero + 1e-15), $"share {share}");
        }
    }

    /// <summary>
    /// The closed form of E[min(1, k s X)] against draws: X = exp(sigma z - sigma^2 / 2) for 40,000
    /// standard normal z per month and hour (a fixed seed), the year's day-weighted mean of
    /// min(1, k s X) at the solved k is the capacity factor within Monte Carlo error (MODEL.md's
    /// check gives 0.2498).
    /// </summary>
    [Test]
    public void DrawsAtTheSolvedScaleAverageTheCapacityFactor()
    {
        var shape = SolarShape.Of(32.4);
        double sigma = OutputScale.Sigma(0.3, 0.04);
        double k = OutputScale.Solve(0.25, shape, sigma);
        var normal = new MathNet.Numerics.Distributions.Normal(0, 1, new Random(2026));
        double sum = 0;
        const int draws = 40_000;
        for (int m = 0; m < 12; m++)
            for (int h = 0; h < 24; h++)
            {
                if (shape[m, h] == 0) continue;
                double hour = 0;
                for (int d = 0; d < draws; d++)
                    hour += Math.Min(1, k * shape[m, h] * Math.Exp(sigma * normal.Sample() - sigma * sigma / 2));
                sum += hour / draws * SolarShape.DaysInMonth[m];
            }
        Assert.That(sum / (365.0 * 24), Is.EqualTo(0.25).Within(0.002));
    }

    /// <summary>
    /// With sigma 0 (the nominal run's typical year) the expectation is min(1, k s); the mean
    /// is then a plain average. A tiny sigma gives nearly the same; a capacity factor at or above
    /// the share of hours with sun has no k.
    /// </summary>
    [Test]
    public void NominalYearAndTheLimit()
    {
        Assert.That(OutputScale.ExpectedClipped(0.5, 0), Is.EqualTo(0.5));
        Assert.That(OutputScale.ExpectedClipped(2, 0), Is.EqualTo(1));
        Assert.That(OutputScale.ExpectedClipped(0.5, 1e-6), Is.EqualTo(0.5).Within(1e-9));
        Assert.That(OutputScale.ExpectedClipped(2, 1e-6), Is.EqualTo(1).Within(1e-9));
        var shape = SolarShape.Of(32.4);
        double k = OutputScale.Solve(0.25, shape, 0);
        double plain = 0;
        for (int m = 0; m < 12; m++)
            for (int h = 0; h < 24; h++)
                plain += Math.Min(1, k * shape[m, h]) * SolarShape.DaysInMonth[m] / (365.0 * 24);
        Assert.That(plain, Is.EqualTo(0.25).Within(1e-12));
        // At 32.4 degrees the sun is up at the middle of 10 hours a day in Jan, Feb, Nov, Dec, 12 in
        // Mar, Apr, Sep, Oct and 14 in May-Aug: (10 x 120 + 12 x 122 + 14 x 123) / 8,760 = 4,386 / 8,760.
        double limit = OutputScale.Limit(shape);
        Assert.That(limit, Is.EqualTo(4386.0 / 8760).Within(1e-15));
        Assert.Throws<ArgumentOutOfRangeException>(() => OutputScale.Solve(limit, shape, 0.3));
        Assert.Throws<ArgumentOutOfRangeException>(() => OutputScale.Solve(0, shape, 0.3));
    }

    /// <summary>
    /// The weather's normal quantile (Wichura's AS 241) at published percentage points of the
    /// standard normal (Abramowitz and Stegun, table 26.5: 1.959963984540054 at 0.975,
    /// 2.5758293035489 at 0.995, 3.0902323061678 at 0.999; symmetric below 0.5; 0 at 0.5), and
    /// against MathNet's inverse normal, an independent implementation, from 1e-300 to 1 - 1e-16:
    /// every branch (central, tail to r = 5, far tail) within 1.5e-15 relative (each is a few
    /// units in the last place from the true value: at p = 0.004, 40-digit arithmetic gives
    /// -2.6520698079021960, MathNet -2.6520698079021967 and AS 241 -2.6520698079021954).
    /// </summary>
    [Test]
    public void NormalQuantileMatchesPublishedPointsAndAnIndependentInverse()
    {
        Assert.That(NormalQuantile.Of(0.5), Is.EqualTo(0));
        Assert.That(NormalQuantile.Of(0.975), Is.EqualTo(1.959963984540054).Within(1e-15));
        Assert.That(NormalQuantile.Of(0.025), Is.EqualTo(-1.959963984540054).Within(1e-15));
        Assert.That(NormalQuantile.Of(0.995), Is.EqualTo(2.5758293035489).Within(1e-12));
        Assert.That(NormalQuantile.Of(0.999), Is.EqualTo(3.0902323061678).Within(1e-12));
        Assert.That(NormalQuantile.Of(0), Is.EqualTo(double.NegativeInfinity));
        Assert.That(NormalQuantile.Of(1), Is.EqualTo(double.PositiveInfinity));
        var points = new List<double> { 1e-300, 1e-100, 1e-30, 1e-12, 0.001, 0.075, 0.0751, 0.5 - 1e-9, 0.5 + 1e-9, 0.9249, 0.925, 0.999999, 1 - 1e-16 };
        for (int i = 1; i < 1000; i++) points.Add(i / 1000.0);
        // exp(-25) puts the tail's r = sqrt(-ln p) at 5, where the far tail's branch starts.
        points.Add(Math.Exp(-25) * 0.999);
        points.Add(Math.Exp(-25) * 1.001);
        foreach (double p in points)
        {
            double expected = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, p);
            Assert.That(NormalQuantile.Of(p), Is.EqualTo(expected).Within(1.5e-15 * Math.Abs(expected) + 1e-300), $"p = {p:R}");
        }
    }

    /// <summary>
    /// The terms F and F' sum over: a solar shape's hours pair up around solar noon (hour angles
    /// -7.5 and +7.5 degrees give the same value to the bit), so each distinct value stands for two
    /// hours of every day of its month; their days add up to the nonzero hours of a 365-day year
    /// (limit x 8,760: 4,386 at 32.4 degrees), and F over them is F over the whole shape.
    /// </summary>
    [Test]
    public void ShapeTermsPairTheSolarHoursAroundNoon()
    {
        var shape = SolarShape.Of(32.4);
        var terms = OutputScale.TermsOf(shape);
        int nonzero = 0;
        for (int m = 0; m < 12; m++)
            for (int h = 0; h < 24; h++)
            {
                if (shape[m, h] > 0) nonzero++;
                Assert.That(shape[m, h], Is.EqualTo(shape[m, 23 - h]), $"month {m}, hour {h}: the same as its mirror");
            }
        Assert.That(terms.Values, Has.Length.EqualTo(nonzero / 2));
        Assert.That(terms.Values, Is.Unique);
        Assert.That(terms.Days.Sum(), Is.EqualTo(4386));
        Assert.That(terms.Days, Is.All.EqualTo(62).Or.EqualTo(56).Or.EqualTo(60));
        // F from the terms (through a solve) meets the plain F over all 288 values.
        var table = OutputScale.Table(shape, 0.3);
        double k = OutputScale.Solve(0.25, shape, 0.3, table);
        Assert.That(OutputScale.Mean(k, shape, 0.3), Is.EqualTo(0.25).Within(1e-12));
    }
}
