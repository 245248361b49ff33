/**
 * One container: name, image, ports, env, mounts, pull policy, resources
 * (pkg/apis/core/validation/validation.go validateContainerCommon, validateContainerPorts,
 * ValidateEnv, ValidateEnvFrom, ValidateVolumeMounts).
 */
import type { FieldError } from "../field-error.js";
import { child, duplicate, index, invalid, notFound, required, unsupported } from "./field.js";
import { validateLabelName } from "./meta.js";
import {
  isConfigMapKey,
  isDNS1123Label,
  isRelaxedEnvVarName,
  isValidPortName,
  isValidPortNum,
  nameIsDNSSubdomain,
} from "./names.js";
import { validateContainerResources } from "./resources.js";
import { num, type Obj, rec, recs, str } from "./values.js";

const PROTOCOLS = ["SCTP", "TCP", "UDP"];

function validateContainerPorts(ports: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  recs(ports).forEach((p, i) => {
    const ip = index(path, i);
    const name = str(p.name);
    if (name) {
      const msgs = isValidPortName(name);
      if (msgs.length > 0) for (const msg of msgs) errs.push(invalid(child(ip, "name"), name, msg));
      else if (names.has(name)) errs.push(duplicate(child(ip, "name"), name));
      else names.add(name);
    }
    const containerPort = num(p.containerPort) ?? 0;
    if (containerPort === 0) errs.push(required(child(ip, "containerPort")));
    else
      for (const msg of isValidPortNum(containerPort))
        errs.push(invalid(child(ip, "containerPort"), containerPort, msg));
    const hostPort = num(p.hostPort) ?? 0;
    if (hostPort !== 0)
      for (const msg of isValidPortNum(hostPort)) errs.push(invalid(child(ip, "hostPort"), hostPort, msg));
    const protocol = str(p.protocol);
    if (!protocol) errs.push(required(child(ip, "protocol")));
    else if (!PROTOCOLS.includes(protocol)) errs.push(unsupported(child(ip, "protocol"), protocol, PROTOCOLS));
  });
  return errs;
}

// pkg/apis/core/validation/validation.go validEnvDownwardAPIFieldPathExpressions (sorted).
const ENV_FIELD_PATHS = [
  "metadata.name",
  "metadata.namespace",
  "metadata.uid",
  "spec.nodeName",
  "spec.serviceAccountName",
  "status.hostIP",
  "status.hostIPs",
  "status.podIP",
  "status.podIPs",
];
// pkg/apis/core/pods/helpers.go ConvertDownwardAPIFieldLabel: labels the converter accepts.
const CONVERTIBLE_FIELD_PATHS = new Set([
  ...ENV_FIELD_PATHS,
  "metadata.annotations",
  "metadata.labels",
  "spec.restartPolicy",
  "spec.schedulerName",
  "status.phase",
]);

function validateFieldRef(ref: Obj, path: string): FieldError[] {
  const apiVersion = str(ref.apiVersion);
  const fieldPath = str(ref.fieldPath);
  if (!apiVersion) return [required(child(path, "apiVersion"))];
  if (!fieldPath) return [required(child(path, "fieldPath"))];
  const sub = /^(metadata\.(?:labels|annotations))\['(.*)'\]$/.exec(fieldPath);
  if (apiVersion !== "v1") {
    return [
      invalid(
        child(path, "fieldPath"),
        fieldPath,
        `error converting fieldPath: unsupported pod version: ${apiVersion}`,
      ),
    ];
  }
  if (sub) {
    const k = sub[1] === "metadata.annotations" ? (sub[2] ?? "").toLowerCase() : (sub[2] ?? "");
    return validateLabelName(k, path);
  }
  if (!CONVERTIBLE_FIELD_PATHS.has(fieldPath)) {
    return [
      invalid(
        child(path, "fieldPath"),
        fieldPath,
        `error converting fieldPath: field label not supported: ${fieldPath}`,
      ),
    ];
  }
  if (!ENV_FIELD_PATHS.includes(fieldPath)) return [unsupported(child(path, "fieldPath"), fieldPath, ENV_FIELD_PATHS)];
  return [];
}

function validateKeySelector(ref: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(ref.name);
  for (const msg of nameIsDNSSubdomain(name, false)) errs.push(invalid(child(path, "name"), name, msg));
  const k = str(ref.key);
  if (!k) errs.push(required(child(path, "key")));
  else for (const msg of isConfigMapKey(k)) errs.push(invalid(child(path, "key"), k, msg));
  return errs;
}

