using CapacitySim.Core.Sweeps;

namespace CapacitySim.Tests.Core.Sweeps;

public class SweepDesignTests
{
    [Test]
    public void GridPointsRunLikeNestedLoopsInFileOrder()
    {
        var grid = SweepDesign.Grid([4, 3, 3]);
        Assert.That(grid.Points, Is.EqualTo(36));
        // point 17 = 1 x (3 x 3) + 2 x 3 + 2: second value of the first axis, third of the others.
        Assert.That(grid.IndicesOf(17), Is.EqualTo(new[] { 1, 2, 2 }));
        Assert.That(grid.PointOf([1, 2, 2]), Is.EqualTo(17));
        Assert.That(grid.MiddleIndex(0), Is.EqualTo(1), "4 values: the lower middle");
        Assert.That(grid.MiddleIndex(1), Is.EqualTo(1));
    }

    [Test]
    public void ShardsTakeEveryNthPointAndTogetherAllOfThem()
    {
        var grid = SweepDesign.Grid([4, 3, 3]);
        Assert.That(grid.PointsOfShard(3, 8), Is.EqualTo(new[] { 3, 11, 19, 27, 35 }));
        var all = Enumerable.Range(0, 64).SelectMany(s => grid.PointsOfShard(s, 64)).Order();
        Assert.That(all, Is.EqualTo(Enumerable.Range(0, 36)));
    }

    [Test]
    public void LatinHypercubePutsOnePointInEachStratumOfEveryAxis()
    {
        var values = LatinHypercube.Design(10, [(0, 1), (100, 200)], seed: 42);
        for (int a = 0; a < 2; a++)
        {
            var (low, high) = a == 0 ? (0.0, 1.0) : (100.0, 200.0);
            // Stratum of a value: floor((v - low) / (high - low) x 10); ten points, ten strata, each once.
            var strata = values.Select(p => (int)Math.Floor((p[a] - low) / (high - low) * 10)).Order();
            Assert.That(strata, Is.EqualTo(Enumerable.Range(0, 10)), $"axis {a}");
        }
        Assert.That(LatinHypercube.Design(10, [(0, 1), (100, 200)], seed: 42), Is.EqualTo(values), "the seed alone fixes the design");
        Assert.That(LatinHypercube.Design(10, [(0, 1), (100, 200)], seed: 43), Is.Not.EqualTo(values));
    }
}
