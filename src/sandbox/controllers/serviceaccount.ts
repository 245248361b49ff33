/**
 * The ServiceAccounts controller (pkg/controller/serviceaccount/serviceaccounts_controller.go):
 * every active Namespace gets a `default` ServiceAccount.
 */
import type { WatchEvent } from "../api/store.js";
import type { Controller, ControllerContext } from "../engine/controller.js";

/** The ServiceAccounts controller. */
export function serviceAccountController(): Controller {
  return {
    name: "service-account-controller",
    watches: ["Namespace", "ServiceAccount"],
    keysFor(event: WatchEvent): string[] {
      const obj = event.object;
      if (obj.kind === "Namespace") return event.type === "DELETED" ? [] : [obj.metadata.name ?? ""];
      return event.type === "DELETED" && obj.metadata.name === "default" ? [obj.metadata.namespace ?? ""] : [];
    },
    reconcile(namespace: string, ctx: ControllerContext) {
      const ns = ctx.store.get("Namespace", undefined, namespace);
      if (!ns || ns.metadata.deletionTimestamp || ns.status?.phase === "Terminating") return undefined;
      if (ctx.store.get("ServiceAccount", namespace, "default")) return undefined;
      ctx.api.create(
        { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "default", namespace } },
        { origin: "controller" },
      );
      return undefined;
    },
  };
}
