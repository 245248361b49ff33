/**
 * The whole Discord side for an end-to-end test: the loopback Discord stand-in, `podsensei
 * serve` on the real discord.js client, and a real worker, all on the test Redis under their own
 * queue prefix; started before the suite's tests and closed after them.
 */
import { afterAll, beforeAll, inject } from "vitest";
import { loadConfig } from "../../../src/config.js";
import { runWorker, type WorkerHandle } from "../../../worker/index.js";
import { testEnv } from "../../jobs/support/loopback.js";
import { type DiscordBot, startDiscordBot } from "./harness.js";
import { DiscordFake, type RestCall } from "./server.js";

export interface DiscordStack {
  fake: DiscordFake;
  bot: DiscordBot;
  worker: WorkerHandle;
}

/** Registers the suite's start and stop hooks; the returned object is filled once they ran. */
export function useDiscordStack(prefix: string): DiscordStack {
  const config = loadConfig(testEnv(inject("redisUrl"), `${prefix}-${process.pid}`));
  const stack = {} as DiscordStack;
  beforeAll(async () => {
    stack.fake = await DiscordFake.start();
    stack.bot = await startDiscordBot(stack.fake, config, { messageContent: true });
    stack.worker = await runWorker(config);
  }, 60_000);
  afterAll(async () => {
    await stack.bot?.serve.close();
    await stack.worker?.close();
    await stack.fake?.close();
  }, 30_000);
  return stack;
}

/** A REST call's JSON body as text, for `toContain` checks. */
export const bodyText = (c: RestCall | undefined): string => JSON.stringify(c?.body ?? null);
