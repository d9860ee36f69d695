import type { Address, Email } from 'postal-mime';
import { loadOnFirstUse } from '../../../platform/load-on-first-use.js';
import type { ParsedThread } from './parsed-message.js';

/** The MIME parser, loaded by the first .eml import (it is not needed to start the service). */
const loadPostalMime = loadOnFirstUse(async () => (await import('postal-mime')).default);

/** A mailbox as the log names the counterpart: the display name, else the address. */
function nameOf(address: Address | undefined): string {
  if (address === undefined) return '';
  // A group (`Team: a@x, b@y;`) is named by its name; a mailbox by its display name, else its address.
  return (address.name.trim() !== '' ? address.name : (address.address ?? '')).trim();
}

/**
 * Reads one email saved as an `.eml` file (RFC 822 / MIME): sender, recipients, date, subject and
 * its plain-text body (MIME-decoded by postal-mime; a message with only HTML is read as its text).
 * The message's fingerprint is taken of the whole file, which is also the thread's.
 */
export async function parseEmlMessage(text: string): Promise<ParsedThread> {
  let email: Email;
  try {
    const PostalMime = await loadPostalMime();
    email = await PostalMime.parse(text);
  } catch {
    return { messages: [], problems: [{ line: 1, message: 'the email could not be read as an .eml file' }] };
  }
  const body = (email.text ?? '').replace(/\r\n?/g, '\n').replace(/^\s*\n|\n\s*$/g, '');
  if (email.date === undefined || email.date === '')
    return { messages: [], problems: [{ line: 1, message: 'the email has no Date header' }] };
  if (body.trim() === '') return { messages: [], problems: [{ line: 1, message: 'the email has no text' }] };
  return {
    messages: [
      {
        sentAt: email.date,
        from: nameOf(email.from),
        to: (email.to ?? [])
          .map(nameOf)
          .filter((name) => name !== '')
          .join(', '),
        subject: (email.subject ?? '').trim(),
        body,
        original: text,
        line: 1,
      },
    ],
    problems: [],
  };
}
