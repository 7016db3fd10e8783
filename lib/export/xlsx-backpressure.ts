import type { PassThrough } from 'node:stream';
import type ExcelJS from 'exceljs';

/**
 * Backpressure for exceljs's streaming writer. exceljs 4 accepts every row without ever saying
 * "wait": a worksheet writes its XML into a StreamBuf whose write() always returns true and which
 * pushes into archiver without looking at the result, and archiver's zip output keeps growing its
 * readable buffer while nobody reads it. So a fast database and a slow client pile the file up in
 * memory. The writer below measures what is queued between the rows and the client (sheet XML not
 * yet compressed, zip output not yet taken, our own PassThrough) and lets the producer wait until
 * that falls under a limit. The fields read are those of exceljs 4.4 / archiver 5; if they are
 * absent the measure falls back to our own PassThrough (checked by the export tests).
 */
interface StreamState {
  length: number;
}
interface SheetInternals {
  _stream?: { pipes?: { _writableState?: StreamState; _readableState?: StreamState }[] };
}
interface WorkbookInternals {
  zip?: { _readableState?: StreamState };
}

export function xlsxBacklog(wb: ExcelJS.stream.xlsx.WorkbookWriter, ws: ExcelJS.Worksheet, pass: PassThrough): number {
  const sheetPipe = (ws as unknown as SheetInternals)._stream?.pipes?.[0];
  const zip = (wb as unknown as WorkbookInternals).zip;
  return (
    (sheetPipe?._writableState?.length ?? 0) +
    (sheetPipe?._readableState?.length ?? 0) +
    (zip?._readableState?.length ?? 0) +
    pass.writableLength +
    pass.readableLength
  );
}

const POLL_MS = 5;

/**
 * Resolves true once the backlog is under `limit` bytes (at once when it already is), false when
 * the output was destroyed (client gone, or an error): the producer must stop then.
 */
export async function waitForXlsxRoom(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  ws: ExcelJS.Worksheet,
  pass: PassThrough,
  limit: number,
): Promise<boolean> {
  // Compression runs on the thread pool: a short timer lets it and the socket make progress.
  while (!pass.destroyed && xlsxBacklog(wb, ws, pass) > limit)
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  return !pass.destroyed;
}

/**
 * A Node stream as a web ReadableStream whose queue is counted in bytes: the Node stream is paused
 * as soon as `highWaterMark` bytes wait for the client (Readable.toWeb counts chunks, not bytes).
 */
export function streamToWeb(source: PassThrough, highWaterMark: number): ReadableStream<Uint8Array> {
  let finished = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        source.on('data', (chunk: Buffer) => {
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 0) <= 0) source.pause();
        });
        source.once('end', () => {
          finished = true;
          controller.close();
        });
        source.once('error', (error) => {
          if (finished) return;
          finished = true;
          controller.error(error);
        });
      },
      pull() {
        source.resume();
      },
      cancel() {
        finished = true;
        source.destroy();
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark }),
  );
}
