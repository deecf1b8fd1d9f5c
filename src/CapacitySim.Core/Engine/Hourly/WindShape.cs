namespace CapacitySim.Core.Engine.Hourly;

/// <summary>
/// The shape of wind output over the hours of a day in each month (MODEL.md section 8): a 12 x 24
/// table of mean 1, hours in local clock time. Source (docs/sources.md, "Hourly dispatch"): the
/// hourly onshore wind capacity factors of Connecticut and Maine in GenX's example system
/// (GenXProject/GenX.jl, example_systems/1_three_zones/system/Generators_variability.csv, commit
/// 794d3914), each averaged by month and hour and divided by its yearly mean, then the two averaged
/// and rounded to three decimals; New England wind (winter-peaking, night-leaning), an estimate to
/// replace with a regional table where one is published.
/// </summary>
public static class WindShape
{
    /// <summary>The table as published, [month, hour], January first.</summary>
    private static readonly double[,] Table =
    {
        { 1.580, 1.556, 1.526, 1.527, 1.448, 1.412, 1.348, 1.221, 1.278, 1.180, 1.192, 1.112, 1.116, 1.160, 1.238, 1.297, 1.393, 1.543, 1.615, 1.475, 1.564, 1.603, 1.615, 1.605 }, // Jan
        { 1.396, 1.412, 1.405, 1.394, 1.340, 1.299, 1.296, 1.152, 1.133, 1.126, 1.163, 1.217, 1.291, 1.325, 1.440, 1.502, 1.544, 1.561, 1.575, 1.398, 1.377, 1.371, 1.393, 1.288 }, // Feb
        { 1.479, 1.513, 1.464, 1.452, 1.409, 1.397, 1.325, 1.206, 1.169, 1.032, 1.009, 0.968, 0.868, 0.865, 0.880, 0.934, 1.030, 1.066, 1.121, 1.203, 1.215, 1.310, 1.301, 1.384 }, // Mar
        { 1.464, 1.531, 1.464, 1.432, 1.450, 1.378, 1.200, 1.004, 0.967, 1.060, 1.130, 1.243, 1.344, 1.436, 1.511, 1.566, 1.601, 1.531, 1.442, 1.290, 1.475, 1.502, 1.426, 1.491 }, // Apr
        { 0.945, 0.937, 0.936, 0.921, 0.877, 0.865, 0.715, 0.560, 0.516, 0.514, 0.528, 0.582, 0.647, 0.729, 0.848, 0.918, 0.907, 0.886, 0.862, 0.832, 0.901, 0.955, 0.919, 0.961 }, // May
        { 1.038, 1.067, 1.112, 1.071, 0.982, 0.931, 0.692, 0.564, 0.601, 0.663, 0.674, 0.712, 0.748, 0.731, 0.784, 0.850, 0.856, 0.847, 0.789, 0.743, 0.857, 0.912, 0.929, 0.999 }, // Jun
        { 1.069, 1.135, 1.106, 1.044, 0.970, 0.867, 0.538, 0.322, 0.254, 0.291, 0.367, 0.464, 0.519, 0.567, 0.691, 0.692, 0.707, 0.711, 0.625, 0.635, 0.789, 0.886, 0.912, 0.951 }, // Jul
        { 0.905, 0.873, 0.865, 0.798, 0.755, 0.685, 0.574, 0.381, 0.256, 0.255, 0.329, 0.411, 0.467, 0.545, 0.621, 0.731, 0.833, 0.760, 0.726, 0.790, 0.890, 0.867, 0.836, 0.916 }, // Aug
        { 1.120, 1.130, 1.086, 1.068, 1.057, 1.019, 0.943, 0.809, 0.716, 0.692, 0.734, 0.727, 0.764, 0.800, 0.789, 0.832, 0.854, 0.759, 0.817, 0.890, 1.086, 1.159, 1.116, 1.177 }, // Sep
        { 1.260, 1.261, 1.269, 1.249, 1.197, 1.170, 1.055, 1.055, 0.997, 0.981, 1.008, 0.985, 0.965, 1.005, 1.028, 1.044, 0.985, 0.935, 1.007, 1.061, 1.113, 1.099, 1.125, 1.207 }, // Oct
        { 0.507, 0.489, 0.497, 0.513, 0.516, 0.520, 0.491, 0.416, 0.455, 0.575, 0.669, 0.706, 0.740, 0.702, 0.745, 0.704, 0.575, 0.478, 0.530, 0.567, 0.513, 0.514, 0.502, 0.498 }, // Nov
        { 1.173, 1.196, 1.262, 1.257, 1.285, 1.291, 1.228, 1.073, 1.141, 1.140, 1.031, 1.055, 1.015, 0.962, 0.934, 0.975, 1.080, 1.144, 1.100, 0.969, 1.071, 1.078, 1.117, 1.232 }, // Dec
    };

    /// <summary>The table divided by its day-weighted yearly mean, so that the mean is 1 to the last bit the rounding left.</summary>
    public static readonly double[,] Shape = Normalised();

    private static double[,] Normalised()
    {
        double mean = 0;
        for (int m = 0; m < 12; m++)
            for (int h = 0; h < 24; h++)
                mean += Table[m, h] * SolarShape.DaysInMonth[m] / (365.0 * 24);
        var shape = new double[12, 24];
        for (int m = 0; m < 12; m++)
            for (int h = 0; h < 24; h++)
                shape[m, h] = Table[m, h] / mean;
        return shape;
    }
}
