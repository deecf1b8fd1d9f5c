using System.Numerics;
using System.Runtime.CompilerServices;
using CapacitySim.Core.Engine.Parameters;

namespace CapacitySim.Core.Engine.Fast;

/// <summary>
/// The total-only metrics of a chunk: each cluster sums its sites' effective FLOP/s, a site in no
/// cluster stands alone; the frontier run is the largest, and the researcher metrics follow from
/// the totals once they are in the result.
/// </summary>
internal sealed class FrontierSums
{
    private const int Lanes = Accumulators.Lanes;

    private readonly ScenarioLayout _layout;
    private readonly SimulationResult _result;
    private readonly double[][] _clusterSums;
    private readonly double[] _loneMax;

    public FrontierSums(ScenarioLayout layout, SimulationResult result)
    {
        _layout = layout;
        _result = result;
        _clusterSums = [.. layout.Scenario.Clusters.Select(_ => new double[layout.Months * Lanes])];
        _loneMax = new double[layout.Months * Lanes];
    }

    public void Clear()
    {
        foreach (var sums in _clusterSums) Array.Clear(sums);
        Array.Clear(_loneMax);
    }

    /// <summary>Adds site <paramref name="s"/>'s effective FLOP/s of month t, lanes j .. j + W - 1, to its clusters (or its own candidacy).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddSite(int s, int t, int j, Vector<double> effectiveFlops)
    {
        int at = t * Lanes + j;
        var clusters = _layout.ClustersOfSite[s];
        foreach (int cluster in clusters)
            (new Vector<double>(_clusterSums[cluster], at) + effectiveFlops).CopyTo(_clusterSums[cluster], at);
        if (clusters.Length == 0)
            Vector.Max(new Vector<double>(_loneMax, at), effectiveFlops).CopyTo(_loneMax, at);
    }

    /// <summary>Frontier run FLOP and the researcher metrics of the chunk's samples, from the totals.</summary>
    public void Finish(int first, int count, Lane[]? researcherCounts)
    {
        int samples = _result.Samples;
        var series = _result.Series[_result.TotalScope];
        double seconds = _layout.Scenario.TrainingDays * Formulas.SecondsPerDay;
        var counts = new double[researcherCounts?.Length ?? 0];
        for (int t = 0; t < _layout.Months; t++)
        {
            for (int j = 0; j < count; j++)
            {
                int at = t * samples + first + j;
                double best = _loneMax[t * Lanes + j];
                foreach (var sums in _clusterSums) best = Math.Max(best, sums[t * Lanes + j]);
                series[(int)Metric.FrontierRunFlop]![at] = best * seconds;
                if (researcherCounts is null) continue;
                for (int r = 0; r < counts.Length; r++) counts[r] = researcherCounts[r][j];
                double people = Formulas.Researchers(_layout.ResearcherPositions!, counts, t);
                series[(int)Metric.Researchers]![at] = people;
                series[(int)Metric.H100ePerResearcher]![at] = people > 0 ? series[(int)Metric.H100e]![at] / people : 0;
                series[(int)Metric.PflopsPerResearcher]![at] = people > 0 ? series[(int)Metric.EffectiveFlops]![at] / 1e15 / people : 0;
            }
        }
    }
}
