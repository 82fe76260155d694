namespace OrleansChat.Grains.Rooms;

/// <summary>
/// Presence. A member is online from its user grain's first session to its last; the user grain says so, and
/// says from which silo. A user grain that dies with its silo cannot say goodbye, so while any member is online
/// the room checks, every <see cref="Hosting.ChatGrainsOptions.PresenceCheckInterval"/> and before answering
/// for its members, whether the silos they announced from are dead in the cluster membership, and turns those
/// members offline. Their gateways meanwhile find the sessions gone, close the connections and the clients'
/// reconnection brings them back online from a live silo.
/// </summary>
internal sealed partial class ChatRoomGrain
{
    private IGrainTimer? _presenceCheck;

    public async Task SetPresenceAsync(string userId, bool online, SiloAddress? host)
    {
        ValidateIds(userId);
        var members = _state.State.Members;
        var hosts = _state.State.PresenceHosts;
        if (!members.TryGetValue(userId, out var was))
        {
            return;
        }

        var hadHost = hosts.TryGetValue(userId, out var oldHost);
        var newHost = online ? host : null;
        if (was == online && Equals(oldHost, newHost))
        {
            return;
        }

        members[userId] = online;
        SetHost(userId, newHost);
        await WriteStateAsync(() =>
        {
            members[userId] = was;
            SetHost(userId, hadHost ? oldHost : null);
        });

        if (was != online)
        {
            await PublishAsync(new PresenceEvent(RoomId, userId, online));
        }

        EnsurePresenceCheck();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        StopPresenceCheck();
        return Task.CompletedTask;
    }

    private void SetHost(string userId, SiloAddress? host)
    {
        if (host is null)
        {
            _state.State.PresenceHosts.Remove(userId);
        }
        else
        {
            _state.State.PresenceHosts[userId] = host;
        }
    }

    /// <summary>Runs the periodic check while some member is online from a known silo, and only then.</summary>
    private void EnsurePresenceCheck()
    {
        if (_state.State.PresenceHosts.Count == 0)
        {
            StopPresenceCheck();
            return;
        }

        if (_presenceCheck is null)
        {
            _presenceCheck = this.RegisterGrainTimer(
                static (grain, _) => grain.CheckPresenceAsync(),
                this,
                new GrainTimerCreationOptions(_options.PresenceCheckInterval, _options.PresenceCheckInterval) { Interleave = false, KeepAlive = false });
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
        var members = _state.State.Members;
        var gone = _state.State.PresenceHosts
            .Where(h => snapshot.GetSiloStatus(h.Value) == SiloStatus.Dead)
            .ToList();
        if (gone.Count == 0)
        {
            return;
        }

        foreach (var (user, _) in gone)
        {
            _state.State.PresenceHosts.Remove(user);
            members[user] = false;
        }

        try
        {
            await WriteStateAsync(() =>
            {
                foreach (var (user, host) in gone)
                {
                    _state.State.PresenceHosts[user] = host;
                    members[user] = true;
                }
            });
        }
        catch (ChatException ex)
        {
            // Storage is down: the next check retries.
            LogPresenceReleaseFailed(RoomId, gone.Count, ex);
            return;
        }

        foreach (var (user, host) in gone)
        {
            LogPresenceReleased(RoomId, user, host);
            await PublishAsync(new PresenceEvent(RoomId, user, Online: false));
        }
    }
}
