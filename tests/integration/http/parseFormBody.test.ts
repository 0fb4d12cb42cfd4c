import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { parseFormBody } from '../../../src/http/parseFormBody';

function echoApp(limit = 1024) {
  const app = express();
  app.post('/form', parseFormBody(limit), (req, res) => {
    res.json({ body: req.body as unknown, prototype: Object.getPrototypeOf(req.body) === null });
  });
  return app;
}

describe('form body parser', () => {
  it('decodes fields as Twilio sends them, repeated fields as a list in order', async () => {
    const res = await request(echoApp())
      .post('/form')
      .type('form')
      .send('Body=hola+mundo%21+%C2%BFs%C3%AD%3F&MediaUrl0=a&MediaUrl0=b&Empty=&__proto__=x');
    expect(res.status).toBe(200);
    expect(res.body.body).toEqual({ Body: 'hola mundo! ¿sí?', MediaUrl0: ['a', 'b'], Empty: '', ['__proto__']: 'x' });
    expect(res.body.prototype).toBe(true); // no prototype: a field named __proto__ is just a field
  });

  it('answers 413 past the limit and gives other content types an empty form', async () => {
    const app = echoApp(64);
    expect((await request(app).post('/form').type('form').send(`Body=${'x'.repeat(100)}`)).status).toBe(413);
    const json = await request(app).post('/form').send({ Body: 'hola' });
    expect(json.body.body).toEqual({});
  });
});
