/**
 * Probes and lifecycle handlers (pkg/apis/core/validation/validation.go validateProbe,
 * validateHandler, validateLivenessProbe, validateReadinessProbe, validateStartupProbe).
 */
import type { FieldError } from "../field-error.js";
import { child, forbidden, invalid, required, unsupported } from "./field.js";
import { IS_NEGATIVE_MSG } from "./meta.js";
import { isHTTPHeaderName, isValidPortName, isValidPortNum } from "./names.js";
import { list, num, type Obj, rec, str } from "./values.js";

/** `ValidatePortNumOrName`: an int port number or an IANA port name. */
export function validatePortNumOrName(port: unknown, path: string): FieldError[] {
  if (typeof port === "number") return isValidPortNum(port).map((msg) => invalid(path, port, msg));
  if (typeof port === "string") return isValidPortName(port).map((msg) => invalid(path, port, msg));
  return isValidPortNum(0).map((msg) => invalid(path, 0, msg));
}

const HANDLERS = ["exec", "httpGet", "tcpSocket", "grpc", "sleep"] as const;

function validateAction(
  kind: (typeof HANDLERS)[number],
  action: Obj,
  path: string,
  gracePeriod: number | undefined,
): FieldError[] {
  switch (kind) {
    case "exec":
      return list(action.command).length === 0 ? [required(child(path, "command"))] : [];
    case "httpGet": {
      const errs: FieldError[] = [];
      if (!str(action.path)) errs.push(required(child(path, "path")));
      errs.push(...validatePortNumOrName(action.port, child(path, "port")));
      const scheme = str(action.scheme);
      if (scheme !== "HTTP" && scheme !== "HTTPS")
        errs.push(unsupported(child(path, "scheme"), scheme, ["HTTP", "HTTPS"]));
      for (const h of list(action.httpHeaders)) {
        const name = str(rec(h)?.name);
        for (const msg of isHTTPHeaderName(name)) errs.push(invalid(child(path, "httpHeaders"), name, msg));
      }
      return errs;
    }
    case "tcpSocket":
      return validatePortNumOrName(action.port, child(path, "port"));
    case "grpc":
      return validatePortNumOrName(num(action.port) ?? 0, child(path, "port"));
    case "sleep": {
      const seconds = num(action.seconds) ?? 0;
      if (gracePeriod !== undefined && (seconds < 0 || seconds > gracePeriod)) {
        return [
          invalid(path, seconds, `must be non-negative and less than terminationGracePeriodSeconds (${gracePeriod})`),
        ];
      }
      return [];
    }
  }
}

/** `validateHandler`: exactly one handler; `allowed` lists the kinds this handler may use. */
export function validateHandler(
  handler: Obj,
  path: string,
  allowed: readonly (typeof HANDLERS)[number][],
  gracePeriod: number | undefined,
): FieldError[] {
  const errs: FieldError[] = [];
  let count = 0;
  for (const kind of allowed) {
    const action = rec(handler[kind]);
    if (!action) continue;
    if (count > 0) {
      errs.push(forbidden(child(path, kind), "may not specify more than 1 handler type"));
    } else {
      count++;
      errs.push(...validateAction(kind, action, child(path, kind), gracePeriod));
    }
  }
  if (count === 0) errs.push(required(path, "must specify a handler type"));
  return errs;
}

const PROBE_HANDLERS = ["exec", "httpGet", "tcpSocket", "grpc"] as const;
const LIFECYCLE_HANDLERS = ["exec", "httpGet", "tcpSocket", "sleep"] as const;

function validateProbe(probe: Obj, path: string, gracePeriod: number | undefined): FieldError[] {
  const errs = validateHandler(probe, path, PROBE_HANDLERS, gracePeriod);
  for (const f of ["initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold"]) {
    const v = num(probe[f]) ?? 0;
    if (v < 0) errs.push(invalid(child(path, f), v, IS_NEGATIVE_MSG));
  }
  const tgps = num(probe.terminationGracePeriodSeconds);
  if (tgps !== undefined && tgps <= 0)
    errs.push(invalid(child(path, "terminationGracePeriodSeconds"), tgps, "must be greater than 0"));
  return errs;
}

/** Liveness, readiness and startup probes of one container, in upstream's order. */
export function validateProbes(c: Obj, path: string, gracePeriod: number | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const liveness = rec(c.livenessProbe);
  if (liveness) {
    errs.push(...validateProbe(liveness, child(path, "livenessProbe"), gracePeriod));
    const st = num(liveness.successThreshold) ?? 0;
    if (st !== 1) errs.push(invalid(child(path, "livenessProbe", "successThreshold"), st, "must be 1"));
  }
  const readiness = rec(c.readinessProbe);
  if (readiness) {
    errs.push(...validateProbe(readiness, child(path, "readinessProbe"), gracePeriod));
    const tgps = num(readiness.terminationGracePeriodSeconds);
    if (tgps !== undefined) {
      errs.push(
        invalid(
          child(path, "readinessProbe", "terminationGracePeriodSeconds"),
          tgps,
          "must not be set for readinessProbes",
        ),
      );
    }
  }
  const startup = rec(c.startupProbe);
  if (startup) {
    errs.push(...validateProbe(startup, child(path, "startupProbe"), gracePeriod));
    const st = num(startup.successThreshold) ?? 0;
    if (st !== 1) errs.push(invalid(child(path, "startupProbe", "successThreshold"), st, "must be 1"));
  }
  return errs;
}

/** `validateLifecycle`: postStart and preStop handlers. */
export function validateLifecycle(lifecycle: Obj, path: string, gracePeriod: number | undefined): FieldError[] {
  const errs: FieldError[] = [];
  for (const hook of ["postStart", "preStop"]) {
    const h = rec(lifecycle[hook]);
    if (h) errs.push(...validateHandler(h, child(path, hook), LIFECYCLE_HANDLERS, gracePeriod));
  }
  return errs;
}
