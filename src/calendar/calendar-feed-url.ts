/** The private feed's token: 256 random bits, base64url (43 characters). */
export const FEED_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * The addresses of a calendar feed: `url` for "subscribe by URL" (https in production) and
 * `webcalUrl`, the same address with the `webcal:` scheme that makes calendar apps offer to
 * subscribe when it is opened.
 */
export function calendarFeedUrls(publicUrl: string, token: string) {
  const url = `${publicUrl}/api/v1/calendar/${token}.ics`;
  return { url, webcalUrl: url.replace(/^https?:/, 'webcal:') };
}
