import { z } from 'zod';
import { getDb, type Db } from '@/db';
import type { Actor } from '@/lib/auth/actor';
import { withAuth } from '@/lib/auth/with-auth';
import { AppError } from '@/lib/errors';
import { buildExportBundle, exportFileName, recordExportActivity } from '@/lib/export/bundle';
import { parseId, parseQuery } from '@/lib/http/parse';

/** One customer's data as a download. Each format is one exporter; each export is an activity. */
type Exporter = (db: Db, actor: Actor, customerId: string) => Promise<Response>;

const EXPORT_FORMATS = ['json', 'csv', 'xlsx', 'pdf'] as const;
type ExportFormat = (typeof EXPORT_FORMATS)[number];

const exportJson: Exporter = async (db, actor, customerId) => {
  const bundle = await buildExportBundle(db, actor, customerId);
  await recordExportActivity(db, actor, customerId, 'json', bundle.counts);
  return new Response(JSON.stringify(bundle, null, 2), {
    status: 200,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="${exportFileName(bundle.customer.number, 'json')}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
};

// csv / xlsx / pdf: null until their exporters (lib/export/{csv,xlsx,pdf}.ts) are plugged in here.
const EXPORTERS: Record<ExportFormat, Exporter | null> = {
  json: exportJson,
  csv: null,
  xlsx: null,
  pdf: null,
};

const querySchema = z.object({
  format: z
    .string()
    .trim()
    .toLowerCase()
    .default('json')
    .refine((v): v is ExportFormat => (EXPORT_FORMATS as readonly string[]).includes(v), {
      message: `Format inconnu : choisissez ${EXPORT_FORMATS.join(', ')}.`,
    }),
});

export const GET = withAuth<{ id: string }>(
  async (req, { actor, params }) => {
    const customerId = parseId(params.id, 'Client');
    const { format } = parseQuery(req, querySchema);
    const exporter = EXPORTERS[format as ExportFormat];
    if (!exporter) throw AppError.validation({ format: ['Format non disponible.'] }, 'Format non disponible');
    return exporter(getDb(), actor, customerId);
  },
  { permission: 'customer.export' },
);
