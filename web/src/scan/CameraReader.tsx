import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n/useT';

/**
 * The phone's camera, decoded by qr-scanner (a JavaScript decoder in a worker: Chromium on
 * Linux and Windows has no BarcodeDetector). Calls `onCode` with every code it reads; the page
 * decides what a repeat means.
 */
export function CameraReader({ onCode }: { onCode: (code: string) => void }) {
  const t = useT();
  const video = useRef<HTMLVideoElement>(null);
  const latest = useRef(onCode);
  const [state, setState] = useState<'starting' | 'on' | 'unavailable'>('starting');

  useEffect(() => {
    latest.current = onCode;
  }, [onCode]);

  useEffect(() => {
    let stopped = false;
    let scanner: { stop(): void; destroy(): void } | undefined;
    void (async () => {
      try {
        const { default: QrScanner } = await import('qr-scanner');
        if (stopped || !video.current || !(await QrScanner.hasCamera())) {
          if (!stopped) setState('unavailable');
          return;
        }
        const instance = new QrScanner(video.current, (result) => latest.current(result.data), {
          preferredCamera: 'environment',
          maxScansPerSecond: 10,
          returnDetailedScanResult: true,
        });
        scanner = instance;
        await instance.start();
        if (stopped) instance.destroy();
        else setState('on');
      } catch {
        if (!stopped) setState('unavailable');
      }
    })();
    return () => {
      stopped = true;
      scanner?.destroy();
    };
  }, []);

  return (
    <div className="scan-camera">
      <video ref={video} muted playsInline aria-label={t('scan.camera.label')} />
      {state === 'starting' ? <p className="muted">{t('scan.camera.starting')}</p> : null}
      {state === 'unavailable' ? <p className="notice">{t('scan.camera.unavailable')}</p> : null}
    </div>
  );
}
