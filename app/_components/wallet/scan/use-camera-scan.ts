"use client";
// The camera side of the scanner: while `isActive`, the rear camera (where there is one) plays in `videoRef` and
// its frames are read a few times a second until one holds a QR code, which goes to `onCode` once. Closing the
// dialog (or a code found) stops the camera: its light goes off, and no frame is read after.
import { useEffect, useRef, useState } from "react";
import { loadQrReader } from "./detector";

export type CameraStatus =
  | "starting"
  | "scanning"
  /** The person (or the site's settings) refused the camera. */
  | "denied"
  /** No camera, or none that can film. */
  | "missing"
  /** No getUserMedia at all (an insecure page, an old browser). */
  | "unsupported"
  /** The code reader did not load. */
  | "reader-failed"
  | "failed";

/** Four reads a second: quick to catch a code held up, light on a phone's battery. */
const frameIntervalMs = 250;

function statusOfError(error: unknown): CameraStatus {
  const name = error instanceof DOMException ? error.name : "";
  if (name === "NotAllowedError" || name === "SecurityError") return "denied";
  if (name === "NotFoundError" || name === "OverconstrainedError" || name === "NotReadableError") return "missing";
  return "failed";
}

export function useCameraScan(isActive: boolean, onCode: (text: string) => void) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const [status, setStatus] = useState<CameraStatus>("starting");
  const onCodeRef = useRef(onCode);
  useEffect(() => {
    onCodeRef.current = onCode;
  }, [onCode]);

  useEffect(() => {
    if (!isActive) return;
    let isStopped = false;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setInterval> | undefined;
    const stop = () => {
      isStopped = true;
      clearInterval(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };

    async function start() {
      setStatus("starting");
      if (typeof navigator.mediaDevices?.getUserMedia !== "function") {
        setStatus("unsupported");
        return;
      }
      try {
        stream = await navigator.mediaDevices.getUserMedia({
          video: { facingMode: { ideal: "environment" } },
          audio: false,
        });
      } catch (error) {
        if (!isStopped) setStatus(statusOfError(error));
        return;
      }
      if (isStopped) return stop();
      const video = videoRef.current;
      if (video === null) return stop();
      video.srcObject = stream;
      await video.play().catch(() => undefined);
      let reader;
      try {
        reader = await loadQrReader();
      } catch {
        if (!isStopped) setStatus("reader-failed");
        return stop();
      }
      if (isStopped) return;
      setStatus("scanning");
      let isReading = false;
      timer = setInterval(() => {
        // A slow read (a big frame on a slow phone) is never overlapped by the next.
        if (isReading || isStopped || video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) return;
        isReading = true;
        reader
          .detect(video)
          .then((codes) => {
            const code = codes.find((found) => found.rawValue !== "");
            if (code === undefined || isStopped) return;
            stop();
            onCodeRef.current(code.rawValue);
          })
          .catch(() => undefined)
          .finally(() => {
            isReading = false;
          });
      }, frameIntervalMs);
    }

    void start();
    return stop;
  }, [isActive]);

  return { videoRef, status };
}
