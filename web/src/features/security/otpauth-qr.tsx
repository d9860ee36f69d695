import { useId, useMemo } from 'react';
import { buildQrPath } from './qr-path';

/**
 * The authenticator's setup link as a QR code to scan with the phone's authenticator app. The
 * text alternative says what it is and where the same key is for typing by hand, since a screen
 * reader cannot read a QR code out.
 */
export function OtpauthQr({ uri }: { uri: string }) {
  const titleId = useId();
  const { size, path } = useMemo(() => buildQrPath(uri), [uri]);
  return (
    <svg
      className="otpauth-qr"
      role="img"
      aria-labelledby={titleId}
      viewBox={`0 0 ${size} ${size}`}
      width={200}
      height={200}
      shapeRendering="crispEdges"
      data-testid="totp-qr"
    >
      <title id={titleId}>
        QR code to add Holdfast to your authenticator app. If you cannot scan it, type the key shown below it.
      </title>
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
