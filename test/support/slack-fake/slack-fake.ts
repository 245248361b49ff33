/**
 * A loopback stand-in for Slack: the Web API (`clientOptions.slackApiUrl`), the file upload URL of
 * `files.uploadV2`, private file downloads, a Socket Mode websocket, and the OAuth code exchange
 * (`oauth.v2.access`) with per-workspace bot tokens. It records every Web API call so tests can
 * assert the exact calls a real Bolt app made (shared/reference/chat-platforms.md A2, A3).
 *
 * Bot tokens are known per workspace (`xoxb-test` is workspace T1's); a call with an unknown bot
 * token answers `invalid_auth` and one with a revoked token `token_revoked`, as Slack does.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";

/** One Web API call as the fake received it. */
export interface ApiCall {
  method: string;
  /** Arguments; JSON-valued form fields (`blocks`, `view`, `files`) are parsed. */
  args: Record<string, unknown>;
  token: string | undefined;
  at: number;
  /** What the fake answered. */
  response?: Record<string, unknown>;
}

/** One upload to the URL `files.getUploadURLExternal` handed out. */
export interface Upload {
  fileId: string;
  body: Buffer;
}

/** A Socket Mode envelope's acknowledgement. */
export interface SocketAck {
  envelopeId: string;
  payload: unknown;
  ms: number;
}

const JSON_FIELDS = new Set(["blocks", "view", "files", "attachments"]);

/** A bot token's workspace, as `auth.test` reports it. */
export interface TokenOwner {
  teamId: string | null;
  teamName?: string;
  enterpriseId?: string;
  enterpriseName?: string;
  botUserId: string;
  botId: string;
  orgWide?: boolean;
}

/** The app's OAuth client, as `oauth.v2.access` checks it. */
export const CLIENT_ID = "1111.2222";
export const CLIENT_SECRET = "test-client-secret";

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** The fake. `start()` before creating the app. */
export class SlackFake {
  readonly calls: ApiCall[] = [];
  readonly uploads: Upload[] = [];
  /** Files served at `/files/<name>` (what `url_private_download` points to). */
  readonly served = new Map<string, string>();
  /** What `users.info` answers per user id (merged over `{ id }`). */
  readonly users = new Map<string, Record<string, unknown>>();
  /** What `conversations.info` answers per channel id (merged over `{ id }`), e.g. `{ creator }`. */
  readonly channels = new Map<string, Record<string, unknown>>();
  /** Methods that answer `{ ok: false, error }` next time, once each. */
  readonly failNext = new Map<string, string>();
  /** One-shot response delays: the first call matching `pred` is answered `ms` late (recorded on arrival). */
  readonly #delays: { pred: (c: ApiCall) => boolean; ms: number }[] = [];
  /** Bot tokens and whose they are. */
  readonly tokens = new Map<string, TokenOwner>([["xoxb-test", { teamId: "T1", botUserId: "UBOT", botId: "BBOT" }]]);
  /** Revoked bot tokens. */
  readonly revoked = new Set<string>();
  /** Authorization codes Slack handed to the browser, each good for one exchange. */
  readonly #grants = new Map<string, { token: string; installer: string; scope: string }>();
  #server: Server | undefined;
  #wss: WebSocketServer | undefined;
  #sockets: WebSocket[] = [];
  #seq = 0;
  #acks = new Map<string, (ack: SocketAck) => void>();
  #sentAt = new Map<string, number>();

