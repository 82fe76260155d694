using System.Globalization;
using Orleans.Streams;

namespace Orleans.Streaming.RedisStreams;

/// <summary>
/// The position of an event in a Redis stream: the entry id (<c>{milliseconds}-{sequence}</c>) of the
/// batch that carried it plus the event's index in that batch. Tokens order as the entries do.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.Streaming.Redis.SequenceToken")]
public sealed class RedisStreamSequenceToken : StreamSequenceToken
{
    /// <summary>Creates a token for event <paramref name="eventIndex"/> of entry <c>{milliseconds}-{entrySequence}</c>.</summary>
    public RedisStreamSequenceToken(long milliseconds, long entrySequence, int eventIndex)
    {
        SequenceNumber = milliseconds;
        EntrySequence = entrySequence;
        EventIndex = eventIndex;
    }

    /// <summary>The millisecond part of the Redis entry id.</summary>
    [Id(0)]
    public override long SequenceNumber { get; protected set; }

    /// <summary>The sequence part of the Redis entry id.</summary>
    [Id(1)]
    public long EntrySequence { get; private set; }

    /// <summary>The index of the event within its batch.</summary>
    [Id(2)]
    public override int EventIndex { get; protected set; }

    /// <summary>The Redis entry id this token points into, e.g. <c>1700000000000-3</c>.</summary>
    public string EntryId => string.Create(CultureInfo.InvariantCulture, $"{SequenceNumber}-{EntrySequence}");

    /// <summary>Parses a Redis entry id into the token of its first event.</summary>
    /// <exception cref="FormatException">The id is not <c>{milliseconds}-{sequence}</c>.</exception>
    public static RedisStreamSequenceToken FromEntryId(string entryId)
    {
        ArgumentNullException.ThrowIfNull(entryId);
        var dash = entryId.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0
            || !long.TryParse(entryId.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
            || !long.TryParse(entryId.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            throw new FormatException($"'{entryId}' is not a Redis stream entry id.");
        }

        return new RedisStreamSequenceToken(milliseconds, sequence, 0);
    }

    /// <summary>The token of event <paramref name="eventIndex"/> of the same entry.</summary>
    public RedisStreamSequenceToken ForEvent(int eventIndex) => new(SequenceNumber, EntrySequence, eventIndex);

    /// <inheritdoc />
    public override bool Equals(StreamSequenceToken? other) =>
        other is RedisStreamSequenceToken token
        && token.SequenceNumber == SequenceNumber
        && token.EntrySequence == EntrySequence
        && token.EventIndex == EventIndex;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as StreamSequenceToken);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(SequenceNumber, EntrySequence, EventIndex);

    /// <inheritdoc />
    public override int CompareTo(StreamSequenceToken? other)
    {
        if (other is null)
        {
            return 1;
        }

        if (other is not RedisStreamSequenceToken token)
        {
            throw new ArgumentOutOfRangeException(nameof(other), $"Cannot compare a Redis stream token with a {other.GetType().Name}.");
        }

        var result = SequenceNumber.CompareTo(token.SequenceNumber);
        if (result == 0)
        {
            result = EntrySequence.CompareTo(token.EntrySequence);
        }

        return result != 0 ? result : EventIndex.CompareTo(token.EventIndex);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"[RedisStream {SequenceNumber}-{EntrySequence}#{EventIndex}]");
}
