namespace OrleansChat;

/// <summary>Validation of user ids and room ids: 1 to 64 characters of <c>[A-Za-z0-9_.-]</c>.</summary>
public static class ChatIds
{
    /// <summary>The longest id accepted.</summary>
    public const int MaxLength = 64;

    /// <summary>True when <paramref name="id"/> is a valid user or room id.</summary>
    public static bool IsValid(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in id)
        {
            var ok = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '.' or '-';
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Throws <see cref="ChatException"/> with <see cref="ChatErrorCode.BadRequest"/> when the id is invalid.</summary>
    /// <param name="id">The id to check.</param>
    /// <param name="what">What the id names, for the message ("room", "user").</param>
    public static void Validate(string? id, string what)
    {
        if (!IsValid(id))
        {
            throw new ChatException(ChatErrorCode.BadRequest, $"Invalid {what} id: use 1 to {MaxLength} characters of A-Z, a-z, 0-9, '_', '.', '-'.");
        }
    }
}
