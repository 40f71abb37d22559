// Evidence that the node signed two checkpoints of one origin that are not consistent with each other: the proof
// of a split view, shown in red with both notes whole so that anyone can check the two signatures themselves.
import type { EquivocationEvidence } from "@/lib/server/log/log-status";
import { formatUtc } from "../../_components/entities/time";
import { LogNoteBlock } from "./log-note-block";

export function LogEvidence({ evidence }: { evidence: EquivocationEvidence[] }) {
  if (evidence.length === 0) return null;
  return (
    <section
      aria-labelledby="log-evidence-heading"
      role="alert"
      className="space-y-4 rounded-2xl border-2 border-rose-600 bg-rose-50 p-5 text-rose-950 sm:p-6"
    >
      <h2 id="log-evidence-heading" className="text-lg font-bold">
        Equivocation: the node signed two inconsistent checkpoints
      </h2>
      {evidence.map((item, index) => (
        <article key={`${item.at}-${index}`} aria-label={`Evidence ${index + 1}`} className="space-y-3">
          <p className="text-sm">
            Reported by <strong className="break-all">{item.reportedBy}</strong> at {formatUtc(item.at)}:{" "}
            <span className="break-words">{item.reason}</span>
          </p>
          <div className="grid gap-3 lg:grid-cols-2">
            <LogNoteBlock text={item.notes[0]} label={`First note of evidence ${index + 1}`} />
            <LogNoteBlock text={item.notes[1]} label={`Second note of evidence ${index + 1}`} />
          </div>
        </article>
      ))}
    </section>
  );
}
