const BY_REGION: Readonly<Record<string, string>> = {
  CO: 'America/Bogota',
  MX: 'America/Mexico_City',
  PE: 'America/Lima',
  CL: 'America/Santiago',
  ES: 'Europe/Madrid',
  US: 'America/New_York',
};

/** A representative IANA time zone for a locale's region (es-CO → America/Bogota; UTC when unknown). Pure. */
export function getLocaleTimeZone(locale: string): string {
  const region = locale.split(/[-_]/)[1];
  return (region && BY_REGION[region.toUpperCase()]) || 'UTC';
}
