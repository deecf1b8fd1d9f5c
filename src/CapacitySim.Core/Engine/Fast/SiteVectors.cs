using System.Numerics;
using System.Runtime.CompilerServices;
using CapacitySim.Core.Engine.Parameters;

namespace CapacitySim.Core.Engine.Fast;

/// <summary>A site's draws over one lane vector, as the month loop uses them.</summary>
internal struct SiteVectors
{
    public Vector<double> CapexUsdPerItMw;
    /// <summary>build_months, rounded; <see cref="BuildZero"/> has all bits set where it is 0.</summary>
    public Vector<double> BuildMonths, BuildZero;
    public Vector<double> DesignPue;
    public Vector<double> LoadFactor;
    public Vector<double> Pue;
    public Vector<double> Mfu;
    public Vector<double> TrainingShare;
    public Vector<double> WueLitresPerKwh;
    public Vector<double> GridPriceUsdPerMwh;
    /// <summary>Grid intensity in tCO2 per MWh (gCO2/kWh = kgCO2/MWh, / 1000).</summary>
    public Vector<double> GridTco2PerMwh;
    /// <summary>The carbon-free share of the unlimited grid.</summary>
    public Vector<double> GridCfeShare;
    /// <summary>Embodied tCO2e per IT MW of the facility.</summary>
    public Vector<double> EmbodiedTco2PerItMw;
    /// <summary>Book lives Lm in months: facility, hardware (MODEL.md section 10).</summary>
    public Vector<double> FacilityLifeMonths, HardwareLifeMonths;
    /// <summary>Depreciation per month of a built MW's facility (capex_usd_per_it_mw / Lm) and the share of hardware cost a month (1 / Lm).</summary>
    public Vector<double> FacilityDepreciationPerMw, HardwareDepreciationRate;
    /// <summary>Cost of capital per month (wacc / 12); O&amp;M per month of a built MW's facility (om_facility_share x capex_usd_per_it_mw / 12) and of a dollar of hardware (om_hardware_share / 12).</summary>
    public Vector<double> WaccMonthly, OmFacilityPerMw, OmHardwareRate;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static SiteVectors Of(DrawnSite site, int j)
    {
        var build = site.BuildMonths.At(j);
        return new SiteVectors
        {
            CapexUsdPerItMw = site.CapexUsdPerItMw.At(j),
            BuildMonths = build,
            BuildZero = (Vector<double>)Vector.Equals(build, Vector<double>.Zero),
            DesignPue = site.DesignPue.At(j),
            LoadFactor = site.LoadFactor.At(j),
            Pue = site.Pue.At(j),
            Mfu = site.Mfu.At(j),
            TrainingShare = site.TrainingShare.At(j),
            WueLitresPerKwh = site.WueLitresPerKwh.At(j),
            GridPriceUsdPerMwh = site.GridPriceUsdPerMwh.At(j),
            GridTco2PerMwh = site.GridGCo2PerKwh.At(j) / new Vector<double>(1000),
            GridCfeShare = site.GridCfeShare.At(j),
            EmbodiedTco2PerItMw = site.EmbodiedTco2PerItMw.At(j),
            FacilityLifeMonths = site.FacilityLifeMonths.At(j),
            HardwareLifeMonths = site.HardwareLifeMonths.At(j),
            FacilityDepreciationPerMw = site.CapexUsdPerItMw.At(j) / site.FacilityLifeMonths.At(j),
            HardwareDepreciationRate = Vector<double>.One / site.HardwareLifeMonths.At(j),
            WaccMonthly = site.Wacc.At(j) / new Vector<double>(12),
            OmFacilityPerMw = site.OmFacilityShare.At(j) * site.CapexUsdPerItMw.At(j) / new Vector<double>(12),
            OmHardwareRate = site.OmHardwareShare.At(j) / new Vector<double>(12),
        };
    }
}

