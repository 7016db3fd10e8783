import { documentListQuerySchema, documentUploadSchema } from '@/lib/documents/schema';
import { defineRoute } from '../registry';

const notFound = { status: 404, description: 'Client introuvable (ou document d’un autre client).' };

export const listDocumentsRoute = defineRoute({
  method: 'get',
  path: '/api/customers/{id}/documents',
  tag: 'documents',
  permission: 'customer.read',
  summary:
    'Live documents (newest first, optional `?category=`) → `{data, stats: {count, totalBytes, byCategory: {cat: {count, bytes}}}}` (stats over all categories); `data[].canDelete` for the caller',
  query: documentListQuerySchema,
  responses: [
    { status: 200, description: '`{data, stats}`' },
    { status: 422, description: 'Catégorie inconnue' },
    notFound,
  ],
});

export const uploadDocumentRoute = defineRoute({
  method: 'post',
  path: '/api/customers/{id}/documents',
  tag: 'documents',
  permission: 'document.upload',
  summary:
    'Upload (multipart: `file`, `category`, `description?`; `interventionId?` links a photo to one of this customer’s interventions — the assigned technician or a manager, 404 for another customer’s — and with `signature=true` stores the customer’s signature, a PNG). Type decided from the bytes against an allow-list (PDF, JPEG, PNG, WebP, HEIC, DOCX, XLSX, ODT, TXT/CSV); size limit MAX_UPLOAD_MB; sha256 recorded; writes a document activity',
  body: documentUploadSchema,
  bodyContentType: 'multipart/form-data',
  responses: [
    { status: 201, description: 'Document' },
    { status: 400, description: 'Aucun fichier' },
    { status: 413, description: 'Fichier trop volumineux' },
    { status: 415, description: 'Type de fichier non autorisé' },
    { status: 422, description: 'Catégorie invalide ou fichier vide' },
    notFound,
  ],
});

export const downloadDocumentRoute = defineRoute({
  method: 'get',
  path: '/api/customers/{id}/documents/{docId}',
  tag: 'documents',
  permission: 'customer.read',
  summary:
    'Download (streamed; `Content-Disposition: attachment`, `X-Content-Type-Options: nosniff`, sniffed type); `?inline=1` previews images and PDFs',
  responses: [{ status: 200, description: 'Le fichier', contentType: 'application/octet-stream' }, notFound],
});

export const deleteDocumentRoute = defineRoute({
  method: 'delete',
  path: '/api/customers/{id}/documents/{docId}',
  tag: 'documents',
  permission: 'document.delete',
  summary:
    'Delete (technicians: own uploads only); the row is kept as a tombstone, the stored file is removed after commit; writes a document activity',
  responses: [
    { status: 204, description: 'Supprimé' },
    { status: 403, description: 'Pas l’auteur du dépôt' },
    notFound,
  ],
});
