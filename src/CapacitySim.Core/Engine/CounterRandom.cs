using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CapacitySim.Core.Engine;

/// <summary>
/// A counter-based random stream: the state is derived only from (seed, sample, parameter key),
/// so a sample's draws do not depend on thread count, sample order or how many samples run.
/// It derives from <see cref="Random"/> so MathNet's samplers can draw from it; SplitMix64 mixes.
/// </summary>
public sealed class CounterRandom : Random
{
    private ulong _state;

    /// <summary>SplitMix64's increment, also what the seed is mixed with.</summary>
    public const ulong Golden = 0x9E3779B97F4A7C15UL;

    /// <summary>What the sample index is offset by before it is mixed.</summary>
    public const ulong SampleOffset = 0x632BE59BD9B4E019UL;

    /// <summary>Positions the stream at (seed, sample, key).</summary>
    public void Reset(ulong seed, int sample, ulong key)
    {
        _state = Mix(SampleState(seed, sample) ^ key);
    }

    /// <summary>What every stream of (seed, <paramref name="sample"/>) is positioned from: the state is Mix(this ^ key).</summary>
    public static ulong SampleState(ulong seed, int sample) => Mix(seed ^ Golden) ^ Mix((ulong)(uint)sample + SampleOffset);

    /// <summary>
    /// The first uniform of the stream at (<paramref name="sampleState"/>, <paramref name="key"/>): the
    /// bits of <see cref="Reset"/> then <see cref="NextDouble"/>, without a stream (for draws by the million).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double FirstUniform(ulong sampleState, ulong key) => ((Mix(Mix(sampleState ^ key) + Golden) >> 11) + 0.5) * (1.0 / (1UL << 53));

    /// <summary><see cref="Mix(ulong)"/> on four values at once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Mix(Vector256<ulong> z)
    {
        z = (z ^ (z >>> 30)) * Vector256.Create(0xBF58476D1CE4E5B9UL);
        z = (z ^ (z >>> 27)) * Vector256.Create(0x94D049BB133111EBUL);
        return z ^ (z >>> 31);
    }

    /// <summary>The first uniform of four streams positioned at <paramref name="state"/>, as <see cref="NextDouble"/> gives it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> FirstUniform(Vector256<ulong> state)
    {
        var top = (Mix(state + Vector256.Create(Golden)) >>> 11).AsInt64();
        return (Vector256.ConvertToDouble(top) + Vector256.Create(0.5)) * Vector256.Create(1.0 / (1UL << 53));
    }

    /// <summary>SplitMix64's finaliser: a bijective 64-bit mix.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private ulong NextUInt64()
    {
        _state += Golden;
        return Mix(_state);
    }

    /// <summary>Uniform on the open interval (0, 1), 53 bits.</summary>
    protected override double Sample() => ((NextUInt64() >> 11) + 0.5) * (1.0 / (1UL << 53));

    public override double NextDouble() => Sample();

    public override int Next() => (int)(NextUInt64() >> 33);

    public override int Next(int maxValue) => (int)(Sample() * maxValue);

    public override int Next(int minValue, int maxValue) => minValue + (int)(Sample() * ((long)maxValue - minValue));

    public override void NextBytes(Span<byte> buffer)
    {
        for (int i = 0; i < buffer.Length; i++) buffer[i] = (byte)NextUInt64();
    }

    public override void NextBytes(byte[] buffer) => NextBytes(buffer.AsSpan());

    /// <summary>Stable 64-bit FNV-1a hash of a parameter path, used as its key.</summary>
    public static ulong KeyOf(string path)
    {
        ulong h = 14695981039346656037UL;
        foreach (char c in path)
        {
            h ^= c;
            h *= 1099511628211UL;
        }
        return Mix(h);
    }
}
