namespace CapacitySim.Core.Engine.Hourly;

/// <summary>
/// The clear-sky shape of solar output (MODEL.md section 8): Haurwitz's global horizontal
/// irradiance at the sun's height in each hour of a representative day of each month, at a site's
/// latitude, in local solar time, divided by its mean over a 365-day year. Both engines take their
/// solar shape from here.
/// </summary>
public static class SolarShape
{
    /// <summary>Klein's recommended day of each month (day of the year), whose declination stands for the month's mean.</summary>
    public static readonly IReadOnlyList<int> KleinDays = [17, 47, 75, 105, 135, 162, 198, 228, 258, 288, 318, 344];

    /// <summary>Days of each month in a 365-day year: the weights of the yearly mean.</summary>
    public static readonly IReadOnlyList<int> DaysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

    /// <summary>Haurwitz's constants: GHI = 1098 cosZ exp(-0.059 / cosZ) W/m2.</summary>
    public const double HaurwitzScale = 1098, HaurwitzExtinction = 0.059;

    /// <summary>Cooper's declination in degrees on day of the year <paramref name="day"/>: 23.45 sin(360 (284 + n) / 365).</summary>
    public static double DeclinationDegrees(int day) => 23.45 * Math.Sin(Radians(360.0 * (284 + day) / 365));

    /// <summary>
    /// cos of the sun's zenith angle at the middle of hour <paramref name="hour"/> (0..23, solar
    /// time): sin(phi) sin(delta) + cos(phi) cos(delta) cos(omega), omega = 15 deg x (h + 0.5 - 12).
    /// </summary>
    public static double CosZenith(double latitudeDegrees, double declinationDegrees, int hour)
    {
        double phi = Radians(latitudeDegrees), delta = Radians(declinationDegrees), omega = Radians(15.0 * (hour + 0.5 - 12));
        return Math.Sin(phi) * Math.Sin(delta) + Math.Cos(phi) * Math.Cos(delta) * Math.Cos(omega);
    }

    /// <summary>Haurwitz's clear-sky global horizontal irradiance in W/m2; 0 with the sun at or below the horizon.</summary>
    public static double Haurwitz(double cosZenith) =>
        cosZenith <= 0 ? 0 : HaurwitzScale * cosZenith * Math.Exp(-HaurwitzExtinction / cosZenith);

    /// <summary>
    /// The shape [month, hour] at <paramref name="latitudeDegrees"/>: Haurwitz's irradiance on the
    /// month's Klein day, divided by its mean over a 365-day year (each month weighted by its days),
    /// so that the yearly mean is 1.
    /// </summary>
    public static double[,] Of(double latitudeDegrees)
    {
        var shape = new double[12, 24];
        double mean = 0;
        for (int m = 0; m < 12; m++)
        {
            double declination = DeclinationDegrees(KleinDays[m]);
            for (int h = 0; h < 24; h++)
            {
                shape[m, h] = Haurwitz(CosZenith(latitudeDegrees, declination, h));
                mean += shape[m, h] * DaysInMonth[m] / (365.0 * 24);
            }
        }
        for (int m = 0; m < 12; m++)
            for (int h = 0; h < 24; h++)
                shape[m, h] /= mean;
        return shape;
    }

    private static double Radians(double degrees) => degrees * Math.PI / 180;
}
