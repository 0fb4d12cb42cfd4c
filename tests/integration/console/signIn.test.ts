import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../../../src/main';
import { createFakeClock } from '../../helpers/createFakeClock';
import { addConsoleUser, consolePassword, csrfOf, signIn } from '../../fakes/consoleSignIn';
import { startTestService } from '../../fakes/startTestService';

const clock = createFakeClock(new Date('2026-12-01T12:00:00Z'));
let service: RunningService;

beforeAll(async () => {
  service = await startTestService({ CONSOLE_IDLE_MINUTES: '30' }, { clock });
  await addConsoleUser(service.database.db, 'ana@example.com', 'supervisor', 'Ana');
  await addConsoleUser(service.database.db, 'vic@example.com', 'viewer', 'Vic');
}, 120_000);

afterAll(async () => {
  await service?.stop();
});

async function loginForm(agent = request.agent(service.url)) {
  const page = await agent.get('/console/login');
  return { agent, token: csrfOf(page.text), page };
}

describe('console sign-in', () => {
  it('sends a page request without a session to the sign-in page, and other requests get 401', async () => {
    const page = await request(service.url).get('/console/inbox').set('Accept', 'text/html');
    expect(page.status).toBe(303);
    expect(page.headers.location).toBe('/console/login?next=%2Fconsole%2Finbox');
    expect((await request(service.url).post('/console/conversations/x/take')).status).toBe(401);
  });

  it('signs in with the right password: HttpOnly SameSite cookie, Secure outside localhost, a strict CSP', async () => {
    const { agent, token, page } = await loginForm();
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).not.toContain('unsafe-inline');
    const res = await agent.post('/console/login').type('form').send({ _csrf: token, email: 'ANA@example.com', password: consolePassword, next: '/console/inbox' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/console/inbox');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/pacto_console=[\w-]+; Path=\/console; HttpOnly; SameSite=Lax/);
    expect(cookie).not.toContain('Secure');
    expect((await agent.get('/console/inbox')).text).toContain('Ana (supervisor)');

    const remote = request.agent(service.url);
    const form = await remote.get('/console/login').set('Host', 'console.example.com');
    expect(String(form.headers['set-cookie'])).toContain('Secure');
  });

  it('refuses a wrong password, and never sends to another site after signing in', async () => {
    const { agent, token } = await loginForm();
    const wrong = await agent.post('/console/login').type('form').send({ _csrf: token, email: 'ana@example.com', password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('E-mail or password is not right.');
    const again = await loginForm(agent);
    const res = await agent.post('/console/login').type('form').send({ _csrf: again.token, email: 'ana@example.com', password: consolePassword, next: '//evil.example.com/' });
    expect(res.headers.location).toBe('/console/inbox');
  });

  it('refuses a sign-in form that did not come from the sign-in page', async () => {
    const res = await request(service.url).post('/console/login').type('form').send({ _csrf: 'forged', email: 'ana@example.com', password: consolePassword });
    expect(res.status).toBe(403);
  });

  it('throttles sign-in after five failures for an e-mail, even with the right password then', async () => {
    await addConsoleUser(service.database.db, 'tom@example.com', 'supervisor');
    const { agent } = await loginForm();
    for (let i = 0; i < 5; i += 1) {
      const { token } = await loginForm(agent);
      expect((await agent.post('/console/login').type('form').send({ _csrf: token, email: 'tom@example.com', password: `wrong ${i}` })).status).toBe(401);
    }
    const { token } = await loginForm(agent);
    const blocked = await agent.post('/console/login').type('form').send({ _csrf: token, email: 'tom@example.com', password: consolePassword });
    expect(blocked.status).toBe(429);
    expect(blocked.text).toContain('Too many failed attempts');
    clock.advance(16 * 60_000);
    const later = await loginForm(agent);
    expect((await agent.post('/console/login').type('form').send({ _csrf: later.token, email: 'tom@example.com', password: consolePassword })).status).toBe(303);
  });

  it('ends a session left idle longer than CONSOLE_IDLE_MINUTES, and on sign-out', async () => {
    const { agent, csrf } = await signIn(service.url, 'ana@example.com');
    clock.advance(29 * 60_000);
    expect((await agent.get('/console/inbox')).status).toBe(200);
    clock.advance(29 * 60_000);
    expect((await agent.get('/console/inbox')).status).toBe(200);
    clock.advance(31 * 60_000);
    expect((await agent.get('/console/inbox').set('Accept', 'text/html')).status).toBe(303);

    const second = await signIn(service.url, 'ana@example.com');
    expect((await second.agent.post('/console/logout').type('form').send({})).status).toBe(403);
    expect((await second.agent.post('/console/logout').type('form').send({ _csrf: second.csrf })).status).toBe(303);
    expect((await second.agent.get('/console/inbox').set('Accept', 'text/html')).status).toBe(303);
    expect(csrf).not.toBe(second.csrf);
  });

  it('keeps the bearer-token API working beside the console', async () => {
    expect((await request(service.url).get('/api/conversations')).status).toBe(401);
  });
});
