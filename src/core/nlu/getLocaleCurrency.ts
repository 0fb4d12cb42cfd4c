const BY_REGION: Readonly<Record<string, string>> = {
  CO: 'COP',
  MX: 'MXN',
  PE: 'PEN',
  CL: 'CLP',
  ES: 'EUR',
  US: 'USD',
};

/** The usual currency of a BCP 47 locale's region (es-CO → COP), or undefined for an unknown region. Pure. */
export function getLocaleCurrency(locale: string): string | undefined {
  const region = locale.split(/[-_]/)[1];
  return region ? BY_REGION[region.toUpperCase()] : undefined;
}
