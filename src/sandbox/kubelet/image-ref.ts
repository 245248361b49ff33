/**
 * Image references as the kubelet reads them: Docker's normalisation (`nginx` →
 * `docker.io/library/nginx:latest`) and the parse errors a node reports as `InvalidImageName`
 * (github.com/distribution/reference normalize.go ParseNormalizedNamed, regexp.go grammar;
 * pkg/util/parsers/parsers.go ParseImageName; pkg/kubelet/images/image_manager.go applyDefaultImageTag).
 */

/** A parsed, normalised reference. */
export interface ImageRef {
  /** The reference exactly as written in the pod spec. */
  raw: string;
  /** Registry host, `docker.io` when none is written. */
  domain: string;
  /** Repository path inside the registry, `library/nginx` for official images. */
  path: string;
  /** Tag (`latest` when neither tag nor digest is given). */
  tag: string | null;
  digest: string | null;
  /** `docker.io/library/nginx:1.27` (or `@sha256:...`). */
  full: string;
}

export type ImageRefResult = { ok: true; ref: ImageRef } | { ok: false; message: string };

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN =
  /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:]+\])(?::[0-9]+)?$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;
const HEX64 = /^[a-f0-9]{64}$/;

/** Splits off the registry host as Docker does: the first component is a host when it has `.` or `:` or is `localhost`. */
function splitDomain(name: string): { domain: string; remainder: string } {
  const i = name.indexOf("/");
  const first = i < 0 ? "" : name.slice(0, i);
  if (
    i < 0 ||
    (!first.includes(".") && !first.includes(":") && first !== "localhost" && first.toLowerCase() === first)
  ) {
    const remainder = i < 0 || !name.includes("/") ? `library/${name}` : name;
    return { domain: "docker.io", remainder };
  }
  const domain = first === "index.docker.io" ? "docker.io" : first;
  let remainder = name.slice(i + 1);
  if (domain === "docker.io" && !remainder.includes("/")) remainder = `library/${remainder}`;
  return { domain, remainder };
}

/**
 * Parses an image reference; on failure returns the message the kubelet puts in the
 * `InspectFailed` event (`Failed to apply default image tag "X": couldn't parse image name "X": ...`).
 */
export function parseImageRef(raw: string): ImageRefResult {
  const fail = (why: string): ImageRefResult => ({
    ok: false,
    message: `Failed to apply default image tag ${JSON.stringify(raw)}: couldn't parse image name ${JSON.stringify(raw)}: ${why}`,
  });
  if (raw === "" || raw.trim() !== raw) return fail("invalid reference format");
  if (HEX64.test(raw)) {
    return fail(`invalid repository name (${raw}), cannot specify 64-byte hexadecimal strings`);
  }
  let rest = raw;
  let digest: string | null = null;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return fail("invalid reference format");
  }
  const { domain, remainder } = splitDomain(rest);
  let path = remainder;
  let tag: string | null = null;
  const colon = remainder.lastIndexOf(":");
  if (colon >= 0) {
    path = remainder.slice(0, colon);
    tag = remainder.slice(colon + 1);
  }
  if (path.toLowerCase() !== path) return fail(`invalid reference format: repository name (${path}) must be lowercase`);
  if (!DOMAIN.test(domain)) return fail("invalid reference format");
  if (path === "" || !path.split("/").every((c) => COMPONENT.test(c))) return fail("invalid reference format");
  if (tag !== null && !TAG.test(tag)) return fail("invalid reference format");
  if (domain.length + path.length + 1 > 255) return fail("repository name must not be more than 255 characters");
  if (tag === null && digest === null) tag = "latest";
  const full = `${domain}/${path}${tag !== null ? `:${tag}` : ""}${digest !== null ? `@${digest}` : ""}`;
  return { ok: true, ref: { raw, domain, path, tag, digest, full } };
}

/**
 * The pull policy the API server defaults (pkg/apis/core/v1/defaults.go SetDefaults_Container):
 * `Always` for `:latest` or no tag, else `IfNotPresent`.
 */
export function defaultPullPolicy(raw: string): "Always" | "IfNotPresent" {
  const parsed = parseImageRef(raw);
  return parsed.ok && parsed.ref.tag === "latest" ? "Always" : "IfNotPresent";
}

/** Top-level domains that can never resolve (RFC 2606 / RFC 6761). */
const RESERVED_TLDS = ["invalid", "example", "test"];

/** Whether the registry host certainly cannot be resolved by DNS. */
export function unresolvableHost(domain: string): boolean {
  const host = domain.replace(/:\d+$/, "").toLowerCase();
  if (!host.includes(".")) return false;
  return RESERVED_TLDS.includes(host.split(".").pop() ?? "");
}
