namespace CapacitySim.Core.Model;

/// <summary>A point of a trajectory: the value (u) at a month.</summary>
public sealed record TrajectoryPoint(YearMonth Month, Uncertain Value);

/// <summary>
/// A number that changes over time (MODEL.md section 10): {month, value} points, sorted by month,
/// linear between them at their positions and flat outside, as researchers are.
/// </summary>
public sealed record Trajectory(IReadOnlyList<TrajectoryPoint> Points);
