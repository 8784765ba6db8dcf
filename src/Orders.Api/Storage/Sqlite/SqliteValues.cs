using System.Globalization;

namespace Orders.Api.Storage.Sqlite;

/// <summary>
/// How ids and times are written as SQLite text. Fixed-width UTC text keeps text order equal to
/// time order, which the newest-first index and the keyset comparison rely on.
/// </summary>
internal static class SqliteValues
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    public static string Id(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);

    public static Guid ParseId(string text) => Guid.ParseExact(text, "D");

    public static string Time(DateTime utc) => utc.ToUniversalTime().ToString(TimeFormat, CultureInfo.InvariantCulture);

    public static DateTime ParseTime(string text) =>
        DateTime.ParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
