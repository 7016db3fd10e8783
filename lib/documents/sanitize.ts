/**
 * Original file names are user input: they are kept only as a label (never as a path) and
 * cleaned so they are safe to show and to put in a Content-Disposition header.
 */
const MAX_NAME_CHARS = 150;
const MAX_EXT_CHARS = 12;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;
// C0/C1 controls, DEL, bidi overrides/isolates (used to disguise "fdp.exe" as "exe.pdf"), zero-width chars.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

export function sanitizeFileName(input: string | null | undefined, fallback = 'document'): string {
  let name = String(input ?? '').normalize('NFC');
  // Keep only the last path segment, whatever the separator the client used.
  name = name.split(/[/\\]/).pop() ?? '';
  name = name.replace(INVISIBLE, '');
  name = name.replace(/[<>:"|?*]/g, '_');
  name = name.replace(/\s+/g, ' ').trim();
  // No leading dots (hidden files, "..") and no trailing dots/spaces (Windows strips them).
  name = name.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  name = name.replace(/\.{2,}/g, '.');
  if (WINDOWS_RESERVED.test(name)) name = `_${name}`;
  if (!name) return fallback;
  const chars = Array.from(name);
  if (chars.length > MAX_NAME_CHARS) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 ? name.slice(dot) : '';
    const keepExt = ext && Array.from(ext).length <= MAX_EXT_CHARS ? ext : '';
    const base = Array.from(keepExt ? name.slice(0, dot) : name)
      .slice(0, MAX_NAME_CHARS - Array.from(keepExt).length)
      .join('')
      .trimEnd();
    name = base + keepExt;
  }
  return name;
}

/** `attachment; filename="ascii"; filename*=UTF-8''utf8` (RFC 6266 / 5987). */
export function contentDisposition(kind: 'attachment' | 'inline', fileName: string): string {
  const safe = sanitizeFileName(fileName);
  const ascii = safe
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\%;]/g, '_');
  const encoded = encodeURIComponent(safe).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** The extension of a sanitized name, lower-case without the dot ('' when none). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}
