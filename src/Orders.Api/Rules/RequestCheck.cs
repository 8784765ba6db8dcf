using System.Text.Json;
using Orders.Api.Model;

namespace Orders.Api.Rules;

/// <summary>
/// Checks a parsed body against its declaration (<see cref="RequestField"/>) in one walk: unknown
/// properties, values of the wrong JSON kind and broken rules are all reported together, each under its
/// JSON path ("lines[0].quantity"), so a client fixes its request in one round. A body that passes
/// binds to its contract record without fail.
/// </summary>
internal static class RequestCheck
{
    public const string Root = "$";

    public const string Unknown = "is not a known field (names are case-sensitive)";

    public const string Missing = "is required";

    public const string NotNull = "must not be null";

    /// <param name="root">The parsed body.</param>
    /// <param name="declaration">What it must be.</param>
    /// <param name="errors">Where every broken rule goes.</param>
    /// <param name="mergePatch">
    /// The body is a merge patch (RFC 7396): any member may be left out, so nothing is reported missing;
    /// null still removes only what is optional (a required member "must not be null").
    /// </param>
    /// <exception cref="InvalidOperationException">A property name is not valid Unicode (a lone surrogate escape).</exception>
    public static void Check(JsonElement root, RequestField declaration, FieldErrors errors, bool mergePatch = false)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add(Root, mergePatch ? "must be a JSON object describing the change" : "must be a JSON object describing the order");
            return;
        }
        new Walk(errors, mergePatch).Visit(root, declaration, Root);
    }

    // A struct: the walk runs for every create, cancel and change body, and needs no object of its own.
    private readonly struct Walk(FieldErrors errors, bool mergePatch)
    {
        public void Visit(JsonElement value, RequestField field, string path)
        {
            if (errors.Full)
            {
                return;
            }
            if (value.ValueKind == JsonValueKind.Null)
            {
                // null is "not sent" where a field is optional.
                if (field.Required) errors.Add(path, NotNull);
                return;
            }
            switch (field.Kind)
            {
                case FieldKind.Text:
                    CheckText(value, field, path);
                    break;
                case FieldKind.WholeNumber:
                    if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
                    {
                        errors.Add(path, field.Message + ", written without fraction or exponent");
                    }
                    else if (number < field.Min || number > field.Max)
                    {
                        errors.Add(path, field.Message);
                    }
                    break;
                case FieldKind.Record when value.ValueKind != JsonValueKind.Object:
                    errors.Add(path, field.Message);
                    break;
                case FieldKind.Record:
                    CheckMembers(value, field, path);
                    break;
                case FieldKind.List when value.ValueKind != JsonValueKind.Array:
                    errors.Add(path, "must be a JSON array");
                    break;
                case FieldKind.List:
                    var count = value.GetArrayLength();
                    if (count < field.Min || count > field.Max)
                    {
                        errors.Add(path, field.Message);
                        // Past the limit the items are not worth a message each.
                        if (count > field.Max) return;
                    }
                    var index = 0;
                    foreach (var item in value.EnumerateArray())
                    {
                        Visit(item, field.Items!, $"{path}[{index++}]");
                    }
                    break;
            }
        }

        private void CheckMembers(JsonElement value, RequestField field, string path)
        {
            var prefix = path == Root ? "" : path + ".";
            var seen = 0;
            foreach (var property in value.EnumerateObject())
            {
                if (field.MembersByName.TryGetValue(property.Name, out var member))
                {
                    seen++;
                    Visit(property.Value, member, prefix + property.Name);
                }
                else
                {
                    errors.Add(prefix + property.Name, Unknown);
                }
            }
            if (seen == field.Members.Count || mergePatch)
            {
                return;
            }
            foreach (var member in field.Members)
            {
                if (member.Required && !value.TryGetProperty(member.Name, out _))
                {
                    errors.Add(prefix + member.Name, Missing);
                }
            }
        }

        private void CheckText(JsonElement value, RequestField field, string path)
        {
            if (value.ValueKind != JsonValueKind.String)
            {
                errors.Add(path, "must be a string");
                return;
            }
            string text;
            try
            {
                text = value.GetString()!;
            }
            catch (InvalidOperationException)
            {
                // "\ud800" is well-formed JSON but no string: reading it throws, storing it would corrupt it.
                errors.Add(path, "must be valid Unicode text (no lone surrogate escapes)");
                return;
            }
            if (field.PatternHoldsLength)
            {
                if (!field.Matches(text)) errors.Add(path, field.Message);
            }
            // In code points, as openapi.yaml's maxLength (JSON Schema) counts: 200 emoji are 200 characters.
            else if (TextRules.CodePointCount(text) is var length && (length < field.Min || length > field.Max))
            {
                errors.Add(path, field.LengthRule);
            }
            else if (field.Pattern is not null)
            {
                if (!field.Matches(text)) errors.Add(path, field.Message);
            }
            else if (string.IsNullOrWhiteSpace(text))
            {
                errors.Add(path, "must not be blank");
            }
            else if (!TextRules.IsWellFormed(text))
            {
                errors.Add(path, "must not contain control characters or invalid Unicode");
            }
        }
    }
}
