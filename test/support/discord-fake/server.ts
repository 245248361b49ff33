/**
 * A Discord stand-in on loopback for driving the real discord.js client: one HTTP server that is
 * the REST API (`/api/v10/...`, every call recorded, multipart bodies decoded), serves attachment
 * downloads (`/files/<name>`), and upgrades `/gateway` to a gateway websocket (HELLO, IDENTIFY,
 * heartbeats and ACKs, READY, GUILD_CREATE, RESUME, RECONNECT, then test-sent dispatches).
 * Follows shared/reference/chat-platforms.md B2-B4.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";
import { APP_ID, BOT_USER, CHANNEL_ID, GUILD_ID, guildCreate, messageObject } from "./payloads.js";

/** One REST request as the stand-in saw it. */
export interface RestCall {
  method: string;
  /** Path after `/api/v10`, percent-decoded (`@original`). */
  path: string;
  query: URLSearchParams;
  /** The `Authorization` header, if any. */
  auth: string | undefined;
  /** JSON body, or the multipart `payload_json`. */
  body: any;
  files: { field: string; name: string; data: Buffer; type: string }[];
  at: number;
}

/** One gateway connection. */
interface Session {
  ws: WebSocket;
  seq: number;
  sessionId: string;
  identified: boolean;
}

/** The stand-in; see the module comment. */
export class DiscordFake {
  readonly calls: RestCall[] = [];
  /** IDENTIFY payloads received, in order. */
  readonly identifies: any[] = [];
  /** RESUME payloads received, in order. */
  readonly resumes: any[] = [];
  /** Heartbeats received. */
  heartbeats = 0;
  /** Files served under `/files/<name>`. */
  readonly files = new Map<string, Buffer>();
  /** Extra responses by `METHOD path` (e.g. to make a route fail). */
  readonly overrides = new Map<string, (call: RestCall) => { status: number; body?: unknown }>();
  /** One-shot response delays: the first call matching `pred` is answered `ms` late. */
  readonly #delays: { pred: (c: RestCall) => boolean; ms: number }[] = [];
  readonly #http: Server;
  readonly #wss: WebSocketServer;
  readonly #sessions = new Set<Session>();
  #sessionCount = 0;
  #messageCount = 0;
  port = 0;

