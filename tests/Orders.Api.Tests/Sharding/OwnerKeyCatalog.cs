using Dapper;
using Npgsql;

namespace Orders.Api.Tests.Sharding;

/// <summary>
/// Reads PostgreSQL's catalog for keys a table sharded by owner could not keep: a primary key,
/// unique constraint or unique index without owner_id, or a foreign key that does not match
/// owner_id to owner_id (Citus refuses each of them on a distributed table).
/// </summary>
internal static class OwnerKeyCatalog
{
    public sealed record Key(string Table, string Name, string Kind, bool HasOwner);

    /// <summary>Every such key of the current schema's tables, except DbUp's own journal.</summary>
    public static async Task<IReadOnlyList<Key>> KeysAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        return (await connection.QueryAsync<Key>(
            """
            SELECT t.relname AS "Table", i.relname AS "Name", 'unique index' AS "Kind",
                   EXISTS (SELECT 1 FROM unnest(x.indkey::int2[]) AS k (attnum)
                           JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum
                           WHERE a.attname = 'owner_id') AS "HasOwner"
            FROM pg_index x
            JOIN pg_class t ON t.oid = x.indrelid
            JOIN pg_class i ON i.oid = x.indexrelid
            WHERE x.indisunique AND t.relnamespace = current_schema()::regnamespace AND t.relname <> 'schemaversions'
            UNION ALL
            SELECT t.relname, c.conname, 'foreign key',
                   EXISTS (SELECT 1 FROM unnest(c.conkey, c.confkey) AS k (attnum, fattnum)
                           JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
                           JOIN pg_attribute f ON f.attrelid = c.confrelid AND f.attnum = k.fattnum
                           WHERE a.attname = 'owner_id' AND f.attname = 'owner_id')
            FROM pg_constraint c
            JOIN pg_class t ON t.oid = c.conrelid
            WHERE c.contype = 'f' AND t.relnamespace = current_schema()::regnamespace
            ORDER BY 1, 2
            """)).ToList();
    }
}
