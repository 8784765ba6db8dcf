namespace Orders.Api.Storage.SqlServer;

/// <summary>
/// Every statement the SQL Server store and its migrator send, all parameterised; every store
/// statement names the owner, as the other stores' do (the keys lead with owner_id in every dialect). Only statements
/// are const strings here: a test parses each one with ScriptDom, found by reflection.
/// </summary>
[SqlStatements]
internal static class SqlServerSql
{
    /// <summary>
    /// The whole create in one round trip (<see cref="SqlServerOrderInsert"/>): the transaction, header
    /// and lines, and on a duplicate the read of the order that holds the reference. XACT_ABORT makes
    /// any error (a unique or check violation, a deadlock, a cancel's attention) doom the transaction
    /// at once, so no failed attempt holds locks until the client gets round to it; the CATCH rolls it
    /// back and rethrows everything but the unique key's 2627/2601 with its own number (the retry
    /// decides on it). READ COMMITTED whatever the session had: a concurrent insert of the same (owner,
    /// reference) waits on the key lock until the other transaction ends; after its commit this one
    /// fails with 2627, and the read in the CATCH, a new statement after the rollback, sees that
    /// commit (with READ_COMMITTED_SNAPSHOT too: its snapshot starts after it). After its rollback the
    /// insert simply succeeds. The read leaves out this attempt's own order id: if an earlier attempt of
    /// this very unit of work committed before its connection broke, the key holds this order, and the
    /// answer is "created". NOCOUNT spares the row-count messages nobody reads. The SET options revert
    /// when the batch ends, as sp_executesql scopes them.
    /// </summary>
    public const string InsertOrder = $"""
        {CreateParts.Begin}
        {CreateParts.InsertHeaderAndLines}
        {CreateParts.CommitOrReadTheOther}
        """;

    public const string FindOrder = $"""
        SELECT {OrderColumns.Header}
        FROM dbo.orders AS o
        WHERE o.owner_id = @Owner AND o.client_reference = @ClientReference;

        SELECT {OrderColumns.Line}
        FROM dbo.order_lines AS l
        JOIN dbo.orders AS o ON o.owner_id = l.owner_id AND o.order_id = l.order_id
        WHERE o.owner_id = @Owner AND o.client_reference = @ClientReference
        ORDER BY l.line_number;
        """;

    /// <summary>A conditional GET's read: one seek on the unique key, two columns, no lines.</summary>
    public const string FindOrderVersion = $"""
        SELECT {OrderColumns.Version}
        FROM dbo.orders AS o
        WHERE o.owner_id = @Owner AND o.client_reference = @ClientReference;
        """;

    public const string ListFirstPage = $"""
        SELECT TOP (@Limit) {OrderColumns.Header}
        FROM dbo.orders AS o
        WHERE o.owner_id = @Owner
        ORDER BY o.created_at DESC, o.order_id DESC;
        """;

    /// <summary>
    /// T-SQL has no row-value comparison, so the keyset is spelled out. The redundant
    /// <c>created_at &lt;= @AfterCreatedAt</c> gives ix_orders_owner_created a seek range; the OR
    /// then only filters the rows of that one instant.
    /// </summary>
    public const string ListAfter = $"""
        SELECT TOP (@Limit) {OrderColumns.Header}
        FROM dbo.orders AS o
        WHERE o.owner_id = @Owner
          AND o.created_at <= @AfterCreatedAt
          AND (o.created_at < @AfterCreatedAt OR (o.created_at = @AfterCreatedAt AND o.order_id < @AfterOrderId))
        ORDER BY o.created_at DESC, o.order_id DESC;
        """;

    /// <summary>
    /// The lines of one page; the ids come as a TVP (T-SQL has no array parameter). With the owner,
    /// each id is one seek on the clustered key (owner_id, order_id, line_number).
    /// </summary>
    public const string LinesOfOrders = $"""
        SELECT {OrderColumns.Line}
        FROM @OrderIds AS page
        JOIN dbo.order_lines AS l ON l.owner_id = @Owner AND l.order_id = page.order_id
        ORDER BY l.order_id, l.line_number;
        """;

    /// <summary>
    /// A whole cancel in one round trip (<see cref="SqlServerOrderTransition"/>): the conditional update
    /// (<see cref="TransitionColumns"/>), then the read-back, then COMMIT. No event row: events are off
    /// (<see cref="SqlServerEventSql.CancelOrderAndEvent"/> is the batch with it).
    /// </summary>
    public const string CancelOrder = $"""
        {CreateParts.Begin}
        {TransitionParts.Cancel}
        {TransitionParts.ReadBackAndCommit}
        """;

    /// <summary>A whole change by merge patch in one round trip, as <see cref="CancelOrder"/> is.</summary>
    public const string ChangeOrder = $"""
        {CreateParts.Begin}
        {TransitionParts.Change}
        {TransitionParts.ReadBackAndCommit}
        """;

    /// <summary>A whole fulfilment in one round trip, as <see cref="CancelOrder"/> is.</summary>
    public const string FulfilOrder = $"""
        {CreateParts.Begin}
        {TransitionParts.Fulfil}
        {TransitionParts.ReadBackAndCommit}
        """;

