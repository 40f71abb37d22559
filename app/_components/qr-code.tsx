"use client";
import qrcode from "qrcode-generator";
import { useMemo } from "react";

/** A QR code as an SVG of its dark modules, drawn as one path: crisp at any size, no canvas. */
export function QrCode({ value, label, size = 160 }: { value: string; label: string; size?: number }) {
  const { path, count } = useMemo(() => {
    const code = qrcode(0, "M");
    code.addData(value);
    code.make();
    const modules = code.getModuleCount();
    let d = "";
    for (let row = 0; row < modules; row++) {
      for (let column = 0; column < modules; column++)
        if (code.isDark(row, column)) d += `M${column + 2},${row + 2}h1v1h-1z`;
    }
    return { path: d, count: modules + 4 };
  }, [value]);
  return (
    <svg
      role="img"
      aria-label={label}
      viewBox={`0 0 ${count} ${count}`}
      width={size}
      height={size}
      className="rounded-lg bg-white"
      shapeRendering="crispEdges"
    >
      <rect width={count} height={count} fill="#fff" />
      <path d={path} fill="#0f172a" />
    </svg>
  );
}
