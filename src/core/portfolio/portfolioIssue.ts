/** One problem in a portfolio file: the 1-based line, the column it is about, what is wrong and what to do. */
export interface PortfolioIssue {
  line: number;
  column: string;
  message: string;
}

/** `line N, column NAME: message`, the form the CLI prints and the API returns. Pure. */
export function formatPortfolioIssue(issue: PortfolioIssue): string {
  return `line ${issue.line}, column ${issue.column}: ${issue.message}`;
}
