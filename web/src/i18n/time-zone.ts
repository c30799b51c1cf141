/** The reader's own time zone, read before any Intl polyfill replaces DateTimeFormat. */
export const READER_TIME_ZONE: string = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
