using System.Text.Json;

namespace OrleansChat.Gateway.Protocol;

/// <summary>
/// Reads typed fields of one frame; remembers the first problem instead of throwing. The object's field names
/// must have passed <see cref="JsonText.CheckFieldNames"/> first.
/// </summary>
internal struct FieldReader(JsonElement root)
{
    public string? Error { get; private set; }

    /// <summary>A required user or room id.</summary>
    public string? Id(string name)
    {
        var value = String(name, required: true);
        if (value is not null && !ChatIds.IsValid(value))
        {
            Fail($"'{name}' must be 1 to {ChatIds.MaxLength} characters of A-Z, a-z, 0-9, '_', '.', '-'.");
            return null;
        }

        return value;
    }

    /// <summary>Required text, trimmed, 1 to <see cref="ChatLimits.MaxTextLength"/> characters.</summary>
    public string? Text(string name)
    {
        var value = String(name, required: true);
        if (value is null)
        {
            return null;
        }

        var trimmed = value.Trim();
        if (trimmed.Length is 0 or > ChatLimits.MaxTextLength)
        {
            Fail($"'{name}' must be 1 to {ChatLimits.MaxTextLength} characters after trimming.");
            return null;
        }

        return trimmed;
    }

    /// <summary>An optional client message id.</summary>
    public string? ClientMsgId(string name)
    {
        var value = String(name, required: false);
        if (value is { Length: 0 or > ChatLimits.MaxClientIdLength })
        {
            Fail($"'{name}' must be 1 to {ChatLimits.MaxClientIdLength} characters.");
            return null;
        }

        return value;
    }

    /// <summary>The optional <c>before</c>, <c>after</c> and <c>limit</c> of a history command.</summary>
    public HistoryQuery? History()
    {
        var before = Int64("before");
        var after = Int64("after");
        var limit = Int64("limit");
        if (Error is not null)
        {
            return null;
        }

        if (limit is < 1 or > ChatLimits.MaxHistoryLimit)
        {
            Fail($"'limit' must be 1 to {ChatLimits.MaxHistoryLimit}.");
            return null;
        }

        var query = new HistoryQuery(before, after, (int)(limit ?? ChatLimits.DefaultHistoryLimit));
        try
        {
            query.Validate();
        }
        catch (ChatException ex)
        {
            Fail(ex.Message);
            return null;
        }

        return query;
    }

    private string? String(string name, bool required)
    {
        if (Error is not null)
        {
            return null;
        }

        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Fail($"Missing field '{name}'.");
            }

            return null;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            Fail($"'{name}' must be a string.");
            return null;
        }

        if (!JsonText.TryGetString(element, out var value))
        {
            Fail($"'{name}' must be valid Unicode text (it holds a lone surrogate or invalid UTF-8).");
            return null;
        }

        return value;
    }

    private long? Int64(string name)
    {
        if (Error is not null || !root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out var value) || value is < 0 or > ChatLimits.MaxSeq)
        {
            Fail($"'{name}' must be a whole number between 0 and {ChatLimits.MaxSeq}.");
            return null;
        }

        return value;
    }

    private void Fail(string message) => Error ??= message;
}
