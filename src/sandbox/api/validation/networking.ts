/**
 * Ingresses and NetworkPolicies (pkg/apis/networking/validation/validation.go ValidateIngressSpec,
 * validateIngressRules, validateHTTPIngressPath, validateIngressBackend,
 * ValidateNetworkPolicySpec, ValidateNetworkPolicyPort, ValidateNetworkPolicyPeer, ValidateIPBlock).
 */
import type { FieldError } from "../field-error.js";
import { child, forbidden, index, invalid, required, unsupported } from "./field.js";
import { validateLabelSelector, validateObjectMeta } from "./meta.js";
import {
  isDNS1123Subdomain,
  isValidPortName,
  isValidPortNum,
  isWildcardDNS1123Subdomain,
  nameIsDNS1035Label,
  nameIsDNSSubdomain,
} from "./names.js";
import { isIP, parseCidr4, validateCIDR } from "./net.js";
import { isSet, list, num, type Obj, rec, recs, str } from "./values.js";

const PATH_TYPES = ["Exact", "ImplementationSpecific", "Prefix"];
const INVALID_PATH_SEQUENCES = ["//", "/./", "/../", "%2f", "%2F"];
const INVALID_PATH_SUFFIXES = ["/..", "/."];

function validateBackend(backend: Obj, path: string): FieldError[] {
  const resource = rec(backend.resource);
  const service = rec(backend.service);
  if (resource && service) return [invalid(path, "", "cannot set both resource and service backends")];
  if (resource) {
    const errs: FieldError[] = [];
    if (!str(resource.kind)) errs.push(required(child(path, "resource", "kind")));
    if (!str(resource.name)) errs.push(required(child(path, "resource", "name")));
    return errs;
  }
  if (!service) return [invalid(path, "", "resource or service backend is required")];
  const errs: FieldError[] = [];
  const name = str(service.name);
  if (!name) errs.push(required(child(path, "service", "name")));
  else for (const msg of nameIsDNS1035Label(name, false)) errs.push(invalid(child(path, "service", "name"), name, msg));
  const port = rec(service.port) ?? {};
  const portName = str(port.name);
  const portNumber = num(port.number) ?? 0;
  if (portName && portNumber !== 0) errs.push(invalid(path, "", "cannot set both port name & port number"));
  else if (portName) {
    for (const msg of isValidPortName(portName))
      errs.push(invalid(child(path, "service", "port", "name"), portName, msg));
  } else if (portNumber !== 0) {
    for (const msg of isValidPortNum(portNumber))
      errs.push(invalid(child(path, "service", "port", "number"), portNumber, msg));
  } else errs.push(required(path, "port name or number is required"));
  return errs;
}

function validateHTTPPath(p: Obj, path: string): FieldError[] {
  if (!isSet(p.pathType)) return [required(child(path, "pathType"), "pathType must be specified")];
  const errs: FieldError[] = [];
  const pathType = str(p.pathType);
  const value = str(p.path);
  if (pathType === "Exact" || pathType === "Prefix") {
    if (!value.startsWith("/")) errs.push(invalid(child(path, "path"), value, "must be an absolute path"));
    if (value.length > 0) {
      for (const seq of INVALID_PATH_SEQUENCES) {
        if (value.includes(seq)) errs.push(invalid(child(path, "path"), value, `must not contain '${seq}'`));
      }
      for (const suffix of INVALID_PATH_SUFFIXES) {
        if (value.endsWith(suffix)) errs.push(invalid(child(path, "path"), value, `cannot end with '${suffix}'`));
      }
    }
  } else if (pathType === "ImplementationSpecific") {
    if (value.length > 0 && !value.startsWith("/"))
      errs.push(invalid(child(path, "path"), value, "must be an absolute path"));
  } else {
    errs.push(unsupported(child(path, "pathType"), pathType, PATH_TYPES));
  }
  errs.push(...validateBackend(rec(p.backend) ?? {}, child(path, "backend")));
  return errs;
}

/** `ValidateIngressCreate`. */
export function validateIngress(obj: Obj): FieldError[] {
  const spec = rec(obj.spec) ?? {};
  const errs = validateObjectMeta(rec(obj.metadata), true, nameIsDNSSubdomain);
  const rules = recs(spec.rules);
  if (rules.length === 0 && !rec(spec.defaultBackend)) {
    errs.push(
      invalid("spec", null, "either `defaultBackend` or `rules` must be specified", "[]networking.IngressRule(nil)"),
    );
  }
  const defaultBackend = rec(spec.defaultBackend);
  if (defaultBackend) errs.push(...validateBackend(defaultBackend, "spec.defaultBackend"));
  rules.forEach((r, i) => {
    const rp = index("spec.rules", i);
    const host = str(r.host);
    if (host) {
      if (isIP(host)) errs.push(invalid(child(rp, "host"), host, "must be a DNS name, not an IP address"));
      const msgs = host.includes("*") ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host);
      for (const msg of msgs) errs.push(invalid(child(rp, "host"), host, msg));
    }
    const http = rec(r.http);
    if (http) {
      const paths = recs(http.paths);
      if (paths.length === 0) errs.push(required(child(rp, "http", "paths")));
      paths.forEach((p, j) => {
        errs.push(...validateHTTPPath(p, index(child(rp, "http", "paths"), j)));
      });
    }
  });
  const cls = spec.ingressClassName;
  if (isSet(cls))
    for (const msg of nameIsDNSSubdomain(str(cls), false)) errs.push(invalid("spec.ingressClassName", str(cls), msg));
  return errs;
}

