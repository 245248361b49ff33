/**
 * The pages a person sees at the end of installing podsensei (Bolt's `callbackOptions`): what
 * happened in plain words, and where to start again. Bolt's defaults only name an error code.
 * The failures come from `@slack/oauth` `InstallProvider.handleCallback`: `access_denied` (the
 * person pressed Cancel) is its `AuthorizationError`; a state that is missing, forged, expired
 * (the cookie lives 10 minutes) or from another browser is `MissingStateError` /
 * `InvalidStateError`; anything else (Slack refusing the code exchange, the store failing) is
 * ours to log.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AppOptions, Installation } from "@slack/bolt";

/** Where installs start and where Slack sends the browser back (Bolt's defaults, made explicit). */
export const INSTALL_PATH = "/slack/install";
export const REDIRECT_PATH = "/slack/oauth_redirect";

type CallbackOptions = NonNullable<NonNullable<AppOptions["installerOptions"]>["callbackOptions"]>;

/** A coded error as `@slack/oauth` hands it to `failure`. */
interface CodedError {
  code?: string;
  message: string;
}

function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );
}

function page(res: ServerResponse, status: number, title: string, body: string): void {
  res.writeHead(status, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
  res.end(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
      `<body style="font-family: sans-serif; max-width: 40em; margin: 3em auto"><h1>${escapeHtml(title)}</h1>${body}</body></html>`,
  );
}

const again = `<p><a href="${INSTALL_PATH}">Start the installation again</a>.</p>`;

/** What a failed install shows, by `@slack/oauth` error code: HTTP status, title, explanation. */
export function failurePage(code: string | undefined): { status: number; title: string; body: string } {
  switch (code) {
    case "slack_oauth_installer_authorization_error":
      return {
        status: 403,
        title: "Installation cancelled",
        body: `<p>podsensei was not installed: the installation was cancelled in Slack.</p>${again}`,
      };
    case "slack_oauth_missing_state":
    case "slack_oauth_invalid_state":
      return {
        status: 400,
        title: "This installation link has expired",
        body: `<p>podsensei was not installed: this page was not reached from an installation started in this browser in the last 10 minutes.</p>${again}`,
      };
    case "slack_oauth_missing_code":
      return {
        status: 400,
        title: "Slack sent no authorization",
        body: `<p>podsensei was not installed: Slack's answer carried no authorization code.</p>${again}`,
      };
    default:
      return {
        status: 500,
        title: "The installation did not complete",
        body: `<p>podsensei was not installed: Slack did not confirm the installation. Please try once more; if it fails again, tell whoever runs podsensei (their log has the details).</p>${again}`,
      };
  }
}

/** Bolt `callbackOptions` with our pages; `onFailure` gets every failure for the log. */
export function callbackPages(onFailure: (error: CodedError) => void): CallbackOptions {
  return {
    success: (installation: Installation, _options, _req: IncomingMessage, res: ServerResponse) => {
      const where = installation.isEnterpriseInstall
        ? `your organisation ${installation.enterprise?.name ?? ""}`
        : `the workspace ${installation.team?.name ?? installation.team?.id ?? ""}`;
      page(
        res,
        200,
        "podsensei is installed",
        `<p>podsensei is installed in ${escapeHtml(where.trim())}.</p>` +
          "<p>Open Slack and send podsensei a direct message, or type <code>/kube start</code> in any channel.</p>",
      );
    },
    failure: (error: CodedError, _options, _req: IncomingMessage, res: ServerResponse) => {
      onFailure(error);
      const p = failurePage(error.code);
      page(res, p.status, p.title, p.body);
    },
  };
}
