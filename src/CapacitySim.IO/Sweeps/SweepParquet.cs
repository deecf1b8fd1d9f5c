using CapacitySim.Core.Engine;
using CapacitySim.Core.Sweeps;
using Parquet;
using Parquet.Schema;

namespace CapacitySim.IO.Sweeps;

/// <summary>
/// sweep.parquet: the columns and rows of sweep.csv in one row group, for pandas, polars and
/// DuckDB: point as int32, metric, unit and month as strings, everything else as double.
/// </summary>
public static class SweepParquet
{
    public static void Write(SweepResults results, string path)
    {
        var header = SweepCsv.Header(results);
        int axes = results.AxisNames.Count;
        var point = new DataField<int>("point");
        var axisFields = results.AxisNames.Select(n => new DataField<double>(n)).ToArray();
        var metric = new DataField<string>("metric");
        var unit = new DataField<string>("unit");
        var month = new DataField<string>("month");
        var mean = new DataField<double>("mean");
        var percentileFields = header.Skip(axes + 5).Select(n => new DataField<double>(n)).ToArray();
        var schema = new ParquetSchema([point, .. axisFields, metric, unit, month, mean, .. percentileFields]);

        var rows = results.Rows;
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        WriteAsync().GetAwaiter().GetResult();

        async Task WriteAsync()
        {
            await using var writer = await ParquetWriter.CreateAsync(schema, stream);
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(point, new ReadOnlyMemory<int>(rows.Select(r => r.Point).ToArray()));
            for (int a = 0; a < axes; a++)
                await group.WriteAsync(axisFields[a], new ReadOnlyMemory<double>(rows.Select(r => results.AxisValues[r.Point][a]).ToArray()));
            await group.WriteAsync(metric, rows.Select(r => r.Metric.Info().Name).ToArray());
            await group.WriteAsync(unit, rows.Select(r => r.Metric.Info().Unit).ToArray());
            await group.WriteAsync(month, rows.Select(r => r.Month).ToArray());
            await group.WriteAsync(mean, new ReadOnlyMemory<double>(rows.Select(r => r.Mean).ToArray()));
            for (int j = 0; j < percentileFields.Length; j++)
                await group.WriteAsync(percentileFields[j], new ReadOnlyMemory<double>(rows.Select(r => r.Percentiles[j]).ToArray()));
        }
    }
}
