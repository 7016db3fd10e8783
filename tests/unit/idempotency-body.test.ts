import { describe, expect, it } from 'vitest';
import { digestBody, tapBody } from '@/lib/http/idempotency-body';

/** A request whose body arrives in the given chunks (as a slow network would deliver it). */
function chunked(chunks: Uint8Array[], contentType: string): Request {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(c);
      controller.close();
    },
  });
  return new Request('http://localhost/x', {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
    duplex: 'half',
  } as RequestInit);
}

function form(boundary: string, value: string): Buffer {
  return Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="a"\r\n\r\n${value}\r\n--${boundary}--\r\n`,
  );
}

const split = (buf: Buffer, at: number) => [buf.subarray(0, at), buf.subarray(at)];

describe('body digest for Idempotency-Key', () => {
  it('a multipart body hashes the same whatever its boundary and wherever the chunks are cut', async () => {
    const a = form('AaB03x', 'valeur');
    const reference = await digestBody(chunked([a], 'multipart/form-data; boundary=AaB03x'), a.length);
    const b = form('----formdata-undici-012345678901', 'valeur');
    for (let at = 1; at < b.length; at++) {
      const d = await digestBody(
        chunked(split(b, at), 'multipart/form-data; boundary="----formdata-undici-012345678901"'),
        a.length,
      );
      expect(d?.sha256, `cut at ${at}`).toBe(reference?.sha256);
    }
    const other = form('AaB03x', 'valeuR');
    const d = await digestBody(chunked([other], 'multipart/form-data; boundary=AaB03x'), a.length);
    expect(d?.sha256).not.toBe(reference?.sha256);
  });

  it('a JSON body hashes its bytes; the boundary rule does not apply to it', async () => {
    const text = Buffer.from('{"body":"--AaB03x"}');
    const x = await digestBody(chunked([text], 'application/json'), text.length);
    const y = await digestBody(chunked([Buffer.from('{"body":"--Zz"}')], 'application/json'), text.length);
    expect(x?.bytes).toBe(text.length);
    expect(x?.sha256).not.toBe(y?.sha256);
  });

  it('a body much longer than the stored one is not read to its end: null', async () => {
    const big = Buffer.alloc(200 * 1024, 1);
    expect(await digestBody(chunked([big], 'application/json'), 10)).toBeNull();
  });

  it('tapBody: the handler reads the same bytes; the digest equals digestBody, null when left unread', async () => {
    const payload = Buffer.from('{"a":1}');
    const tap = tapBody(chunked([payload], 'application/json'));
    expect(await tap.request.text()).toBe('{"a":1}');
    const expected = await digestBody(chunked([payload], 'application/json'), payload.length);
    expect(await tap.digest()).toEqual(expected);
    const untouched = tapBody(chunked([payload], 'application/json'));
    expect(await untouched.digest()).toBeNull();
  });
});
