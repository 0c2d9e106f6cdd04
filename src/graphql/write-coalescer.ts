import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';

/** Frames per second this process writes before it starts coalescing (see below). */
const FRAME_BUDGET_PER_S = 50_000;
/**
 * How long frames of one socket may wait for company while coalescing. At 5,000 subscribers and
 * 20 changes/s (bench:fanout), windows of 25 to 100 ms all gave a p99 of 135-200 ms, against
 * about 1 s without coalescing; 50 leaves room under 200 ms. While a flush runs, frames pile up
 * on their own, so a busier process batches more.
 */
const WINDOW_MS = 50;

/**
 * Coalesces socket writes when the process is busy. Every frame to a socket is one write
 * syscall, and on the reference box (2 cores, clients on loopback) the syscalls, not the GraphQL
 * work, are what saturates: about 50,000 frames/s. Above that rate each socket is corked for up
 * to 50 ms, so the changes of that window leave in one write (every change is still its own
 * graphql-ws `next` message). Below it frames leave at once: small audiences pay no latency.
 * The decision is taken per second from the frames written in the previous one.
 */
export class WriteCoalescer {
  private framesThisSecond = 0;
  private secondStartedAt = Date.now();
  private active = false;
  private readonly corked = new Set<Socket>();
  private timer: NodeJS.Timeout | undefined;

  /** Call before writing a frame to `ws`. */
  beforeWrite(ws: WebSocket): void {
    const now = Date.now();
    if (now - this.secondStartedAt >= 1000) {
      const rate = (this.framesThisSecond * 1000) / (now - this.secondStartedAt);
      // Hysteresis: on above the budget, off only well below it.
      this.active = this.active ? rate > FRAME_BUDGET_PER_S * 0.7 : rate > FRAME_BUDGET_PER_S;
      this.framesThisSecond = 0;
      this.secondStartedAt = now;
    }
    this.framesThisSecond += 1;
    if (!this.active) return;
    // ws has no public cork; its frames are written to this socket whole, so corking it only
    // delays them (ws's own cork/uncork around each frame nests inside ours).
    const socket = (ws as unknown as { _socket?: Socket })._socket;
    if (!socket || this.corked.has(socket)) return;
    socket.cork();
    this.corked.add(socket);
    this.timer ??= setTimeout(() => this.flush(), WINDOW_MS);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    for (const socket of this.corked) if (!socket.destroyed) socket.uncork();
    this.corked.clear();
  }
}
