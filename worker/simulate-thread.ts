/** Entry of a simulate sandbox thread: serves `simulateTask` (simulate-task.ts) to the pool. */
import { serveTasks } from "./sandbox-protocol.js";
import { type SimulateTask, type SimulateTaskResult, simulateTask } from "./simulate-task.js";
import { lowerThreadPriority } from "./thread-priority.js";

lowerThreadPriority();

/**
 * Paid once before the thread says it is ready, not by the first learner: the picture's fonts are
 * parsed and its common glyphs cached (~0.1–0.3 s), and the simulator's hot code is compiled.
 */
const WARM_UP = `apiVersion: apps/v1
kind: Deployment
metadata: {name: warm-up}
spec:
  replicas: 2
  selector: {matchLabels: {app: warm-up}}
  template:
    metadata: {labels: {app: warm-up}}
    spec:
      containers: [{name: app, image: nginx:1.27, resources: {requests: {cpu: 100m}}}]
`;
simulateTask({ manifests: WARM_UP });

serveTasks<SimulateTask, SimulateTaskResult>(simulateTask);
