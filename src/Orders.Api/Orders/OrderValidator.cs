namespace Orders.Api.Orders;

/// <summary>
/// The business rules of an order request. Collects every error (keyed by JSON path) rather than
/// stopping at the first, so a client fixes its request in one round.
/// </summary>
public static class OrderValidator
{
    public const int MaxLines = 100;
    public const int MaxSkuLength = 64;
    public const int MaxQuantity = 1000;
    public const long MaxUnitPrice = 100_000_000;

    public static (OrderDraft? Draft, IReadOnlyDictionary<string, string[]> Errors) Validate(
        CreateOrderRequest request, string? idempotencyKeyHeader)
    {
        var errors = new ErrorList();
        var reference = Reference(request.ClientReference, idempotencyKeyHeader, errors);

        var currency = request.Currency;
        if (currency is null) errors.Add("currency", "is required");
        else if (!IsUpperLetters(currency, 3)) errors.Add("currency", "must be an ISO 4217 code: 3 upper-case letters, e.g. EUR");

        Customer? customer = null;
        if (request.Customer is null)
        {
            errors.Add("customer", "is required");
        }
        else
        {
            var email = request.Customer.Email;
            Text("customer.email", email, 3, 254, required: true, errors);
            if (email is not null && !FormatRules.Email().IsMatch(email)) errors.Add("customer.email", FormatRules.EmailRule);
            Text("customer.name", request.Customer.Name, 1, 200, required: false, errors);
            customer = new Customer(email!, request.Customer.Name);
        }

        var address = Address(request.ShippingAddress, errors);
        var lines = Lines(request.Lines, errors);

        if (!errors.Any && !TotalFits(lines!))
        {
            errors.Add("lines", "the order total does not fit in 64-bit minor units");
        }
        return errors.Any
            ? (null, errors.ToDictionary())
            : (new OrderDraft(reference!, currency!, customer!, address, lines!), errors.ToDictionary());
    }

    private static string? Reference(string? body, string? header, ErrorList errors)
    {
        var fromHeader = header is null ? null : ClientReference.FromHeader(header);
        if (fromHeader is not null && !ClientReference.IsValid(fromHeader))
        {
            errors.Add(ClientReference.HeaderName, ClientReference.Rule);
        }
        if (body is not null && !ClientReference.IsValid(body))
        {
            errors.Add("clientReference", ClientReference.Rule);
        }
        if (body is null && fromHeader is null)
        {
            errors.Add("clientReference", $"is required (in the body or the {ClientReference.HeaderName} header)");
        }
        if (body is not null && fromHeader is not null && body != fromHeader)
        {
            errors.Add("clientReference", $"must equal the {ClientReference.HeaderName} header when both are given");
        }
        return body ?? fromHeader;
    }

    private static ShippingAddress? Address(ShippingAddressRequest? address, ErrorList errors)
    {
        if (address is null)
        {
            return null;
        }
        Text("shippingAddress.line1", address.Line1, 1, 200, required: true, errors);
        Text("shippingAddress.line2", address.Line2, 1, 200, required: false, errors);
        Text("shippingAddress.city", address.City, 1, 100, required: true, errors);
        Text("shippingAddress.postalCode", address.PostalCode, 1, 20, required: true, errors);
        if (address.Country is null) errors.Add("shippingAddress.country", "is required");
        else if (!IsUpperLetters(address.Country, 2)) errors.Add("shippingAddress.country", "must be an ISO 3166-1 alpha-2 code: 2 upper-case letters, e.g. DE");
        return new ShippingAddress(address.Line1!, address.Line2, address.City!, address.PostalCode!, address.Country!);
    }

    private static List<OrderLineDraft>? Lines(IReadOnlyList<OrderLineRequest?>? lines, ErrorList errors)
    {
        if (lines is null)
        {
            errors.Add("lines", "is required");
            return null;
        }
        if (lines.Count is 0 or > MaxLines)
        {
            errors.Add("lines", $"must hold 1 to {MaxLines} lines");
            return null;
        }
        var drafts = new List<OrderLineDraft>(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            var field = $"lines[{i}]";
            var line = lines[i];
            if (line is null)
            {
                errors.Add(field, "is required");
                continue;
            }
            if (line.Sku is null) errors.Add($"{field}.sku", "is required");
            else if (!FormatRules.Sku().IsMatch(line.Sku)) errors.Add($"{field}.sku", FormatRules.SkuRule);
            if (line.Quantity is not (>= 1 and <= MaxQuantity)) errors.Add($"{field}.quantity", $"is required: a whole number from 1 to {MaxQuantity}");
            if (line.UnitPrice is not (>= 0 and <= MaxUnitPrice)) errors.Add($"{field}.unitPrice", $"is required: whole minor units from 0 to {MaxUnitPrice}");
            drafts.Add(new OrderLineDraft(line.Sku!, line.Quantity ?? 0, line.UnitPrice ?? 0));
        }
        return drafts;
    }

    private static bool TotalFits(IEnumerable<OrderLineDraft> lines)
    {
        try
        {
            _ = OrderTotals.Total(lines.Select(line => OrderTotals.LineTotal(line.Quantity, line.UnitPrice)));
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>
    /// Free text is stored byte for byte ("O'Brien" is a name, not an attack) but must be well-formed:
    /// no control characters and no lone surrogates, which no database can store faithfully.
    /// </summary>
    private static void Text(string field, string? value, int minLength, int maxLength, bool required, ErrorList errors)
    {
        if (value is null)
        {
            if (required) errors.Add(field, "is required");
            return;
        }
        if (value.Length < minLength || value.Length > maxLength)
        {
            errors.Add(field, $"must be {minLength} to {maxLength} characters long");
        }
        else if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, "must not be blank");
        }
        else if (!TextRules.IsWellFormed(value))
        {
            errors.Add(field, "must not contain control characters or invalid Unicode");
        }
    }

    private static bool IsUpperLetters(string value, int length) =>
        value.Length == length && value.All(c => c is >= 'A' and <= 'Z');

    /// <summary>Errors per field, in the order found.</summary>
    private sealed class ErrorList
    {
        private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

        public bool Any => _errors.Count > 0;

        public void Add(string field, string message)
        {
            if (!_errors.TryGetValue(field, out var messages))
            {
                _errors[field] = messages = [];
            }
            messages.Add(message);
        }

        public Dictionary<string, string[]> ToDictionary() =>
            _errors.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);
    }
}
