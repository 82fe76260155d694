namespace OrleansChat.Bench.Measure;

/// <summary>How one arrival relates to what the receiver saw of the room before.</summary>
internal enum SeqVerdict
{
    /// <summary>Higher than every seq seen so far (gaps are allowed: a message may be lost or still on its way).</summary>
    InOrder,

    /// <summary>Lower than the highest seen, and not seen before: delivered after a later message.</summary>
    OutOfOrder,

    /// <summary>Seen before.</summary>
    Duplicate,

    /// <summary>Zero or negative: not a seq at all.</summary>
    Invalid,
}
