/**
 * A catalogue of well-known images: what each does when started with no command (serve forever or
 * exit at once), the ports it listens on, environment variables it insists on, typical idle
 * memory, compressed size and tag range. Facts come from each image's Dockerfile and
 * docker-entrypoint script (docker-library/official-images); sizes and memory are typical values.
 * Unknown images are assumed to pull and run until stopped, and the simulator says so.
 */
import type { ImageRef } from "./image-ref.js";
import { foreverProgram, type Program } from "./program.js";

const MI = 1024 * 1024;

/** A rule "the entrypoint exits with `exitCode` unless one of `anyOf` is set". */
export interface RequiredEnv {
  anyOf: string[];
  exitCode: number;
  /** What the entrypoint prints (shortened). */
  output: string;
}

export interface ImageProfile {
  /** Display name of the catalogue entry. */
  name: string;
  /** Matches `domain/path` of a normalised reference. */
  match: (repo: string) => boolean;
  /** The default process when the pod gives neither command nor args. */
  program: Program;
  /** How args alone are read: `shell` images run args as the command; `flags` images pass them to their own server. */
  argsMode: "command" | "flags";
  requiredEnv: RequiredEnv[];
  sizeBytes: number;
  /** Highest major version published (tags above major + 1 certainly do not exist). */
  maxMajor: number | null;
  /** Whether the image has `/bin/sh` (so `sh -c` works). */
  shell: boolean;
}

interface Entry {
  name: string;
  repos: string[];
  run: "serve" | { exit: number; after?: number; output?: string };
  ports?: number[];
  httpPaths?: string[];
  memoryMi: number;
  sizeMB: number;
  listenAfter?: number;
  /** Seconds to shut down after SIGTERM (servers with a handler exit 0). */
  stop?: number;
  maxMajor?: number;
  env?: RequiredEnv[];
  argsMode?: "command" | "flags";
  shell?: boolean;
}

const postgresEnv: RequiredEnv = {
  anyOf: ["POSTGRES_PASSWORD", "POSTGRES_HOST_AUTH_METHOD"],
  exitCode: 1,
  // docker-library/postgres docker-entrypoint.sh docker_verify_minimum_env
  output: "Error: Database is uninitialized and superuser password is not specified.",
};
const mysqlEnv: RequiredEnv = {
  anyOf: ["MYSQL_ROOT_PASSWORD", "MYSQL_ALLOW_EMPTY_PASSWORD", "MYSQL_RANDOM_ROOT_PASSWORD"],
  exitCode: 1,
  // docker-library/mysql docker-entrypoint.sh docker_verify_minimum_env
  output:
    "[ERROR] [Entrypoint]: Database is uninitialized and password option is not specified\n    You need to specify one of the following as an environment variable:\n    - MYSQL_ROOT_PASSWORD\n    - MYSQL_ALLOW_EMPTY_PASSWORD\n    - MYSQL_RANDOM_ROOT_PASSWORD",
};
const mariadbEnv: RequiredEnv = {
  anyOf: [
    "MARIADB_ROOT_PASSWORD",
    "MYSQL_ROOT_PASSWORD",
    "MARIADB_ROOT_PASSWORD_HASH",
    "MARIADB_ALLOW_EMPTY_ROOT_PASSWORD",
    "MYSQL_ALLOW_EMPTY_PASSWORD",
    "MARIADB_RANDOM_ROOT_PASSWORD",
    "MYSQL_RANDOM_ROOT_PASSWORD",
  ],
  exitCode: 1,
  // docker-library/mariadb docker-entrypoint.sh docker_verify_minimum_env
  output: "[ERROR] [Entrypoint]: Database is uninitialized and password option is not specified",
};

const shellExit = { exit: 0 } as const;
const DEMO = "us-central1-docker.pkg.dev/google-samples/microservices-demo/";

