import { describe, expect, it } from "vitest";
import {
  checksFor,
  evaluatePod,
  forbiddenDetail,
} from "../../../../../src/sandbox/api/admission/pod-security/registry.js";

type Spec = Record<string, unknown>;
const c = (extra: Spec = {}, name = "web") => ({ name, image: "nginx", ...extra });
/** A pod spec that passes restricted, to which each case adds one problem. */
const hardened = (name = "web", extra: Spec = {}) =>
  c(
    {
      securityContext: {
        allowPrivilegeEscalation: false,
        capabilities: { drop: ["ALL"] },
        runAsNonRoot: true,
        seccompProfile: { type: "RuntimeDefault" },
      },
      ...extra,
    },
    name,
  );
const withSc = (sc: Spec, name = "web") =>
  hardened(name, { securityContext: { ...((hardened() as Spec).securityContext as Spec), ...sc } });

describe("check order", () => {
  it("GIVEN baseline THEN the baseline IDs run sorted byte-wise", () => {
    expect(checksFor("baseline").map((x) => x.id)).toEqual([
      "appArmorProfile",
      "capabilities_baseline",
      "hostNamespaces",
      "hostPathVolumes",
      "hostPorts",
      "hostProbesAndHostLifecycle",
      "privileged",
      "procMount",
      "seLinuxOptions",
      "seccompProfile_baseline",
      "sysctls",
      "windowsHostProcess",
    ]);
  });

  it("GIVEN restricted THEN overridden baseline checks drop out and restricted checks follow", () => {
    expect(checksFor("restricted").map((x) => x.id)).toEqual([
      "appArmorProfile",
      "hostNamespaces",
      "hostPorts",
      "hostProbesAndHostLifecycle",
      "privileged",
      "procMount",
      "seLinuxOptions",
      "sysctls",
      "windowsHostProcess",
      "allowPrivilegeEscalation",
      "capabilities_restricted",
      "restrictedVolumes",
      "runAsNonRoot",
      "runAsUser",
      "seccompProfile_restricted",
    ]);
    expect(checksFor("privileged")).toEqual([]);
  });

  it("GIVEN a plain nginx pod at restricted THEN the four classic violations come in order", () => {
    expect(forbiddenDetail(evaluatePod("restricted", {}, { containers: [c()] }))).toBe(
      'allowPrivilegeEscalation != false (container "web" must set securityContext.allowPrivilegeEscalation=false), ' +
        'unrestricted capabilities (container "web" must set securityContext.capabilities.drop=["ALL"]), ' +
        'runAsNonRoot != true (pod or container "web" must set securityContext.runAsNonRoot=true), ' +
        'seccompProfile (pod or container "web" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
    );
  });

  it("GIVEN the hardened pod THEN restricted has nothing to say", () => {
    expect(evaluatePod("restricted", {}, { containers: [hardened()] })).toEqual([]);
  });
});

