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

/** Collects issues up to `max` while counting them all. */
export interface IssueCollector {
  report(issue: PortfolioIssue): void;
  /** Counts `n` more issues that are not kept. */
  countMore(n: number): void;
  readonly issues: PortfolioIssue[];
  total(): number;
}

/** An IssueCollector that keeps the first `max` issues. Pure. */
export function createIssueCollector(max: number): IssueCollector {
  const issues: PortfolioIssue[] = [];
  let total = 0;
  return {
    issues,
    report(issue) {
      total += 1;
      if (issues.length < max) issues.push(issue);
    },
    countMore(n) {
      total += Math.max(0, n);
    },
    total: () => total,
  };
}