const ENTRIES: Entry[] = [
  {
    name: "nginx",
    repos: ["docker.io/library/nginx", "docker.io/nginxinc/nginx-unprivileged", "docker.io/bitnami/nginx"],
    run: "serve",
    ports: [80],
    httpPaths: ["/", "/index.html"],
    memoryMi: 8,
    sizeMB: 72,
    stop: 0.3,
    maxMajor: 1,
  },
  {
    name: "httpd",
    repos: ["docker.io/library/httpd"],
    run: "serve",
    ports: [80],
    httpPaths: ["/", "/index.html"],
    memoryMi: 10,
    sizeMB: 58,
    stop: 0.3,
    maxMajor: 2,
  },
  {
    name: "caddy",
    repos: ["docker.io/library/caddy"],
    run: "serve",
    ports: [80, 2019],
    memoryMi: 15,
    sizeMB: 20,
    stop: 0.3,
    maxMajor: 2,
  },
  {
    name: "redis",
    repos: ["docker.io/library/redis", "docker.io/bitnami/redis"],
    run: "serve",
    ports: [6379],
    memoryMi: 4,
    sizeMB: 45,
    stop: 0.2,
    maxMajor: 8,
  },
  {
    name: "postgres",
    repos: ["docker.io/library/postgres", "docker.io/bitnami/postgresql"],
    run: "serve",
    ports: [5432],
    memoryMi: 30,
    sizeMB: 160,
    listenAfter: 2,
    stop: 0.5,
    maxMajor: 18,
    env: [postgresEnv],
  },
  {
    name: "mysql",
    repos: ["docker.io/library/mysql", "docker.io/bitnami/mysql"],
    run: "serve",
    ports: [3306, 33060],
    memoryMi: 400,
    sizeMB: 230,
    listenAfter: 8,
    stop: 2,
    maxMajor: 9,
    env: [mysqlEnv],
  },
  {
    name: "mariadb",
    repos: ["docker.io/library/mariadb"],
    run: "serve",
    ports: [3306],
    memoryMi: 90,
    sizeMB: 120,
    listenAfter: 4,
    stop: 1,
    maxMajor: 12,
    env: [mariadbEnv],
  },
  {
    name: "mongo",
    repos: ["docker.io/library/mongo", "docker.io/bitnami/mongodb"],
    run: "serve",
    ports: [27017],
    memoryMi: 160,
    sizeMB: 280,
    listenAfter: 3,
    stop: 1,
    maxMajor: 8,
  },
  {
    name: "memcached",
    repos: ["docker.io/library/memcached"],
    run: "serve",
    ports: [11211],
    memoryMi: 4,
    sizeMB: 30,
    stop: 0.2,
    maxMajor: 1,
  },
  {
    name: "rabbitmq",
    repos: ["docker.io/library/rabbitmq"],
    run: "serve",
    ports: [5672, 4369, 25672, 15672, 15692],
    memoryMi: 130,
    sizeMB: 100,
    listenAfter: 10,
    stop: 2,
    maxMajor: 4,
  },
  {
    name: "elasticsearch",
    repos: ["docker.io/library/elasticsearch", "docker.elastic.co/elasticsearch/elasticsearch"],
    run: "serve",
    ports: [9200, 9300],
    memoryMi: 1536,
    sizeMB: 650,
    listenAfter: 25,
    stop: 3,
    maxMajor: 9,
  },
  {
    name: "busybox",
    repos: ["docker.io/library/busybox"],
    run: shellExit,
    memoryMi: 1,
    sizeMB: 2.2,
    maxMajor: 1,
    argsMode: "command",
  },
  {
    name: "alpine",
    repos: ["docker.io/library/alpine"],
    run: shellExit,
    memoryMi: 1,
    sizeMB: 3.6,
    maxMajor: 3,
    argsMode: "command",
  },
  {
    name: "ubuntu",
    repos: ["docker.io/library/ubuntu"],
    run: shellExit,
    memoryMi: 1,
    sizeMB: 29,
    maxMajor: 26,
    argsMode: "command",
  },
  {
    name: "debian",
    repos: ["docker.io/library/debian"],
    run: shellExit,
    memoryMi: 1,
    sizeMB: 48,
    maxMajor: 13,
    argsMode: "command",
  },
  {
    name: "centos/rockylinux",
    repos: ["docker.io/library/centos", "docker.io/library/rockylinux", "docker.io/library/fedora"],
    run: shellExit,
    memoryMi: 1,
    sizeMB: 70,
    argsMode: "command",
  },
  {
    name: "python",
    repos: ["docker.io/library/python"],
    run: shellExit,
    memoryMi: 10,
    sizeMB: 400,
    maxMajor: 3,
    argsMode: "command",
  },
  {
    name: "node",
    repos: ["docker.io/library/node"],
    run: shellExit,
    memoryMi: 10,
    sizeMB: 390,
    maxMajor: 25,
    argsMode: "command",
  },
  {
    name: "golang",
    repos: ["docker.io/library/golang"],
    run: shellExit,
    memoryMi: 1,
    sizeMB: 300,
    maxMajor: 1,
    argsMode: "command",
  },
  {
    name: "openjdk",
    repos: ["docker.io/library/openjdk", "docker.io/library/eclipse-temurin", "docker.io/library/amazoncorretto"],
    run: shellExit,
    memoryMi: 30,
    sizeMB: 200,
    maxMajor: 25,
    argsMode: "command",
  },
  {
    name: "hello-world",
    repos: ["docker.io/library/hello-world"],
    run: { exit: 0, output: "Hello from Docker!" },
    memoryMi: 1,
    sizeMB: 0.01,
    shell: false,
  },
  {
    name: "curl",
    repos: ["docker.io/curlimages/curl"],
    run: { exit: 2, output: "curl: try 'curl --help' or 'curl --manual' for more information" },
    memoryMi: 2,
    sizeMB: 10,
    argsMode: "flags",
  },
  {
    name: "netshoot",
    repos: ["docker.io/nicolaka/netshoot"],
    run: shellExit,
    memoryMi: 2,
    sizeMB: 200,
    argsMode: "command",
  },
  {
    name: "pause",
    repos: ["registry.k8s.io/pause", "k8s.gcr.io/pause"],
    run: "serve",
    memoryMi: 0.5,
    sizeMB: 0.3,
    stop: 0,
    shell: false,
  },
  {
    name: "hello-app",
    repos: ["gcr.io/google-samples/hello-app", "us-docker.pkg.dev/google-samples/containers/gke/hello-app"],
    run: "serve",
    ports: [8080],
    memoryMi: 5,
    sizeMB: 11,
    shell: false,
  },
  {
    name: "guestbook",
    repos: ["gcr.io/google-samples/gb-frontend", "us-docker.pkg.dev/google-samples/containers/gke/gb-frontend"],
    run: "serve",
    ports: [80],
    memoryMi: 20,
    sizeMB: 140,
  },
  {
    name: "echoserver",
    repos: ["registry.k8s.io/echoserver", "k8s.gcr.io/echoserver", "registry.k8s.io/e2e-test-images/echoserver"],
    run: "serve",
    ports: [8080, 8443],
    memoryMi: 5,
    sizeMB: 46,
  },
  {
    name: "http-echo",
    repos: ["docker.io/hashicorp/http-echo"],
    run: "serve",
    ports: [5678],
    memoryMi: 4,
    sizeMB: 3,
    shell: false,
    argsMode: "flags",
  },
  {
    name: "httpbin",
    repos: ["docker.io/kennethreitz/httpbin", "docker.io/mccutchen/go-httpbin"],
    run: "serve",
    ports: [80],
    memoryMi: 60,
    sizeMB: 200,
    listenAfter: 2,
  },
  {
    name: "whoami",
    repos: ["docker.io/traefik/whoami", "docker.io/containous/whoami"],
    run: "serve",
    ports: [80],
    memoryMi: 4,
    sizeMB: 3,
    shell: false,
    argsMode: "flags",
  },
  {
    name: "podinfo",
    repos: ["ghcr.io/stefanprodan/podinfo", "docker.io/stefanprodan/podinfo"],
    run: "serve",
    ports: [9898, 9797, 9999],
    memoryMi: 15,
    sizeMB: 20,
    argsMode: "flags",
  },
  {
    name: "prometheus",
    repos: ["docker.io/prom/prometheus", "quay.io/prometheus/prometheus"],
    run: "serve",
    ports: [9090],
    memoryMi: 60,
    sizeMB: 110,
    listenAfter: 2,
    stop: 1,
    maxMajor: 3,
    argsMode: "flags",
  },
  {
    name: "grafana",
    repos: ["docker.io/grafana/grafana", "docker.io/grafana/grafana-oss"],
    run: "serve",
    ports: [3000],
    memoryMi: 90,
    sizeMB: 180,
    listenAfter: 5,
    stop: 0.5,
    maxMajor: 12,
  },
  {
    name: "traefik",
    repos: ["docker.io/library/traefik", "docker.io/traefik/traefik"],
    run: "serve",
    ports: [80, 8080],
    memoryMi: 40,
    sizeMB: 50,
    stop: 0.5,
    maxMajor: 3,
    argsMode: "flags",
  },
  {
    name: "wordpress",
    repos: ["docker.io/library/wordpress"],
    run: "serve",
    ports: [80],
    memoryMi: 40,
    sizeMB: 250,
    listenAfter: 2,
    maxMajor: 6,
  },
  {
    name: "jenkins",
    repos: ["docker.io/jenkins/jenkins"],
    run: "serve",
    ports: [8080, 50000],
    memoryMi: 600,
    sizeMB: 280,
    listenAfter: 30,
    stop: 2,
    maxMajor: 2,
  },
  {
    name: "registry",
    repos: ["docker.io/library/registry"],
    run: "serve",
    ports: [5000],
    memoryMi: 10,
    sizeMB: 10,
    maxMajor: 3,
  },
  {
    name: "stress",
    repos: ["docker.io/polinux/stress", "docker.io/progrium/stress", "docker.io/alexeiled/stress-ng"],
    run: "serve",
    memoryMi: 1,
    sizeMB: 4,
    argsMode: "command",
  },
  {
    name: "microservices-demo",
    repos: [`${DEMO}frontend`, `${DEMO}emailservice`, `${DEMO}recommendationservice`],
    run: "serve",
    ports: [8080],
    memoryMi: 60,
    sizeMB: 60,
    listenAfter: 2,
  },
  {
    name: "microservices-demo",
    repos: [`${DEMO}cartservice`],
    run: "serve",
    ports: [7070],
    memoryMi: 80,
    sizeMB: 70,
    listenAfter: 2,
  },
  {
    name: "microservices-demo",
    repos: [`${DEMO}productcatalogservice`],
    run: "serve",
    ports: [3550],
    memoryMi: 20,
    sizeMB: 30,
  },
  {
    name: "microservices-demo",
    repos: [`${DEMO}currencyservice`],
    run: "serve",
    ports: [7000],
    memoryMi: 60,
    sizeMB: 60,
  },
  {
    name: "microservices-demo",
    repos: [`${DEMO}paymentservice`, `${DEMO}shippingservice`],
    run: "serve",
    ports: [50051],
    memoryMi: 40,
    sizeMB: 50,
  },
  {
    name: "microservices-demo",
    repos: [`${DEMO}checkoutservice`],
    run: "serve",
    ports: [5050],
    memoryMi: 20,
    sizeMB: 30,
  },
  {
    name: "microservices-demo",
    repos: [`${DEMO}adservice`],
    run: "serve",
    ports: [9555],
    memoryMi: 200,
    sizeMB: 150,
    listenAfter: 10,
  },
  { name: "microservices-demo", repos: [`${DEMO}loadgenerator`], run: "serve", memoryMi: 100, sizeMB: 80 },
];

