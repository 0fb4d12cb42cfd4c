import request from 'supertest';
import type { Agent } from 'supertest';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/adapters/db/schema';
import { createConsoleUser } from '../../src/console/auth/consoleUsers';
import type { ConsoleRole } from '../../src/adapters/db/console/consoleTables';

export const consolePassword = 'a long test password 1';

/** Creates a console user with the test password; returns its id. */
export async function addConsoleUser(db: Kysely<DB>, email: string, role: ConsoleRole, name?: string): Promise<string> {
  const created = await createConsoleUser(db, { email, role, password: consolePassword, ...(name ? { name } : {}) });
  if (!created.ok) throw new Error(created.error.message);
  return created.user.id;
}

/** The CSRF token of a console page (its hidden _csrf field). */
export function csrfOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('no _csrf field in the page');
  return match[1];
}

/** Signs in through the login form like a browser (cookies kept by the agent); returns the agent and the session's CSRF token. */
export async function signIn(url: string, email: string, password = consolePassword): Promise<{ agent: Agent; csrf: string }> {
  const agent = request.agent(url);
  const page = await agent.get('/console/login');
  const res = await agent.post('/console/login').type('form').send({ _csrf: csrfOf(page.text), email, password, next: '/console/inbox' });
  if (res.status !== 303) throw new Error(`sign-in answered ${res.status}`);
  const inbox = await agent.get('/console/inbox');
  return { agent, csrf: csrfOf(inbox.text) };
}
