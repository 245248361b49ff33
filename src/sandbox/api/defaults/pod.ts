/**
 * Pod and pod-template defaulting (pkg/apis/core/v1/defaults.go SetDefaults_PodSpec,
 * SetDefaults_Container, SetDefaults_Probe, SetDefaults_HTTPGetAction, SetDefaults_Volume,
 * SetDefaults_ObjectFieldSelector, SetDefaults_Pod; conversion of the deprecated
 * `serviceAccount` in pkg/apis/core/v1/conversion.go).
 */
import { ensure, items, type Obj, rec, setDefault } from "./fields.js";
import { defaultPullPolicy } from "./image.js";

const VOLUME_SOURCE_KEYS = [
  "hostPath",
  "emptyDir",
  "gcePersistentDisk",
  "awsElasticBlockStore",
  "gitRepo",
  "secret",
  "nfs",
  "iscsi",
  "glusterfs",
  "persistentVolumeClaim",
  "rbd",
  "flexVolume",
  "cinder",
  "cephfs",
  "flocker",
  "downwardAPI",
  "fc",
  "azureFile",
  "configMap",
  "vsphereVolume",
  "quobyte",
  "azureDisk",
  "photonPersistentDisk",
  "projected",
  "portworxVolume",
  "scaleIO",
  "storageos",
  "csi",
  "ephemeral",
  "image",
];
/** v1.SecretVolumeSourceDefaultMode and friends: 0644. */
const DEFAULT_MODE = 0o644;

function defaultProbe(probe: unknown): void {
  const p = rec(probe);
  if (!p) return;
  for (const [k, v] of [
    ["timeoutSeconds", 1],
    ["periodSeconds", 10],
    ["successThreshold", 1],
    ["failureThreshold", 3],
  ] as const) {
    if (p[k] === undefined || p[k] === null || p[k] === 0) p[k] = v;
  }
  defaultHTTPGet(p.httpGet);
}

function defaultHTTPGet(action: unknown): void {
  const a = rec(action);
  if (!a) return;
  setDefault(a, "path", "/");
  setDefault(a, "scheme", "HTTP");
}

function defaultContainer(c: Obj): void {
  if (c.imagePullPolicy === undefined || c.imagePullPolicy === null || c.imagePullPolicy === "") {
    c.imagePullPolicy = defaultPullPolicy(typeof c.image === "string" ? c.image : "");
  }
  setDefault(c, "terminationMessagePath", "/dev/termination-log");
  setDefault(c, "terminationMessagePolicy", "File");
  for (const port of items(c.ports)) setDefault(port, "protocol", "TCP");
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  const lifecycle = rec(c.lifecycle);
  for (const hook of ["postStart", "preStop"]) defaultHTTPGet(rec(lifecycle?.[hook])?.httpGet);
  for (const env of items(c.env)) {
    const fieldRef = rec(rec(env.valueFrom)?.fieldRef);
    if (fieldRef) setDefault(fieldRef, "apiVersion", "v1");
  }
}

function defaultVolume(v: Obj): void {
  if (!VOLUME_SOURCE_KEYS.some((k) => v[k] !== undefined && v[k] !== null)) v.emptyDir = {};
  for (const k of ["secret", "configMap", "downwardAPI", "projected"]) {
    const source = rec(v[k]);
    if (source) setDefault(source, "defaultMode", DEFAULT_MODE);
  }
  const hostPath = rec(v.hostPath);
  if (hostPath && hostPath.type === undefined) hostPath.type = "";
}

/** `SetDefaults_PodSpec` and the defaulters of everything inside a pod spec. */
export function defaultPodSpec(spec: Obj): void {
  setDefault(spec, "dnsPolicy", "ClusterFirst");
  setDefault(spec, "restartPolicy", "Always");
  if (spec.securityContext === undefined || spec.securityContext === null) spec.securityContext = {};
  if (spec.terminationGracePeriodSeconds === undefined || spec.terminationGracePeriodSeconds === null) {
    spec.terminationGracePeriodSeconds = 30;
  }
  setDefault(spec, "schedulerName", "default-scheduler");
  if (!spec.serviceAccountName && typeof spec.serviceAccount === "string" && spec.serviceAccount) {
    spec.serviceAccountName = spec.serviceAccount;
  }
  if (typeof spec.serviceAccountName === "string" && spec.serviceAccountName)
    spec.serviceAccount = spec.serviceAccountName;
  for (const c of [...items(spec.containers), ...items(spec.initContainers), ...items(spec.ephemeralContainers)]) {
    defaultContainer(c);
  }
  for (const v of items(spec.volumes)) defaultVolume(v);
}

/** Defaults the pod spec of a template (`spec.template`, `spec.jobTemplate.spec.template`). */
export function defaultPodTemplate(template: unknown): void {
  const t = rec(template);
  if (!t) return;
  const spec = ensure(t, "spec");
  if (spec) defaultPodSpec(spec);
}

function requestsFromLimits(c: Obj): void {
  const limits = rec(rec(c.resources)?.limits);
  if (!limits) return;
  const requests = ensure(ensure(c, "resources") ?? {}, "requests");
  if (!requests) return;
  for (const [k, v] of Object.entries(limits)) if (requests[k] === undefined) requests[k] = v;
}

/**
 * `SetDefaults_Pod`: only on Pods, not templates — requests default to limits, service links
 * are on, and host-network pods publish their container ports as host ports.
 */
export function defaultPod(pod: Obj): void {
  const spec = ensure(pod, "spec");
  if (!spec) return;
  for (const c of [...items(spec.containers), ...items(spec.initContainers)]) requestsFromLimits(c);
  if (spec.enableServiceLinks === undefined || spec.enableServiceLinks === null) spec.enableServiceLinks = true;
  if (spec.hostNetwork === true) {
    for (const c of [...items(spec.containers), ...items(spec.initContainers)]) {
      for (const p of items(c.ports)) if (!p.hostPort) p.hostPort = p.containerPort;
    }
  }
  defaultPodSpec(spec);
}
