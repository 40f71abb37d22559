// A signed note or a policy file shown whole, byte for byte, in a block that wraps rather than scrolls sideways on
// a phone, with a button that copies exactly its text (a person pastes it into a verifier or a witness's log).
import { CopyButton } from "../../_components/copy-button";

export function LogNoteBlock({ text, label, copyLabel }: { text: string; label: string; copyLabel: string }) {
  return (
    <div className="space-y-2">
      <pre
        aria-label={label}
        tabIndex={0}
        className="max-w-full whitespace-pre-wrap break-all rounded-lg bg-slate-50 p-3 font-mono text-xs text-slate-900"
      >
        {text}
      </pre>
      <CopyButton text={text} label={copyLabel} />
    </div>
  );
}
