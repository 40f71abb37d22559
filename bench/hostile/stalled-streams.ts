// Attack 2 (issue 10): thousands of `GET /api/events` streams opened with `Last-Event-ID: 0` and never read.
// Raw sockets (node:net) so that nothing reads on the attacker's side: each one reads the status line, then is
// paused, and the node's writes pile up in the kernel's buffers and then in its own. All come from 127.0.0.1,
// so a per-client cap refuses most of them (503 overloaded): that is the defence working, and it is counted.
import { connect, type Socket } from "node:net";
import type { RunningServer } from "../../tests/support/server";
import type { Attack, AttackReport } from "./measure";

/** How long the attack waits for every stream's answer before its window starts without the rest. */
const openWaitMaxMs = 120_000;
/** Enough of an answer to hold its status line. */
const statusLineBytesMax = 1024;

type Stream = {
  socket: Socket;
  /** The HTTP status, "error" (a connection error or a close before any answer), or null while unanswered. */
  outcome: number | "error" | null;
  /** The node closed an accepted stream: a client that does not read may be dropped, and that is a defence. */
  isDroppedByNode: boolean;
};

function openStream(host: string, port: number, onAnswered: () => void): Stream {
  const socket = connect({ host, port });
  const stream: Stream = { socket, outcome: null, isDroppedByNode: false };
  let head = "";
  const settle = (outcome: number | "error") => {
    if (stream.outcome !== null) return;
    stream.outcome = outcome;
    onAnswered();
  };
  socket.once("connect", () =>
    socket.write(
      `GET /api/events HTTP/1.1\r\nHost: ${host}:${port}\r\nAccept: text/event-stream\r\nLast-Event-ID: 0\r\n\r\n`,
    ),
  );
  const onData = (chunk: Buffer) => {
    head += chunk.toString("latin1", 0, Math.min(chunk.length, statusLineBytesMax));
    const match = /^HTTP\/1\.1 (\d{3})/.exec(head);
    if (match === null && head.length < statusLineBytesMax) return;
    socket.off("data", onData);
    // The stalling itself: nothing is read from here on.
    socket.pause();
    settle(match === null ? "error" : Number(match[1]));
    // A refused stream is closed, as a client told 503 would; retrying it is the per-client cap's business.
    if (stream.outcome !== 200) socket.destroy();
  };
  socket.on("data", onData);
  socket.once("error", () => {
    // A reset on an accepted stream is the node dropping it too.
    if (stream.outcome === 200) stream.isDroppedByNode = true;
    settle("error");
  });
  // A paused socket does not see the node's end of the stream (that comes after the data nobody reads), so a
  // drop is only seen once drain() reads again.
  socket.once("end", () => {
    if (stream.outcome === 200) stream.isDroppedByNode = true;
  });
  socket.once("close", () => settle("error"));
  return stream;
}

/** How long the accepted streams are read at the end, for the node's end of those it dropped to show. */
const drainMs = 2_000;

/** Reads (and throws away) what each accepted stream holds, for `drainMs`: those the node dropped then end. */
async function drain(streams: readonly Stream[]): Promise<void> {
  for (const stream of streams) {
    if (stream.outcome !== 200 || stream.socket.destroyed) continue;
    stream.socket.on("data", () => {});
    stream.socket.resume();
  }
  await new Promise((resolve) => setTimeout(resolve, drainMs));
}

/** Opens `count` stalled streams at once on start, and closes them all on stop. */
export function stalledStreamsAttack(server: RunningServer, count: number): Attack {
  const { hostname, port } = new URL(server.url);
  let streams: Stream[] = [];
  let openSeconds = 0;
  return {
    start: async () => {
      const startedMs = performance.now();
      let answered = 0;
      let allAnswered: () => void = () => {};
      const isAllAnswered = new Promise<void>((resolve) => (allAnswered = resolve));
      streams = Array.from({ length: count }, () =>
        openStream(hostname, Number(port), () => {
          if (++answered === count) allAnswered();
        }),
      );
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([isAllAnswered, new Promise((resolve) => (timer = setTimeout(resolve, openWaitMaxMs)))]);
      clearTimeout(timer);
      openSeconds = (performance.now() - startedMs) / 1000;
    },
    stop: async (): Promise<AttackReport> => {
      await drain(streams);
      const accepted = streams.filter((stream) => stream.outcome === 200).length;
      const dropped = streams.filter((stream) => stream.isDroppedByNode).length;
      const unanswered = streams.filter((stream) => stream.outcome === null).length;
      const errors = streams.filter((stream) => stream.outcome === "error").length;
      const refusedByStatus: Record<string, number> = {};
      for (const stream of streams) {
        if (typeof stream.outcome === "number" && stream.outcome !== 200)
          refusedByStatus[stream.outcome] = (refusedByStatus[stream.outcome] ?? 0) + 1;
      }
      const refused = Object.values(refusedByStatus).reduce((sum, value) => sum + value, 0);
      await Promise.all(
        streams.map(
          (stream) =>
            new Promise<void>((resolve) => {
              if (stream.socket.destroyed) return resolve();
              stream.socket.once("close", () => resolve());
              stream.socket.destroy();
            }),
        ),
      );
      const refusedText = Object.entries(refusedByStatus)
        .map(([status, number]) => `${number} × ${status}`)
        .join(", ");
      return {
        summary:
          `${count} opened in ${openSeconds.toFixed(1)} s: ${accepted} accepted (${dropped} of them dropped by the node), ` +
          `${refused} refused${refused > 0 ? ` (${refusedText})` : ""}` +
          (errors > 0 ? `, ${errors} connection errors` : "") +
          (unanswered > 0 ? `, ${unanswered} unanswered after ${openWaitMaxMs / 1000} s` : ""),
        figures: {
          opened: count,
          openSeconds,
          accepted,
          droppedByNode: dropped,
          refused,
          errors,
          unanswered,
          ...Object.fromEntries(Object.entries(refusedByStatus).map(([status, number]) => [`status${status}`, number])),
        },
      };
    },
  };
}
