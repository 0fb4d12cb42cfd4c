/**
 * Defaults for the markets Pacto serves, used when a portfolio row leaves `timezone` or `locale` empty.
 * Countries with several time zones (MX, CL, ES, US) get the capital's zone: America/Mexico_City,
 * America/Santiago, Europe/Madrid (not the Canaries), America/New_York. Debtors elsewhere in those countries
 * need the `timezone` column filled so quiet hours and due dates follow their own clock.
 */
const DEFAULTS: Readonly<Record<string, { timeZone: string; locale: string }>> = {
  CO: { timeZone: 'America/Bogota', locale: 'es-CO' },
  MX: { timeZone: 'America/Mexico_City', locale: 'es-MX' },
  PE: { timeZone: 'America/Lima', locale: 'es-PE' },
  CL: { timeZone: 'America/Santiago', locale: 'es-CL' },
  ES: { timeZone: 'Europe/Madrid', locale: 'es-ES' },
  US: { timeZone: 'America/New_York', locale: 'en-US' },
};

/** The default time zone and locale of a country code (capital's zone), or undefined for an unlisted country. Pure. */
export function countryDefaults(country: string): { timeZone: string; locale: string } | undefined {
  return DEFAULTS[country];
}
