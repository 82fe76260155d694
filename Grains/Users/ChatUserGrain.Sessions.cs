namespace OrleansChat.Grains.Users;

/// <summary>Sessions, leases, going online and offline.</summary>
internal sealed partial class ChatUserGrain
{
    /// <summary>The longest session id accepted from a gateway.</summary>
    internal const int MaxSessionIdLength = 128;

    public async Task<SessionOpened> OpenSessionAsync(SessionDescriptor session)
    {
        ValidateUser();
        ArgumentNullException.ThrowIfNull(session);
        if (string.IsNullOrWhiteSpace(session.SessionId) || session.SessionId.Length > MaxSessionIdLength)
        {
            throw new ChatException(ChatErrorCode.BadRequest, $"Session id must be 1 to {MaxSessionIdLength} characters.");
        }

        var expiresAt = _timeProvider.GetUtcNow() + _options.SessionLeaseDuration;
        if (_sessions.ContainsKey(session.SessionId))
        {
            _sessions[session.SessionId] = new SessionLease(session, expiresAt);
        }
        else
        {
            if (_sessions.Count >= _options.MaxSessionsPerUser)
            {
                throw new ChatException(ChatErrorCode.TooLarge, $"A user may hold at most {_options.MaxSessionsPerUser} sessions.");
            }

            _sessions.Add(session.SessionId, new SessionLease(session, expiresAt));
            _counters.AddSessions(1);
            LogSessionOpened(UserId, session.SessionId, session.GatewayId);
            if (_sessions.Count == 1)
            {
                await GoOnlineAsync();
            }
        }

        var rooms = await GetRoomSummariesAsync();
        return new SessionOpened(UserId, rooms, _options.SessionLeaseDuration);
    }

    public Task<IReadOnlyList<string>> RenewSessionsAsync(IReadOnlyList<string> sessionIds)
    {
        ArgumentNullException.ThrowIfNull(sessionIds);
        var expiresAt = _timeProvider.GetUtcNow() + _options.SessionLeaseDuration;
        var gone = new List<string>();
        foreach (var id in sessionIds)
        {
            if (id is not null && _sessions.TryGetValue(id, out var lease))
            {
                _sessions[id] = lease with { ExpiresAt = expiresAt };
            }
            else
            {
                // Bounded by the caller's own list.
                gone.Add(id ?? string.Empty);
            }
        }

        ReleaseIfOffline();
        return Task.FromResult<IReadOnlyList<string>>(gone);
    }

    public async Task CloseSessionAsync(string sessionId)
    {
        if (sessionId is not null && _sessions.Remove(sessionId))
        {
            _counters.AddSessions(-1);
            LogSessionClosed(UserId, sessionId);
            if (_sessions.Count == 0)
            {
                await GoOfflineAsync(deactivate: true);
                return;
            }
        }

        ReleaseIfOffline();
    }

    /// <summary>
    /// The lease timer's tick. The timer only triggers the check; expiry is judged on the grain clock
    /// (<see cref="TimeProvider"/>), so fake time in tests drives it deterministically.
    /// </summary>
    private async Task CheckLeasesAsync(CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        foreach (var (id, lease) in _sessions.Where(s => s.Value.ExpiresAt <= now).ToList())
        {
            _sessions.Remove(id);
            _counters.AddSessions(-1);
            LogSessionExpired(UserId, id, lease.Session.GatewayId);
        }

        if (_sessions.Count == 0)
        {
            await GoOfflineAsync(deactivate: true);
        }
    }

    /// <summary>First session: start the lease timer, announce online.</summary>
    private async Task GoOnlineAsync()
    {
        if (_leaseTimer is null)
        {
            _leaseTimer = this.RegisterGrainTimer(
                static (grain, token) => grain.CheckLeasesAsync(token),
                this,
                new GrainTimerCreationOptions(_options.LeaseCheckInterval, _options.LeaseCheckInterval) { Interleave = false, KeepAlive = false });
            _counters.AddTimers(1);
        }

        await Task.WhenAll(_state.State.Rooms.Select(r => AnnouncePresenceAsync(r, online: true)));
        LogOnline(UserId, _state.State.Rooms.Count);
    }

    /// <summary>
    /// No session left: stop the timer, announce offline, then deactivate.
    /// Runs in a regular grain turn; <see cref="OnDeactivateAsync"/> calls it only as a safety net.
    /// </summary>
    private async Task GoOfflineAsync(bool deactivate)
    {
        if (_leaseTimer is not null)
        {
            _leaseTimer.Dispose();
            _leaseTimer = null;
            _counters.AddTimers(-1);
        }

        if (_sessions.Count > 0)
        {
            _counters.AddSessions(-_sessions.Count);
            _sessions.Clear();
        }

        _lastTyping.Clear();
        await Task.WhenAll(_state.State.Rooms.Select(r => AnnouncePresenceAsync(r, online: false)));
        LogOffline(UserId);
        if (deactivate)
        {
            DeactivateOnIdle();
        }
    }

    private async Task AnnouncePresenceAsync(string room, bool online)
    {
        try
        {
            await GrainFactory.GetGrain<IChatRoomGrain>(room).SetPresenceAsync(UserId, online, online ? GrainContext.Address.SiloAddress : null);
        }
        catch (Exception ex)
        {
            LogPresenceFailed(UserId, room, ex);
        }
    }
}
