/**
 * `created` as the Web Annotation model asks for it: an `xsd:dateTime` in UTC, written with `Z`.
 * Sidecars hold any ISO 8601 date or date and time (`check` warns about anything else).
 */

/** An ISO 8601 date, optionally with a time (`T` or a space) and a zone, as sidecars may hold it. */
const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/**
 * The `xsd:dateTime` (UTC, `Z`) of a sidecar's `created`: a date alone is midnight UTC, a time without
 * a zone is taken as UTC, missing seconds are `:00`, a zone offset is converted to UTC, fractions of
 * a second are kept.
 * @param created the value as the sidecar holds it
 * @returns the dateTime, or undefined when the value is not an ISO 8601 date that exists
 */
export function toXsdDateTime(created: string): string | undefined {
  const m = ISO_8601.exec(created);
  if (!m) return undefined;
  const [, year, month, day, hour = '00', minute = '00', second = '00', fraction = '', zone = 'Z'] = m;
  const offsetMinutes = zone === 'Z' ? 0 : zoneMinutes(zone);
  const asGiven = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not read the years 0–99 as 1900–1999.
  asGiven.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
  asGiven.setUTCHours(Number(hour), Number(minute), Number(second));
  const local = asGiven.getTime();
  // Dates roll 2026-02-30 over to March: a date or time that does not exist is refused, not moved.
  if (asGiven.getUTCMonth() !== Number(month) - 1 || asGiven.getUTCDate() !== Number(day) || asGiven.getUTCHours() !== Number(hour) || asGiven.getUTCMinutes() !== Number(minute) || asGiven.getUTCSeconds() !== Number(second)) {
    return undefined;
  }
  const utc = new Date(local - offsetMinutes * 60_000).toISOString();
  return `${utc.slice(0, 19)}${fraction}Z`;
}

function zoneMinutes(zone: string): number {
  const digits = zone.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
  return zone.startsWith('-') ? -minutes : minutes;
}
