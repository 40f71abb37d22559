// The body of a C2SP tlog-witness `add-checkpoint` request: `old <size>\n`, up to 63 base64 consistency-proof
// lines, an empty line, then the signed checkpoint note.
// CONTRACT STUB: the signatures below are fixed; the bodies are being written (issue 11, core helper).

export type AddCheckpointRequest = { oldSize: number; proof: Uint8Array[]; note: string };

/** The most consistency-proof lines a request may carry. */
export const proofLinesMax = 63;

export class AddCheckpointError extends Error {
  readonly status: 400;
  constructor(message: string) {
    super(message);
    this.name = "AddCheckpointError";
    this.status = 400;
  }
}

export function formatAddCheckpoint(request: AddCheckpointRequest): string {
  void request;
  throw new Error("not built yet");
}

/** Parses a request body; throws AddCheckpointError (400) for anything PROTOCOL.md's "Witness answers" call unparsable. */
export function parseAddCheckpoint(body: string): AddCheckpointRequest {
  void body;
  throw new Error("not built yet");
}
