namespace CapacitySim.Core.Model;

/// <summary>A calendar month (YYYY-MM); months are the model's unit of time.</summary>
public readonly record struct YearMonth(int Year, int Month) : IComparable<YearMonth>
{
    /// <summary>Months since year 0, month 1: a total order on calendar months.</summary>
    public int Ordinal => Year * 12 + (Month - 1);

    /// <summary>pos(this) relative to <paramref name="start"/>: (Y - Y0) * 12 + (M - M0).</summary>
    public int PositionFrom(YearMonth start) => Ordinal - start.Ordinal;

    /// <summary>The month <paramref name="months"/> after this one.</summary>
    public YearMonth AddMonths(int months) => FromOrdinal(Ordinal + months);

    /// <summary>The month with that <see cref="Ordinal"/> (ordinals of years 1 and later are positive).</summary>
    public static YearMonth FromOrdinal(int ordinal) => new(ordinal / 12, ordinal % 12 + 1);

    /// <summary>Days in this calendar month, leap years counted.</summary>
    public int Days => DateTime.DaysInMonth(Year, Month);

    /// <summary>Hours in this calendar month: days * 24, leap years counted.</summary>
    public double Hours => DateTime.DaysInMonth(Year, Month) * 24.0;

    public int CompareTo(YearMonth other) => Ordinal.CompareTo(other.Ordinal);

    public override string ToString() => $"{Year:D4}-{Month:D2}";

    public static bool TryParse(string text, out YearMonth value)
    {
        value = default;
        if (text.Length != 7 || text[4] != '-') return false;
        if (!int.TryParse(text.AsSpan(0, 4), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int y)) return false;
        if (!int.TryParse(text.AsSpan(5, 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int m)) return false;
        if (y < 1 || m < 1 || m > 12) return false;
        value = new YearMonth(y, m);
        return true;
    }
}
