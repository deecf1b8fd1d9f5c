using MathNet.Numerics;

namespace CapacitySim.Core.Engine.Hourly;

/// <summary>
/// The scale k of a solar or wind source (MODEL.md section 8): per-unit output in an hour is
/// min(1, k s X), with s the hour's shape value and X = day x year factor, lognormal with mean 1;
/// k is chosen so that the expected output over a year, the clip at 1 included, equals the
/// source's capacity factor. Both engines solve for k here, by the same bisection.
/// </summary>
public static class OutputScale
{
    /// <summary>The log-space sigma of a lognormal factor of mean 1 and coefficient of variation <paramref name="cv"/>: sqrt(ln(1 + cv^2)).</summary>
    public static double Sigma(double cv) => Math.Sqrt(Math.Log(1 + cv * cv));

    /// <summary>The sigma of the product of the day and year factors: sqrt(sigma_D^2 + sigma_Y^2).</summary>
    public static double Sigma(double dayCv, double yearCv)
    {
        double day = Sigma(dayCv), year = Sigma(yearCv);
        return Math.Sqrt(day * day + year * year);
    }

    /// <summary>
    /// E[min(1, x X)] for X lognormal with mean 1 and log-space sigma <paramref name="sigma"/>:
    /// x Phi((ln(1/x) - sigma^2/2) / sigma) + 1 - Phi((ln(1/x) + sigma^2/2) / sigma); min(1, x) when
    /// sigma is 0.
    /// </summary>
    public static double ExpectedClipped(double x, double sigma)
    {
        if (x <= 0) return 0;
        if (sigma == 0) return Math.Min(1, x);
        double log = Math.Log(1 / x), half = sigma * sigma / 2;
        return x * Phi((log - half) / sigma) + 1 - Phi((log + half) / sigma);
    }

    /// <summary>F(k): the expected per-unit output over a year, the day-weighted mean of <see cref="ExpectedClipped"/> over the shape's values (0 where s = 0).</summary>
    public static double Mean(double k, double[,] shape, double sigma)
    {
        double sum = 0;
        for (int m = 0; m < 12; m++)
        {
            double month = 0;
            for (int h = 0; h < 24; h++)
                if (shape[m, h] > 0) month += ExpectedClipped(k * shape[m, h], sigma);
            sum += month * SolarShape.DaysInMonth[m];
        }
        return sum / (365.0 * 24);
    }

    /// <summary>What F reaches as k grows: the day-weighted share of the year's hours with s > 0. A capacity factor at or above it cannot be met.</summary>
    public static double Limit(double[,] shape)
    {
        double sum = 0;
        for (int m = 0; m < 12; m++)
            for (int h = 0; h < 24; h++)
                if (shape[m, h] > 0) sum += SolarShape.DaysInMonth[m];
        return sum / (365.0 * 24);
    }

    /// <summary>
    /// The k with F(k) = <paramref name="capacityFactor"/>: F rises with k from F(0) = 0, so the
    /// upper end of the bracket doubles from 1 until F exceeds the capacity factor, then 200
    /// bisection steps (or until the bracket stops shrinking) return its middle.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The capacity factor is not in (0, <see cref="Limit"/>).</exception>
    public static double Solve(double capacityFactor, double[,] shape, double sigma)
    {
        double limit = Limit(shape);
        if (!(capacityFactor > 0 && capacityFactor < limit))
            throw new ArgumentOutOfRangeException(nameof(capacityFactor), capacityFactor, $"a capacity factor must lie in (0, {limit:0.####}), the share of the year's hours with output");
        double lo = 0, hi = 1;
        while (Mean(hi, shape, sigma) <= capacityFactor) (lo, hi) = (hi, hi * 2);
        for (int step = 0; step < 200; step++)
        {
            double mid = (lo + hi) / 2;
            if (mid <= lo || mid >= hi) break;
            if (Mean(mid, shape, sigma) < capacityFactor) lo = mid; else hi = mid;
        }
        return (lo + hi) / 2;
    }

    /// <summary>The standard normal CDF.</summary>
    private static double Phi(double z) => 0.5 * SpecialFunctions.Erfc(-z / Math.Sqrt(2));
}
