/**
 * Services (pkg/apis/core/validation/validation.go ValidateService, validateServicePort,
 * validateServiceExternalTrafficPolicy, ValidateServiceUpdate; node port range from
 * pkg/registry/core/service/portallocator).
 */
import type { FieldError } from "../field-error.js";
import { child, duplicate, forbidden, index, invalid, required, unsupported } from "./field.js";
import { validateLabels, validateObjectMeta } from "./meta.js";
import { isDNS1123Label, isDNS1123Subdomain, isValidPortNum, nameIsDNS1035Label } from "./names.js";
import { INVALID_IP_MSG, isIP } from "./net.js";
import { validatePortNumOrName } from "./probes.js";
import { isSet, list, num, type Obj, rec, recs, str } from "./values.js";

const TYPES = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];
const PROTOCOLS = ["SCTP", "TCP", "UDP"];
/** The default `--service-node-port-range`. */
export const NODE_PORT_RANGE = { min: 30000, max: 32767 };

function clusterIPs(spec: Obj): string[] {
  const ips = list(spec.clusterIPs).map(str);
  if (ips.length > 0) return ips;
  return str(spec.clusterIP) ? [str(spec.clusterIP)] : [];
}

function isHeadless(spec: Obj): boolean {
  const ips = clusterIPs(spec);
  return str(spec.type) === "ClusterIP" && ips.length === 1 && ips[0] === "None";
}

function validateServicePort(p: Obj, requireName: boolean, names: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(p.name);
  if (requireName && !name) errs.push(required(child(path, "name")));
  else if (name) {
    for (const msg of isDNS1123Label(name)) errs.push(invalid(child(path, "name"), name, msg));
    if (names.has(name)) errs.push(duplicate(child(path, "name"), name));
    else names.add(name);
  }
  const port = num(p.port) ?? 0;
  for (const msg of isValidPortNum(port)) errs.push(invalid(child(path, "port"), port, msg));
  const protocol = str(p.protocol);
  if (!protocol) errs.push(required(child(path, "protocol")));
  else if (!PROTOCOLS.includes(protocol)) errs.push(unsupported(child(path, "protocol"), protocol, PROTOCOLS));
  errs.push(...validatePortNumOrName(p.targetPort, child(path, "targetPort")));
  return errs;
}

