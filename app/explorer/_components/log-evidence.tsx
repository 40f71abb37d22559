// Evidence that the node signed two checkpoints of one origin that are not consistent with each other: the proof
// of a split view, shown in red with both notes whole so that anyone can check the two signatures themselves.
import { useTranslations } from "next-intl";
import type { EquivocationEvidence } from "@/lib/server/log/log-status";
import { formatUtc } from "../../_components/entities/time";
import { LogNoteBlock } from "./log-note-block";

export function LogEvidence({ evidence }: { evidence: EquivocationEvidence[] }) {
  const t = useTranslations("explorerLog");
  if (evidence.length === 0) return null;
  return (
    <section
      aria-labelledby="log-evidence-heading"
      role="alert"
      className="space-y-4 rounded-2xl border-2 border-rose-600 bg-rose-50 p-5 text-rose-950 sm:p-6"
    >
      <h2 id="log-evidence-heading" className="text-lg font-bold">
        {t("evidenceHeading")}
      </h2>
      {evidence.map((item, index) => (
        <article
          key={`${item.at}-${index}`}
          aria-label={t("evidenceLabel", { number: index + 1 })}
          className="space-y-3"
        >
          <p className="text-sm">
            {t.rich("reportedBy", {
              who: item.reportedBy,
              at: formatUtc(item.at),
              reason: item.reason,
              strong: (chunks) => <strong className="break-all">{chunks}</strong>,
              breakable: (chunks) => <span className="break-words">{chunks}</span>,
            })}
          </p>
          <div className="grid gap-3 lg:grid-cols-2">
            <LogNoteBlock
              text={item.notes[0]}
              label={t("firstNote", { number: index + 1 })}
              copyLabel={t("copyFirstNote", { number: index + 1 })}
            />
            <LogNoteBlock
              text={item.notes[1]}
              label={t("secondNote", { number: index + 1 })}
              copyLabel={t("copySecondNote", { number: index + 1 })}
            />
          </div>
        </article>
      ))}
    </section>
  );
}
