// Small tlog-witness stand-ins for the cosigning loop's tests: node:http servers that answer add-checkpoint as a
// test tells them (a real cosignature made with the core's cosignatureSigner, a 409 size, a 422, no answer).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { signNote } from "@/lib/ledger/log/note";
import { testWitness, type TestWitness } from "../../unit/support/log-keys";

export type WitnessRequest = { oldSize: number; proofLines: number; note: string; text: string; size: number };
export type WitnessAnswer = { status: number; type?: string; body: string } | "hang";

export type FakeWitness = {
  witness: TestWitness;
  /** The submission prefix URL for the policy. */
  url: string;
  requests: WitnessRequest[];
  close: () => Promise<void>;
};

/** The cosignature line `witness` makes over `text` at `timestampSeconds`: what a 200 carries. */
export function cosignatureLineOf(witness: TestWitness, text: string, timestampSeconds: number): string {
  return signNote(text, [witness.cosigner(timestampSeconds)]).slice(text.length + 1);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => resolve(body));
    request.on("error", reject);
  });
}

/** The parts of an add-checkpoint body the tests look at (the core parses it strictly elsewhere). */
function requestOf(body: string): WitnessRequest {
  const split = body.indexOf("\n\n");
  const head = body.slice(0, split).split("\n");
  const note = body.slice(split + 2);
  const text = note.slice(0, note.indexOf("\n\n") + 1);
  return {
    oldSize: Number(head[0]!.slice("old ".length)),
    proofLines: head.length - 1,
    note,
    text,
    size: Number(text.split("\n")[1]),
  };
}

export async function startFakeWitness(
  name: string,
  answer: (request: WitnessRequest, fake: FakeWitness) => WitnessAnswer,
): Promise<FakeWitness> {
  const hanging = new Set<ServerResponse>();
  const server: Server = createServer((request, response) => {
    void readBody(request).then((body) => {
      if (request.method !== "POST" || request.url !== "/witness/add-checkpoint") {
        response.writeHead(404).end("not found\n");
        return;
      }
      const parsed = requestOf(body);
      fake.requests.push(parsed);
      const reply = answer(parsed, fake);
      if (reply === "hang") {
        hanging.add(response);
        return;
      }
      response.writeHead(reply.status, { "content-type": reply.type ?? "text/plain; charset=utf-8" }).end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const fake: FakeWitness = {
    witness: testWitness(name),
    url: `http://127.0.0.1:${port}/witness`,
    requests: [],
    close: () =>
      new Promise<void>((resolve) => {
        for (const response of hanging) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return fake;
}

/** Answers like an honest witness that trusts every proof: 409 with its size unless `old` is it, else 200. */
export function honestAnswer(initialSize: number) {
  let heldSize = initialSize;
  return (request: WitnessRequest, fake: FakeWitness): WitnessAnswer => {
    if (request.oldSize !== heldSize) return { status: 409, type: "text/x.tlog.size", body: `${heldSize}\n` };
    heldSize = request.size;
    return { status: 200, body: cosignatureLineOf(fake.witness, request.text, Math.floor(Date.now() / 1000)) };
  };
}