function toProfile(e: Entry): ImageProfile {
  const serve = e.run === "serve";
  const program = serve
    ? foreverProgram({
        memoryBytes: e.memoryMi * MI,
        memoryAfter: Math.max(1, e.listenAfter ?? 0),
        ports: e.ports ?? [],
        httpPaths: e.httpPaths ?? null,
        listenAfter: e.listenAfter ?? 0.5,
        stopSeconds: e.stop ?? 0.3,
        sigtermExitCode: e.stop !== undefined ? 0 : 143,
      })
    : foreverProgram({
        exitAfter: typeof e.run === "object" ? (e.run.after ?? 0) : 0,
        exitCode: typeof e.run === "object" ? e.run.exit : 0,
        memoryBytes: e.memoryMi * MI,
        output: typeof e.run === "object" ? (e.run.output ?? null) : null,
      });
  return {
    name: e.name,
    match: (repo) => e.repos.includes(repo),
    program,
    argsMode: e.argsMode ?? (serve ? "flags" : "command"),
    requiredEnv: e.env ?? [],
    sizeBytes: Math.round(e.sizeMB * 1_000_000),
    maxMajor: e.maxMajor ?? null,
    shell: e.shell ?? true,
  };
}

const PROFILES = ENTRIES.map(toProfile);
const BY_REPO = new Map<string, ImageProfile>();
for (const [i, e] of ENTRIES.entries()) for (const r of e.repos) BY_REPO.set(r, PROFILES[i] as ImageProfile);