describe("baseline checks", () => {
  it.each<[string, Spec, string]>([
    [
      "privileged",
      { containers: [c({ securityContext: { privileged: true } })] },
      'privileged (container "web" must not set securityContext.privileged=true)',
    ],
    [
      "host namespaces",
      { hostNetwork: true, hostPID: true, containers: [c()] },
      "host namespaces (hostNetwork, hostPID)",
    ],
    [
      "hostPath",
      { containers: [c()], volumes: [{ name: "data", hostPath: { path: "/" } }] },
      'hostPath volumes (volume "data")',
    ],
    [
      "hostPort",
      { containers: [c({ ports: [{ containerPort: 80, hostPort: 80 }] })] },
      'hostPort (container "web" uses hostPort 80)',
    ],
    [
      "two hostPorts in two containers",
      { containers: [c({ ports: [{ hostPort: 8080 }] }), c({ ports: [{ hostPort: 80 }] }, "b")] },
      'hostPort (containers "web", "b" use hostPorts 80, 8080)',
    ],
    [
      "non-default capabilities",
      { containers: [c({ securityContext: { capabilities: { add: ["NET_ADMIN", "CHOWN", "SYS_TIME"] } } })] },
      'non-default capabilities (container "web" must not include "NET_ADMIN", "SYS_TIME" in securityContext.capabilities.add)',
    ],
    [
      "procMount",
      { containers: [c({ securityContext: { procMount: "Unmasked" } })] },
      'procMount (container "web" must not set securityContext.procMount to "Unmasked")',
    ],
    [
      "seccomp Unconfined",
      { securityContext: { seccompProfile: { type: "Unconfined" } }, containers: [c()] },
      'seccompProfile (pod must not set securityContext.seccompProfile.type to "Unconfined")',
    ],
    [
      "sysctls",
      {
        securityContext: { sysctls: [{ name: "kernel.msgmax" }, { name: "net.ipv4.tcp_syncookies" }] },
        containers: [c()],
      },
      "forbidden sysctls (kernel.msgmax)",
    ],
    [
      "SELinux type and user",
      { containers: [c({ securityContext: { seLinuxOptions: { type: "spc_t", user: "root" } } })] },
      'seLinuxOptions (container "web" set forbidden securityContext.seLinuxOptions: type "spc_t"; user may not be set)',
    ],
    [
      "AppArmor unconfined",
      { containers: [c({ securityContext: { appArmorProfile: { type: "Unconfined" } } })] },
      'forbidden AppArmor profile (container "web" must not set AppArmor profile type to "Unconfined")',
    ],
    [
      "hostProcess",
      { securityContext: { windowsOptions: { hostProcess: true } }, containers: [c()] },
      "hostProcess (pod must not set securityContext.windowsOptions.hostProcess=true)",
    ],
    [
      "probe host",
      { containers: [c({ livenessProbe: { httpGet: { host: "10.0.0.1", port: 80 } } })] },
      'probe or lifecycle host (container "web" uses probe or lifecycle host "10.0.0.1")',
    ],
  ])("GIVEN %s THEN baseline reports it", (_name, spec, want) => {
    expect(forbiddenDetail(evaluatePod("baseline", {}, spec))).toBe(want);
  });

  it("GIVEN a forbidden AppArmor annotation THEN it is named", () => {
    const meta = { annotations: { "container.apparmor.security.beta.kubernetes.io/web": "unconfined" } };
    expect(forbiddenDetail(evaluatePod("baseline", meta, { containers: [c()] }))).toBe(
      'forbidden AppArmor profile (annotation must not set AppArmor profile type to "container.apparmor.security.beta.kubernetes.io/web="unconfined"")',
    );
  });
});

describe("restricted checks", () => {
  it.each<[string, Spec, string]>([
    [
      "runAsUser=0",
      { containers: [withSc({ runAsUser: 0 })] },
      'runAsUser=0 (container "web" must not set runAsUser=0)',
    ],
    [
      "runAsNonRoot=false",
      { securityContext: { runAsNonRoot: false }, containers: [hardened()] },
      "runAsNonRoot != true (pod must not set securityContext.runAsNonRoot=false)",
    ],
    [
      "an added capability",
      { containers: [withSc({ capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE", "SYS_ADMIN"] } })] },
      'unrestricted capabilities (container "web" must not include "SYS_ADMIN" in securityContext.capabilities.add)',
    ],
    [
      "a restricted volume type",
      {
        containers: [hardened()],
        volumes: [
          { name: "data", hostPath: { path: "/" } },
          { name: "cfg", configMap: { name: "x" } },
        ],
      },
      'restricted volume types (volume "data" uses restricted volume type "hostPath")',
    ],
    [
      "two containers without allowPrivilegeEscalation",
      {
        containers: [withSc({ allowPrivilegeEscalation: true }), withSc({ allowPrivilegeEscalation: undefined }, "b")],
      },
      'allowPrivilegeEscalation != false (containers "web", "b" must set securityContext.allowPrivilegeEscalation=false)',
    ],
  ])("GIVEN %s THEN restricted reports it", (_name, spec, want) => {
    expect(forbiddenDetail(evaluatePod("restricted", {}, spec))).toBe(want);
  });

  it("GIVEN pod-level runAsNonRoot and seccomp THEN containers need not repeat them", () => {
    const spec = {
      securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
      containers: [c({ securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } } })],
    };
    expect(evaluatePod("restricted", {}, spec)).toEqual([]);
  });

  it("GIVEN a Windows pod THEN capabilities, seccomp and privilege escalation are exempt", () => {
    const spec = { os: { name: "windows" }, securityContext: { runAsNonRoot: true }, containers: [c()] };
    expect(evaluatePod("restricted", {}, spec)).toEqual([]);
  });
});
