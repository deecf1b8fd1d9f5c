using MathNet.Numerics;

namespace CapacitySim.Core.Engine.Hourly;

/// <summary>
/// The scale k of a solar or wind source (MODEL.md section 8): per-unit output in an hour is
/// min(1, k s X), with s the hour's shape value and X = day x year factor, lognormal with mean 1;
/// k is chosen so that the expected output over a year, the clip at 1 included, equals the
/// source's capacity factor. Both engines solve for k here, by the same Newton iteration.
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
    /// F'(k): the day-weighted mean over the shape of s Phi((ln(1/(k s)) - sigma^2/2) / sigma), the
    /// derivative of E[min(1, k s X)] (X where k s X &lt; 1); with sigma 0, the mean of s where k s &lt; 1.
    /// </summary>
    public static double Slope(double k, double[,] shape, double sigma)
    {
        double sum = 0;
        for (int m = 0; m < 12; m++)
        {
            double month = 0;
            for (int h = 0; h < 24; h++)
            {
                double s = shape[m, h];
                if (s <= 0) continue;
                double x = k * s;
                month += sigma == 0 ? (x < 1 ? s : 0) : x <= 0 ? s : s * Phi((Math.Log(1 / x) - sigma * sigma / 2) / sigma);
            }
            sum += month * SolarShape.DaysInMonth[m];
        }
        return sum / (365.0 * 24);
    }

    /// <summary>
    /// A shape's nonzero values, each once, with the days of a 365-day year at each hour it stands
    /// for: F and F' are sums over them. A solar shape's hours pair up around solar noon (its hour
    /// angles are symmetric, so the values are equal to the bit), so this halves the work of a solve.
    /// </summary>
    public sealed class ShapeTerms
    {
        public required double[] Values { get; init; }
        public required double[] Days { get; init; }
    }

    /// <summary>The <see cref="ShapeTerms"/> of <paramref name="shape"/>, in the order the values first appear (by month, then hour).</summary>
    public static ShapeTerms TermsOf(double[,] shape)
    {
        var index = new Dictionary<double, int>();
        var values = new List<double>();
        var days = new List<double>();
        for (int m = 0; m < 12; m++)
            for (int h = 0; h < 24; h++)
            {
                double s = shape[m, h];
                if (s <= 0) continue;
                if (index.TryGetValue(s, out int at)) days[at] += SolarShape.DaysInMonth[m];
                else
                {
                    index.Add(s, values.Count);
                    values.Add(s);
                    days.Add(SolarShape.DaysInMonth[m]);
                }
            }
        return new ShapeTerms { Values = [.. values], Days = [.. days] };
    }

    /// <summary>
    /// F(k) and F'(k) in one pass over the shape's distinct values: F'(k)'s normal CDF is the first of
    /// E[min(1, k s X)]'s, so each value takes one logarithm and two CDFs; <see cref="Mean"/> and
    /// <see cref="Slope"/> within rounding.
    /// </summary>
    private static (double Mean, double Slope) MeanAndSlope(double k, ShapeTerms terms, double sigma)
    {
        double sum = 0, slopeSum = 0;
        double half = sigma * sigma / 2;
        var values = terms.Values;
        var days = terms.Days;
        for (int i = 0; i < values.Length; i++)
        {
            double s = values[i], x = k * s;
            if (x <= 0)
            {
                slopeSum += s * days[i];
                continue;
            }
            if (sigma == 0)
            {
                sum += Math.Min(1, x) * days[i];
                slopeSum += (x < 1 ? s : 0) * days[i];
                continue;
            }
            double log = Math.Log(1 / x), below = Phi((log - half) / sigma);
            sum += (x * below + 1 - Phi((log + half) / sigma)) * days[i];
            slopeSum += s * below * days[i];
        }
        return (sum / (365.0 * 24), slopeSum / (365.0 * 24));
    }

    /// <summary>
    /// The k with F(k) = <paramref name="capacityFactor"/>, by Newton's method from k = 0. F rises
    /// with k and is concave (its slope, the share of output below the clip, falls), so each Newton
    /// step from below lands at or below the root and the steps rise to it; a step that would not
    /// rise (the slope 0 at a kink of the nominal run's F) falls back to halving a bracket, whose
    /// upper end doubles from 1 until F exceeds the capacity factor. Stops when F reaches the
    /// capacity factor or a step no longer moves k, after at most 200 steps.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The capacity factor is not in (0, <see cref="Limit"/>).</exception>
    public static double Solve(double capacityFactor, double[,] shape, double sigma)
    {
        double limit = Limit(shape);
        if (!(capacityFactor > 0 && capacityFactor < limit))
            throw new ArgumentOutOfRangeException(nameof(capacityFactor), capacityFactor, $"a capacity factor must lie in (0, {limit:0.####}), the share of the year's hours with output");
        return SolveFromZero(capacityFactor, shape, TermsOf(shape), sigma);
    }

    /// <summary><see cref="Solve(double, double[,], double)"/> for a capacity factor known to lie in (0, limit), with the shape's terms at hand.</summary>
    private static double SolveFromZero(double capacityFactor, double[,] shape, ShapeTerms terms, double sigma)
    {
        double lo = 0, hi = 1;
        while (Mean(hi, shape, sigma) <= capacityFactor) (lo, hi) = (hi, hi * 2);
        return Newton(capacityFactor, terms, sigma, lo, hi);
    }

    /// <summary>Capacity factors of a <see cref="Table"/>: limit x i / TableSize for i = 0 .. TableSize - 1.</summary>
    public const int TableSize = 64;

    /// <summary>
    /// Where the solves of one shape and sigma start: k at the capacity factors limit x i /
    /// <see cref="TableSize"/> (0 at 0), each by <see cref="Solve(double, double[,], double)"/>, with
    /// F and F' there, so a solve's first Newton step needs no evaluation of its own.
    /// </summary>
    public sealed class ScaleTable
    {
        public required double Limit { get; init; }
        public required ShapeTerms Terms { get; init; }
        public required double[] K { get; init; }
        public required double[] Mean { get; init; }
        public required double[] Slope { get; init; }
    }

    /// <summary>The <see cref="ScaleTable"/> of <paramref name="shape"/> and <paramref name="sigma"/>.</summary>
    public static ScaleTable Table(double[,] shape, double sigma)
    {
        double limit = Limit(shape);
        var terms = TermsOf(shape);
        var k = new double[TableSize];
        var mean = new double[TableSize];
        var slope = new double[TableSize];
        for (int i = 0; i < TableSize; i++)
        {
            if (i > 0) k[i] = SolveFromZero(limit * i / TableSize, shape, terms, sigma);
            (mean[i], slope[i]) = MeanAndSlope(k[i], terms, sigma);
        }
        return new ScaleTable { Limit = limit, Terms = terms, K = k, Mean = mean, Slope = slope };
    }

    /// <summary>
    /// The k with F(k) = <paramref name="capacityFactor"/> by the same Newton steps, started from
    /// <paramref name="table"/>'s k at the largest of its capacity factors not above this one (F there
    /// is at most a step below), its next k the bracket's top: the first step from the table's F and
    /// F', then 1-3 evaluations of F instead of 6-10, for a capacity factor drawn in every sample.
    /// </summary>
    public static double Solve(double capacityFactor, double[,] shape, double sigma, ScaleTable table)
    {
        double limit = table.Limit;
        if (!(capacityFactor > 0 && capacityFactor < limit))
            throw new ArgumentOutOfRangeException(nameof(capacityFactor), capacityFactor, $"a capacity factor must lie in (0, {limit:0.####}), the share of the year's hours with output");
        int i = Math.Min(TableSize - 1, (int)(capacityFactor / limit * TableSize));
        while (i > 0 && limit * i / TableSize > capacityFactor) i--;
        double lo = table.K[i], hi;
        if (i + 1 < TableSize) hi = table.K[i + 1];
        else
        {
            hi = Math.Max(1, 2 * lo);
            bool moved = false;
            while (Mean(hi, shape, sigma) <= capacityFactor) { (lo, hi) = (hi, hi * 2); moved = true; }
            if (moved) return Newton(capacityFactor, table.Terms, sigma, lo, hi);
        }
        return Newton(capacityFactor, table.Terms, sigma, lo, hi, (table.Mean[i], table.Slope[i]));
    }

    /// <summary>
    /// Newton's method for F(k) = <paramref name="capacityFactor"/> from k = <paramref name="lo"/> (F(lo)
    /// at most a step above it) inside the bracket [lo, hi], F(hi) above it; <paramref name="atLo"/>,
    /// when given, is F and F' at lo (the bits MeanAndSlope gives there).
    /// </summary>
    private static double Newton(double capacityFactor, ShapeTerms terms, double sigma, double lo, double hi, (double Mean, double Slope)? atLo = null)
    {
        double k = lo;
        for (int step = 0; step < 200; step++)
        {
            var (mean, slope) = step == 0 && atLo is { } known ? known : MeanAndSlope(k, terms, sigma);
            double gap = capacityFactor - mean;
            if (gap <= 0) return k;
            double next;
            if (slope > 0)
            {
                next = k + gap / slope;
                // A step below the last bit: k is the root as far as doubles go.
                if (next <= k) return k;
                if (next >= hi) next = (k + hi) / 2;
            }
            else next = (k + hi) / 2;
            if (next <= k) return k;
            k = next;
        }
        return k;
    }

    /// <summary>The standard normal CDF.</summary>
    private static double Phi(double z) => 0.5 * SpecialFunctions.Erfc(-z / Math.Sqrt(2));
}