/** `ValidateService` (create). */
export function validateService(obj: Obj): FieldError[] {
  const spec = rec(obj.spec) ?? {};
  const type = str(spec.type);
  const ports = recs(spec.ports);
  const errs = validateObjectMeta(rec(obj.metadata), true, nameIsDNS1035Label);
  if (ports.length === 0 && !isHeadless(spec) && type !== "ExternalName") errs.push(required("spec.ports"));
  const ips = clusterIPs(spec);
  if ((type === "LoadBalancer" || type === "NodePort") && ips[0] === "None") {
    errs.push(invalid("spec.clusterIPs[0]", "None", `may not be set to 'None' for ${type} services`));
  }
  if (type === "ExternalName") {
    if (ips.length > 0) errs.push(forbidden("spec.clusterIPs", "may not be set for ExternalName services"));
    if (isSet(spec.ipFamilies)) errs.push(forbidden("spec.ipFamilies", "may not be set for ExternalName services"));
    if (isSet(spec.ipFamilyPolicy))
      errs.push(forbidden("spec.ipFamilyPolicy", "may not be set for ExternalName services"));
    const cname = str(spec.externalName).replace(/\.$/, "");
    if (!cname) errs.push(required("spec.externalName"));
    else for (const msg of isDNS1123Subdomain(cname)) errs.push(invalid("spec.externalName", cname, msg));
  }
  const names = new Set<string>();
  ports.forEach((p, i) => {
    errs.push(...validateServicePort(p, ports.length > 1, names, index("spec.ports", i)));
  });
  if (isSet(spec.selector)) errs.push(...validateLabels(spec.selector, "spec.selector"));
  const affinity = str(spec.sessionAffinity);
  if (!affinity) errs.push(required("spec.sessionAffinity"));
  else if (affinity !== "ClientIP" && affinity !== "None")
    errs.push(unsupported("spec.sessionAffinity", affinity, ["ClientIP", "None"]));
  ips.forEach((ip, i) => {
    if (!(i === 0 && ip === "None") && !isIP(ip)) errs.push(invalid(index("spec.clusterIPs", i), ip, INVALID_IP_MSG));
  });
  if (!type) errs.push(required("spec.type"));
  else if (!TYPES.includes(type)) errs.push(unsupported("spec.type", type, TYPES));
  if (type === "ClusterIP") {
    ports.forEach((p, i) => {
      if ((num(p.nodePort) ?? 0) !== 0)
        errs.push(forbidden(child(index("spec.ports", i), "nodePort"), "may not be used when `type` is 'ClusterIP'"));
    });
  }
  const nodePorts = new Set<string>();
  const servicePorts = new Set<string>();
  ports.forEach((p, i) => {
    const nodePort = num(p.nodePort) ?? 0;
    if (nodePort !== 0) {
      const k = `${str(p.protocol)}/${nodePort}`;
      if (nodePorts.has(k)) errs.push(duplicate(child(index("spec.ports", i), "nodePort"), nodePort));
      nodePorts.add(k);
    }
    const k = `${str(p.protocol)}/${num(p.port) ?? 0}`;
    if (servicePorts.has(k)) {
      errs.push({
        type: "Duplicate",
        field: index("spec.ports", i),
        goValue: `core.ServicePort{Name:"", Protocol:"${str(p.protocol)}", AppProtocol:(*string)(nil), Port:${num(p.port) ?? 0}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`,
      });
    }
    servicePorts.add(k);
  });
  const externallyAccessible =
    type === "LoadBalancer" || type === "NodePort" || (type === "ClusterIP" && list(spec.externalIPs).length > 0);
  const etp = str(spec.externalTrafficPolicy);
  if (!externallyAccessible) {
    if (etp)
      errs.push(invalid("spec.externalTrafficPolicy", etp, "may only be set for externally-accessible services"));
  } else if (!etp) errs.push(required("spec.externalTrafficPolicy"));
  else if (etp !== "Cluster" && etp !== "Local")
    errs.push(unsupported("spec.externalTrafficPolicy", etp, ["Cluster", "Local"]));
  if (!isSet(spec.internalTrafficPolicy) && type !== "ExternalName" && TYPES.includes(type)) {
    errs.push(required("spec.internalTrafficPolicy"));
  }
  const itp = spec.internalTrafficPolicy;
  if (isSet(itp) && itp !== "Cluster" && itp !== "Local")
    errs.push(unsupported("spec.internalTrafficPolicy", str(itp), ["Cluster", "Local"]));
  if (type === "NodePort" || type === "LoadBalancer") errs.push(...validateNodePortRange(ports));
  return errs;
}

/** The node-port allocator rejects ports outside the range with an Invalid field error. */
function validateNodePortRange(ports: Obj[]): FieldError[] {
  const errs: FieldError[] = [];
  ports.forEach((p, i) => {
    const nodePort = num(p.nodePort) ?? 0;
    if (nodePort !== 0 && (nodePort < NODE_PORT_RANGE.min || nodePort > NODE_PORT_RANGE.max)) {
      errs.push(
        invalid(
          child(index("spec.ports", i), "nodePort"),
          nodePort,
          `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_RANGE.min}-${NODE_PORT_RANGE.max}`,
        ),
      );
    }
  });
  return errs;
}

/** `ValidateServiceUpdate`: a set cluster IP may not change. */
export function validateServiceUpdate(obj: Obj, old: Obj): FieldError[] {
  const errs: FieldError[] = [];
  const spec = rec(obj.spec) ?? {};
  const oldSpec = rec(old.spec) ?? {};
  const ips = clusterIPs(spec);
  const oldIps = clusterIPs(oldSpec);
  const toOrFromExternalName = str(spec.type) === "ExternalName" || str(oldSpec.type) === "ExternalName";
  if (!toOrFromExternalName && oldIps.length > 0 && ips.length > 0 && ips[0] !== oldIps[0]) {
    errs.push(invalid("spec.clusterIPs[0]", ips, "may not change once set", JSON.stringify(ips)));
  }
  return [...errs, ...validateService(obj)];
}