const PROTOCOLS = ["TCP", "UDP", "SCTP"];

function validatePolicyPort(p: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (isSet(p.protocol) && !PROTOCOLS.includes(str(p.protocol)))
    errs.push(unsupported(child(path, "protocol"), str(p.protocol), PROTOCOLS));
  const endPort = num(p.endPort);
  if (typeof p.port === "number") {
    for (const msg of isValidPortNum(p.port)) errs.push(invalid(child(path, "port"), p.port, msg));
    if (endPort !== undefined) {
      if (endPort < p.port)
        errs.push(invalid(child(path, "endPort"), p.port, "must be greater than or equal to `port`"));
      for (const msg of isValidPortNum(endPort)) errs.push(invalid(child(path, "endPort"), endPort, msg));
    }
  } else if (typeof p.port === "string") {
    if (endPort !== undefined)
      errs.push(invalid(child(path, "endPort"), endPort, "may not be specified when `port` is non-numeric"));
    for (const msg of isValidPortName(p.port)) errs.push(invalid(child(path, "port"), p.port, msg));
  } else if (endPort !== undefined) {
    errs.push(invalid(child(path, "endPort"), endPort, "may not be specified when `port` is not specified"));
  }
  return errs;
}

function validateIPBlock(block: Obj, path: string): FieldError[] {
  const cidr = str(block.cidr);
  if (!cidr) return [required(child(path, "cidr"))];
  const errs = validateCIDR(cidr, child(path, "cidr"));
  const outer = parseCidr4(cidr);
  list(block.except).forEach((raw, i) => {
    const ep = index(child(path, "except"), i);
    const except = str(raw);
    const cidrErrs = validateCIDR(except, ep);
    errs.push(...cidrErrs);
    const inner = parseCidr4(except);
    if (outer && inner) {
      const size = 2 ** (32 - outer.bits);
      const contained = inner.base >= outer.base && inner.base < outer.base + size;
      if (!contained || outer.bits >= inner.bits) errs.push(invalid(ep, except, "must be a strict subset of `cidr`"));
    }
  });
  return errs;
}

function validatePeer(peer: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let peers = 0;
  for (const f of ["podSelector", "namespaceSelector"]) {
    if (!rec(peer[f])) continue;
    peers++;
    errs.push(...validateLabelSelector(peer[f], child(path, f)));
  }
  const block = rec(peer.ipBlock);
  if (block) {
    peers++;
    errs.push(...validateIPBlock(block, child(path, "ipBlock")));
  }
  if (peers === 0) errs.push(required(path, "must specify a peer"));
  else if (peers > 1 && block) errs.push(forbidden(path, "may not specify both ipBlock and another peer"));
  return errs;
}

/** `ValidateNetworkPolicy`. */
export function validateNetworkPolicy(obj: Obj): FieldError[] {
  const spec = rec(obj.spec) ?? {};
  const errs = validateObjectMeta(rec(obj.metadata), true, nameIsDNSSubdomain);
  errs.push(...validateLabelSelector(spec.podSelector, "spec.podSelector"));
  for (const [dir, peersField] of [
    ["ingress", "from"],
    ["egress", "to"],
  ] as const) {
    recs(spec[dir]).forEach((rule, i) => {
      const rp = index(`spec.${dir}`, i);
      recs(rule.ports).forEach((p, j) => {
        errs.push(...validatePolicyPort(p, index(child(rp, "ports"), j)));
      });
      recs(rule[peersField]).forEach((p, j) => {
        errs.push(...validatePeer(p, index(child(rp, peersField), j)));
      });
    });
  }
  const types = list(spec.policyTypes).map(str);
  if (types.length > 2) {
    errs.push(invalid("spec.policyTypes", types, "may not specify more than two policyTypes"));
    return errs;
  }
  types.forEach((t, i) => {
    if (t !== "Ingress" && t !== "Egress")
      errs.push(unsupported(index("spec.policyTypes", i), t, ["Ingress", "Egress"]));
  });
  return errs;
}
