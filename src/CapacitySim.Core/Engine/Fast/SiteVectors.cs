using System.Numerics;
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

    public static SupplyVectors Of(in DrawnSupply source, int j)
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
        };
        if (source.HasFrom)
        {
            // Spread evenly over the build months before pos(from), or all in pos(from) when there are none.
            var usd = source.CapexUsdPerMw.At(j) * mw;
            var months = source.BuildMonths.At(j);
            var from = new Vector<double>(source.FromPosition);
            var none = Vector.Equals(months, Vector<double>.Zero);
            v.CapexUsdPerMonth = Vector.ConditionalSelect(none, usd, usd / months);
            v.CapexFrom = Vector.ConditionalSelect(none, from, from - months);
            v.CapexTo = Vector.ConditionalSelect(none, from, from - Vector<double>.One);
        }
        return v;
    }
}
