/**
 * Signed requests to a Bolt HTTP receiver, as Slack sends them: HMAC-SHA256 over
 * `v0:<timestamp>:<raw body>` with the signing secret (bolt-js src/receivers/verify-request.ts),
 * JSON for events and bare `application/x-www-form-urlencoded` for commands and interactivity.
 */
import { createHmac } from "node:crypto";

export const SIGNING_SECRET = "test-signing-secret";

/** Options of {@link postSigned}. */
export interface SignOptions {
  secret?: string;
  /** Unix seconds; default now. */
  timestamp?: number;
  headers?: Record<string, string>;
}

/** Posts `body` signed; resolves to the status, body text and how long the answer took. */
export async function postSigned(
  url: string,
  body: string,
  contentType: "application/json" | "application/x-www-form-urlencoded",
  o: SignOptions = {},
): Promise<{ status: number; text: string; ms: number }> {
  const ts = String(o.timestamp ?? Math.floor(Date.now() / 1000));
  const sig = `v0=${createHmac("sha256", o.secret ?? SIGNING_SECRET)
    .update(`v0:${ts}:${body}`)
    .digest("hex")}`;
  const start = Date.now();
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": contentType, "x-slack-request-timestamp": ts, "x-slack-signature": sig, ...o.headers },
    body,
  });
  const text = await res.text();
  return { status: res.status, text, ms: Date.now() - start };
}

/** Which install an event is for: workspace, its organisation, and whether the install is org-wide. */
export interface EventSource {
  team?: string;
  enterprise?: string;
  orgWide?: boolean;
  /** The bot user of that install; default `UBOT`. */
  botUserId?: string;
}

/** An Events API envelope around `event`. */
export function eventEnvelope(
  event: Record<string, unknown>,
  eventId: string,
  team = "T1",
  src: Omit<EventSource, "team"> = {},
): Record<string, unknown> {
  return {
    token: "verification-token",
    team_id: team,
    ...(src.enterprise ? { enterprise_id: src.enterprise } : {}),
    api_app_id: "A1",
    type: "event_callback",
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      {
        enterprise_id: src.enterprise ?? null,
        team_id: team,
        user_id: src.botUserId ?? "UBOT",
        is_bot: true,
        is_enterprise_install: src.orgWide === true,
      },
    ],
    event,
  };
}

/** Posts an Events API event (from workspace T1 unless `o.team` says otherwise). */
export function postEvent(
  url: string,
  event: Record<string, unknown>,
  eventId: string,
  o: SignOptions & EventSource = {},
) {
  return postSigned(url, JSON.stringify(eventEnvelope(event, eventId, o.team, o)), "application/json", o);
}

/** The form fields of a `/kube` slash command. */
export function commandFields(text: string, over: Record<string, string> = {}): Record<string, string> {
  return {
    token: "verification-token",
    team_id: "T1",
    team_domain: "test",
    channel_id: "C1",
    channel_name: "general",
    user_id: "U1",
    user_name: "learner",
    command: "/kube",
    text,
    api_app_id: "A1",
    response_url: "http://127.0.0.1:9/respond",
    trigger_id: `trigger-${Math.random().toString(36).slice(2)}`,
    ...over,
  };
}

/** Posts a slash command. */
export function postCommand(url: string, fields: Record<string, string>, o: SignOptions = {}) {
  return postSigned(url, new URLSearchParams(fields).toString(), "application/x-www-form-urlencoded", o);
}

/** Posts an interactive payload (button click, shortcut, modal submission). */
export function postInteractive(url: string, payload: Record<string, unknown>, o: SignOptions = {}) {
  return postSigned(
    url,
    new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    "application/x-www-form-urlencoded",
    o,
  );
}
