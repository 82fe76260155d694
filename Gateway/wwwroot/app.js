// OrleansChat web client: plain JS, no build step. Speaks the wire protocol of docs/protocol.md.
(() => {
  "use strict";

  const $ = (id) => document.getElementById(id);
  const ID_PATTERN = /^[A-Za-z0-9_.\-]{1,64}$/;
  const PAGE = 50;

  const state = {
    token: null,
    tokenFromServer: false,    // a development token (renewable); a pasted one cannot be renewed here
    user: null,
    socket: null,
    connected: false,
    attempt: 0,
    reconnectTimer: null,
    pingTimer: null,
    nextId: 1,
    pending: new Map(),        // command id -> {resolve, reject}
    rooms: new Map(),          // room -> {messages: Map seq->msg, lastSeq, oldest, unread, members: Map user->online, typing: Map user->timer}
    dms: new Map(),            // peer -> {messages: Map messageId->dm, unread}
    current: null,             // {kind: "room"|"dm", name}
    lastTypingSent: 0,
    offline: false,            // set by the goOffline() hook: no reconnecting until goOnline()
    unsent: null,              // {text, target, clientMsgId} of the send in progress or last failed; null when none
  };

  // ---------- connection ----------

  function wsUrl() {
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    return `${scheme}//${location.host}/ws?access_token=${encodeURIComponent(state.token)}`;
  }

  // Tokens expire. The gateway refuses an expired token on upgrade and closes an open socket whose token
  // expires with 1008 "token expired" (docs/protocol.md); so before each (re)connect a token that is expired
  // or about to be is renewed. A pasted token cannot be renewed: the user is asked for a new one.
  const TOKEN_EXPIRED = "token expired";
  const RENEW_MARGIN_MS = 30000;

  function tokenExpiresAt(token) {
    try {
      const payload = JSON.parse(atob(token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/")));
      return typeof payload.exp === "number" ? payload.exp * 1000 : Infinity;
    } catch { return Infinity; }
  }

  function fetchDevToken(user) {
    return fetch("/api/dev/token", {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ user }),
    });
  }

  async function ensureFreshToken() {
    if (tokenExpiresAt(state.token) - Date.now() > RENEW_MARGIN_MS) return true;
    if (!state.tokenFromServer) return false;
    try {
      const response = await fetchDevToken(state.user);
      if (!response.ok) return false;
      state.token = (await response.json()).token;
      return true;
    } catch { return false; }
  }

  function askForNewToken() {
    setStatus("token expired");
    $("login-error").textContent = "Your token expired: sign in again (or paste a new token).";
    $("token-box").open = !state.tokenFromServer;
    $("app").hidden = true;
    $("login").hidden = false;
  }

  async function connect() {
    clearTimeout(state.reconnectTimer);
    if (!(await ensureFreshToken())) {
      // Renewal failed: a development token retries with back-off (the server may be restarting).
      if (state.tokenFromServer) scheduleReconnect(); else askForNewToken();
      return;
    }
    setStatus("connecting");
    const socket = new WebSocket(wsUrl());
    state.socket = socket;
    socket.onmessage = (event) => {
      let frame;
      try { frame = JSON.parse(event.data); } catch { return; }
      handleFrame(frame);
    };
    socket.onclose = (event) => {
      if (state.socket !== socket) return;
      state.socket = null;
      state.connected = false;
      clearInterval(state.pingTimer);
      for (const { reject } of state.pending.values()) reject(new Error("disconnected"));
      state.pending.clear();
      setStatus("offline");
      updateComposer();
      if (state.offline) return;
      if (event.code === 1008 && event.reason === TOKEN_EXPIRED) {
        // Not a fault: renew the token and reconnect at once.
        state.attempt = 0;
        connect();
        return;
      }
      if (event.code === 1008 && event.reason !== "slow consumer") return;
      scheduleReconnect();
    };
  }

  function scheduleReconnect() {
    const delay = Math.min(30000, 500 * 2 ** state.attempt) * (0.75 + Math.random() * 0.5);
    state.attempt = Math.min(state.attempt + 1, 10);
    setStatus(`reconnecting in ${Math.round(delay / 1000)}s`);
    state.reconnectTimer = setTimeout(connect, delay);
  }

  function send(frame) {
    if (!state.socket || state.socket.readyState !== WebSocket.OPEN) {
      return Promise.reject(new Error("Not connected; retrying shortly."));
    }
    const id = `c${state.nextId++}`;
    return new Promise((resolve, reject) => {
      state.pending.set(id, { resolve, reject });
      state.socket.send(JSON.stringify({ ...frame, id }));
    });
  }

  // A send that may have been stored (timeout, a dropped socket) or was refused for now (overloaded,
  // unavailable, rate_limited) is retried with the same clientMsgId, which the server stores at most once.
  const RETRYABLE = new Set(["timeout", "overloaded", "unavailable", "rate_limited"]);
  const MAX_SEND_ATTEMPTS = 6;

  async function sendWithRetry(frame) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await send(frame);
      } catch (e) {
        const retryable = !e.code || RETRYABLE.has(e.code);
        if (!retryable || attempt >= MAX_SEND_ATTEMPTS) throw e;
        await new Promise((resolve) => setTimeout(resolve, Math.min(8000, 250 * 2 ** attempt)));
      }
    }
  }

  function sendNoReply(frame) {
    if (state.socket && state.socket.readyState === WebSocket.OPEN) state.socket.send(JSON.stringify(frame));
  }

  // ---------- frames ----------

  function handleFrame(frame) {
    if (frame.id && state.pending.has(frame.id)) {
      const { resolve, reject } = state.pending.get(frame.id);
      state.pending.delete(frame.id);
      if (frame.type === "error") reject(Object.assign(new Error(frame.message), { code: frame.code }));
      else resolve(frame);
      return;
    }
    switch (frame.type) {
      case "welcome": onWelcome(frame); break;
      case "message": addMessages(frame.room, [frame]); break;
      case "dm": onDm(frame); break;
      case "member": onMember(frame); break;
      case "presence": setMember(frame.room, frame.user, frame.online); break;
      case "typing": onTyping(frame); break;
      case "error": showError(frame.message); break;
      default: break;
    }
  }

  async function onWelcome(frame) {
    state.connected = true;
    state.attempt = 0;
    setStatus("online");
    clearInterval(state.pingTimer);
    state.pingTimer = setInterval(() => send({ type: "ping" }).catch(() => {}), 25000);
    const known = new Set(frame.rooms.map((r) => r.room));
    for (const room of [...state.rooms.keys()]) {
      if (!known.has(room)) state.rooms.delete(room);
    }
    for (const { room, lastSeq, epoch } of frame.rooms) {
      let entry = roomState(room);
      if (entry.epoch !== undefined && entry.epoch !== epoch) {
        // The room's seqs started again (the store lost its messages): what we hold is from another epoch.
        state.rooms.delete(room);
        entry = roomState(room);
      }
      entry.epoch = epoch;
      if (entry.lastSeq === 0 && lastSeq > 0 && entry.messages.size === 0) {
        await loadLatest(room);
      } else if (lastSeq > entry.lastSeq) {
        await fillGap(room, entry.lastSeq);
      }
      refreshMembers(room);
    }
    if (!state.current && state.rooms.size > 0) select({ kind: "room", name: state.rooms.keys().next().value });
    renderAll();
    updateComposer();
  }

  // Fetches everything after `after` page by page: what was missed while offline.
  async function fillGap(room, after) {
    for (;;) {
      const page = await send({ type: "history", room, after, limit: 200 }).catch(() => null);
      if (!page || page.messages.length === 0) return;
      addMessages(room, page.messages);
      after = page.messages[page.messages.length - 1].seq;
      if (page.messages.length < 200) return;
    }
  }

  async function loadLatest(room) {
    const page = await send({ type: "history", room, limit: PAGE }).catch(() => null);
    if (page) addMessages(room, page.messages);
  }

  async function loadOlder() {
    if (!state.current || state.current.kind !== "room") return;
    const room = state.current.name;
    const entry = roomState(room);
    if (entry.oldest <= 1) return;
    const page = await send({ type: "history", room, before: entry.oldest, limit: PAGE }).catch((e) => showError(e.message));
    if (page) addMessages(room, page.messages, { keepScroll: true });
  }

  function addMessages(room, messages, { keepScroll = false } = {}) {
    const entry = roomState(room);
    let added = 0;
    for (const m of messages) {
      if (entry.messages.has(m.seq)) continue; // dedupe by room + seq
      entry.messages.set(m.seq, m);
      entry.lastSeq = Math.max(entry.lastSeq, m.seq);
      entry.oldest = Math.min(entry.oldest, m.seq);
      added++;
    }
    if (added === 0) return;
    const isCurrent = state.current && state.current.kind === "room" && state.current.name === room;
    if (!isCurrent) entry.unread += added;
    if (isCurrent) renderMessages({ keepScroll });
    renderLists();
  }

  function onDm(frame) {
    const peer = frame.from === state.user ? frame.to : frame.from;
    const entry = dmState(peer);
    if (entry.messages.has(frame.messageId)) return;
    entry.messages.set(frame.messageId, frame);
    const isCurrent = state.current && state.current.kind === "dm" && state.current.name === peer;
    if (!isCurrent) entry.unread++;
    else renderMessages({});
    renderLists();
  }

  function onMember(frame) {
    if (frame.user === state.user && frame.action === "left") {
      state.rooms.delete(frame.room);
      if (state.current && state.current.kind === "room" && state.current.name === frame.room) select(null);
      renderAll();
      return;
    }
    if (frame.user === state.user && frame.action === "joined" && !state.rooms.has(frame.room)) {
      roomState(frame.room);
      refreshMembers(frame.room);
      renderLists();
      return;
    }
    const entry = state.rooms.get(frame.room);
    if (!entry) return;
    if (frame.action === "joined") entry.members.set(frame.user, entry.members.get(frame.user) ?? true);
    else entry.members.delete(frame.user);
    renderMembers();
  }

  function setMember(room, user, online) {
    const entry = state.rooms.get(room);
    if (!entry) return;
    entry.members.set(user, online);
    renderMembers();
  }

  function onTyping(frame) {
    if (frame.user === state.user) return;
    const entry = state.rooms.get(frame.room);
    if (!entry) return;
    clearTimeout(entry.typing.get(frame.user));
    entry.typing.set(frame.user, setTimeout(() => { entry.typing.delete(frame.user); renderTyping(); }, 4000));
    renderTyping();
  }

  async function refreshMembers(room) {
    const ack = await send({ type: "members", room }).catch(() => null);
    if (!ack) return;
    const entry = roomState(room);
    entry.members = new Map(ack.members.map((m) => [m.user, m.online]));
    renderMembers();
  }

  // ---------- state helpers ----------

  function roomState(room) {
    let entry = state.rooms.get(room);
    if (!entry) {
      entry = { messages: new Map(), lastSeq: 0, oldest: Infinity, unread: 0, members: new Map(), typing: new Map() };
      state.rooms.set(room, entry);
    }
    return entry;
  }

  function dmState(peer) {
    let entry = state.dms.get(peer);
    if (!entry) {
      entry = { messages: new Map(), unread: 0 };
      state.dms.set(peer, entry);
    }
    return entry;
  }

  function select(conversation) {
    state.current = conversation;
    if (conversation?.kind === "room") roomState(conversation.name).unread = 0;
    if (conversation?.kind === "dm") dmState(conversation.name).unread = 0;
    renderAll();
    updateComposer();
  }

  // ---------- rendering ----------

  function renderAll() {
    renderLists();
    renderMessages({});
    renderMembers();
    renderTyping();
  }

  function listItem(label, active, unread, onClick) {
    const li = document.createElement("li");
    li.className = active ? "active" : "";
    const name = document.createElement("span");
    name.textContent = label;
    li.append(name);
    if (unread > 0) {
      const badge = document.createElement("span");
      badge.className = "badge";
      badge.textContent = String(unread);
      li.append(badge);
    }
    li.onclick = onClick;
    return li;
  }

  function renderLists() {
    const rooms = $("room-list");
    rooms.replaceChildren(...[...state.rooms.keys()].sort().map((room) =>
      listItem(`# ${room}`, state.current?.kind === "room" && state.current.name === room, state.rooms.get(room).unread,
        () => select({ kind: "room", name: room }))));
    const dms = $("dm-list");
    dms.replaceChildren(...[...state.dms.keys()].sort().map((peer) =>
      listItem(`@ ${peer}`, state.current?.kind === "dm" && state.current.name === peer, state.dms.get(peer).unread,
        () => select({ kind: "dm", name: peer }))));
  }

  function renderMessages({ keepScroll }) {
    const box = $("messages");
    const list = $("message-list");
    const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
    const previousHeight = box.scrollHeight;
    let items = [];
    const current = state.current;
    $("leave-button").hidden = current?.kind !== "room";
    $("older-button").hidden = true;
    if (!current) {
      $("conversation-title").textContent = state.rooms.size ? "Pick a conversation" : "Join a room to start";
    } else if (current.kind === "room") {
      $("conversation-title").textContent = `# ${current.name}`;
      const entry = roomState(current.name);
      items = [...entry.messages.values()].sort((a, b) => a.seq - b.seq);
      $("older-button").hidden = !(entry.oldest > 1 && entry.oldest !== Infinity);
    } else {
      $("conversation-title").textContent = `@ ${current.name}`;
      items = [...dmState(current.name).messages.values()].sort((a, b) => a.sentAt.localeCompare(b.sentAt));
    }
    list.replaceChildren(...items.map(renderMessage));
    if (keepScroll) box.scrollTop = box.scrollHeight - previousHeight;
    else if (atBottom || !keepScroll) box.scrollTop = box.scrollHeight;
  }

  function renderMessage(m) {
    const li = document.createElement("li");
    li.className = m.from === state.user ? "msg mine" : "msg";
    if (m.seq !== undefined) li.dataset.seq = String(m.seq);
    const meta = document.createElement("div");
    meta.className = "meta";
    const from = document.createElement("span");
    from.className = "from";
    from.textContent = m.from;
    const time = document.createElement("time");
    time.dateTime = m.sentAt;
    time.textContent = new Date(m.sentAt).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
    meta.append(from, time);
    const text = document.createElement("div");
    text.className = "text";
    text.textContent = m.text;
    li.append(meta, text);
    return li;
  }

  function renderMembers() {
    const list = $("member-list");
    if (state.current?.kind !== "room") { list.replaceChildren(); return; }
    const members = roomState(state.current.name).members;
    list.replaceChildren(...[...members.entries()].sort((a, b) => Number(b[1]) - Number(a[1]) || a[0].localeCompare(b[0])).map(([user, online]) => {
      const li = document.createElement("li");
      li.dataset.user = user;
      li.dataset.online = String(online);
      const dot = document.createElement("span");
      dot.className = online ? "dot online" : "dot";
      const name = document.createElement("span");
      name.textContent = user === state.user ? `${user} (you)` : user;
      li.append(dot, name);
      return li;
    }));
  }

  function renderTyping() {
    const line = $("typing");
    if (state.current?.kind !== "room") { line.textContent = ""; return; }
    const users = [...roomState(state.current.name).typing.keys()];
    line.textContent = users.length === 0 ? "" : `${users.join(", ")} ${users.length === 1 ? "is" : "are"} typing…`;
  }

  function setStatus(text) {
    const status = $("status");
    status.textContent = text;
    status.classList.toggle("online", text === "online");
  }

  function updateComposer() {
    const enabled = state.connected && state.current !== null;
    $("send-text").disabled = !enabled;
    $("send-button").disabled = !enabled;
  }

  function showError(message) {
    $("app-error").textContent = message || "";
    if (message) setTimeout(() => { if ($("app-error").textContent === message) $("app-error").textContent = ""; }, 6000);
  }

  // ---------- user actions ----------

  async function login(event) {
    event.preventDefault();
    $("login-error").textContent = "";
    const user = $("login-user").value.trim();
    const pasted = $("login-token").value.trim();
    try {
      if (pasted) {
        state.token = pasted;
        state.tokenFromServer = false;
        state.user = subjectOf(pasted);
      } else {
        if (!ID_PATTERN.test(user)) throw new Error("Use 1 to 64 characters of A-Z, a-z, 0-9, _ . -");
        const response = await fetchDevToken(user);
        if (response.status === 404) {
          $("token-box").open = true;
          throw new Error("This server issues no development tokens: paste a token.");
        }
        const body = await response.json();
        if (!response.ok) throw new Error(body.message || "Could not sign in.");
        state.token = body.token;
        state.tokenFromServer = true;
        state.user = user;
      }
    } catch (e) {
      $("login-error").textContent = e.message;
      return;
    }
    $("me-name").textContent = state.user;
    $("login").hidden = true;
    $("app").hidden = false;
    connect();
  }

  function subjectOf(token) {
    try {
      const payload = JSON.parse(atob(token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/")));
      if (payload.sub) return payload.sub;
    } catch { /* fall through */ }
    throw new Error("That does not look like a token with a 'sub'.");
  }

  async function joinRoom(event) {
    event.preventDefault();
    const room = $("join-room").value.trim();
    try {
      const ack = await send({ type: "join", room });
      const entry = roomState(room);
      $("join-room").value = "";
      if (ack.lastSeq > entry.lastSeq) await loadLatest(room);
      await refreshMembers(room);
      select({ kind: "room", name: room });
    } catch (e) { showError(e.message); }
  }

  async function leaveRoom() {
    if (state.current?.kind !== "room") return;
    const room = state.current.name;
    try {
      await send({ type: "leave", room });
      state.rooms.delete(room);
      select(null);
    } catch (e) { showError(e.message); }
  }

  function openDm(event) {
    event.preventDefault();
    const peer = $("dm-user").value.trim();
    if (!ID_PATTERN.test(peer)) { showError("Invalid user name."); return; }
    dmState(peer);
    $("dm-user").value = "";
    select({ kind: "dm", name: peer });
  }

  async function sendMessage(event) {
    event.preventDefault();
    const input = $("send-text");
    const text = input.value.trim();
    if (!text || !state.current) return;
    // Sending the same text to the same place again after a failure reuses its clientMsgId: if the first
    // attempt was stored after all, the server answers with it instead of storing a duplicate.
    const target = `${state.current.kind}:${state.current.name}`;
    const clientMsgId = state.unsent && state.unsent.text === text && state.unsent.target === target
      ? state.unsent.clientMsgId
      : (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`);
    state.unsent = { text, target, clientMsgId };
    const frame = state.current.kind === "room"
      ? { type: "send", room: state.current.name, text, clientMsgId }
      : { type: "dm", to: state.current.name, text, clientMsgId };
    input.value = "";
    try {
      await sendWithRetry(frame);
      if (state.unsent?.clientMsgId === clientMsgId) state.unsent = null;
    } catch (e) {
      input.value = text;
      showError(e.message);
    }
  }

  function typing() {
    if (state.current?.kind !== "room") return;
    const now = Date.now();
    if (now - state.lastTypingSent < 2500) return;
    state.lastTypingSent = now;
    sendNoReply({ type: "typing", room: state.current.name });
  }

  $("login-form").addEventListener("submit", login);
  $("join-form").addEventListener("submit", joinRoom);
  $("dm-form").addEventListener("submit", openDm);
  $("send-form").addEventListener("submit", sendMessage);
  $("send-text").addEventListener("input", typing);
  $("leave-button").addEventListener("click", leaveRoom);
  $("older-button").addEventListener("click", loadOlder);

  // For tests and debugging: inspect state; drop the socket as a network failure would (the client then
  // reconnects by itself); or stay offline until goOnline().
  window.orleansChat = {
    state,
    dropConnection() { if (state.socket) state.socket.close(4000, "dropped"); },
    goOffline() { state.offline = true; clearTimeout(state.reconnectTimer); if (state.socket) state.socket.close(4000, "offline"); },
    goOnline() { state.offline = false; if (!state.socket) connect(); },
  };
})();
