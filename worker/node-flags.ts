/**
 * Node flags a worker process is started with (docker-compose.yml, deploy/40-worker.yaml, the
 * jobs bench; docs/scaling.md says why). V8 reads them at start-up only: setting them later with
 * `v8.setFlagsFromString` crashes the process.
 *
 * `--single-threaded-gc`: each isolate collects its own garbage on its own thread. By default V8
 * hands parallel and concurrent GC work to a shared pool of helper threads at normal priority, so
 * the sandbox threads' heavy garbage (a simulation allocates tens of MB) was collected next to the
 * main thread at its priority, not at the sandbox threads' lower one, and delayed job starts
 * (enqueue → processor start p99 4–6 ms at half capacity instead of ~1.3 ms; measured in the jobs
 * bench).
 */
export const WORKER_NODE_FLAGS: readonly string[] = ["--single-threaded-gc"];
