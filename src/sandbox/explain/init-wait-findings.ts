/**
 * Pods held in Init by a container that polls for a Service (`until nslookup myservice; do sleep
 * 2; done`, the init-containers documentation's example): the name has no Service, cluster DNS
 * answers NXDOMAIN, and the loop goes on until one is created. The kubelet shows no event for it,
 * only `Init:0/N`, so the finding names what the container waits for.
 */
import { argvProgram, storeNetwork } from "../kubelet/command.js";
import { foreverProgram } from "../kubelet/program.js";
import type { Finding } from "../result.js";
import type { FindingContext } from "./source.js";

type Any = any;

/** One finding per pod whose running init container waits on names the cluster cannot answer. */
export function initWaitFindings(ctx: FindingContext): Finding[] {
  const store = ctx.cluster.store;
  const out: Finding[] = [];
  for (const pod of store.list("Pod")) {
    if (pod.metadata.deletionTimestamp || pod.status?.phase !== "Pending") continue;
    const running = ((pod.status?.initContainerStatuses ?? []) as Any[]).find((s) => s?.state?.running);
    const spec = ((pod.spec?.initContainers ?? []) as Any[]).find((c) => c?.name === running?.name);
    const argv = [...(spec?.command ?? []), ...(spec?.args ?? [])].map(String);
    if (argv.length === 0) continue;
    const ns = pod.metadata.namespace ?? "default";
    const wait = argvProgram(argv, foreverProgram(), storeNetwork(store, ns)).waitsFor;
    if (!wait) continue;
    const total = (pod.spec?.initContainers ?? []).length;
    const done = ((pod.status?.initContainerStatuses ?? []) as Any[]).filter(
      (s) => s?.state?.terminated?.exitCode === 0,
    ).length;
    out.push({
      severity: "error",
      layer: "network",
      object: `Pod/${pod.metadata.name}`,
      message: `init container ${spec.name} waits for ${wait.hosts.join(", ")}, which no Service in this cluster answers (cluster DNS: NXDOMAIN or no ready endpoint); it retries every ${wait.everySeconds}s, so the pod stays Init:${done}/${total} and its app containers never start`,
      hint: "create the Service it waits for (with pods behind it if it connects), or correct the name: <service>, <service>.<namespace> or <service>.<namespace>.svc.cluster.local",
    });
  }
  return out;
}
