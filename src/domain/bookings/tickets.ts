import { createHmac, timingSafeEqual } from 'node:crypto';
import QRCode from 'qrcode';

const VERSION = 'T1';
const UUID_HEX = /^[0-9a-f]{32}$/;

/**
 * Ticket codes a door scanner can check offline: `T1.<booking id>.<signature>`, where the
 * signature is the first 128 bits of HMAC-SHA256(secret, "T1.<booking id>"), all base64url.
 * A forged or altered code fails the signature; whether a genuine one is still valid (not
 * cancelled, not used) is the check-in's question, answered by the database.
 */
export function createTicketCodec(secret: string) {
  const sign = (payload: string) => createHmac('sha256', secret).update(payload).digest().subarray(0, 16);
  return {
    codeFor(bookingId: string): string {
      const id = Buffer.from(bookingId.replaceAll('-', ''), 'hex').toString('base64url');
      const payload = `${VERSION}.${id}`;
      return `${payload}.${sign(payload).toString('base64url')}`;
    },
    /** The booking id of a genuine code, or undefined. */
    verify(code: string): string | undefined {
      if (code.length > 100) return undefined;
      const [version, id, signature] = code.split('.');
      if (version !== VERSION || !id || !signature || code.split('.').length !== 3) return undefined;
      const expected = sign(`${version}.${id}`);
      const given = Buffer.from(signature, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      const hex = Buffer.from(id, 'base64url').toString('hex');
      if (!UUID_HEX.test(hex)) return undefined;
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    },
  };
}
export type TicketCodec = ReturnType<typeof createTicketCodec>;

/** The code as a QR SVG (error correction M: survives a scuffed print or a cracked phone screen). */
export function ticketQrSvg(code: string): Promise<string> {
  return QRCode.toString(code, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

/** TICKET_SECRET, else one derived from the JWT secret (so rotating JWT_SECRET voids tickets). */
export function ticketSecretFrom(explicit: string | undefined, jwtSecret: string): string {
  return explicit ?? createHmac('sha256', jwtSecret).update('boxoffice/ticket-key/v1').digest('base64url');
}
