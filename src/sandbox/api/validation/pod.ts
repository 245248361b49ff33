/**
 * Pod specs, pod templates and Pods (pkg/apis/core/validation/validation.go ValidatePodSpec,
 * validateContainers, validateInitContainers, ValidatePodTemplateSpec, ValidatePodCreate,
 * ValidatePodUpdate).
 */
import type { FieldError } from "../field-error.js";
import { checkHostPortConflicts, validateContainerCommon } from "./container.js";
import { child, duplicate, forbidden, index, invalid, required, unsupported } from "./field.js";
import { validateAnnotations, validateLabels, validateObjectMeta } from "./meta.js";
import { inclusiveRangeError, isDNS1123Label, nameIsDNSSubdomain } from "./names.js";
import { validateLifecycle, validateProbes } from "./probes.js";
import { validateTolerations } from "./tolerations.js";
import { jsonEqual, num, type Obj, rec, recs, str } from "./values.js";
import { validateVolumes } from "./volumes.js";

const RESTART_POLICIES = ["Always", "OnFailure", "Never"];
const DNS_POLICIES = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"];
const SIDECAR_ONLY = "may not be set for init containers without restartPolicy=Always";

function validateContainers(
  containers: Obj[],
  volumes: Set<string>,
  grace: number | undefined,
  path: string,
): FieldError[] {
  if (containers.length === 0) return [required(path)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  containers.forEach((c, i) => {
    const ip = index(path, i);
    errs.push(...validateContainerCommon(c, volumes, ip));
    const name = str(c.name);
    if (names.has(name)) errs.push(duplicate(child(ip, "name"), name));
    else names.add(name);
    const lifecycle = rec(c.lifecycle);
    if (lifecycle) errs.push(...validateLifecycle(lifecycle, child(ip, "lifecycle"), grace));
    errs.push(...validateProbes(c, ip, grace));
    if (c.restartPolicy !== undefined && c.restartPolicy !== null) {
      errs.push(forbidden(child(ip, "restartPolicy"), "may not be set for non-init containers"));
    }
  });
  errs.push(...checkHostPortConflicts(containers, path));
  return errs;
}

function validateInitContainers(
  inits: Obj[],
  regular: Obj[],
  volumes: Set<string>,
  grace: number | undefined,
  path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set(regular.map((c) => str(c.name)));
  inits.forEach((c, i) => {
    const ip = index(path, i);
    errs.push(...validateContainerCommon(c, volumes, ip));
    let sidecar = false;
    if (c.restartPolicy !== undefined && c.restartPolicy !== null) {
      const rp = str(c.restartPolicy);
      if (rp !== "Always") errs.push(unsupported(child(ip, "restartPolicy"), rp, ["Always"]));
      sidecar = rp === "Always";
    }
    const name = str(c.name);
    if (names.has(name)) errs.push(duplicate(child(ip, "name"), name));
    else if (name) names.add(name);
    errs.push(...checkHostPortConflicts([c], path));
    if (sidecar) {
      const lifecycle = rec(c.lifecycle);
      if (lifecycle) errs.push(...validateLifecycle(lifecycle, child(ip, "lifecycle"), grace));
      errs.push(...validateProbes(c, ip, grace));
    } else {
      for (const f of ["lifecycle", "livenessProbe", "readinessProbe", "startupProbe"]) {
        if (rec(c[f])) errs.push(forbidden(child(ip, f), SIDECAR_ONLY));
      }
    }
  });
  return errs;
}

/** `ValidatePodSpec`, in upstream's order. */
export function validatePodSpec(spec: Obj | undefined, path: string): FieldError[] {
  const s = spec ?? {};
  const errs: FieldError[] = [];
  const grace = num(s.terminationGracePeriodSeconds);
  if (grace === undefined) errs.push(required(child(path, "terminationGracePeriodSeconds")));
  const vols = validateVolumes(s.volumes, child(path, "volumes"));
  errs.push(...vols.errors);
  const containers = recs(s.containers);
  errs.push(...validateContainers(containers, vols.names, grace, child(path, "containers")));
  errs.push(
    ...validateInitContainers(recs(s.initContainers), containers, vols.names, grace, child(path, "initContainers")),
  );
  const restart = str(s.restartPolicy);
  if (!restart) errs.push(required(child(path, "restartPolicy")));
  else if (!RESTART_POLICIES.includes(restart))
    errs.push(unsupported(child(path, "restartPolicy"), restart, RESTART_POLICIES));
  const dns = str(s.dnsPolicy);
  if (!dns) errs.push(required(child(path, "dnsPolicy")));
  else if (!DNS_POLICIES.includes(dns)) errs.push(unsupported(child(path, "dnsPolicy"), dns, DNS_POLICIES));
  errs.push(...validateLabels(s.nodeSelector, child(path, "nodeSelector")));
  for (const f of ["serviceAccountName", "nodeName", "priorityClassName"]) {
    const v = str(s[f]);
    if (v) for (const msg of nameIsDNSSubdomain(v, false)) errs.push(invalid(child(path, f), v, msg));
  }
  const ads = num(s.activeDeadlineSeconds);
  if (ads !== undefined && (ads < 1 || ads > 2147483647)) {
    errs.push(invalid(child(path, "activeDeadlineSeconds"), ads, inclusiveRangeError(1, 2147483647)));
  }
  for (const f of ["hostname", "subdomain"]) {
    const v = str(s[f]);
    if (v) for (const msg of isDNS1123Label(v)) errs.push(invalid(child(path, f), v, msg));
  }
  errs.push(...validateTolerations(s.tolerations, child(path, "tolerations")));
  return errs;
}

/**
 * `ValidatePodTemplateSpec`: note upstream validates template labels at `<path>.labels`, not
 * `<path>.metadata.labels`.
 */
export function validatePodTemplateSpec(template: Obj | undefined, path: string): FieldError[] {
  const t = template ?? {};
  const meta = rec(t.metadata) ?? {};
  const errs = validateLabels(meta.labels, child(path, "labels"));
  errs.push(...validateAnnotations(meta.annotations, child(path, "annotations")));
  errs.push(...validatePodSpec(rec(t.spec), child(path, "spec")));
  return errs;
}

/** `ValidatePodCreate`. */
export function validatePod(pod: Obj): FieldError[] {
  return [
    ...validateObjectMeta(rec(pod.metadata), true, nameIsDNSSubdomain),
    ...validatePodSpec(rec(pod.spec), "spec"),
  ];
}

// pkg/apis/core/validation/validation.go updatablePodSpecFields.
const UPDATABLE_POD_SPEC_FIELDS = [
  "`spec.containers[*].image`",
  "`spec.initContainers[*].image`",
  "`spec.activeDeadlineSeconds`",
  "`spec.tolerations` (only additions to existing tolerations)",
  "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)",
];

/** Text of the Forbidden error for a pod spec change (upstream appends a cmp.Diff we omit). */
export const POD_UPDATE_FORBIDDEN = `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(",")}`;

const SYSTEM_POD_SPEC_FIELDS = [
  "nodeName",
  "serviceAccountName",
  "serviceAccount",
  "priority",
  "priorityClassName",
  "preemptionPolicy",
];
// plugin/pkg/admission/serviceaccount/admission.go: the projected token volume and its mount.
const TOKEN_VOLUME_PREFIX = "kube-api-access-";

/**
 * A re-applied manifest omits what the cluster filled in after creation (the node, the service
 * account and its token volume, the priority); kubectl's patch keeps them, so they are carried
 * over from the stored pod before comparing.
 */
function withClusterFields(spec: Obj, oldSpec: Obj): Obj {
  const out: Obj = { ...spec };
  for (const f of SYSTEM_POD_SPEC_FIELDS) if (out[f] === undefined) out[f] = oldSpec[f];
  const names = new Set(recs(out.volumes).map((v) => str(v.name)));
  const tokenVolumes = recs(oldSpec.volumes).filter(
    (v) => str(v.name).startsWith(TOKEN_VOLUME_PREFIX) && !names.has(str(v.name)),
  );
  if (tokenVolumes.length > 0) out.volumes = [...recs(out.volumes), ...tokenVolumes];
  for (const f of ["containers", "initContainers"]) {
    if (out[f] === undefined) continue;
    const olds = recs(oldSpec[f]);
    out[f] = recs(out[f]).map((c, i) => {
      const mounts = recs(c.volumeMounts);
      const have = new Set(mounts.map((m) => str(m.name)));
      const tokenMounts = recs(olds[i]?.volumeMounts).filter(
        (m) => str(m.name).startsWith(TOKEN_VOLUME_PREFIX) && !have.has(str(m.name)),
      );
      return tokenMounts.length > 0 ? { ...c, volumeMounts: [...mounts, ...tokenMounts] } : c;
    });
  }
  return out;
}

/** `ValidatePodUpdate`: only images, activeDeadlineSeconds and added tolerations may change. */
export function validatePodUpdate(pod: Obj, old: Obj): FieldError[] {
  const errs = validatePod(pod);
  const spec = rec(pod.spec) ?? {};
  const oldSpec = rec(old.spec) ?? {};
  for (const f of ["containers", "initContainers"]) {
    if (recs(spec[f]).length !== recs(oldSpec[f]).length) {
      errs.push(forbidden(child("spec", f), "pod updates may not add or remove containers"));
      return errs;
    }
  }
  const ads = num(spec.activeDeadlineSeconds);
  const oldAds = num(oldSpec.activeDeadlineSeconds);
  if (ads !== undefined && oldAds !== undefined && oldAds < ads) {
    errs.push(invalid("spec.activeDeadlineSeconds", ads, "must be less than or equal to previous value"));
  } else if (ads === undefined && oldAds !== undefined) {
    errs.push(invalid("spec.activeDeadlineSeconds", null, "must not update from a positive integer to nil value"));
  }
  const munged = withClusterFields(spec, oldSpec);
  for (const f of ["containers", "initContainers"]) {
    const olds = recs(oldSpec[f]);
    if (munged[f] !== undefined) munged[f] = recs(munged[f]).map((c, i) => ({ ...c, image: olds[i]?.image }));
  }
  munged.activeDeadlineSeconds = oldSpec.activeDeadlineSeconds;
  munged.tolerations = oldSpec.tolerations;
  if (!jsonEqual(munged, oldSpec)) errs.push(forbidden("spec", POD_UPDATE_FORBIDDEN));
  return errs;
}
