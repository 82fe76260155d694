using Orleans.Runtime;
using Orleans.Streams;

namespace Orleans.Streaming.RedisStreams;

/// <summary>
/// A cursor of <see cref="RedisStreamsQueueCache"/>: delegates to the inner cache's cursor, and when a refresh
/// finds the cursor's remembered position already purged, re-seats it at the batch that triggered the refresh.
/// </summary>
/// <remarks>
/// The pulling agent refreshes every idle cursor of a stream with the token of the stream's first batch in each
/// read. <c>SimpleQueueCache</c> restarts an idle cursor at its <em>remembered</em> token when it has one (a cursor
/// created while the cache was empty, or at a token the cache no longer held), and throws
/// <see cref="QueueCacheMissException"/> when that token has been purged meanwhile. The agent does not catch it
/// there: the read is abandoned half-way and the cursors of the other streams in the same read are never started,
/// so their events sit in the cache undelivered. An idle cursor pins nothing, but every batch of its stream that
/// arrived since would have refreshed it, so nothing of its stream lies between the purged position and the new
/// batch: starting at the new batch loses nothing.
/// </remarks>
internal sealed class ReseatingQueueCacheCursor(
    IQueueCacheCursor inner,
    StreamId streamId,
    Func<StreamId, StreamSequenceToken, QueueCacheCursorResult<IQueueCacheCursor>> reseat,
    Action<StreamId, QueueCacheMissException> onReseated) : IQueueCacheCursor
{
    private IQueueCacheCursor _inner = inner;

    public IBatchContainer? GetCurrent(out Exception? exception) => _inner.GetCurrent(out exception);

    [Obsolete("Use MoveNextWithResult instead.")]
    public bool MoveNext() => _inner.MoveNext();

    public QueueCacheCursorMoveResult MoveNextWithResult() => _inner.MoveNextWithResult();

    public void RecordDeliveryFailure() => _inner.RecordDeliveryFailure();

    public void Refresh(StreamSequenceToken token)
    {
        try
        {
            _inner.Refresh(token);
        }
        catch (QueueCacheMissException miss)
        {
            // The token is the first of a batch just added, so the cache holds it; if not, the miss stands.
            var replacement = reseat(streamId, token);
            if (replacement is not { Kind: QueueCacheCursorResultKind.Success, Cursor: { } cursor })
            {
                throw;
            }

            _inner.Dispose();
            _inner = cursor;
            onReseated(streamId, miss);
        }
    }

    public void Dispose() => _inner.Dispose();
}
