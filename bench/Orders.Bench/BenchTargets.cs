using System.Globalization;
using Orders.Api.Model;
using Orders.Api.Storage;

namespace Orders.Bench;

/// <summary>
/// The orders the cancel and change scenarios spend: "tx-1" … "tx-N", bulk-loaded by
/// bench/sql/seed.sql as BenchOrder's order at version 1, each with an id made from its number, so
/// that wrk (bench/wrk/common.lua) and the raw path know every order's ETag without reading it first.
/// A request cancels or changes one of them once; bench/sql/reset-targets.sql puts them back between runs.
/// </summary>
public static class BenchTargets
{
    /// <summary>The reason every benchmark cancel sends (bench/wrk/cancel.lua).</summary>
    public const string Reason = "changed my mind";

    /// <summary>The line1 every benchmark change sets (bench/wrk/change.lua): "typed the wrong street".</summary>
    public const string NewLine1 = "2 Bench Street";

    public static string Reference(int number) => string.Create(CultureInfo.InvariantCulture, $"tx-{number}");

    /// <summary>The id seed.sql gives order number <paramref name="number"/>: "beac0000" and the number in hex.</summary>
    public static Guid Id(int number) => Guid.ParseExact(string.Create(CultureInfo.InvariantCulture, $"beac0000{number:x24}"), "N");

    /// <summary>What the API reads from change.lua's body, {"shippingAddress":{"line1":…}}: one address member.</summary>
    public static OrderPatch Patch { get; } = new(
        default, default, false, new Patched<string?>(true, NewLine1), default, default, default, default);

    /// <summary>The version a fresh target is at: the one its If-Match names.</summary>
    public static OrderVersion FreshVersion(int number) => new(Id(number), Order.FirstVersion);
}
