/**
 * The small HTTP server both processes run for the platform around them: `GET /healthz`
 * (liveness), `GET /readyz` (readiness, JSON, 503 when not ready) and `GET /metrics`
 * (Prometheus text). Nothing else is served.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Metrics } from "./metrics.js";
import { checkReadiness, type ReadinessCheck } from "./readiness.js";

/** Options of {@link startHttpServer}. */
export interface HttpServerOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  metrics: Metrics;
  checks: ReadinessCheck[];
}

/** A running health server. */
export interface HttpServerHandle {
  /** The port it listens on. */
  port: number;
  /** Makes `/readyz` answer 503 from now on (first step of a graceful shutdown). */
  drain(): void;
  close(): Promise<void>;
}

/** Starts the server and resolves once it listens. */
export async function startHttpServer(opts: HttpServerOptions): Promise<HttpServerHandle> {
  let draining = false;
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
      res.end(body);
    };
    if (req.method !== "GET" && req.method !== "HEAD") return send(405, "text/plain", "method not allowed\n");
    if (path === "/healthz") return send(200, "text/plain", "ok\n");
    if (path === "/readyz") {
      if (draining)
        return send(
          503,
          "application/json",
          `${JSON.stringify({ ready: false, checks: [{ name: "shutdown", ok: false, error: "shutting down" }] })}\n`,
        );
      void checkReadiness(opts.checks).then((report) =>
        send(report.ready ? 200 : 503, "application/json", `${JSON.stringify(report)}\n`),
      );
      return;
    }
    if (path === "/metrics") {
      void opts.metrics.scrape().then(
        (m) => send(200, m.contentType, m.body),
        (err: unknown) =>
          send(500, "text/plain", `metrics failed: ${err instanceof Error ? err.message : String(err)}\n`),
      );
      return;
    }
    send(404, "text/plain", "not found\n");
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    drain: () => {
      draining = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
