namespace OrleansChat.Grains.Rooms;

/// <summary>
/// Presence. A member is online from its user grain's first session to its last; the user grain says so, and
/// says from which silo. A user grain that dies with its silo cannot say goodbye, so while any member is online
/// the room checks, every <see cref="Hosting.ChatGrainsOptions.PresenceCheckInterval"/> and before answering
/// for its members, whether the silos they announced from are dead in the cluster membership, and turns those
/// members offline. Their gateways meanwhile find the sessions gone and open them again, which brings the members
/// back online from a live silo. Presence is held in memory only (a member's first and last session must not
/// rewrite the stored member list); the room stays activated while a member is online.
/// </summary>
internal sealed partial class ChatRoomGrain
{
    /// <summary>Online members → the silo their user grain announced presence from (null when it did not say).</summary>
    private readonly Dictionary<string, SiloAddress?> _online = new(StringComparer.Ordinal);
    private IGrainTimer? _presenceCheck;

    public async Task SetPresenceAsync(string userId, bool online, SiloAddress? host)
    {
        ValidateIds(userId);
        if (!_state.State.Members.ContainsKey(userId))
        {
            return;
        }

        var was = _online.TryGetValue(userId, out var oldHost);
        if (online)
        {
            _online[userId] = host;
        }
        else
        {
            _online.Remove(userId);
        }

        if (was != online)
        {
            await PublishAsync(new PresenceEvent(RoomId, userId, online));
        }
        else if (online && Equals(oldHost, host))
        {
            return;
        }

        EnsurePresenceCheck();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        StopPresenceCheck();
        return Task.CompletedTask;
    }

    private void SetOffline(string userId)
    {
        if (_online.Remove(userId))
        {
            EnsurePresenceCheck();
        }
    }

    /// <summary>
    /// Runs the periodic check while some member is online, and only then. It also keeps the room activated
    /// meanwhile, so the presence it holds in memory is not lost to idle collection.
    /// </summary>
    private void EnsurePresenceCheck()
    {
        if (_online.Count == 0)
        {
            StopPresenceCheck();
            return;
        }

        if (_presenceCheck is null)
        {
            _presenceCheck = this.RegisterGrainTimer(
                static (grain, _) => grain.CheckPresenceAsync(),
                this,
                new GrainTimerCreationOptions(_options.PresenceCheckInterval, _options.PresenceCheckInterval) { Interleave = false, KeepAlive = true });
            _counters.AddRoomPresenceTimers(1);
        }
    }

    private void StopPresenceCheck()
    {
        if (_presenceCheck is not null)
        {
            _presenceCheck.Dispose();
            _presenceCheck = null;
            _counters.AddRoomPresenceTimers(-1);
        }
    }

    private async Task CheckPresenceAsync()
    {
        await ReleaseDeadHostsAsync();
        EnsurePresenceCheck();
    }

    /// <summary>Turns offline every member whose user grain's silo the cluster has declared dead.</summary>
    private async Task ReleaseDeadHostsAsync()
    {
        var snapshot = _membership.CurrentSnapshot;
        var gone = _online
            .Where(h => h.Value is not null && snapshot.GetSiloStatus(h.Value) == SiloStatus.Dead)
            .ToList();
        foreach (var (user, host) in gone)
        {
            _online.Remove(user);
            LogPresenceReleased(RoomId, user, host!);
            await PublishAsync(new PresenceEvent(RoomId, user, Online: false));
        }
    }
}
