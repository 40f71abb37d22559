// QR codes for the scanner's tests, made here with the app's own QR library: a GIF for the image input, and a
// Y4M video (raw YUV 4:2:0 frames) for Chromium's fake camera (--use-file-for-fake-video-capture).
import { writeFileSync } from "node:fs";
import qrcode from "qrcode-generator";

function qrOf(text: string) {
  const code = qrcode(0, "M");
  code.addData(text);
  code.make();
  return code;
}

/** A GIF of `text`'s QR code, as a file input takes it. */
export function qrGif(text: string): { name: string; mimeType: string; buffer: Buffer } {
  const dataUrl = qrOf(text).createDataURL(8, 16);
  return { name: "request.gif", mimeType: "image/gif", buffer: Buffer.from(dataUrl.split(",")[1]!, "base64") };
}

/** A short Y4M clip of `text`'s QR code, black on white in the middle of a 640×480 frame, written to `path`. */
export function writeQrVideo(path: string, text: string): void {
  const code = qrOf(text);
  const modules = code.getModuleCount();
  const width = 640;
  const height = 480;
  const scale = Math.floor((height - 80) / modules);
  const left = Math.floor((width - modules * scale) / 2);
  const top = Math.floor((height - modules * scale) / 2);
  const luma = Buffer.alloc(width * height, 235);
  for (let y = 0; y < modules * scale; y++)
    for (let x = 0; x < modules * scale; x++)
      if (code.isDark(Math.floor(y / scale), Math.floor(x / scale))) luma[(top + y) * width + left + x] = 16;
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from("FRAME\n"), luma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(path, Buffer.concat([header, ...Array.from({ length: 10 }, () => frame)]));
}