function validateEnv(env: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  recs(env).forEach((e, i) => {
    const ip = index(path, i);
    const name = str(e.name);
    if (!name) errs.push(required(child(ip, "name")));
    else for (const msg of isRelaxedEnvVarName(name)) errs.push(invalid(child(ip, "name"), name, msg));
    const from = rec(e.valueFrom);
    if (!from) return;
    const vp = child(ip, "valueFrom");
    let sources = 0;
    const fieldRef = rec(from.fieldRef);
    if (fieldRef) {
      sources++;
      errs.push(...validateFieldRef(fieldRef, child(vp, "fieldRef")));
    }
    const resourceFieldRef = rec(from.resourceFieldRef);
    if (resourceFieldRef) {
      sources++;
      if (!str(resourceFieldRef.resource)) errs.push(required(child(vp, "resourceFieldRef", "resource")));
    }
    for (const kind of ["configMapKeyRef", "secretKeyRef"]) {
      const ref = rec(from[kind]);
      if (!ref) continue;
      sources++;
      errs.push(...validateKeySelector(ref, child(vp, kind)));
    }
    if (sources === 0) {
      errs.push(
        invalid(vp, "", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"),
      );
    } else if (str(e.value)) {
      errs.push(invalid(vp, "", "may not be specified when `value` is not empty"));
    } else if (sources > 1) {
      errs.push(invalid(vp, "", "may not have more than one field specified at a time"));
    }
  });
  return errs;
}

function validateEnvFrom(envFrom: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  recs(envFrom).forEach((e, i) => {
    const ip = index(path, i);
    const prefix = str(e.prefix);
    if (prefix) for (const msg of isRelaxedEnvVarName(prefix)) errs.push(invalid(child(ip, "prefix"), prefix, msg));
    let sources = 0;
    for (const kind of ["configMapRef", "secretRef"]) {
      const ref = rec(e[kind]);
      if (!ref) continue;
      sources++;
      const name = str(ref.name);
      if (!name) errs.push(required(child(ip, kind, "name")));
      else for (const msg of nameIsDNSSubdomain(name, true)) errs.push(invalid(child(ip, kind, "name"), name, msg));
    }
    if (sources === 0) errs.push(invalid(path, "", "must specify one of: `configMapRef` or `secretRef`"));
    else if (sources > 1) errs.push(invalid(path, "", "may not have more than one field specified at a time"));
  });
  return errs;
}

function validateVolumeMounts(mounts: unknown, volumes: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const paths = new Set<string>();
  recs(mounts).forEach((m, i) => {
    const ip = index(path, i);
    const name = str(m.name);
    const mountPath = str(m.mountPath);
    if (!name) errs.push(required(child(ip, "name")));
    if (!volumes.has(name)) errs.push(notFound(child(ip, "name"), name));
    if (!mountPath) errs.push(required(child(ip, "mountPath")));
    if (paths.has(mountPath)) errs.push(invalid(child(ip, "mountPath"), mountPath, "must be unique"));
    paths.add(mountPath);
  });
  return errs;
}

const PULL_POLICIES = ["Always", "IfNotPresent", "Never"];
const TERMINATION_MESSAGE_POLICIES = ["File", "FallbackToLogsOnError"];

/** `validateContainerCommon`: the rules shared by regular, init and ephemeral containers. */
export function validateContainerCommon(c: Obj, volumes: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(c.name);
  if (!name) errs.push(required(child(path, "name")));
  else for (const msg of isDNS1123Label(name)) errs.push(invalid(child(path, "name"), name, msg));
  if (!str(c.image)) errs.push(required(child(path, "image")));
  const tmp = str(c.terminationMessagePolicy);
  if (!tmp) errs.push(required(child(path, "terminationMessagePolicy")));
  else if (!TERMINATION_MESSAGE_POLICIES.includes(tmp)) {
    errs.push(unsupported(child(path, "terminationMessagePolicy"), tmp, TERMINATION_MESSAGE_POLICIES));
  }
  errs.push(...validateContainerPorts(c.ports, child(path, "ports")));
  errs.push(...validateEnv(c.env, child(path, "env")));
  errs.push(...validateEnvFrom(c.envFrom, child(path, "envFrom")));
  errs.push(...validateVolumeMounts(c.volumeMounts, volumes, child(path, "volumeMounts")));
  const pull = str(c.imagePullPolicy);
  if (!pull) errs.push(required(child(path, "imagePullPolicy")));
  else if (!PULL_POLICIES.includes(pull)) errs.push(unsupported(child(path, "imagePullPolicy"), pull, PULL_POLICIES));
  errs.push(...validateContainerResources(rec(c.resources), child(path, "resources")));
  return errs;
}

/**
 * `AccumulateUniqueHostPorts`: the same protocol/hostIP/hostPort twice across the given
 * containers is a Duplicate.
 */
export function checkHostPortConflicts(containers: Obj[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((c, ci) => {
    recs(c.ports).forEach((p, pi) => {
      const port = num(p.hostPort) ?? 0;
      if (port === 0) return;
      const k = `${str(p.protocol)}/${str(p.hostIP)}/${port}`;
      if (seen.has(k)) errs.push(duplicate(child(index(child(index(path, ci), "ports"), pi), "hostPort"), k));
      else seen.add(k);
    });
  });
  return errs;
}
