/** The character encodings a portfolio file may be declared in. */
export type PortfolioEncoding = 'utf-8' | 'latin1';

const LABELS: Readonly<Record<string, PortfolioEncoding>> = {
  'utf-8': 'utf-8', utf8: 'utf-8',
  'iso-8859-1': 'latin1', iso8859_1: 'latin1', 'iso8859-1': 'latin1', 'iso_8859-1': 'latin1', latin1: 'latin1', 'latin-1': 'latin1', l1: 'latin1',
  'windows-1252': 'latin1', cp1252: 'latin1', 'x-cp1252': 'latin1',
};

/**
 * The encoding a charset label names (case-insensitive: UTF-8, ISO-8859-1, latin1, windows-1252 …), or undefined
 * for one Pacto does not read. Latin-1 is read as Windows-1252, its superset, as browsers and spreadsheets do. Pure.
 */
export function portfolioEncodingOf(label: string): PortfolioEncoding | undefined {
  return LABELS[label.trim().toLowerCase()];
}

/** The labels to mention in an error message. */
export const PORTFOLIO_ENCODING_LABELS = 'UTF-8, ISO-8859-1 (latin1) or windows-1252';
