/** Short names of pods and peers for reachability explanations (`frontend`, `app=frontend`). */
import type { KubeObject } from "../model/object.js";
import type { NetPeer } from "./policy.js";

/** Label keys that name an application, in order of preference. */
const NAME_KEYS = ["app.kubernetes.io/name", "app", "k8s-app", "name", "role", "component"];

function nameLabel(pod: KubeObject): [string, string] | undefined {
  const labels = pod.metadata.labels ?? {};
  for (const k of NAME_KEYS) if (labels[k]) return [k, labels[k] as string];
  return undefined;
}

/** A pod by its application name (`frontend`), else its own name. */
export function peerName(peer: NetPeer): string {
  if (peer.kind === "external") return `${peer.ip} (outside the cluster)`;
  return nameLabel(peer.pod)?.[1] ?? `pod ${peer.pod.metadata.name ?? ""}`;
}

/** A peer as a selector would name it (`app=frontend`), with its namespace when it differs from `ns`. */
export function peerSelectorText(peer: NetPeer, ns: string): string {
  if (peer.kind === "external") return peer.ip;
  const l = nameLabel(peer.pod);
  const who = l ? `${l[0]}=${l[1]}` : `pod ${peer.pod.metadata.name ?? ""}`;
  const podNs = peer.pod.metadata.namespace ?? "default";
  return podNs === ns ? who : `${who} in namespace ${podNs}`;
}

/** `policy a` or `policies a, b`. */
export function policyList(names: readonly string[]): string {
  return `${names.length === 1 ? "policy" : "policies"} ${names.join(", ")}`;
}
