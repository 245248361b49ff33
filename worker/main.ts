/**
 * Process entry of a worker: `node worker/main.js` (or `node --import tsx worker/main.ts`).
 * Reads the environment, runs until SIGTERM/SIGINT, then drains. `podsensei worker` does the same.
 */
import { runUntilSignal } from "../src/server/lifecycle.js";
import { runWorker } from "./index.js";

process.exit(await runUntilSignal("worker", (config, logger) => runWorker(config, { logger })));