/** Typical compressed size of an image the catalogue does not know. */
export const UNKNOWN_IMAGE_SIZE = 100_000_000;

/** The catalogue entry for a reference, if the image is well known. */
export function lookupImage(ref: ImageRef): ImageProfile | undefined {
  return BY_REPO.get(`${ref.domain}/${ref.path}`);
}

/** Optimal-string-alignment distance (edits, with adjacent swaps counting one), capped at `max + 1`. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i] as number[];
      const up = d[i - 1] as number[];
      row[j] = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

/** Names of the official (Docker Hub `library/`) images in the catalogue. */
const LIBRARY_NAMES = [...BY_REPO.keys()]
  .filter((r) => r.startsWith("docker.io/library/"))
  .map((r) => r.slice("docker.io/library/".length));

/**
 * The catalogued official image an unknown official-looking name is a slip of (`ngnix` → nginx,
 * `postgress` → postgres), if one is within one edit (two for names of five or more letters).
 * Official images are a closed set on Docker Hub, so such a name names no repository at all.
 */
export function misspeltOfficialImage(ref: ImageRef): string | undefined {
  if (ref.domain !== "docker.io" || !ref.path.startsWith("library/") || BY_REPO.has(`${ref.domain}/${ref.path}`))
    return undefined;
  const name = ref.path.slice("library/".length);
  const max = name.length >= 5 ? 2 : 1;
  let best: { name: string; distance: number } | undefined;
  for (const known of LIBRARY_NAMES) {
    const distance = editDistance(name, known, max);
    if (distance <= max && (!best || distance < best.distance)) best = { name: known, distance };
  }
  return best?.name;
}

/**
 * Whether the tag certainly does not exist: a version tag (`1.999`, `v99.0-alpine`) whose major
 * is beyond the newest published major + 1, or whose minor or patch is absurdly high. Other tags
 * are given the benefit of the doubt.
 */
export function tagCertainlyMissing(profile: ImageProfile, tag: string | null): boolean {
  if (tag === null || profile.maxMajor === null) return false;
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:[-_.][a-z0-9._-]*)?$/.exec(tag);
  if (!m) return false;
  const [major, minor, patch] = [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
  if (major > 1000) return false; // date-like tags (20240101)
  return major > profile.maxMajor + 1 || minor > 60 || patch > 200;
}

/** Seconds a pull of `sizeBytes` takes: registry round trips plus ~40 MB/s of download and unpack. */
export function pullSeconds(sizeBytes: number): number {
  return Math.round((0.4 + sizeBytes / 40_000_000) * 1000) / 1000;
}
