import { BodyRejectedError, checkBodyShape } from './body-contract';

const rejection = (body: unknown) => {
  try {
    checkBodyShape(body, { maxDepth: 4, maxArrayItems: 3, maxObjectKeys: 3, maxStringLength: 10 });
    return undefined;
  } catch (error) {
    if (!(error instanceof BodyRejectedError)) throw error;
    return { status: error.status, code: error.code, path: error.issues[0]?.path };
  }
};

describe('checkBodyShape', () => {
  it('lets a body within every limit through', () => {
    expect(rejection({ a: [1, 'æøå 🎉', { b: null }], c: -0, d: 1e308 })).toBeUndefined();
  });

  it('refuses nesting past the depth limit with 400 and the path where it went too deep', () => {
    expect(rejection({ a: { b: [{ c: {} }] } })).toEqual({
      status: 400,
      code: 'BODY.TOO_DEEP',
      path: ['a', 'b', 0, 'c'],
    });
  });

  it('refuses a 20,000-deep body without running out of stack', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 20_000; i++) deep = { a: deep };
    expect(() => checkBodyShape(deep)).toThrow(BodyRejectedError);
  });

  it('refuses long arrays, wide objects and long strings with 413 and their path', () => {
    expect(rejection({ list: [1, 2, 3, 4] })).toEqual({
      status: 413,
      code: 'BODY.ARRAY_TOO_LONG',
      path: ['list'],
    });
    expect(rejection({ o: { a: 1, b: 2, c: 3, d: 4 } })).toEqual({
      status: 413,
      code: 'BODY.TOO_MANY_KEYS',
      path: ['o'],
    });
    expect(rejection({ s: 'x'.repeat(11) })).toEqual({
      status: 413,
      code: 'BODY.STRING_TOO_LONG',
      path: ['s'],
    });
  });

  it('refuses numbers JSON.parse made infinite and text with a lone surrogate, with 400', () => {
    expect(rejection(JSON.parse('{"n":[1e400]}'))).toEqual({
      status: 400,
      code: 'BODY.NUMBER_OUT_OF_RANGE',
      path: ['n', 0],
    });
    expect(rejection({ t: 'a\ud800' })).toEqual({ status: 400, code: 'BODY.INVALID_TEXT', path: ['t'] });
    expect(rejection({ ['\udc00']: 1 })).toEqual({
      status: 400,
      code: 'BODY.INVALID_TEXT',
      path: ['\udc00'],
    });
  });
});