/// <summary>
/// A supply source's draws over one lane vector: nameplate and firm MW, the MW it averages as
/// energy (mw x capacity_factor), price and intensity, and its capex per month over the months
/// [CapexFrom, CapexTo] (none for a source built before the run).
/// </summary>
internal struct SupplyVectors
{
    public Vector<double> Mw;
    public Vector<double> FirmMw;
    public Vector<double> EnergyMw;
    public Vector<double> PriceUsdPerMwh;
    /// <summary>Intensity in tCO2 per MWh (gCO2/kWh = kgCO2/MWh, / 1000).</summary>
    public Vector<double> Tco2PerMwh;
    public Vector<double> CapexUsdPerMonth, CapexFrom, CapexTo;
    /// <summary>Embodied tCO2e per month over the capex months; depreciation per month over [From, DepreciationTo).</summary>
    public Vector<double> EmbodiedTco2PerMonth, DepreciationUsdPerMonth, DepreciationTo;
    /// <summary>
    /// The first month per lane (a source with a path draws it), and the earliest and latest of
    /// them over the vector: the month pass serves the source whole from the latest on and masks
    /// it lane by lane between.
    /// </summary>
    public Vector<double> From;
    public int FromMin, FromMax;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static SupplyVectors Of(in DrawnSupply source, int j, Vector<double> lifeMonths)
    {
        var mw = source.Mw.At(j);
        var v = new SupplyVectors
        {
            Mw = mw,
            FirmMw = mw * source.FirmFraction.At(j),
            EnergyMw = mw * source.CapacityFactor.At(j),
            PriceUsdPerMwh = source.PriceUsdPerMwh.At(j),
            Tco2PerMwh = source.GCo2PerKwh.At(j) / new Vector<double>(1000),
            CapexFrom = new Vector<double>(double.PositiveInfinity),
            CapexTo = new Vector<double>(double.NegativeInfinity),
            From = source.HasPath ? source.PathFrom.At(j) : new Vector<double>(source.FromPosition),
            FromMin = source.FromPosition,
            FromMax = source.FromPosition,
        };
        if (source.HasPath)
        {
            // First months are whole numbers of a few thousand at most (a run is at most 1200 months).
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            for (int l = 0; l < Vector<double>.Count; l++)
            {
                min = Math.Min(min, v.From[l]);
                max = Math.Max(max, v.From[l]);
            }
            v.FromMin = (int)Math.Clamp(min, int.MinValue, int.MaxValue);
            v.FromMax = (int)Math.Clamp(max, int.MinValue, int.MaxValue);
        }
        if (source.HasFrom)
        {
            // Spread evenly over the build months before pos(from), or all in pos(from) when there are none.
            var usd = source.CapexUsdPerMw.At(j) * mw;
            var months = source.BuildMonths.At(j);
            var from = v.From;
            var none = Vector.Equals(months, Vector<double>.Zero);
            v.CapexUsdPerMonth = Vector.ConditionalSelect(none, usd, usd / months);
            var tonnes = source.EmbodiedTco2PerMw.At(j) * mw;
            v.EmbodiedTco2PerMonth = Vector.ConditionalSelect(none, tonnes, tonnes / months);
            v.DepreciationUsdPerMonth = usd / lifeMonths;
            v.DepreciationTo = from + lifeMonths;
            v.CapexFrom = Vector.ConditionalSelect(none, from, from - months);
            v.CapexTo = Vector.ConditionalSelect(none, from, from - Vector<double>.One);
        }
        return v;
    }

    /// <summary>The source's firm, nameplate and energy MW where it serves month <paramref name="t"/> lane by lane (its first month per lane at or before t), 0 elsewhere.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public readonly SupplyVectors ServingFrom(Vector<double> t)
    {
        var serving = Vector.LessThanOrEqual(From, t);
        var masked = this;
        masked.Mw = Vector.ConditionalSelect(serving, Mw, Vector<double>.Zero);
        masked.FirmMw = Vector.ConditionalSelect(serving, FirmMw, Vector<double>.Zero);
        masked.EnergyMw = Vector.ConditionalSelect(serving, EnergyMw, Vector<double>.Zero);
        return masked;
    }

}
