/**
 * Coalesces the commands a connection writes in one turn of the event loop into one socket
 * write. ioredis writes every command to the socket on its own, and on loopback each write is a
 * system call that also runs the receiving side's TCP work: with a dozen commands per request,
 * writes were the main thread's largest cost. Corking the socket at the first write of a turn
 * and uncorking it on the next tick sends them as one `writev`. Commands, order and replies are
 * unchanged; a command waits at most for the rest of the current turn.
 *
 * Unlike ioredis' `enableAutoPipelining`, this adds no per-command bookkeeping (that option cost
 * more CPU than it saved here: docs/scaling.md).
 */
import type { Socket } from "node:net";
import type { TLSSocket } from "node:tls";
import type { Redis } from "ioredis";

/** Makes `socket` cork at its first write of a tick and uncork on the next. */
function corkPerTick(socket: Socket | TLSSocket): void {
  const write = socket.write;
  let corked = false;
  const uncork = () => {
    corked = false;
    socket.uncork();
  };
  socket.write = function (this: Socket, ...args: Parameters<Socket["write"]>) {
    if (!corked) {
      corked = true;
      socket.cork();
      process.nextTick(uncork);
    }
    return write.apply(this, args);
  } as Socket["write"];
}

/** Applies {@link corkPerTick} to every socket `redis` opens (each reconnect opens a new one). */
export function coalesceWrites(redis: Redis): void {
  redis.on("connect", () => {
    corkPerTick(redis.stream);
  });
}
