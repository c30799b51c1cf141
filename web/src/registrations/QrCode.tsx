import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

/**
 * The check-in code as a QR image, drawn large with a quiet zone and medium error correction
 * so a door scanner reads it off a phone screen; `label` names it for screen readers.
 */
export function QrCode({ value, label }: { value: string; label: string }) {
  const [src, setSrc] = useState<string>();
  useEffect(() => {
    let current = true;
    void QRCode.toDataURL(value, { errorCorrectionLevel: 'M', margin: 4, scale: 10 }).then(
      (url) => {
        if (current) setSrc(url);
      },
    );
    return () => {
      current = false;
    };
  }, [value]);
  if (!src) return <div className="qr" role="img" aria-label={label} aria-busy="true" />;
  return <img className="qr" src={src} alt={label} width={330} height={330} />;
}
