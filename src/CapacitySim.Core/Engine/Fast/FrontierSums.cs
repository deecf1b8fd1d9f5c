using System.Numerics;
using System.Runtime.CompilerServices;
using CapacitySim.Core.Engine.Parameters;

namespace CapacitySim.Core.Engine.Fast;

/// <summary>
/// The total-only metrics of a chunk. Each cluster sums its sites' training accelerators and
/// effective FLOP/s (training_share of the powered ones); each site in no cluster is a candidate
/// of its own, and the best of those is kept as sites come (the larger useful FLOP/s of the run size
/// that trains most, the first in file order on ties). The frontier run is then the best candidate, clusters first; the researcher
/// metrics follow from the totals once they are in the result.
/// </summary>
internal sealed class FrontierSums
{
    private const int Lanes = Accumulators.Lanes;

    private readonly ScenarioLayout _layout;
    private readonly SimulationResult _result;
    private readonly double[][] _clusterAccelerators;
    private readonly double[][] _clusterFlops;
    /// <summary>Of the lone sites so far, per month and lane: the best E x G, its goodput, accelerators and site index.</summary>
    private readonly double[] _loneValue, _loneGoodput, _loneAccelerators, _loneSite;
    private Lane _mtbfLane, _checkpointLane, _restartLane;
    /// <summary>Per lane, the run size that trains most (<see cref="Formulas.FrontierRunSize"/> with no cap): no run is larger.</summary>
    private readonly double[] _runSizeCap = new double[Lanes];

    public FrontierSums(ScenarioLayout layout, SimulationResult result)
    {
        _layout = layout;
        _result = result;
        int size = layout.Months * Lanes;
        _clusterAccelerators = [.. layout.Scenario.Clusters.Select(_ => new double[size])];
        _clusterFlops = [.. layout.Scenario.Clusters.Select(_ => new double[size])];
        _loneValue = new double[size];
        _loneGoodput = new double[size];
        _loneAccelerators = new double[size];
        _loneSite = new double[size];
    }

    /// <summary>Clears the sums for a chunk with these training draws (lone sites are scored as they come).</summary>
    public void Start(in DrawnRun run)
    {
        foreach (var sums in _clusterAccelerators) Array.Clear(sums);
        foreach (var sums in _clusterFlops) Array.Clear(sums);
        Array.Fill(_loneValue, double.NegativeInfinity);
        Array.Fill(_loneSite, double.PositiveInfinity);
        (_mtbfLane, _checkpointLane, _restartLane) = (run.AcceleratorMtbfHours, run.CheckpointMinutes, run.RestartMinutes);
        for (int j = 0; j < Lanes; j++)
            _runSizeCap[j] = Formulas.FrontierRunSize(double.PositiveInfinity, _mtbfLane[j], _checkpointLane[j], _restartLane[j]);
    }

    /// <summary>Adds site <paramref name="s"/>'s training accelerators and effective FLOP/s of month t, lanes j .. j + W - 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddSite(int s, int t, int j, Vector<double> accelerators, Vector<double> effectiveFlops)
    {
        int at = t * Lanes + j;
        var clusters = _layout.ClustersOfSite[s];
        foreach (int cluster in clusters)
        {
            (new Vector<double>(_clusterAccelerators[cluster], at) + accelerators).CopyTo(_clusterAccelerators[cluster], at);
            (new Vector<double>(_clusterFlops[cluster], at) + effectiveFlops).CopyTo(_clusterFlops[cluster], at);
        }
        if (clusters.Length > 0) return;
        // (E / A) a G(a) is at most E: a site whose FLOP/s is below the best value so far in every lane cannot win.
        var best = new Vector<double>(_loneValue, at);
        if (Vector.LessThanAll(effectiveFlops, best)) return;
        // As Formulas.FrontierRun, lane by lane and in the same order of operations.
        var size = Vector.Min(accelerators, new Vector<double>(_runSizeCap, j));
        var goodput = Goodput(size, _mtbfLane.At(j), _checkpointLane.At(j), _restartLane.At(j));
        var value = Vector.ConditionalSelect(Vector.GreaterThan(accelerators, Vector<double>.Zero),
            effectiveFlops / accelerators * size * goodput, Vector<double>.Zero);
        var site = new Vector<double>(s);
        var take = Vector.GreaterThan(value, best) | (Vector.Equals(value, best) & Vector.LessThan(site, new Vector<double>(_loneSite, at)));
        Vector.ConditionalSelect(take, value, best).CopyTo(_loneValue, at);
        Vector.ConditionalSelect(take, goodput, new Vector<double>(_loneGoodput, at)).CopyTo(_loneGoodput, at);
        Vector.ConditionalSelect(take, size, new Vector<double>(_loneAccelerators, at)).CopyTo(_loneAccelerators, at);
        Vector.ConditionalSelect(take, site, new Vector<double>(_loneSite, at)).CopyTo(_loneSite, at);
    }

