namespace Orders.Api.Http.Endpoints;

/// <summary>The document's prose: what a frontend developer needs to call the API correctly.</summary>
internal static class ApiTexts
{
    public const string Document = """
        Place orders exactly once, however often a request is retried.

        Every order carries a `clientReference` that the client chooses: the idempotency key of one
        checkout attempt. The first `POST /orders` with a reference places the order and answers **201**.
        Every later request with that reference, however many and however concurrent, answers **409**
        with `code: DUPLICATE_IDEMPOTENCY_KEY` and points at that one order. No request can place a
        second order with the same reference.

        What a client does:

        1. Create one `clientReference` when a checkout attempt starts (a UUID is ideal) and keep it
           where a reload finds it (for example `sessionStorage`).
        2. On a timeout, a network error, a 5xx, a 429 or a 503, send the same body with the same
           reference again, with backoff (wait `Retry-After` when it is given).
        3. **201**, or **409 with `sameRequest: true`**: the order is placed. After a 409, read it at
           `orderUrl` (the `Location` header) or just use `orderId`.
        4. **409 with `sameRequest: false`**: the reference was already used for a different order. That
           is a bug in the caller; do not retry.
        5. **400, 413, 415**: nothing was stored. Fix the request and send it with the same reference.

        Every error is `application/problem+json` (RFC 9457) with a machine-readable `code`.
        """;

    /// <summary>The one tag every endpoint carries (Swagger UI shows it as the section heading).</summary>
    public const string TagName = "Orders";

    public const string Tag = "Placing orders exactly once, looking them up and listing them, cancelling and changing them exactly once.";

    public const string CreateOrder = """
        Places the order, unless an order with this `clientReference` already exists.

        - **201**: this request placed the order; the body is the order and `Location` its URL.
        - **409 `DUPLICATE_IDEMPOTENCY_KEY`**: an order with this reference exists and nothing new was
          placed. `sameRequest: true` means this request describes that order, so it is a retry of a
          request that succeeded (perhaps one whose answer was lost): treat the order as placed.
          `sameRequest: false` means the reference was reused for a different order: a bug in the
          caller, never to be retried.

        Retrying after a timeout or a network error is always safe and never places a second order; a
        retry that arrives while the first request is still running waits for it and then gets 409.
        The reference goes in the body (`clientReference`) or in the `Idempotency-Key` header, or both
        (then they must be equal).
        """;

    public const string GetOrder = """
        Returns the order placed with this `clientReference`, with its entity tag in `ETag` (and in `etag`).
        Polling for changes? Send the tag back in `If-None-Match`: while the order is unchanged the answer
        is **304** without a body, which costs the server less than the order.
        """;

    public const string ListOrders = """
        Returns the caller's orders, newest first, `limit` at a time. Pass the answer's `next` as `after`
        to get the following page; `next` is null on the last page.
        """;

    public const string CancelOrder = """
        Cancels the order placed with this `clientReference`, if it is still placed. The body is optional:
        `{"reason": "…"}`.

        - **200**: this request cancelled the order; the body is the order (`status: "cancelled"`,
          `cancelledAt`, `cancellationReason`) and `ETag` its new tag.
        - **409 `ORDER_ALREADY_CANCELLED`**: the order was cancelled before, and nothing changed. A client
          whose 200 was lost gets this on its retry: the order is cancelled, which is what it asked for.
          `sameRequest` says whether the stored reason is this request's.
        - **409 `ORDER_NOT_CANCELLABLE`**: the order was fulfilled (shipped); it can no longer be cancelled.
        - **412 `PRECONDITION_FAILED`**: `If-Match` was sent and names another version of the order; the
          body holds the current order and its `etag`. Nothing was written.

        Retrying is always safe. Concurrent cancels of one order: exactly one gets 200, the others wait
        for it and then get 409. A cancel racing the fulfilment service's fulfilment: exactly one wins.
        """;

    public const string FulfilOrder = """
        For the fulfilment service only: a token whose `scope` claim lists the fulfilment scope
        (`orders:fulfil` unless configured otherwise); a customer's token gets 403. Marks the owner's
        placed order fulfilled (shipped). The path names the order as `order.placed` does: the `owner`
        message header and the payload's `clientReference`. The body is optional:
        `{"carrier": "…", "trackingNumber": "…"}`.

        - **200**: this request fulfilled the order; the body is the order (`status: "fulfilled"`,
          `fulfilledAt`, `carrier`, `trackingNumber`) and `ETag` its new tag. An `order.fulfilled` event
          is written in the same transaction.
        - **409 `ORDER_ALREADY_FULFILLED`**: fulfilled before; nothing changed. A retry whose 200 was lost
          gets this: treat it as done. `sameRequest` says whether the stored carrier and tracking number
          are this request's.
        - **409 `ORDER_CANCELLED`**: the customer cancelled the order. Do not ship it.
        - **412 `PRECONDITION_FAILED`**: `If-Match` names another version of the still placed order.

        Retrying blindly is safe. A fulfilment racing the customer's cancel: exactly one wins, and the
        other gets the 409 that names the winner's state.
        """;

    public const string ChangeOrder = """
        Changes the customer's `name` and `phone` and the `shippingAddress` of a placed order, as a JSON
        merge patch (RFC 7396, `Content-Type: application/merge-patch+json`): members left out stay,
        members set to null are removed (where optional), the address merges member by member. The lines,
        the currency and the email cannot change. `If-Match` with the order's current `etag` is required.

        - **200**: this request changed the order; the body is the order and `ETag` its new tag.
        - **412 `PRECONDITION_FAILED`**: the order is at another version than `If-Match` names; nothing was
          written. `alreadyApplied: true` means the order already holds exactly what this patch sets: a
          retry whose 200 was lost learns here that its change is in. `false`: someone else changed the
          order; read `order`, and send the change again with `If-Match: <etag>` if it still applies.
        - **409 `ORDER_NOT_CHANGEABLE`**: the order is cancelled. **428 `PRECONDITION_REQUIRED`**: no `If-Match`.
        """;

    public const string IfMatchHeader = """
        The entity tag of the version of this order the request was made from (RFC 9110), as `ETag` or
        `etag` gave it, or `*` for any version. When the order is at another version the answer is 412
        with the current order, and nothing is written. Compared strongly: a `W/` tag never matches.
        """;

    public const string IfNoneMatchHeader = """
        Entity tags of your copies of this order (RFC 9110): one (`"…"`, as `ETag` or `etag` gave it),
        several separated by commas, or `*`. When one is the order's current tag, or `*` is sent, the
        answer is 304 with no body; otherwise the order, as without the header.
        """;

    public const string IdempotencyKeyHeader = """
        The `clientReference`, as a header (IETF draft "The Idempotency-Key HTTP Header Field"): a
        structured-field string (`"3f0c2b9e-..."`) or bare (`3f0c2b9e-...`). Optional when the body has
        `clientReference`; when both are sent they must be equal.
        """;
}