  private constructor(readonly heartbeatMs: number) {
    this.#http = createServer((req, res) => void this.#rest(req, res));
    this.#wss = new WebSocketServer({ noServer: true });
    this.#http.on("upgrade", (req, socket, head) => {
      this.#wss.handleUpgrade(req, socket, head, (ws) => this.#connect(ws));
    });
  }

  /** Starts the stand-in on a free loopback port. */
  static async start(heartbeatMs = 1000): Promise<DiscordFake> {
    const fake = new DiscordFake(heartbeatMs);
    await new Promise<void>((resolve) => fake.#http.listen(0, "127.0.0.1", resolve));
    fake.port = (fake.#http.address() as AddressInfo).port;
    return fake;
  }

  /** The REST base to give discord.js (`rest.api`). */
  get api(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  /** URL of a served file. */
  fileUrl(name: string): string {
    return `http://127.0.0.1:${this.port}/files/${encodeURIComponent(name)}`;
  }

  /** Open, identified gateway sessions. */
  get liveSessions(): number {
    return [...this.#sessions].filter((s) => s.identified).length;
  }

  /** Sends a dispatch to every identified session. */
  dispatch(t: string, d: unknown): void {
    for (const s of this.#sessions) if (s.identified) this.#send(s, { op: 0, t, s: ++s.seq, d });
  }

  /** Asks every session to reconnect (op 7). */
  requestReconnect(): void {
    for (const s of this.#sessions) s.ws.send(JSON.stringify({ op: 7, d: null }));
  }

  /** Closes every session's socket from the server side. */
  dropConnections(code = 4000): void {
    for (const s of this.#sessions) s.ws.close(code, "stand-in closed the connection");
  }

  /** Answers the next call matching `pred` only after `ms` (it is recorded on arrival, as ever). */
  delayNext(pred: (c: RestCall) => boolean, ms: number): void {
    this.#delays.push({ pred, ms });
  }

  /** Calls matching `pred`. */
  find(pred: (c: RestCall) => boolean): RestCall[] {
    return this.calls.filter(pred);
  }

  /** Resolves with the calls once `pred` matches at least `n` of them. */
  async waitFor(pred: (c: RestCall) => boolean, n = 1, timeoutMs = 15_000): Promise<RestCall[]> {
    const start = Date.now();
    for (;;) {
      const hits = this.find(pred);
      if (hits.length >= n) return hits;
      if (Date.now() - start > timeoutMs)
        throw new Error(
          `only ${hits.length} of ${n} matching REST calls within ${timeoutMs} ms; saw:\n${this.describe()}`,
        );
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Resolves once `cond` holds. */
  async until(cond: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
    const start = Date.now();
    while (!cond()) {
      if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** One line per recorded call, for failure messages. */
  describe(): string {
    return this.calls.map((c) => `${c.method} ${c.path}`).join("\n");
  }

  async close(): Promise<void> {
    for (const s of this.#sessions) s.ws.terminate();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
    this.#http.closeAllConnections();
    await new Promise<void>((resolve) => this.#http.close(() => resolve()));
  }

  #send(s: Session, payload: unknown): void {
    if (s.ws.readyState === s.ws.OPEN) s.ws.send(JSON.stringify(payload));
  }

  #connect(ws: WebSocket): void {
    const s: Session = { ws, seq: 0, sessionId: "", identified: false };
    this.#sessions.add(s);
    ws.on("close", () => this.#sessions.delete(s));
    ws.on("message", (raw) => this.#onFrame(s, JSON.parse(String(raw))));
    this.#send(s, { op: 10, d: { heartbeat_interval: this.heartbeatMs }, s: null, t: null });
  }

  #onFrame(s: Session, p: { op: number; d: any }): void {
    if (p.op === 1) {
      this.heartbeats++;
      this.#send(s, { op: 11, d: null });
    } else if (p.op === 2) {
      this.identifies.push(p.d);
      s.sessionId = `session-${++this.#sessionCount}`;
      s.identified = true;
      const shard = p.d.shard ?? [0, 1];
      this.#send(s, {
        op: 0,
        t: "READY",
        s: ++s.seq,
        d: {
          v: 10,
          user: BOT_USER,
          guilds: [{ id: GUILD_ID, unavailable: true }],
          session_id: s.sessionId,
          resume_gateway_url: `ws://127.0.0.1:${this.port}/gateway`,
          application: { id: APP_ID, flags: 0 },
          shard,
        },
      });
      this.#send(s, { op: 0, t: "GUILD_CREATE", s: ++s.seq, d: guildCreate() });
    } else if (p.op === 6) {
      this.resumes.push(p.d);
      s.sessionId = p.d.session_id;
      s.seq = p.d.seq ?? 0;
      s.identified = true;
      this.#send(s, { op: 0, t: "RESUMED", s: ++s.seq, d: {} });
    }
  }

  async #rest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (url.pathname.startsWith("/files/")) {
      const file = this.files.get(decodeURIComponent(url.pathname.slice("/files/".length)));
      res.writeHead(file ? 200 : 404, { "content-type": "text/plain" }).end(file ?? "not found");
      return;
    }
    const path = decodeURIComponent(url.pathname.replace(/^\/api\/v10/, ""));
    const call: RestCall = {
      method: req.method ?? "GET",
      path,
      query: url.searchParams,
      auth: req.headers.authorization,
      body: undefined,
      files: [],
      at: Date.now(),
    };
    const type = req.headers["content-type"] ?? "";
    if (type.startsWith("multipart/form-data")) {
      const form = await new Request("http://x", {
        method: "POST",
        headers: { "content-type": type },
        body: raw,
      }).formData();
      for (const [field, value] of form.entries()) {
        if (field === "payload_json") call.body = JSON.parse(String(value));
        else if (typeof value !== "string")
          call.files.push({ field, name: value.name, data: Buffer.from(await value.arrayBuffer()), type: value.type });
      }
    } else if (raw.length > 0) {
      call.body = JSON.parse(raw.toString("utf8"));
    }
    this.calls.push(call);
    const delay = this.#delays.findIndex((d) => d.pred(call));
    if (delay >= 0) await new Promise((r) => setTimeout(r, this.#delays.splice(delay, 1)[0]!.ms));
    const override = this.overrides.get(`${call.method} ${path}`);
    const out = override ? override(call) : this.#route(call);
    if (out.status === 204) res.writeHead(204).end();
    else res.writeHead(out.status, { "content-type": "application/json" }).end(JSON.stringify(out.body ?? {}));
  }

  #route(c: RestCall): { status: number; body?: unknown } {
    const p = c.path;
    if (c.method === "GET" && p === "/gateway/bot")
      return {
        status: 200,
        body: {
          url: `ws://127.0.0.1:${this.port}/gateway`,
          shards: 1,
          session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
        },
      };
    if (c.method === "POST" && /^\/interactions\/[^/]+\/[^/]+\/callback$/.test(p)) return { status: 204 };
    if (c.method === "DELETE" && /^\/webhooks\/[^/]+\/[^/]+\/messages\/@original$/.test(p)) return { status: 204 };
    if (c.method === "PUT" && /^\/applications\/[^/]+(\/guilds\/[^/]+)?\/commands$/.test(p))
      return {
        status: 200,
        body: (c.body as any[]).map((cmd, i) => ({ ...cmd, id: `${900 + i}`, application_id: APP_ID, version: "1" })),
      };
    const channel = /^\/channels\/([^/]+)\/messages$/.exec(p)?.[1];
    if (c.method === "POST" && channel) return { status: 200, body: this.#message(channel, c.body) };
    if (/^\/webhooks\/[^/]+\/[^/]+(\/messages\/@original)?$/.test(p) && (c.method === "POST" || c.method === "PATCH"))
      return { status: 200, body: this.#message(CHANNEL_ID, c.body) };
    return { status: 404, body: { message: `stand-in has no route ${c.method} ${p}`, code: 0 } };
  }

  #message(channelId: string, body: any) {
    return messageObject({
      id: `${5000 + ++this.#messageCount}`,
      channel_id: channelId,
      author: BOT_USER,
      content: body?.content ?? "",
      embeds: body?.embeds ?? [],
    });
  }
}
