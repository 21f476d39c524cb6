import type { Request } from 'express';
import { ValidationError } from '../../http/validation';
import { adoptFormKey, FORM_KEY_FIELD } from './form-key';

const request = (body: unknown, headers: Record<string, string> = {}) =>
  ({ body, headers: { ...headers } }) as unknown as Request;

describe('the key a page form is posted with', () => {
  const key = '0b6f2c1e-4d3a-4f5b-9c8d-7e6f5a4b3c2d';

  it('becomes the write’s idempotency key, scoped apart from keys an API client sends', () => {
    const req = request({ [FORM_KEY_FIELD]: key, title: 'Sak' });
    adoptFormKey(req);
    expect(req.headers['idempotency-key']).toBe(`form:${key}`);
  });

  it('is the form’s, not a header’s, when both are sent', () => {
    const req = request({ [FORM_KEY_FIELD]: key }, { 'idempotency-key': 'from-a-script' });
    adoptFormKey(req);
    expect(req.headers['idempotency-key']).toBe(`form:${key}`);
  });

  it('leaves a post without one as it was', () => {
    const req = request({ title: 'Sak' }, { 'idempotency-key': 'from-a-script' });
    adoptFormKey(req);
    expect(req.headers['idempotency-key']).toBe('from-a-script');
    const empty = request(undefined);
    adoptFormKey(empty);
    expect(empty.headers['idempotency-key']).toBeUndefined();
  });

  it.each([['not-a-key'], [''], [[key, key]], [42]])('refuses %p, naming the field', (value) => {
    const req = request({ [FORM_KEY_FIELD]: value });
    let thrown: unknown;
    try {
      adoptFormKey(req);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as ValidationError).issues.map((i) => i.path)).toEqual([[FORM_KEY_FIELD]]);
    expect(req.headers['idempotency-key']).toBeUndefined();
  });
});
