using System.Numerics;
using CapacitySim.Core.Engine.Parameters;

namespace CapacitySim.Core.Engine.Fast;

/// <summary>A site's draws over one lane vector, as the month loop uses them.</summary>
internal struct SiteVectors
{
    public Vector<double> CapexUsdPerItMw;
    public Vector<double> DesignPue;
    public Vector<double> InverseDesignPue;
    public Vector<double> LoadFactor;
    public Vector<double> Pue;
    public Vector<double> Mfu;
    public Vector<double> WueLitresPerKwh;
    public Vector<double> GridPriceUsdPerMwh;
    /// <summary>Grid intensity in tCO2 per MWh (gCO2/kWh = kgCO2/MWh, / 1000).</summary>
    public Vector<double> GridTco2PerMwh;

    public static SiteVectors Of(DrawnSite site, int j)
    {
        var design = site.DesignPue.At(j);
        return new SiteVectors
        {
            CapexUsdPerItMw = site.CapexUsdPerItMw.At(j),
            DesignPue = design,
            InverseDesignPue = Vector<double>.One / design,
            LoadFactor = site.LoadFactor.At(j),
            Pue = site.Pue.At(j),
            Mfu = site.Mfu.At(j),
            WueLitresPerKwh = site.WueLitresPerKwh.At(j),
            GridPriceUsdPerMwh = site.GridPriceUsdPerMwh.At(j),
            GridTco2PerMwh = site.GridGCo2PerKwh.At(j) / new Vector<double>(1000),
        };
    }
}

/// <summary>A supply source's draws over one lane vector: MW, price, and intensity in tCO2 per MWh.</summary>
internal struct SupplyVectors
{
    public Vector<double> Mw;
    public Vector<double> PriceUsdPerMwh;
    public Vector<double> Tco2PerMwh;

    public static SupplyVectors Of(in DrawnSupply source, int j) => new()
    {
        Mw = source.Mw.At(j),
        PriceUsdPerMwh = source.PriceUsdPerMwh.At(j),
        Tco2PerMwh = source.GCo2PerKwh.At(j) / new Vector<double>(1000),
    };
}