  get base(): string {
    const port = (this.#server?.address() as AddressInfo | null)?.port;
    return `http://127.0.0.1:${port}`;
  }

  get apiUrl(): string {
    return `${this.base}/api/`;
  }

  async start(): Promise<void> {
    this.#server = createServer((req, res) => {
      this.#handle(req, res).catch((err: unknown) => {
        res.writeHead(500).end(String(err));
      });
    });
    this.#wss = new WebSocketServer({ server: this.#server, path: "/socket" });
    this.#wss.on("connection", (ws) => {
      this.#sockets.push(ws);
      ws.on("message", (data) => {
        const msg = JSON.parse(String(data)) as { envelope_id?: string; payload?: unknown };
        const id = msg.envelope_id;
        if (!id) return;
        const done = this.#acks.get(id);
        this.#acks.delete(id);
        done?.({ envelopeId: id, payload: msg.payload, ms: Date.now() - (this.#sentAt.get(id) ?? Date.now()) });
      });
      ws.on("close", () => {
        this.#sockets = this.#sockets.filter((s) => s !== ws);
      });
      ws.send(JSON.stringify({ type: "hello", num_connections: 1, connection_info: { app_id: "A1" } }));
    });
    await new Promise<void>((resolve) => this.#server?.listen(0, "127.0.0.1", resolve));
  }

  async stop(): Promise<void> {
    for (const s of this.#sockets) s.terminate();
    this.#wss?.close();
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()));
  }

  /** Calls of one method. */
  /** Answers the next call matching `pred` only after `ms`. */
  delayNext(pred: (c: ApiCall) => boolean, ms: number): void {
    this.#delays.push({ pred, ms });
  }

  callsOf(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Waits until `pred` holds over the recorded calls; returns the matching calls. */
  async waitFor(pred: (c: ApiCall) => boolean, count = 1, timeoutMs = 20_000): Promise<ApiCall[]> {
    const start = Date.now();
    for (;;) {
      const hits = this.calls.filter(pred);
      if (hits.length >= count) return hits;
      if (Date.now() - start > timeoutMs)
        throw new Error(
          `only ${hits.length} of ${count} matching calls within ${timeoutMs} ms; calls: ${this.calls.map((c) => c.method).join(", ")}`,
        );
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** Sends a Socket Mode envelope and resolves with the app's acknowledgement. */
  async envelope(
    type: "events_api" | "slash_commands" | "interactive",
    payload: unknown,
    retryAttempt = 0,
  ): Promise<SocketAck> {
    const start = Date.now();
    while (this.#sockets.length === 0) {
      if (Date.now() - start > 10_000) throw new Error("no Socket Mode connection");
      await new Promise((r) => setTimeout(r, 20));
    }
    const id = `env-${++this.#seq}`;
    const acked = new Promise<SocketAck>((resolve) => this.#acks.set(id, resolve));
    this.#sentAt.set(id, Date.now());
    this.#sockets[0]?.send(
      JSON.stringify({
        envelope_id: id,
        type,
        payload,
        accepts_response_payload: type !== "events_api",
        retry_attempt: retryAttempt,
        retry_reason: retryAttempt > 0 ? "timeout" : "",
      }),
    );
    return acked;
  }

  /**
   * Slack's authorize page (`https://slack.com/oauth/v2/authorize?…`, where the install path sends
   * the browser) when the person presses Allow: the query the browser brings back to the app's
   * redirect URL, a one-time code and the state, behind which lies `token` for the workspace (or,
   * org-wide, the organisation) of `owner`.
   */
  approve(authorizeUrl: string, token: string, owner: TokenOwner, installer = "U-INSTALLER"): URLSearchParams {
    const q = new URL(authorizeUrl).searchParams;
    if (q.get("client_id") !== CLIENT_ID) throw new Error(`authorize URL for another app: ${authorizeUrl}`);
    const code = `code-${++this.#seq}`;
    this.tokens.set(token, owner);
    this.#grants.set(code, { token, installer, scope: q.get("scope") ?? "" });
    return new URLSearchParams({ code, state: q.get("state") ?? "" });
  }

  /** The same page when the person presses Cancel. */
  deny(authorizeUrl: string): URLSearchParams {
    return new URLSearchParams({
      error: "access_denied",
      state: new URL(authorizeUrl).searchParams.get("state") ?? "",
    });
  }

  #oauthAccess(args: Record<string, unknown>, basic: string | undefined): Record<string, unknown> {
    const [id, secret] = basic
      ? Buffer.from(basic, "base64").toString("utf8").split(":")
      : [String(args.client_id), String(args.client_secret)];
    if (id !== CLIENT_ID || secret !== CLIENT_SECRET) return { ok: false, error: "invalid_client_id" };
    const grant = this.#grants.get(String(args.code));
    if (!grant) return { ok: false, error: "invalid_code" };
    this.#grants.delete(String(args.code));
    const o = this.tokens.get(grant.token) as TokenOwner;
    return {
      ok: true,
      access_token: grant.token,
      token_type: "bot",
      scope: grant.scope,
      bot_user_id: o.botUserId,
      app_id: "A1",
      team: o.teamId ? { id: o.teamId, name: o.teamName ?? o.teamId } : null,
      enterprise: o.enterpriseId ? { id: o.enterpriseId, name: o.enterpriseName ?? o.enterpriseId } : null,
      is_enterprise_install: o.orgWide === true,
      authed_user: { id: grant.installer },
    };
  }

  #ts(): string {
    return `1800000000.${String(++this.#seq).padStart(6, "0")}`;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.base);
    const body = await readBody(req);
    let current: ApiCall | undefined;
    const json = (status: number, data: Record<string, unknown>): void => {
      if (current) current.response = data;
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(data));
    };
    if (url.pathname.startsWith("/files/")) {
      const text = this.served.get(decodeURIComponent(url.pathname.slice("/files/".length)));
      const bearer = req.headers.authorization?.replace(/^Bearer /, "") ?? "";
      if (text === undefined || !this.tokens.has(bearer) || this.revoked.has(bearer))
        return void res.writeHead(404).end();
      return void res.writeHead(200, { "content-type": "text/plain" }).end(text);
    }
    if (url.pathname.startsWith("/upload/")) {
      this.uploads.push({ fileId: url.pathname.slice("/upload/".length), body });
      return void res.writeHead(200).end("OK");
    }
    if (!url.pathname.startsWith("/api/")) return void res.writeHead(404).end();
    const method = url.pathname.slice("/api/".length);
    const args: Record<string, unknown> = {};
    const type = req.headers["content-type"] ?? "";
    if (type.startsWith("application/json")) Object.assign(args, JSON.parse(body.toString("utf8") || "{}"));
    else
      for (const [k, v] of new URLSearchParams(body.toString("utf8"))) args[k] = JSON_FIELDS.has(k) ? JSON.parse(v) : v;
    const token = req.headers.authorization?.replace(/^Bearer /, "");
    const call: ApiCall = { method, args, token, at: Date.now() };
    current = call;
    this.calls.push(call);
    const delay = this.#delays.findIndex((d) => d.pred(call));
    if (delay >= 0) await new Promise((r) => setTimeout(r, this.#delays.splice(delay, 1)[0]!.ms));
    const error = this.failNext.get(method);
    if (error) {
      this.failNext.delete(method);
      return json(200, { ok: false, error });
    }
    if (token?.startsWith("xoxb-") && this.revoked.has(token)) return json(200, { ok: false, error: "token_revoked" });
    const owner = token ? this.tokens.get(token) : undefined;
    if (token?.startsWith("xoxb-") && !owner) return json(200, { ok: false, error: "invalid_auth" });
    switch (method) {
      case "oauth.v2.access": {
        const basic = req.headers.authorization?.match(/^Basic (.+)$/)?.[1];
        return json(200, this.#oauthAccess(args, basic));
      }
      case "auth.test":
        if (!owner) return json(200, { ok: false, error: "not_authed" });
        return json(200, {
          ok: true,
          user_id: owner.botUserId,
          bot_id: owner.botId,
          team_id: owner.teamId,
          team: owner.teamName ?? "Test",
          user: "podsensei",
          url: `https://${owner.teamId ?? owner.enterpriseId}.slack.com/`,
          ...(owner.enterpriseId ? { enterprise_id: owner.enterpriseId } : {}),
          ...(owner.orgWide ? { is_enterprise_install: true } : {}),
        });
      case "apps.connections.open":
        return json(200, { ok: true, url: `${this.base.replace("http", "ws")}/socket` });
      case "chat.postMessage":
        return json(200, { ok: true, channel: args.channel, ts: this.#ts(), message: { text: args.text } });
      case "chat.postEphemeral":
        return json(200, { ok: true, message_ts: this.#ts() });
      case "views.open":
        return json(200, { ok: true, view: { id: `V${++this.#seq}` } });
      case "files.getUploadURLExternal": {
        const id = `F${++this.#seq}`;
        return json(200, { ok: true, upload_url: `${this.base}/upload/${id}`, file_id: id });
      }
      case "users.info":
        return json(200, { ok: true, user: { id: args.user, ...this.users.get(String(args.user)) } });
      case "conversations.info":
        return json(200, { ok: true, channel: { id: args.channel, ...this.channels.get(String(args.channel)) } });
      case "files.completeUploadExternal":
        return json(200, { ok: true, files: args.files });
      default:
        return json(200, { ok: true });
    }
  }
}