    /// <summary>Goodput per lane, as <see cref="Formulas.Goodput"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> Goodput(Vector<double> accelerators, Vector<double> mtbfHours, Vector<double> checkpointMinutes, Vector<double> restartMinutes)
    {
        var zero = Vector<double>.Zero;
        var sixty = new Vector<double>(60);
        var m = mtbfHours / accelerators;
        var g = Vector.Max(zero, Vector<double>.One - Vector.SquareRoot(new Vector<double>(2) * (checkpointMinutes / sixty) / m) - restartMinutes / sixty / m);
        g = Vector.ConditionalSelect(Vector.Equals(mtbfHours, zero), zero, g);
        return Vector.ConditionalSelect(Vector.Equals(accelerators, zero), Vector<double>.One, g);
    }

    /// <summary>The frontier run and the researcher metrics of the chunk's samples, from the sums and the totals.</summary>
    public void Finish(int first, int count, in DrawnRun run, Lane[]? researcherCounts)
    {
        int samples = _result.Samples;
        var series = _result.Series[_result.TotalScope];
        var counts = new double[researcherCounts?.Length ?? 0];
        for (int t = 0; t < _layout.Months; t++)
        {
            for (int j = 0; j < count; j++)
            {
                int at = t * samples + first + j;
                int lane = t * Lanes + j;
                double bestValue = double.NegativeInfinity, bestGoodput = 1, bestAccelerators = 0;
                for (int c = 0; c < _clusterFlops.Length; c++)
                {
                    var (value, g, size) = Formulas.FrontierRun(_clusterAccelerators[c][lane], _clusterFlops[c][lane],
                        run.AcceleratorMtbfHours[j], run.CheckpointMinutes[j], run.RestartMinutes[j]);
                    if (value > bestValue) (bestValue, bestGoodput, bestAccelerators) = (value, g, size);
                }
                if (_loneValue[lane] > bestValue) (bestValue, bestGoodput, bestAccelerators) = (_loneValue[lane], _loneGoodput[lane], _loneAccelerators[lane]);
                series[(int)Metric.FrontierRunFlop]![at] = Math.Max(0, bestValue) * run.TrainingDays[j] * Formulas.SecondsPerDay;
                series[(int)Metric.FrontierRunGoodput]![at] = bestGoodput;
                series[(int)Metric.FrontierRunAccelerators]![at] = bestAccelerators;
                if (researcherCounts is null) continue;
                for (int r = 0; r < counts.Length; r++) counts[r] = researcherCounts[r][j];
                double people = Formulas.Researchers(_layout.ResearcherPositions!, counts, t);
                double share = run.ResearchShare[j];
                series[(int)Metric.Researchers]![at] = people;
                series[(int)Metric.H100ePerResearcher]![at] = people > 0 ? share * series[(int)Metric.H100e]![at] / people : 0;
                series[(int)Metric.PflopsPerResearcher]![at] = people > 0 ? share * series[(int)Metric.EffectiveFlops]![at] / 1e15 / people : 0;
            }
        }
    }
}
