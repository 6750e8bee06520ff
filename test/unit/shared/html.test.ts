import { describe, expect, it } from 'vitest';

import { esc, jsonInHtml } from '../../../src/shared/html';

describe('jsonInHtml', () => {
  const text = 'Jl. Uji </script><meta http-equiv=refresh content=0;url=https://evil.example> & <!-- \u2028\u2029 "x"';

  it('leaves no character that could end the element or a line', () => {
    const json = jsonInHtml({ address: text });
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(json).toContain('\\u003c/script\\u003e');
  });

  it('reads back as the same data', () => {
    expect(JSON.parse(jsonInHtml({ address: text, n: [1, null] }))).toEqual({ address: text, n: [1, null] });
  });
});

describe('esc', () => {
  it('escapes what could open markup or close an attribute', () => {
    expect(esc(`"><img src=x onerror='a'>&`)).toBe('&quot;&gt;&lt;img src=x onerror=&#39;a&#39;&gt;&amp;');
  });
});
