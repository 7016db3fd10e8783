import { documentListQuerySchema, documentUpdateSchema, documentUploadSchema } from '@/lib/documents/schema';
import { created, ok, routesOf } from '../registry';

const route = routesOf('documents');

const notFound = { status: 404, description: 'Client introuvable (ou document d’un autre client).' };

export const listDocumentsRoute = route.get('/api/customers/{id}/documents', {
  permission: 'customer.read',
  summary:
    'Live documents (newest first, optional `?category=`) → `{data, stats: {count, totalBytes, byCategory: {cat: {count, bytes}}}}` (stats over all categories); `data[].canDelete` for the caller',
  query: documentListQuerySchema,
  responses: [ok('`{data, stats}`'), { status: 422, description: 'Catégorie inconnue' }, notFound],
});

export const uploadDocumentRoute = route.post('/api/customers/{id}/documents', {
  permission: 'document.upload',
  summary:
    'Upload (multipart: `file`, `category`, `description?`; `interventionId?` links a photo to one of this customer’s interventions — the assigned technician or a manager, 404 for another customer’s — and with `signature=true` stores the customer’s signature, a PNG). Type decided from the bytes against an allow-list (PDF, JPEG, PNG, WebP, HEIC, DOCX, XLSX, ODT, TXT/CSV); size limit MAX_UPLOAD_MB; sha256 recorded; writes a document activity',
  body: documentUploadSchema,
  bodyContentType: 'multipart/form-data',
  responses: [
    created('Document'),
    { status: 400, description: 'Aucun fichier' },
    { status: 413, description: 'Fichier trop volumineux' },
    { status: 415, description: 'Type de fichier non autorisé' },
    { status: 422, description: 'Catégorie invalide ou fichier vide' },
    notFound,
  ],
});

export const downloadDocumentRoute = route.get('/api/customers/{id}/documents/{docId}', {
  permission: 'customer.read',
  summary:
    'Download (streamed; `Content-Disposition: attachment`, `X-Content-Type-Options: nosniff`, sniffed type); `?inline=1` previews images and PDFs',
  responses: [{ status: 200, description: 'Le fichier', contentType: 'application/octet-stream' }, notFound],
});

export const deleteDocumentRoute = route.delete('/api/customers/{id}/documents/{docId}', {
  permission: 'document.delete',
  summary:
    'Delete (technicians: own uploads only); the row is kept as a tombstone, the stored file is removed after commit; writes a document activity',
  responses: [
    { status: 204, description: 'Supprimé' },
    { status: 403, description: 'Pas l’auteur du dépôt' },
    notFound,
  ],
});

export const updateDocumentRoute = route.patch('/api/customers/{id}/documents/{docId}', {
  permission: 'document.upload',
  summary:
    'Rename (`originalName`; the extension is kept), recategorise (`category`) or restrict (`minRole`: the minimum role to see it, never above the caller’s own) a document; technicians their own uploads only; writes a document activity with the changes',
  body: documentUpdateSchema,
  responses: [
    ok('Document'),
    { status: 400, description: 'Rôle minimum au-dessus du vôtre' },
    { status: 403, description: 'Pas l’auteur du dépôt' },
    { status: 409, description: 'Client effacé' },
    { status: 422, description: 'Champs invalides' },
    notFound,
  ],
});