    /// <summary>
    /// Session-owned, so it outlives DbUp's own transactions. Returns 0 or 1 when granted, a negative
    /// number when not (-1 timed out, -2 cancelled, -3 deadlock victim, -999 bad call).
    /// </summary>
    public const string TakeMigrationLock = """
        DECLARE @result int;
        EXEC @result = sys.sp_getapplock
            @Resource = @Resource, @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = @LockTimeoutMs;
        SELECT @result;
        """;

    public const string ReleaseMigrationLock = """
        EXEC sys.sp_releaseapplock @Resource = @Resource, @LockOwner = 'Session';
        """;

    /// <summary>
    /// The pieces of the cancel and change batches (<see cref="CancelOrder"/>, <see cref="ChangeOrder"/>
    /// and the ones with the event row in <see cref="SqlServerEventSql"/>), which begin as a create does
    /// (<see cref="CreateParts.Begin"/>: XACT_ABORT, NOCOUNT, READ COMMITTED, TRY, BEGIN TRANSACTION).
    /// </summary>
    /// <remarks>
    /// The row lock decides. Under READ COMMITTED a concurrent UPDATE of the same row waits on this
    /// one's exclusive lock; once this transaction commits, SQL Server reads the row again and the WHERE
    /// (status 'placed', the version) no longer matches, so it updates nothing: of N concurrent cancels
    /// exactly one applies. With READ_COMMITTED_SNAPSHOT on too: an UPDATE does not read from the
    /// version store, it reads the latest committed row under an update lock.
    /// The read-back runs BEFORE the commit, inside the transaction, on purpose: when this update
    /// applied, the row is still under this transaction's exclusive lock, so the read sees exactly what
    /// this request wrote. After COMMIT a concurrent change could slip in between, and the read would
    /// show its change id: this request would be answered "refused" although it applied. When the update
    /// applied nothing the read is of the committed row (it waits for any writer still holding it).
    /// No rows come back for an unknown reference: the answer is NotFound (TransitionBatchAnswer).
    /// The CATCH rolls back and rethrows every error with its own number, for the retry to judge.
    /// </remarks>
    internal static class TransitionParts
    {
        public const string Cancel = $"""
                UPDATE dbo.orders SET {TransitionColumns.CancelSet}
                WHERE {TransitionColumns.PlacedOrderMatching};
            """;

        public const string Change = $"""
                UPDATE dbo.orders SET {TransitionColumns.ChangeSet}
                WHERE {TransitionColumns.PlacedOrderMatching} AND {TransitionColumns.ChangeApplies};
            """;

        public const string Fulfil = $"""
                UPDATE dbo.orders SET {TransitionColumns.FulfilSet}
                WHERE {TransitionColumns.PlacedOrderMatching};
            """;

        public const string ReadBackAndCommit = $"""
                SELECT {OrderColumns.ChangeId}
                FROM dbo.orders AS o
                WHERE o.owner_id = @Owner AND o.client_reference = @ClientReference;

                {FindOrder}

                COMMIT TRANSACTION;
            END TRY
            BEGIN CATCH
                IF XACT_STATE() <> 0 ROLLBACK TRANSACTION;
                THROW;
            END CATCH;
            """;
    }

    /// <summary>
    /// The pieces the create batches share (<see cref="InsertOrder"/> here, the one with the event in
    /// <see cref="SqlServerEventSql"/>). A nested class: its pieces are not whole statements, and
    /// the ScriptDom tests parse every constant of the outer class as one.
    /// </summary>
    internal static class CreateParts
    {
        public const string Begin = """
            SET XACT_ABORT, NOCOUNT ON;
            SET TRANSACTION ISOLATION LEVEL READ COMMITTED;
            BEGIN TRY
                BEGIN TRANSACTION;
            """;

        public const string InsertHeaderAndLines = $"""
                INSERT INTO dbo.orders ({OrderColumns.InsertHeaderColumns})
                VALUES ({OrderColumns.InsertHeaderValues});

                INSERT INTO dbo.order_lines (owner_id, order_id, line_number, sku, quantity, unit_price, line_total)
                SELECT @Owner, @OrderId, line.line_number, line.sku, line.quantity, line.unit_price, line.line_total
                FROM @Lines AS line;
            """;

        public const string CommitOrReadTheOther = $"""
                COMMIT TRANSACTION;
            END TRY
            BEGIN CATCH
                IF XACT_STATE() <> 0 ROLLBACK TRANSACTION;
                IF ERROR_NUMBER() NOT IN (2627, 2601) THROW;

                SELECT {OrderColumns.Header}
                FROM dbo.orders AS o
                WHERE o.owner_id = @Owner AND o.client_reference = @ClientReference AND o.order_id <> @OrderId;

                SELECT {OrderColumns.Line}
                FROM dbo.order_lines AS l
                JOIN dbo.orders AS o ON o.owner_id = l.owner_id AND o.order_id = l.order_id
                WHERE o.owner_id = @Owner AND o.client_reference = @ClientReference AND o.order_id <> @OrderId
                ORDER BY l.line_number;
            END CATCH;
            """;
    }
}
